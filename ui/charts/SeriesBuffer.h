#pragma once

#include <QList>
#include <QPointF>

#include <cstddef>

namespace asyncsim::ui {

/// The points of one live chart line over a whole run, in bounded memory: when
/// it holds its capacity, neighbours are merged in pairs, and from then on each
/// kept point stands for twice as many recorded ones. The resolution thus
/// stays even over the run (no fine tail after a coarse past).
class SeriesBuffer
{
public:
    /// How two neighbours become one.
    enum class Merge {
        Mean, ///< mean of x and y: rates and levels
        Max,  ///< the later x, the larger y: keeps peaks and the worst breaker state
    };

    /// @p capacity is rounded up to an even number, at least 2.
    explicit SeriesBuffer(std::size_t capacity = 2000, Merge merge = Merge::Mean);

    void append(double x, double y);
    void clear();

    /// The kept points, the partly filled last one included, oldest first.
    QList<QPointF> points() const;
    /// How many points points() returns (never more than the capacity).
    std::size_t size() const { return m_points.size() + (m_pendingCount > 0 ? 1 : 0); }
    bool isEmpty() const { return size() == 0; }
    /// Recorded points each kept point stands for (1, 2, 4, ...).
    std::size_t stride() const { return m_stride; }
    std::size_t capacity() const { return m_capacity; }
    /// The last recorded value (0 when empty).
    double lastY() const { return m_lastY; }
    /// The largest y among the kept points (0 when empty).
    double maxY() const;

private:
    QPointF pending() const;
    void halve();

    std::size_t m_capacity;
    Merge m_merge;
    QList<QPointF> m_points;
    std::size_t m_stride = 1;
    // The recorded points not yet making up a whole kept point.
    std::size_t m_pendingCount = 0;
    double m_pendingSumX = 0;
    double m_pendingSumY = 0;
    double m_pendingLastX = 0;
    double m_pendingMaxY = 0;
    double m_lastY = 0;
};

} // namespace asyncsim::ui
