// The document and its undo commands, with no view: every edit is one undo
// step, and undoing everything gives back the JSON we started from.
#include "ui/TopologyDocument.h"
#include "models/TopologyCheck.h"
#include "models/TopologyJson.h"

#include <QSignalSpy>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui;

namespace {

std::string json(const TopologyDocument &doc)
{
    return models::serializeTopology(doc.topology());
}

// producer -> queue -> service -> sink, built through edits.
struct Pipeline
{
    TopologyDocument doc;
    ComponentId producer, queue, service, sink;

    Pipeline()
    {
        producer = doc.addComponent(models::NodeKind::Producer, {0, 0});
        queue = doc.addComponent(models::NodeKind::Queue, {200, 0});
        service = doc.addComponent(models::NodeKind::Service, {400, 0});
        sink = doc.addComponent(models::NodeKind::Sink, {600, 0});
        doc.connectComponents(producer, queue);
        doc.connectComponents(queue, service);
        doc.connectComponents(service, sink);
    }
};

} // namespace

TEST(TopologyDocument, EveryEditIsOneUndoStep)
{
    Pipeline p;
    EXPECT_EQ(p.doc.undoStack()->count(), 7);
    EXPECT_EQ(p.doc.topology().nodes.size(), 4u);
    ASSERT_EQ(p.doc.topology().edges.size(), 3u);
    EXPECT_EQ(p.doc.topology().edges[1].mode, models::EdgeMode::Consume);
    EXPECT_EQ(p.doc.topology().edges[0].mode, models::EdgeMode::Publish);
    EXPECT_EQ(p.doc.node(p.service).id, "service");
    EXPECT_TRUE(p.doc.isModified());
}

TEST(TopologyDocument, UndoAllThenRedoAllGivesTheSameJson)
{
    Pipeline p;
    p.doc.changeComponents({p.service}, "Workers",
                           [](models::NodeSpec &n) { std::get<models::ServiceSpec>(n.params).workers = 7; });
    p.doc.rename(p.queue, "orders");
    p.doc.moveComponents({p.sink}, {QPointF(640, 80)});
    p.doc.changeSettings("Seed", [](models::Topology &t) { t.simulation.seed = 99; });
    const std::vector<ComponentId> pasted = p.doc.paste(p.doc.copy({p.queue, p.service}), {0, 120});
    ASSERT_EQ(pasted.size(), 2u);
    p.doc.remove({p.producer}, {});
    const std::string full = json(p.doc);

    QUndoStack *stack = p.doc.undoStack();
    while (stack->canUndo())
        stack->undo();
    EXPECT_EQ(json(p.doc), models::serializeTopology(models::Topology{}));
    EXPECT_TRUE(p.doc.topology().nodes.empty());
    while (stack->canRedo())
        stack->redo();
    EXPECT_EQ(json(p.doc), full);
}

TEST(TopologyDocument, RenameFixesEdgesAndDeadLetterTargets)
{
    Pipeline p;
    const ComponentId dlq = p.doc.addComponent(models::NodeKind::DeadLetter, {200, 200});
    p.doc.changeComponents({p.queue}, "Dead-letter target", [&](models::NodeSpec &n) {
        std::get<models::QueueSpec>(n.params).deadLetter = p.doc.node(dlq).id;
    });
    p.doc.rename(p.queue, "orders");
    p.doc.rename(dlq, "parked");
    EXPECT_EQ(p.doc.topology().edges[0].to, "orders");
    EXPECT_EQ(p.doc.topology().edges[1].from, "orders");
    EXPECT_EQ(std::get<models::QueueSpec>(p.doc.node(p.queue).params).deadLetter, "parked");
    EXPECT_EQ(p.doc.target(p.doc.linkIds()[0]), p.queue);
    p.doc.undoStack()->undo();
    p.doc.undoStack()->undo();
    EXPECT_EQ(p.doc.topology().edges[0].to, "queue");
    EXPECT_EQ(std::get<models::QueueSpec>(p.doc.node(p.queue).params).deadLetter, "dead-letters");
}

TEST(TopologyDocument, TypingInAFieldMergesIntoOneStep)
{
    Pipeline p;
    const int before = p.doc.undoStack()->count();
    for (int workers : {1, 12, 123})
        p.doc.changeComponents({p.service}, "Workers", [workers](models::NodeSpec &n) {
            std::get<models::ServiceSpec>(n.params).workers = workers;
        });
    EXPECT_EQ(p.doc.undoStack()->count(), before + 1);
    EXPECT_EQ(std::get<models::ServiceSpec>(p.doc.node(p.service).params).workers, 123);
    p.doc.undoStack()->undo();
    EXPECT_EQ(std::get<models::ServiceSpec>(p.doc.node(p.service).params).workers, 2);
    // A different property does not merge.
    p.doc.undoStack()->redo();
    p.doc.changeComponents({p.service}, "Failure probability", [](models::NodeSpec &n) {
        std::get<models::ServiceSpec>(n.params).failureProbability = 0.1;
    });
    EXPECT_EQ(p.doc.undoStack()->count(), before + 2);
}

