#include "Distribution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace asyncsim::sim {

namespace {
constexpr double Infinity = std::numeric_limits<double>::infinity();

double standardNormalPdf(double x)
{
    return std::exp(-0.5 * x * x) / std::sqrt(2 * std::numbers::pi);
}

// P(Z > x) for a standard normal Z.
double standardNormalTail(double x)
{
    return 0.5 * std::erfc(x / std::numbers::sqrt2);
}
} // namespace

Distribution Distribution::constant(double value)
{
    Distribution d;
    d.m_kind = DistributionKind::Constant;
    d.m_p1 = value;
    return d;
}

Distribution Distribution::exponential(double mean)
{
    Distribution d;
    d.m_kind = DistributionKind::Exponential;
    d.m_p1 = mean;
    return d;
}

Distribution Distribution::uniform(double low, double high)
{
    Distribution d;
    d.m_kind = DistributionKind::Uniform;
    d.m_p1 = low;
    d.m_p2 = high;
    return d;
}

Distribution Distribution::normal(double mean, double sd)
{
    Distribution d;
    d.m_kind = DistributionKind::Normal;
    d.m_p1 = mean;
    d.m_p2 = sd;
    return d;
}

Distribution Distribution::lognormal(double mean, double cv)
{
    Distribution d;
    d.m_kind = DistributionKind::Lognormal;
    d.m_p1 = mean;
    d.m_p2 = cv;
    // If X = exp(mu + sigma Z): E[X] = exp(mu + sigma^2/2), CV^2 = exp(sigma^2) - 1.
    const double sigma2 = std::log1p(cv * cv);
    d.m_a = std::log(mean) - sigma2 / 2; // mu
    d.m_b = std::sqrt(sigma2);           // sigma
    return d;
}

Distribution Distribution::gamma(double shape, double mean)
{
    Distribution d;
    d.m_kind = DistributionKind::Gamma;
    d.m_p1 = shape;
    d.m_p2 = mean;
    d.m_a = mean / shape; // scale
    return d;
}

Distribution Distribution::weibull(double shape, double scale)
{
    Distribution d;
    d.m_kind = DistributionKind::Weibull;
    d.m_p1 = shape;
    d.m_p2 = scale;
    d.m_a = 1.0 / shape;
    return d;
}

Distribution Distribution::pareto(double shape, double scale)
{
    Distribution d;
    d.m_kind = DistributionKind::Pareto;
    d.m_p1 = shape;
    d.m_p2 = scale;
    d.m_a = -1.0 / shape;
    return d;
}

Distribution Distribution::empirical(std::vector<double> values)
{
    Distribution d;
    d.m_kind = DistributionKind::Empirical;
    d.m_values = std::move(values);
    return d;
}

Distribution Distribution::histogram(std::vector<HistogramBin> bins)
{
    Distribution d;
    d.m_kind = DistributionKind::Histogram;
    d.m_bins = std::move(bins);
    double total = 0;
    for (const HistogramBin &bin : d.m_bins) {
        total += bin.weight;
        d.m_cumulative.push_back(total);
    }
    return d;
}

double Distribution::standardNormal(RandomStream &rng) const
{
    // Marsaglia's polar method; the second variate is dropped so that a
    // sample never depends on state left over from an earlier one.
    for (;;) {
        const double u = 2 * rng.uniform01() - 1;
        const double v = 2 * rng.uniform01() - 1;
        const double s = u * u + v * v;
        if (s > 0 && s < 1)
            return u * std::sqrt(-2 * std::log(s) / s);
    }
}

double Distribution::standardGamma(RandomStream &rng, double shape) const
{
    if (shape < 1) {
        // Boost shape by one, then scale down: G(a) = G(a+1) * U^(1/a).
        return standardGamma(rng, shape + 1) * std::pow(rng.uniformPositive(), 1.0 / shape);
    }
    // Marsaglia and Tsang (2000).
    const double d = shape - 1.0 / 3;
    const double c = 1.0 / std::sqrt(9 * d);
    for (;;) {
        double x = 0;
        double v = 0;
        do {
            x = standardNormal(rng);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const double u = rng.uniformPositive();
        if (u < 1 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v)))
            return d * v;
    }
}

