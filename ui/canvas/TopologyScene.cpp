#include "TopologyScene.h"

#include "CanvasStyle.h"
#include "ComponentItem.h"
#include "ConnectionDragItem.h"
#include "LinkItem.h"
#include "ui/TopologyDocument.h"

#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSignalBlocker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include <cmath>
#include <utility>

namespace asyncsim::ui {

namespace {

// Room around the contents, so there is always canvas to scroll into.
constexpr qreal SceneMargin = 1000;
// Grid dots closer than this on screen would be noise: the grid coarsens.
constexpr qreal MinDotSpacing = 14;

/// A soft grid dot of @p color, centred in a small pixmap, for @p ratio device pixels per pixel.
QPixmap gridDot(const QColor &color, qreal ratio)
{
    static QPixmap cached;
    static QColor cachedColor;
    static qreal cachedRatio = 0;
    if (cached.isNull() || color != cachedColor || ratio != cachedRatio) {
        const int size = qCeil(4 * ratio);
        cached = QPixmap(size, size);
        cached.fill(Qt::transparent);
        QPainter painter(&cached);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(QPointF(size / 2.0, size / 2.0), 0.85 * ratio, 0.85 * ratio);
        painter.end();
        cachedColor = color;
        cachedRatio = ratio;
    }
    return cached;
}

constexpr models::NodeKind AllKinds[]
    = {models::NodeKind::Producer, models::NodeKind::Queue, models::NodeKind::Topic,
       models::NodeKind::Service,  models::NodeKind::Sink,  models::NodeKind::DeadLetter};

} // namespace

TopologyScene::TopologyScene(TopologyDocument *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
{
    connect(document, &TopologyDocument::componentAdded, this, &TopologyScene::onComponentAdded);
    connect(document, &TopologyDocument::componentAboutToBeRemoved, this, &TopologyScene::onComponentAboutToBeRemoved);
    connect(document, &TopologyDocument::componentChanged, this, &TopologyScene::onComponentChanged);
    connect(document, &TopologyDocument::linkAdded, this, &TopologyScene::onLinkAdded);
    connect(document, &TopologyDocument::linkAboutToBeRemoved, this, &TopologyScene::onLinkAboutToBeRemoved);
    connect(document, &TopologyDocument::linkChanged, this, &TopologyScene::onLinkChanged);
    connect(document, &TopologyDocument::reset, this, &TopologyScene::rebuild);
    rebuild();
}

TopologyScene::~TopologyScene()
{
    // Observers must not hear of selection changes from a scene being torn down.
    blockSignals(true);
    m_connectionItem.reset();
    m_links.clear();
    m_components.clear();
}

std::vector<ComponentId> TopologyScene::selectedComponents() const
{
    std::vector<ComponentId> ids;
    for (ComponentId id : m_document->componentIds())
        if (const ComponentItem *item = itemFor(id); item && item->isSelected())
            ids.push_back(id);
    return ids;
}

std::vector<LinkId> TopologyScene::selectedLinks() const
{
    std::vector<LinkId> ids;
    for (LinkId id : m_document->linkIds())
        if (const LinkItem *item = itemFor(id); item && item->isSelected())
            ids.push_back(id);
    return ids;
}

void TopologyScene::selectOnly(const std::vector<ComponentId> &components, const std::vector<LinkId> &links)
{
    {
        // One selectionChanged() for the whole change, not one per item.
        const QSignalBlocker blocker(this);
        clearSelection();
        for (ComponentId id : components)
            if (ComponentItem *item = itemFor(id))
                item->setSelected(true);
        for (LinkId id : links)
            if (LinkItem *item = itemFor(id))
                item->setSelected(true);
    }
    Q_EMIT selectionChanged();
}

ComponentItem *TopologyScene::itemFor(ComponentId id) const
{
    const auto found = m_components.find(id);
    return found == m_components.end() ? nullptr : found->second.get();
}

LinkItem *TopologyScene::itemFor(LinkId id) const
{
    const auto found = m_links.find(id);
    return found == m_links.end() ? nullptr : found->second.get();
}

void TopologyScene::setSnapToGrid(bool snap)
{
    m_snapToGrid = snap;
}

QPointF TopologyScene::snapped(QPointF scenePos) const
{
    if (!m_snapToGrid)
        return scenePos;
    return QPointF(std::round(scenePos.x() / GridSize) * GridSize, std::round(scenePos.y() / GridSize) * GridSize);
}

QRectF TopologyScene::contentsRect() const
{
    QRectF rect;
    for (const auto &[id, item] : m_components)
        rect |= item->sceneBoundingRect();
    for (const auto &[id, item] : m_links)
        if (!item->isDangling())
            rect |= item->sceneBoundingRect();
    return rect;
}

std::optional<models::NodeKind> TopologyScene::nodeKindFrom(const QMimeData *mimeData)
{
    if (!mimeData || !mimeData->hasFormat(QLatin1String(NodeKindMimeType)))
        return std::nullopt;
    const QByteArray name = mimeData->data(QLatin1String(NodeKindMimeType)).trimmed();
    for (models::NodeKind kind : AllKinds)
        if (name == models::nodeKindName(kind))
            return kind;
    if (name == "dead-letter")
        return models::NodeKind::DeadLetter;
    return std::nullopt;
}

ComponentId TopologyScene::dropNode(const QMimeData *mimeData, QPointF scenePos)
{
    const std::optional<models::NodeKind> kind = nodeKindFrom(mimeData);
    if (!kind)
        return InvalidComponentId;
    const QPointF centreOffset(canvas::NodeSize.width() / 2, canvas::NodeSize.height() / 2);
    const ComponentId id = m_document->addComponent(*kind, snapped(scenePos - centreOffset));
    if (id != InvalidComponentId)
        selectOnly({id});
    return id;
}

bool TopologyScene::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        // Items draw with the scene's palette; their caches hold the old one.
        for (const auto &[id, item] : m_components)
            item->update();
        for (const auto &[id, item] : m_links)
            item->update();
    }
    return QGraphicsScene::event(event);
}

void TopologyScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    const QPalette palette = this->palette();
    painter->fillRect(rect, canvas::canvasColor(palette));

    const QTransform toDevice = painter->worldTransform();
    const qreal scale = QStyleOptionGraphicsItem::levelOfDetailFromTransform(toDevice);
    qreal step = GridSize;
    while (step * scale < MinDotSpacing)
        step *= 5;
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;

    // Stroking hundreds of round points is slow; blitting one pre-drawn dot
    // at each grid point (rounded to whole pixels) is not.
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QPixmap dot = gridDot(canvas::gridColor(palette), ratio);
    const QRectF source(QPointF(0, 0), QSizeF(dot.size()));
    std::vector<QPainter::PixmapFragment> fragments;
    fragments.reserve(std::size_t((rect.width() / step + 2) * (rect.height() / step + 2)));
    for (qreal x = left; x <= rect.right(); x += step) {
        for (qreal y = top; y <= rect.bottom(); y += step) {
            const QPointF at = toDevice.map(QPointF(x, y));
            fragments.push_back(QPainter::PixmapFragment::create(QPointF(std::round(at.x()), std::round(at.y())),
                                                                 source, 1 / ratio, 1 / ratio));
        }
    }
    painter->save();
    painter->resetTransform();
    painter->drawPixmapFragments(fragments.data(), int(fragments.size()), dot);
    painter->restore();
}

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    commitMove(); // a gesture whose release never came
    QGraphicsScene::mousePressEvent(event);
    if (event->button() != Qt::LeftButton || isConnecting())
        return;
    const auto *grabbed = qgraphicsitem_cast<ComponentItem *>(mouseGrabberItem());
    if (!grabbed)
        return;
    // The items QGraphicsItem moves with the mouse: the selection and the pressed one.
    for (ComponentId id : m_document->componentIds())
        if (const ComponentItem *item = itemFor(id); item && (item == grabbed || item->isSelected()))
            m_moving.push_back(id);
}

void TopologyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton)
        commitMove();
}

void TopologyScene::commitMove()
{
    // One document edit (one undo step) for everything the gesture moved.
    std::vector<ComponentId> ids;
    std::vector<QPointF> positions;
    for (ComponentId id : std::exchange(m_moving, {})) {
        const ComponentItem *item = itemFor(id);
        if (!item || !m_document->contains(id))
            continue;
        const std::array<double, 2> &position = m_document->node(id).position;
        if (item->pos() != QPointF(position[0], position[1])) {
            ids.push_back(id);
            positions.push_back(item->pos());
        }
    }
    if (!ids.empty())
        m_document->moveComponents(ids, positions);
}

