#include "RateProfile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace asyncsim::models {

namespace {
constexpr double Infinity = std::numeric_limits<double>::infinity();
}

RateProfile::RateProfile(const std::vector<RatePoint> &points)
{
    double start = 0;
    double factor = 1;
    double op = 0;
    for (const RatePoint &p : points) {
        const double at = p.at.toSeconds();
        if (at > start) {
            const double target = p.ramp ? p.factor : factor;
            m_segments.push_back({start, at, factor, target, op});
            op += (factor + target) / 2 * (at - start);
        }
        start = std::max(start, at);
        factor = p.factor;
    }
    m_segments.push_back({start, Infinity, factor, factor, op});
}

const RateProfile::Segment &RateProfile::segmentAt(double seconds) const
{
    // Profiles have a handful of points: a linear scan beats a binary search.
    for (const Segment &s : m_segments)
        if (seconds < s.end)
            return s;
    return m_segments.back();
}

double RateProfile::factorAt(sim::Time t) const
{
    const double x = t.toSeconds();
    const Segment &s = segmentAt(x);
    if (s.from == s.to)
        return s.from;
    return s.from + (s.to - s.from) * (x - s.start) / (s.end - s.start);
}

double RateProfile::operationalTime(sim::Time t) const
{
    const double x = t.toSeconds();
    const Segment &s = segmentAt(x);
    const double d = x - s.start;
    if (s.from == s.to)
        return s.opStart + s.from * d;
    const double slope = (s.to - s.from) / (s.end - s.start);
    return s.opStart + s.from * d + slope * d * d / 2;
}

sim::Time RateProfile::realTime(double op) const
{
    for (const Segment &s : m_segments) {
        const double area = s.end == Infinity ? Infinity : (s.from + s.to) / 2 * (s.end - s.start);
        const double rest = op - s.opStart;
        if (rest > area)
            continue;
        if (rest <= 0)
            return sim::Time::fromSeconds(s.start);
        if (s.from == s.to) {
            if (s.from <= 0)
                return sim::Time::max();
            return sim::Time::fromSeconds(s.start + rest / s.from);
        }
        // Solve from*d + slope*d²/2 = rest in the form that is stable as slope -> 0.
        const double slope = (s.to - s.from) / (s.end - s.start);
        const double d = 2 * rest / (s.from + std::sqrt(s.from * s.from + 2 * slope * rest));
        return sim::Time::fromSeconds(s.start + d);
    }
    return sim::Time::max();
}

void RateProfile::splitAt(double seconds)
{
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
        Segment s = m_segments[i];
        if (!(s.start < seconds && seconds < s.end))
            continue;
        const double mid = s.from == s.to ? s.from : s.from + (s.to - s.from) * (seconds - s.start) / (s.end - s.start);
        m_segments[i].end = seconds;
        m_segments[i].to = mid;
        m_segments.insert(m_segments.begin() + std::ptrdiff_t(i) + 1, Segment{seconds, s.end, mid, s.to, 0});
        return;
    }
}

void RateProfile::scale(sim::Time start, sim::Time end, double factor)
{
    const double from = start.toSeconds();
    const double to = end == sim::Time::max() ? Infinity : end.toSeconds();
    splitAt(from);
    splitAt(to);
    double op = 0;
    for (Segment &s : m_segments) {
        if (s.start >= from && s.end <= to) {
            s.from *= factor;
            s.to *= factor;
        }
        s.opStart = op;
        if (s.end != Infinity)
            op += (s.from + s.to) / 2 * (s.end - s.start);
    }
}

double RateProfile::peakFactor() const
{
    double peak = 0;
    for (const Segment &s : m_segments)
        peak = std::max({peak, s.from, s.to});
    return peak;
}

} // namespace asyncsim::models
