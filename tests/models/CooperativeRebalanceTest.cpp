// Kafka's assignors and the cooperative rebalance (SEMANTICS §4.2): the
// range and sticky assignments by hand, and hand-worked traces of a group
// that keeps reading while a member leaves and comes back.

#include "TestTopologies.h"

#include "models/PartitionAssignor.h"
#include "models/RunLog.h"
#include "models/TopologyJson.h"
#include "sim/RandomStream.h"

#include <numeric>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

using Parts = std::vector<std::size_t>;

} // namespace

TEST(PartitionAssignor, RangeGivesRunsWithTheExtraOnesFirst)
{
    EXPECT_EQ(rangeAssignment(5, 2), (PartitionAssignment{{0, 1, 2}, {3, 4}}));
    EXPECT_EQ(rangeAssignment(2, 3), (PartitionAssignment{{0}, {1}, {}}));
    EXPECT_EQ(rangeAssignment(4, 0), PartitionAssignment{});
}

TEST(PartitionAssignor, StickyDealsAFreshGroupInTurn)
{
    EXPECT_EQ(stickyAssignment(4, PartitionAssignment(2)), (PartitionAssignment{{0, 2}, {1, 3}}));
    // 5 over 2: both take 2 in turn, and the one larger share goes to member 0.
    EXPECT_EQ(stickyAssignment(5, PartitionAssignment(2)), (PartitionAssignment{{0, 2, 4}, {1, 3}}));
    EXPECT_EQ(stickyAssignment(2, PartitionAssignment(3)), (PartitionAssignment{{0}, {1}, {}}));
}

TEST(PartitionAssignor, StickyMovesOnlyTheLeaversPartitions)
{
    // 6 over 3 dealt {0,3} {1,4} {2,5}; member 2 leaves: only 2 and 5 move.
    EXPECT_EQ(stickyAssignment(6, {{0, 3}, {1, 4}}), (PartitionAssignment{{0, 2, 3}, {1, 4, 5}}));
}

TEST(PartitionAssignor, StickyGivesAJoinerItsShareFromTheFullestAndNoMore)
{
    // A third member joins 6 partitions held 3 + 3: each gives up its highest.
    EXPECT_EQ(stickyAssignment(6, {{0, 2, 3}, {1, 4, 5}, {}}), (PartitionAssignment{{0, 2}, {1, 4}, {3, 5}}));
    // 7 held by one, a second joins: ⌈7/2⌉ = 4 stay, 3 move.
    EXPECT_EQ(stickyAssignment(7, {{0, 1, 2, 3, 4, 5, 6}, {}}), (PartitionAssignment{{0, 1, 2, 3}, {4, 5, 6}}));
}

TEST(PartitionAssignor, StickyAllowsTheLargerShareToOnly_PModM_Members)
{
    // 5 over 3: at most 5 mod 3 = 2 members hold 2. Member 0 keeps 2 of its
    // 3, member 1 its 2; the third is free and goes to member 2.
    EXPECT_EQ(stickyAssignment(5, {{0, 1, 2}, {3, 4}, {}}), (PartitionAssignment{{0, 1}, {3, 4}, {2}}));
    // Both larger shares used up by the first two: member 2 keeps 1 of its 2.
    EXPECT_EQ(stickyAssignment(5, {{0, 1}, {2, 3}, {4}}), (PartitionAssignment{{0, 1}, {2, 3}, {4}}));
}

TEST(PartitionAssignor, StickyIsBalancedCompleteAndKeepsWhatItCanForAnyOwnership)
{
    // Random ownerships (some partitions owned by nobody): every partition
    // goes to exactly one member, each member gets ⌊P/M⌋ or ⌈P/M⌉, and a
    // member keeps min(owned, final share) of what it owned.
    sim::RandomStream rng(42, "assignor", "ownership");
    for (int round = 0; round < 500; ++round) {
        const std::size_t partitions = 1 + rng.below(12);
        const std::size_t members = 1 + rng.below(6);
        PartitionAssignment owned(members);
        for (std::size_t p = 0; p < partitions; ++p) {
            const std::size_t who = rng.below(members + 1); // members: nobody
            if (who < members)
                owned[who].push_back(p);
        }
        const PartitionAssignment result = stickyAssignment(partitions, owned);
        ASSERT_EQ(result.size(), members);
        std::vector<int> times(partitions, 0);
        for (std::size_t i = 0; i < members; ++i) {
            EXPECT_GE(result[i].size(), partitions / members);
            EXPECT_LE(result[i].size(), (partitions + members - 1) / members);
            std::size_t kept = 0;
            for (std::size_t p : result[i]) {
                ++times[p];
                kept += std::count(owned[i].begin(), owned[i].end(), p);
            }
            EXPECT_EQ(kept, std::min(owned[i].size(), result[i].size())) << "round " << round << " member " << i;
        }
        EXPECT_TRUE(std::all_of(times.begin(), times.end(), [](int n) { return n == 1; })) << "round " << round;
    }
}

