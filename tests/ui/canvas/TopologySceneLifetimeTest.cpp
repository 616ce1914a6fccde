// Items come and go while observers watch the selection.
#include "ui/TopologyDocument.h"
#include "ui/canvas/TopologyScene.h"

#include <QUndoStack>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui;

// A selected item's destructor announces the selection change; an observer
// that asks the scene what is selected must find it whole (this crashed when
// an example was opened over a selection).
TEST(TopologyScene, ObserversMayQueryTheSelectionWhileItemsGo)
{
    TopologyDocument doc;
    const ComponentId a = doc.addComponent(models::NodeKind::Producer, {0, 0});
    const ComponentId b = doc.addComponent(models::NodeKind::Sink, {200, 0});
    const LinkId link = doc.connectComponents(a, b);
    TopologyScene scene(&doc);
    std::size_t seen = 0;
    QObject::connect(&scene, &QGraphicsScene::selectionChanged, &scene,
                     [&] { seen += scene.selectedComponents().size() + scene.selectedLinks().size() + 1; });

    scene.selectOnly({a}, {link});
    doc.remove({}, {link}); // a selected edge goes
    doc.remove({a}, {});    // a selected node goes
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    scene.selectOnly({a, b}, {link});
    doc.load(models::Topology{}); // everything goes at once
    EXPECT_TRUE(scene.selectedComponents().empty());
    EXPECT_TRUE(scene.items().isEmpty());
    EXPECT_GT(seen, 0u);
}
