// The canvas: items follow the document's signals, and mouse gestures on a
// shown view become single document edits (one undo step each).
#include "ui/canvas/TopologyScene.h"
#include "ui/TopologyDocument.h"
#include "ui/canvas/ComponentItem.h"
#include "ui/canvas/LinkItem.h"
#include "ui/canvas/NodeSummary.h"
#include "ui/canvas/TopologyView.h"

#include "models/TopologyJson.h"

#include <QApplication>
#include <QDropEvent>
#include <QImage>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

#include <cmath>

using namespace asyncsim;
using namespace asyncsim::ui;

namespace {

QPointF positionOf(const TopologyDocument &doc, ComponentId id)
{
    const auto &p = doc.node(id).position;
    return QPointF(p[0], p[1]);
}

bool onGrid(QPointF p)
{
    return std::fmod(p.x(), TopologyScene::GridSize) == 0 && std::fmod(p.y(), TopologyScene::GridSize) == 0;
}

template <typename Item> int countItems(const QGraphicsScene &scene)
{
    int n = 0;
    for (QGraphicsItem *item : scene.items())
        if (qgraphicsitem_cast<Item *>(item))
            ++n;
    return n;
}

// producer -> queue -> service -> sink, built through edits.
struct Pipeline
{
    TopologyDocument doc;
    ComponentId producer, queue, service, sink;
    LinkId toQueue, toService, toSink;

    Pipeline()
    {
        producer = doc.addComponent(models::NodeKind::Producer, {0, 0});
        queue = doc.addComponent(models::NodeKind::Queue, {260, 0});
        service = doc.addComponent(models::NodeKind::Service, {520, 100});
        sink = doc.addComponent(models::NodeKind::Sink, {780, 100});
        toQueue = doc.connectComponents(producer, queue);
        toService = doc.connectComponents(queue, service);
        toSink = doc.connectComponents(service, sink);
    }
};

// The pipeline on a shown 1200x700 view at 100 %, its contents centred.
struct ShownPipeline : Pipeline
{
    TopologyScene scene{&doc};
    TopologyView view{&scene};

    ShownPipeline()
    {
        view.resize(1200, 700);
        view.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&view));
        view.fitToContents();
    }

    QPoint viewportPos(QPointF scenePos) const { return view.mapFromScene(scenePos); }
    QPoint cardCentre(ComponentId id) const
    {
        return viewportPos(scene.itemFor(id)->mapToScene(ComponentItem::cardRect().center()));
    }

    // A left-button drag on the viewport with intermediate moves.
    void drag(QPoint from, QPoint to, int steps = 6)
    {
        QWidget *viewport = view.viewport();
        QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, from);
        for (int i = 1; i <= steps; ++i)
            QTest::mouseMove(viewport, from + (to - from) * i / steps);
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, to);
    }
};

} // namespace

TEST(TopologyScene, HasOneItemPerNodeAndEdgeAtTheDocumentsPositions)
{
    Pipeline p;
    TopologyScene scene(&p.doc);
    EXPECT_EQ(countItems<ComponentItem>(scene), 4);
    EXPECT_EQ(countItems<LinkItem>(scene), 3);
    for (ComponentId id : p.doc.componentIds()) {
        ASSERT_NE(scene.itemFor(id), nullptr);
        EXPECT_EQ(scene.itemFor(id)->pos(), positionOf(p.doc, id));
        EXPECT_EQ(scene.itemFor(id)->id(), id);
    }
    // A link runs from its source's output port to its target's input port.
    const LinkItem *link = scene.itemFor(p.toService);
    ASSERT_NE(link, nullptr);
    EXPECT_TRUE(link->isVisible());
    const QPointF start = link->curve().pointAtPercent(0);
    const QPointF end = link->curve().pointAtPercent(1);
    EXPECT_LT(QLineF(start, scene.itemFor(p.queue)->outputPortScenePos()).length(), 8);
    EXPECT_LT(QLineF(end, scene.itemFor(p.service)->inputPortScenePos()).length(), 8);
    EXPECT_EQ(scene.document(), &p.doc);
}

