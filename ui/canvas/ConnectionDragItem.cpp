#include "ConnectionDragItem.h"

#include "CanvasStyle.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QPalette>

namespace asyncsim::ui {

ConnectionDragItem::ConnectionDragItem()
{
    setZValue(10); // above everything while dragging
    setAcceptedMouseButtons(Qt::NoButton);
}

void ConnectionDragItem::setEnds(QPointF from, QPointF to)
{
    prepareGeometryChange();
    m_curve = canvas::linkCurve(from, to);
    m_arrow = canvas::arrowHead(m_curve);
}

QRectF ConnectionDragItem::boundingRect() const
{
    return m_curve.boundingRect().united(m_arrow.boundingRect()).adjusted(-3, -3, 3, 3);
}

void ConnectionDragItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QColor color = scene() ? scene()->palette().color(QPalette::Highlight) : QColor(Qt::blue);
    QPen pen(color, 2);
    pen.setDashPattern({3, 2});
    pen.setCapStyle(Qt::FlatCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_curve);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_arrow);
}

} // namespace asyncsim::ui
