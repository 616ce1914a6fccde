#pragma once

#include "ComponentItem.h" // complete, for callers of itemFor()
#include "LinkItem.h"
#include "ui/Ids.h"

#include "models/Topology.h"

#include <QGraphicsScene>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QMimeData)

namespace asyncsim::ui {

class ConnectionDragItem;
class TopologyDocument;

/// The MIME type of a palette drag: the node kind's name as in files ("queue"), UTF-8.
inline constexpr char NodeKindMimeType[] = "application/x-asyncsim-node-kind";

/// The canvas's scene: one item per node and edge of a TopologyDocument, kept
/// in step with the document's signals; moves and connections made with the
/// mouse become document edits.
class TopologyScene : public QGraphicsScene
{
    Q_OBJECT

public:
    static constexpr qreal GridSize = 20;

    explicit TopologyScene(TopologyDocument *document, QObject *parent = nullptr);
    ~TopologyScene() override;

    TopologyDocument *document() const { return m_document; }

    /// @name Selection, in document order
    /// @{
    std::vector<ComponentId> selectedComponents() const;
    std::vector<LinkId> selectedLinks() const;
    /// Selects exactly these nodes and edges (unknown ids are skipped).
    void selectOnly(const std::vector<ComponentId> &components, const std::vector<LinkId> &links = {});
    /// @}

    /// The item of a node or edge, or nullptr.
    ComponentItem *itemFor(ComponentId id) const;
    LinkItem *itemFor(LinkId id) const;

    /// Whether dragged and dropped nodes land on the grid (on by default).
    bool snapToGrid() const { return m_snapToGrid; }
    void setSnapToGrid(bool snap);
    /// @p scenePos on the grid when snapping is on, else unchanged.
    QPointF snapped(QPointF scenePos) const;

    /// The bounding rectangle of all nodes and drawn edges; empty if none.
    QRectF contentsRect() const;

    /// The node kind a palette drag carries, if any.
    static std::optional<models::NodeKind> nodeKindFrom(const QMimeData *mimeData);
    /// Adds a node of the kind in @p mimeData centred at @p scenePos (its
    /// top-left snapped), selects it and returns it; InvalidComponentId if the
    /// data carries no node kind. What a drop from the palette does.
    ComponentId dropNode(const QMimeData *mimeData, QPointF scenePos);

protected:
    bool event(QEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;

private:
    friend class ComponentItem; // reports moves and drives connections

    // Document signals.
    void rebuild();
    void onComponentAdded(ComponentId id);
    void onComponentAboutToBeRemoved(ComponentId id);
    void onComponentChanged(ComponentId id);
    void onLinkAdded(LinkId id);
    void onLinkAboutToBeRemoved(LinkId id);
    void onLinkChanged(LinkId id);

    void updateLinksOf(ComponentId id);
    void syncDanglingLinks();
    void updateSceneRect();
    void componentItemMoved(ComponentItem *item);
    void commitMove();

    // A connection dragged from a port (see ComponentItem).
    bool isConnecting() const { return m_connectionSource != InvalidComponentId; }
    void beginConnection(ComponentId source, bool fromOutput, QPointF scenePos);
    void updateConnection(QPointF scenePos);
    void finishConnection(QPointF scenePos);
    void cancelConnection();
    ComponentItem *connectionTargetAt(QPointF scenePos) const;
    void setConnectionTarget(ComponentItem *item);

    TopologyDocument *m_document; // not owned
    bool m_snapToGrid = true;
    std::vector<ComponentId> m_moving; // nodes that may be moving with the mouse
    ComponentId m_connectionSource = InvalidComponentId;
    bool m_connectionFromOutput = true;
    ComponentId m_connectionTarget = InvalidComponentId;
    // Declared last, so the items go before anything they might call back into;
    // all are destroyed before the QGraphicsScene base.
    std::unique_ptr<ConnectionDragItem> m_connectionItem;
    std::unordered_map<ComponentId, std::unique_ptr<ComponentItem>> m_components;
    std::unordered_map<LinkId, std::unique_ptr<LinkItem>> m_links;
};

} // namespace asyncsim::ui