TEST(TopologyScene, UndoAndRedoOfAddAndRemoveMakeItemsComeAndGo)
{
    Pipeline p;
    TopologyScene scene(&p.doc);

    const ComponentId extra = p.doc.addComponent(models::NodeKind::DeadLetter, {100, 300});
    ASSERT_NE(scene.itemFor(extra), nullptr);
    EXPECT_EQ(scene.itemFor(extra)->pos(), QPointF(100, 300));
    p.doc.undoStack()->undo();
    EXPECT_EQ(scene.itemFor(extra), nullptr);
    p.doc.undoStack()->redo();
    ASSERT_NE(scene.itemFor(extra), nullptr);

    // Removing the queue takes its two edges along; undo brings all three back.
    p.doc.remove({p.queue}, {});
    EXPECT_EQ(scene.itemFor(p.queue), nullptr);
    EXPECT_EQ(scene.itemFor(p.toQueue), nullptr);
    EXPECT_EQ(scene.itemFor(p.toService), nullptr);
    EXPECT_NE(scene.itemFor(p.toSink), nullptr);
    EXPECT_EQ(countItems<ComponentItem>(scene), 4);
    EXPECT_EQ(countItems<LinkItem>(scene), 1);
    p.doc.undoStack()->undo();
    ASSERT_NE(scene.itemFor(p.queue), nullptr);
    EXPECT_EQ(scene.itemFor(p.queue)->pos(), QPointF(260, 0));
    ASSERT_NE(scene.itemFor(p.toService), nullptr);
    EXPECT_TRUE(scene.itemFor(p.toService)->isVisible());
    EXPECT_EQ(countItems<LinkItem>(scene), 3);
}

TEST(TopologyScene, UndoOfAMoveMovesTheItemAndItsLinks)
{
    Pipeline p;
    TopologyScene scene(&p.doc);
    const QPointF endBefore = scene.itemFor(p.toService)->curve().pointAtPercent(1);
    p.doc.moveComponents({p.service}, {QPointF(600, 240)});
    EXPECT_EQ(scene.itemFor(p.service)->pos(), QPointF(600, 240));
    EXPECT_EQ(scene.itemFor(p.toService)->curve().pointAtPercent(1), endBefore + QPointF(80, 140));
    p.doc.undoStack()->undo();
    EXPECT_EQ(scene.itemFor(p.service)->pos(), QPointF(520, 100));
    EXPECT_EQ(scene.itemFor(p.toService)->curve().pointAtPercent(1), endBefore);
}

TEST(TopologyScene, CardsFollowParameterChangesAndRenames)
{
    Pipeline p;
    TopologyScene scene(&p.doc);
    const ComponentItem *service = scene.itemFor(p.service);
    EXPECT_EQ(service->toolTip(), QStringLiteral("service\n2 workers · 100 ms"));
    p.doc.changeComponents({p.service}, "Workers",
                           [](models::NodeSpec &n) { std::get<models::ServiceSpec>(n.params).workers = 8; });
    p.doc.rename(p.service, "payments");
    EXPECT_EQ(service->name(), QStringLiteral("payments"));
    EXPECT_EQ(service->toolTip(), QStringLiteral("payments\n8 workers · 100 ms"));
    // The renamed node keeps its links.
    EXPECT_TRUE(scene.itemFor(p.toService)->isVisible());
    EXPECT_EQ(scene.itemFor(p.toSink)->source(), p.service);
    p.doc.undoStack()->undo();
    p.doc.undoStack()->undo();
    EXPECT_EQ(service->toolTip(), QStringLiteral("service\n2 workers · 100 ms"));
}

TEST(TopologyScene, LoadReplacesEveryItem)
{
    Pipeline p;
    TopologyScene scene(&p.doc);
    models::Topology topology;
    models::NodeSpec a = defaultNodeSpec(models::NodeKind::Producer);
    a.id = "a";
    a.position = {40, 40};
    models::NodeSpec b = defaultNodeSpec(models::NodeKind::Sink);
    b.id = "b";
    b.position = {300, 40};
    topology.nodes = {a, b};
    topology.edges = {models::EdgeSpec{"a", "b", models::EdgeMode::Publish, 0.5}};
    p.doc.load(topology);

    EXPECT_EQ(scene.itemFor(p.producer), nullptr);
    EXPECT_EQ(countItems<ComponentItem>(scene), 2);
    EXPECT_EQ(countItems<LinkItem>(scene), 1);
    const ComponentId newA = p.doc.componentNamed("a");
    ASSERT_NE(scene.itemFor(newA), nullptr);
    EXPECT_EQ(scene.itemFor(newA)->pos(), QPointF(40, 40));
    EXPECT_TRUE(scene.contentsRect().contains(scene.itemFor(newA)->sceneBoundingRect()));
}

