// Every distribution kind: exact mean()/variance() for hand-checked
// parameters, and samples checked against them and against the CDF.
//
// Tolerances. With n = 200 000 samples:
// - The sample mean is within Z * sqrt(variance / n) of mean() (CLT), with
//   Z = 4.5: a correct sampler fails one such check with probability about
//   7e-6 (two-sided normal tail), so the whole file has a false-alarm chance
//   well under 1e-3 for a fresh seed.
// - Where the fourth moment is finite, the sample variance s^2 has variance
//   (mu4 - sigma^4) / n = sigma^4 (kurtosis - 1) / n, so s^2 is within
//   Z * sigma^2 * sqrt((kurtosis - 1) / n) of variance(). Kurtosis comes
//   from exact formulas here, not from the sample. For heavy tails the CLT
//   for s^2 converges slowly (its skew needs the 6th moment), so variance
//   is only checked where moments well beyond the 4th exist.
// - Shape is checked with Kolmogorov-Smirnov against the exact CDF where one
//   exists in closed form: P(sqrt(n) * D_n > 2.5) ~ 2 exp(-2 * 2.5^2) = 7.5e-6.
// - Discrete frequencies use chi-square against the 0.999 quantile.

#include "sim/Distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <numbers>
#include <utility>
#include <vector>

using namespace asyncsim::sim;

namespace {

constexpr double Z = 4.5;
constexpr std::size_t N = 200'000;
constexpr double KsLimit = 2.5;
constexpr double Infinity = std::numeric_limits<double>::infinity();

std::vector<double> drawSamples(const Distribution &d, std::uint64_t seed, std::size_t n = N)
{
    RandomStream rng(seed, "distribution-test", "samples");
    std::vector<double> out(n);
    for (double &x : out)
        x = d.sample(rng);
    return out;
}

double sampleMean(const std::vector<double> &x)
{
    double sum = 0;
    for (double v : x)
        sum += v;
    return sum / static_cast<double>(x.size());
}

double sampleVariance(const std::vector<double> &x)
{
    const double m = sampleMean(x);
    double sum = 0;
    for (double v : x)
        sum += (v - m) * (v - m);
    return sum / static_cast<double>(x.size() - 1);
}

/// mu4 / sigma^4 from the first four raw moments E[X^k].
double kurtosisFromRaw(double m1, double m2, double m3, double m4)
{
    const double var = m2 - m1 * m1;
    const double mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
    return mu4 / (var * var);
}

/// Checks sample mean (always) and sample variance (when @p kurtosis is
/// finite) against d.mean() and d.variance(); see the file comment.
void expectMoments(const Distribution &d, const std::vector<double> &x, double kurtosis)
{
    const double n = static_cast<double>(x.size());
    const double var = d.variance();
    ASSERT_TRUE(std::isfinite(var));
    EXPECT_NEAR(sampleMean(x), d.mean(), Z * std::sqrt(var / n)) << "sample mean";
    if (std::isfinite(kurtosis)) {
        EXPECT_NEAR(sampleVariance(x), var, Z * var * std::sqrt((kurtosis - 1) / n)) << "sample variance";
    }
}

/// sqrt(n) times the Kolmogorov-Smirnov distance between @p x and @p cdf.
double ksScore(std::vector<double> x, const std::function<double(double)> &cdf)
{
    std::sort(x.begin(), x.end());
    const double n = static_cast<double>(x.size());
    double d = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double f = cdf(x[i]);
        d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    }
    return std::sqrt(n) * d;
}

double standardNormalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

/// Raw moments E[X^k], k = 1..4, of N(mu, sd) conditioned on X >= 0, by the
/// recursion m_k = mu m_{k-1} + (k-1) sd^2 m_{k-2} (the boundary term
/// vanishes for k >= 2 because the bound is 0).
std::array<double, 5> truncatedNormalRawMoments(double mu, double sd)
{
    const double alpha = -mu / sd;
    const double lambda
        = std::exp(-alpha * alpha / 2) / std::sqrt(2 * std::numbers::pi) / (1 - standardNormalCdf(alpha));
    std::array<double, 5> m{};
    m[0] = 1;
    m[1] = mu + sd * lambda;
    for (int k = 2; k <= 4; ++k)
        m[k] = mu * m[k - 1] + (k - 1) * sd * sd * m[k - 2];
    return m;
}

} // namespace

