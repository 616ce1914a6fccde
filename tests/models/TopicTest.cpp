// Kafka topics (SEMANTICS §4): partitioning, consumer groups, offsets, lag,
// commits and retention, on hand-worked traces (constant times, keyless
// records going round-robin so every partition is known) and against M/M/1.

#include "TestTopologies.h"

#include "models/KafkaPartitioner.h"
#include "models/Service.h"
#include "models/Topic.h"
#include "models/TopologyCheck.h"
#include "models/TopologyJson.h"

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

NodeSpec topic(const std::string &id, int partitions, CommitMode commit = CommitMode::PerRecord,
               sim::Duration retention = sim::Duration::seconds(7 * 86400))
{
    TopicSpec t;
    t.partitions = partitions;
    t.commit = commit;
    t.retention = retention;
    return NodeSpec{id, {0, 0}, t};
}

// A constant producer sending @p messages records at t = 1, 2, 3, ... to topic
// "t", consumed by one group per entry of @p groups: (service id, workers,
// constant service time). The flows end at the services.
Topology groupsOn(NodeSpec topicNode, std::uint64_t messages,
                  const std::vector<std::tuple<std::string, int, double>> &groups, double horizon = 1000)
{
    std::vector<NodeSpec> nodes{producer("in", 1.0, ArrivalProcess::Constant), std::move(topicNode)};
    std::vector<EdgeSpec> edges{publish("in", "t")};
    for (const auto &[id, workers, seconds] : groups) {
        nodes.push_back(service(id, workers, sim::Distribution::constant(seconds)));
        edges.push_back(consume("t", id));
    }
    Topology t = topology(std::move(nodes), std::move(edges), horizon);
    std::get<ProducerSpec>(t.nodes[0].params).limit = messages;
    return t;
}

const ConsumerGroupResults &group(const RunResults &r, const std::string &id)
{
    for (const ConsumerGroupResults &g : r.node("t").groups)
        if (g.group == id)
            return g;
    ADD_FAILURE() << "no group " << id;
    return r.node("t").groups.front();
}

} // namespace

TEST(Topic, OneInstanceReadsItsPartitionsInTurnInOffsetOrder)
{
    // 2 partitions, keyless records round-robin: r0 (p0) at 1, r1 (p1) at 2,
    // r2 (p0) at 3, r3 (p1) at 4. One instance owns both and takes one record
    // at a time, alternating: r0 1-2.4, r1 2.4-3.8, r2 3.8-5.2, r3 5.2-6.6.
    const RunResults r = runChecked(groupsOn(topic("t", 2), 4, {{"s", 1, 1.4}}), 1);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 6.6);
    EXPECT_EQ(r.ledger.completed, 4u);
    // Time in the log: 0, 0.4, 0.8, 1.2; end to end: 1.4, 1.8, 2.2, 2.6.
    EXPECT_NEAR(r.node("t").waitingTime.mean, 0.6, 1e-9);
    ASSERT_EQ(r.flows.size(), 1u);
    EXPECT_NEAR(r.flows[0].latency.mean, 2.0, 1e-9);
    EXPECT_NEAR(r.flows[0].latency.max, 2.6, 1e-6);
    const ConsumerGroupResults &g = group(r, "s");
    ASSERT_EQ(g.partitions.size(), 2u);
    for (const PartitionOffsets &p : g.partitions) {
        EXPECT_EQ(p.logEnd, 2u);
        EXPECT_EQ(p.position, 2u);
        EXPECT_EQ(p.committed, 2u);
        EXPECT_EQ(p.lag, 0u);
    }
}

