#pragma once

#include <QGraphicsItem>
#include <QString>

#include "models/RunSnapshot.h"

namespace asyncsim::ui {

/// The live numbers of one node, drawn on its card (a child of its
/// ComponentItem): a gauge under the card (queue fill against capacity,
/// busy workers of a service, lag per partition of a topic), badges that
/// count dead letters and drops, and an outline when the node is overloaded.
/// It takes no mouse input: the card underneath stays editable.
class NodeOverlayItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 20 };

    explicit NodeOverlayItem(QGraphicsItem *card);

    int type() const override { return Type; }

    /// Shows @p node; @p overloaded: backlog growing with no spare capacity.
    void setState(const models::NodeSnapshot &node, bool overloaded);
    const models::NodeSnapshot &state() const { return m_node; }
    bool isOverloaded() const { return m_overloaded; }
    /// The texts as drawn (empty when not shown), for tests.
    QString gaugeText() const;
    QString deadLetterBadge() const;
    QString dropBadge() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override { return {}; } // never hit: clicks reach the card
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    /// The gauge's fill in [0, 1].
    double fill() const;

    models::NodeSnapshot m_node;
    bool m_overloaded = false;
};

} // namespace asyncsim::ui
