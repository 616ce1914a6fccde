// RetryPolicy: Resilience4j's retry counting and IntervalFunction waits
// (SEMANTICS §1.6), exact where they are deterministic, statistical where
// they are jittered.
//
// Tolerances. Every check draws from a fixed seed, so each test is
// deterministic; the levels below say how unlucky a fresh seed would have
// to be for a correct implementation to fail.
// - Frequencies: Pearson's chi-square against the exact probabilities, at
//   the 1 − 1e-6 quantile of chi-square with (cells − 1) degrees of freedom
//   (about 61 for 20 degrees of freedom, 28 for 4). The mistakes these tests
//   exist to catch are far beyond that: dropping Resilience4j's "+1" leaves
//   the top value empty (a contribution equal to its expected count, ≥ 10^4
//   here), and a ±1 ms shift empties a whole end cell the same way.
// - Means: the sample mean of n draws is within 5 standard errors,
//   5 sqrt(variance / n), of the exact mean (CLT; two-sided normal tail
//   5.7e-7). The variance is exact, from the exact distribution.

#include "models/RetryPolicy.h"
#include "sim/RandomStream.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/chi_squared.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <vector>

using namespace asyncsim;
using namespace asyncsim::models;
using sim::Duration;
using sim::RandomStream;

namespace {

constexpr double ChiSquareAlpha = 1e-6;
constexpr double MeanZ = 5;

Duration ms(std::int64_t n)
{
    return Duration::milliseconds(n);
}

/// Waits after failure @p failure, in whole ms, counted by value.
std::map<std::int64_t, std::uint64_t> sampleWaits(const RetryPolicy &policy, int failure, int n, RandomStream &rng)
{
    std::map<std::int64_t, std::uint64_t> counts;
    for (int i = 0; i < n; ++i) {
        const Duration d = policy.waitAfterFailure(failure, rng);
        EXPECT_EQ(d.ns() % 1'000'000, 0) << "not a whole number of milliseconds";
        ++counts[d.ns() / 1'000'000];
    }
    return counts;
}

double chiSquareLimit(std::size_t cells)
{
    const boost::math::chi_squared distribution(static_cast<double>(cells - 1));
    return boost::math::quantile(boost::math::complement(distribution, ChiSquareAlpha));
}

/// Checks @p counts (of n draws) against @p probability: same support, and
/// chi-square below the limit; then the mean against the exact one.
void expectDistribution(const std::map<std::int64_t, std::uint64_t> &counts,
                        const std::map<std::int64_t, double> &probability)
{
    std::uint64_t n = 0;
    for (const auto &[value, count] : counts) {
        EXPECT_TRUE(probability.count(value)) << value << " ms is outside the support";
        n += count;
    }
    double chi2 = 0;
    double mean = 0;
    double meanOfSquares = 0;
    for (const auto &[value, p] : probability) {
        const auto it = counts.find(value);
        const double observed = it == counts.end() ? 0.0 : static_cast<double>(it->second);
        EXPECT_GT(observed, 0) << value << " ms never appeared";
        const double expected = static_cast<double>(n) * p;
        chi2 += (observed - expected) * (observed - expected) / expected;
        mean += p * static_cast<double>(value);
        meanOfSquares += p * static_cast<double>(value) * static_cast<double>(value);
    }
    EXPECT_LT(chi2, chiSquareLimit(probability.size()));

    double sampleMean = 0;
    for (const auto &[value, count] : counts)
        sampleMean += static_cast<double>(value) * static_cast<double>(count);
    sampleMean /= static_cast<double>(n);
    const double variance = meanOfSquares - mean * mean;
    EXPECT_NEAR(sampleMean, mean, MeanZ * std::sqrt(variance / static_cast<double>(n)));
}

/// The discrete uniform distribution on [low, high].
std::map<std::int64_t, double> uniformOn(std::int64_t low, std::int64_t high)
{
    std::map<std::int64_t, double> p;
    for (std::int64_t v = low; v <= high; ++v)
        p[v] = 1.0 / static_cast<double>(high - low + 1);
    return p;
}

RetryConfig exponential(Duration initial = ms(500), double multiplier = 1.5)
{
    RetryConfig c;
    c.backoff = RetryBackoff::Exponential;
    c.interval = initial;
    c.multiplier = multiplier;
    return c;
}

RetryConfig randomized(Duration interval, double factor)
{
    RetryConfig c;
    c.interval = interval;
    c.randomizationFactor = factor;
    return c;
}

} // namespace