TEST(CooperativeRebalance, SurvivorsReadOnAndOnlyMovedPartitionsWait)
{
    // The hand-worked trace in the scenario's description: the waits of the
    // 21 reads are 1.5 s (record of 10 s), 3.8 s (read again after the
    // crash), 0.5 s (12 s) and 0.5 s (19 s); every other read waits 0.
    const RunResults r = runScenario("kafka-cooperative-rebalance");
    const NodeResults &t = r.node("t");
    EXPECT_EQ(r.ledger.produced, 20u);
    EXPECT_EQ(r.ledger.completed, 20u);
    EXPECT_EQ(r.ledger.duplicated, 0u);
    EXPECT_EQ(t.departures, 21u);
    EXPECT_EQ(t.waitingTime.count, 21u);
    EXPECT_NEAR(t.waitingTime.mean, 6.3 / 21, 1e-9);
    EXPECT_NEAR(t.waitingTime.max, 3.8, 1e-9);
    ASSERT_EQ(t.groups.size(), 1u);
    const ConsumerGroupResults &g = t.groups[0];
    EXPECT_EQ(g.reread, 1u);
    EXPECT_EQ(g.duplicates, 0u);
    EXPECT_EQ(g.rebalances, 3u) << "the crash, the return, and the round that hands out the revoked partitions";
    // Stopped: partitions 1 and 3 for the 3 s round after the crash; 2 from
    // its revocation at 16.3 s, and 3 from 16.3 s (revoking, its record in
    // progress) to the hand-out at 19.5 s: 6 + 3.2 + 3.2.
    EXPECT_NEAR(g.stoppedPartitionSeconds, 12.4, 1e-9);
    EXPECT_EQ(g.assignor, Assignor::CooperativeSticky);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 20.5);
    for (const PartitionOffsets &p : g.partitions)
        EXPECT_EQ(p.committed, 5u);
}

TEST(CooperativeRebalance, TheSameCrashUnderTheEagerProtocolStopsEveryPartition)
{
    // Range, eager: instance 0 reads 0-1, instance 1 reads 2-3. Nothing is
    // read 8.2-11.2 s; then instance 0 alone reads the records of 9, 10 and
    // 11 s (waits 2.2, 1.7, 1.2 s), the one read again (4.5 s) and, at
    // 13.2 s, that of 13 s (0.2 s). The return at 13.3 s stops everything
    // until 16.3 s: then instance 0 reads 14 s (2.3 s), instance 1 reads
    // 15 s (1.3 s), 12 s (4.8 s) and 16 s (1.3 s). 19.5 s of waiting, against
    // the cooperative 6.3 s.
    Topology eager = scenario("kafka-cooperative-rebalance");
    std::get<TopicSpec>(eager.nodes[1].params).assignor = Assignor::Range;
    const RunResults r = runChecked(eager, 1);
    const NodeResults &t = r.node("t");
    EXPECT_EQ(r.ledger.completed, 20u);
    EXPECT_EQ(t.groups[0].rebalances, 2u);
    EXPECT_EQ(t.waitingTime.count, 21u);
    EXPECT_NEAR(t.waitingTime.max, 4.8, 1e-9);
    EXPECT_NEAR(t.waitingTime.mean * 21, 19.5, 1e-9);
    EXPECT_NEAR(t.groups[0].stoppedPartitionSeconds, 4 * 3.0 + 4 * 3.0, 1e-9) << "all 4 for both rounds";
}

TEST(CooperativeRebalance, EachRoundIsLoggedWithWhatItMoved)
{
    RunLog log;
    models::Run run(scenario("kafka-cooperative-rebalance"));
    run.setLog(&log);
    run.runToEnd();
    const RunResults r = run.finish();
    std::vector<std::pair<double, std::string>> rounds;
    for (const RunLogEntry &e : log.since(0))
        if (e.kind == RunLogKind::Rebalanced)
            rounds.emplace_back(e.at.toSeconds(), e.text);
    ASSERT_EQ(rounds.size(), 6u) << "each of the 3 rounds logs its start and its end";
    const std::pair<double, const char *> expected[] = {
        {8.2, "group s rebalancing (a member left): partitions without an owner wait"},
        {11.2, "group s rebalanced: 2 partitions assigned, 0 revoked, over 1 instances"},
        {13.3, "group s rebalancing (a member joined): partitions without an owner wait"},
        {16.3, "group s rebalanced: 0 partitions assigned, 2 revoked, over 2 instances"},
        {16.5, "group s rebalancing (revoked partitions to hand out): partitions without an owner wait"},
        {19.5, "group s rebalanced: 2 partitions assigned, 0 revoked, over 2 instances"},
    };
    for (std::size_t i = 0; i < rounds.size(); ++i) {
        EXPECT_NEAR(rounds[i].first, expected[i].first, 1e-9) << i;
        EXPECT_EQ(rounds[i].second, expected[i].second) << i;
    }
}