TEST(Distribution, DefaultIsConstantZero)
{
    const Distribution d;
    RandomStream rng(1, "d", "default");
    EXPECT_EQ(d.kind(), DistributionKind::Constant);
    EXPECT_EQ(d.sample(rng), 0.0);
    EXPECT_EQ(d.mean(), 0.0);
    EXPECT_EQ(d.variance(), 0.0);
}

TEST(Distribution, ConstantAlwaysReturnsItsValue)
{
    const Distribution d = Distribution::constant(0.25);
    EXPECT_EQ(d.kind(), DistributionKind::Constant);
    EXPECT_EQ(d.param1(), 0.25);
    for (double x : drawSamples(d, 1, 1000))
        ASSERT_EQ(x, 0.25);
    EXPECT_EQ(d.mean(), 0.25);
    EXPECT_EQ(d.variance(), 0.0);
}

TEST(Distribution, ExponentialMatchesMomentsAndCdf)
{
    const Distribution d = Distribution::exponential(2.0);
    EXPECT_EQ(d.mean(), 2.0);
    EXPECT_EQ(d.variance(), 4.0);
    const std::vector<double> x = drawSamples(d, 2);
    EXPECT_GE(*std::min_element(x.begin(), x.end()), 0.0);
    expectMoments(d, x, 9.0); // kurtosis of any exponential
    EXPECT_LT(ksScore(x, [](double v) { return 1 - std::exp(-v / 2); }), KsLimit);
}

TEST(Distribution, UniformStaysInRangeAndMatchesMomentsAndCdf)
{
    const Distribution d = Distribution::uniform(1.0, 3.0);
    EXPECT_EQ(d.mean(), 2.0);
    EXPECT_DOUBLE_EQ(d.variance(), 1.0 / 3);
    const std::vector<double> x = drawSamples(d, 3);
    for (double v : x) {
        ASSERT_GE(v, 1.0);
        ASSERT_LT(v, 3.0);
    }
    expectMoments(d, x, 9.0 / 5); // kurtosis of any uniform
    EXPECT_LT(ksScore(x, [](double v) { return (v - 1) / 2; }), KsLimit);
}

TEST(Distribution, TruncatedNormalHandCheckedValues)
{
    // mean 0: the half-normal, mean sqrt(2/pi), variance 1 - 2/pi.
    const Distribution half = Distribution::normal(0.0, 1.0);
    EXPECT_NEAR(half.mean(), 0.7978845608028654, 1e-14);
    EXPECT_NEAR(half.variance(), 0.3633802276324186, 1e-14);
    // mean 1, sd 1: 16% of the untruncated mass is cut off; values worked
    // out separately (lambda = phi(-1) / Phi(1) = 0.28759997...).
    const Distribution cut = Distribution::normal(1.0, 1.0);
    EXPECT_NEAR(cut.mean(), 1.2875999709391783, 1e-12);
    EXPECT_NEAR(cut.variance(), 0.6296862857766055, 1e-12);
    // Ten sd from zero the truncation is invisible.
    const Distribution far = Distribution::normal(10.0, 1.0);
    EXPECT_NEAR(far.mean(), 10.0, 1e-12);
    EXPECT_NEAR(far.variance(), 1.0, 1e-12);
}

TEST(Distribution, TruncatedNormalIsNeverNegativeAndMatchesItsMeanFormula)
{
    for (const auto &params : {std::pair{1.0, 1.0}, std::pair{0.0, 2.0}, std::pair{0.05, 0.02}}) {
        const double mu = params.first;
        const double sd = params.second;
        SCOPED_TRACE(testing::Message() << "normal(" << mu << ", " << sd << ")");
        const Distribution d = Distribution::normal(mu, sd);
        const std::vector<double> x = drawSamples(d, 4);
        EXPECT_GE(*std::min_element(x.begin(), x.end()), 0.0);
        const auto m = truncatedNormalRawMoments(mu, sd);
        // The recursion is an independent route to mean() and variance().
        EXPECT_NEAR(m[1], d.mean(), 1e-12 * d.mean());
        EXPECT_NEAR(m[2] - m[1] * m[1], d.variance(), 1e-9 * d.variance());
        expectMoments(d, x, kurtosisFromRaw(m[1], m[2], m[3], m[4]));
        const double below = standardNormalCdf(-mu / sd);
        EXPECT_LT(ksScore(x, [&](double v) { return (standardNormalCdf((v - mu) / sd) - below) / (1 - below); }),
                  KsLimit);
    }
}

