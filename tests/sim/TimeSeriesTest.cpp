// Lazily filled time series: per-bin averages of levels, per-second rates,
// and coarsening that keeps totals and keeps series of one run aligned.

#include "sim/TimeSeries.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

using namespace asyncsim::sim;

namespace {

Time at(double seconds)
{
    return Time::fromSeconds(seconds);
}

/// Sum of point x bin width: the area (Level) or the count (Rate) the
/// points describe. The last bin is partial: it ends at @p end.
double total(const TimeSeries &series, Time end)
{
    const std::vector<double> p = series.points();
    const double width = series.interval().toSeconds();
    double sum = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double binStart = width * static_cast<double>(i);
        sum += p[i] * std::min(width, end.toSeconds() - binStart);
    }
    return sum;
}

/// Element-wise comparison; bin arithmetic goes through nanoseconds * 1e-9,
/// so exact equality would be too strict.
void expectPoints(const TimeSeries &series, const std::vector<double> &expected)
{
    const std::vector<double> p = series.points();
    ASSERT_EQ(p.size(), expected.size());
    for (std::size_t i = 0; i < p.size(); ++i)
        EXPECT_DOUBLE_EQ(p[i], expected[i]) << "point " << i;
}

} // namespace

TEST(TimeSeries, LevelPointsAreTimeAveragesPerBin)
{
    // interval 1 s. Level 2 on [0, 0.5), 4 on [0.5, 3.25) (across four
    // bins), 1 on [3.25, 4.5), finished at 4.5 s:
    //   bin 0: (2 * 0.5 + 4 * 0.5) / 1     = 3
    //   bins 1, 2: 4
    //   bin 3: (4 * 0.25 + 1 * 0.75) / 1   = 1.75
    //   bin 4 (partial, 0.5 s): 1 * 0.5 / 0.5 = 1
    TimeSeries s(TimeSeries::Kind::Level, Duration::seconds(1));
    EXPECT_EQ(s.kind(), TimeSeries::Kind::Level);
    s.addLevel(at(0), at(0.5), 2);
    s.addLevel(at(0.5), at(3.25), 4);
    s.addLevel(at(3.25), at(4.5), 1);
    s.finish(at(4.5));
    EXPECT_EQ(s.interval(), Duration::seconds(1));
    expectPoints(s, {3, 4, 4, 1.75, 1});
}

TEST(TimeSeries, LevelGapsCountAsZero)
{
    // Nothing is added over [1, 2.5): those stretches average as zero.
    //   bin 0: 2 * 0.5 = 1;  bin 1: 0;  bin 2: 4 * 0.5 = 2;  bin 3: 4 * 0.5 = 2.
    TimeSeries s(TimeSeries::Kind::Level, Duration::seconds(1));
    s.addLevel(at(0.5), at(1), 2);
    s.addLevel(at(2.5), at(3.5), 4);
    s.finish(at(4));
    expectPoints(s, {1, 0, 2, 2});
}

TEST(TimeSeries, PointsBeforeFinishAreTheClosedBins)
{
    TimeSeries s(TimeSeries::Kind::Level, Duration::seconds(1));
    s.addLevel(at(0), at(2.5), 3);
    expectPoints(s, {3, 3});
}

TEST(TimeSeries, RatePointsAreCountsPerSecondPerBin)
{
    // interval 2 s; counts land in the bin containing their time, and a
    // count exactly on a boundary belongs to the later bin.
    //   bin [0, 2): 3 events           -> 1.5 /s
    //   bin [2, 4): 1 + 2.5 = 3.5       -> 1.75 /s
    //   bin [4, 6): none               -> 0
    //   bin [6, 7.5), partial 1.5 s: 1 -> 1/1.5 /s
    TimeSeries s(TimeSeries::Kind::Rate, Duration::seconds(2));
    EXPECT_EQ(s.kind(), TimeSeries::Kind::Rate);
    s.addCount(at(0.1));
    s.addCount(at(0.5));
    s.addCount(at(1.9));
    s.addCount(at(2.0));
    s.addCount(at(3.0), 2.5);
    s.addCount(at(7.0));
    s.finish(at(7.5));
    expectPoints(s, {1.5, 1.75, 0, 1 / 1.5});
}

