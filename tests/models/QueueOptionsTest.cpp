// The queue options of SEMANTICS §2.4 and §3.2/§3.5 on hand-worked traces
// (constant times, nothing random): consumer prefetch, SQS FIFO message
// groups, the deduplication window and RabbitMQ 4.3's delivery-limit rule.

#include "TestTopologies.h"

#include "models/CapacityCheck.h"
#include "models/MessageQueue.h"
#include "models/TopologyJson.h"

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

NodeSpec deadLetter(const std::string &id)
{
    return NodeSpec{id, {0, 0}, DeadLetterSpec{}};
}

NodeSpec queueNode(const std::string &id, const QueueSpec &q)
{
    return NodeSpec{id, {0, 0}, q};
}

NodeSpec limitedProducer(const std::string &id, double rate, std::uint64_t limit, std::uint32_t keys = 0)
{
    NodeSpec p = producer(id, rate, ArrivalProcess::Constant);
    std::get<ProducerSpec>(p.params).limit = limit;
    std::get<ProducerSpec>(p.params).keys.count = keys;
    return p;
}

NodeSpec failingService(const std::string &id, int workers, sim::Distribution time, double failureProbability)
{
    NodeSpec s = service(id, workers, time);
    std::get<ServiceSpec>(s.params).failureProbability = failureProbability;
    return s;
}

QueueSpec rabbit(std::uint32_t prefetch)
{
    QueueSpec q;
    q.flavour = QueueFlavour::RabbitMq;
    q.prefetch = prefetch;
    return q;
}

// Ten messages at 0.01, 0.02, ..., 0.10 into a RabbitMQ queue with two
// competing consumers of one worker each: "slow" (10 s a message, the first
// consume edge) and "fast" (1 s).
Topology slowAndFast(std::uint32_t prefetch)
{
    return topology({limitedProducer("in", 100, 10), queueNode("q", rabbit(prefetch)),
                     service("slow", 1, sim::Distribution::constant(10)),
                     service("fast", 1, sim::Distribution::constant(1)), sink("out")},
                    {publish("in", "q"), consume("q", "slow"), consume("q", "fast"), publish("slow", "out"),
                     publish("fast", "out")},
                    1000);
}

std::uint64_t unackedMax(const RunResults &r, const std::string &queue, const std::string &consumer)
{
    for (const QueueConsumerResults &c : r.node(queue).consumers)
        if (c.consumer == consumer)
            return c.unackedMax;
    ADD_FAILURE() << "no consumer " << consumer;
    return 0;
}

} // namespace

TEST(QueueOptions, PrefetchOneLetsTheFastConsumerTakeTheWork)
{
    // Prefetch 1 (as without one, for a worker each): message 1 goes to slow
    // (0.01 to 10.01), message 2 to fast (0.02 to 1.02); the rest wait in the
    // queue, and fast takes each as it acks the last: 3 at 1.02, ..., 10 at
    // 8.02, done at 9.02. Slow finishes its one at 10.01.
    for (const std::uint32_t prefetch : {0u, 1u}) {
        const RunResults r = runChecked(slowAndFast(prefetch), 1);
        EXPECT_EQ(r.node("slow").departures, 1u) << "prefetch " << prefetch;
        EXPECT_EQ(r.node("fast").departures, 9u) << "prefetch " << prefetch;
        EXPECT_NEAR(r.simulatedTime, 10.01, 1e-9);
        EXPECT_EQ(unackedMax(r, "q", "slow"), 1u);
        EXPECT_EQ(unackedMax(r, "q", "fast"), 1u);
        EXPECT_EQ(r.ledger.completed, 10u);
    }
}

