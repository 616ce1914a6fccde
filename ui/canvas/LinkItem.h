#pragma once

#include "ui/Ids.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>
#include <QString>

namespace asyncsim::ui {

class TopologyScene;

/// An edge on the canvas: a curve with an arrowhead from one node's output port to another's input port.
///
/// Publish edges are solid, consume edges dashed; a call edge is solid with a
/// second, hollow head at its start (request and response), its timeout in a
/// pill, and glyphs for a retry policy and a circuit breaker at its middle.
class LinkItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    /// Creates the item for the document's edge @p id and adds it to @p scene.
    LinkItem(TopologyScene *scene, LinkId id);

    int type() const override { return Type; }
    LinkId id() const { return m_id; }

    /// Takes the ends, mode and probability from the document and re-routes.
    void syncFromDocument();
    /// Re-routes the curve between the current places of its two nodes; hides
    /// the item while either end has no node on the canvas.
    void updateGeometry();
    /// The nodes it joins, as of the last sync; InvalidComponentId for a missing end.
    ComponentId source() const { return m_source; }
    ComponentId target() const { return m_target; }
    /// True while the edge is not drawn because an end is missing.
    bool isDangling() const { return m_dangling; }

    /// The curve, in scene coordinates (the item stays at the origin).
    const QPainterPath &curve() const { return m_curve; }
    /// The middle of the curve, where the label and the glyphs go. The
    /// breaker glyph (GlyphSize square) is centred on it, so a live overlay
    /// of its state can sit right on top.
    QPointF middle() const { return m_middle; }
    /// Where the retry and breaker glyphs are drawn, in scene coordinates;
    /// null rectangles for an edge without them.
    QRectF retryGlyphRect() const { return m_retryRect; }
    QRectF breakerGlyphRect() const { return m_breakerRect; }
    /// The label drawn in the pill: "p 0.5", "call · 500ms"; empty for none.
    QString label() const { return m_label; }
    bool isCall() const { return m_call; }

    static constexpr qreal GlyphSize = 16;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    /// The badges drawn at the middle of the curve: the label's pill and the policy glyphs.
    void paintMiddle(QPainter *painter, const QPalette &palette, const QColor &lineColor, qreal levelOfDetail) const;

    TopologyScene *m_scene; // not owned
    LinkId m_id;
    // What the item draws, as of the last sync.
    ComponentId m_source = InvalidComponentId;
    ComponentId m_target = InvalidComponentId;
    bool m_consume = false;
    bool m_call = false;
    bool m_retry = false;
    bool m_breaker = false;
    QString m_label; // empty: no probability, not a call
    bool m_dangling = true;
    QPainterPath m_curve;
    QPolygonF m_arrow;
    QPolygonF m_returnArrow; // call edges: the hollow head at the start
    QRectF m_retryRect;
    QRectF m_breakerRect;
    QPointF m_middle;
    QRectF m_labelRect;
    QPainterPath m_shape;
    QRectF m_bounds;
    bool m_hovered = false;
};

} // namespace asyncsim::ui