TEST(TopologyScene, DanglingEdgeIsHiddenUntilItsNodeAppears)
{
    TopologyDocument doc;
    models::Topology topology;
    models::NodeSpec a = defaultNodeSpec(models::NodeKind::Producer);
    a.id = "a";
    models::NodeSpec c = defaultNodeSpec(models::NodeKind::Sink);
    c.id = "c";
    c.position = {300, 0};
    topology.nodes = {a, c};
    topology.edges = {models::EdgeSpec{"a", "b", models::EdgeMode::Publish, {}}}; // a draft: no "b"
    doc.load(topology);
    TopologyScene scene(&doc);

    const LinkItem *link = scene.itemFor(doc.linkIds().front());
    ASSERT_NE(link, nullptr);
    EXPECT_TRUE(link->isDangling());
    EXPECT_FALSE(link->isVisible());

    doc.rename(doc.componentNamed("c"), "b");
    EXPECT_FALSE(link->isDangling());
    EXPECT_TRUE(link->isVisible());
    EXPECT_LT(
        QLineF(link->curve().pointAtPercent(1), scene.itemFor(doc.componentNamed("b"))->inputPortScenePos()).length(),
        8);
}

TEST(TopologyScene, SelectOnlyAndTheSelectionGetters)
{
    Pipeline p;
    TopologyScene scene(&p.doc);
    QSignalSpy selectionChanged(&scene, &QGraphicsScene::selectionChanged);
    scene.selectOnly({p.sink, p.queue}, {p.toService});
    EXPECT_EQ(selectionChanged.count(), 1);
    EXPECT_EQ(scene.selectedComponents(), (std::vector<ComponentId>{p.queue, p.sink})); // document order
    EXPECT_EQ(scene.selectedLinks(), std::vector<LinkId>{p.toService});
    scene.selectOnly({p.producer});
    EXPECT_EQ(scene.selectedComponents(), std::vector<ComponentId>{p.producer});
    EXPECT_TRUE(scene.selectedLinks().empty());
}

TEST(TopologyScene, DroppedPaletteKindBecomesASelectedNodeOnTheGrid)
{
    Pipeline p;
    TopologyScene scene(&p.doc);
    const int steps = p.doc.undoStack()->count();
    QMimeData mime;
    mime.setData(NodeKindMimeType, "queue");
    const ComponentId added = scene.dropNode(&mime, QPointF(503, 411));
    ASSERT_NE(added, InvalidComponentId);
    EXPECT_EQ(p.doc.undoStack()->count(), steps + 1);
    EXPECT_EQ(p.doc.node(added).kind(), models::NodeKind::Queue);
    // Centred under the drop point, then snapped: (503 - 80, 411 - 32) -> (420, 380).
    EXPECT_EQ(positionOf(p.doc, added), QPointF(420, 380));
    EXPECT_EQ(scene.selectedComponents(), std::vector<ComponentId>{added});

    QMimeData deadLetter;
    deadLetter.setData(NodeKindMimeType, models::nodeKindName(models::NodeKind::DeadLetter));
    EXPECT_EQ(TopologyScene::nodeKindFrom(&deadLetter), models::NodeKind::DeadLetter);
    QMimeData other;
    other.setText("queue");
    EXPECT_EQ(scene.dropNode(&other, QPointF(0, 0)), InvalidComponentId);
    EXPECT_EQ(p.doc.undoStack()->count(), steps + 1);
}

