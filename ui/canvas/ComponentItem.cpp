#include "ComponentItem.h"

#include "CanvasStyle.h"
#include "NodeSummary.h"
#include "TopologyScene.h"
#include "ui/TopologyDocument.h"

#include <QCursor>
#include <QFile>
#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QGraphicsSceneMouseEvent>
#include <QLineF>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

#include <array>
#include <cmath>

namespace asyncsim::ui {

namespace {

constexpr qreal AccentWidth = 4;
constexpr QRectF IconRect{12, 20, 24, 24};
constexpr qreal TextLeft = 44;
constexpr qreal TextRight = 8; // margin to the card's right edge
constexpr QRectF NameRect{TextLeft, 12, canvas::NodeSize.width() - TextLeft - TextRight, 20};
constexpr QRectF SummaryRect{TextLeft, 33, canvas::NodeSize.width() - TextLeft - TextRight, 17};
constexpr qreal PortGrabRadius = canvas::PortRadius + 5;
// Below these zoom levels, details are too small to read and are skipped.
constexpr qreal TextDetail = 0.4;
constexpr qreal PortDetail = 0.3;

QString iconPath(models::NodeKind kind)
{
    return QStringLiteral(":/icons/%1.svg").arg(QLatin1String(models::nodeKindName(kind)));
}

bool hasIcon(models::NodeKind kind)
{
    // Checked once per kind: the icons are compiled in or not at all.
    static std::array<int, std::variant_size_v<models::NodeSpec::Params>> known = [] {
        std::array<int, std::variant_size_v<models::NodeSpec::Params>> unknown{};
        unknown.fill(-1);
        return unknown;
    }();
    int &state = known[static_cast<std::size_t>(kind)];
    if (state < 0)
        state = QFile::exists(iconPath(kind)) ? 1 : 0;
    return state == 1;
}

/// The kind's icon at @p pixels square, rendered once per size.
QPixmap iconPixmap(models::NodeKind kind, int pixels)
{
    const QString key = QStringLiteral("asyncsim-node-icon-%1-%2").arg(int(kind)).arg(pixels);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    pixmap = QPixmap(pixels, pixels);
    pixmap.fill(Qt::transparent);
    QSvgRenderer renderer(iconPath(kind));
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, pixels, pixels));
    painter.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

} // namespace

ComponentItem::ComponentItem(TopologyScene *scene, ComponentId id)
    : m_scene(scene)
    , m_id(id)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1); // above links
    // Cards are costly to draw (shadow, rounded shapes, text) and rarely change:
    // a drag or a repaint of a neighbour blits them.
    setCacheMode(DeviceCoordinateCache);
    syncFromDocument();
    scene->addItem(this);
}

void ComponentItem::syncFromDocument()
{
    const models::NodeSpec &node = m_scene->document()->node(m_id);
    const QString name = QString::fromStdString(node.id);
    const QString summary = canvas::nodeSummary(node);
    // A move alone leaves the card's cached pixmap as it is.
    if (m_name.isNull() || node.kind() != m_kind || name != m_name || summary != m_summary) {
        m_kind = node.kind();
        m_name = name;
        m_summary = summary;
        const QFontMetricsF nameMetrics(canvas::nameFont());
        const QFontMetricsF summaryMetrics(canvas::detailFont());
        m_elidedName = nameMetrics.elidedText(m_name, Qt::ElideRight, NameRect.width());
        m_elidedSummary = summaryMetrics.elidedText(m_summary, Qt::ElideRight, SummaryRect.width());
        m_nameWidth = nameMetrics.horizontalAdvance(m_elidedName);
        m_summaryWidth = summaryMetrics.horizontalAdvance(m_elidedSummary);
        setToolTip(m_name + QLatin1Char('\n') + m_summary);
        update();
    }

    const QPointF position(node.position[0], node.position[1]);
    if (position != pos()) {
        m_syncing = true;
        setPos(position);
        m_syncing = false;
    }
}