TEST(TimeSeries, MeanPointsAverageTheSamplesOfEachBin)
{
    // interval 1 s: [0, 1) samples 2 and 4 -> 3; [1, 2) none -> NaN (no
    // mean, not zero: a latency of 0 would be a claim); [2, 2.5) 7 -> 7.
    TimeSeries s(TimeSeries::Kind::Mean, Duration::seconds(1));
    s.addSample(at(0.2), 2);
    s.addSample(at(0.9), 4);
    s.addSample(at(2.1), 7);
    s.finish(at(2.5));
    const std::vector<double> p = s.points();
    ASSERT_EQ(p.size(), 3u);
    EXPECT_DOUBLE_EQ(p[0], 3);
    EXPECT_TRUE(std::isnan(p[1]));
    EXPECT_DOUBLE_EQ(p[2], 7);
}

TEST(TimeSeries, CoarseningAMeanWeighsBinsByTheirSamples)
{
    // maxPoints 2: closing [1, 2) merges it with [0, 1). One sample of 1 and
    // three of 5 make a mean of (1 + 15) / 4 = 4, not (1 + 5) / 2.
    TimeSeries s(TimeSeries::Kind::Mean, Duration::seconds(1), 2);
    s.addSample(at(0.5), 1);
    for (int i = 0; i < 3; ++i)
        s.addSample(at(1.5), 5);
    s.addSample(at(2.5), 10);
    s.finish(at(3));
    EXPECT_EQ(s.interval(), Duration::seconds(2));
    const std::vector<double> p = s.points();
    ASSERT_EQ(p.size(), 2u);
    EXPECT_DOUBLE_EQ(p[0], 4);
    EXPECT_DOUBLE_EQ(p[1], 10);
}

TEST(TimeSeries, EmptySeriesFinishesWithZeros)
{
    TimeSeries s(TimeSeries::Kind::Rate, Duration::seconds(1));
    s.finish(at(3.5));
    expectPoints(s, {0, 0, 0, 0});
    TimeSeries none(TimeSeries::Kind::Level, Duration::seconds(1));
    none.finish(Time::zero());
    EXPECT_TRUE(none.points().empty());
}

