#include "NodeOverlayItem.h"

#include "LiveStyle.h"
#include "ui/canvas/CanvasStyle.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace asyncsim::ui {

namespace {

constexpr qreal GaugeGap = 4;     // between the card and the gauge
constexpr qreal GaugeHeight = 14; // the strip under the card
constexpr qreal BadgeHeight = 16;
constexpr qreal Detail = 0.35; // below this zoom only the gauge and the outline are drawn

QRectF gaugeRect()
{
    return QRectF(0, canvas::NodeSize.height() + GaugeGap, canvas::NodeSize.width(), GaugeHeight);
}

} // namespace

NodeOverlayItem::NodeOverlayItem(QGraphicsItem *card)
    : QGraphicsItem(card)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemIsSelectable, false);
}

void NodeOverlayItem::setState(const models::NodeSnapshot &node, bool overloaded)
{
    // Repaint only when what is drawn changes: most snapshots move a few
    // numbers on a few cards.
    const bool sameLook = overloaded == m_overloaded && node.kind == m_node.kind && node.waiting == m_node.waiting
                       && node.capacity == m_node.capacity && node.busyWorkers == m_node.busyWorkers
                       && node.workers == m_node.workers && node.drops == m_node.drops
                       && node.deadLettered == m_node.deadLettered && node.partitionLag == m_node.partitionLag
                       && (node.kind != models::NodeKind::Producer || node.departures == m_node.departures)
                       && (node.kind != models::NodeKind::Sink || node.arrivals == m_node.arrivals);
    m_node = node;
    m_overloaded = overloaded;
    if (!sameLook)
        update();
}

double NodeOverlayItem::fill() const
{
    switch (m_node.kind) {
    case models::NodeKind::Service:
        return m_node.workers > 0 ? static_cast<double>(m_node.busyWorkers) / m_node.workers : 0.0;
    case models::NodeKind::Queue:
        if (m_node.capacity && *m_node.capacity > 0)
            return std::min(1.0, static_cast<double>(m_node.waiting) / static_cast<double>(*m_node.capacity));
        // Unbounded: a log scale, full at 10 000 waiting.
        return std::min(1.0, std::log10(1.0 + static_cast<double>(m_node.waiting)) / 4.0);
    default:
        return 0;
    }
}

QString NodeOverlayItem::gaugeText() const
{
    const models::NodeSnapshot &n = m_node;
    switch (n.kind) {
    case models::NodeKind::Producer:
        return QObject::tr("%1 produced").arg(live::formatCount(n.departures));
    case models::NodeKind::Queue:
        if (n.capacity)
            return QObject::tr("%1 / %2 waiting").arg(live::formatCount(n.waiting), live::formatCount(*n.capacity));
        return QObject::tr("%1 waiting").arg(live::formatCount(n.waiting));
    case models::NodeKind::Service: {
        QString text = QObject::tr("busy %1/%2").arg(n.busyWorkers).arg(n.workers);
        if (n.waiting > 0)
            text += QObject::tr(" · %1 in line").arg(live::formatCount(n.waiting));
        return text;
    }
    case models::NodeKind::Sink:
        return QObject::tr("%1 received").arg(live::formatCount(n.arrivals));
    case models::NodeKind::DeadLetter:
        return QObject::tr("%1 held").arg(live::formatCount(n.waiting));
    case models::NodeKind::Topic: {
        std::uint64_t lag = 0;
        for (std::uint64_t l : n.partitionLag)
            lag += l;
        return QObject::tr("lag %1").arg(live::formatCount(lag));
    }
    }
    return {};
}

QString NodeOverlayItem::deadLetterBadge() const
{
    return m_node.deadLettered > 0 ? QObject::tr("DLQ %1").arg(live::formatCount(m_node.deadLettered)) : QString();
}

QString NodeOverlayItem::dropBadge() const
{
    return m_node.drops > 0 ? QObject::tr("dropped %1").arg(live::formatCount(m_node.drops)) : QString();
}

QRectF NodeOverlayItem::boundingRect() const
{
    // The outline around the card, the badges above it, the gauge below.
    return QRectF(-4, -BadgeHeight / 2 - 2, canvas::NodeSize.width() + 8,
                  canvas::NodeSize.height() + GaugeGap + GaugeHeight + BadgeHeight / 2 + 6);
}

void NodeOverlayItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing);

    if (m_overloaded) {
        painter->setPen(QPen(live::dangerColor(palette), 2.5));
        painter->setBrush(Qt::NoBrush);
        const QRectF card(QPointF(0, 0), canvas::NodeSize);
        painter->drawRoundedRect(card.adjusted(-2.5, -2.5, 2.5, 2.5), canvas::NodeRadius + 2, canvas::NodeRadius + 2);
    }

    // The gauge strip.
    const QRectF gauge = gaugeRect();
    const qreal radius = gauge.height() / 2;
    painter->setPen(Qt::NoPen);
    painter->setBrush(live::gaugeTrackColor(palette));
    painter->drawRoundedRect(gauge, radius, radius);
    if (m_node.kind == models::NodeKind::Topic && !m_node.partitionLag.empty()) {
        // One bar per partition, scaled to the highest lag.
        const std::uint64_t highest = *std::max_element(m_node.partitionLag.begin(), m_node.partitionLag.end());
        const qreal width = (gauge.width() - 2 * radius) / static_cast<qreal>(m_node.partitionLag.size());
        // Lighter than a fill, so the text over the bars stays readable.
        const QColor bar = m_overloaded ? live::dangerColor(palette) : live::gaugeFillColor(palette);
        painter->setBrush(canvas::mix(bar, live::gaugeTrackColor(palette), 0.45));
        for (std::size_t p = 0; p < m_node.partitionLag.size() && highest > 0; ++p) {
            const qreal h = (gauge.height() - 2) * static_cast<qreal>(m_node.partitionLag[p]) / highest;
            painter->drawRect(QRectF(gauge.left() + radius + p * width + 0.5, gauge.bottom() - 1 - h,
                                     std::max<qreal>(width - 1, 1), h));
        }
    } else if (const double f = fill(); f > 0) {
        painter->setBrush(m_overloaded ? live::dangerColor(palette) : live::gaugeFillColor(palette));
        QRectF filled = gauge;
        filled.setWidth(std::max(gauge.height(), gauge.width() * f));
        painter->drawRoundedRect(filled, radius, radius);
    }
    if (detail < Detail)
        return;
    QFont font = canvas::detailFont();
    painter->setFont(font);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(gauge.adjusted(6, 0, -6, 0), Qt::AlignCenter, gaugeText());

    // Badges at the card's top-right corner, counting up.
    qreal right = canvas::NodeSize.width() - 6;
    auto badge = [&](const QString &text, const QColor &color) {
        if (text.isEmpty())
            return;
        const qreal width = painter->fontMetrics().horizontalAdvance(text) + 10;
        const QRectF rect(right - width, -BadgeHeight / 2, width, BadgeHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawRoundedRect(rect, BadgeHeight / 2, BadgeHeight / 2);
        painter->setPen(Qt::white);
        painter->drawText(rect, Qt::AlignCenter, text);
        right = rect.left() - 4;
    };
    badge(deadLetterBadge(), live::dangerColor(palette));
    badge(dropBadge(), live::warningColor(palette));
}

} // namespace asyncsim::ui
