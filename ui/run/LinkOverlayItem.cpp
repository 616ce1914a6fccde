#include "LinkOverlayItem.h"

#include "LiveStyle.h"
#include "ui/canvas/CanvasStyle.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace asyncsim::ui {

namespace {

constexpr qreal DotRadius = 3.5;
constexpr qreal DotSpacing = 16;
constexpr qreal GlyphRadius = 7;
constexpr qint64 FlashMs = 900;
constexpr qreal Detail = 0.35; // below this zoom: dots only

} // namespace

LinkOverlayItem::LinkOverlayItem(QGraphicsItem *link)
    : QGraphicsItem(link)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void LinkOverlayItem::setCurve(const QPainterPath &curve, QPointF middle)
{
    if (curve == m_curve && middle == m_middle)
        return;
    prepareGeometryChange();
    m_curve = curve;
    m_middle = middle;
    // About one dot per DotSpacing pixels of curve: a stream, not a string of beads.
    m_maxDots = std::clamp(static_cast<int>(m_curve.length() / DotSpacing), 3, MaxDots);
    m_bounds = m_curve.boundingRect()
                   .adjusted(-DotRadius - 1, -DotRadius - 1, DotRadius + 1, DotRadius + 1)
                   .united(rateRect().adjusted(-1, -1, 1, 1))
                   .united(QRectF(glyphCentre() - QPointF(GlyphRadius + 2, GlyphRadius + 2),
                                  QSizeF(2 * GlyphRadius + 4, 2 * GlyphRadius + 4)));
}

void LinkOverlayItem::advance(
    double wallSeconds, const std::array<std::uint64_t, static_cast<std::size_t>(models::MessageClass::Count)> &crossed,
    double ratePerSecond)
{
    const auto step = static_cast<float>(wallSeconds / TravelSeconds);
    for (Dot &d : m_dots)
        d.phase += step;
    std::erase_if(m_dots, [](const Dot &d) { return d.phase >= 1.0f; });

    std::uint64_t total = 0;
    for (std::uint64_t n : crossed)
        total += n;
    // A sample of what crossed, each class in its proportion: at most
    // MaxDots per travel time, so dense traffic shows as an even stream
    // rather than a clump at the source.
    m_spawnCredit = std::min(m_spawnCredit + m_maxDots * static_cast<double>(step), 4.0);
    const auto affordable = static_cast<std::uint64_t>(m_spawnCredit);
    const auto limit = static_cast<std::size_t>(m_maxDots);
    const std::uint64_t room = m_dots.size() < limit ? limit - m_dots.size() : 0;
    const int count = static_cast<int>(std::min<std::uint64_t>({total, affordable, room}));
    m_spawnCredit -= count;
    // Error diffusion over refreshes: each class is owed its share of every
    // dot, and a dot goes to the class owed most, so a 20 % retry share
    // shows as one dot in five even when one dot starts per refresh.
    for (int k = 0; k < count; ++k) {
        std::size_t chosen = 0;
        for (std::size_t c = 0; c < crossed.size(); ++c) {
            m_classDebt[c] += static_cast<double>(crossed[c]) / static_cast<double>(total);
            if (m_classDebt[c] > m_classDebt[chosen])
                chosen = c;
        }
        m_classDebt[chosen] -= 1;
        m_dots.push_back(Dot{std::min(step, 1.0f) * static_cast<float>(k) / static_cast<float>(count),
                             static_cast<models::MessageClass>(chosen)});
    }
    const bool sameLook = m_dots.empty() && count == 0 && ratePerSecond == m_rate && (total == 0 || m_seenTraffic);
    m_seenTraffic = m_seenTraffic || total > 0;
    m_rate = ratePerSecond;
    if (!sameLook)
        update();
}

void LinkOverlayItem::setBreaker(std::optional<models::CircuitBreakerState> state, std::uint64_t transitions)
{
    if (transitions != m_transitions)
        m_flash.start();
    if (state != m_breaker || transitions != m_transitions || isFlashing())
        update();
    m_breaker = state;
    m_transitions = transitions;
}

bool LinkOverlayItem::isFlashing() const
{
    return m_flash.isValid() && m_flash.elapsed() < FlashMs;
}

QString LinkOverlayItem::rateText() const
{
    return live::formatRate(m_rate);
}

QRectF LinkOverlayItem::rateRect() const
{
    const QFontMetricsF metrics(canvas::detailFont());
    const qreal width = metrics.horizontalAdvance("000.0k/s") + 10;
    const qreal height = metrics.height() + 2;
    // Under the middle, clear of a probability label on it.
    return QRectF(m_middle.x() - width / 2, m_middle.y() + 10, width, height);
}

QPointF LinkOverlayItem::glyphCentre() const
{
    return m_middle - QPointF(0, 18);
}

void LinkOverlayItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_curve.isEmpty())
        return;
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    for (const Dot &d : m_dots) {
        painter->setBrush(live::messageClassColor(d.messageClass, palette));
        painter->drawEllipse(m_curve.pointAtPercent(std::clamp<qreal>(d.phase, 0, 1)), DotRadius, DotRadius);
    }
    if (detail < Detail)
        return;
    if (m_seenTraffic) {
        const QString text = rateText();
        const QRectF rect = rateRect();
        const QFontMetricsF metrics(canvas::detailFont());
        const qreal width = metrics.horizontalAdvance(text) + 10;
        const QRectF pill(rect.center().x() - width / 2, rect.top(), width, rect.height());
        painter->setBrush(canvas::cardColor(palette));
        painter->setPen(QPen(canvas::cardBorderColor(palette), 1));
        painter->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        painter->setPen(palette.color(QPalette::Text));
        painter->setFont(canvas::detailFont());
        painter->drawText(pill, Qt::AlignCenter, text);
    }
    if (m_breaker) {
        QColor color = live::breakerColor(*m_breaker, palette);
        // Flash: alternate with the card colour for a moment after a transition.
        if (isFlashing() && (m_flash.elapsed() / 150) % 2 == 0)
            color = canvas::mix(color, palette.color(QPalette::Text), 0.5);
        const QPointF c = glyphCentre();
        painter->setBrush(canvas::cardColor(palette));
        painter->setPen(QPen(color, 2));
        painter->drawEllipse(c, GlyphRadius, GlyphRadius);
        // A switch: closed joins the two contacts, open lifts the blade.
        painter->setPen(QPen(color, 1.8, Qt::SolidLine, Qt::RoundCap));
        const QPointF left = c + QPointF(-4, 2);
        const QPointF right = c + QPointF(4, 2);
        const bool closed = *m_breaker == models::CircuitBreakerState::Closed
                         || *m_breaker == models::CircuitBreakerState::Disabled
                         || *m_breaker == models::CircuitBreakerState::MetricsOnly;
        const bool half = *m_breaker == models::CircuitBreakerState::HalfOpen;
        painter->drawLine(left, closed ? right : half ? c + QPointF(3.5, -1) : c + QPointF(2, -4));
    }
}

} // namespace asyncsim::ui
