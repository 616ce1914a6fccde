#include "SeriesBuffer.h"

#include <algorithm>

namespace asyncsim::ui {

SeriesBuffer::SeriesBuffer(std::size_t capacity, Merge merge)
    : m_capacity(std::max<std::size_t>(capacity + capacity % 2, 2))
    , m_merge(merge)
{
    // No reserve: a run of hundreds of series would hold their full size from the start.
}

void SeriesBuffer::append(double x, double y)
{
    m_lastY = y;
    if (m_pendingCount == 0) {
        m_pendingSumX = 0;
        m_pendingSumY = 0;
        m_pendingMaxY = y;
    }
    ++m_pendingCount;
    m_pendingSumX += x;
    m_pendingSumY += y;
    m_pendingLastX = x;
    m_pendingMaxY = std::max(m_pendingMaxY, y);
    if (m_pendingCount < m_stride)
        return;
    m_points.append(pending());
    m_pendingCount = 0;
    if (static_cast<std::size_t>(m_points.size()) >= m_capacity)
        halve();
}

void SeriesBuffer::clear()
{
    m_points.clear();
    m_stride = 1;
    m_pendingCount = 0;
    m_lastY = 0;
}

QList<QPointF> SeriesBuffer::points() const
{
    if (m_pendingCount == 0)
        return m_points;
    QList<QPointF> out = m_points;
    out.append(pending());
    return out;
}

double SeriesBuffer::maxY() const
{
    double top = m_pendingCount > 0 ? pending().y() : 0;
    for (const QPointF &p : m_points)
        top = std::max(top, p.y());
    return top;
}

QPointF SeriesBuffer::pending() const
{
    const auto n = static_cast<double>(m_pendingCount);
    if (m_merge == Merge::Max)
        return {m_pendingLastX, m_pendingMaxY};
    return {m_pendingSumX / n, m_pendingSumY / n};
}

void SeriesBuffer::halve()
{
    // Pairs (0,1), (2,3), ...: every kept point then stands for 2 × stride
    // recorded ones. The capacity is even, so no point is left over (it would
    // stand for fewer recorded ones than the rest).
    QList<QPointF> merged;
    merged.reserve(m_points.size() / 2 + 1);
    for (qsizetype i = 0; i + 1 < m_points.size(); i += 2) {
        const QPointF &a = m_points[i];
        const QPointF &b = m_points[i + 1];
        if (m_merge == Merge::Max)
            merged.append({b.x(), std::max(a.y(), b.y())});
        else
            merged.append((a + b) / 2);
    }
    m_points = std::move(merged);
    m_stride *= 2;
}

} // namespace asyncsim::ui
