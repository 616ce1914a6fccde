#include "EstimateText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace asyncsim::models {

std::string formatEstimate(double mean, double halfWidth, const std::string &unit)
{
    char buffer[96];
    if (!std::isfinite(halfWidth))
        std::snprintf(buffer, sizeof buffer, "%.4g", mean);
    else if (halfWidth == 0)
        std::snprintf(buffer, sizeof buffer, "%.6g", mean);
    else {
        const int decimals = std::clamp(1 - static_cast<int>(std::floor(std::log10(halfWidth))), 0, 9);
        std::snprintf(buffer, sizeof buffer, "%.*f ± %.*f", decimals, mean, decimals, halfWidth);
    }
    return buffer + unit;
}

std::string formatDurationEstimate(const Estimate &e)
{
    if (e.mean == 0 && e.halfWidth == 0)
        return "0";
    const double scale = e.mean >= 1 ? 1 : e.mean >= 1e-3 ? 1e3 : 1e6;
    const char *unit = e.mean >= 1 ? "s" : e.mean >= 1e-3 ? "ms" : "us";
    return formatEstimate(e.mean * scale, e.halfWidth * scale, unit);
}

} // namespace asyncsim::models
