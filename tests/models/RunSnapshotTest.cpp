// Run::snapshot(): node levels and counters on hand-worked traces (constant
// times, nothing random), per-edge traffic by message class, the run log, and
// live reconfiguration.

#include "TestTopologies.h"

#include "models/RunLog.h"
#include "models/RunSnapshot.h"

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

constexpr auto Normal = static_cast<std::size_t>(MessageClass::Normal);
constexpr auto Retry = static_cast<std::size_t>(MessageClass::Retry);
constexpr auto Duplicate = static_cast<std::size_t>(MessageClass::Duplicate);

// in (constant 1/s, first at t = 1) → q → s (workers, constant service time,
// failure probability) → out; dead-letter node "dlq".
Topology line(const QueueSpec &q, int workers, double serviceSeconds, double failureProbability,
              std::optional<std::uint64_t> messages, double horizon = 1000)
{
    NodeSpec s = service("s", workers, sim::Distribution::constant(serviceSeconds));
    std::get<ServiceSpec>(s.params).failureProbability = failureProbability;
    Topology t = topology({producer("in", 1.0, ArrivalProcess::Constant), NodeSpec{"q", {0, 0}, q}, s, sink("out"),
                           NodeSpec{"dlq", {0, 0}, DeadLetterSpec{}}},
                          {publish("in", "q"), consume("q", "s"), publish("s", "out")}, horizon);
    std::get<ProducerSpec>(t.nodes[0].params).limit = messages;
    return t;
}

std::uint64_t total(const EdgeSnapshot &e)
{
    std::uint64_t n = 0;
    for (std::uint64_t c : e.carried)
        n += c;
    return n;
}

void expectBalanced(const LedgerSnapshot &l)
{
    EXPECT_EQ(l.produced + l.forked + l.duplicated + l.redriven,
              l.completed + l.failed + l.deadLettered + l.dropped + l.expired + l.lostToRetention + l.inFlight);
}

} // namespace

TEST(RunSnapshot, MidRunLevelsFollowTheTrace)
{
    // Arrivals at 1, 2, 3, 4, 5; one worker, 2.5 s each: message 1 runs
    // 1–3.5, message 2 3.5–6. At 5.5: 3, 4 and 5 wait in the queue.
    models::Run run(line(QueueSpec{}, 1, 2.5, 0.0, std::nullopt, 100));
    run.advanceTo(sim::Time::fromSeconds(5.5));
    const RunSnapshot s = run.snapshot();
    EXPECT_EQ(s.now, sim::Time::fromSeconds(5.5));
    EXPECT_EQ(s.horizon, sim::Time::fromSeconds(100));
    EXPECT_DOUBLE_EQ(s.progress, 0.055);
    EXPECT_FALSE(s.finished);
    ASSERT_EQ(s.nodes.size(), 5u);
    const NodeSnapshot &q = s.nodes[1];
    EXPECT_EQ(q.kind, NodeKind::Queue);
    EXPECT_EQ(q.waiting, 3u);
    EXPECT_EQ(q.arrivals, 5u);
    EXPECT_EQ(q.departures, 2u);
    const NodeSnapshot &svc = s.nodes[2];
    EXPECT_EQ(svc.kind, NodeKind::Service);
    EXPECT_EQ(svc.busyWorkers, 1);
    EXPECT_EQ(svc.workers, 1);
    EXPECT_EQ(svc.arrivals, 2u);
    EXPECT_EQ(svc.departures, 1u);
    EXPECT_DOUBLE_EQ(svc.responseP50, 2.5);
    EXPECT_EQ(s.nodes[3].arrivals, 1u);
    EXPECT_EQ(s.ledger.produced, 5u);
    EXPECT_EQ(s.ledger.completed, 1u);
    EXPECT_EQ(s.ledger.inFlight, 4u);
    expectBalanced(s.ledger);
    ASSERT_EQ(s.edges.size(), 3u);
    EXPECT_EQ(s.edges[0].carried[Normal], 5u);
    EXPECT_EQ(s.edges[1].carried[Normal], 2u);
    EXPECT_EQ(s.edges[2].carried[Normal], 1u);
}

