// Time-weighted statistics of a level: hand-worked mean and max, warm-up
// reset, and the Level series it feeds.

#include "sim/TimeWeighted.h"

#include <gtest/gtest.h>

#include <vector>

using namespace asyncsim::sim;

namespace {

Time at(double seconds)
{
    return Time::fromSeconds(seconds);
}

/// Level 0 on [0, 1), 2 on [1, 3), 5 on [3, 4), 1 from 4 s on.
void feedTrace(TimeWeighted &tw)
{
    tw.add(at(1), 2);
    tw.add(at(3), 3);
    tw.set(at(4), 1);
}

} // namespace

TEST(TimeWeighted, StartsAtZero)
{
    const TimeWeighted tw;
    EXPECT_EQ(tw.current(), 0.0);
    EXPECT_EQ(tw.max(), 0.0);
    EXPECT_EQ(tw.mean(at(5)), 0.0);
}

TEST(TimeWeighted, HandWorkedMeanAndMax)
{
    TimeWeighted tw;
    feedTrace(tw);
    EXPECT_EQ(tw.current(), 1.0);
    EXPECT_EQ(tw.max(), 5.0);
    // Area to 4 s: 0*1 + 2*2 + 5*1 = 9, mean 9/4.
    EXPECT_DOUBLE_EQ(tw.mean(at(4)), 2.25);
    // To 10 s the level 1 adds 6: (9 + 6) / 10.
    EXPECT_DOUBLE_EQ(tw.mean(at(10)), 1.5);
    // Mid-way through a held level, only the elapsed part counts: (9 + 1) / 5.
    EXPECT_DOUBLE_EQ(tw.mean(at(5)), 2.0);
}

TEST(TimeWeighted, MeanOverNoTimeIsTheCurrentLevel)
{
    TimeWeighted tw;
    tw.set(Time::zero(), 3);
    EXPECT_EQ(tw.mean(Time::zero()), 3.0);
    tw.resetStatistics(at(2));
    EXPECT_EQ(tw.mean(at(2)), 3.0);
}

TEST(TimeWeighted, ResetStatisticsStartsAveragingAfresh)
{
    TimeWeighted tw;
    feedTrace(tw);
    tw.resetStatistics(at(4));
    // The level survives; the max restarts from it; the past is forgotten.
    EXPECT_EQ(tw.current(), 1.0);
    EXPECT_EQ(tw.max(), 1.0);
    EXPECT_DOUBLE_EQ(tw.mean(at(6)), 1.0);
    tw.set(at(6), 3);
    // Over [4, 8]: (1 * 2 + 3 * 2) / 4 = 2.
    EXPECT_DOUBLE_EQ(tw.mean(at(8)), 2.0);
    EXPECT_EQ(tw.max(), 3.0);
}

TEST(TimeWeighted, FeedsALevelSeries)
{
    // Level 0 on [0, 0.5), 2 on [0.5, 2.25), 0 after; 1 s bins to 3 s:
    //   bin 0: 2 * 0.5 = 1;  bin 1: 2;  bin 2: 2 * 0.25 = 0.5.
    TimeSeries series(TimeSeries::Kind::Level, Duration::seconds(1));
    TimeWeighted tw(&series);
    tw.set(at(0.5), 2);
    tw.set(at(2.25), 0);
    tw.flush(at(3));
    series.finish(at(3));
    const std::vector<double> p = series.points();
    ASSERT_EQ(p.size(), 3u);
    EXPECT_DOUBLE_EQ(p[0], 1.0);
    EXPECT_DOUBLE_EQ(p[1], 2.0);
    EXPECT_DOUBLE_EQ(p[2], 0.5);
    // The series and the statistic describe the same level.
    EXPECT_DOUBLE_EQ((p[0] + p[1] + p[2]) / 3, tw.mean(at(3)));
}

TEST(TimeWeighted, ResetStatisticsDoesNotCutTheSeries)
{
    // Warm-up deletion affects the statistic only; the series keeps the
    // whole trace (level 4 on [0, 2) despite a reset at 1 s).
    TimeSeries series(TimeSeries::Kind::Level, Duration::seconds(1));
    TimeWeighted tw(&series);
    tw.set(Time::zero(), 4);
    tw.resetStatistics(at(1));
    tw.flush(at(2));
    series.finish(at(2));
    const std::vector<double> p = series.points();
    ASSERT_EQ(p.size(), 2u);
    EXPECT_DOUBLE_EQ(p[0], 4.0);
    EXPECT_DOUBLE_EQ(p[1], 4.0);
    EXPECT_DOUBLE_EQ(tw.mean(at(2)), 4.0);
}