TEST(QueueOptions, PrefetchTenHoardsMessagesTheOtherConsumerCannotGet)
{
    // Prefetch 10: the broker pushes round-robin while a consumer has credit,
    // so slow holds 1, 3, 5, 7, 9 (one processing, four buffered) and fast 2,
    // 4, 6, 8, 10. Fast is done at 5.02 and then idle while slow works
    // through its five: 10.01, 20.01, ..., 50.01.
    const RunResults r = runChecked(slowAndFast(10), 1);
    EXPECT_EQ(r.node("slow").departures, 5u);
    EXPECT_EQ(r.node("fast").departures, 5u);
    EXPECT_NEAR(r.simulatedTime, 50.01, 1e-9);
    EXPECT_EQ(unackedMax(r, "q", "slow"), 5u);
    EXPECT_EQ(unackedMax(r, "q", "fast"), 5u);
    // Slow's last message, sent at 0.09, waited in its buffer until 40.01.
    ASSERT_EQ(r.flows.size(), 1u);
    EXPECT_NEAR(r.flows[0].latency.max, 50.01 - 0.09, 1e-6);
    EXPECT_EQ(r.node("q").queueLength.max, 0.0) << "every message was pushed to a consumer at once";
}

TEST(QueueOptions, PrefetchBelowTheWorkersCapsConcurrency)
{
    // 100 messages at 0.01, ..., 1.00 to one consumer of 4 workers, 1 s each.
    // Prefetch 2: two at a time, message 2k+j (j = 1, 2) from k + 0.0j to
    // k + 1 + 0.0j, so the last ends at 50.02: a throughput of exactly
    // prefetch / service time = 2 per second instead of 4.
    auto run = [](std::uint32_t prefetch) {
        return runChecked(topology({limitedProducer("in", 100, 100), queueNode("q", rabbit(prefetch)),
                                    service("s", 4, sim::Distribution::constant(1)), sink("out")},
                                   {publish("in", "q"), consume("q", "s"), publish("s", "out")}, 1000),
                          1);
    };
    const RunResults two = run(2);
    EXPECT_NEAR(two.simulatedTime, 50.02, 1e-9);
    EXPECT_EQ(two.node("s").busyWorkers.max, 2.0);
    EXPECT_EQ(unackedMax(two, "q", "s"), 2u);
    EXPECT_EQ(two.ledger.completed, 100u);
    // Without a prefetch all four work: message 4k+j ends at k + 1 + 0.0j, the last at 25.04.
    const RunResults unlimited = run(0);
    EXPECT_NEAR(unlimited.simulatedTime, 25.04, 1e-9);
    EXPECT_EQ(unlimited.node("s").busyWorkers.max, 4.0);
    EXPECT_EQ(unackedMax(unlimited, "q", "s"), 4u);
}

TEST(QueueOptions, PrefetchBelowTheWorkersIsAnMmpStation)
{
    // Poisson arrivals at 3/s, exponential service of mean 1 s, 4 workers
    // but prefetch 2: an M/M/2 station, overloaded (the 4 workers could keep
    // up, the window cannot). Its backlog grows, so after the first seconds
    // both permitted workers are always busy and completions are a Poisson
    // process of rate 2μ = 2/s. Over the 3900 measured seconds the sd of the
    // rate is sqrt(2 / 3900) = 0.023, so 0.1 is over 4 sd.
    Topology t = topology({producer("in", 3.0), queueNode("q", rabbit(2)),
                           service("s", 4, sim::Distribution::exponential(1.0)), sink("out")},
                          {publish("in", "q"), consume("q", "s"), publish("s", "out")}, 4000, 100);
    const RunResults r = runChecked(t, 7);
    EXPECT_NEAR(r.node("s").throughput, 2.0, 0.1);
    EXPECT_LE(r.node("s").busyWorkers.max, 2.0);
}

TEST(QueueOptions, CapacityCheckCountsTheWorkersThePrefetchLets)
{
    // The station of the test above: 4 workers of 1 s, but only 2 at a time:
    // capacity 2/s, predicted as M/M/2 (offered 1.5/s: rho = 0.75).
    Topology t = topology({producer("in", 1.5), queueNode("q", rabbit(2)),
                           service("s", 4, sim::Distribution::exponential(1.0)), sink("out")},
                          {publish("in", "q"), consume("q", "s"), publish("s", "out")}, 100);
    const CapacityCheck check = checkCapacity(t);
    ASSERT_TRUE(check.nodes[2].capacity);
    EXPECT_DOUBLE_EQ(*check.nodes[2].capacity, 2.0);
    EXPECT_DOUBLE_EQ(*check.nodes[2].utilisation, 0.75);
    ASSERT_TRUE(check.nodes[1].prediction) << check.nodes[1].noPrediction;
    EXPECT_EQ(check.nodes[1].prediction->servers, 2);
    EXPECT_EQ(check.nodes[1].prediction->model, "M/M/2");
    // Prefetch 0 (or at least the workers) leaves all four.
    std::get<QueueSpec>(t.nodes[1].params).prefetch = 0;
    EXPECT_DOUBLE_EQ(*checkCapacity(t).nodes[2].capacity, 4.0);
}