TEST(RunSnapshot, ALimitedProducerCarriesNOnEveryEdge)
{
    constexpr std::uint64_t N = 50;
    models::Run run(line(QueueSpec{}, 1, 0.5, 0.0, N));
    run.runToEnd();
    const RunResults r = run.finish();
    const RunSnapshot s = run.snapshot();
    EXPECT_TRUE(s.finished);
    for (const EdgeSnapshot &e : s.edges) {
        EXPECT_EQ(e.carried[Normal], N);
        EXPECT_EQ(total(e), N);
    }
    // The snapshot's counters are the results'.
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
        EXPECT_EQ(s.nodes[i].arrivals, r.nodes[i].arrivals) << r.nodes[i].id;
        EXPECT_EQ(s.nodes[i].departures, r.nodes[i].departures) << r.nodes[i].id;
    }
    EXPECT_EQ(s.ledger.completed, r.ledger.completed);
    EXPECT_EQ(s.ledger.inFlight, 0u);
    expectBalanced(s.ledger);
}

TEST(RunSnapshot, SqsCopiesCrossTheirEdgesAsDuplicates)
{
    // The trace of QueueSemantics.SqsVisibilityTimeoutShorterThanProcessingDuplicates:
    // received at 1 (first delivery), a copy at 2 (a duplicate), a third copy
    // dead-lettered at 3. Both finished copies go on to the sink, and both
    // belong to a message that has a copy: duplicates.
    QueueSpec q;
    q.flavour = QueueFlavour::Sqs;
    q.visibilityTimeout = sim::Duration::seconds(1);
    q.maxReceiveCount = 2;
    q.deadLetter = "dlq";
    models::Run run(line(q, 2, 1.5, 0.0, 1));
    RunLog log;
    run.setLog(&log);
    run.runToEnd();
    const RunResults r = run.finish();
    const RunSnapshot s = run.snapshot();
    EXPECT_EQ(s.edges[0].carried[Normal], 1u);
    EXPECT_EQ(s.edges[1].carried[Normal], 1u);
    EXPECT_EQ(s.edges[1].carried[Duplicate], 1u);
    EXPECT_EQ(total(s.edges[1]), 2u);
    EXPECT_EQ(s.edges[2].carried[Duplicate], 2u);
    EXPECT_EQ(total(s.edges[2]), 2u);
    EXPECT_EQ(s.nodes[1].unacked, 0u);
    EXPECT_EQ(s.nodes[1].duplicates, r.node("q").duplicates);
    const NodeSnapshot &dlq = s.nodes[4];
    EXPECT_EQ(dlq.waiting, 1u);
    EXPECT_EQ(dlq.deadLettered, 1u);
    EXPECT_EQ(dlq.deadLettersByReason[static_cast<std::size_t>(DeadLetterReason::MaxReceives)], 1u);
    EXPECT_EQ(s.ledger.duplicated, 2u);
    EXPECT_EQ(s.ledger.deadLettered, 1u);
    expectBalanced(s.ledger);
    ASSERT_EQ(log.total(), 1u);
    const RunLogEntry entry = log.since(0).front();
    EXPECT_EQ(entry.kind, RunLogKind::DeadLettered);
    EXPECT_EQ(entry.node, 4);
    EXPECT_EQ(entry.text, "max-receives from q");
    EXPECT_EQ(entry.at, sim::Time::fromSeconds(3));
}

TEST(RunSnapshot, RabbitMqRedeliveriesAreRetries)
{
    // Delivery limit 3, always failing: delivered at 1, 2, 3 and 4; the last
    // three are redeliveries. Dead-lettered at 5.
    QueueSpec q;
    q.flavour = QueueFlavour::RabbitMq;
    q.deliveryLimit = 3;
    q.deadLetter = "dlq";
    models::Run run(line(q, 1, 1.0, 1.0, 1));
    run.advanceTo(sim::Time::fromSeconds(2.5));
    EXPECT_EQ(run.snapshot().nodes[1].unacked, 1u) << "the second delivery awaits its ack";
    run.runToEnd();
    run.finish();
    const RunSnapshot s = run.snapshot();
    EXPECT_EQ(s.edges[1].carried[Normal], 1u);
    EXPECT_EQ(s.edges[1].carried[Retry], 3u);
    EXPECT_EQ(total(s.edges[2]), 0u);
    EXPECT_EQ(s.nodes[1].unacked, 0u);
    EXPECT_EQ(s.nodes[2].failures, 4u);
    EXPECT_EQ(s.nodes[4].deadLettersByReason[static_cast<std::size_t>(DeadLetterReason::DeliveryLimit)], 1u);
}

