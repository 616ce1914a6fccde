// A service's schema versions (accepts, upcaster chains, rejection), its
// failure modes (error, hang) and poison messages, on hand-worked traces
// (constant times, nothing random) and on scenario files in
// tests/models/scenarios. SEMANTICS §5.2 (versions), §2.2 and §3.5 (what a
// queue does with a message that always fails), §3.2 (consumer timeout).

#include "TestTopologies.h"

#include "models/TopologyJson.h"

#include <cmath>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

ServiceSpec &serviceOf(Topology &t, const std::string &id)
{
    return std::get<ServiceSpec>(t.nodes[static_cast<std::size_t>(t.nodeIndex(id))].params);
}

QueueSpec &queueOf(Topology &t, const std::string &id)
{
    return std::get<QueueSpec>(t.nodes[static_cast<std::size_t>(t.nodeIndex(id))].params);
}

// One producer "in" sending @p messages at 1, 2, ... s (schema @p version)
// to queue "q" consumed by "s" (one worker, @p serviceSeconds, failing with
// @p failureProbability), then a sink; dead-letter node "dlq".
Topology line(const QueueSpec &q, double serviceSeconds, double failureProbability, std::uint64_t messages = 1,
              double horizon = 1000, int version = 1)
{
    NodeSpec s = service("s", 1, sim::Distribution::constant(serviceSeconds));
    std::get<ServiceSpec>(s.params).failureProbability = failureProbability;
    NodeSpec in = producer("in", 1.0, ArrivalProcess::Constant);
    auto &p = std::get<ProducerSpec>(in.params);
    p.limit = messages;
    p.versions = {{version, 1.0}};
    return topology({in, NodeSpec{"q", {0, 0}, q}, s, sink("out"), NodeSpec{"dlq", {0, 0}, DeadLetterSpec{}}},
                    {publish("in", "q"), consume("q", "s"), publish("s", "out")}, horizon);
}

QueueSpec sqs(double visibilitySeconds, int maxReceiveCount)
{
    QueueSpec q;
    q.flavour = QueueFlavour::Sqs;
    q.visibilityTimeout = sim::Duration::fromSeconds(visibilitySeconds);
    q.maxReceiveCount = maxReceiveCount;
    q.deadLetter = "dlq";
    return q;
}

QueueSpec rabbit(std::optional<int> deliveryLimit, std::string deadLetterTarget = "dlq")
{
    QueueSpec q;
    q.flavour = QueueFlavour::RabbitMq;
    q.deliveryLimit = deliveryLimit;
    q.deadLetter = std::move(deadLetterTarget);
    return q;
}

FaultSpec poison(const std::string &target, double at, std::uint64_t count, double share = 0)
{
    FaultSpec f;
    f.at = sim::Duration::fromSeconds(at);
    f.target = target;
    f.kind = FaultKind::Poison;
    f.count = count;
    f.share = share;
    return f;
}

} // namespace

// --- Versions ---------------------------------------------------------------

TEST(ServiceVersions, ProducersFirstUnderBackwardDeadLettersEveryNewMessage)
{
    const Topology t = scenario("rolling-upgrade-producers-first");
    const RunResults r = runChecked(t, t.simulation.seed);
    EXPECT_EQ(r.ledger.completed, 50u);
    EXPECT_EQ(countOf(r.ledger.deadLettered, "rejected-version"), 50u);
    EXPECT_EQ(countOf(r.node("orders-dlq").deadLettersByReason, "rejected-version"), 50u);
    EXPECT_EQ(r.node("billing").versionRejections, 50u);
    EXPECT_EQ(r.node("billing").departures, 50u);
    EXPECT_EQ(r.node("orders").departures, 100u) << "RabbitMQ: rejected without requeue, delivered once";
    EXPECT_EQ(r.node("orders").redeliveries, 0u);
}

TEST(ServiceVersions, ConsumersFirstHasNoDeadLetters)
{
    const Topology t = scenario("rolling-upgrade-consumers-first");
    const RunResults r = runChecked(t, t.simulation.seed);
    EXPECT_EQ(r.ledger.completed, 100u);
    EXPECT_EQ(r.ledger.deadLetteredTotal(), 0u);
    EXPECT_EQ(r.node("billing").versionRejections, 0u);
    EXPECT_EQ(r.node("billing").upcasts, 0u);
}