namespace {

QueueSpec sqsQueue(bool fifo, sim::Duration visibility = sim::Duration::seconds(30))
{
    QueueSpec q;
    q.flavour = QueueFlavour::Sqs;
    q.fifo = fifo;
    q.visibilityTimeout = visibility;
    return q;
}

// Two single-key producers (two message groups) into one queue consumed by
// one service of 4 workers, 1 s a message: "a" sends at 0.1, 0.2, 0.3 and
// "b" at 0.25, 0.5, 0.75.
Topology twoGroups(bool fifo)
{
    return topology({limitedProducer("a", 10, 3, 1), limitedProducer("b", 4, 3, 1), queueNode("q", sqsQueue(fifo)),
                     service("s", 4, sim::Distribution::constant(1)), sink("out")},
                    {publish("a", "q"), publish("b", "q"), consume("q", "s"), publish("s", "out")}, 1000);
}

} // namespace

TEST(QueueOptions, FifoHoldsBackAGroupWhileOneOfItsMessagesIsInFlight)
{
    // a1 is received at 0.1; a2 (0.2) waits, its group in flight; b1 (0.25)
    // is of another group and overtakes it, received at once by a free
    // worker. a3, b2, b3 wait too. a1 is deleted at 1.1: a2 goes; b1 at 1.25:
    // b2; then a3 at 2.1, b3 at 2.25, done at 3.25. Never more than one
    // message per group, so at most 2 of the 4 workers busy.
    const RunResults fifo = runChecked(twoGroups(true), 1);
    EXPECT_NEAR(fifo.simulatedTime, 3.25, 1e-9);
    EXPECT_EQ(fifo.node("s").busyWorkers.max, 2.0);
    EXPECT_EQ(fifo.node("s").departures, 6u);
    EXPECT_EQ(fifo.node("q").queueLength.max, 4.0); // a2, a3, b2, b3 at 0.75
    // a3 waited longest: 0.3 to 2.1.
    EXPECT_NEAR(fifo.node("q").waitingTime.max, 1.8, 1e-6);
    // A standard queue hands the first four to the four workers as they come;
    // b2 (0.5) and b3 (0.75) wait for the workers free at 1.1 and 1.2, and
    // b3 ends at 2.2.
    const RunResults standard = runChecked(twoGroups(false), 1);
    EXPECT_NEAR(standard.simulatedTime, 2.2, 1e-9);
    EXPECT_EQ(standard.node("s").busyWorkers.max, 4.0);
}

TEST(QueueOptions, CapacityCheckMakesNoPredictionForAFifoQueue)
{
    const CapacityCheck check = checkCapacity(twoGroups(true));
    EXPECT_FALSE(check.nodes[2].prediction);
    EXPECT_EQ(check.nodes[2].noPrediction, "its FIFO queue serves each message group one message at a time");
}

