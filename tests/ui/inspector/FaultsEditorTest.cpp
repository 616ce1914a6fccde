// The faults table on the page shown when nothing is selected: rows added,
// edited and removed, each change one undo step.
#include "InspectorTestSupport.h"

#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/Inspector.h"
#include "ui/inspector/NumberField.h"

#include "models/TopologyJson.h"

#include <QComboBox>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::FaultKind;
using models::FaultSpec;
using models::NodeKind;
using models::OutageMode;

namespace {

void choose(QComboBox *box, const QVariant &data)
{
    ASSERT_TRUE(box);
    box->setCurrentIndex(box->findData(data));
    Q_EMIT box->activated(box->currentIndex());
}

} // namespace

TEST(InspectorFaults, AddEditAndRemoveRowsAsUndoSteps)
{
    TopologyDocument document;
    addNode<models::ProducerSpec>(document, NodeKind::Producer, "web");
    addNode<models::ServiceSpec>(document, NodeKind::Service, "payments");
    addNode<models::SinkSpec>(document, NodeKind::Sink, "done");
    Inspector inspector(&document);
    inspector.resize(420, 900);
    inspector.show();
    inspector.setSelection({}, {});
    const auto &faults = document.topology().faults;

    int steps = document.undoStack()->count();
    auto *add = field<QPushButton>(&inspector, "addFault");
    ASSERT_TRUE(add);
    add->click();
    ASSERT_EQ(faults.size(), 1u);
    FaultSpec expected;
    expected.at = sim::Duration::seconds(10);
    expected.duration = sim::Duration::seconds(10);
    expected.target = "payments"; // services come first
    EXPECT_EQ(faults[0], expected);
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    // Only services and producers are offered.
    auto *target = field<QComboBox>(&inspector, "faultTarget0");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->count(), 2);
    EXPECT_EQ(target->findData("done"), -1);

    // Typing "2m" in "at" is one step; emptying "for" runs it to the end.
    auto *at = field<DurationEdit>(&inspector, "faultAt0");
    at->selectAll();
    QTest::keyClicks(at, "2m");
    EXPECT_EQ(faults[0].at, sim::Duration::seconds(120));
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    auto *length = field<DurationEdit>(&inspector, "faultFor0");
    length->selectAll();
    QTest::keyClick(length, Qt::Key_Backspace);
    EXPECT_FALSE(faults[0].duration);
    EXPECT_EQ(document.undoStack()->count(), ++steps);

    choose(field<QComboBox>(&inspector, "faultMode0"), int(OutageMode::Hang));
    EXPECT_EQ(faults[0].mode, OutageMode::Hang);
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    EXPECT_FALSE(field<NumberField>(&inspector, "faultValue0")->isVisibleTo(&inspector));

    // Latency: the parameter is the factor.
    choose(field<QComboBox>(&inspector, "faultKind0"), int(FaultKind::Latency));
    EXPECT_EQ(faults[0].kind, FaultKind::Latency);
    auto *value = field<NumberField>(&inspector, "faultValue0");
    EXPECT_TRUE(value->isVisibleTo(&inspector));
    value->selectAll();
    QTest::keyClicks(value, "3");
    EXPECT_EQ(faults[0].factor, 3);
    steps += 2;
    EXPECT_EQ(document.undoStack()->count(), steps);

    // Traffic on the producer.
    add->click();
    ASSERT_EQ(faults.size(), 2u);
    EXPECT_EQ(faults[1].at, sim::Duration::seconds(130));
    choose(field<QComboBox>(&inspector, "faultKind1"), int(FaultKind::Traffic));
    choose(field<QComboBox>(&inspector, "faultTarget1"), "web");
    EXPECT_EQ(faults[1].target, "web");
    EXPECT_EQ(faults[1].kind, FaultKind::Traffic);
    steps += 3;
    EXPECT_EQ(document.undoStack()->count(), steps);

    // Removing the first row moves the second up.
    auto *remove = field<QToolButton>(&inspector, "faultRemove0");
    ASSERT_TRUE(remove);
    remove->click();
    ASSERT_EQ(faults.size(), 1u);
    EXPECT_EQ(faults[0].target, "web");
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    document.undoStack()->undo();
    ASSERT_EQ(faults.size(), 2u);
    EXPECT_EQ(faults[0].kind, FaultKind::Latency);
    EXPECT_EQ(faults[0].factor, 3);
    EXPECT_EQ(field<QComboBox>(&inspector, "faultKind0")->currentData().toInt(), int(FaultKind::Latency));
}