TEST(CooperativeRebalance, AnOwnerCommitsARevokedPartitionAsItLetsGo)
{
    // Auto-commit every 5 s instead. At 16.25 s partitions 2 and 3 have a
    // record processed (15 s) or in progress (16 s) since the commit at
    // 15 s: lag 1 each. Partition 2 is let go at 16.3 s and 3 at 16.5 s,
    // each committed then, not at the next tick (20 s): lag 0.
    Topology t = scenario("kafka-cooperative-rebalance");
    TopicSpec &spec = std::get<TopicSpec>(t.nodes[1].params);
    spec.commit = CommitMode::Auto;
    spec.autoCommitInterval = sim::Duration::seconds(5);
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(16.25));
    EXPECT_EQ(run.snapshot().nodes[1].partitionLag, (std::vector<std::uint64_t>{0, 0, 1, 1}));
    run.advanceTo(sim::Time::fromSeconds(16.6));
    EXPECT_EQ(run.snapshot().nodes[1].partitionLag, (std::vector<std::uint64_t>{0, 0, 0, 0}));
    run.runToEnd();
    const RunResults r = run.finish();
    EXPECT_TRUE(r.ledger.balances());
    // The crash at 8.2 s still reads partition 1's record of 6 s again (not
    // committed since 5 s): the revocations add no duplicate.
    EXPECT_EQ(r.ledger.duplicated, 1u);
    EXPECT_EQ(r.ledger.completed, 21u);
}

TEST(CooperativeRebalance, AGroupWhoseEveryMemberCrashedGetsEverythingBackWhenOneReturns)
{
    Topology t = scenario("kafka-cooperative-rebalance");
    t.faults[0].instances = 2; // both instances, 8.2-13.3 s
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.completed, 20u);
    EXPECT_EQ(r.node("t").groups[0].rebalances, 2u);
    EXPECT_NEAR(r.node("t").groups[0].stoppedPartitionSeconds, 4 * (16.3 - 8.2), 1e-9);
    // Nothing is read from 8.2 s until the round after the return ends at
    // 16.3 s. The fresh deal gives instance 1 partitions 1 and 3: it reads
    // the record of 10 s first, then the one read again, at 16.8 s.
    EXPECT_NEAR(r.node("t").waitingTime.max, 16.8 - 8.2, 1e-9) << "the record read again after the crash";
}

TEST(CooperativeRebalance, AConsumeEdgeChoosesItsGroupsAssignorAndTheFileKeepsIt)
{
    Topology t = scenario("kafka-cooperative-rebalance");
    std::get<TopicSpec>(t.nodes[1].params).assignor = Assignor::Range;
    t.edges[1].assignor = Assignor::CooperativeSticky;
    // The edge's assignor wins: the same run as the topic's cooperative one.
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("t").groups[0].rebalances, 3u);
    EXPECT_NEAR(r.node("t").waitingTime.max, 3.8, 1e-9);
    const std::string json = serializeTopology(t);
    EXPECT_NE(json.find("\"assignor\": \"cooperative-sticky\""), std::string::npos) << json;
    EXPECT_EQ(parseTopology(json), t);
}

TEST(CooperativeRebalance, TheLiveSnapshotShowsWhoOwnsWhatAndWhatIsStopped)
{
    // The scenario's trace, as a live view sees it (instance indices from 0).
    models::Run run(scenario("kafka-cooperative-rebalance"));
    const auto at = [&](double seconds) {
        run.advanceTo(sim::Time::fromSeconds(seconds));
        const std::vector<ConsumerGroupSnapshot> groups = run.snapshot().nodes[1].groups;
        EXPECT_EQ(groups.size(), 1u);
        return groups.empty() ? ConsumerGroupSnapshot{} : groups.front();
    };
    const ConsumerGroupSnapshot start = at(1.0);
    EXPECT_EQ(start.owner, (std::vector<std::int32_t>{0, 1, 0, 1})) << "dealt in turn";
    EXPECT_EQ(start.assignor, Assignor::CooperativeSticky);
    EXPECT_EQ(start.node, 2);
    const ConsumerGroupSnapshot crashRound = at(9.0);
    EXPECT_EQ(crashRound.owner, (std::vector<std::int32_t>{0, -1, 0, -1}));
    EXPECT_EQ(crashRound.stopped, (std::vector<bool>{false, true, false, true})) << "instance 0 reads on";
    EXPECT_EQ(at(12.1).owner, (std::vector<std::int32_t>{0, 0, 0, 0}));
    const ConsumerGroupSnapshot revoking = at(16.4);
    EXPECT_EQ(revoking.owner, (std::vector<std::int32_t>{0, 0, -1, 0})) << "2 let go; 3 finishing its record";
    EXPECT_EQ(revoking.stopped, (std::vector<bool>{false, false, true, true}));
    const ConsumerGroupSnapshot handedOut = at(19.6);
    EXPECT_EQ(handedOut.owner, (std::vector<std::int32_t>{0, 0, 1, 1}));
    EXPECT_EQ(handedOut.stopped, (std::vector<bool>(4, false)));
    EXPECT_EQ(handedOut.rebalances, 3u);
}