TEST(QueueOptions, FifoKeepsKeyOrderUnderFailuresAndCompetingConsumers)
{
    // Keyed messages, three competing consumers of two workers, exponential
    // service, 20% of processings fail (visible again 2 s after the receive).
    // A standard queue redelivers a failed message behind later ones of its
    // key: inversions. A FIFO queue receives nothing of a group while one of
    // its messages is in flight: none, exactly.
    auto run = [](bool fifo) {
        QueueSpec q = sqsQueue(fifo, sim::Duration::seconds(2));
        q.maxReceiveCount = 10;
        q.deadLetter = "dlq";
        NodeSpec in = producer("in", 2.0);
        std::get<ProducerSpec>(in.params).keys.count = 5;
        Topology t = topology({in, queueNode("q", q), failingService("s1", 2, sim::Distribution::exponential(0.5), 0.2),
                               failingService("s2", 2, sim::Distribution::exponential(0.5), 0.2),
                               failingService("s3", 2, sim::Distribution::exponential(0.5), 0.2), sink("out"),
                               deadLetter("dlq")},
                              {publish("in", "q"), consume("q", "s1"), consume("q", "s2"), consume("q", "s3"),
                               publish("s1", "out"), publish("s2", "out"), publish("s3", "out")},
                              2000);
        const RunResults r = runChecked(t, 11);
        return std::pair(r.node("s1").outOfOrder + r.node("s2").outOfOrder + r.node("s3").outOfOrder, r);
    };
    const auto [fifoInversions, fifo] = run(true);
    const auto [standardInversions, standard] = run(false);
    EXPECT_EQ(fifoInversions, 0u);
    EXPECT_GT(standardInversions, 50u) << "a failed message comes back behind later ones of its key";
    EXPECT_GT(fifo.node("q").redeliveries, 500u) << "the failures were there";
    EXPECT_GT(fifo.ledger.completed, 3700u) << "and the groups kept up with 2 messages a second";
}

namespace {

// A queue driven directly: sends of chosen ids at chosen times, nobody consuming.
struct DirectQueue
{
    explicit DirectQueue(QueueSpec spec)
        : context(1, 1, sim::Duration::seconds(1))
        , node{"q", {0, 0}, std::move(spec)}
        , queue(context, node, 0)
    {
        context.components.push_back(&queue);
    }
    bool send(std::uint64_t id, double atSeconds)
    {
        context.simulation.advanceClock(sim::Time::zero() + sim::Duration::fromSeconds(atSeconds));
        const MessageRef ref = context.pool.acquire();
        context.pool[ref].id = id;
        return queue.offer(ref);
    }
    std::uint64_t suppressed() const { return context.dropped[static_cast<std::size_t>(DropReason::Deduplicated)]; }

    RunContext context;
    NodeSpec node;
    MessageQueue queue;
};

QueueSpec deduplicating(bool extend)
{
    QueueSpec q;
    q.deduplication = QueueDeduplication{sim::Duration::seconds(300), extend};
    return q;
}

} // namespace

TEST(QueueOptions, DeduplicationWindowAnchoredAtTheFirstAcceptedSend)
{
    // Id 7 at 0 (accepted: the interval runs to 300), 100 and 250 (within:
    // acknowledged, not enqueued), 300 (the interval is over: accepted, a new
    // one to 600), 600 (accepted again). Id 8 at 100 is another message.
    DirectQueue d(deduplicating(false));
    for (const double at : {0.0, 100.0, 250.0, 300.0, 600.0})
        EXPECT_TRUE(d.send(7, at)) << "a suppressed send is acknowledged too";
    d.send(8, 100);
    EXPECT_EQ(d.suppressed(), 2u);
    EXPECT_EQ(d.queue.waiting(), 4u);
    const NodeResults r = d.queue.results(sim::Time::zero(), d.context.now());
    EXPECT_EQ(r.deduplicated, 2u);
    EXPECT_EQ(r.arrivals, 6u);
}

TEST(QueueOptions, DeduplicationWindowExtendedByEachDuplicate)
{
    // extendOnDuplicate: each suppressed send starts the interval again, so
    // 100 (to 400), 250 (to 550) and 300 (to 600) are all suppressed; 600 is
    // accepted, the interval having ended exactly then.
    DirectQueue d(deduplicating(true));
    for (const double at : {0.0, 100.0, 250.0, 300.0, 600.0})
        d.send(7, at);
    EXPECT_EQ(d.suppressed(), 3u);
    EXPECT_EQ(d.queue.waiting(), 2u);
}

TEST(QueueOptions, DeduplicationForgetsARefusedSend)
{
    // A full queue refuses the send: not accepted, so a retry is not a
    // duplicate (it is refused again, not acknowledged and dropped).
    QueueSpec q = deduplicating(false);
    q.capacity = 0;
    DirectQueue d(q);
    EXPECT_FALSE(d.send(7, 0));
    EXPECT_FALSE(d.send(7, 1));
    EXPECT_EQ(d.suppressed(), 0u);
}