QRectF ComponentItem::cardRect()
{
    return QRectF(QPointF(0, 0), canvas::NodeSize);
}

QPointF ComponentItem::inputPortScenePos() const
{
    return pos() + QPointF(0, canvas::NodeSize.height() / 2);
}

QPointF ComponentItem::outputPortScenePos() const
{
    return pos() + QPointF(canvas::NodeSize.width(), canvas::NodeSize.height() / 2);
}

ComponentItem::Port ComponentItem::portAt(QPointF itemPos) const
{
    const qreal midY = canvas::NodeSize.height() / 2;
    if (QLineF(itemPos, QPointF(canvas::NodeSize.width(), midY)).length() <= PortGrabRadius)
        return Port::Output;
    if (QLineF(itemPos, QPointF(0, midY)).length() <= PortGrabRadius)
        return Port::Input;
    return Port::None;
}

void ComponentItem::setConnectionTarget(Port port)
{
    if (m_connectionTarget == port)
        return;
    m_connectionTarget = port;
    update();
}

QRectF ComponentItem::boundingRect() const
{
    // Room for the ports half outside the card, the selection outline and the shadow.
    const qreal side = PortGrabRadius + 1;
    return cardRect().adjusted(-side, -4, side, 6);
}

QPainterPath ComponentItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(cardRect(), canvas::NodeRadius, canvas::NodeRadius);
    const qreal midY = canvas::NodeSize.height() / 2;
    path.addEllipse(QPointF(0, midY), PortGrabRadius, PortGrabRadius);
    path.addEllipse(QPointF(canvas::NodeSize.width(), midY), PortGrabRadius, PortGrabRadius);
    path.setFillRule(Qt::WindingFill);
    return path;
}

void ComponentItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = m_scene->palette();
    const bool dark = canvas::isDark(palette);
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF card = cardRect();
    const QColor accent = canvas::kindColor(m_kind);
    const QColor highlight = palette.color(QPalette::Highlight);

    // A soft shadow: two offset layers are enough at this size.
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, dark ? 70 : 14));
    painter->drawRoundedRect(card.translated(0, 2.5).adjusted(-1, -1, 1, 1), canvas::NodeRadius + 1,
                             canvas::NodeRadius + 1);
    painter->setBrush(QColor(0, 0, 0, dark ? 60 : 16));
    painter->drawRoundedRect(card.translated(0, 1), canvas::NodeRadius, canvas::NodeRadius);

    // The card and its accent strip along the left edge.
    QPainterPath cardPath;
    cardPath.addRoundedRect(card, canvas::NodeRadius, canvas::NodeRadius);
    painter->fillPath(cardPath, canvas::cardColor(palette));
    QPainterPath strip;
    strip.addRect(QRectF(card.topLeft(), QSizeF(AccentWidth, card.height())));
    painter->fillPath(cardPath.intersected(strip), accent);
    const bool target = m_connectionTarget != Port::None;
    if (target)
        painter->fillPath(cardPath, QColor(highlight.red(), highlight.green(), highlight.blue(), 28));

    painter->setBrush(Qt::NoBrush);
    if (isSelected() || target) {
        painter->setPen(QPen(highlight, 2));
        painter->drawRoundedRect(card.adjusted(-1, -1, 1, 1), canvas::NodeRadius + 1, canvas::NodeRadius + 1);
    } else {
        painter->setPen(QPen(canvas::cardBorderColor(palette), 1));
        painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), canvas::NodeRadius - 0.5,
                                 canvas::NodeRadius - 0.5);
    }

    paintIcon(painter, IconRect, detail);

    if (detail >= TextDetail) {
        painter->setPen(palette.color(QPalette::Text));
        painter->setFont(canvas::nameFont());
        painter->drawText(NameRect, Qt::AlignLeft | Qt::AlignVCenter, m_elidedName);
        painter->setPen(canvas::mutedTextColor(palette));
        painter->setFont(canvas::detailFont());
        painter->drawText(SummaryRect, Qt::AlignLeft | Qt::AlignVCenter, m_elidedSummary);
    } else {
        // Too small to read: bars where the text would be keep the card's shape.
        const QColor text = palette.color(QPalette::Text);
        painter->setPen(Qt::NoPen);
        painter->setBrush(canvas::mix(canvas::cardColor(palette), text, 0.45));
        painter->drawRoundedRect(QRectF(NameRect.left(), NameRect.center().y() - 4, m_nameWidth, 8), 4, 4);
        painter->setBrush(canvas::mix(canvas::cardColor(palette), text, 0.2));
        painter->drawRoundedRect(QRectF(SummaryRect.left(), SummaryRect.center().y() - 3, m_summaryWidth, 6), 3, 3);
    }

    if (detail >= PortDetail) {
        paintPort(painter, Port::Input, palette);
        paintPort(painter, Port::Output, palette);
    }
}