TEST(TopologyScene, SummariesShowTheKeyParameters)
{
    using canvas::nodeSummary;
    models::NodeSpec producer = defaultNodeSpec(models::NodeKind::Producer);
    std::get<models::ProducerSpec>(producer.params).arrivals.rate = 10;
    EXPECT_EQ(nodeSummary(producer), QStringLiteral("Poisson · 10/s"));
    std::get<models::ProducerSpec>(producer.params).limit = 1000;
    EXPECT_EQ(nodeSummary(producer), QStringLiteral("Poisson · 10/s · limit 1000"));

    models::NodeSpec queue = defaultNodeSpec(models::NodeKind::Queue);
    auto &q = std::get<models::QueueSpec>(queue.params);
    q.flavour = models::QueueFlavour::Basic;
    q.capacity.reset();
    EXPECT_EQ(nodeSummary(queue), QStringLiteral("Basic"));
    q.flavour = models::QueueFlavour::Sqs;
    q.capacity = 100;
    EXPECT_EQ(nodeSummary(queue), QStringLiteral("SQS · cap 100"));
    q.flavour = models::QueueFlavour::RabbitMq;
    q.capacity.reset();
    EXPECT_EQ(nodeSummary(queue), QStringLiteral("RabbitMQ · ∞"));

    models::NodeSpec service = defaultNodeSpec(models::NodeKind::Service);
    auto &s = std::get<models::ServiceSpec>(service.params);
    s.workers = 4;
    s.serviceTime = sim::Distribution::exponential(0.01);
    EXPECT_EQ(nodeSummary(service), QStringLiteral("4 workers · 10 ms"));
    s.workers = 1;
    s.serviceTime = sim::Distribution::uniform(1, 2);
    EXPECT_EQ(nodeSummary(service), QStringLiteral("1 worker · 1.5 s"));
    s.replicas = 3;
    EXPECT_EQ(nodeSummary(service), QStringLiteral("3 replicas · 1.5 s"));
    s.workers = 2;
    EXPECT_EQ(nodeSummary(service), QStringLiteral("3×2 workers · 1.5 s"));

    EXPECT_EQ(nodeSummary(defaultNodeSpec(models::NodeKind::Sink)), QStringLiteral("accepts all"));
    models::NodeSpec dlq = defaultNodeSpec(models::NodeKind::DeadLetter);
    EXPECT_EQ(nodeSummary(dlq), QStringLiteral("keeps dead letters"));
    std::get<models::DeadLetterSpec>(dlq.params).redriveAt = sim::Duration::seconds(300);
    EXPECT_EQ(nodeSummary(dlq), QStringLiteral("redrive at 5m"));

    EXPECT_EQ(canvas::formatSeconds(0.00025), QStringLiteral("250 µs"));
    EXPECT_EQ(canvas::formatSeconds(0.9999), QStringLiteral("1 s"));
    EXPECT_EQ(canvas::formatSeconds(120), QStringLiteral("2 min"));
    EXPECT_EQ(canvas::compactNumber(2500), QStringLiteral("2500"));
    EXPECT_EQ(canvas::compactNumber(25000), QStringLiteral("25k"));
    EXPECT_EQ(canvas::compactNumber(0.5), QStringLiteral("0.5"));
}

TEST(TopologyView, RendersInALightAndThenADarkPalette)
{
    // Shown, so that the cards' pixmap caches are used: a palette change must refresh them.
    ShownPipeline p;
    p.scene.selectOnly({p.queue});
    for (const bool dark : {false, true}) {
        QPalette palette;
        if (dark) {
            palette.setColor(QPalette::Window, QColor(45, 45, 48));
            palette.setColor(QPalette::Base, QColor(30, 30, 32));
            palette.setColor(QPalette::Text, QColor(230, 230, 230));
        } else {
            palette.setColor(QPalette::Window, QColor(239, 239, 239));
            palette.setColor(QPalette::Base, Qt::white);
            palette.setColor(QPalette::Text, Qt::black);
        }
        palette.setColor(QPalette::Highlight, QColor(48, 140, 198));
        p.scene.setPalette(palette);
        const QImage image = p.view.grab().toImage();
        auto pixel = [&](ComponentId id, QPointF itemPos) {
            return QColor(image.pixel(p.viewportPos(p.scene.itemFor(id)->mapToScene(itemPos))));
        };
        // A card (away from its text and icon) is lighter than the canvas, in both themes.
        const QColor card = pixel(p.producer, QPointF(150, 56));
        const QColor canvas = image.pixel(p.viewportPos(QPointF(200, 300)));
        EXPECT_GT(card.lightness(), canvas.lightness()) << dark;
        EXPECT_EQ(dark, card.lightness() < 128);
        // The selected queue is outlined in the highlight colour.
        EXPECT_EQ(pixel(p.queue, QPointF(90, -1)).rgb(), QColor(48, 140, 198).rgb()) << dark;
    }
}

