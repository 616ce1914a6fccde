#pragma once

#include "Time.h"
#include "TimeSeries.h"

namespace asyncsim::sim {

/// The time-weighted mean and maximum of a level that changes at discrete
/// times (queue length, busy workers), optionally feeding a Level TimeSeries.
class TimeWeighted
{
public:
    /// @p series (optional, not owned) receives the level as it changes.
    explicit TimeWeighted(TimeSeries *series = nullptr)
        : m_series(series)
    { }

    /// The level becomes @p value at @p now (now must not go back in time).
    void set(Time now, double value)
    {
        // Area in value x ns: no unit conversion on this per-event path.
        m_area += m_value * static_cast<double>((now - m_lastChange).ns());
        if (m_series)
            m_series->addLevel(m_lastChange, now, m_value);
        m_lastChange = now;
        m_value = value;
        if (value > m_max)
            m_max = value;
    }
    void add(Time now, double delta) { set(now, m_value + delta); }

    /// Starts averaging afresh at @p now (warm-up deletion); the level is kept.
    void resetStatistics(Time now)
    {
        set(now, m_value);
        m_area = 0;
        m_since = now;
        m_max = m_value;
    }

    double current() const { return m_value; }
    double max() const { return m_max; }
    /// Mean over [last reset, @p now]; the current level when no time has passed.
    double mean(Time now) const
    {
        const auto span = static_cast<double>((now - m_since).ns());
        if (span <= 0)
            return m_value;
        return (m_area + m_value * static_cast<double>((now - m_lastChange).ns())) / span;
    }
    /// Pushes the level held since the last change into the series, up to @p now.
    void flush(Time now) { set(now, m_value); }

private:
    TimeSeries *m_series; // not owned
    double m_value = 0;
    double m_max = 0;
    double m_area = 0;
    Time m_lastChange;
    Time m_since;
};

} // namespace asyncsim::sim
