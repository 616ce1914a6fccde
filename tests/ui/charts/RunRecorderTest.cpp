// Snapshots become chart series: levels as they are, rates from counter
// differences within one statistics epoch, breaker states and transitions.
#include "ui/charts/RunRecorder.h"

#include "SyntheticRun.h"

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::testing;
using ui::Metric;
using ui::RunRecorder;

namespace {

std::vector<std::pair<double, double>> pairs(const RunRecorder &r, const ui::SeriesKey &key)
{
    std::vector<std::pair<double, double>> out;
    if (const ui::SeriesBuffer *b = r.series(key))
        for (const QPointF &p : b->points())
            out.emplace_back(p.x(), p.y());
    return out;
}

using Points = std::vector<std::pair<double, double>>;

} // namespace

TEST(RunRecorder, TakesNamesKindsAndBoundsFromTheTopology)
{
    RunRecorder r;
    r.start(syntheticTopology());
    ASSERT_EQ(r.nodes().size(), std::size_t(NodeCount));
    EXPECT_EQ(r.nodes()[Q].name, "q");
    EXPECT_EQ(r.nodes()[Q].capacity, 100u);
    EXPECT_EQ(r.nodes()[T].partitions, 3);
    EXPECT_EQ(r.nodes()[S].workers, 2);
    EXPECT_EQ(r.edges()[QS].name, QStringLiteral("q → s"));
    // The sample interval (1 s) is the rate window.
    EXPECT_EQ(r.rateWindow(), sim::Duration::seconds(1));
    EXPECT_EQ(r.horizon(), 60);
}

TEST(RunRecorder, RateWindowIsTheSampleIntervalButAtLeastASecondOrAFiftiethOfTheRun)
{
    RunRecorder r;
    models::Topology t = syntheticTopology();
    t.simulation.sampleInterval.reset(); // 60 s / 500 = 120 ms, below the floor of 1 s
    r.start(t);
    EXPECT_EQ(r.rateWindow(), sim::Duration::seconds(1));
    t.simulation.duration = sim::Duration::seconds(5); // floor: 5 s / 50 = 100 ms, above 5 s / 500
    r.start(t);
    EXPECT_EQ(r.rateWindow(), sim::Duration::milliseconds(100));
    t.simulation.duration = sim::Duration::seconds(36000); // 10 h / 500 = 72 s
    r.start(t);
    EXPECT_EQ(r.rateWindow(), sim::Duration::seconds(72));
}