TEST(Topic, TwoInstancesEachOwnAPartitionAndAThirdStaysIdle)
{
    // Range assignor: instance 0 gets p0, instance 1 gets p1; each record is
    // processed as it arrives: r0 1-2.4, r1 2-3.4, r2 3-4.4, r3 4-5.4.
    for (int workers : {2, 3}) {
        SCOPED_TRACE(workers);
        const RunResults r = runChecked(groupsOn(topic("t", 2), 4, {{"s", workers, 1.4}}), 1);
        EXPECT_DOUBLE_EQ(r.simulatedTime, 5.4);
        EXPECT_NEAR(r.node("t").waitingTime.max, 0.0, 1e-9);
        EXPECT_NEAR(r.flows[0].latency.mean, 1.4, 1e-9);
        EXPECT_EQ(r.node("s").busyWorkers.max, 2.0); // two partitions: a third instance never works
    }
    // Three partitions over two instances: instance 0 owns p0 and p1, so r0
    // (p0, at 1) and r1 (p1, at 2) queue behind each other, r2 (p2) does not:
    // r0 1-3.5, r1 3.5-6, r2 3-5.5.
    const RunResults r = runChecked(groupsOn(topic("t", 3), 3, {{"s", 2, 2.5}}), 1);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 6.0);
    EXPECT_NEAR(r.node("t").waitingTime.mean, 1.5 / 3, 1e-9);
}

TEST(Topic, KeyedRecordsKeepTheirOrderPerPartition)
{
    // Driven by hand, to choose the keys: a (key 0) and b, the first key the
    // partitioner puts on the other of 2 partitions. Four records at t = 0,
    // a1 b1 a2 b2, each taking 1 s. One instance alternates partitions:
    // a1 0-1, b1 1-2, a2 2-3, b2 3-4 (waits 0, 1, 2, 3). Two instances, one
    // per partition: a1 and b1 0-1, a2 and b2 1-2 (waits 0, 0, 1, 1).
    const std::uint32_t a = 0;
    const int pa = KafkaPartitioner::partitionForKey(KafkaPartitioner::keyBytes(a), 2);
    std::uint32_t b = 1;
    while (KafkaPartitioner::partitionForKey(KafkaPartitioner::keyBytes(b), 2) == pa)
        ++b;
    for (const auto &[workers, end, meanWait] : {std::tuple{1, 4.0, 1.5}, std::tuple{2, 2.0, 0.5}}) {
        SCOPED_TRACE(workers);
        RunContext context(1, 2, sim::Duration::seconds(1));
        const NodeSpec topicSpec = topic("t", 2);
        const NodeSpec serviceSpec = service("s", workers, sim::Distribution::constant(1.0));
        Topic t(context, topicSpec, 0);
        Service s(context, serviceSpec, 1);
        context.components = {&t, &s};
        t.addGroup(&s);
        std::uint32_t sequence[2] = {0, 0};
        for (const std::uint32_t key : {a, b, a, b}) {
            const MessageRef ref = context.pool.acquire();
            Message &m = context.pool[ref];
            m.id = context.nextMessageId++;
            m.key = key;
            m.keySequence = ++sequence[key == a ? 0 : 1];
            ++context.produced;
            ASSERT_TRUE(t.offer(ref));
        }
        context.simulation.runEventsUntil(sim::Time::zero() + sim::Duration::seconds(100));
        t.finish(context.now());
        s.finish(context.now());
        EXPECT_DOUBLE_EQ(context.now().toSeconds(), end);
        EXPECT_EQ(context.completed, 4u);
        EXPECT_EQ(context.pool.live(), 0u);
        const NodeResults tr = t.results(sim::Time::zero(), context.now());
        EXPECT_NEAR(tr.waitingTime.mean, meanWait, 1e-9);
        EXPECT_EQ(tr.groups[0].partitions[static_cast<std::size_t>(pa)].logEnd, 2u);
        EXPECT_EQ(tr.groups[0].partitions[static_cast<std::size_t>(1 - pa)].logEnd, 2u);
        EXPECT_EQ(s.results(sim::Time::zero(), context.now()).outOfOrder, 0u);
    }
}

