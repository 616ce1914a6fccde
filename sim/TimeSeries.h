#pragma once

#include "Time.h"

#include <cstddef>
#include <vector>

namespace asyncsim::sim {

/// A quantity sampled on a fixed simulated interval, filled lazily as the
/// quantity changes (no sampling events on the calendar).
///
/// Memory is bounded: when @p maxPoints bins are full, neighbouring bins are
/// merged and the interval doubles. Coarsening depends only on time, so all
/// series of one run with the same interval and limit stay aligned.
class TimeSeries
{
public:
    enum class Kind {
        Level, ///< a level held over time; each point is its time-average over the bin
        Rate,  ///< events counted; each point is count per second over the bin
        Mean,  ///< values sampled at events; each point is their mean over the bin (NaN if none fell in it)
    };

    TimeSeries(Kind kind, Duration interval, std::size_t maxPoints = 4096);

    /// Level: @p value was held over [from, to). Calls must not go back in time.
    void addLevel(Time from, Time to, double value)
    {
        if (to <= m_binEnd) { // the common case: all within the open bin
            if (from < m_binStart)
                from = m_binStart;
            if (to > from)
                m_current += value * static_cast<double>((to - from).ns());
            return;
        }
        addLevelAcrossBins(from, to, value);
    }
    /// Rate: @p amount events happened at @p at.
    void addCount(Time at, double amount = 1.0)
    {
        if (at >= m_binEnd)
            advanceTo(at);
        m_current += amount;
    }
    /// Mean: a sample of @p value was taken at @p at.
    void addSample(Time at, double value)
    {
        if (at >= m_binEnd)
            advanceTo(at);
        m_current += value;
        m_currentCount += 1;
    }
    /// Closes the series at @p end; after this, points() covers [0, end).
    void finish(Time end);

    Kind kind() const { return m_kind; }
    /// Current bin width (grows by doubling when the series is coarsened).
    Duration interval() const { return m_interval; }
    /// The finished points; the last bin may be shorter than interval().
    std::vector<double> points() const;

private:
    void addLevelAcrossBins(Time from, Time to, double value);
    void advanceTo(Time t);
    void closeBin();

    Kind m_kind;
    Duration m_interval;
    std::size_t m_maxPoints;
    std::vector<double> m_sums;   // closed bins: area (value x nanoseconds), counts or sums of samples
    std::vector<double> m_counts; // Mean only: samples per closed bin
    double m_current = 0;
    double m_currentCount = 0;
    Time m_binStart;
    Time m_binEnd;
    Time m_end = Time::max(); // set by finish()
};

} // namespace asyncsim::sim
