#pragma once

#include <cstddef>
#include <span>

namespace asyncsim::models {

/// The mean of independent replications with its Student-t confidence
/// interval: mean ± t(1 − α/2, n − 1) · s / √n.
struct Estimate
{
    std::size_t n = 0;     ///< replications that measured it
    double mean = 0;       ///< sample mean
    double stddev = 0;     ///< sample standard deviation (n − 1 in the denominator); 0 when n < 2
    double halfWidth = 0;  ///< half the interval's width; infinite when n < 2 (no interval yet)
    double confidence = 0; ///< e.g. 0.95

    double low() const { return mean - halfWidth; }
    double high() const { return mean + halfWidth; }
    /// Half-width relative to the mean, or infinity when the mean is 0 and
    /// the half-width is not: how precise the estimate is.
    double relativeHalfWidth() const;
    /// Whether @p value lies in [low, high].
    bool covers(double value) const { return low() <= value && value <= high(); }
};

/// The estimate of the mean of @p values at @p confidence in (0, 1). The
/// quantile comes from Boost.Math's Student-t distribution.
Estimate estimateMean(std::span<const double> values, double confidence = 0.95);

} // namespace asyncsim::models