TEST(ServiceVersions, SqsRedeliversAnUnreadableMessageUntilMaxReceiveCount)
{
    // The same producers-first upgrade on SQS (visibility 1 s,
    // maxReceiveCount 3): SQS has no reject, so each v2 message fails three
    // receives (at t, t + 1, t + 2 s) and is moved at t + 3 s.
    Topology t = scenario("rolling-upgrade-producers-first");
    queueOf(t, "orders") = sqs(1.0, 3);
    queueOf(t, "orders").deadLetter = "orders-dlq";
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.completed, 50u);
    EXPECT_EQ(countOf(r.ledger.deadLettered, "rejected-version"), 50u);
    EXPECT_EQ(countOf(r.ledger.deadLettered, "max-receives"), 0u) << "named by its cause, not the mechanism";
    EXPECT_EQ(r.node("billing").versionRejections, 150u);
    EXPECT_EQ(r.node("orders").departures, 200u);
    EXPECT_EQ(r.node("orders").redeliveries, 100u);
    EXPECT_EQ(r.node("orders").duplicates, 0u);
}

TEST(ServiceVersions, WithoutADeadLetterTargetAnUnreadableMessageIsDropped)
{
    // Published straight to the service, and on a RabbitMQ queue without a
    // dead-letter exchange: dropped as rejected-version.
    Topology direct = line(QueueSpec{}, 1.0, 0, 3, 1000, 2);
    serviceOf(direct, "s").accepts = {1};
    const RunResults a = runChecked(direct, 1);
    EXPECT_EQ(countOf(a.ledger.dropped, "rejected-version"), 3u);
    EXPECT_EQ(a.ledger.failed, 0u);

    Topology rabbitOnly = line(rabbit(20, ""), 1.0, 0, 3, 1000, 2);
    serviceOf(rabbitOnly, "s").accepts = {1};
    const RunResults b = runChecked(rabbitOnly, 1);
    EXPECT_EQ(countOf(b.ledger.dropped, "rejected-version"), 3u);
    EXPECT_EQ(b.node("s").versionRejections, 3u);
    EXPECT_EQ(b.node("s").failures, 3u);
}

TEST(ServiceVersions, AnUpcasterAddsItsCostToTheServiceTime)
{
    // 50 v1 messages take 50 + 20 ms, 50 v2 messages 50 ms; no waiting
    // (one every 100 ms): the mean is exactly 60 ms.
    const Topology t = scenario("upcast-on-read");
    const RunResults r = runChecked(t, t.simulation.seed);
    EXPECT_EQ(r.ledger.completed, 100u);
    EXPECT_EQ(r.node("billing").upcasts, 50u);
    EXPECT_EQ(r.node("billing").versionRejections, 0u);
    EXPECT_NEAR(r.node("billing").responseTime.mean, 0.060, 1e-9);
    EXPECT_NEAR(r.node("billing").responseTime.max, 0.070, 1e-9);
}

TEST(ServiceVersions, AChainUpcastsStepByStepAndAGapRejects)
{
    // Accepts v3 only; steps v1→v2 (10 ms) and v2→v3 (20 ms). Service time 1 s.
    for (const auto &[version, expected] : std::vector<std::pair<int, double>>{{1, 1.030}, {2, 1.020}, {3, 1.0}}) {
        Topology t = line(QueueSpec{}, 1.0, 0, 1, 1000, version);
        ServiceSpec &s = serviceOf(t, "s");
        s.accepts = {3};
        s.upcasters = {{1, sim::Distribution::constant(0.010)}, {2, sim::Distribution::constant(0.020)}};
        const RunResults r = runChecked(t, 1);
        EXPECT_EQ(r.ledger.completed, 1u) << "v" << version;
        EXPECT_NEAR(r.node("s").responseTime.mean, expected, 1e-9) << "v" << version;
        EXPECT_EQ(r.node("s").upcasts, version < 3 ? 1u : 0u);
    }
    // Without the v2→v3 step, v1 gets only as far as v2, which it cannot read;
    // v4 has no downcaster.
    for (int version : {1, 4}) {
        Topology t = line(QueueSpec{}, 1.0, 0, 1, 1000, version);
        ServiceSpec &s = serviceOf(t, "s");
        s.accepts = {3};
        s.upcasters = {{1, sim::Distribution::constant(0.010)}};
        const RunResults r = runChecked(t, 1);
        EXPECT_EQ(r.node("s").versionRejections, 1u) << "v" << version;
        EXPECT_EQ(countOf(r.ledger.dropped, "rejected-version"), 1u);
    }
}