TEST(TopologyDocument, EditingBackToTheStartLeavesNoStep)
{
    Pipeline p;
    const int before = p.doc.undoStack()->count();
    for (int workers : {5, 2})
        p.doc.changeComponents({p.service}, "Workers", [workers](models::NodeSpec &n) {
            std::get<models::ServiceSpec>(n.params).workers = workers;
        });
    EXPECT_EQ(p.doc.undoStack()->count(), before);
}

TEST(TopologyDocument, RemovingANodeTakesItsEdgesAndUndoPutsThemBackInPlace)
{
    Pipeline p;
    const std::string start = json(p.doc);
    QSignalSpy removedLinks(&p.doc, &TopologyDocument::linkRemoved);
    p.doc.remove({p.queue}, {});
    EXPECT_EQ(removedLinks.count(), 2);
    EXPECT_EQ(p.doc.topology().nodes.size(), 3u);
    EXPECT_EQ(p.doc.topology().edges.size(), 1u);
    p.doc.undoStack()->undo();
    EXPECT_EQ(json(p.doc), start);
    EXPECT_EQ(p.doc.indexOf(p.queue), 1);
}

TEST(TopologyDocument, ConnectRefusesSelfLoopsAndRepeats)
{
    Pipeline p;
    const int before = p.doc.undoStack()->count();
    EXPECT_EQ(p.doc.connectComponents(p.queue, p.queue), InvalidLinkId);
    EXPECT_EQ(p.doc.connectComponents(p.producer, p.queue), InvalidLinkId);
    EXPECT_EQ(p.doc.undoStack()->count(), before);
}

TEST(TopologyDocument, PasteRenamesTakenNamesAndKeepsInternalEdges)
{
    Pipeline p;
    const auto pasted = p.doc.paste(p.doc.copy({p.queue, p.service}), {10, 20});
    ASSERT_EQ(pasted.size(), 2u);
    EXPECT_EQ(p.doc.node(pasted[0]).id, "queue-2");
    EXPECT_EQ(p.doc.node(pasted[1]).id, "service-2");
    EXPECT_EQ(p.doc.node(pasted[0]).position, (std::array<double, 2>{210, 20}));
    EXPECT_EQ(p.doc.topology().edges.size(), 4u); // only queue-2 -> service-2 came along
    EXPECT_EQ(p.doc.topology().edges.back().from, "queue-2");
    EXPECT_EQ(p.doc.topology().edges.back().mode, models::EdgeMode::Consume);
    // Pasting the paste again continues the numbering.
    const auto again = p.doc.paste(p.doc.copy({pasted[0]}), {});
    EXPECT_EQ(p.doc.node(again[0]).id, "queue-3");
    EXPECT_TRUE(p.doc.paste("not json", {}).empty());
}

TEST(TopologyDocument, LoadResetsHistoryAndIds)
{
    Pipeline p;
    QSignalSpy reset(&p.doc, &TopologyDocument::reset);
    models::Topology t = p.doc.topology();
    p.doc.load(t, "x.json");
    EXPECT_EQ(reset.count(), 1);
    EXPECT_FALSE(p.doc.isModified());
    EXPECT_FALSE(p.doc.undoStack()->canUndo());
    EXPECT_FALSE(p.doc.contains(p.queue)); // ids never come back
    EXPECT_EQ(p.doc.componentIds().size(), 4u);
    EXPECT_EQ(p.doc.filePath(), "x.json");
}

TEST(TopologyDocument, SavingMarksCleanAndAnEditMarksModified)
{
    Pipeline p;
    QSignalSpy modified(&p.doc, &TopologyDocument::modifiedChanged);
    p.doc.markSaved("a.json");
    EXPECT_FALSE(p.doc.isModified());
    p.doc.moveComponents({p.queue}, {QPointF(0, 300)});
    EXPECT_TRUE(p.doc.isModified());
    p.doc.undoStack()->undo();
    EXPECT_FALSE(p.doc.isModified());
    EXPECT_EQ(modified.count(), 3);
}

TEST(TopologyDocument, RecoveredWorkIsUnsavedUntilSaved)
{
    Pipeline p;
    TopologyDocument doc;
    QSignalSpy modified(&doc, &TopologyDocument::modifiedChanged);
    doc.load(p.doc.topology(), "orders.json", true);
    EXPECT_TRUE(doc.isModified());
    EXPECT_FALSE(doc.undoStack()->canUndo());
    doc.moveComponents({doc.componentIds()[0]}, {QPointF(5, 5)});
    doc.undoStack()->undo(); // back to the recovered state: still not saved
    EXPECT_TRUE(doc.isModified());
    doc.markSaved("orders.json");
    EXPECT_FALSE(doc.isModified());
    ASSERT_EQ(modified.count(), 2);
    EXPECT_TRUE(modified.at(0).at(0).toBool());
    EXPECT_FALSE(modified.at(1).at(0).toBool());
}

