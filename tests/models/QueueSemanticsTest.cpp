// Acknowledgements, redelivery and dead letters, queue flavour by flavour,
// on hand-worked traces (constant times, nothing random) and on the p^n law
// of redelivery limits. SEMANTICS §2.1-2.2 (SQS) and §3.2-3.5 (RabbitMQ).

#include "TestTopologies.h"

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

NodeSpec deadLetter(const std::string &id)
{
    return NodeSpec{id, {0, 0}, DeadLetterSpec{}};
}

// One message at t = 1 into queue "q" consumed by "s" (workers, constant
// service time, failure probability), with a dead-letter node "dlq" if the
// queue names it, and a sink after the service.
Topology oneMessage(const QueueSpec &q, int workers, double serviceSeconds, double failureProbability,
                    std::uint64_t messages = 1, double horizon = 1000)
{
    NodeSpec s = service("s", workers, sim::Distribution::constant(serviceSeconds));
    std::get<ServiceSpec>(s.params).failureProbability = failureProbability;
    Topology t = topology(
        {producer("in", 1.0, ArrivalProcess::Constant), NodeSpec{"q", {0, 0}, q}, s, sink("out"), deadLetter("dlq")},
        {publish("in", "q"), consume("q", "s"), publish("s", "out")}, horizon);
    std::get<ProducerSpec>(t.nodes[0].params).limit = messages;
    return t;
}

QueueSpec sqs(sim::Duration visibility, std::optional<int> maxReceiveCount)
{
    QueueSpec q;
    q.flavour = QueueFlavour::Sqs;
    q.visibilityTimeout = visibility;
    q.maxReceiveCount = maxReceiveCount;
    q.deadLetter = "dlq";
    return q;
}

QueueSpec rabbit(std::optional<int> deliveryLimit, FailureAction onFailure = FailureAction::Requeue,
                 std::string deadLetterTarget = "dlq")
{
    QueueSpec q;
    q.flavour = QueueFlavour::RabbitMq;
    q.deliveryLimit = deliveryLimit;
    q.onFailure = onFailure;
    q.deadLetter = std::move(deadLetterTarget);
    return q;
}

} // namespace

TEST(QueueSemantics, BasicQueueLosesAFailedMessage)
{
    // Auto-ack: the queue forgot the message when it delivered it.
    QueueSpec basic;
    const RunResults r = runChecked(oneMessage(basic, 1, 1.0, 1.0), 1);
    EXPECT_EQ(r.ledger.failed, 1u);
    EXPECT_EQ(r.node("q").departures, 1u);
    EXPECT_EQ(r.node("q").redeliveries, 0u);
}

TEST(QueueSemantics, SqsProcessesAPoisonMessageMaxReceiveCountTimes)
{
    // Visibility 10 s, processing 1 s, always failing. Received at 1, 11 and
    // 21 (each failure leaves it invisible until receive + 10 s); when it is
    // visible again at 31, the receive that would be the 4th moves it to the
    // dead-letter queue instead.
    const RunResults r = runChecked(oneMessage(sqs(sim::Duration::seconds(10), 3), 1, 1.0, 1.0), 1);
    EXPECT_EQ(r.node("s").failures, 3u);
    EXPECT_EQ(r.node("q").departures, 3u);
    EXPECT_EQ(r.node("q").redeliveries, 2u);
    EXPECT_EQ(r.ledger.deadLettered.at("max-receives"), 1u);
    EXPECT_EQ(r.node("dlq").deadLettersByReason.at("max-receives"), 1u);
    EXPECT_EQ(r.ledger.failed, 0u) << "a failed receive is not the end of an SQS message";
    EXPECT_DOUBLE_EQ(r.simulatedTime, 31.0);
}