TEST(QueueOptions, FifoQueuesDeduplicateOverFiveMinutesByDefault)
{
    QueueSpec q = sqsQueue(true);
    ASSERT_TRUE(q.deduplicationWindow());
    EXPECT_EQ(q.deduplicationWindow()->interval, sim::Duration::seconds(300));
    EXPECT_FALSE(sqsQueue(false).deduplicationWindow());
    DirectQueue d(q);
    d.send(7, 0);
    d.send(7, 299.5);
    d.send(7, 300);
    EXPECT_EQ(d.suppressed(), 1u);
    EXPECT_EQ(d.queue.waiting(), 2u);
}

namespace {

// The at-least-once duplicate of QueueSemantics.SqsVisibilityTimeoutShorterThanProcessingDuplicates,
// published on to a deduplicating queue "q2": "s" processes one message (id 1)
// twice, and passes it on at 2.5 and at 3.5.
Topology duplicateSends(sim::Duration interval)
{
    QueueSpec first = sqsQueue(false, sim::Duration::seconds(1));
    first.maxReceiveCount = 2;
    first.deadLetter = "dlq";
    QueueSpec second;
    second.deduplication = QueueDeduplication{interval, false};
    return topology(
        {limitedProducer("in", 1, 1), queueNode("q1", first), service("s", 2, sim::Distribution::constant(1.5)),
         queueNode("q2", second), service("s2", 1, sim::Distribution::constant(0.1)), sink("out"), deadLetter("dlq")},
        {publish("in", "q1"), consume("q1", "s"), publish("s", "q2"), consume("q2", "s2"), publish("s2", "out")}, 1000);
}

} // namespace

TEST(QueueOptions, DeduplicationSuppressesTheSecondSendOfARedeliveredMessage)
{
    // Within 5 minutes: the send at 3.5 is suppressed, although the first copy
    // was consumed and acknowledged at 2.6.
    const RunResults within = runChecked(duplicateSends(sim::Duration::seconds(300)), 1);
    EXPECT_EQ(within.node("q2").deduplicated, 1u);
    EXPECT_EQ(within.ledger.dropped.at("deduplicated"), 1u);
    EXPECT_EQ(within.node("out").arrivals, 1u);
    EXPECT_EQ(within.ledger.completed, 1u);
    EXPECT_EQ(within.ledger.duplicated, 2u);
    // An interval of 0.5 s has ended by 3.5 (it began at 2.5): both go through.
    const RunResults expired = runChecked(duplicateSends(sim::Duration::fromSeconds(0.5)), 1);
    EXPECT_EQ(expired.node("q2").deduplicated, 0u);
    EXPECT_EQ(expired.node("out").arrivals, 2u);
    EXPECT_EQ(expired.ledger.dropped.count("deduplicated"), 0u);
}

namespace {

// One always-failing message at t = 1 into a RabbitMQ queue with delivery
// limit 3 and a nacking (requeueing) consumer, 1 s a processing.
Topology requeueLoop(DeliveryLimitCounting counting)
{
    QueueSpec q;
    q.flavour = QueueFlavour::RabbitMq;
    q.deliveryLimit = 3;
    q.deliveryLimitCounts = counting;
    q.deadLetter = "dlq";
    return topology({limitedProducer("in", 1, 1), queueNode("q", q),
                     failingService("s", 1, sim::Distribution::constant(1), 1.0), sink("out"), deadLetter("dlq")},
                    {publish("in", "q"), consume("q", "s"), publish("s", "out")}, 100.5);
}

} // namespace

TEST(QueueOptions, DeliveryLimitCountsEveryReturnUpTo42)
{
    // 4.0-4.2: delivered at 1, 2, 3, 4; the 4th nack makes the count 4 > 3.
    const RunResults r = runChecked(requeueLoop(DeliveryLimitCounting::All), 1);
    EXPECT_EQ(r.node("s").failures, 4u);
    EXPECT_EQ(r.node("q").requeues, 4u);
    EXPECT_EQ(r.ledger.deadLettered.at("delivery-limit"), 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 5.0);
}

