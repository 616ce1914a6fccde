// The crash fault (consumer instance crash): a topic's group goes back to its
// committed offsets and rebalances (SEMANTICS §4.2); a queue's message in
// progress comes back as its flavour says (§2.1, §3.2, §3.5). Hand-worked
// traces on constant times; every run balances its ledger (runChecked).

#include "TestTopologies.h"

#include "models/TopologyCheck.h"
#include "models/TopologyJson.h"

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

FaultSpec crash(double at, std::optional<double> duration, const std::string &target, int instances = 1)
{
    FaultSpec f;
    f.at = sim::Duration::fromSeconds(at);
    if (duration)
        f.duration = sim::Duration::fromSeconds(*duration);
    f.target = target;
    f.kind = FaultKind::Crash;
    f.instances = instances;
    return f;
}

} // namespace

TEST(CrashFault, AutoCommitRereadsTheRecordsProcessedSinceTheLastCommitAsDuplicates)
{
    // Record k (k = 0..19) arrives at k + 1 s in partition k mod 2 and takes
    // 0.5 s; instance 0 owns partition 0, instance 1 partition 1. The
    // auto-commit at 5 s commits partition 1 up to offset 2 (records at 2 and
    // 4 s). Instance 1 crashes at 8.2 s: offset 2 (at 6 s, done at 6.5) was
    // processed since, so it comes again as a duplicate; offset 3 (at 8 s) was
    // in progress and is read again. 20 records + 1 duplicate complete.
    const RunResults r = runChecked(scenario("kafka-crash-auto-commit"), 1);
    EXPECT_EQ(r.ledger.produced, 20u);
    EXPECT_EQ(r.ledger.duplicated, 1u);
    EXPECT_EQ(r.ledger.completed, 21u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
    const NodeResults &t = r.node("t");
    ASSERT_EQ(t.groups.size(), 1u);
    const ConsumerGroupResults &g = t.groups[0];
    EXPECT_EQ(g.duplicates, 1u);
    EXPECT_EQ(g.reread, 1u);
    EXPECT_EQ(g.rebalances, 1u);
    EXPECT_EQ(t.duplicates, 1u);
    for (const PartitionOffsets &p : g.partitions) {
        EXPECT_EQ(p.logEnd, 10u);
        EXPECT_EQ(p.committed, 10u) << "the last auto-commit covers everything";
    }
    // 22 dispatches: 20 records, the duplicate and the record read again.
    EXPECT_EQ(t.departures, 22u);
    EXPECT_EQ(r.node("s").duplicateSideEffects, 1u) << "the duplicate was processed successfully twice";
}

TEST(CrashFault, AutoCommitDuplicatesGrowWithTheTimeSinceTheLastCommit)
{
    // The same crash at 9.7 s instead: since the commit at 5 s, partition 1
    // had offsets 2 (6 s) and 3 (8 s) processed and none in progress (the
    // record at 10 s is not there yet): two duplicates, nothing read again.
    Topology t = scenario("kafka-crash-auto-commit");
    t.faults[0].at = sim::Duration::fromSeconds(9.7);
    const RunResults r = runChecked(t, 1);
    const ConsumerGroupResults &g = r.node("t").groups[0];
    EXPECT_EQ(g.duplicates, 2u);
    EXPECT_EQ(g.reread, 0u);
    EXPECT_EQ(r.ledger.duplicated, 2u);
    EXPECT_EQ(r.ledger.completed, 22u);
}

TEST(CrashFault, PerRecordCommitRereadsOnlyTheRecordInProgress)
{
    // The consume edge overrides the topic's auto-commit with per-record
    // commits: at 8.2 s partition 1 is committed up to offset 3, and only the
    // record in progress (offset 3) is read again; no duplicate.
    const RunResults r = runChecked(scenario("kafka-crash-per-record"), 1);
    const ConsumerGroupResults &g = r.node("t").groups[0];
    EXPECT_EQ(g.duplicates, 0u);
    EXPECT_EQ(g.reread, 1u);
    EXPECT_EQ(r.ledger.duplicated, 0u);
    EXPECT_EQ(r.ledger.completed, 20u);
    EXPECT_EQ(r.node("s").duplicateSideEffects, 0u);
}

TEST(CrashFault, LagOfEveryPartitionGrowsByItsArrivalsDuringTheRebalancePause)
{
    // Pause 4 s from 8.2 s: nothing is read until 12.2 s. Partition 0 gets
    // records at 9 and 11 s, partition 1 at 10 and 12 s: each lag grows by
    // 0.5/s x 4 s = 2. At 8.25: partition 0 is fully committed (lag 0),
    // partition 1 has offset 3 back in the log (lag 1).
    models::Run run(scenario("kafka-crash-per-record"));
    run.advanceTo(sim::Time::fromSeconds(8.25));
    const std::vector<std::uint64_t> before = run.snapshot().nodes[1].partitionLag;
    run.advanceTo(sim::Time::fromSeconds(12.15));
    const std::vector<std::uint64_t> during = run.snapshot().nodes[1].partitionLag;
    ASSERT_EQ(before.size(), 2u);
    ASSERT_EQ(during.size(), 2u);
    EXPECT_EQ(before[0], 0u);
    EXPECT_EQ(before[1], 1u);
    EXPECT_EQ(during[0] - before[0], 2u);
    EXPECT_EQ(during[1] - before[1], 2u);
    // Then instance 0 reads partition 0's offset 4 (12.2-12.7 s) and partition
    // 1's offset 3 again (12.7-13.2 s): partition 1 committed up to 4 of 6.
    run.advanceTo(sim::Time::fromSeconds(13.25));
    EXPECT_EQ(run.snapshot().nodes[1].partitionLag[1], 2u);
    run.runToEnd();
    const RunResults r = run.finish();
    EXPECT_TRUE(r.ledger.balances());
}

TEST(CrashFault, AnInstanceComingBackRebalancesAgainWithoutGoingBack)
{
    // Down 8.2-13.2 s: a second rebalance when it joins; the survivors commit
    // before giving up their partitions, so no further duplicates.
    Topology t = scenario("kafka-crash-auto-commit");
    t.faults[0].duration = sim::Duration::seconds(5);
    RunLog log;
    models::Run run(t);
    run.setLog(&log);
    run.runToEnd();
    const RunResults r = run.finish();
    EXPECT_TRUE(r.ledger.balances());
    const ConsumerGroupResults &g = r.node("t").groups[0];
    EXPECT_EQ(g.rebalances, 2u);
    EXPECT_EQ(g.duplicates, 1u);
    EXPECT_EQ(r.ledger.completed, 21u);
    int rebalanceEntries = 0;
    int crashEntries = 0;
    for (const RunLogEntry &e : log.since(0)) {
        rebalanceEntries += e.kind == RunLogKind::Rebalanced;
        crashEntries += e.kind == RunLogKind::ConsumerCrashed;
    }
    EXPECT_EQ(rebalanceEntries, 4) << "each rebalance logs its start and its end";
    EXPECT_EQ(crashEntries, 3) << "the service's crash and restart, the topic's crash";
}

TEST(CrashFault, RabbitMqRequeuesAtOnceAndTheReturnCountsTowardTheDeliveryLimit)
{
    const RunResults r = runChecked(scenario("rabbitmq-crash-requeue"), 1);
    EXPECT_EQ(r.ledger.completed, 0u);
    EXPECT_EQ(countOf(r.ledger.deadLettered, "delivery-limit"), 1u) << "delivered limit + 1 = 2 times";
    EXPECT_EQ(r.node("q").departures, 2u);
    EXPECT_EQ(r.node("q").redeliveries, 1u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
}

TEST(CrashFault, SqsMessageReappearsAfterItsVisibilityTimeout)
{
    // Received at 1 s, lost at 2 s, visible at 11 s, processed 11-13 s.
    const RunResults r = runChecked(scenario("sqs-crash-visibility"), 1);
    EXPECT_EQ(r.ledger.completed, 1u);
    EXPECT_EQ(r.node("q").redeliveries, 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 13.0);
    EXPECT_NEAR(r.node("q").waitingTime.max, 0.0, 1e-9) << "a worker was free when it reappeared";
}

TEST(CrashFault, AutoAckQueueLosesTheMessageInProgressAsCrashed)
{
    // A basic queue has handed the message over for good: the crash drops it.
    Topology t = topology(
        {producer("in", 1.0, ArrivalProcess::Constant), queue("q"), service("s", 1, sim::Distribution::constant(2.0))},
        {publish("in", "q"), consume("q", "s")}, 60);
    std::get<ProducerSpec>(t.nodes[0].params).limit = 2;
    t.faults = {crash(2.5, 0.1, "s")};
    // Message 1 (1-3 s) is lost at 2.5; message 2 (at 2 s) waits and runs 2.6-4.6.
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(countOf(r.ledger.dropped, "crashed"), 1u);
    EXPECT_EQ(r.ledger.completed, 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 4.6);
}

TEST(CrashFault, ACallRequestInProgressIsNeverAnsweredAndTheCallerTimesOut)
{
    // a (0.1 s) calls b (2 s) at 1.1 s with a 1 s timeout; b crashes at 1.5 s.
    Topology t
        = topology({producer("in", 1.0, ArrivalProcess::Constant), service("a", 1, sim::Distribution::constant(0.1)),
                    service("b", 1, sim::Distribution::constant(2.0))},
                   {publish("in", "a"), EdgeSpec{"a", "b", EdgeMode::Call, std::nullopt}}, 60);
    std::get<ProducerSpec>(t.nodes[0].params).limit = 1;
    t.faults = {crash(1.5, std::nullopt, "b")};
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(countOf(r.ledger.dropped, "crashed"), 1u) << "the request";
    EXPECT_EQ(r.ledger.failed, 1u) << "the caller's message, after the timeout";
    ASSERT_EQ(r.edges.size(), 1u);
    EXPECT_EQ(r.edges[0].timeouts, 1u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 2.1);
}

TEST(CrashFault, FileFormatRoundTripsAndIsChecked)
{
    const Topology t = scenario("kafka-crash-per-record");
    EXPECT_EQ(t.faults[0].kind, FaultKind::Crash);
    EXPECT_EQ(t.faults[0].instances, 1);
    EXPECT_EQ(std::get<TopicSpec>(t.nodes[1].params).rebalancePause, sim::Duration::seconds(4));
    EXPECT_EQ(t.edges[1].commit, std::optional(CommitMode::PerRecord));
    EXPECT_EQ(parseTopology(serializeTopology(t)), t);

    Topology auto1s = t;
    auto1s.edges[1].commit = CommitMode::Auto;
    auto1s.edges[1].autoCommitInterval = sim::Duration::seconds(1);
    EXPECT_EQ(parseTopology(serializeTopology(auto1s)), auto1s);
    Topology autoAsTopic = t;
    autoAsTopic.edges[1].commit = CommitMode::Auto;
    EXPECT_EQ(parseTopology(serializeTopology(autoAsTopic)), autoAsTopic);

    // A commit setting only on a topic's consume edge; at most the service's workers crash.
    Topology bad = t;
    bad.edges[0].commit = CommitMode::PerRecord;
    bad.faults[0].instances = 3;
    const auto problems = checkTopology(bad);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].pointer, "/edges/0/commit");
    EXPECT_EQ(problems[1].pointer, "/faults/0/instances");
}

TEST(CrashFault, ACrashEndsAHungProcessingOnce)
{
    // The consumer-timeout scenario (one message, each 1 s processing hangs,
    // a 10 s consumer timeout from the delivery) with a crash of the worker
    // at 5 s for 1 s. The first delivery (1 s) hangs from 2 s; the crash ends
    // that processing and the closed channel requeues the message at once;
    // the worker is back at 6 s and takes it again, so the timeout due at
    // 11 s for the first delivery must not fire: the deliveries are at 1, 6,
    // 16, 26 and 36 s (each hung one timed out 10 s after its delivery) and
    // the run ends at 45 s with the fifth still hung.
    Topology t = scenario("rabbitmq-consumer-timeout");
    t.faults.push_back(crash(5, 1, "s"));
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("q").redeliveries, 4u);
    EXPECT_EQ(r.node("s").hangs, 5u);
    EXPECT_EQ(r.node("s").busyWorkers.max, 1);
    EXPECT_EQ(r.ledger.inFlight, 1u);
}
