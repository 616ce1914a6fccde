#pragma once

#include <QElapsedTimer>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

#include "models/RunSnapshot.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace asyncsim::ui {

/// The live traffic of one edge, drawn over its curve (a child of its
/// LinkItem): messages as dots moving along it, coloured by MessageClass, and
/// the true rate as text ("1.2k/s"). Dots are a sample when the traffic is
/// dense, so the text is what to read. An edge with a circuit breaker shows
/// its state as a glyph that flashes on each transition. No mouse input.
class LinkOverlayItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 21 };
    /// Most dots alive at once on one edge; they start at most at the rate
    /// that keeps this many evenly spaced along it.
    static constexpr int MaxDots = 24;
    /// Wall seconds a dot takes from one end to the other.
    static constexpr double TravelSeconds = 0.8;

    explicit LinkOverlayItem(QGraphicsItem *link);

    int type() const override { return Type; }

    /// Takes the curve (scene coordinates; the link stays at the origin).
    void setCurve(const QPainterPath &curve, QPointF middle);
    /// Advances the dots by @p wallSeconds and starts new ones for
    /// @p crossed (messages by class since the last refresh); @p ratePerSecond
    /// is the measured rate in simulated time.
    void advance(double wallSeconds,
                 const std::array<std::uint64_t, static_cast<std::size_t>(models::MessageClass::Count)> &crossed,
                 double ratePerSecond);
    /// The breaker's state and transition count (a change starts a flash).
    void setBreaker(std::optional<models::CircuitBreakerState> state, std::uint64_t transitions);
    /// The breaker state shown, if the edge has a breaker.
    std::optional<models::CircuitBreakerState> breakerState() const { return m_breaker; }

    double rate() const { return m_rate; }
    QString rateText() const;
    std::size_t dotCount() const { return m_dots.size(); }
    /// Dots of @p messageClass now on the edge.
    std::size_t dotCount(models::MessageClass messageClass) const
    {
        return static_cast<std::size_t>(
            std::count_if(m_dots.begin(), m_dots.end(), [&](const Dot &d) { return d.messageClass == messageClass; }));
    }
    bool isFlashing() const;

    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override { return {}; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Dot
    {
        float phase; // 0 at the source, 1 at the target
        models::MessageClass messageClass;
    };
    QRectF rateRect() const;
    QPointF glyphCentre() const;

    QPainterPath m_curve;
    QPointF m_middle;
    QRectF m_bounds;
    std::vector<Dot> m_dots;
    double m_rate = 0;
    bool m_seenTraffic = false;
    double m_spawnCredit = 0; // dots owed to the even spacing, fractional
    int m_maxDots = 3;        // for this curve's length (at most MaxDots)
    std::array<double, static_cast<std::size_t>(models::MessageClass::Count)> m_classDebt{};
    std::optional<models::CircuitBreakerState> m_breaker;
    std::uint64_t m_transitions = 0;
    QElapsedTimer m_flash; // since the last transition
};

} // namespace asyncsim::ui