TEST(RunSnapshot, OverflowAndWarmupAreLogged)
{
    // Capacity 1, one worker busy 10 s from t = 1: message 2 waits, 3 and 4
    // are refused (at 3 and 4). Warm-up ends at 3.5.
    Topology t = line(QueueSpec{}, 1, 10.0, 0.0, 4, 100);
    std::get<QueueSpec>(t.nodes[1].params).capacity = 1;
    t.simulation.warmup = sim::Duration::fromSeconds(3.5);
    models::Run run(t);
    RunLog log;
    run.setLog(&log);
    EXPECT_EQ(run.snapshot().statisticsEpoch, 0u);
    run.advanceTo(sim::Time::fromSeconds(5));
    const RunSnapshot s = run.snapshot();
    EXPECT_EQ(s.statisticsEpoch, 1u);
    EXPECT_EQ(s.nodes[1].drops, 1u) << "counted since the warm-up: the refusal at 4";
    EXPECT_EQ(s.nodes[1].capacity, std::optional<std::uint64_t>(1));
    EXPECT_EQ(s.ledger.dropped, 2u) << "the ledger counts the whole run";
    const std::vector<RunLogEntry> entries = log.since(0);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].kind, RunLogKind::OverflowRejected);
    EXPECT_EQ(entries[0].at, sim::Time::fromSeconds(3));
    EXPECT_EQ(entries[0].node, 1);
    EXPECT_EQ(entries[0].text, "full at 1: reject-new");
    EXPECT_EQ(entries[1].kind, RunLogKind::WarmupEnded);
    EXPECT_EQ(entries[1].at, sim::Time::fromSeconds(3.5));
    EXPECT_EQ(entries[2].kind, RunLogKind::OverflowRejected);
    expectBalanced(s.ledger);
}

TEST(RunSnapshot, ReconfigureAddsWorkersAtOnce)
{
    // One worker, 10 s each, arrivals every second: at 3.5 one is busy and
    // two wait. Three workers from then on take both waiting messages at once.
    Topology t = line(QueueSpec{}, 1, 10.0, 0.0, std::nullopt, 100);
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(3.5));
    EXPECT_EQ(run.snapshot().nodes[1].waiting, 2u);
    std::get<ServiceSpec>(t.nodes[2].params).workers = 3;
    std::get<QueueSpec>(t.nodes[1].params).capacity = 5;
    EXPECT_EQ(run.reconfigure(t), 2u);
    const RunSnapshot s = run.snapshot();
    EXPECT_EQ(s.nodes[2].workers, 3);
    EXPECT_EQ(s.nodes[2].busyWorkers, 3);
    EXPECT_EQ(s.nodes[1].waiting, 0u);
    EXPECT_EQ(s.nodes[1].capacity, std::optional<std::uint64_t>(5));
    EXPECT_EQ(run.reconfigure(t), 0u) << "nothing changed the second time";
}

TEST(RunSnapshot, ReconfigureChangesTheRateFromNow)
{
    // Constant 1/s: arrivals at 1, 2, 3. At 3.5 the rate becomes 4/s: the
    // next arrivals are 0.25 s apart from 3.5 (3.75, 4, 4.25, ...), so by 5
    // there are 3 + 6 = 9.
    Topology t = line(QueueSpec{}, 1, 0.1, 0.0, std::nullopt, 100);
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(3.5));
    std::get<ProducerSpec>(t.nodes[0].params).arrivals.rate = 4;
    EXPECT_EQ(run.reconfigure(t), 1u);
    run.advanceTo(sim::Time::fromSeconds(5));
    EXPECT_EQ(run.snapshot().ledger.produced, 9u);
}

namespace {

// The scenario @p name run to its end: its results, then its last snapshot.
std::pair<RunResults, RunSnapshot> finalSnapshot(const std::string &name)
{
    models::Run run(scenario(name));
    run.runToEnd();
    RunResults r = run.finish();
    return {std::move(r), run.snapshot()};
}

const NodeSnapshot &nodeOf(const RunSnapshot &s, const Topology &t, const std::string &id)
{
    return s.nodes.at(static_cast<std::size_t>(t.nodeIndex(id)));
}

} // namespace