TEST(TimeSeries, CoarseningDoublesTheIntervalAndKeepsTheTotal)
{
    // maxPoints 4, interval 1 s: reaching 4 closed bins merges them into 2,
    // so the interval doubles whenever 4, 8, 16 ... seconds have passed.
    // Events: amount i+1 at i + 0.5 s for i = 0..19, total 210.
    TimeSeries s(TimeSeries::Kind::Rate, Duration::seconds(1), 4);
    std::vector<std::int64_t> intervals;
    for (int i = 0; i < 20; ++i) {
        s.addCount(at(i + 0.5), i + 1);
        intervals.push_back(s.interval().ns() / 1'000'000'000);
    }
    const std::vector<std::int64_t> expectedIntervals = {1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 8, 8, 8, 8};
    EXPECT_EQ(intervals, expectedIntervals);
    s.finish(at(20));
    // Bins [0, 8): 1+..+8 = 36 -> 4.5 /s; [8, 16): 9+..+16 = 100 -> 12.5 /s;
    // partial [16, 20): 17+..+20 = 74 -> 18.5 /s.
    EXPECT_EQ(s.interval(), Duration::seconds(8));
    expectPoints(s, {4.5, 12.5, 18.5});
    EXPECT_DOUBLE_EQ(total(s, at(20)), 210.0);
}

TEST(TimeSeries, CoarseningKeepsTheAreaOfALevel)
{
    // The same numbers as a level: i+1 held over [i, i+1), area 210.
    TimeSeries s(TimeSeries::Kind::Level, Duration::seconds(1), 4);
    for (int i = 0; i < 20; ++i)
        s.addLevel(at(i), at(i + 1), i + 1);
    s.finish(at(20));
    EXPECT_EQ(s.interval(), Duration::seconds(8));
    expectPoints(s, {4.5, 12.5, 18.5});
    EXPECT_DOUBLE_EQ(total(s, at(20)), 210.0);
}

TEST(TimeSeries, NeverHoldsMoreThanMaxPoints)
{
    for (std::size_t maxPoints : {2u, 3u, 4u, 5u, 6u, 16u}) {
        SCOPED_TRACE(testing::Message() << "maxPoints " << maxPoints);
        TimeSeries s(TimeSeries::Kind::Rate, Duration::milliseconds(100), maxPoints);
        double added = 0;
        for (int i = 0; i < 5000; ++i) {
            s.addCount(at(i * 0.0371), 1);
            added += 1;
        }
        const Time end = at(5000 * 0.0371);
        s.finish(end);
        EXPECT_LE(s.points().size(), maxPoints);
        EXPECT_GE(s.points().size(), 1u);
        EXPECT_NEAR(total(s, end), added, 1e-6 * added);
    }
}

TEST(TimeSeries, SeriesOfOneRunStayAligned)
{
    // A Level series fed all along, a Rate series with sparse counts and an
    // untouched one, all finished at the same end, must agree on the
    // interval and the number of points, whatever the end.
    for (double endSeconds : {3.5, 4.0, 7.25, 8.0, 15.9, 16.0, 100.0}) {
        SCOPED_TRACE(testing::Message() << "end " << endSeconds);
        const Time end = at(endSeconds);
        TimeSeries level(TimeSeries::Kind::Level, Duration::seconds(1), 4);
        TimeSeries rate(TimeSeries::Kind::Rate, Duration::seconds(1), 4);
        TimeSeries probe(TimeSeries::Kind::Rate, Duration::seconds(1), 4);
        level.addLevel(Time::zero(), end, 1.0);
        rate.addCount(at(0.3));
        rate.addCount(at(endSeconds / 2));
        level.finish(end);
        rate.finish(end);
        probe.finish(end);
        EXPECT_EQ(level.interval(), probe.interval());
        EXPECT_EQ(rate.interval(), probe.interval());
        EXPECT_EQ(level.points().size(), probe.points().size());
        EXPECT_EQ(rate.points().size(), probe.points().size());
        for (double p : level.points())
            EXPECT_DOUBLE_EQ(p, 1.0);
    }
}

TEST(TimeSeries, SeriesStayAlignedWhenAnEventFallsExactlyAtTheEnd)
{
    // runUntil(end) fires events at exactly `end`, so a Rate series can see a
    // count at the end time itself. At 4 s that count closes the fourth bin
    // and coarsens the series; the others must end up with the same layout.
    const Time end = at(4);
    TimeSeries level(TimeSeries::Kind::Level, Duration::seconds(1), 4);
    TimeSeries rate(TimeSeries::Kind::Rate, Duration::seconds(1), 4);
    TimeSeries probe(TimeSeries::Kind::Rate, Duration::seconds(1), 4);
    level.addLevel(Time::zero(), end, 2.0);
    rate.addCount(at(1.5));
    rate.addCount(end);
    level.finish(end);
    rate.finish(end);
    probe.finish(end);
    EXPECT_EQ(rate.interval(), probe.interval());
    EXPECT_EQ(level.interval(), probe.interval());
    EXPECT_EQ(rate.points().size(), probe.points().size());
    EXPECT_EQ(level.points().size(), probe.points().size());
    // The count at `end` lies outside [0, end) and is not shown.
    EXPECT_DOUBLE_EQ(total(rate, end), 1.0);
    EXPECT_DOUBLE_EQ(total(level, end), 8.0);
}