void ComponentItem::paintIcon(QPainter *painter, const QRectF &rect, qreal levelOfDetail) const
{
    if (!hasIcon(m_kind)) {
        // Without the icon set, a plain disc in the kind's colour.
        painter->setPen(Qt::NoPen);
        painter->setBrush(canvas::kindColor(m_kind));
        painter->drawEllipse(rect.adjusted(3, 3, -3, -3));
        return;
    }
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    // Rendered at the on-screen size (in steps of 4 px), so zooming stays crisp.
    int pixels = int(std::ceil(rect.width() * levelOfDetail * ratio / 4.0)) * 4;
    pixels = std::clamp(pixels, 8, 256);
    painter->drawPixmap(rect, iconPixmap(m_kind, pixels), QRectF(0, 0, pixels, pixels));
}

void ComponentItem::paintPort(QPainter *painter, Port port, const QPalette &palette) const
{
    const qreal midY = canvas::NodeSize.height() / 2;
    const QPointF centre(port == Port::Input ? 0 : canvas::NodeSize.width(), midY);
    const bool hot = m_hoveredPort == port || m_connectionTarget == port;
    const qreal radius
        = (m_hovered || m_connectionTarget != Port::None) ? canvas::HoveredPortRadius : canvas::PortRadius;
    const QColor highlight = palette.color(QPalette::Highlight);
    painter->setBrush(hot ? highlight : canvas::cardColor(palette));
    painter->setPen(QPen(
        hot ? highlight : canvas::mix(canvas::cardBorderColor(palette), palette.color(QPalette::Text), 0.35), 1.5));
    painter->drawEllipse(centre, radius, radius);
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange && !m_syncing && m_scene->snapToGrid())
        return m_scene->snapped(value.toPointF());
    if (change == ItemPositionHasChanged)
        m_scene->componentItemMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

void ComponentItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    setHoveredPort(portAt(event->pos()));
    update();
}

void ComponentItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    setHoveredPort(portAt(event->pos()));
}

void ComponentItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = false;
    setHoveredPort(Port::None);
    update();
}

void ComponentItem::setHoveredPort(Port port)
{
    if (m_hoveredPort == port)
        return;
    m_hoveredPort = port;
    if (port == Port::None)
        unsetCursor();
    else
        setCursor(Qt::CrossCursor);
    update();
}

void ComponentItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    const Port port = event->button() == Qt::LeftButton ? portAt(event->pos()) : Port::None;
    if (port != Port::None) {
        // A press on a port starts a connection instead of a move.
        m_connecting = true;
        m_scene->beginConnection(m_id, port == Port::Output, event->scenePos());
        event->accept();
        return;
    }
    QGraphicsItem::mousePressEvent(event);
}

void ComponentItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connecting) {
        m_scene->updateConnection(event->scenePos());
        return;
    }
    QGraphicsItem::mouseMoveEvent(event);
}

void ComponentItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connecting) {
        m_connecting = false;
        m_scene->finishConnection(event->scenePos());
        return;
    }
    QGraphicsItem::mouseReleaseEvent(event);
}

} // namespace asyncsim::ui
