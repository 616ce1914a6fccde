#include "ui/report/ReportFormat.h"

#include <gtest/gtest.h>

#include <limits>

using namespace asyncsim::ui::report;

TEST(ReportFormat, IntervalsGiveTheMeanToThePrecisionOfTheHalfWidth)
{
    EXPECT_EQ(formatValue(ReportValue::estimated(0.04012, 0.0003), ReportUnit::Seconds),
              QStringLiteral("40.12 ± 0.30 ms"));
    EXPECT_EQ(formatValue(ReportValue::estimated(69012, 190), ReportUnit::Count), QStringLiteral("69012 ± 190"));
    EXPECT_EQ(formatValue(ReportValue::estimated(0.9227, 0.0024), ReportUnit::Ratio), QStringLiteral("92.27 ± 0.24%"));
    EXPECT_EQ(formatValue(ReportValue::estimated(12.5, 0.04), ReportUnit::PerSecond),
              QStringLiteral("12.500 ± 0.040/s"));
}

TEST(ReportFormat, ExactValuesAndCounts)
{
    EXPECT_EQ(formatValue(ReportValue::exact(0.9234), ReportUnit::Ratio), QStringLiteral("92.3%"));
    EXPECT_EQ(formatValue(ReportValue::exact(1234567), ReportUnit::Count), QStringLiteral("1\u2009234\u2009567"));
    EXPECT_EQ(formatValue(ReportValue::exact(2.5), ReportUnit::Count), QStringLiteral("2.5"));
    EXPECT_EQ(formatValue(ReportValue::exact(0.00025), ReportUnit::Seconds), QStringLiteral("250 µs"));
    EXPECT_EQ(formatValue(ReportValue::exact(1.5), ReportUnit::Seconds), QStringLiteral("1.5 s"));
    EXPECT_EQ(formatValue(ReportValue{}, ReportUnit::Seconds), QString());
    // An interval not yet known (one run measured it) shows the mean alone.
    EXPECT_EQ(formatValue(ReportValue::estimated(3, std::numeric_limits<double>::infinity()), ReportUnit::PerSecond),
              QStringLiteral("3/s"));
    EXPECT_EQ(formatSeconds(7200), QStringLiteral("2 h"));
    EXPECT_EQ(formatSeconds(150), QStringLiteral("2.5 min"));
    EXPECT_EQ(formatNumber(123456), QStringLiteral("123456"));
    EXPECT_EQ(formatNumber(0.012346), QStringLiteral("0.01235"));
}