TEST(Distribution, LognormalHonoursMeanAndCv)
{
    for (const auto &params : {std::pair{0.5, 1.0}, std::pair{2.0, 0.3}}) {
        const double mean = params.first;
        const double cv = params.second;
        SCOPED_TRACE(testing::Message() << "lognormal(" << mean << ", " << cv << ")");
        const Distribution d = Distribution::lognormal(mean, cv);
        EXPECT_DOUBLE_EQ(d.mean(), mean);
        EXPECT_DOUBLE_EQ(d.variance(), mean * mean * cv * cv); // sd = cv * mean
        const std::vector<double> x = drawSamples(d, 5);
        EXPECT_GT(*std::min_element(x.begin(), x.end()), 0.0);
        // With w = 1 + cv^2 = exp(sigma^2): kurtosis = w^4 + 2w^3 + 3w^2 - 3.
        const double w = 1 + cv * cv;
        expectMoments(d, x, w * w * w * w + 2 * w * w * w + 3 * w * w - 3);
        const double sigma = std::sqrt(std::log(w));
        const double mu = std::log(mean) - sigma * sigma / 2;
        EXPECT_LT(ksScore(x, [&](double v) { return standardNormalCdf((std::log(v) - mu) / sigma); }), KsLimit);
    }
}

TEST(Distribution, ErlangHasVarianceMeanSquaredOverK)
{
    const Distribution d = Distribution::erlang(3, 1.5);
    EXPECT_EQ(d.kind(), DistributionKind::Gamma);
    EXPECT_EQ(d.param1(), 3.0);
    EXPECT_DOUBLE_EQ(d.mean(), 1.5);
    EXPECT_DOUBLE_EQ(d.variance(), 1.5 * 1.5 / 3);
    const std::vector<double> x = drawSamples(d, 6);
    expectMoments(d, x, 3 + 6.0 / 3); // gamma kurtosis: 3 + 6/k
    // Erlang CDF: 1 - exp(-y) (1 + y + y^2/2), y = x / scale, scale = mean/k.
    EXPECT_LT(ksScore(x,
                      [](double v) {
                          const double y = v / 0.5;
                          return 1 - std::exp(-y) * (1 + y + y * y / 2);
                      }),
              KsLimit);
}

TEST(Distribution, GammaWithShapeBelowOneMatchesMomentsAndCdf)
{
    // Shape 1/2 takes the boosting path of the sampler. Gamma(1/2, scale s)
    // is s * Z^2 / 2, so its CDF is erf(sqrt(x / s)); here s = mean/shape = 4.
    const Distribution d = Distribution::gamma(0.5, 2.0);
    EXPECT_DOUBLE_EQ(d.mean(), 2.0);
    EXPECT_DOUBLE_EQ(d.variance(), 8.0); // mean^2 / shape
    const std::vector<double> x = drawSamples(d, 7);
    EXPECT_GE(*std::min_element(x.begin(), x.end()), 0.0);
    expectMoments(d, x, 3 + 6.0 / 0.5);
    EXPECT_LT(ksScore(x, [](double v) { return std::erf(std::sqrt(v / 4)); }), KsLimit);
}

TEST(Distribution, GammaWithFractionalShapeMatchesMoments)
{
    const Distribution d = Distribution::gamma(2.5, 1.0);
    EXPECT_DOUBLE_EQ(d.variance(), 0.4);
    expectMoments(d, drawSamples(d, 8), 3 + 6.0 / 2.5);
}