TEST(ServiceVersions, RejectedVersionsAreTheirOwnClassOnTheEdges)
{
    const Topology t = scenario("rolling-upgrade-producers-first");
    models::Run run(t, t.simulation.seed);
    run.runToEnd();
    const RunSnapshot s = run.snapshot();
    // Edges: orders-v1 → orders, orders-v2 → orders, orders → billing (consume), billing → ledger.
    constexpr auto Normal = static_cast<std::size_t>(MessageClass::Normal);
    constexpr auto Rejected = static_cast<std::size_t>(MessageClass::RejectedVersion);
    EXPECT_EQ(s.edges[2].carried[Normal], 50u);
    EXPECT_EQ(s.edges[2].carried[Rejected], 50u);
    EXPECT_EQ(s.edges[1].carried[Normal], 50u) << "a queue reads every version: only the consumer rejects";
}

// --- Failure modes ----------------------------------------------------------

TEST(ServiceFailureModes, AHangingCalleeHoldsItsWorkerUntilTheCallerTimesOut)
{
    // The trace in the file's description: each request holds the callee's
    // one worker until 500 ms after it was sent; requests 2 and 3 wait 100 ms.
    const Topology t = scenario("hanging-callee");
    const RunResults r = runChecked(t, t.simulation.seed);
    ASSERT_EQ(r.edges.size(), 1u); // the call edge
    const EdgeResults &call = r.edges[0];
    EXPECT_EQ(call.timeouts, 3u);
    EXPECT_EQ(call.lateAnswers, 0u) << "a hung callee never answers";
    const NodeResults &payments = r.node("payments");
    EXPECT_EQ(payments.hangs, 3u);
    EXPECT_EQ(payments.failures, 3u);
    EXPECT_NEAR(payments.responseTime.mean, 0.5, 1e-9);
    EXPECT_NEAR(payments.waitingTime.mean, 0.2 / 3, 1e-9);
    EXPECT_EQ(r.ledger.failed, 6u) << "3 requests never answered and the 3 callers' messages";
    EXPECT_NEAR(r.simulatedTime, 1.7, 1e-9);
}

TEST(ServiceFailureModes, SqsHangHoldsTheWorkerUntilTheVisibilityTimeout)
{
    // Visibility 10 s, maxReceiveCount 2, 1 s processing that always fails,
    // messages at 1 and 2 s, one worker.
    // Hang: m1 received at 1, hangs to 11; m2 waits; at 11 m1 is visible
    // again (behind m2) and the worker takes m2, hanging to 21; then m1 (2nd
    // receive) to 31, m2 (2nd) to 41; at 41 both would be received a 3rd
    // time and move to the dead-letter queue. No copies: the receipt was given up.
    Topology hang = line(sqs(10, 2), 1.0, 1.0, 2);
    serviceOf(hang, "s").failureMode = FailureMode::Hang;
    const RunResults h = runChecked(hang, 1);
    EXPECT_EQ(h.node("s").hangs, 4u);
    EXPECT_EQ(h.node("q").duplicates, 0u);
    EXPECT_EQ(countOf(h.ledger.deadLettered, "max-receives"), 2u);
    // Each wait behind a hung worker lasts the 10 s visibility timeout (m2 first waits 2 to 11 s).
    EXPECT_NEAR(h.node("q").waitingTime.max, 10.0, 1e-9);
    EXPECT_DOUBLE_EQ(h.simulatedTime, 41.0);
    // Error: the worker is free at once; m1 fails at 2 and 12, m2 at 3 and
    // 13; they move at 21 and 22.
    const RunResults e = runChecked(line(sqs(10, 2), 1.0, 1.0, 2), 1);
    EXPECT_EQ(e.node("s").hangs, 0u);
    EXPECT_EQ(countOf(e.ledger.deadLettered, "max-receives"), 2u);
    EXPECT_DOUBLE_EQ(e.simulatedTime, 22.0);
}

TEST(ServiceFailureModes, RabbitMqHangWaitsForTheConsumerTimeout)
{
    // Delivery limit 1, one message at 1 s that fails after 1 s and hangs:
    // the 30 min consumer timeout requeues it at 1801 s (count 1, not over
    // the limit); it hangs again to 3601 s, and that return (count 2 > 1)
    // dead-letters it.
    Topology t = line(rabbit(1), 1.0, 1.0, 1, 5000);
    serviceOf(t, "s").failureMode = FailureMode::Hang;
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("s").hangs, 2u);
    EXPECT_EQ(r.node("q").departures, 2u);
    EXPECT_EQ(countOf(r.ledger.deadLettered, "delivery-limit"), 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 3601.0);
}

