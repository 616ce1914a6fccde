#pragma once

#include "RandomStream.h"

#include <vector>

namespace asyncsim::sim {

/// Families of distributions a Distribution can be.
enum class DistributionKind {
    Constant,    ///< always value
    Exponential, ///< by mean
    Uniform,     ///< on [low, high]
    Normal,      ///< by mean and sd, truncated at 0 (resampled, not clamped)
    Lognormal,   ///< by mean and coefficient of variation
    Gamma,       ///< by shape k and mean; Erlang when k is a whole number
    Weibull,     ///< by shape k and scale
    Pareto,      ///< by shape alpha and scale x_m (the minimum)
    Empirical,   ///< one of a table of values, equally likely
    Histogram,   ///< a bin drawn by weight, then uniform within it
};

/// One bin of a histogram distribution: uniform on [low, high), drawn with
/// probability weight / (sum of weights).
struct HistogramBin
{
    double low = 0;
    double high = 0;
    double weight = 0;

    bool operator==(const HistogramBin &) const = default;
};

/// A distribution of non-negative real numbers (in models: durations in seconds).
///
/// Sampling uses only uniform draws and <cmath>, never <random>'s
/// distributions, whose algorithms differ between standard libraries: the
/// same seed gives the same numbers with any of them.
/// Parameters are checked by the topology loader; constructors assume them valid.
class Distribution
{
public:
    Distribution() = default; ///< constant 0

    static Distribution constant(double value);
    static Distribution exponential(double mean);
    static Distribution uniform(double low, double high);
    static Distribution normal(double mean, double sd);
    static Distribution lognormal(double mean, double cv);
    static Distribution gamma(double shape, double mean);
    static Distribution erlang(int k, double mean) { return gamma(k, mean); }
    static Distribution weibull(double shape, double scale);
    static Distribution pareto(double shape, double scale);
    static Distribution empirical(std::vector<double> values);
    static Distribution histogram(std::vector<HistogramBin> bins);

    double sample(RandomStream &rng) const;
    /// Exact mean of what sample() draws (for Normal: of the truncated law).
    double mean() const;
    /// Exact variance of what sample() draws; infinity where it does not exist.
    double variance() const;

    DistributionKind kind() const { return m_kind; }
    /// The two parameters as given to the factory (meaning depends on kind()).
    double param1() const { return m_p1; }
    double param2() const { return m_p2; }
    const std::vector<double> &values() const { return m_values; }
    const std::vector<HistogramBin> &bins() const { return m_bins; }

    /// Same law with the same parameters (derived constants follow from them).
    bool operator==(const Distribution &other) const
    {
        return m_kind == other.m_kind && m_p1 == other.m_p1 && m_p2 == other.m_p2 && m_values == other.m_values
            && m_bins == other.m_bins;
    }

private:
    double standardNormal(RandomStream &rng) const;
    double standardGamma(RandomStream &rng, double shape) const;

    DistributionKind m_kind = DistributionKind::Constant;
    double m_p1 = 0;
    double m_p2 = 0;
    // Derived constants, so sampling does no set-up work.
    double m_a = 0;
    double m_b = 0;
    std::vector<double> m_values;
    std::vector<HistogramBin> m_bins;
    std::vector<double> m_cumulative; // histogram: cumulative weights
};

} // namespace asyncsim::sim