TEST(Distribution, WeibullMeanIsScaleTimesGammaOfOnePlusOneOverK)
{
    // Shape 1 is the exponential: mean = scale, variance = scale^2.
    const Distribution shapeOne = Distribution::weibull(1.0, 3.0);
    EXPECT_DOUBLE_EQ(shapeOne.mean(), 3.0);
    EXPECT_DOUBLE_EQ(shapeOne.variance(), 9.0);

    // Shape 1.5, scale 2: mean = 2 Gamma(5/3) = 1.80549058590186..., variance
    // = 4 (Gamma(7/3) - Gamma(5/3)^2) = 1.50276113925572... (tabulated values).
    const Distribution d = Distribution::weibull(1.5, 2.0);
    EXPECT_NEAR(d.mean(), 1.8054905859018673, 1e-13);
    EXPECT_NEAR(d.variance(), 1.5027611392557279, 1e-13);

    for (const auto &params : {std::pair{1.5, 2.0}, std::pair{0.7, 1.0}}) {
        const double k = params.first;
        const double scale = params.second;
        SCOPED_TRACE(testing::Message() << "weibull(" << k << ", " << scale << ")");
        const Distribution w = Distribution::weibull(k, scale);
        const std::vector<double> x = drawSamples(w, 9);
        // Raw moments: E[X^j] = scale^j Gamma(1 + j/k).
        const auto raw = [&](int j) { return std::pow(scale, j) * std::tgamma(1 + j / k); };
        expectMoments(w, x, kurtosisFromRaw(raw(1), raw(2), raw(3), raw(4)));
        EXPECT_LT(ksScore(x, [&](double v) { return 1 - std::exp(-std::pow(v / scale, k)); }), KsLimit);
    }
}

TEST(Distribution, ParetoMomentsAndHandCheckedValues)
{
    // alpha 3, x_m 2: mean = 3*2/2 = 3, variance = 4*3 / (2^2 * 1) = 3.
    const Distribution d = Distribution::pareto(3.0, 2.0);
    EXPECT_DOUBLE_EQ(d.mean(), 3.0);
    EXPECT_DOUBLE_EQ(d.variance(), 3.0);

    // alpha 9 has eight finite moments, enough for the variance check.
    const Distribution light = Distribution::pareto(9.0, 2.0);
    const std::vector<double> x = drawSamples(light, 10);
    EXPECT_GE(*std::min_element(x.begin(), x.end()), 2.0);
    const auto raw = [](int j) { return 9.0 * std::pow(2.0, j) / (9.0 - j); };
    expectMoments(light, x, kurtosisFromRaw(raw(1), raw(2), raw(3), raw(4)));
    EXPECT_LT(ksScore(x, [](double v) { return 1 - std::pow(2.0 / v, 9.0); }), KsLimit);
}

TEST(Distribution, ParetoWithShapeAtMostOneHasInfiniteMean)
{
    EXPECT_EQ(Distribution::pareto(1.0, 1.0).mean(), Infinity);
    EXPECT_EQ(Distribution::pareto(0.8, 1.0).mean(), Infinity);
    EXPECT_EQ(Distribution::pareto(0.8, 1.0).variance(), Infinity);
    // Between 1 and 2 the mean exists, the variance does not.
    EXPECT_DOUBLE_EQ(Distribution::pareto(1.5, 1.0).mean(), 3.0);
    EXPECT_EQ(Distribution::pareto(1.5, 1.0).variance(), Infinity);
    EXPECT_EQ(Distribution::pareto(2.0, 1.0).variance(), Infinity);

    // Moments are useless here, but KS needs none.
    for (double alpha : {0.8, 1.5}) {
        SCOPED_TRACE(testing::Message() << "alpha " << alpha);
        const std::vector<double> x = drawSamples(Distribution::pareto(alpha, 0.1), 11);
        EXPECT_GE(*std::min_element(x.begin(), x.end()), 0.1);
        EXPECT_LT(ksScore(x, [&](double v) { return 1 - std::pow(0.1 / v, alpha); }), KsLimit);
    }
}

