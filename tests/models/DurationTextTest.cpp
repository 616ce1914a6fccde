#include "models/DurationText.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

using asyncsim::models::formatDuration;
using asyncsim::models::parseDuration;
using asyncsim::sim::Duration;

namespace {

constexpr std::int64_t NsPerSecond = 1000000000;

// The parsed nanoseconds, or -1 for "not a duration", so failures print the value.
std::int64_t ns(std::string_view text)
{
    const auto d = parseDuration(text);
    return d ? d->ns() : -1;
}

} // namespace

TEST(DurationText, ParsesEveryUnit)
{
    EXPECT_EQ(ns("500ns"), 500);
    EXPECT_EQ(ns("10us"), 10000);
    EXPECT_EQ(ns("10\u00b5s"), 10000); // micro sign
    EXPECT_EQ(ns("10\u03bcs"), 10000); // Greek mu
    EXPECT_EQ(ns("250ms"), 250000000);
    EXPECT_EQ(ns("3s"), 3 * NsPerSecond);
    EXPECT_EQ(ns("2m"), 120 * NsPerSecond);
    EXPECT_EQ(ns("1h"), 3600 * NsPerSecond);
    EXPECT_EQ(ns("1d"), 86400 * NsPerSecond);
    EXPECT_EQ(ns("0s"), 0);
    EXPECT_EQ(ns("0ns"), 0);
}

TEST(DurationText, ParsesDecimals)
{
    EXPECT_EQ(ns("1.5s"), 1500000000);
    EXPECT_EQ(ns("0.25ms"), 250000);
    EXPECT_EQ(ns("0.1s"), 100000000);
    EXPECT_EQ(ns(".5s"), 500000000);
    EXPECT_EQ(ns("2.5m"), 150 * NsPerSecond);
    EXPECT_EQ(ns("1.5h"), 5400 * NsPerSecond);
    EXPECT_EQ(ns("0.5d"), 43200 * NsPerSecond);
    EXPECT_EQ(ns("1.000000001s"), NsPerSecond + 1);
    // Below a nanosecond rounds to the nearest one.
    EXPECT_EQ(ns("1.4ns"), 1);
    EXPECT_EQ(ns("1.6ns"), 2);
}

TEST(DurationText, ParsesCompoundDurations)
{
    EXPECT_EQ(ns("2m30s"), 150 * NsPerSecond);
    EXPECT_EQ(ns("1h 15m"), 4500 * NsPerSecond);
    EXPECT_EQ(ns("1h15m30s"), 4530 * NsPerSecond);
    EXPECT_EQ(ns("1d 2h 3m 4s 5ms 6us 7ns"), ((((1 * 24 + 2) * 60 + 3) * 60 + 4) * NsPerSecond) + 5000000 + 6000 + 7);
    EXPECT_EQ(ns("1s 500ms"), 1500000000);
    EXPECT_EQ(ns("1m 0.5s"), 60500000000);
    // A part may repeat a unit; the parts simply add up.
    EXPECT_EQ(ns("1s 1s"), 2 * NsPerSecond);
}

TEST(DurationText, AllowsWhitespace)
{
    EXPECT_EQ(ns("  250ms  "), 250000000);
    EXPECT_EQ(ns("250 ms"), 250000000);
    EXPECT_EQ(ns("\t1s\t"), NsPerSecond);
    EXPECT_EQ(ns("2 m 30 s"), 150 * NsPerSecond);
    EXPECT_EQ(ns("1h   15m"), 4500 * NsPerSecond);
}

TEST(DurationText, SignLeadsAndAppliesToTheWhole)
{
    EXPECT_EQ(ns("-5s"), -5 * NsPerSecond);
    EXPECT_EQ(ns("+5s"), 5 * NsPerSecond);
    EXPECT_EQ(ns("-2m30s"), -150 * NsPerSecond);
    EXPECT_FALSE(parseDuration("2m-30s"));
    EXPECT_FALSE(parseDuration("2m+30s"));
    EXPECT_FALSE(parseDuration("--5s"));
    EXPECT_FALSE(parseDuration("-"));
}

TEST(DurationText, RejectsWhatIsNotADuration)
{
    for (const char *text :
         {"",           "   ",    "10",   "1.5",    "ms",   "s10",          "10 parsecs", "10sec",
          "10 seconds", "1.2.3s", "abc",  "10S",    "10MS", "1e3s",         "10s5",       "10s x",
          "5 s s",      ".s",     "..5s", "10 m s", "1,5s", "five seconds", "10\u00b5",   "10 \u00b5"})
        EXPECT_FALSE(parseDuration(text)) << '"' << text << '"';
}