void TopologyScene::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && isConnecting()) {
        cancelConnection();
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

void TopologyScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!nodeKindFrom(event->mimeData())) {
        QGraphicsScene::dragEnterEvent(event);
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void TopologyScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!nodeKindFrom(event->mimeData())) {
        QGraphicsScene::dragMoveEvent(event);
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void TopologyScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    if (dropNode(event->mimeData(), event->scenePos()) == InvalidComponentId) {
        QGraphicsScene::dropEvent(event);
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void TopologyScene::rebuild()
{
    cancelConnection();
    m_moving.clear();
    // Items leave the maps before they are destroyed: a selected item's
    // destructor emits selectionChanged(), whose observers call back into
    // itemFor() and must find the maps whole.
    {
        auto oldLinks = std::exchange(m_links, {});
        auto oldComponents = std::exchange(m_components, {});
    }
    for (ComponentId id : m_document->componentIds())
        m_components.emplace(id, std::make_unique<ComponentItem>(this, id));
    for (LinkId id : m_document->linkIds())
        m_links.emplace(id, std::make_unique<LinkItem>(this, id));
    const QRectF contents = contentsRect().adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin);
    setSceneRect(contents.united(QRectF(-SceneMargin, -SceneMargin, 2 * SceneMargin, 2 * SceneMargin)));
}

void TopologyScene::onComponentAdded(ComponentId id)
{
    m_components.emplace(id, std::make_unique<ComponentItem>(this, id));
    syncDanglingLinks(); // edges waiting for this node, by name
    updateSceneRect();
}

void TopologyScene::onComponentAboutToBeRemoved(ComponentId id)
{
    if (id == m_connectionSource)
        cancelConnection();
    if (id == m_connectionTarget)
        setConnectionTarget(nullptr);
    std::erase(m_moving, id);
    {
        auto item = m_components.extract(id); // destroyed once out of the map (see rebuild())
    }
    updateLinksOf(id); // normally none left: the document removes a node's edges first
}

void TopologyScene::onComponentChanged(ComponentId id)
{
    ComponentItem *item = itemFor(id);
    if (!item)
        return;
    const QString oldName = item->name();
    item->syncFromDocument(); // moves it, too, if the position changed (undo of a move)
    if (item->name() != oldName) {
        // Edges find their nodes by name: those of the old name lose this
        // node (until the document renames them too), others may gain it.
        for (const auto &[linkId, link] : m_links)
            if (link->isDangling() || link->source() == id || link->target() == id)
                link->syncFromDocument();
    }
    updateSceneRect();
}

void TopologyScene::onLinkAdded(LinkId id)
{
    m_links.emplace(id, std::make_unique<LinkItem>(this, id));
}

void TopologyScene::onLinkAboutToBeRemoved(LinkId id)
{
    auto item = m_links.extract(id); // destroyed once out of the map (see rebuild())
}

void TopologyScene::onLinkChanged(LinkId id)
{
    if (LinkItem *item = itemFor(id))
        item->syncFromDocument();
}

void TopologyScene::updateLinksOf(ComponentId id)
{
    // The links' own record of their ends: a drag step must not search the document.
    for (const auto &[linkId, link] : m_links)
        if (link->source() == id || link->target() == id)
            link->updateGeometry();
}

void TopologyScene::syncDanglingLinks()
{
    for (const auto &[id, link] : m_links)
        if (link->isDangling())
            link->syncFromDocument();
}

void TopologyScene::updateSceneRect()
{
    // Grows only, like QGraphicsScene's own: a shrinking scene would make the view jump.
    const QRectF contents = contentsRect();
    if (!sceneRect().contains(contents))
        setSceneRect(sceneRect().united(contents.adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin)));
}

void TopologyScene::componentItemMoved(ComponentItem *item)
{
    if (itemFor(item->id()) != item)
        return; // still being created
    updateLinksOf(item->id());
    const QRectF bounds = item->sceneBoundingRect();
    if (!sceneRect().contains(bounds))
        setSceneRect(sceneRect().united(bounds.adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin)));
}

void TopologyScene::beginConnection(ComponentId source, bool fromOutput, QPointF scenePos)
{
    cancelConnection();
    m_connectionSource = source;
    m_connectionFromOutput = fromOutput;
    m_connectionItem = std::make_unique<ConnectionDragItem>();
    addItem(m_connectionItem.get());
    updateConnection(scenePos);
}

void TopologyScene::updateConnection(QPointF scenePos)
{
    const ComponentItem *source = itemFor(m_connectionSource);
    if (!source || !m_connectionItem)
        return;
    ComponentItem *target = connectionTargetAt(scenePos);
    setConnectionTarget(target);
    // Over a node, the curve snaps to the port the link would use.
    const QPointF outward(canvas::PortRadius, 0);
    const QPointF inward(canvas::PortRadius + 1, 0);
    if (m_connectionFromOutput)
        m_connectionItem->setEnds(source->outputPortScenePos() + outward,
                                  target ? target->inputPortScenePos() - inward : scenePos);
    else
        m_connectionItem->setEnds(target ? target->outputPortScenePos() + outward : scenePos,
                                  source->inputPortScenePos() - inward);
}

void TopologyScene::finishConnection(QPointF scenePos)
{
    if (!isConnecting())
        return;
    const ComponentItem *target = connectionTargetAt(scenePos);
    const ComponentId source = m_connectionSource;
    const bool fromOutput = m_connectionFromOutput;
    cancelConnection();
    if (!target)
        return;
    if (fromOutput)
        m_document->connectComponents(source, target->id());
    else
        m_document->connectComponents(target->id(), source);
}

void TopologyScene::cancelConnection()
{
    setConnectionTarget(nullptr);
    m_connectionItem.reset();
    m_connectionSource = InvalidComponentId;
}

ComponentItem *TopologyScene::connectionTargetAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos))
        if (auto *component = qgraphicsitem_cast<ComponentItem *>(item);
            component && component->id() != m_connectionSource)
            return component;
    return nullptr;
}

void TopologyScene::setConnectionTarget(ComponentItem *item)
{
    const ComponentId id = item ? item->id() : InvalidComponentId;
    if (id == m_connectionTarget)
        return;
    if (ComponentItem *previous = itemFor(m_connectionTarget))
        previous->setConnectionTarget(ComponentItem::Port::None);
    m_connectionTarget = id;
    if (item)
        item->setConnectionTarget(m_connectionFromOutput ? ComponentItem::Port::Input : ComponentItem::Port::Output);
}

} // namespace asyncsim::ui