TEST(Topic, EveryGroupReadsEveryRecord)
{
    // Two groups: each record is processed twice; the second group's copies
    // are forked, and the ledger balances with twice the completions.
    const RunResults r = runChecked(groupsOn(topic("t", 3), 10, {{"a", 1, 0.1}, {"b", 2, 0.3}}), 1);
    EXPECT_EQ(r.ledger.produced, 10u);
    EXPECT_EQ(r.ledger.forked, 10u);
    EXPECT_EQ(r.ledger.completed, 20u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
    EXPECT_EQ(r.node("a").departures, 10u);
    EXPECT_EQ(r.node("b").departures, 10u);
    EXPECT_EQ(r.node("t").arrivals, 10u);
    EXPECT_EQ(r.node("t").departures, 20u);
}

TEST(Topic, KeyedRecordsGoWhereKafkasPartitionerSendsThem)
{
    // Every record has key 0 (bytes "0"): all land on one partition.
    Topology t = groupsOn(topic("t", 6), 50, {{"s", 6, 0.1}});
    std::get<ProducerSpec>(t.nodes[0].params).keys.count = 1;
    const RunResults r = runChecked(t, 1);
    const int expected = KafkaPartitioner::partitionForKey(KafkaPartitioner::keyBytes(0), 6);
    const ConsumerGroupResults &g = group(r, "s");
    for (std::size_t p = 0; p < 6; ++p)
        EXPECT_EQ(g.partitions[p].logEnd, static_cast<int>(p) == expected ? 50u : 0u) << "partition " << p;
    EXPECT_EQ(r.node("s").busyWorkers.max, 1.0); // one partition: one instance at a time
}

TEST(Topic, PerKeyOrderHoldsWithManyInstancesAndRandomTimes)
{
    // Poisson arrivals, 20 keys, exponential service, 4 partitions read by
    // 3 instances: each key stays on its partition, read in order.
    Topology t = topology({producer("in", 5.0), topic("t", 4), service("s", 3, sim::Distribution::exponential(0.5))},
                          {publish("in", "t"), consume("t", "s")}, 2000);
    std::get<ProducerSpec>(t.nodes[0].params).keys.count = 20;
    const RunResults r = runChecked(t, 7);
    EXPECT_GT(r.node("s").departures, 9000u);
    EXPECT_EQ(r.node("s").outOfOrder, 0u);
}

TEST(Topic, SlowGroupLagIsLogEndMinusCommitted)
{
    // One partition, records at 1..10, 2.5 s each: done at 3.5, 6, 8.5, 11,
    // 13.5, 16, 18.5 (r7 runs 18.5-21). At the horizon 19, per-record commits
    // have committed 7 of 10: lag 3, position 8. The lag peaks at t = 10:
    // log end 10, committed 3: 7.
    const RunResults r = runChecked(groupsOn(topic("t", 1), 10, {{"slow", 1, 2.5}}, 19), 1);
    const PartitionOffsets &p = group(r, "slow").partitions[0];
    EXPECT_EQ(p.logEnd, 10u);
    EXPECT_EQ(p.position, 8u);
    EXPECT_EQ(p.committed, 7u);
    EXPECT_EQ(p.lag, 3u);
    EXPECT_EQ(p.maxLag, 7u);
    EXPECT_EQ(group(r, "slow").lag.max, 7.0);
    EXPECT_EQ(r.ledger.inFlight, 3u); // r7 in progress, r8 and r9 unread
}

TEST(Topic, AutoCommitCommitsWhatWasProcessedAtEachTick)
{
    // As above, with auto-commit every 5 s: the commit at 5 takes 1 (r0 done
    // at 3.5), at 10 takes 3, at 15 takes 5; none at 20 (past the horizon 19),
    // though 7 are processed. Lag 10 - 5 = 5: a restart would redo r5, r6.
    NodeSpec t = topic("t", 1, CommitMode::Auto);
    const RunResults r = runChecked(groupsOn(t, 10, {{"slow", 1, 2.5}}, 19), 1);
    const PartitionOffsets &p = group(r, "slow").partitions[0];
    EXPECT_EQ(p.position, 8u);
    EXPECT_EQ(p.committed, 5u);
    EXPECT_EQ(p.lag, 5u);
    // Every 3 s: the ticks fall at 6 (scheduled at 3.5, so before r1's end
    // at 6: commits 1), 9 (3), 12 (4), 15 (5), 18 (6); the tick at 21 is past
    // the horizon.
    std::get<TopicSpec>(t.params).autoCommitInterval = sim::Duration::seconds(3);
    const RunResults r3 = runChecked(groupsOn(t, 10, {{"slow", 1, 2.5}}, 19), 1);
    EXPECT_EQ(group(r3, "slow").partitions[0].committed, 6u);
}

TEST(Topic, AFailedRecordIsCountedAndCommittedPast)
{
    // Kafka has no per-record nack: the consumer logs the failure and moves on.
    Topology t = groupsOn(topic("t", 2), 6, {{"s", 1, 0.5}});
    std::get<ServiceSpec>(t.nodes[2].params).failureProbability = 1.0;
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.failed, 6u);
    EXPECT_EQ(r.ledger.completed, 0u);
    EXPECT_EQ(r.node("s").failures, 6u);
    for (const PartitionOffsets &p : group(r, "s").partitions) {
        EXPECT_EQ(p.committed, 3u);
        EXPECT_EQ(p.lag, 0u);
    }
}