TEST(QueueOptions, DeliveryLimitIgnoresNacksFrom43)
{
    // 4.3: a nack with requeue is not a failed return, so the loop never
    // reaches the limit: deliveries at 1, 2, ..., 100, the last still in
    // processing at the end (100.5).
    const RunResults r = runChecked(requeueLoop(DeliveryLimitCounting::Failed), 1);
    EXPECT_EQ(r.node("s").failures, 99u);
    EXPECT_EQ(r.node("q").requeues, 99u);
    EXPECT_EQ(r.node("q").departures, 100u);
    EXPECT_EQ(r.node("q").redeliveries, 99u);
    EXPECT_EQ(r.ledger.deadLetteredTotal(), 0u);
    EXPECT_EQ(r.ledger.inFlight, 1u);
}

TEST(QueueOptions, DeliveryLimitRejectDeadLettersUnderEitherRule)
{
    // basic.reject without requeue dead-letters at once, whatever the version.
    for (const auto counting : {DeliveryLimitCounting::All, DeliveryLimitCounting::Failed}) {
        Topology t = requeueLoop(counting);
        std::get<QueueSpec>(t.nodes[1].params).onFailure = FailureAction::Reject;
        const RunResults r = runChecked(t, 1);
        EXPECT_EQ(r.ledger.deadLettered.at("rejected"), 1u);
        EXPECT_EQ(r.node("q").requeues, 0u);
    }
}

namespace { } // namespace

// The scenario files (the CLI tests run them too) give the traces above.
TEST(QueueOptions, ScenarioFilesGiveTheHandWorkedTraces)
{
    const RunResults prefetch = runScenario("prefetch-hoarding");
    EXPECT_EQ(prefetch.node("slow").departures, 5u);
    EXPECT_EQ(prefetch.node("fast").departures, 5u);
    EXPECT_NEAR(prefetch.simulatedTime, 50.01, 1e-9);
    EXPECT_EQ(unackedMax(prefetch, "q", "slow"), 5u);

    const RunResults fifo = runScenario("fifo-groups");
    EXPECT_NEAR(fifo.simulatedTime, 3.25, 1e-9);
    EXPECT_EQ(fifo.node("s").busyWorkers.max, 2.0);

    const RunResults dedup = runScenario("deduplicated-redelivery");
    EXPECT_EQ(dedup.ledger.dropped.at("deduplicated"), 1u);
    EXPECT_EQ(dedup.node("out").arrivals, 1u);

    const RunResults limit = runScenario("delivery-limit-43");
    EXPECT_EQ(limit.node("q").requeues, 99u);
    EXPECT_EQ(limit.ledger.deadLetteredTotal(), 0u);
    EXPECT_EQ(limit.ledger.inFlight, 1u);
}

TEST(QueueOptions, ConsumerTimeoutRequeuesAHungDeliveryAfterItsDuration)
{
    // rabbitmq-consumer-timeout.json: consumer timeout 10 s, one message at
    // 1 s whose 1 s processing always hangs. Each delivery holds the worker
    // until 10 s after it; the timeout requeues the message at the head and it
    // is delivered again at once: at 1, 11, 21, 31 and 41 s, the last one
    // still hung at 45 s. Under the 4.3 rule a timeout is not a failed return:
    // no requeue counted, no dead letter.
    const RunResults r = runScenario("rabbitmq-consumer-timeout");
    EXPECT_EQ(r.node("q").departures, 5u);
    EXPECT_EQ(r.node("s").hangs, 5u);
    EXPECT_EQ(r.node("q").requeues, 0u) << "a consumer timeout is no nack";
    EXPECT_EQ(r.ledger.deadLetteredTotal(), 0u);
    EXPECT_EQ(r.ledger.inFlight, 1u);
    // Every hang lasts exactly the timeout (from its delivery); requeued
    // deliveries never wait.
    EXPECT_DOUBLE_EQ(r.node("s").responseTime.mean, 10.0);
    EXPECT_DOUBLE_EQ(r.node("s").responseTime.max, 10.0);
    EXPECT_DOUBLE_EQ(r.node("q").waitingTime.max, 0.0);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 45.0);

    // Up to 4.2 every return counts: the timeout at 41 s is the 4th return
    // of a message delivered 4 times (4 > 3): dead-lettered then.
    Topology all = scenario("rabbitmq-consumer-timeout");
    std::get<QueueSpec>(all.nodes[static_cast<std::size_t>(all.nodeIndex("q"))].params).deliveryLimitCounts
        = DeliveryLimitCounting::All;
    const RunResults a = runChecked(all, 1);
    EXPECT_EQ(a.node("s").hangs, 4u);
    EXPECT_EQ(countOf(a.ledger.deadLettered, "delivery-limit"), 1u);
    EXPECT_DOUBLE_EQ(a.simulatedTime, 41.0);

    // The default is RabbitMQ's 30 minutes.
    EXPECT_EQ(QueueSpec{}.consumerTimeout, sim::Duration::seconds(30 * 60));
}