double Distribution::sample(RandomStream &rng) const
{
    switch (m_kind) {
    case DistributionKind::Constant:
        return m_p1;
    case DistributionKind::Exponential:
        return -m_p1 * std::log(rng.uniformPositive());
    case DistributionKind::Uniform:
        return m_p1 + (m_p2 - m_p1) * rng.uniform01();
    case DistributionKind::Normal:
        for (;;) {
            const double x = m_p1 + m_p2 * standardNormal(rng);
            if (x >= 0)
                return x;
        }
    case DistributionKind::Lognormal:
        return std::exp(m_a + m_b * standardNormal(rng));
    case DistributionKind::Gamma:
        return m_a * standardGamma(rng, m_p1);
    case DistributionKind::Weibull:
        return m_p2 * std::pow(-std::log(rng.uniformPositive()), m_a);
    case DistributionKind::Pareto:
        return m_p2 * std::pow(rng.uniformPositive(), m_a);
    case DistributionKind::Empirical:
        return m_values.empty() ? 0.0 : m_values[rng.below(m_values.size())];
    case DistributionKind::Histogram: {
        if (m_bins.empty())
            return 0.0;
        const double target = rng.uniform01() * m_cumulative.back();
        const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), target);
        const HistogramBin &bin = m_bins[std::min<std::size_t>(it - m_cumulative.begin(), m_bins.size() - 1)];
        return bin.low + (bin.high - bin.low) * rng.uniform01();
    }
    }
    return 0.0;
}

double Distribution::mean() const
{
    switch (m_kind) {
    case DistributionKind::Constant:
        return m_p1;
    case DistributionKind::Exponential:
    case DistributionKind::Lognormal:
        return m_p1;
    case DistributionKind::Gamma:
        return m_p2;
    case DistributionKind::Uniform:
        return (m_p1 + m_p2) / 2;
    case DistributionKind::Normal: {
        // Mean of N(mu, sd) conditioned on X >= 0.
        const double alpha = -m_p1 / m_p2;
        return m_p1 + m_p2 * standardNormalPdf(alpha) / standardNormalTail(alpha);
    }
    case DistributionKind::Weibull:
        return m_p2 * std::tgamma(1 + 1 / m_p1);
    case DistributionKind::Pareto:
        return m_p1 > 1 ? m_p1 * m_p2 / (m_p1 - 1) : Infinity;
    case DistributionKind::Empirical: {
        double sum = 0;
        for (double v : m_values)
            sum += v;
        return m_values.empty() ? 0.0 : sum / static_cast<double>(m_values.size());
    }
    case DistributionKind::Histogram: {
        double sum = 0;
        for (const HistogramBin &bin : m_bins)
            sum += bin.weight * (bin.low + bin.high) / 2;
        return m_bins.empty() ? 0.0 : sum / m_cumulative.back();
    }
    }
    return 0.0;
}

double Distribution::variance() const
{
    switch (m_kind) {
    case DistributionKind::Constant:
        return 0.0;
    case DistributionKind::Exponential:
        return m_p1 * m_p1;
    case DistributionKind::Uniform:
        return (m_p2 - m_p1) * (m_p2 - m_p1) / 12;
    case DistributionKind::Normal: {
        const double alpha = -m_p1 / m_p2;
        const double lambda = standardNormalPdf(alpha) / standardNormalTail(alpha);
        return m_p2 * m_p2 * (1 + alpha * lambda - lambda * lambda);
    }
    case DistributionKind::Lognormal:
        return m_p1 * m_p1 * m_p2 * m_p2;
    case DistributionKind::Gamma:
        return m_p1 * m_a * m_a;
    case DistributionKind::Weibull: {
        const double g1 = std::tgamma(1 + 1 / m_p1);
        return m_p2 * m_p2 * (std::tgamma(1 + 2 / m_p1) - g1 * g1);
    }
    case DistributionKind::Pareto:
        return m_p1 > 2 ? m_p2 * m_p2 * m_p1 / ((m_p1 - 1) * (m_p1 - 1) * (m_p1 - 2)) : Infinity;
    case DistributionKind::Empirical: {
        const double mu = mean();
        double sum = 0;
        for (double v : m_values)
            sum += (v - mu) * (v - mu);
        return m_values.empty() ? 0.0 : sum / static_cast<double>(m_values.size());
    }
    case DistributionKind::Histogram: {
        // Mixture of uniforms: E[X^2] = sum w (a^2 + ab + b^2)/3.
        double second = 0;
        for (const HistogramBin &bin : m_bins)
            second += bin.weight * (bin.low * bin.low + bin.low * bin.high + bin.high * bin.high) / 3;
        const double mu = mean();
        return m_bins.empty() ? 0.0 : second / m_cumulative.back() - mu * mu;
    }
    }
    return 0.0;
}

} // namespace asyncsim::sim