TEST(RunRecorder, RecordsLevelsAtEverySnapshot)
{
    RunRecorder r;
    r.start(syntheticTopology());
    for (int i = 1; i <= 3; ++i) {
        models::RunSnapshot s = syntheticSnapshot(0.5 * i);
        s.nodes[Q].waiting = 10u * i;
        s.nodes[Q].unacked = 2;
        s.nodes[S].busyWorkers = i % 2 + 1;
        s.nodes[S].responseP99 = 0.25;
        s.nodes[T].partitionLag = {1, 2, 3u * i};
        s.nodes[D].deadLettersByReason[1] = 4;
        s.ledger.produced = 7u * i;
        r.apply(s);
    }
    EXPECT_EQ(pairs(r, ui::nodeKey(Q, Metric::Waiting)), (Points{{0.5, 10}, {1, 20}, {1.5, 30}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(Q, Metric::Unacked)), (Points{{0.5, 2}, {1, 2}, {1.5, 2}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(Q, Metric::Capacity)), (Points{{0.5, 100}, {1, 100}, {1.5, 100}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(S, Metric::BusyWorkers)), (Points{{0.5, 2}, {1, 1}, {1.5, 2}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(S, Metric::Workers)), (Points{{0.5, 2}, {1, 2}, {1.5, 2}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(S, Metric::ResponseP99)), (Points{{0.5, 0.25}, {1, 0.25}, {1.5, 0.25}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(T, Metric::PartitionLag, 2)), (Points{{0.5, 3}, {1, 6}, {1.5, 9}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(D, Metric::DeadLetters, 1)), (Points{{0.5, 4}, {1, 4}, {1.5, 4}}));
    EXPECT_EQ(pairs(r, ui::ledgerKey(Metric::Produced)), (Points{{0.5, 7}, {1, 14}, {1.5, 21}}));
    // No capacity line for a service without a bound, no waiting line for a producer.
    EXPECT_EQ(r.series(ui::nodeKey(S, Metric::Capacity)), nullptr);
    EXPECT_EQ(r.series(ui::nodeKey(S, Metric::ResponseP50))->size(), 3u); // p50 = 0 with p99 > 0 is a measurement
    EXPECT_EQ(r.series(ui::nodeKey(P, Metric::Waiting)), nullptr);
    EXPECT_EQ(r.now(), 1.5);
}

TEST(RunRecorder, NoResponseTimesBeforeAnyAnswer)
{
    RunRecorder r;
    r.start(syntheticTopology());
    r.apply(syntheticSnapshot(1)); // percentiles 0: nothing answered yet
    models::RunSnapshot s = syntheticSnapshot(2);
    s.nodes[S].responseP50 = 0.1;
    s.nodes[S].responseP95 = 0.2;
    s.nodes[S].responseP99 = 0.3;
    r.apply(s);
    EXPECT_EQ(pairs(r, ui::nodeKey(S, Metric::ResponseP95)), (Points{{2, 0.2}}));
}

TEST(RunRecorder, RatesAreCounterDifferencesOverAtLeastTheRateWindow)
{
    RunRecorder r;
    r.start(syntheticTopology());
    const std::vector<std::pair<double, std::uint64_t>> arrivals{{1, 10}, {2, 30}, {2.5, 35}, {3, 60}, {4.5, 90}};
    for (const auto &[t, n] : arrivals) {
        models::RunSnapshot s = syntheticSnapshot(t);
        s.nodes[Q].arrivals = n;
        s.nodes[Q].departures = n / 2;
        s.edges[PQ].carried[0] = n;
        r.apply(s);
    }
    // Base at 1 s; 2 s: (30−10)/1; 2.5 s is within the window of the base at 2 s;
    // 3 s: (60−30)/1; 4.5 s: (90−60)/1.5.
    EXPECT_EQ(pairs(r, ui::nodeKey(Q, Metric::ArrivalRate)), (Points{{2, 20}, {3, 30}, {4.5, 20}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(Q, Metric::DepartureRate)), (Points{{2, 10}, {3, 15}, {4.5, 10}}));
    EXPECT_EQ(pairs(r, ui::edgeKey(PQ, Metric::CarriedRate, 0)), (Points{{2, 20}, {3, 30}, {4.5, 20}}));
}

TEST(RunRecorder, QueueAndServiceEventRates)
{
    RunRecorder r;
    r.start(syntheticTopology());
    // Counters at 1, 2 and 4 s; rates over 1 s, then 2 s.
    const std::vector<std::pair<double, std::uint64_t>> counts{{1, 0}, {2, 6}, {4, 10}};
    for (const auto &[t, n] : counts) {
        models::RunSnapshot s = syntheticSnapshot(t);
        s.nodes[Q].requeues = n;
        s.nodes[Q].deduplicated = n / 2;
        s.nodes[S].versionRejections = n;
        s.nodes[S].upcasts = 2 * n;
        s.nodes[S].hangs = n / 2;
        r.apply(s);
    }
    EXPECT_EQ(pairs(r, ui::nodeKey(Q, Metric::RequeueRate)), (Points{{2, 6}, {4, 2}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(Q, Metric::DeduplicatedRate)), (Points{{2, 3}, {4, 1}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(S, Metric::VersionRejectionRate)), (Points{{2, 6}, {4, 2}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(S, Metric::UpcastRate)), (Points{{2, 12}, {4, 4}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(S, Metric::HangRate)), (Points{{2, 3}, {4, 1}}));
    // Only the node kind that has them.
    EXPECT_TRUE(pairs(r, ui::nodeKey(S, Metric::RequeueRate)).empty());
    EXPECT_TRUE(pairs(r, ui::nodeKey(Q, Metric::HangRate)).empty());
}

TEST(RunRecorder, NoRateAcrossAStatisticsEpoch)
{
    RunRecorder r;
    r.start(syntheticTopology());
    const std::vector<std::tuple<double, std::uint64_t, std::uint32_t>> snapshots{
        {1, 10, 0}, {2, 30, 0}, {3, 5, 1}, {4, 25, 1}, {5, 45, 1}};
    for (const auto &[t, n, epoch] : snapshots) {
        models::RunSnapshot s = syntheticSnapshot(t, epoch);
        s.nodes[S].arrivals = n;
        r.apply(s);
    }
    // The warm-up reset at 3 s is not a negative rate, nor is 5 − 30 over 1 s:
    // the snapshot at 3 s only becomes the new base.
    EXPECT_EQ(pairs(r, ui::nodeKey(S, Metric::ArrivalRate)), (Points{{2, 20}, {4, 20}, {5, 20}}));
}

TEST(RunRecorder, AProducerOffersWhatItMakesAndHasAcceptedWhatWasNotRefused)
{
    RunRecorder r;
    r.start(syntheticTopology());
    models::RunSnapshot a = syntheticSnapshot(1);
    a.nodes[P].arrivals = 100;
    a.nodes[P].drops = 10;
    models::RunSnapshot b = syntheticSnapshot(3);
    b.nodes[P].arrivals = 300;
    b.nodes[P].drops = 70;
    r.apply(a);
    r.apply(b);
    EXPECT_EQ(pairs(r, ui::nodeKey(P, Metric::ArrivalRate)), (Points{{3, 100}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(P, Metric::DropRate)), (Points{{3, 30}}));
    EXPECT_EQ(pairs(r, ui::nodeKey(P, Metric::AcceptedRate)), (Points{{3, 70}}));
}

TEST(RunRecorder, BreakerStatesAndTheSnapshotsWithATransition)
{
    RunRecorder r;
    r.start(syntheticTopology());
    using models::CircuitBreakerState;
    const std::vector<std::tuple<double, CircuitBreakerState, std::uint64_t>> states{
        {1, CircuitBreakerState::Closed, 0}, {2, CircuitBreakerState::Open, 1},
        {3, CircuitBreakerState::Open, 1},   {4, CircuitBreakerState::HalfOpen, 2},
        {5, CircuitBreakerState::Closed, 3}, {6, CircuitBreakerState::ForcedOpen, 4}};
    EXPECT_FALSE(r.edges()[SK].hasBreaker);
    for (const auto &[t, state, transitions] : states) {
        models::RunSnapshot s = syntheticSnapshot(t);
        s.edges[SK].breaker = state;
        s.edges[SK].breakerTransitions = transitions;
        s.edges[SK].rejectedCalls = static_cast<std::uint64_t>(t * t);
        r.apply(s);
    }
    EXPECT_TRUE(r.edges()[SK].hasBreaker);
    EXPECT_FALSE(r.edges()[ST].hasBreaker);
    EXPECT_EQ(pairs(r, ui::edgeKey(SK, Metric::BreakerState)),
              (Points{{1, 0}, {2, 2}, {3, 2}, {4, 1}, {5, 0}, {6, 2}}));
    EXPECT_EQ(pairs(r, ui::edgeKey(SK, Metric::BreakerTransition)), (Points{{2, 2}, {4, 1}, {5, 0}, {6, 2}}));
    // t² rejected: 4−1, 9−4, ...
    EXPECT_EQ(pairs(r, ui::edgeKey(SK, Metric::RejectedCallRate)), (Points{{2, 3}, {3, 5}, {4, 7}, {5, 9}, {6, 11}}));
    EXPECT_EQ(r.series(ui::edgeKey(ST, Metric::BreakerState)), nullptr);
}

TEST(RunRecorder, IgnoresSnapshotsThatDoNotFitOrGoBack)
{
    RunRecorder r;
    r.apply(syntheticSnapshot(1)); // before start
    EXPECT_EQ(r.seriesCount(), 0u);
    r.start(syntheticTopology());
    models::RunSnapshot wrong = syntheticSnapshot(1);
    wrong.nodes.pop_back();
    r.apply(wrong);
    EXPECT_EQ(r.seriesCount(), 0u);
    r.apply(syntheticSnapshot(2));
    const std::uint64_t revision = r.revision();
    r.apply(syntheticSnapshot(1));
    EXPECT_EQ(r.revision(), revision);
    EXPECT_EQ(r.series(ui::nodeKey(Q, Metric::Waiting))->size(), 1u);
}

TEST(RunRecorder, StaysBoundedOverAHundredThousandSnapshots)
{
    RunRecorder r;
    r.start(syntheticTopology());
    r.setRateWindow(sim::Duration::milliseconds(1)); // a rate point from every snapshot: the worst case
    for (int i = 1; i <= 100'000; ++i) {
        models::RunSnapshot s = syntheticSnapshot(i * 0.033);
        s.nodes[Q].waiting = static_cast<std::uint64_t>(i % 100);
        s.nodes[Q].arrivals = 3u * static_cast<std::uint64_t>(i);
        s.nodes[T].partitionLag = {1, 2, 3};
        r.apply(s);
    }
    EXPECT_LE(r.largestSeries(), 2000u);
    EXPECT_GE(r.series(ui::nodeKey(Q, Metric::Waiting))->size(), 1000u);
    // Every rate point is 3 per 33 ms, merged or not.
    for (const QPointF &p : r.series(ui::nodeKey(Q, Metric::ArrivalRate))->points())
        EXPECT_NEAR(p.y(), 3 / 0.033, 1e-4); // the 33 ms steps are rounded to the nanosecond: ±3e-8 relative
}

TEST(RunRecorder, ClearLeavesNothing)
{
    RunRecorder r;
    r.start(syntheticTopology());
    r.apply(syntheticSnapshot(1));
    r.apply(syntheticSnapshot(2));
    EXPECT_GT(r.seriesCount(), 0u);
    r.clear();
    EXPECT_EQ(r.seriesCount(), 0u);
    EXPECT_TRUE(r.nodes().empty());
    EXPECT_TRUE(r.edges().empty());
    EXPECT_FALSE(r.hasRun());
    EXPECT_FALSE(r.lastSnapshot().has_value());
    EXPECT_EQ(r.now(), 0);
}