TEST(RetryPolicy, DefaultsAreResilience4js)
{
    const RetryConfig c;
    EXPECT_EQ(c.maxAttempts, 3);
    EXPECT_EQ(c.backoff, RetryBackoff::Fixed);
    EXPECT_EQ(c.interval, ms(500));
    EXPECT_EQ(c.multiplier, 1.5);
    EXPECT_FALSE(c.maxInterval);
    EXPECT_EQ(c.randomizationFactor, 0);
    EXPECT_TRUE(c.validate().empty());
}

TEST(RetryPolicy, ExponentialTruncatesToWholeMillisecondsAtEachStep)
{
    const RetryPolicy policy(exponential());
    RandomStream rng(1, "retry", "unused");
    // 1687.5 -> 1687, then 1687 * 1.5 = 2530.5 -> 2530. Rounding once at the
    // end (500 * 1.5^4 = 2531.25) would give 2531, and 5695 instead of 5692.
    const std::vector<std::int64_t> expected = {500, 750, 1125, 1687, 2530, 3795, 5692};
    for (std::size_t k = 1; k <= expected.size(); ++k)
        EXPECT_EQ(policy.waitAfterFailure(static_cast<int>(k), rng), ms(expected[k - 1])) << "failure " << k;
}

TEST(RetryPolicy, FixedWaitsTheSameAndDrawsNothing)
{
    RetryConfig c;
    c.interval = ms(200);
    const RetryPolicy policy(c);
    RandomStream rng(1, "retry", "fixed");
    RandomStream untouched = rng;
    for (int k = 1; k <= 10; ++k)
        EXPECT_EQ(policy.waitAfterFailure(k, rng), ms(200));
    EXPECT_EQ(rng.nextBits(), untouched.nextBits()) << "a wait without jitter consumed randomness";
    EXPECT_EQ(RetryPolicy(RetryConfig()).waitAfterFailure(1, rng), ms(500));
}

TEST(RetryPolicy, CapLimitsExponentialWaits)
{
    RetryConfig c = exponential(ms(1000), 2);
    c.maxInterval = ms(5000);
    const RetryPolicy policy(c);
    RandomStream rng(1, "retry", "unused");
    EXPECT_EQ(policy.waitAfterFailure(1, rng), ms(1000));
    EXPECT_EQ(policy.waitAfterFailure(2, rng), ms(2000));
    EXPECT_EQ(policy.waitAfterFailure(3, rng), ms(4000));
    EXPECT_EQ(policy.waitAfterFailure(4, rng), ms(5000));
    EXPECT_EQ(policy.waitAfterFailure(5, rng), ms(5000));
    // Far past the point where the uncapped sequence saturates a 64-bit integer.
    EXPECT_EQ(policy.waitAfterFailure(1000, rng), ms(5000));

    // A cap below the initial interval is legal in Resilience4j: every wait is the cap.
    c.maxInterval = ms(300);
    EXPECT_TRUE(c.validate().empty());
    EXPECT_EQ(RetryPolicy(c).waitAfterFailure(1, rng), ms(300));
}

TEST(RetryPolicy, UncappedWaitsSaturateInsteadOfOverflowing)
{
    const RetryPolicy policy(exponential(ms(500), 2));
    RandomStream rng(1, "retry", "unused");
    EXPECT_EQ(policy.waitAfterFailure(20, rng), ms(500LL << 19));
    // 500 * 2^39 ms is beyond the ~292 years a Duration holds.
    EXPECT_EQ(policy.waitAfterFailure(40, rng), Duration::max());
    EXPECT_EQ(policy.waitAfterFailure(100000, rng), Duration::max());
}

TEST(RetryPolicy, MaxAttemptsCountsTheFirstCall)
{
    // Calls made for a call that always fails: the first plus the retries.
    const auto callsWhenAlwaysFailing = [](int maxAttempts) {
        RetryConfig c;
        c.maxAttempts = maxAttempts;
        const RetryPolicy policy(c);
        int calls = 1;
        for (int failures = 1; policy.shouldRetry(failures); ++failures)
            ++calls;
        return calls;
    };
    EXPECT_EQ(callsWhenAlwaysFailing(1), 1); // no retry at all
    EXPECT_EQ(callsWhenAlwaysFailing(3), 3); // at most 2 retries
    EXPECT_EQ(callsWhenAlwaysFailing(10), 10);

    const RetryPolicy defaults{RetryConfig()};
    EXPECT_TRUE(defaults.shouldRetry(1));
    EXPECT_TRUE(defaults.shouldRetry(2));
    EXPECT_FALSE(defaults.shouldRetry(3));
    EXPECT_FALSE(defaults.shouldRetry(4));
}

