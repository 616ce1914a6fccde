#include "EstimateText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace asyncsim::models {

std::string EstimateFormat::number(double value) const
{
    char buffer[64];
    if (decimals >= 0)
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value * scale);
    else
        std::snprintf(buffer, sizeof buffer, exact ? "%.6g" : "%.4g", value * scale);
    return buffer + unit;
}

EstimateFormat formatFor(const Estimate &e, bool duration)
{
    EstimateFormat f;
    if (duration && !(e.mean == 0 && e.halfWidth == 0)) {
        f.scale = e.mean >= 1 ? 1 : e.mean >= 1e-3 ? 1e3 : 1e6;
        f.unit = e.mean >= 1 ? "s" : e.mean >= 1e-3 ? "ms" : "us";
    }
    if (std::isfinite(e.halfWidth) && e.halfWidth > 0)
        f.decimals = std::clamp(1 - static_cast<int>(std::floor(std::log10(e.halfWidth * f.scale))), 0, 9);
    f.exact = e.halfWidth == 0;
    return f;
}

std::string formatEstimate(const Estimate &e, bool duration)
{
    const EstimateFormat f = formatFor(e, duration);
    if (f.decimals < 0)
        return f.number(e.mean);
    EstimateFormat bare = f;
    bare.unit.clear();
    return bare.number(e.mean) + " ± " + f.number(e.halfWidth);
}

std::string formatEstimate(double mean, double halfWidth, const std::string &unit)
{
    Estimate e;
    e.mean = mean;
    e.halfWidth = halfWidth;
    return formatEstimate(e) + unit;
}

} // namespace asyncsim::models
