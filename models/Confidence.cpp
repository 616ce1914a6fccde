#include "Confidence.h"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace asyncsim::models {

double Estimate::relativeHalfWidth() const
{
    if (mean != 0)
        return halfWidth / std::abs(mean);
    return halfWidth == 0 ? 0 : std::numeric_limits<double>::infinity();
}

Estimate estimateMean(std::span<const double> values, double confidence)
{
    Estimate e;
    e.n = values.size();
    e.confidence = confidence;
    if (e.n == 0)
        return e;
    double sum = 0;
    for (double v : values)
        sum += v;
    e.mean = sum / static_cast<double>(e.n);
    if (e.n < 2) {
        e.halfWidth = std::numeric_limits<double>::infinity();
        return e;
    }
    // Two passes: the squared deviations from the mean lose no precision
    // when the values are large and close together (e.g. message counts).
    double squares = 0;
    for (double v : values)
        squares += (v - e.mean) * (v - e.mean);
    e.stddev = std::sqrt(squares / static_cast<double>(e.n - 1));
    const boost::math::students_t t(static_cast<double>(e.n - 1));
    const double quantile = boost::math::quantile(t, 0.5 + confidence / 2);
    e.halfWidth = quantile * e.stddev / std::sqrt(static_cast<double>(e.n));
    return e;
}

} // namespace asyncsim::models