TEST(DurationText, RejectsWhatIsOutOfRange)
{
    // A Duration holds up to 2^63 - 1 ns, about 106751.99 days.
    EXPECT_EQ(ns("106751d"), 106751LL * 86400 * NsPerSecond);
    EXPECT_EQ(ns("9223372036854775807ns"), std::numeric_limits<std::int64_t>::max());
    EXPECT_FALSE(parseDuration("9223372036854775808ns"));
    EXPECT_FALSE(parseDuration("106752d"));
    EXPECT_FALSE(parseDuration("3000000h"));
    EXPECT_FALSE(parseDuration("99999999999999999999999s"));
    EXPECT_FALSE(parseDuration("106751d 1d"));
    EXPECT_FALSE(parseDuration("9223372036854775807ns 1ns"));
    EXPECT_FALSE(parseDuration("9223372036854775807.9ns"));
}

TEST(DurationText, FormatsInTheLargestExactUnit)
{
    EXPECT_EQ(formatDuration(Duration::zero()), "0s");
    EXPECT_EQ(formatDuration(Duration::nanoseconds(1)), "1ns");
    EXPECT_EQ(formatDuration(Duration::nanoseconds(1500)), "1500ns");
    EXPECT_EQ(formatDuration(Duration::microseconds(10)), "10us");
    EXPECT_EQ(formatDuration(Duration::milliseconds(40)), "40ms");
    EXPECT_EQ(formatDuration(Duration::milliseconds(1500)), "1500ms");
    EXPECT_EQ(formatDuration(Duration::seconds(1)), "1s");
    EXPECT_EQ(formatDuration(Duration::seconds(90)), "90s");
    EXPECT_EQ(formatDuration(Duration::seconds(120)), "2m");
    EXPECT_EQ(formatDuration(Duration::seconds(150)), "150s");
    EXPECT_EQ(formatDuration(Duration::seconds(3600)), "1h");
    EXPECT_EQ(formatDuration(Duration::seconds(5400)), "90m");
    EXPECT_EQ(formatDuration(Duration::seconds(86400)), "1d");
    EXPECT_EQ(formatDuration(Duration::seconds(2 * 86400)), "2d");
    EXPECT_EQ(formatDuration(Duration::seconds(25 * 3600)), "25h");
    EXPECT_EQ(formatDuration(Duration::seconds(-120)), "-2m");
    EXPECT_EQ(formatDuration(Duration::max()), "9223372036854775807ns");
}

TEST(DurationText, FormatThenParseGivesTheSameDuration)
{
    constexpr std::int64_t Max = std::numeric_limits<std::int64_t>::max();
    std::vector<std::int64_t> values{0,
                                     1,
                                     999,
                                     1000,
                                     1001,
                                     999999,
                                     1000000,
                                     40000000,
                                     1500000000,
                                     59 * NsPerSecond,
                                     60 * NsPerSecond,
                                     61 * NsPerSecond,
                                     3599 * NsPerSecond,
                                     3600 * NsPerSecond,
                                     86399 * NsPerSecond + 1,
                                     86400 * NsPerSecond,
                                     Max,
                                     Max - 1,
                                     -1,
                                     -NsPerSecond,
                                     -Max};
    // Every unit times assorted counts, and random values across the whole range.
    for (std::int64_t unit : std::vector<std::int64_t>{1, 1000, 1000000, NsPerSecond, 60 * NsPerSecond,
                                                       3600 * NsPerSecond, 86400 * NsPerSecond})
        for (std::int64_t count : std::vector<std::int64_t>{1, 2, 7, 59, 60, 1000, 123456})
            values.push_back(unit * count);
    std::mt19937_64 rng(12345);
    for (int i = 0; i < 2000; ++i) {
        const auto anywhere = static_cast<std::int64_t>(rng() >> 1);
        values.push_back(anywhere);
        values.push_back(-anywhere);
        values.push_back(static_cast<std::int64_t>(rng() % 100000) * 1000000);     // whole ms
        values.push_back(static_cast<std::int64_t>(rng() % 100000) * NsPerSecond); // whole seconds
    }
    for (std::int64_t v : values) {
        const Duration d = Duration::nanoseconds(v);
        const std::string text = formatDuration(d);
        const auto back = parseDuration(text);
        ASSERT_TRUE(back) << text;
        EXPECT_EQ(back->ns(), v) << text;
    }
}
