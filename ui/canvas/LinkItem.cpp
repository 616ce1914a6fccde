#include "LinkItem.h"

#include "CallPolicyText.h"
#include "CanvasStyle.h"
#include "ComponentItem.h"
#include "TopologyScene.h"
#include "ui/TopologyDocument.h"
#include "ui/inspector/DurationDisplay.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>

namespace asyncsim::ui {

namespace {

constexpr qreal HitWidth = 12; // the clickable band around the curve
constexpr qreal LineWidth = 1.6;
constexpr qreal HotLineWidth = 2.2; // selected or hovered
constexpr qreal LabelDetail = 0.4;  // below this zoom the label is not drawn
constexpr qreal GlyphGap = 3;       // between the retry and the breaker glyph
constexpr qreal LabelHeight = 17;

/// The policy icon @p name ("retry", "circuit-breaker") at @p pixels square,
/// rendered once per size; a null pixmap if the icon is not compiled in.
QPixmap glyphPixmap(const QString &name, int pixels)
{
    const QString key = QStringLiteral("asyncsim-link-glyph-%1-%2").arg(name).arg(pixels);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    QSvgRenderer renderer(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!renderer.isValid())
        return QPixmap();
    pixmap = QPixmap(pixels, pixels);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, pixels, pixels));
    painter.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

} // namespace

LinkItem::LinkItem(TopologyScene *scene, LinkId id)
    : m_scene(scene)
    , m_id(id)
{
    setFlags(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(0); // under the nodes
    scene->addItem(this);
    syncFromDocument();
}

void LinkItem::syncFromDocument()
{
    const TopologyDocument *document = m_scene->document();
    const models::EdgeSpec &edge = document->edge(m_id);
    m_source = document->source(m_id);
    m_target = document->target(m_id);
    m_consume = edge.mode == models::EdgeMode::Consume;
    m_call = edge.mode == models::EdgeMode::Call;
    m_retry = m_call && edge.retry.has_value();
    m_breaker = m_call && edge.circuitBreaker.has_value();
    if (m_call)
        m_label = callLabelText(edge);
    else
        m_label = edge.probability ? QStringLiteral("p ") + QString::number(*edge.probability, 'g', 3) : QString();
    QString tip;
    if (m_call) {
        tip = QCoreApplication::translate("LinkItem", "%1 \u2192 %2: call, timeout %3")
                  .arg(QString::fromStdString(edge.from), QString::fromStdString(edge.to),
                       durationDisplayText(edge.timeout));
        if (const QString policies = callPolicySummary(edge); !policies.isEmpty())
            tip += QLatin1Char('\n') + policies;
    }
    setToolTip(tip);
    updateGeometry();
    update();
}

void LinkItem::updateGeometry()
{
    const ComponentItem *from = m_scene->itemFor(m_source);
    const ComponentItem *to = m_scene->itemFor(m_target);
    prepareGeometryChange();
    m_dangling = !from || !to;
    if (m_dangling) {
        m_curve = QPainterPath();
        m_shape = QPainterPath();
        m_arrow.clear();
        m_bounds = QRectF();
        setVisible(false);
        return;
    }

    // From the outer edge of the output port to the tip resting on the input port.
    const QPointF start = from->outputPortScenePos() + QPointF(canvas::PortRadius, 0);
    const QPointF end = to->inputPortScenePos() - QPointF(canvas::PortRadius + 1, 0);
    m_curve = canvas::linkCurve(start, end);
    m_arrow = canvas::arrowHead(m_curve);
    m_returnArrow = m_call ? canvas::arrowHead(m_curve.toReversed()) : QPolygonF();
    m_middle = m_curve.pointAtPercent(0.5);

    // The breaker glyph is centred on the middle (the run overlay sits on
    // it); the retry glyph goes to its left, or on the middle when alone.
    const QSizeF glyph(GlyphSize, GlyphSize);
    const QPointF half(GlyphSize / 2, GlyphSize / 2);
    m_breakerRect = m_breaker ? QRectF(m_middle - half, glyph) : QRectF();
    const QPointF retryCentre = m_breaker ? m_middle - QPointF(GlyphSize + GlyphGap, 0) : m_middle;
    m_retryRect = m_retry ? QRectF(retryCentre - half, glyph) : QRectF();

    if (m_label.isEmpty()) {
        m_labelRect = QRectF();
    } else {
        const QSizeF size(QFontMetricsF(canvas::detailFont()).horizontalAdvance(m_label) + 12, LabelHeight);
        QPointF centre = m_middle;
        if (m_retry || m_breaker) {
            // The pill moves off the glyphs: under them where the curve runs
            // flat, beside them where it runs steep (a short edge between
            // rows), so it does not lie across the line either way.
            const qreal angle = std::fmod(std::abs(m_curve.angleAtPercent(0.5)), 180.0);
            const bool steep = angle > 50 && angle < 130;
            const qreal left = m_retry && m_breaker ? GlyphSize + GlyphGap : 0;
            centre += steep ? QPointF(GlyphSize / 2 + 4 + size.width() / 2, 0)
                            : QPointF(-left / 2, GlyphSize / 2 + 2 + LabelHeight / 2);
        }
        m_labelRect = QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
    }

    QPainterPathStroker stroker;
    stroker.setWidth(HitWidth);
    stroker.setCapStyle(Qt::RoundCap);
    m_shape = stroker.createStroke(m_curve);
    m_shape.addPolygon(m_arrow);
    if (!m_returnArrow.isEmpty())
        m_shape.addPolygon(m_returnArrow);
    for (const QRectF &rect : {m_labelRect, m_retryRect, m_breakerRect})
        if (!rect.isNull())
            m_shape.addRect(rect);
    m_shape.setFillRule(Qt::WindingFill);
    m_bounds = m_shape.boundingRect().adjusted(-2, -2, 2, 2);
    setVisible(true);
}

QRectF LinkItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath LinkItem::shape() const
{
    return m_shape;
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_dangling)
        return;
    const QPalette palette = m_scene->palette();
    const bool hot = isSelected() || m_hovered;
    QColor color = canvas::linkColor(palette);
    if (isSelected())
        color = palette.color(QPalette::Highlight);
    else if (m_hovered)
        color = canvas::mix(color, palette.color(QPalette::Text), 0.5);

    QPen pen(color, hot ? HotLineWidth : LineWidth);
    pen.setCapStyle(Qt::FlatCap);
    if (m_consume)
        pen.setDashPattern({4, 3});
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_curve);

    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_arrow);
    if (!m_returnArrow.isEmpty()) {
        // The answer's way back: a hollow head on the caller's side.
        painter->setPen(QPen(color, 1.2));
        painter->setBrush(canvas::canvasColor(palette));
        painter->drawPolygon(m_returnArrow);
    }

    paintMiddle(painter, palette, color, option->levelOfDetailFromTransform(painter->worldTransform()));
}