TEST(QueueSemantics, RabbitMqDeliversAPoisonMessageLimitPlusOneTimes)
{
    // Quorum queue, delivery-limit 3, always failing, 1 s each: the nack
    // requeues it at the head at once, so it is delivered at 1, 2, 3 and 4;
    // the 4th return makes the count 4 > 3 and it is dead-lettered at 5.
    // SQS with maxReceiveCount 3 processes it 3 times: the off-by-one of SEMANTICS §3.5.
    const RunResults r = runChecked(oneMessage(rabbit(3), 1, 1.0, 1.0), 1);
    EXPECT_EQ(r.node("s").failures, 4u);
    EXPECT_EQ(r.node("q").departures, 4u);
    EXPECT_EQ(r.ledger.deadLettered.at("delivery-limit"), 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 5.0);
}

TEST(QueueSemantics, RabbitMqWithoutALimitRequeuesForever)
{
    // No delivery limit: the hot requeue loop of SEMANTICS §3.2. 100 s of it
    // at 1 s per attempt.
    Topology t = oneMessage(rabbit(std::nullopt), 1, 1.0, 1.0, 1, 100.5);
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("s").failures, 99u); // attempts end at 2, 3, ..., 100
    EXPECT_EQ(r.ledger.inFlight, 1u);
    EXPECT_EQ(r.ledger.deadLetteredTotal(), 0u);
}

TEST(QueueSemantics, RabbitMqRejectDeadLettersOrDrops)
{
    const RunResults withTarget = runChecked(oneMessage(rabbit(20, FailureAction::Reject), 1, 1.0, 1.0), 1);
    EXPECT_EQ(withTarget.ledger.deadLettered.at("rejected"), 1u);
    EXPECT_EQ(withTarget.node("s").failures, 1u);
    // Without a dead-letter exchange, RabbitMQ discards it.
    const RunResults without = runChecked(oneMessage(rabbit(20, FailureAction::Reject, ""), 1, 1.0, 1.0), 1);
    EXPECT_EQ(without.ledger.dropped.at("rejected"), 1u);
    EXPECT_EQ(without.ledger.deadLetteredTotal(), 0u);
}

TEST(QueueSemantics, SqsVisibilityTimeoutShorterThanProcessingDuplicates)
{
    // Visibility 1 s, processing 1.5 s, always succeeding, two workers,
    // maxReceiveCount 2. t=1: received (#1) by a worker. t=2: still being
    // processed, so it is visible again: a copy is received (#2) by the other
    // worker. t=2.5: the first finishes; its delete uses a stale receipt, so
    // the copy stays, but the work is done and passed on (completed 1).
    // t=3: the copy's timeout ends while it is processed: another copy is
    // visible, and its receive would be the 3rd: dead-lettered. t=3.5: the
    // second finishes and is passed on too (completed 2): a duplicate side effect.
    const RunResults r = runChecked(oneMessage(sqs(sim::Duration::seconds(1), 2), 2, 1.5, 0.0), 1);
    EXPECT_EQ(r.ledger.produced, 1u);
    EXPECT_EQ(r.ledger.duplicated, 2u);
    EXPECT_EQ(r.ledger.completed, 2u);
    EXPECT_EQ(r.ledger.deadLettered.at("max-receives"), 1u);
    EXPECT_EQ(r.node("q").duplicates, 2u);
    EXPECT_EQ(r.node("out").arrivals, 2u) << "the same message reached the sink twice";
    EXPECT_DOUBLE_EQ(r.simulatedTime, 3.5);
}

TEST(QueueSemantics, SqsDeleteInTimeCancelsTheTimeout)
{
    // Processing well inside the visibility timeout: one delivery each, no copies.
    const RunResults r = runChecked(oneMessage(sqs(sim::Duration::seconds(30), 3), 2, 1.0, 0.0, 100), 1);
    EXPECT_EQ(r.ledger.completed, 100u);
    EXPECT_EQ(r.ledger.duplicated, 0u);
    EXPECT_EQ(r.node("q").redeliveries, 0u);
}