TEST(InspectorFaults, ACrashTakesTheNumberOfInstances)
{
    TopologyDocument document;
    addNode<models::ServiceSpec>(document, NodeKind::Service, "billing", [](models::ServiceSpec &s) { s.workers = 4; });
    Inspector inspector(&document);
    inspector.resize(420, 900);
    inspector.show();
    inspector.setSelection({}, {});
    const auto &faults = document.topology().faults;
    field<QPushButton>(&inspector, "addFault")->click();
    choose(field<QComboBox>(&inspector, "faultKind0"), int(FaultKind::Crash));
    ASSERT_EQ(faults.size(), 1u);
    EXPECT_EQ(faults[0].kind, FaultKind::Crash);
    auto *value = field<NumberField>(&inspector, "faultValue0");
    EXPECT_TRUE(value->isVisibleTo(&inspector));
    EXPECT_EQ(value->value(), 1); // one instance by default
    value->selectAll();
    QTest::keyClicks(value, "2");
    EXPECT_EQ(faults[0].instances, 2);
    const std::string saved = models::serializeTopology(document.topology());
    EXPECT_NE(saved.find("\"instances\": 2"), std::string::npos) << saved;
}

TEST(InspectorFaults, APartitionNamesItsPeerFromEveryNode)
{
    TopologyDocument document;
    addNode<models::ServiceSpec>(document, NodeKind::Service, "payments");
    addNode<models::QueueSpec>(document, NodeKind::Queue, "orders-q");
    addNode<models::SinkSpec>(document, NodeKind::Sink, "done");
    document.changeFaults("Setup", {FaultSpec{sim::Duration::seconds(5), std::nullopt, "payments"}});
    Inspector inspector(&document);
    inspector.resize(420, 900);
    inspector.show();
    inspector.setSelection({}, {});
    const auto &faults = document.topology().faults;
    int steps = document.undoStack()->count();
    auto *peer = field<QComboBox>(&inspector, "faultPeer0");
    ASSERT_TRUE(peer);
    EXPECT_FALSE(peer->isVisibleTo(&inspector));

    // Turned into a partition: the first other node, to start from.
    choose(field<QComboBox>(&inspector, "faultKind0"), int(FaultKind::Partition));
    ASSERT_EQ(faults.size(), 1u);
    EXPECT_EQ(faults[0].kind, FaultKind::Partition);
    EXPECT_EQ(faults[0].peer, "orders-q");
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    EXPECT_TRUE(peer->isVisibleTo(&inspector));
    EXPECT_FALSE(field<NumberField>(&inspector, "faultValue0")->isVisibleTo(&inspector));
    // Queues and sinks are peers too (not targets).
    EXPECT_EQ(peer->count(), 3);
    choose(peer, "done");
    EXPECT_EQ(faults[0].peer, "done");
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    document.undoStack()->undo();
    EXPECT_EQ(faults[0].peer, "orders-q");
    EXPECT_EQ(peer->currentData().toString(), "orders-q");
}

TEST(InspectorFaults, ARefusedDurationIsNotApplied)
{
    TopologyDocument document;
    addNode<models::ServiceSpec>(document, NodeKind::Service, "payments");
    document.changeFaults("Setup", {FaultSpec{sim::Duration::seconds(5), std::nullopt, "payments"}});
    Inspector inspector(&document);
    inspector.resize(420, 900);
    inspector.show();
    inspector.setSelection({}, {});
    const int steps = document.undoStack()->count();
    auto *at = field<DurationEdit>(&inspector, "faultAt0");
    at->selectAll();
    QTest::keyClicks(at, "soon");
    EXPECT_EQ(document.topology().faults[0].at, sim::Duration::seconds(5));
    EXPECT_EQ(document.undoStack()->count(), steps);
    EXPECT_FALSE(at->problem().isEmpty());
}

// Set ASYNCSIM_SCREENSHOT_DIR to look at the faults table, light and dark.
TEST(InspectorFaults, RendersTheTableOfFlakyPayments)
{
    TopologyDocument document;
    document.load(models::loadTopologyFile(ASYNCSIM_SOURCE_DIR "/resources/examples/flaky-payments.json"));
    document.changeFaults("Setup", [&] {
        auto faults = document.topology().faults;
        FaultSpec latency;
        latency.at = sim::Duration::seconds(30);
        latency.duration = sim::Duration::seconds(20);
        latency.target = "orders";
        latency.kind = FaultKind::Latency;
        latency.factor = 4;
        faults.push_back(latency);
        return faults;
    }());
    for (const bool dark : {false, true}) {
        Inspector inspector(&document);
        if (dark)
            inspector.setPalette(darkPalette());
        inspector.resize(360, 1000);
        inspector.show();
        inspector.setSelection({}, {});
        QTest::qWait(20);
        EXPECT_EQ(field<QComboBox>(&inspector, "faultTarget0")->currentText(), "payments");
        EXPECT_EQ(field<QComboBox>(&inspector, "faultMode0")->currentData().toInt(), int(OutageMode::Hang));
        EXPECT_EQ(field<DurationEdit>(&inspector, "faultFor0")->text(), "1m");
        // The table fits the dock: the last column's button is inside it.
        auto *remove = field<QToolButton>(&inspector, "faultRemove0");
        EXPECT_LE(remove->mapTo(&inspector, QPoint(remove->width(), 0)).x(), inspector.width());
        if (const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR"); !dir.isEmpty())
            inspector.grab().save(QStringLiteral("%1/faults-table-%2.png").arg(dir, dark ? "dark" : "light"));
    }
}
