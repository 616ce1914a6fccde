#pragma once

#include "Topology.h"
#include "sim/Time.h"

#include <vector>

namespace asyncsim::models {

/// A producer's rate multiplier over time, piecewise constant or linear, and
/// the "operational time" it induces: Λ(t) = ∫ factor. Arrivals are drawn on
/// the operational clock at the base rate and mapped back with Λ⁻¹, which is
/// exact for Poisson arrivals (a time-changed Poisson process) and spaces
/// constant arrivals evenly in offered load.
class RateProfile
{
public:
    /// @p points must have increasing times (the loader checks this).
    explicit RateProfile(const std::vector<RatePoint> &points);

    bool isFlat() const { return m_segments.size() == 1 && m_segments.front().from == 1 && m_segments.front().to == 1; }
    double factorAt(sim::Time t) const;
    /// Λ(t), in seconds of operational time.
    double operationalTime(sim::Time t) const;
    /// The earliest t with Λ(t) >= @p op, or Time::max() if the rate stays at zero before that.
    sim::Time realTime(double op) const;
    /// Largest factor anywhere in the profile.
    double peakFactor() const;
    /// Multiplies the factor by @p factor on [@p start, @p end) (a traffic
    /// fault; @p end may be Time::max()). A linear stretch stays linear.
    void scale(sim::Time start, sim::Time end, double factor);

private:
    struct Segment
    {
        double start;   // seconds
        double end;     // seconds; infinity for the last
        double from;    // factor at start
        double to;      // factor at end (== from unless ramping)
        double opStart; // Λ(start)
    };
    const Segment &segmentAt(double seconds) const;
    /// Splits the segment that strictly contains @p seconds there.
    void splitAt(double seconds);

    std::vector<Segment> m_segments;
};

} // namespace asyncsim::models