TEST(Distribution, EmpiricalReturnsOnlyTableValuesAtTheirFrequencies)
{
    // A repeated entry counts twice: 1 and 7 have probability 1/4, 2 has 1/2.
    const Distribution d = Distribution::empirical({1.0, 2.0, 2.0, 7.0});
    EXPECT_EQ(d.kind(), DistributionKind::Empirical);
    EXPECT_DOUBLE_EQ(d.mean(), 3.0);
    EXPECT_DOUBLE_EQ(d.variance(), 5.5); // (4 + 1 + 1 + 16) / 4
    const std::vector<double> x = drawSamples(d, 12);
    std::map<double, double> counts;
    for (double v : x)
        ++counts[v];
    ASSERT_EQ(counts.size(), 3u);
    ASSERT_TRUE(counts.count(1.0) && counts.count(2.0) && counts.count(7.0));
    // Chi-square, 2 degrees of freedom: 0.999 quantile 13.82.
    const std::map<double, double> p = {{1.0, 0.25}, {2.0, 0.5}, {7.0, 0.25}};
    double chi2 = 0;
    for (const auto &[v, c] : counts)
        chi2 += (c - N * p.at(v)) * (c - N * p.at(v)) / (N * p.at(v));
    EXPECT_LT(chi2, 13.82);
    const auto raw = [](int j) { return (1 + 2 * std::pow(2.0, j) + std::pow(7.0, j)) / 4; };
    expectMoments(d, x, kurtosisFromRaw(raw(1), raw(2), raw(3), raw(4)));

    RandomStream rng(1, "d", "empty");
    EXPECT_EQ(Distribution::empirical({}).sample(rng), 0.0);
}

TEST(Distribution, HistogramSamplesStayInBinsAtTheirWeights)
{
    // A zero-weight bin in the middle must never be drawn from.
    const std::vector<HistogramBin> bins = {{0, 1, 1}, {1, 3, 2}, {3, 5, 0}, {5, 6, 1}};
    const Distribution d = Distribution::histogram(bins);
    EXPECT_EQ(d.kind(), DistributionKind::Histogram);
    // mean = (1 * 0.5 + 2 * 2 + 1 * 5.5) / 4 = 2.5; E[X^2] = sum w (a^2+ab+b^2)/3 / 4
    // = (1/3 + 2 * 13/3 + 91/3) / 4 = 118/12, so variance = 118/12 - 6.25 = 43/12.
    EXPECT_DOUBLE_EQ(d.mean(), 2.5);
    EXPECT_DOUBLE_EQ(d.variance(), 43.0 / 12);

    const std::vector<double> x = drawSamples(d, 13);
    std::array<double, 4> counts{};
    for (double v : x) {
        const auto bin
            = std::find_if(bins.begin(), bins.end(), [&](const HistogramBin &b) { return v >= b.low && v < b.high; });
        ASSERT_NE(bin, bins.end()) << v;
        ++counts[static_cast<std::size_t>(bin - bins.begin())];
    }
    EXPECT_EQ(counts[2], 0.0);
    // Chi-square over the three live bins, 2 degrees of freedom: 13.82.
    double chi2 = 0;
    for (std::size_t i : {0u, 1u, 3u}) {
        const double expected = N * bins[i].weight / 4;
        chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    EXPECT_LT(chi2, 13.82);

    // Uniform within bins: the CDF is piecewise linear.
    const auto cdf = [&](double v) {
        double f = 0;
        for (const HistogramBin &b : bins)
            f += b.weight / 4 * std::clamp((v - b.low) / (b.high - b.low), 0.0, 1.0);
        return f;
    };
    EXPECT_LT(ksScore(x, cdf), KsLimit);
    // Raw moments of a mixture of uniforms: E[U^j] = (b^(j+1) - a^(j+1)) / ((j+1)(b-a)).
    const auto raw = [&](int j) {
        double m = 0;
        for (const HistogramBin &b : bins)
            m += b.weight / 4 * (std::pow(b.high, j + 1) - std::pow(b.low, j + 1)) / ((j + 1) * (b.high - b.low));
        return m;
    };
    expectMoments(d, x, kurtosisFromRaw(raw(1), raw(2), raw(3), raw(4)));

    RandomStream rng(1, "d", "empty");
    EXPECT_EQ(Distribution::histogram({}).sample(rng), 0.0);
}

TEST(Distribution, SameStreamGivesSameSamples)
{
    // Sampling must depend on nothing but the stream (no hidden state such
    // as a cached second normal variate).
    const Distribution d = Distribution::gamma(2.5, 1.0);
    RandomStream a(9, "d", "same");
    RandomStream b(9, "d", "same");
    const Distribution copy = d;
    for (int i = 0; i < 1000; ++i) {
        // Interleave another distribution on a third stream: no effect.
        RandomStream c(10, "d", "other");
        Distribution::normal(1, 1).sample(c);
        ASSERT_EQ(d.sample(a), copy.sample(b));
    }
}