TEST(Topic, RetentionDeletesWhatASlowGroupHasNotRead)
{
    // Retention 5 s: the record appended at k is deleted just after k + 5.
    // Slow group (4 s each): r0 1-5, r1 5-9, r3 9-13; r2 (deleted after 8),
    // r4 (after 10) and r5 (after 11) are deleted unread: lost. A fast group
    // (0.5 s) reads everything in time.
    NodeSpec t = topic("t", 1, CommitMode::PerRecord, sim::Duration::seconds(5));
    const RunResults r = runChecked(groupsOn(t, 6, {{"slow", 1, 4.0}, {"fast", 1, 0.5}}), 1);
    EXPECT_EQ(r.ledger.produced, 6u);
    EXPECT_EQ(r.ledger.forked, 6u);
    EXPECT_EQ(r.ledger.lostToRetention, 3u);
    EXPECT_EQ(r.ledger.completed, 9u);
    EXPECT_EQ(r.node("slow").departures, 3u);
    EXPECT_EQ(r.node("fast").departures, 6u);
    EXPECT_EQ(r.node("t").lostToRetention, 3u);
    EXPECT_EQ(group(r, "slow").lostToRetention, 3u);
    EXPECT_EQ(group(r, "fast").lostToRetention, 0u);
    const PartitionOffsets &p = group(r, "slow").partitions[0];
    EXPECT_EQ(p.logStart, 6u); // everything deleted by the end
    EXPECT_EQ(p.logEnd, 6u);
    EXPECT_EQ(p.position, 6u);
    EXPECT_EQ(p.committed, 6u); // r3's end at 13 covers the skipped r4, r5
    EXPECT_DOUBLE_EQ(r.simulatedTime, 13.0);
}

TEST(Topic, OnePartitionOneInstanceIsAnMM1)
{
    // λ = 0.5, μ = 1: Wq = ρ/(μ-λ) = 1 in the log, W = 2 at the service.
    const Topology t
        = topology({producer("in", 0.5), topic("t", 1), service("s", 1, sim::Distribution::exponential(1.0))},
                   {publish("in", "t"), consume("t", "s")}, 40000, 1000);
    const auto wait = replicate(t, 10, [](const RunResults &r) { return r.node("t").waitingTime.mean; });
    const auto response = replicate(
        t, 10, [](const RunResults &r) { return r.node("t").waitingTime.mean + r.node("s").responseTime.mean; });
    EXPECT_COVERS(wait, 1.0);
    EXPECT_COVERS(response, 2.0);
    const auto ci = confidenceInterval(wait, 0.999);
    std::printf("M/M/1 through a topic: Wq exact 1, simulated %.4f +- %.4f (99.9%%)\n", ci.mean, ci.halfWidth);
}

TEST(Topic, TopicSpecRoundTripsThroughTheFileFormat)
{
    Topology t = groupsOn(topic("t", 12, CommitMode::PerRecord, sim::Duration::seconds(3600)), 5, {{"s", 2, 0.1}});
    NodeSpec autoTopic = topic("t2", 4, CommitMode::Auto, sim::Duration::seconds(90));
    std::get<TopicSpec>(autoTopic.params).autoCommitInterval = sim::Duration::milliseconds(1500);
    t.nodes.push_back(autoTopic);
    t.nodes.push_back(service("s2", 1, sim::Distribution::constant(0.1)));
    t.edges.push_back(publish("s", "t2"));
    t.edges.push_back(consume("t2", "s2"));
    const std::string saved = serializeTopology(t);
    const Topology loaded = parseTopology(saved);
    EXPECT_EQ(std::get<TopicSpec>(loaded.nodes[1].params), std::get<TopicSpec>(t.nodes[1].params));
    EXPECT_EQ(std::get<TopicSpec>(loaded.nodes[3].params), std::get<TopicSpec>(autoTopic.params));
    EXPECT_EQ(loaded.edges, t.edges);
    EXPECT_EQ(serializeTopology(loaded), saved);
}

