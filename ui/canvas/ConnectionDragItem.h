#pragma once

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

namespace asyncsim::ui {

/// The curve that follows the mouse while a connection is being dragged from a port.
class ConnectionDragItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    ConnectionDragItem();

    int type() const override { return Type; }

    /// Routes the curve from an output side at @p from to an input side at @p to.
    void setEnds(QPointF from, QPointF to);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPainterPath m_curve;
    QPolygonF m_arrow;
};

} // namespace asyncsim::ui