TEST(TopologyView, FollowsAChangeOfTheApplicationPalette)
{
    ShownPipeline p;
    auto cardLightness = [&] {
        const QImage image = p.view.grab().toImage();
        return QColor(image.pixel(p.viewportPos(p.scene.itemFor(p.producer)->mapToScene(QPointF(150, 56)))))
            .lightness();
    };
    const QPalette original = QApplication::palette();
    QPalette light = original;
    light.setColor(QPalette::Window, QColor(239, 239, 239));
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    QApplication::setPalette(light);
    EXPECT_GT(cardLightness(), 200);
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    QApplication::setPalette(dark);
    EXPECT_LT(cardLightness(), 100);
    QApplication::setPalette(original);
}

TEST(TopologyView, DraggingANodeIsOneUndoStepOnTheGrid)
{
    ShownPipeline p;
    QUndoStack *stack = p.doc.undoStack();
    const int steps = stack->count();
    const QPointF before = positionOf(p.doc, p.service);
    const QPointF linkEndBefore = p.scene.itemFor(p.toService)->curve().pointAtPercent(1);

    const QPoint start = p.cardCentre(p.service);
    p.drag(start, start + QPoint(93, 47));

    EXPECT_EQ(stack->count(), steps + 1);
    const QPointF after = positionOf(p.doc, p.service);
    EXPECT_TRUE(onGrid(after)) << after.x() << "," << after.y();
    EXPECT_EQ(after, before + QPointF(100, 40)); // 93 px and 47 px at 100 %, snapped
    EXPECT_EQ(p.scene.itemFor(p.service)->pos(), after);
    EXPECT_EQ(p.scene.itemFor(p.toService)->curve().pointAtPercent(1), linkEndBefore + QPointF(100, 40));

    // A second drag is a second step: drags never merge.
    p.drag(p.cardCentre(p.service), p.cardCentre(p.service) + QPoint(-40, 0));
    EXPECT_EQ(stack->count(), steps + 2);
    stack->undo();
    EXPECT_EQ(positionOf(p.doc, p.service), after);
    stack->undo();
    EXPECT_EQ(positionOf(p.doc, p.service), before);
    EXPECT_EQ(p.scene.itemFor(p.service)->pos(), before);
}

TEST(TopologyView, DraggingASelectionMovesAllOfItOnce)
{
    ShownPipeline p;
    const int steps = p.doc.undoStack()->count();
    p.scene.selectOnly({p.queue, p.service});
    p.drag(p.cardCentre(p.queue), p.cardCentre(p.queue) + QPoint(0, 60));
    EXPECT_EQ(p.doc.undoStack()->count(), steps + 1);
    EXPECT_EQ(positionOf(p.doc, p.queue), QPointF(260, 60));
    EXPECT_EQ(positionOf(p.doc, p.service), QPointF(520, 160));
    EXPECT_EQ(positionOf(p.doc, p.sink), QPointF(780, 100));
}

TEST(TopologyView, WithoutSnappingANodeLandsWhereDropped)
{
    ShownPipeline p;
    p.scene.setSnapToGrid(false);
    const QPointF before = positionOf(p.doc, p.sink);
    p.drag(p.cardCentre(p.sink), p.cardCentre(p.sink) + QPoint(13, 7));
    EXPECT_EQ(positionOf(p.doc, p.sink), before + QPointF(13, 7));
}

TEST(TopologyView, ClickingANodeWithoutMovingItIsNoEdit)
{
    ShownPipeline p;
    const int steps = p.doc.undoStack()->count();
    QTest::mouseClick(p.view.viewport(), Qt::LeftButton, Qt::NoModifier, p.cardCentre(p.queue));
    EXPECT_EQ(p.doc.undoStack()->count(), steps);
    EXPECT_EQ(p.scene.selectedComponents(), std::vector<ComponentId>{p.queue});
}