TEST(Topic, DefaultsAreKafkas)
{
    const Topology t = parseTopology(R"({"format": "asyncsim-topology", "version": 1, "nodes": [
        {"id": "in", "kind": "producer", "arrivals": {"dist": "poisson", "rate": 1}},
        {"id": "t", "kind": "topic"},
        {"id": "s", "kind": "service", "workers": 1, "serviceTime": "10ms"}],
        "edges": [{"from": "in", "to": "t"}, {"from": "t", "to": "s"}]})");
    const auto &spec = std::get<TopicSpec>(t.nodes[1].params);
    EXPECT_EQ(spec.partitions, 3);
    EXPECT_EQ(spec.retention, sim::Duration::seconds(168 * 3600));
    EXPECT_EQ(spec.commit, CommitMode::Auto);
    EXPECT_EQ(spec.autoCommitInterval, sim::Duration::seconds(5));
    EXPECT_EQ(t.edges[1].mode, EdgeMode::Consume); // inferred, as for a queue
    EXPECT_TRUE(checkTopology(t).empty());
}

TEST(Topic, ATopicWithoutGroupsEndsFlowsAndIsWarnedAbout)
{
    Topology t = topology({producer("in", 1.0, ArrivalProcess::Constant), topic("t", 2)}, {publish("in", "t")}, 100);
    std::get<ProducerSpec>(t.nodes[0].params).limit = 5;
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.completed, 5u);
    const auto problems = checkTopology(t);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].severity, Severity::Warning);
}

TEST(Topic, OffsetsStayConsistentUnderLoadFailuresAndRetention)
{
    // Overloaded on purpose, with random times: a slow group that fails a
    // tenth of its records and loses records to a 20 s retention, beside a
    // fast one, auto-committing every 5 s. For every group, each offset below
    // the position was either handed to the consumer or lost:
    // Σ position = consumer arrivals + lost; and
    // log start ≤ committed ≤ position ≤ log end on every partition.
    Topology t = topology({producer("in", 30.0), topic("t", 5, CommitMode::Auto, sim::Duration::seconds(20)),
                           service("slow", 3, sim::Distribution::exponential(0.15)),
                           service("fast", 4, sim::Distribution::exponential(0.05)), sink("out")},
                          {publish("in", "t"), consume("t", "slow"), consume("t", "fast"), publish("slow", "out"),
                           publish("fast", "out")},
                          300);
    std::get<ProducerSpec>(t.nodes[0].params).keys.count = 100;
    std::get<ServiceSpec>(t.nodes[2].params).failureProbability = 0.1;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        SCOPED_TRACE(seed);
        const RunResults r = runChecked(t, seed);
        EXPECT_TRUE(r.ledger.balances());
        EXPECT_GT(r.ledger.lostToRetention, 0u);
        EXPECT_GT(r.ledger.failed, 0u);
        EXPECT_EQ(group(r, "fast").lostToRetention, 0u);
        EXPECT_EQ(r.ledger.lostToRetention, group(r, "slow").lostToRetention);
        for (const std::string id : {"slow", "fast"}) {
            const ConsumerGroupResults &g = group(r, id);
            std::uint64_t positions = 0;
            for (const PartitionOffsets &p : g.partitions) {
                positions += p.position;
                EXPECT_LE(p.committed, p.position);
                EXPECT_LE(p.position, p.logEnd);
                EXPECT_LE(p.logStart, p.position);
                EXPECT_EQ(p.lag, p.logEnd - p.committed);
                EXPECT_GE(p.maxLag, p.lag);
            }
            EXPECT_EQ(positions, r.node(id).arrivals + g.lostToRetention) << id;
            EXPECT_EQ(r.node(id).outOfOrder, 0u) << id;
        }
    }
}