void LinkItem::paintMiddle(QPainter *painter, const QPalette &palette, const QColor &lineColor,
                           qreal levelOfDetail) const
{
    if (levelOfDetail < LabelDetail)
        return;
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    // Rendered at the on-screen size (in steps of 4 px), so zooming stays crisp.
    const int pixels = std::clamp(int(std::ceil(GlyphSize * levelOfDetail * ratio / 4.0)) * 4, 8, 128);
    const auto drawGlyph = [&](const QRectF &rect, const QString &name) {
        if (rect.isNull())
            return;
        const QPixmap pixmap = glyphPixmap(name, pixels);
        if (!pixmap.isNull()) {
            painter->drawPixmap(rect, pixmap, QRectF(0, 0, pixels, pixels));
            return;
        }
        // Without the icon set, a ring in the line's colour.
        painter->setPen(QPen(lineColor, 1.5));
        painter->setBrush(canvas::cardColor(palette));
        painter->drawEllipse(rect.adjusted(2, 2, -2, -2));
    };
    drawGlyph(m_retryRect, QStringLiteral("retry"));
    drawGlyph(m_breakerRect, QStringLiteral("circuit-breaker"));

    if (m_label.isEmpty())
        return;
    const qreal radius = m_labelRect.height() / 2;
    painter->setPen(QPen(lineColor, 1));
    painter->setBrush(canvas::cardColor(palette));
    painter->drawRoundedRect(m_labelRect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter->setPen(isSelected() ? palette.color(QPalette::Text) : canvas::mutedTextColor(palette));
    painter->setFont(canvas::detailFont());
    painter->drawText(m_labelRect, Qt::AlignCenter, m_label);
}

void LinkItem::hoverEnterEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = true;
    update();
}

void LinkItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = false;
    update();
}

} // namespace asyncsim::ui
