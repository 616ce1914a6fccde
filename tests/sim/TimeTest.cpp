// Duration and Time: unit conversion, rounding, saturation and arithmetic.

#include "sim/Time.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace asyncsim::sim;

namespace {
constexpr std::int64_t Int64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t Int64Min = std::numeric_limits<std::int64_t>::min();
} // namespace

TEST(Duration, UnitFactoriesScaleToNanoseconds)
{
    EXPECT_EQ(Duration::nanoseconds(7).ns(), 7);
    EXPECT_EQ(Duration::microseconds(7).ns(), 7'000);
    EXPECT_EQ(Duration::milliseconds(7).ns(), 7'000'000);
    EXPECT_EQ(Duration::seconds(7).ns(), 7'000'000'000);
    EXPECT_EQ(Duration::seconds(-2).ns(), -2'000'000'000);
    EXPECT_EQ(Duration::zero().ns(), 0);
    EXPECT_EQ(Duration().ns(), 0);
    EXPECT_EQ(Duration::max().ns(), Int64Max);
    EXPECT_DOUBLE_EQ(Duration::milliseconds(1500).toSeconds(), 1.5);
}

TEST(Duration, FromSecondsRoundsToNearestNanosecond)
{
    EXPECT_EQ(Duration::fromSeconds(0.1).ns(), 100'000'000);
    EXPECT_EQ(Duration::fromSeconds(1.0).ns(), 1'000'000'000);
    EXPECT_EQ(Duration::fromSeconds(3.000000001).ns(), 3'000'000'001);
    EXPECT_EQ(Duration::fromSeconds(1.4e-9).ns(), 1);
    EXPECT_EQ(Duration::fromSeconds(1.6e-9).ns(), 2);
    EXPECT_EQ(Duration::fromSeconds(0.4e-9).ns(), 0);
    EXPECT_EQ(Duration::fromSeconds(-1.4e-9).ns(), -1);
    EXPECT_EQ(Duration::fromSeconds(-1.6e-9).ns(), -2);
    EXPECT_EQ(Duration::fromSeconds(-0.1).ns(), -100'000'000);
    EXPECT_EQ(Duration::fromSeconds(0.0).ns(), 0);
}

TEST(Duration, FromSecondsRoundsWithoutTheAddHalfPitfall)
{
    // "Add 0.5 and truncate" is wrong in two places: just below one half,
    // x + 0.5 rounds up to 1.0 in floating point; and from 2^52 on, where
    // doubles are whole numbers spaced by 1 or 2, x + 0.5 rounds an odd x to
    // the next even one. Both inputs below are exact in double after the
    // multiplication by 1e9 inside fromSeconds (checked first).
    const double justBelowHalf = std::nextafter(0.5, 0.0);
    ASSERT_EQ((justBelowHalf / 1e9) * 1e9, justBelowHalf);
    EXPECT_EQ(Duration::fromSeconds(justBelowHalf / 1e9).ns(), 0);
    EXPECT_EQ(Duration::fromSeconds(-justBelowHalf / 1e9).ns(), 0);

    const std::int64_t odd = (std::int64_t{1} << 52) + 1; // about 52 days
    const double s = 4503599.6273704972;
    ASSERT_EQ(s * 1e9, static_cast<double>(odd));
    EXPECT_EQ(Duration::fromSeconds(s).ns(), odd);
    EXPECT_EQ(Duration::fromSeconds(-s).ns(), -odd);
}

TEST(Duration, FromSecondsSaturatesOutOfRange)
{
    // int64 nanoseconds end near 292 years (9.22e9 s).
    EXPECT_EQ(Duration::fromSeconds(1e10), Duration::max());
    EXPECT_EQ(Duration::fromSeconds(1e300), Duration::max());
    EXPECT_EQ(Duration::fromSeconds(std::numeric_limits<double>::infinity()), Duration::max());
    EXPECT_EQ(Duration::fromSeconds(-1e10).ns(), Int64Min);
    EXPECT_EQ(Duration::fromSeconds(-std::numeric_limits<double>::infinity()).ns(), Int64Min);
    // A year is far inside the range and exact.
    EXPECT_EQ(Duration::fromSeconds(31'536'000.0).ns(), 31'536'000'000'000'000);
}

TEST(Duration, Arithmetic)
{
    const Duration a = Duration::milliseconds(1500);
    const Duration b = Duration::microseconds(250);
    EXPECT_EQ((a + b).ns(), 1'500'250'000);
    EXPECT_EQ((a - b).ns(), 1'499'750'000);
    EXPECT_EQ((b - a).ns(), -1'499'750'000);
    EXPECT_EQ((-a).ns(), -1'500'000'000);
    EXPECT_EQ((b * 4).ns(), 1'000'000);
    EXPECT_EQ((b * -2).ns(), -500'000);

    Duration c = a;
    c += b;
    EXPECT_EQ(c, a + b);
    c -= a;
    EXPECT_EQ(c, b);
}

TEST(Duration, Comparisons)
{
    const Duration one = Duration::nanoseconds(1);
    EXPECT_LT(Duration::zero(), one);
    EXPECT_GT(one, -one);
    EXPECT_LE(one, Duration::nanoseconds(1));
    EXPECT_EQ(Duration::seconds(1), Duration::milliseconds(1000));
    EXPECT_NE(Duration::seconds(1), Duration::milliseconds(1001));
    EXPECT_LT(Duration::seconds(1000), Duration::max());
    EXPECT_TRUE((Duration::seconds(1) <=> Duration::seconds(2)) < 0);
}

TEST(Time, ConstructionAndConversion)
{
    EXPECT_EQ(Time().ns(), 0);
    EXPECT_EQ(Time::zero().ns(), 0);
    EXPECT_EQ(Time::fromNs(123).ns(), 123);
    EXPECT_EQ(Time::fromSeconds(2.5).ns(), 2'500'000'000);
    EXPECT_DOUBLE_EQ(Time::fromNs(2'500'000'000).toSeconds(), 2.5);
    EXPECT_EQ(Time::fromSeconds(2.5).sinceStart(), Duration::milliseconds(2500));
    EXPECT_EQ(Time::max().ns(), Int64Max);
}

TEST(Time, AddingAHugeDurationSaturatesAtMax)
{
    const Time t = Time::fromSeconds(1.0);
    // Without saturation this would wrap to a negative time, before now.
    EXPECT_EQ(t + Duration::max(), Time::max());
    EXPECT_EQ(Time::max() + Duration::nanoseconds(1), Time::max());
    EXPECT_EQ(Time::fromNs(Int64Max - 10) + Duration::nanoseconds(11), Time::max());
    // Exactly reaching the end is not an overflow.
    EXPECT_EQ(Time::fromNs(Int64Max - 10) + Duration::nanoseconds(10), Time::max());
    EXPECT_EQ((Time::fromNs(Int64Max - 10) + Duration::nanoseconds(9)).ns(), Int64Max - 1);

    Time u = t;
    u += Duration::max();
    EXPECT_EQ(u, Time::max());
}

TEST(Time, Arithmetic)
{
    const Time t = Time::fromSeconds(10.0);
    EXPECT_EQ((t + Duration::seconds(5)).ns(), 15'000'000'000);
    EXPECT_EQ((t - Duration::seconds(4)).ns(), 6'000'000'000);
    EXPECT_EQ((t + Duration::nanoseconds(-3)).ns(), 9'999'999'997);
    EXPECT_EQ(Time::fromSeconds(12.0) - t, Duration::seconds(2));
    EXPECT_EQ(t - Time::fromSeconds(12.0), Duration::seconds(-2));

    Time u = t;
    u += Duration::milliseconds(1);
    EXPECT_EQ(u.ns(), 10'001'000'000);
}

TEST(Time, Comparisons)
{
    const Time a = Time::fromNs(5);
    const Time b = Time::fromNs(6);
    EXPECT_LT(a, b);
    EXPECT_GT(b, a);
    EXPECT_LE(a, Time::fromNs(5));
    EXPECT_EQ(a, Time::zero() + Duration::nanoseconds(5));
    EXPECT_NE(a, b);
    EXPECT_LT(b, Time::max());
    EXPECT_TRUE((a <=> b) < 0);
}

TEST(Time, WorksInConstantExpressions)
{
    constexpr Time t = Time::fromSeconds(1.5) + Duration::milliseconds(500);
    static_assert(t.ns() == 2'000'000'000);
    static_assert(Time::zero() + Duration::max() == Time::max());
    static_assert(Duration::fromSeconds(1e-9).ns() == 1);
    EXPECT_EQ(t, Time::fromSeconds(2.0));
}