TEST(QueueOptions, FileFormatReadsAndWritesTheOptions)
{
    const Topology t = parseTopology(R"({
        "format": "asyncsim-topology", "version": 1,
        "nodes": [
            { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": 10 } },
            { "id": "fifo-q", "kind": "queue", "flavour": "sqs", "fifo": true },
            { "id": "rabbit-q", "kind": "queue", "flavour": "rabbitmq", "prefetch": 10, "consumerTimeout": "2m",
              "deliveryLimitCounts": "failed", "deduplication": { "interval": "1m", "extendOnDuplicate": true } },
            { "id": "basic-q", "kind": "queue", "deduplication": {} },
            { "id": "plain-q", "kind": "queue", "flavour": "rabbitmq" },
            { "id": "svc", "kind": "service", "workers": 1, "serviceTime": "10ms" }
        ],
        "edges": [
            { "from": "web", "to": "fifo-q" }, { "from": "web", "to": "rabbit-q" },
            { "from": "web", "to": "basic-q" }, { "from": "web", "to": "plain-q" },
            { "from": "fifo-q", "to": "svc" }, { "from": "rabbit-q", "to": "svc" },
            { "from": "basic-q", "to": "svc" }, { "from": "plain-q", "to": "svc" }
        ]
    })");
    const auto &fifo = std::get<QueueSpec>(t.nodes[1].params);
    EXPECT_TRUE(fifo.fifo);
    EXPECT_FALSE(fifo.deduplication) << "the 5-minute default is not stored";
    EXPECT_EQ(fifo.deduplicationWindow()->interval, sim::Duration::seconds(300));
    const auto &rabbit = std::get<QueueSpec>(t.nodes[2].params);
    EXPECT_EQ(rabbit.prefetch, 10u);
    EXPECT_EQ(rabbit.consumerTimeout, sim::Duration::seconds(120));
    EXPECT_EQ(rabbit.deliveryLimitCounts, DeliveryLimitCounting::Failed);
    EXPECT_EQ(rabbit.deduplication, (QueueDeduplication{sim::Duration::seconds(60), true}));
    const auto &basic = std::get<QueueSpec>(t.nodes[3].params);
    EXPECT_EQ(basic.deduplication, QueueDeduplication{});
    const auto &plain = std::get<QueueSpec>(t.nodes[4].params);
    EXPECT_EQ(plain.prefetch, 0u);
    EXPECT_EQ(plain.deliveryLimitCounts, DeliveryLimitCounting::All);
    EXPECT_FALSE(plain.deduplication);

    const std::string saved = serializeTopology(t);
    EXPECT_NE(saved.find("\"fifo\": true"), std::string::npos) << saved;
    EXPECT_NE(saved.find("\"prefetch\": 10"), std::string::npos) << saved;
    EXPECT_NE(saved.find("\"consumerTimeout\": \"2m\""), std::string::npos) << saved;
    EXPECT_EQ(saved.find("\"consumerTimeout\": \"30m\""), std::string::npos) << "defaults are not written";
    EXPECT_NE(saved.find("\"deliveryLimitCounts\": \"failed\""), std::string::npos) << saved;
    EXPECT_NE(saved.find("\"extendOnDuplicate\": true"), std::string::npos) << saved;
    EXPECT_EQ(saved.find("\"deliveryLimitCounts\": \"all\""), std::string::npos) << "defaults are not written";
    const Topology back = parseTopology(saved);
    for (std::size_t n = 1; n <= 4; ++n)
        EXPECT_EQ(std::get<QueueSpec>(back.nodes[n].params), std::get<QueueSpec>(t.nodes[n].params)) << n;
    EXPECT_EQ(serializeTopology(back), saved);
}
