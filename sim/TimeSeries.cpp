#include "TimeSeries.h"

#include <algorithm>
#include <cmath>

namespace asyncsim::sim {

TimeSeries::TimeSeries(Kind kind, Duration interval, std::size_t maxPoints)
    : m_kind(kind)
    , m_interval(interval)
    , m_maxPoints(std::max<std::size_t>(maxPoints / 2 * 2, 2)) // even, so merges keep bins aligned
    , m_binEnd(Time::zero() + interval)
{ }

void TimeSeries::addLevelAcrossBins(Time from, Time to, double value)
{
    from = std::max(from, m_binStart);
    while (to > m_binEnd) {
        if (from < m_binEnd)
            m_current += value * static_cast<double>((m_binEnd - from).ns());
        from = std::max(from, m_binEnd); // a gap before from adds nothing
        closeBin();
    }
    if (to > from)
        m_current += value * static_cast<double>((to - from).ns());
}

void TimeSeries::advanceTo(Time t)
{
    while (t >= m_binEnd)
        closeBin();
}

void TimeSeries::closeBin()
{
    m_sums.push_back(m_current);
    m_current = 0;
    if (m_kind == Kind::Mean) {
        m_counts.push_back(m_currentCount);
        m_currentCount = 0;
    }
    if (m_sums.size() == m_maxPoints) {
        // Merge pairs; the open bin starts on an even boundary, so it widens in place.
        for (std::size_t i = 0; i < m_sums.size() / 2; ++i)
            m_sums[i] = m_sums[2 * i] + m_sums[2 * i + 1];
        m_sums.resize(m_sums.size() / 2);
        for (std::size_t i = 0; i < m_counts.size() / 2; ++i)
            m_counts[i] = m_counts[2 * i] + m_counts[2 * i + 1];
        m_counts.resize(m_counts.size() / 2);
        m_interval = m_interval * 2;
    }
    m_binStart = Time::zero() + m_interval * static_cast<std::int64_t>(m_sums.size());
    m_binEnd = m_binStart + m_interval;
}

void TimeSeries::finish(Time end)
{
    // Close every bin that ends by `end`, as addCount(end) would: the layout
    // then depends on `end` alone, even for a series that saw an event at end.
    advanceTo(end);
    m_end = end;
}

std::vector<double> TimeSeries::points() const
{
    if (m_kind == Kind::Mean) {
        // A bin nothing was sampled in has no mean: NaN, written as null or an empty field.
        auto mean = [](double sum, double count) { return count > 0 ? sum / count : std::nan(""); };
        std::vector<double> out;
        out.reserve(m_sums.size() + 1);
        for (std::size_t i = 0; i < m_sums.size(); ++i)
            out.push_back(mean(m_sums[i], m_counts[i]));
        if (m_end != Time::max() && m_end > m_binStart)
            out.push_back(mean(m_current, m_currentCount));
        return out;
    }
    // Levels were integrated in value x ns; rates were counted. Either way a
    // point is the sum divided by its bin's width (in ns for levels, s for rates).
    const double unit = m_kind == Kind::Level ? 1.0 : 1e9;
    std::vector<double> out;
    out.reserve(m_sums.size() + 1);
    const double width = static_cast<double>(m_interval.ns()) / unit;
    for (double sum : m_sums)
        out.push_back(sum / width);
    if (m_end != Time::max() && m_end > m_binStart)
        out.push_back(m_current / (static_cast<double>((m_end - m_binStart).ns()) / unit));
    return out;
}

} // namespace asyncsim::sim