TEST(QueueSemantics, RedeliveryLimitsDeadLetterPToTheNOfMessages)
{
    // Each processing fails independently with probability p. SQS with
    // maxReceiveCount 3 dead-letters those that fail 3 times: p³. RabbitMQ
    // with delivery-limit 2 delivers limit + 1 = 3 times: also p³.
    const double p = 0.3;
    const double n = 20000;
    const double expected = p * p * p;                                       // 0.027
    const double tolerance = 4.5 * std::sqrt(expected * (1 - expected) / n); // 4.5 binomial sd
    for (const QueueSpec &q : {sqs(sim::Duration::seconds(5), 3), rabbit(2)}) {
        const RunResults r = runChecked(oneMessage(q, 50, 0.01, p, 20000, 1e6), 3);
        const double share = static_cast<double>(r.ledger.deadLetteredTotal()) / n;
        EXPECT_NEAR(share, expected, tolerance) << (q.flavour == QueueFlavour::Sqs ? "sqs" : "rabbitmq");
        EXPECT_EQ(r.ledger.completed + r.ledger.deadLetteredTotal(), 20000u);
        // Mean deliveries per message: 1 + p + p² exactly in expectation.
        const double deliveries = static_cast<double>(r.node("q").departures) / n;
        EXPECT_NEAR(deliveries, 1 + p + p * p, 0.02);
    }
}

TEST(QueueSemantics, ReceiveCountsArePerQueue)
{
    // A message delivered by one queue starts afresh at the next: with
    // maxReceiveCount 1 downstream, nothing that succeeds is dead-lettered.
    QueueSpec second = sqs(sim::Duration::seconds(30), 1);
    Topology t = topology(
        {producer("in", 5), queue("q1"), service("a", 2, sim::Distribution::exponential(0.1)),
         NodeSpec{"q2", {0, 0}, second}, service("b", 2, sim::Distribution::exponential(0.1)), sink("out"),
         deadLetter("dlq")},
        {publish("in", "q1"), consume("q1", "a"), publish("a", "q2"), consume("q2", "b"), publish("b", "out")}, 200);
    const RunResults r = runChecked(t, 2);
    EXPECT_EQ(r.ledger.deadLetteredTotal(), 0u);
    EXPECT_EQ(r.node("q2").redeliveries, 0u);
    EXPECT_GT(r.ledger.completed, 900u);
}

namespace {

// SQS, visibility 1 s, processing 1.5 s (always longer), maxReceiveCount 3,
// one worker, one message at t = 1.
Topology slowConsumer(bool idempotent)
{
    Topology t = oneMessage(sqs(sim::Duration::seconds(1), 3), 1, 1.5, 0.0);
    if (idempotent)
        std::get<ServiceSpec>(t.nodes[2].params).idempotency = IdempotencySpec{};
    return t;
}

} // namespace

TEST(QueueSemantics, WithoutIdempotencyEveryCopyIsASideEffect)
{
    // t=1 received (#1). t=2 visible again while processed: copy A. t=2.5 done
    // (stale receipt: completed 1); the free worker receives A (#2). t=3.5 A's
    // timeout: copy B. t=4 A done (completed 2, a duplicate side effect);
    // receives B (#3). t=5 B's timeout: copy C. t=5.5 B done (completed 3,
    // side effect 2); C's receive would be the 4th: dead-lettered at 5.5.
    const RunResults r = runChecked(slowConsumer(false), 1);
    EXPECT_EQ(r.ledger.duplicated, 3u);
    EXPECT_EQ(r.ledger.completed, 3u);
    EXPECT_EQ(r.ledger.deadLettered.at("max-receives"), 1u);
    EXPECT_EQ(r.node("s").duplicateSideEffects, 2u);
    EXPECT_EQ(r.node("s").duplicatesSuppressed, 0u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 5.5);
}