TEST(TopologyView, DraggingFromAnOutputPortToANodeConnectsThem)
{
    ShownPipeline p;
    const int steps = p.doc.undoStack()->count();
    const std::size_t edges = p.doc.topology().edges.size();
    const QPointF queueBefore = positionOf(p.doc, p.queue);

    // Queue's output port to anywhere on the sink's card.
    p.drag(p.viewportPos(p.scene.itemFor(p.queue)->outputPortScenePos()),
           p.viewportPos(p.scene.itemFor(p.sink)->mapToScene(QPointF(40, 50))));

    EXPECT_EQ(p.doc.undoStack()->count(), steps + 1);
    ASSERT_EQ(p.doc.topology().edges.size(), edges + 1);
    const LinkId added = p.doc.linkIds().back();
    EXPECT_EQ(p.doc.source(added), p.queue);
    EXPECT_EQ(p.doc.target(added), p.sink);
    EXPECT_NE(p.scene.itemFor(added), nullptr);
    EXPECT_EQ(positionOf(p.doc, p.queue), queueBefore); // the node did not move
    // No temporary curve is left behind.
    EXPECT_EQ(p.scene.items().size(), std::size_t(4 + 4));

    p.doc.undoStack()->undo();
    EXPECT_EQ(p.scene.itemFor(added), nullptr);
}

TEST(TopologyView, ReleasingAConnectionOnEmptyCanvasOrOnItselfCancelsIt)
{
    ShownPipeline p;
    const int steps = p.doc.undoStack()->count();
    const QPoint port = p.viewportPos(p.scene.itemFor(p.producer)->outputPortScenePos());
    p.drag(port, port + QPoint(60, 200));
    p.drag(port, p.cardCentre(p.producer));
    EXPECT_EQ(p.doc.undoStack()->count(), steps);
    EXPECT_EQ(p.scene.items().size(), std::size_t(4 + 3));
}

TEST(TopologyView, DraggingFromAnInputPortConnectsTheOtherWay)
{
    ShownPipeline p;
    const QPoint port = p.viewportPos(p.scene.itemFor(p.sink)->inputPortScenePos());
    p.drag(port, p.cardCentre(p.producer));
    const LinkId added = p.doc.linkIds().back();
    EXPECT_EQ(p.doc.source(added), p.producer);
    EXPECT_EQ(p.doc.target(added), p.sink);
}

TEST(TopologyView, DroppingPaletteDataOnTheViewportAddsANode)
{
    ShownPipeline p;
    const std::size_t nodes = p.doc.topology().nodes.size();
    QMimeData mime;
    mime.setData(NodeKindMimeType, "service");
    const QPoint at = p.viewportPos(QPointF(405, 400));
    // As a real drag delivers them: QApplication sends a drop to the widget that accepted the enter.
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(p.view.viewport(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(p.view.viewport(), &drop);
    EXPECT_TRUE(drop.isAccepted());
    ASSERT_EQ(p.doc.topology().nodes.size(), nodes + 1);
    const ComponentId added = p.doc.componentIds().back();
    EXPECT_EQ(p.doc.node(added).kind(), models::NodeKind::Service);
    EXPECT_EQ(positionOf(p.doc, added), QPointF(320, 360)); // (405 - 80, 400 - 32) snapped
    EXPECT_EQ(p.scene.selectedComponents(), std::vector<ComponentId>{added});
}

TEST(TopologyView, RubberBandSelectsTheNodesInside)
{
    ShownPipeline p;
    // Around the service and the sink (y 100..164, x 520..960), from empty canvas.
    p.drag(p.viewportPos(QPointF(490, 80)), p.viewportPos(QPointF(1000, 190)));
    EXPECT_EQ(p.scene.selectedComponents(), (std::vector<ComponentId>{p.service, p.sink}));
    EXPECT_EQ(p.scene.selectedLinks(), std::vector<LinkId>{p.toSink});
    EXPECT_EQ(p.doc.undoStack()->count(), 7); // selecting is no edit
}

TEST(TopologyView, FitToContentsShowsEverythingAndNeverMagnifies)
{
    Pipeline p;
    p.doc.addComponent(models::NodeKind::Sink, {3000, 1400});
    p.doc.addComponent(models::NodeKind::Producer, {-900, -500});
    TopologyScene scene(&p.doc);
    TopologyView view(&scene);
    view.resize(800, 500);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    QSignalSpy zoomChanged(&view, &TopologyView::zoomChanged);

    view.fitToContents();
    EXPECT_LT(view.zoom(), 0.25);
    EXPECT_GE(view.zoom(), TopologyView::MinZoom);
    EXPECT_EQ(zoomChanged.count(), 1);
    const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
    for (QGraphicsItem *item : scene.items())
        EXPECT_TRUE(visible.contains(item->sceneBoundingRect()));

    // A tiny topology is shown at 100 %, centred.
    TopologyDocument small;
    small.addComponent(models::NodeKind::Queue, {100, 100});
    TopologyScene smallScene(&small);
    TopologyView smallView(&smallScene);
    smallView.resize(800, 500);
    smallView.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&smallView));
    smallView.fitToContents();
    EXPECT_DOUBLE_EQ(smallView.zoom(), 1.0);
    const QPointF centre = smallView.mapToScene(smallView.viewport()->rect().center());
    EXPECT_LT(QLineF(centre, smallScene.contentsRect().center()).length(), 2);
}

