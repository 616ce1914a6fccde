#pragma once

#include "ui/Ids.h"

#include "models/Topology.h"

#include <QGraphicsItem>
#include <QString>

namespace asyncsim::ui {

class TopologyScene;

/// A node on the canvas: a card with its kind's icon, name and key parameters, and two ports.
class ComponentItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    /// The ports of a node: links leave from the output (right) and enter at the input (left).
    enum class Port { None, Input, Output };

    /// Creates the item for the document's node @p id and adds it to @p scene.
    ComponentItem(TopologyScene *scene, ComponentId id);

    int type() const override { return Type; }
    ComponentId id() const { return m_id; }
    /// The node's name as shown.
    const QString &name() const { return m_name; }

    /// Takes the name, parameters and position from the document.
    void syncFromDocument();

    /// The card, in item coordinates (the item's position is its top-left).
    static QRectF cardRect();
    /// Where links attach, in scene coordinates.
    QPointF inputPortScenePos() const;
    QPointF outputPortScenePos() const;
    /// The port under @p itemPos (item coordinates), with a margin for easy grabbing.
    Port portAt(QPointF itemPos) const;
    /// Marks the node as the other end of a connection being dragged, lighting
    /// @p port (the side the link would use); Port::None clears the mark.
    void setConnectionTarget(Port port);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void setHoveredPort(Port port);
    void paintIcon(QPainter *painter, const QRectF &rect, qreal levelOfDetail) const;
    void paintPort(QPainter *painter, Port port, const QPalette &palette) const;

    TopologyScene *m_scene; // not owned
    ComponentId m_id;
    // What the card shows, as of the last syncFromDocument().
    models::NodeKind m_kind = models::NodeKind::Service;
    QString m_name;
    QString m_summary;
    QString m_elidedName;
    QString m_elidedSummary;
    qreal m_nameWidth = 0; // of the elided texts, for the bars shown when zoomed far out
    qreal m_summaryWidth = 0;
    // Interaction state.
    bool m_hovered = false;
    Port m_hoveredPort = Port::None;
    Port m_connectionTarget = Port::None;
    bool m_connecting = false; // this item started the connection being dragged
    bool m_syncing = false;    // the document moves us: no snapping
};

} // namespace asyncsim::ui