TEST(QueueSemantics, AnIdempotentConsumerSkipsTheCopy)
{
    // As above until t=2.5: the first processing is done and its id stored;
    // copy A is received, recognised and acknowledged without work (dropped
    // as a duplicate), so no further copies arise.
    const RunResults r = runChecked(slowConsumer(true), 1);
    EXPECT_EQ(r.ledger.duplicated, 1u);
    EXPECT_EQ(r.ledger.completed, 1u);
    EXPECT_EQ(r.ledger.dropped.at("duplicate"), 1u);
    EXPECT_EQ(r.ledger.deadLetteredTotal(), 0u);
    EXPECT_EQ(r.node("s").duplicatesSuppressed, 1u);
    EXPECT_EQ(r.node("s").duplicateSideEffects, 0u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 2.5);
}

TEST(QueueSemantics, AnIdempotentConsumerRollsBackAConcurrentCopy)
{
    // The duplicate trace above (two workers, both copies processed at once)
    // with an idempotent consumer: at t=2.5 the first commits and records the
    // id; at t=3.5 the second finds it recorded and rolls back.
    Topology t = oneMessage(sqs(sim::Duration::seconds(1), 2), 2, 1.5, 0.0);
    std::get<ServiceSpec>(t.nodes[2].params).idempotency = IdempotencySpec{};
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.duplicated, 2u);
    EXPECT_EQ(r.ledger.completed, 1u);
    EXPECT_EQ(r.ledger.dropped.at("duplicate"), 1u);
    EXPECT_EQ(r.ledger.deadLettered.at("max-receives"), 1u);
    EXPECT_EQ(r.node("out").arrivals, 1u) << "one effect downstream";
    EXPECT_EQ(r.node("s").duplicateSideEffects, 0u);
}

namespace {

// Ten messages at t = 1..10 into a queue whose one consumer takes 3 s each
// (so a backlog builds), with a dead-letter node named by the queue if given.
Topology backlog(const QueueSpec &q)
{
    Topology t = oneMessage(q, 1, 3.0, 0.0, 10);
    return t;
}

} // namespace

TEST(QueueSemantics, RabbitMqTtlExpiresAtTheHead)
{
    // TTL 4 s. Served: #1 at 1 (to 4), #2 at 4 (age 2, to 7), #3 at 7 (age 4:
    // not strictly older, to 10), #4 at 10 (age 6 > 4: expired), #5 (age 5:
    // expired), #6 (age 4: served to 13), #7 at 13 (age 6: expired), #8 (age
    // 5: expired), #9 at 13 (age 4: served to 16), #10 at 16 (age 6: expired).
    QueueSpec q = rabbit(20);
    q.messageTtl = sim::Duration::seconds(4);
    const RunResults r = runChecked(backlog(q), 1);
    EXPECT_EQ(r.ledger.completed, 5u);
    EXPECT_EQ(r.ledger.deadLettered.at("expired"), 5u);
    EXPECT_EQ(r.node("q").expired, 5u);
    // Without a dead-letter target they simply expire.
    q.deadLetter.clear();
    const RunResults plain = runChecked(backlog(q), 1);
    EXPECT_EQ(plain.ledger.expired, 5u);
    EXPECT_EQ(plain.ledger.deadLetteredTotal(), 0u);
}

TEST(QueueSemantics, SqsRetentionDeletesWithoutDeadLettering)
{
    // Retention 60 s (the minimum) and a consumer taking 100 s: the second
    // message, waiting since 2, is 99 s old when the worker frees at 101.
    QueueSpec q = sqs(sim::Duration::seconds(300), 3);
    q.retention = sim::Duration::seconds(60);
    Topology t = oneMessage(q, 1, 100.0, 0.0, 2);
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.completed, 1u);
    EXPECT_EQ(r.ledger.expired, 1u);
    EXPECT_EQ(r.ledger.deadLetteredTotal(), 0u);
}