TEST(ServiceFailureModes, WithNobodyWaitingAHungWorkerStaysHung)
{
    // A basic queue (auto-ack): nothing times the hang out. The first message
    // hangs the only worker for good; the other two wait to the end.
    Topology t = line(QueueSpec{}, 1.0, 1.0, 3, 100);
    serviceOf(t, "s").failureMode = FailureMode::Hang;
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("s").hangs, 1u);
    EXPECT_EQ(r.ledger.inFlight, 3u);
    EXPECT_EQ(r.node("q").departures, 1u);
}

// --- Poison messages --------------------------------------------------------

TEST(PoisonMessages, SqsDeliversAPoisonMessageMaxReceiveCountTimes)
{
    // Visibility 10 s, maxReceiveCount 3, nothing fails but the poison: the
    // message at 1 s fails at 2, 12 and 22 s and moves at 31 s.
    Topology t = line(sqs(10, 3), 1.0, 0.0, 1);
    t.faults = {poison("in", 0, 1)};
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("s").failures, 3u);
    EXPECT_EQ(r.node("q").departures, 3u);
    EXPECT_EQ(countOf(r.ledger.deadLettered, "poison"), 1u);
    EXPECT_EQ(countOf(r.node("dlq").deadLettersByReason, "poison"), 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 31.0);
}

TEST(PoisonMessages, RabbitMqDeliversAPoisonMessageLimitPlusOneTimes)
{
    // Delivery limit 3: delivered at 1, 2, 3 and 4 s, dead-lettered at 5 s.
    Topology t = line(rabbit(3), 1.0, 0.0, 1);
    t.faults = {poison("in", 0, 1)};
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("s").failures, 4u);
    EXPECT_EQ(countOf(r.ledger.deadLettered, "poison"), 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 5.0);
    // Without a dead-letter exchange it is dropped, as poison.
    Topology noTarget = line(rabbit(3, ""), 1.0, 0.0, 1);
    noTarget.faults = {poison("in", 0, 1)};
    const RunResults d = runChecked(noTarget, 1);
    EXPECT_EQ(countOf(d.ledger.dropped, "poison"), 1u);
}

TEST(PoisonMessages, TheScenarioDeadLettersFiveAfterThreeDeliveriesEach)
{
    const Topology t = scenario("poison-messages");
    const RunResults r = runChecked(t, t.simulation.seed);
    EXPECT_EQ(r.ledger.completed, 95u);
    EXPECT_EQ(countOf(r.ledger.deadLettered, "poison"), 5u);
    EXPECT_EQ(r.node("handler").failures, 15u);
    EXPECT_EQ(r.node("inbox").redeliveries, 10u);
    models::Run run(t, t.simulation.seed);
    run.runToEnd();
    const RunSnapshot s = run.snapshot();
    constexpr auto Poison = static_cast<std::size_t>(MessageClass::Poison);
    EXPECT_EQ(s.edges[0].carried[Poison], 5u);
    EXPECT_EQ(s.edges[1].carried[Poison], 15u);
}

TEST(PoisonMessages, AShareMakesThatShareOfNewMessagesPoison)
{
    // 10 000 messages over the fault at share 0.2: the number of poison ones
    // is Binomial(10000, 0.2), sd = sqrt(10000 · 0.2 · 0.8) = 40; allow 5 sd.
    // A basic queue and no redelivery: each poison message is one failure.
    Topology t = line(QueueSpec{}, 0.0, 0.0, 10000, 20000);
    t.faults = {poison("in", 0, 0, 0.2)};
    const RunResults r = runChecked(t, 7);
    EXPECT_NEAR(static_cast<double>(r.ledger.failed), 2000.0, 200.0);
    EXPECT_EQ(r.ledger.failed + r.ledger.completed, 10000u);
}

// --- File format ------------------------------------------------------------

TEST(ServiceSemanticsJson, VersionsFailureModeAndPoisonFaultsRoundTrip)
{
    Topology t = scenario("poison-messages");
    ServiceSpec &s = serviceOf(t, "handler");
    s.accepts = {2, 3};
    s.upcasters = {{1, sim::Distribution::exponential(0.002)}, {2, sim::Distribution::constant(0.001)}};
    s.failureMode = FailureMode::Hang;
    FaultSpec share = poison("events", 1, 0, 0.25);
    share.duration = sim::Duration::seconds(1);
    t.faults.push_back(share);
    const Topology back = parseTopology(serializeTopology(t));
    EXPECT_EQ(back, t);
    const std::string text = serializeTopology(t);
    EXPECT_NE(text.find("\"accepts\""), std::string::npos);
    EXPECT_NE(text.find("\"failureMode\": \"hang\""), std::string::npos);
}
