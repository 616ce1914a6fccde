#pragma once

#include "Confidence.h"

#include <string>

namespace asyncsim::models {

/// How the numbers of one estimate are written: all of them (mean,
/// half-width, bounds) in one unit and to the precision the half-width
/// allows, two significant digits of it: "69012 ± 190", "0.9227 ± 0.0024".
struct EstimateFormat
{
    double scale = 1;  ///< the value is multiplied by this first (s → ms: 1000)
    std::string unit;  ///< appended, e.g. "ms"
    int decimals = -1; ///< fixed decimals; −1: no interval, so 4 significant digits (6 when exact)
    bool exact = false;

    /// @p value (in the estimate's own unit) written this way, with the unit.
    std::string number(double value) const;
};

/// The format for @p e; durations (seconds) get s, ms or us by their mean.
EstimateFormat formatFor(const Estimate &e, bool duration = false);

/// "mean ± half-width" and the unit, or the mean alone without an interval.
std::string formatEstimate(const Estimate &e, bool duration = false);
/// As above, from the two numbers.
std::string formatEstimate(double mean, double halfWidth, const std::string &unit = {});
/// A duration estimate (seconds) in the unit its mean reads best in.
inline std::string formatDurationEstimate(const Estimate &e)
{
    return formatEstimate(e, true);
}

} // namespace asyncsim::models
