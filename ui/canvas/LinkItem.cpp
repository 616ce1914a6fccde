#include "LinkItem.h"

#include "CanvasStyle.h"
#include "ComponentItem.h"
#include "TopologyScene.h"
#include "ui/TopologyDocument.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace asyncsim::ui {

namespace {

constexpr qreal HitWidth = 12; // the clickable band around the curve
constexpr qreal LineWidth = 1.6;
constexpr qreal HotLineWidth = 2.2; // selected or hovered
constexpr qreal LabelDetail = 0.4;  // below this zoom the label is not drawn

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
    m_label = edge.probability ? QStringLiteral("p ") + QString::number(*edge.probability, 'g', 3) : QString();
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
    m_middle = m_curve.pointAtPercent(0.5);
    if (m_label.isEmpty()) {
        m_labelRect = QRectF();
    } else {
        const QSizeF size(QFontMetricsF(canvas::detailFont()).horizontalAdvance(m_label) + 12, 17);
        m_labelRect = QRectF(m_middle - QPointF(size.width() / 2, size.height() / 2), size);
    }

    QPainterPathStroker stroker;
    stroker.setWidth(HitWidth);
    stroker.setCapStyle(Qt::RoundCap);
    m_shape = stroker.createStroke(m_curve);
    m_shape.addPolygon(m_arrow);
    if (!m_labelRect.isNull())
        m_shape.addRect(m_labelRect);
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

    paintMiddle(painter, palette, color, option->levelOfDetailFromTransform(painter->worldTransform()));
}

void LinkItem::paintMiddle(QPainter *painter, const QPalette &palette, const QColor &lineColor,
                           qreal levelOfDetail) const
{
    if (m_label.isEmpty() || levelOfDetail < LabelDetail)
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