TEST(RetryPolicy, RandomizedIsUniformOverTheClosedRange)
{
    // w = 20 ms, f = 0.5: w(1-f) = 10 and w(1+f) = 30 are whole, so the
    // waits are uniform on the 21 integers 10 ... 30 with mean exactly 20.
    const RetryPolicy policy(randomized(ms(20), 0.5));
    RandomStream rng(7, "retry", "uniform");
    const auto counts = sampleWaits(policy, 1, 21 * 10'000, rng);
    EXPECT_EQ(counts.begin()->first, 10);
    EXPECT_EQ(counts.rbegin()->first, 30);
    expectDistribution(counts, uniformOn(10, 30));
}

TEST(RetryPolicy, RandomizedStaysInTheRangeForLargeIntervals)
{
    // 1001 possible values: every draw in [500, 1500], both ends reached,
    // mean within 5 standard errors (sd 289 ms, n = 200 000: 3.2 ms).
    const RetryPolicy policy(randomized(ms(1000), 0.5));
    RandomStream rng(7, "retry", "large");
    const auto counts = sampleWaits(policy, 1, 200'000, rng);
    EXPECT_EQ(counts.begin()->first, 500);
    EXPECT_EQ(counts.rbegin()->first, 1500);
    std::uint64_t n = 0;
    double sum = 0;
    for (const auto &[value, count] : counts) {
        n += count;
        sum += static_cast<double>(value) * static_cast<double>(count);
    }
    const double sd = std::sqrt((1001.0 * 1001.0 - 1) / 12);
    EXPECT_NEAR(sum / static_cast<double>(n), 1000.0, MeanZ * sd / std::sqrt(static_cast<double>(n)));
}

TEST(RetryPolicy, RandomizedWithHalfMillisecondEndsFollowsResilience4jsFormula)
{
    // w = 3 ms, f = 0.5: w(1-f) + U(2fw + 1) is uniform on [1.5, 5.5), which
    // truncates to 1 and 5 with half the weight of 2, 3 and 4. The mean is
    // still w. (The reading "uniform on ceil(1.5) ... floor(4.5)" would
    // never give 1 or 5; Resilience4j does.)
    const RetryPolicy policy(randomized(ms(3), 0.5));
    RandomStream rng(7, "retry", "half");
    expectDistribution(sampleWaits(policy, 1, 100'000, rng), {{1, 0.125}, {2, 0.25}, {3, 0.25}, {4, 0.25}, {5, 0.125}});
}

TEST(RetryPolicy, RandomizedNeverWaitsLessThanOneMillisecond)
{
    // f = 1, w = 1 ms: the draw is uniform on [0, 3); [0, 1) is raised to 1.
    RandomStream rng(7, "retry", "floor");
    expectDistribution(sampleWaits(RetryPolicy(randomized(ms(1), 1.0)), 1, 60'000, rng), {{1, 2.0 / 3}, {2, 1.0 / 3}});
    // f = 0.5, w = 1 ms: uniform on [0.5, 2.5).
    expectDistribution(sampleWaits(RetryPolicy(randomized(ms(1), 0.5)), 1, 60'000, rng), {{1, 0.75}, {2, 0.25}});
    // f = 1 at a larger w: 0 ms would be the commonest failure mode.
    const auto counts = sampleWaits(RetryPolicy(randomized(ms(4), 1.0)), 1, 60'000, rng);
    EXPECT_EQ(counts.begin()->first, 1);
}

TEST(RetryPolicy, ExponentialRandomJittersEachStepAndCapsAfterJitter)
{
    RetryConfig c = exponential(ms(1000), 2);
    c.randomizationFactor = 0.5;
    RandomStream rng(7, "retry", "exponential");
    // Uncapped, failure 2: w = 2000 ms, uniform on 1000 ... 3000.
    const auto second = sampleWaits(RetryPolicy(c), 2, 100'000, rng);
    EXPECT_EQ(second.begin()->first, 1000);
    EXPECT_EQ(second.rbegin()->first, 3000);

    // Capped at 1500 ms: failure 1 (w = 1000) is uniform on 500 ... 1500, as
    // the cap is the top of the range; from failure 3 on (w = 4000, so at
    // least 2000 before the cap) every wait is the cap, which Resilience4j
    // applies after the jitter.
    c.maxInterval = ms(1500);
    const RetryPolicy capped(c);
    const auto first = sampleWaits(capped, 1, 1001 * 100, rng);
    expectDistribution(first, uniformOn(500, 1500));
    for (int i = 0; i < 1000; ++i)
        ASSERT_EQ(capped.waitAfterFailure(3, rng), ms(1500));
}

TEST(RetryPolicy, ZeroFactorIsNoJitter)
{
    // Resilience4j's formula with f = 0 is w + U, truncated: always w.
    RetryConfig c = exponential();
    c.randomizationFactor = 0;
    RandomStream rng(7, "retry", "zero");
    const RandomStream untouched = rng;
    EXPECT_EQ(RetryPolicy(c).waitAfterFailure(3, rng), ms(1125));
    EXPECT_EQ(rng.nextBits(), RandomStream(untouched).nextBits());
}

TEST(RetryPolicy, ValidateNamesTheFieldAndTheRule)
{
    RetryConfig c;
    c.maxAttempts = 0;
    c.interval = Duration::microseconds(1500);
    c.randomizationFactor = 1.5;
    c.maxInterval = ms(10);
    const std::vector<Problem> expected = {
        {"maxAttempts", "must be an integer ≥ 1"},
        {"interval", "must be a whole number of milliseconds"},
        {"maxInterval", "applies to exponential backoff only"},
        {"randomizationFactor", "must be a number from 0 to 1"},
    };
    EXPECT_EQ(c.validate(), expected);

    RetryConfig e = exponential(Duration::zero(), 0.5);
    e.maxInterval = Duration::microseconds(10);
    e.randomizationFactor = std::numeric_limits<double>::quiet_NaN();
    const std::vector<Problem> expectedExponential = {
        {"interval", "must be a duration ≥ 1ms"},
        {"multiplier", "must be a number ≥ 1"},
        {"maxInterval", "must be a duration ≥ 1ms"},
        {"randomizationFactor", "must be a number from 0 to 1"},
    };
    EXPECT_EQ(e.validate(), expectedExponential);

    // The multiplier is ignored, so not checked, for fixed waits; the ends
    // of the factor's range are legal.
    RetryConfig fine;
    fine.multiplier = 0.1;
    fine.randomizationFactor = 1;
    EXPECT_TRUE(fine.validate().empty());
    fine.randomizationFactor = -0.0;
    EXPECT_TRUE(fine.validate().empty());
    e = exponential(ms(1), std::numeric_limits<double>::infinity());
    EXPECT_EQ(e.validate(), std::vector<Problem>({{"multiplier", "must be a number ≥ 1"}}));
}

TEST(RetryPolicy, ExpectedAttemptsIsTheTruncatedGeometricSum)
{
    const RetryPolicy three{RetryConfig()};
    EXPECT_EQ(three.expectedAttempts(0), 1.0);
    EXPECT_EQ(three.expectedAttempts(1), 3.0);
    EXPECT_EQ(three.expectedAttempts(0.5), 1.75);    // 1 + 1/2 + 1/4
    EXPECT_EQ(three.expectedAttempts(0.25), 1.3125); // 1 + 1/4 + 1/16

    RetryConfig c;
    c.maxAttempts = 1;
    EXPECT_EQ(RetryPolicy(c).expectedAttempts(0.9), 1.0);
    EXPECT_EQ(RetryPolicy(c).expectedAttempts(1), 1.0);

    // Beyond 64 attempts the closed form (1 - p^n) / (1 - p) is used.
    c.maxAttempts = 100;
    EXPECT_DOUBLE_EQ(RetryPolicy(c).expectedAttempts(0.5), 2.0); // 2 - 2^-99
    EXPECT_EQ(RetryPolicy(c).expectedAttempts(1), 100.0);
    EXPECT_EQ(RetryPolicy(c).expectedAttempts(0), 1.0);
    long double sum = 0;
    for (int i = 0; i < 100; ++i)
        sum += std::pow(0.999L, i);
    EXPECT_NEAR(RetryPolicy(c).expectedAttempts(0.999), static_cast<double>(sum), 1e-12 * static_cast<double>(sum));
}

TEST(RetryPolicy, ExpectedAttemptsMatchesSimulatedCalls)
{
    // The amplification check it exists for: calls that fail with p = 0.3,
    // retried by the default policy, average 1 + 0.3 + 0.09 = 1.39 calls.
    // Calls per request take values 1, 2, 3 with probabilities 0.7, 0.21,
    // 0.09: variance 2.35 - 1.39² = 0.4179, so 5 standard errors at n = 100 000 is 0.010.
    const RetryPolicy policy{RetryConfig()};
    RandomStream rng(7, "retry", "amplification");
    const int n = 100'000;
    std::uint64_t calls = 0;
    for (int i = 0; i < n; ++i) {
        int failures = 0;
        do {
            ++calls;
            if (rng.uniform01() >= 0.3)
                break;
            ++failures;
        } while (policy.shouldRetry(failures));
    }
    EXPECT_DOUBLE_EQ(policy.expectedAttempts(0.3), 1.39);
    EXPECT_NEAR(static_cast<double>(calls) / n, 1.39, MeanZ * std::sqrt(0.4179 / n));
}