TEST(QueueSemantics, SqsDeliveryDelayHidesNewMessages)
{
    // DelaySeconds 5: the message sent at 1 is received at 6 and done at 7.
    QueueSpec q = sqs(sim::Duration::seconds(30), 3);
    q.deliveryDelay = sim::Duration::seconds(5);
    const RunResults r = runChecked(oneMessage(q, 1, 1.0, 0.0), 1);
    EXPECT_EQ(r.ledger.completed, 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 7.0);
    EXPECT_DOUBLE_EQ(r.flows.front().latency.mean, 6.0);
}

TEST(QueueSemantics, RabbitMqOverflowDeadLettersAsMaxlen)
{
    // Room for one ready message. #1 served 1-4; #2 waits; #3 finds it full.
    // drop-head with a target: the oldest (#2) is dead-lettered as maxlen.
    QueueSpec dropHead = rabbit(20);
    dropHead.capacity = 1;
    dropHead.overflow = OverflowPolicy::DropOldest;
    Topology t = oneMessage(dropHead, 1, 3.0, 0.0, 3);
    const RunResults a = runChecked(t, 1);
    EXPECT_EQ(a.ledger.deadLettered.at("maxlen"), 1u);
    EXPECT_EQ(a.ledger.completed, 2u); // #1 and #3
    // reject-publish-dlx: the newcomer (#3) is refused and dead-lettered.
    QueueSpec rejectDlx = dropHead;
    rejectDlx.overflow = OverflowPolicy::RejectNewDeadLetter;
    const RunResults b = runChecked(oneMessage(rejectDlx, 1, 3.0, 0.0, 3), 1);
    EXPECT_EQ(b.ledger.deadLettered.at("maxlen"), 1u);
    EXPECT_EQ(b.ledger.completed, 2u); // #1 and #2
    EXPECT_DOUBLE_EQ(b.simulatedTime, 7.0);
}

TEST(QueueSemantics, RedeliveryBreaksPerKeyOrderInSqsButNotInARequeueAtTheHead)
{
    // One key, a message a second, 0.1 s of work that fails half the time.
    // SQS hides a failed message for 5 s, so its successors (all the same key)
    // start first: every redelivery is out of order. A RabbitMQ nack puts it
    // back at the head and the single worker takes it at once: order kept.
    auto run = [](const QueueSpec &q) {
        Topology t = oneMessage(q, 1, 0.1, 0.5, 2000, 1e6);
        std::get<ProducerSpec>(t.nodes[0].params).keys.count = 1;
        return runChecked(t, 4);
    };
    const RunResults sqsRun = run(sqs(sim::Duration::seconds(5), 10));
    EXPECT_GT(sqsRun.node("q").redeliveries, 1000u);
    // The last messages have no successors left to overtake them; allow for that.
    EXPECT_NEAR(static_cast<double>(sqsRun.node("s").outOfOrder), static_cast<double>(sqsRun.node("q").redeliveries),
                10.0);
    const RunResults rabbitRun = run(rabbit(10));
    EXPECT_GT(rabbitRun.node("q").redeliveries, 1000u);
    EXPECT_EQ(rabbitRun.node("s").outOfOrder, 0u);
}

TEST(QueueSemantics, RedriveSendsDeadLettersBackAsNewMessages)
{
    // A RabbitMQ consumer rejects everything: the message is dead-lettered at
    // 2. The dead-letter queue redrives at 100: back in the queue as a new
    // message, delivered at once, rejected again at 101 and dead-lettered for
    // good (the redrive happened once).
    Topology t = oneMessage(rabbit(20, FailureAction::Reject), 1, 1.0, 1.0);
    std::get<DeadLetterSpec>(t.nodes[4].params).redriveAt = sim::Duration::seconds(100);
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.produced, 1u);
    EXPECT_EQ(r.ledger.redriven, 1u);
    EXPECT_EQ(r.ledger.deadLettered.at("rejected"), 2u);
    EXPECT_EQ(r.node("dlq").redriven, 1u);
    EXPECT_EQ(r.node("q").arrivals, 2u);
    EXPECT_EQ(r.node("s").failures, 2u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 101.0);
}