TEST(TopologyView, ZoomIsClampedAndTheWheelZoomsAroundTheCursor)
{
    ShownPipeline p;
    QSignalSpy zoomChanged(&p.view, &TopologyView::zoomChanged);
    p.view.zoomIn();
    EXPECT_DOUBLE_EQ(p.view.zoom(), 1.25);
    p.view.zoomOut();
    EXPECT_DOUBLE_EQ(p.view.zoom(), 1.0);
    EXPECT_EQ(zoomChanged.count(), 2);
    for (int i = 0; i < 30; ++i)
        p.view.zoomIn();
    EXPECT_DOUBLE_EQ(p.view.zoom(), TopologyView::MaxZoom);
    for (int i = 0; i < 60; ++i)
        p.view.zoomOut();
    EXPECT_DOUBLE_EQ(p.view.zoom(), TopologyView::MinZoom);
    p.view.resetZoom();
    EXPECT_DOUBLE_EQ(p.view.zoom(), 1.0);

    // The scene point under the cursor stays under it.
    const QPoint cursor = p.cardCentre(p.queue) + QPoint(30, 10);
    const QPointF under = p.view.mapToScene(cursor);
    QWheelEvent wheel(QPointF(cursor), QPointF(p.view.viewport()->mapToGlobal(cursor)), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(p.view.viewport(), &wheel);
    EXPECT_GT(p.view.zoom(), 1.1);
    EXPECT_LT(QLineF(p.view.mapFromScene(under), cursor).length(), 2.5);
}

TEST(TopologyView, MiddleButtonAndSpaceDragPan)
{
    ShownPipeline p;
    p.view.setZoom(2);
    QWidget *viewport = p.view.viewport();
    const QPointF centre = p.view.mapToScene(viewport->rect().center());
    QTest::mousePress(viewport, Qt::MiddleButton, Qt::NoModifier, QPoint(500, 300));
    QTest::mouseMove(viewport, QPoint(450, 280));
    QTest::mouseMove(viewport, QPoint(400, 260));
    QTest::mouseRelease(viewport, Qt::MiddleButton, Qt::NoModifier, QPoint(400, 260));
    // Moving the canvas left by 100 px at 200 % shows what lies 50 scene px to the right.
    const QPointF panned = p.view.mapToScene(viewport->rect().center());
    EXPECT_NEAR(panned.x() - centre.x(), 50, 1);
    EXPECT_NEAR(panned.y() - centre.y(), 20, 1);

    // Space + left drag pans too, even starting on a node, and moves nothing.
    const int steps = p.doc.undoStack()->count();
    QTest::keyPress(&p.view, Qt::Key_Space);
    p.drag(p.cardCentre(p.queue), p.cardCentre(p.queue) + QPoint(80, 0));
    QTest::keyRelease(&p.view, Qt::Key_Space);
    EXPECT_NEAR(p.view.mapToScene(viewport->rect().center()).x() - panned.x(), -40, 1);
    EXPECT_EQ(p.doc.undoStack()->count(), steps);
}
