// The log-linear latency histogram: exact count/mean/min/max, a consistent
// bucket layout, and percentiles within 1/256 of the exact sample quantiles.

#include "sim/LatencyHistogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <vector>

using namespace asyncsim::sim;

namespace {

/// The exact nearest-rank quantile of sorted @p values for q = num / den:
/// the value of rank ceil(q n), computed in integers so that the oracle has
/// no rounding of its own.
std::int64_t exactQuantile(const std::vector<std::int64_t> &sorted, std::uint64_t num, std::uint64_t den)
{
    const std::uint64_t n = sorted.size();
    const std::uint64_t rank = std::max<std::uint64_t>(1, (num * n + den - 1) / den);
    return sorted[rank - 1];
}

/// Records @p values and checks many percentiles against the exact ones.
/// The bound: a bucket [low, low + w) with w > 1 has low >= 128 w, and the
/// reported midpoint low + (w - 1) / 2 is at most w/2 from any value in it, so
/// the relative error is below (w/2) / (128 w) = 1/256. Values below 256 have
/// buckets of width 1 and are exact.
void expectPercentilesWithinResolution(const std::vector<std::int64_t> &values)
{
    LatencyHistogram h;
    for (std::int64_t v : values)
        h.record(Duration::nanoseconds(v));
    std::vector<std::int64_t> sorted = values;
    std::sort(sorted.begin(), sorted.end());

    constexpr std::uint64_t Den = 10'000;
    std::vector<std::uint64_t> nums;
    for (std::uint64_t k = 1; k <= Den; k += 37)
        nums.push_back(k);
    for (std::uint64_t k : {1u, 10u, 100u, 1000u, 2500u, 5000u, 7500u, 9000u, 9500u, 9900u, 9990u, 9999u, 10000u})
        nums.push_back(k);

    for (std::uint64_t num : nums) {
        const double q = static_cast<double>(num) / Den;
        const std::int64_t exact = exactQuantile(sorted, num, Den);
        const std::int64_t reported = h.percentile(q).ns();
        const double relative = std::abs(static_cast<double>(reported - exact)) / static_cast<double>(exact);
        ASSERT_LE(relative, 1.0 / 256) << "q = " << q << ", exact " << exact << ", reported " << reported;
        ASSERT_LE(relative, 0.01);
    }
    // q = 1 is the exact maximum; a tiny q is rank 1, the minimum's bucket.
    EXPECT_EQ(h.percentile(1.0).ns(), sorted.back());
    EXPECT_LE(std::abs(static_cast<double>(h.percentile(1e-12).ns() - sorted.front())),
              static_cast<double>(sorted.front()) / 256);
}

} // namespace

TEST(LatencyHistogram, EmptyHistogramReportsZero)
{
    const LatencyHistogram h;
    EXPECT_EQ(h.count(), 0u);
    EXPECT_EQ(h.meanSeconds(), 0.0);
    EXPECT_EQ(h.min(), Duration::zero());
    EXPECT_EQ(h.max(), Duration::zero());
    EXPECT_EQ(h.percentile(0.5), Duration::zero());
    EXPECT_EQ(h.percentile(1.0), Duration::zero());
}

TEST(LatencyHistogram, CountMeanMinMaxAreExact)
{
    LatencyHistogram h;
    h.record(Duration::nanoseconds(3));
    h.record(Duration::seconds(1));
    h.record(Duration::milliseconds(250));
    h.record(Duration::microseconds(7));
    EXPECT_EQ(h.count(), 4u);
    EXPECT_EQ(h.min(), Duration::nanoseconds(3));
    EXPECT_EQ(h.max(), Duration::seconds(1));
    // (3 + 7 000 + 250 000 000 + 1 000 000 000) ns / 4 = 312 501 750.75 ns.
    EXPECT_DOUBLE_EQ(h.meanSeconds(), 0.31250175075);
}

TEST(LatencyHistogram, NegativeDurationsCountAsZero)
{
    LatencyHistogram h;
    h.record(Duration::nanoseconds(-5));
    h.record(Duration::nanoseconds(10));
    EXPECT_EQ(h.count(), 2u);
    EXPECT_EQ(h.min(), Duration::zero());
    EXPECT_EQ(h.percentile(0.5), Duration::zero());
    EXPECT_DOUBLE_EQ(h.meanSeconds(), 5e-9);
}

TEST(LatencyHistogram, UsesTheNearestRankRule)
{
    // Values 1..10 ns lie in exact buckets, so percentiles are exact values
    // and the rank rule shows: rank = ceil(q n), at least 1.
    LatencyHistogram h;
    for (int v = 10; v >= 1; --v)
        h.record(Duration::nanoseconds(v));
    EXPECT_EQ(h.percentile(0.05).ns(), 1);
    EXPECT_EQ(h.percentile(0.1).ns(), 1);
    EXPECT_EQ(h.percentile(0.11).ns(), 2);
    EXPECT_EQ(h.percentile(0.5).ns(), 5);
    EXPECT_EQ(h.percentile(0.51).ns(), 6);
    EXPECT_EQ(h.percentile(0.9).ns(), 9);
    EXPECT_EQ(h.percentile(0.95).ns(), 10);
    EXPECT_EQ(h.percentile(1.0).ns(), 10);
}

