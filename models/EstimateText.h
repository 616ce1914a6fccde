#pragma once

#include "Confidence.h"

#include <string>

namespace asyncsim::models {

/// "mean ± half-width" with the mean given to the precision the half-width
/// allows (two significant digits of it): "69012 ± 190", "0.9227 ± 0.0024",
/// followed by @p unit. Without an interval (n < 2) just the mean, to 4
/// significant digits; a zero half-width shows the mean alone to 6.
std::string formatEstimate(double mean, double halfWidth, const std::string &unit = {});
/// As above, for an estimate.
inline std::string formatEstimate(const Estimate &e, const std::string &unit = {})
{
    return formatEstimate(e.mean, e.halfWidth, unit);
}
/// A duration estimate (seconds) in the unit its mean reads best in: s, ms or us.
std::string formatDurationEstimate(const Estimate &e);

} // namespace asyncsim::models