TEST(RunSnapshot, PrefetchShowsWhatEachConsumerHolds)
{
    // The trace of prefetch-hoarding.json: by 0.5 s the broker has pushed all
    // ten messages round-robin, so slow (node 2) holds 1, 3, 5, 7, 9 and fast
    // (node 3) 2, 4, 6, 8, 10, each processing one. Fast's first ends at 1.02 s.
    const Topology t = scenario("prefetch-hoarding");
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(0.5));
    const RunSnapshot early = run.snapshot();
    const NodeSnapshot &q = early.nodes[1];
    EXPECT_EQ(q.prefetch, 10u);
    ASSERT_EQ(q.consumers.size(), 2u);
    EXPECT_EQ(q.consumers[0].node, 2);
    EXPECT_EQ(q.consumers[0].unacked, 5u);
    EXPECT_EQ(q.consumers[1].node, 3);
    EXPECT_EQ(q.consumers[1].unacked, 5u);
    EXPECT_EQ(q.unacked, 10u);
    // Fast is done at 5.02 s; slow has finished 1 (10.01) and holds 4 at 12 s.
    run.advanceTo(sim::Time::fromSeconds(12));
    const RunSnapshot midway = run.snapshot();
    const NodeSnapshot &later = midway.nodes[1];
    ASSERT_EQ(later.consumers.size(), 2u);
    EXPECT_EQ(later.consumers[0].unacked, 4u);
    EXPECT_EQ(later.consumers[0].unackedMax, 5u);
    EXPECT_EQ(later.consumers[1].unacked, 0u);
    EXPECT_EQ(later.consumers[1].unackedMax, 5u);
    // At the end the most held is the results' unackedMax.
    run.runToEnd();
    const RunResults r = run.finish();
    const RunSnapshot last = run.snapshot();
    const NodeSnapshot &end = last.nodes[1];
    ASSERT_EQ(end.consumers.size(), r.node("q").consumers.size());
    for (std::size_t i = 0; i < end.consumers.size(); ++i) {
        EXPECT_EQ(end.consumers[i].unacked, 0u);
        EXPECT_EQ(end.consumers[i].unackedMax, r.node("q").consumers[i].unackedMax);
    }
}

TEST(RunSnapshot, QueueCountersAreTheResults)
{
    // deduplicated-redelivery.json: q2 suppresses the copy's send once.
    const auto [dedup, dedupSnapshot] = finalSnapshot("deduplicated-redelivery");
    const Topology d = scenario("deduplicated-redelivery");
    EXPECT_EQ(nodeOf(dedupSnapshot, d, "q2").deduplicated, 1u);
    EXPECT_EQ(dedup.node("q2").deduplicated, 1u);
    EXPECT_EQ(nodeOf(dedupSnapshot, d, "q1").deduplicated, 0u);
    EXPECT_EQ(nodeOf(dedupSnapshot, d, "q2").prefetch, 0u) << "not RabbitMQ";
    EXPECT_TRUE(nodeOf(dedupSnapshot, d, "q2").consumers.empty()) << "not RabbitMQ";
    // delivery-limit-43.json: nacked back at 2, 3, ..., 100 s: 99 requeues.
    const auto [limit, limitSnapshot] = finalSnapshot("delivery-limit-43");
    const Topology l = scenario("delivery-limit-43");
    EXPECT_EQ(nodeOf(limitSnapshot, l, "q").requeues, 99u);
    EXPECT_EQ(limit.node("q").requeues, 99u);
    EXPECT_EQ(nodeOf(limitSnapshot, l, "q").prefetch, 0u);
    ASSERT_EQ(nodeOf(limitSnapshot, l, "q").consumers.size(), 1u) << "RabbitMQ: one per consumer";
    EXPECT_EQ(nodeOf(limitSnapshot, l, "q").consumers[0].unacked, 1u) << "still processing at the end";
    EXPECT_EQ(nodeOf(limitSnapshot, l, "q").consumers[0].unackedMax, 1u);
}

TEST(RunSnapshot, ServiceCountersAreTheResults)
{
    // rolling-upgrade-producers-first.json: the 50 v2 messages are rejected.
    const auto [rejected, rejectedSnapshot] = finalSnapshot("rolling-upgrade-producers-first");
    const Topology p = scenario("rolling-upgrade-producers-first");
    EXPECT_EQ(nodeOf(rejectedSnapshot, p, "billing").versionRejections, 50u);
    EXPECT_EQ(rejected.node("billing").versionRejections, 50u);
    EXPECT_EQ(nodeOf(rejectedSnapshot, p, "billing").upcasts, 0u);
    // upcast-on-read.json: the 50 v1 messages go through the upcaster.
    const auto [upcast, upcastSnapshot] = finalSnapshot("upcast-on-read");
    const Topology u = scenario("upcast-on-read");
    EXPECT_EQ(nodeOf(upcastSnapshot, u, "billing").upcasts, 50u);
    EXPECT_EQ(upcast.node("billing").upcasts, 50u);
    EXPECT_EQ(nodeOf(upcastSnapshot, u, "billing").versionRejections, 0u);
    // hanging-callee.json: each of the three requests hangs the callee.
    const auto [hung, hungSnapshot] = finalSnapshot("hanging-callee");
    const Topology h = scenario("hanging-callee");
    EXPECT_EQ(nodeOf(hungSnapshot, h, "payments").hangs, 3u);
    EXPECT_EQ(hung.node("payments").hangs, 3u);
    EXPECT_EQ(nodeOf(hungSnapshot, h, "orders").hangs, 0u);
}