TEST(LatencyHistogram, SingleLargeValueIsReportedExactly)
{
    // One hour and a bit: the bucket is 2^28 ns wide, but clamping to the
    // recorded range makes a single value exact.
    LatencyHistogram h;
    const Duration d = Duration::seconds(3600) + Duration::nanoseconds(123);
    h.record(d);
    EXPECT_EQ(h.percentile(0.5), d);
    EXPECT_EQ(h.percentile(0.99), d);
    EXPECT_EQ(h.min(), d);
    EXPECT_EQ(h.max(), d);
}

TEST(LatencyHistogram, BucketsAreContiguousAndContainTheirValues)
{
    const std::uint64_t largest = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const std::size_t lastIndex = LatencyHistogram::bucketIndex(largest);
    ASSERT_GT(lastIndex, 7000u);
    EXPECT_EQ(LatencyHistogram::bucketLow(0), 0u);
    for (std::size_t i = 0; i <= lastIndex; ++i) {
        const std::uint64_t low = LatencyHistogram::bucketLow(i);
        const std::uint64_t width = LatencyHistogram::bucketWidth(i);
        ASSERT_GE(width, 1u);
        ASSERT_EQ(LatencyHistogram::bucketIndex(low), i);
        ASSERT_EQ(LatencyHistogram::bucketIndex(low + (width - 1)), i);
        if (i < lastIndex) {
            ASSERT_EQ(LatencyHistogram::bucketLow(i + 1), low + width) << "gap or overlap after bucket " << i;
        }
        // The resolution promise: every bucket wider than 1 is at most 1/128 of its low end.
        if (width > 1) {
            ASSERT_LE(width * 128, low) << "bucket " << i;
        }
    }
    EXPECT_EQ(LatencyHistogram::bucketLow(lastIndex) + (LatencyHistogram::bucketWidth(lastIndex) - 1), largest);

    // And from the value side: random values over the whole range.
    std::mt19937_64 rng(99);
    for (int i = 0; i < 200'000; ++i) {
        const std::uint64_t v = rng() >> (1 + rng() % 63); // all magnitudes, < 2^63
        const std::size_t index = LatencyHistogram::bucketIndex(v);
        ASSERT_LE(LatencyHistogram::bucketLow(index), v);
        ASSERT_LT(v - LatencyHistogram::bucketLow(index), LatencyHistogram::bucketWidth(index));
    }
}

TEST(LatencyHistogram, PercentilesWithinResolutionOverManyOrdersOfMagnitude)
{
    // Log-uniform from 1 ns to 3 hours (13 decades).
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> exponent(0.0, std::log(3.0 * 3600e9));
    std::vector<std::int64_t> values(1'000'000);
    for (std::int64_t &v : values)
        v = static_cast<std::int64_t>(std::exp(exponent(rng)));
    expectPercentilesWithinResolution(values);
}

TEST(LatencyHistogram, PercentilesWithinResolutionForATightCluster)
{
    // 20 ms +- 50 us: all samples fall in a few dozen buckets, where the
    // bucket width (2^14 ns, 0.08%) matters most.
    std::mt19937_64 rng(8);
    std::vector<std::int64_t> values(200'000);
    for (std::int64_t &v : values)
        v = 20'000'000 - 50'000 + static_cast<std::int64_t>(rng() % 100'001);
    expectPercentilesWithinResolution(values);
}

TEST(LatencyHistogram, PercentilesWithinResolutionForFewSamples)
{
    std::mt19937_64 rng(9);
    for (std::size_t n : {1u, 2u, 3u, 7u, 50u}) {
        std::vector<std::int64_t> values(n);
        for (std::int64_t &v : values)
            v = 1000 + static_cast<std::int64_t>(rng() % 10'000'000'000ULL);
        SCOPED_TRACE(testing::Message() << "n = " << n);
        expectPercentilesWithinResolution(values);
    }
}

TEST(LatencyHistogram, ResetForgetsEverything)
{
    LatencyHistogram h;
    h.record(Duration::milliseconds(1));
    h.record(Duration::milliseconds(500));
    h.reset();
    EXPECT_EQ(h.count(), 0u);
    EXPECT_EQ(h.meanSeconds(), 0.0);
    EXPECT_EQ(h.min(), Duration::zero());
    EXPECT_EQ(h.max(), Duration::zero());
    EXPECT_EQ(h.percentile(0.5), Duration::zero());

    // What comes after the reset stands alone: new values lie between the
    // old min and max, so a stale min or max would show.
    // Stale bucket counts would shift the median's rank onto 200 ms.
    h.record(Duration::milliseconds(200));
    h.record(Duration::milliseconds(250));
    h.record(Duration::milliseconds(300));
    EXPECT_EQ(h.count(), 3u);
    EXPECT_EQ(h.min(), Duration::milliseconds(200));
    EXPECT_EQ(h.max(), Duration::milliseconds(300));
    EXPECT_NEAR(static_cast<double>(h.percentile(0.5).ns()), 250e6, 250e6 / 256);
    EXPECT_EQ(h.percentile(1.0), Duration::milliseconds(300));
    EXPECT_DOUBLE_EQ(h.meanSeconds(), 0.25);
}
