// The problems panel lists checkTopology's findings as the document changes,
// and each entry names the node or edge it is about.
#include "ui/problems/ProblemsPanel.h"
#include "ui/TopologyDocument.h"

#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui;

namespace {

models::NodeSpec node(std::string id, models::NodeSpec::Params params)
{
    models::NodeSpec n;
    n.id = std::move(id);
    n.params = std::move(params);
    return n;
}

QTreeWidget *treeOf(ProblemsPanel &panel)
{
    return panel.findChild<QTreeWidget *>("problems");
}

// The (component, link) that activating row @p row asks to select.
std::pair<ComponentId, LinkId> activate(ProblemsPanel &panel, int row)
{
    QSignalSpy spy(&panel, &ProblemsPanel::activated);
    QTreeWidget *tree = treeOf(panel);
    Q_EMIT tree->itemActivated(tree->topLevelItem(row), 0);
    if (spy.isEmpty())
        return {InvalidComponentId, InvalidLinkId};
    return {spy.at(0).at(0).value<ComponentId>(), spy.at(0).at(1).value<LinkId>()};
}

} // namespace

TEST(ProblemsPanel, EachEntryPointsAtItsNodeOrEdge)
{
    models::Topology t;
    t.nodes = {node("p", models::ProducerSpec{}), node("q", models::QueueSpec{}), node("s", models::ServiceSpec{}),
               node("q", models::SinkSpec{})};
    t.edges = {{"p", "q", models::EdgeMode::Publish, std::nullopt},
               {"q", "nowhere", models::EdgeMode::Consume, std::nullopt}};
    TopologyDocument doc;
    doc.load(t);
    ProblemsPanel panel(&doc);
    EXPECT_EQ(panel.errorCount(), 1); // the duplicate name hides the edge checks until it is fixed
    QTreeWidget *tree = treeOf(panel);
    ASSERT_EQ(tree->topLevelItemCount(), 1);
    EXPECT_TRUE(tree->topLevelItem(0)->text(0).contains("duplicate id"));
    EXPECT_EQ(activate(panel, 0).first, doc.componentIds()[3]);

    // Renaming the sink brings out the dangling edge, pointing at the edge.
    doc.rename(doc.componentIds()[3], "out");
    panel.refresh();
    ASSERT_EQ(panel.errorCount(), 1);
    EXPECT_TRUE(tree->topLevelItem(0)->text(0).contains("no node has the id \"nowhere\""));
    EXPECT_EQ(tree->topLevelItem(0)->text(1), "q → nowhere");
    EXPECT_EQ(activate(panel, 0).second, doc.linkIds()[1]);
}

TEST(ProblemsPanel, FollowsEditsAndUndo)
{
    TopologyDocument doc;
    ProblemsPanel panel(&doc);
    QSignalSpy counts(&panel, &ProblemsPanel::countsChanged);
    EXPECT_EQ(panel.errorCount(), 1); // an empty topology cannot run
    const ComponentId producer = doc.addComponent(models::NodeKind::Producer, {0, 0});
    const ComponentId sink = doc.addComponent(models::NodeKind::Sink, {200, 0});
    QTest::qWait(1); // the panel checks once the burst of changes is over
    EXPECT_EQ(panel.errorCount(), 1);
    EXPECT_TRUE(treeOf(panel)->topLevelItem(0)->text(0).contains("has no outgoing edge"));
    EXPECT_EQ(activate(panel, 0).first, producer);
    doc.connectComponents(producer, sink);
    QTest::qWait(1);
    EXPECT_EQ(panel.errorCount(), 0);
    EXPECT_EQ(panel.warningCount(), 0);
    EXPECT_TRUE(treeOf(panel)->topLevelItem(0)->text(0).contains("ready to run"));
    EXPECT_EQ(activate(panel, 0).first, InvalidComponentId); // the all-clear entry selects nothing
    doc.undoStack()->undo();
    QTest::qWait(1);
    EXPECT_EQ(panel.errorCount(), 1);
    EXPECT_FALSE(counts.isEmpty());
}

TEST(ProblemsPanel, WarningsForIdleNodes)
{
    TopologyDocument doc;
    ProblemsPanel panel(&doc);
    const ComponentId producer = doc.addComponent(models::NodeKind::Producer, {0, 0});
    const ComponentId queue = doc.addComponent(models::NodeKind::Queue, {200, 0});
    doc.connectComponents(producer, queue);
    const ComponentId lonely = doc.addComponent(models::NodeKind::Service, {200, 200});
    panel.refresh();
    EXPECT_EQ(panel.errorCount(), 0);
    ASSERT_EQ(panel.warningCount(), 2);
    EXPECT_EQ(activate(panel, 0).first, queue);  // no consumer
    EXPECT_EQ(activate(panel, 1).first, lonely); // no source
}

TEST(ProblemsPanel, WarnsAboutAnOverloadedServiceFromTheCapacityCheck)
{
    models::ProducerSpec p;
    p.arrivals.rate = 300;
    models::ServiceSpec s;
    s.workers = 10;
    s.serviceTime = sim::Distribution::constant(0.04); // 250/s
    models::Topology t;
    t.nodes = {node("web", p), node("orders", s)};
    t.edges = {{"web", "orders", models::EdgeMode::Publish, std::nullopt}};
    TopologyDocument doc;
    doc.load(t);
    ProblemsPanel panel(&doc);
    EXPECT_EQ(panel.errorCount(), 0);
    ASSERT_EQ(panel.warningCount(), 1);
    QTreeWidget *tree = treeOf(panel);
    EXPECT_TRUE(tree->topLevelItem(0)->text(0).startsWith("orders is overloaded: utilisation ρ = 1.2 ≥ 1"))
        << tree->topLevelItem(0)->text(0).toStdString();
    EXPECT_EQ(tree->topLevelItem(0)->text(1), "orders");
    EXPECT_EQ(activate(panel, 0).first, doc.componentIds()[1]);

    // Two more workers bring it under capacity: the warning goes.
    doc.changeComponents({doc.componentIds()[1]}, "workers",
                         [](models::NodeSpec &n) { std::get<models::ServiceSpec>(n.params).workers = 14; });
    panel.refresh();
    EXPECT_EQ(panel.warningCount(), 0);
}

TEST(ProblemsPanel, AFaultsProblemSelectsNothingSoTheFaultsTableShows)
{
    models::Topology t;
    t.nodes = {node("p", models::ProducerSpec{}), node("s", models::ServiceSpec{}), node("out", models::SinkSpec{})};
    t.edges
        = {{"p", "s", models::EdgeMode::Publish, std::nullopt}, {"s", "out", models::EdgeMode::Publish, std::nullopt}};
    models::FaultSpec outage;
    outage.target = "gone"; // a node deleted after the fault was written
    t.faults = {outage};
    TopologyDocument doc;
    doc.load(t);
    ProblemsPanel panel(&doc);
    ASSERT_EQ(panel.errorCount(), 1);
    QTreeWidget *tree = treeOf(panel);
    EXPECT_TRUE(tree->topLevelItem(0)->text(0).contains("no node has the id \"gone\""));
    EXPECT_EQ(tree->topLevelItem(0)->text(1), "fault 1 (outage of gone)");
    QSignalSpy spy(&panel, &ProblemsPanel::activated);
    Q_EMIT tree->itemActivated(tree->topLevelItem(0), 0);
    ASSERT_EQ(spy.size(), 1);
    EXPECT_EQ(spy.at(0).at(0).value<ComponentId>(), InvalidComponentId);
    EXPECT_EQ(spy.at(0).at(1).value<LinkId>(), InvalidLinkId);
}