TEST(TopologyDocument, FaultsChangeAsUndoSteps)
{
    Pipeline p;
    const int steps = p.doc.undoStack()->count();
    models::FaultSpec fault;
    fault.at = sim::Duration::seconds(10);
    fault.target = "service";
    p.doc.changeFaults("Faults", {fault}, true);
    EXPECT_EQ(p.doc.undoStack()->count(), steps + 1);
    // Typing merges with the next typing, never with the click before it.
    fault.at = sim::Duration::seconds(20);
    p.doc.changeFaults("Faults", {fault});
    fault.at = sim::Duration::seconds(25);
    p.doc.changeFaults("Faults", {fault});
    EXPECT_EQ(p.doc.undoStack()->count(), steps + 2);
    EXPECT_EQ(p.doc.topology().faults, std::vector<models::FaultSpec>{fault});
    p.doc.undoStack()->undo();
    ASSERT_EQ(p.doc.topology().faults.size(), 1u);
    EXPECT_EQ(p.doc.topology().faults[0].at, sim::Duration::seconds(10));
    p.doc.undoStack()->undo();
    EXPECT_TRUE(p.doc.topology().faults.empty());
    // Settings edits keep the faults.
    p.doc.undoStack()->redo();
    p.doc.changeSettings("Seed", [](models::Topology &t) { t.simulation.seed = 5; });
    EXPECT_EQ(p.doc.topology().faults.size(), 1u);
}

TEST(TopologyDocument, RenameFixesFaultTargetsAndFallbackRoutes)
{
    TopologyDocument doc;
    const ComponentId orders = doc.addComponent(models::NodeKind::Service, {0, 0});
    const ComponentId payments = doc.addComponent(models::NodeKind::Service, {200, 0});
    const ComponentId desk = doc.addComponent(models::NodeKind::Queue, {200, 200});
    const LinkId call = doc.connectComponents(orders, payments);
    const std::string deskName = doc.node(desk).id;
    doc.changeLinks({call}, "Setup", [deskName](models::EdgeSpec &e) {
        e.mode = models::EdgeMode::Call;
        e.fallback = {models::FallbackAction::Route, deskName};
    });
    models::FaultSpec outage;
    outage.target = doc.node(payments).id;
    models::FaultSpec other = outage;
    other.target = doc.node(orders).id;
    doc.changeFaults("Faults", {outage, other, outage});
    const std::string before = json(doc);

    doc.rename(payments, "payments");
    doc.rename(desk, "desk");
    const auto &faults = doc.topology().faults;
    EXPECT_EQ(faults[0].target, "payments");
    EXPECT_EQ(faults[1].target, doc.node(orders).id);
    EXPECT_EQ(faults[2].target, "payments");
    EXPECT_EQ(doc.edge(call).fallback.to, "desk");
    EXPECT_EQ(doc.edge(call).to, "payments");

    doc.undoStack()->undo();
    doc.undoStack()->undo();
    EXPECT_EQ(json(doc), before);
}

TEST(TopologyDocument, DeletingAFaultTargetLeavesTheFaultForTheProblemsPanel)
{
    Pipeline p; // checkTopology needs a topology to check the faults of
    TopologyDocument &doc = p.doc;
    const ComponentId payments = doc.addComponent(models::NodeKind::Service, {200, 0});
    models::FaultSpec outage;
    outage.target = doc.node(payments).id;
    doc.changeFaults("Faults", {outage});
    doc.remove({payments}, {});
    ASSERT_EQ(doc.topology().faults.size(), 1u);
    bool reported = false;
    for (const models::Problem &problem : models::checkTopology(doc.topology()))
        reported = reported || problem.pointer == "/faults/0/target";
    EXPECT_TRUE(reported);
}

TEST(TopologyDocument, FlakyPaymentsSurvivesSaveAndReload)
{
    const models::Topology original
        = models::loadTopologyFile(ASYNCSIM_SOURCE_DIR "/resources/examples/flaky-payments.json");
    ASSERT_FALSE(original.faults.empty());
    TopologyDocument doc;
    doc.load(original);
    // An edit and its undo in between, so the document's own copy is what is saved.
    doc.changeSettings("Seed", [](models::Topology &t) { t.simulation.seed = 7; });
    doc.undoStack()->undo();
    const models::Topology reloaded = models::parseTopology(models::serializeTopology(doc.topology()));
    EXPECT_EQ(reloaded, original);
}
