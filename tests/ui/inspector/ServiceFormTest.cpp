// The inspector's service page: failure mode, versions read and the
// upcaster chain, each edit one undo step; and the poison fault in the
// faults table.
#include "InspectorTestSupport.h"

#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/Inspector.h"
#include "ui/inspector/NumberField.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::FailureMode;
using models::NodeKind;
using models::ServiceSpec;

namespace {

void choose(QComboBox *box, const QVariant &data)
{
    ASSERT_TRUE(box);
    box->setCurrentIndex(box->findData(data));
    Q_EMIT box->activated(box->currentIndex());
}

} // namespace

TEST(InspectorService, EditsFailureModeVersionsAndUpcasters)
{
    TopologyDocument document;
    const ComponentId service = addNode<ServiceSpec>(document, NodeKind::Service, "billing");
    Inspector inspector(&document);
    inspector.resize(360, 1200);
    inspector.show();
    inspector.setSelection({service}, {});
    const auto spec = [&] { return std::get<ServiceSpec>(document.node(service).params); };
    int steps = document.undoStack()->count();

    choose(field<QComboBox>(&inspector, "failureMode"), int(FailureMode::Hang));
    EXPECT_EQ(spec().failureMode, FailureMode::Hang);
    EXPECT_EQ(document.undoStack()->count(), ++steps);

    // Typing "v2, v1" is one step, read as {1, 2}; a bad name is refused.
    auto *accepts = field<QLineEdit>(&inspector, "accepts");
    ASSERT_TRUE(accepts);
    accepts->setFocus();
    QTest::keyClicks(accepts, "v2, v1");
    EXPECT_EQ(spec().accepts, (std::vector<int>{1, 2}));
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    QTest::keyClicks(accepts, ", x");
    EXPECT_EQ(spec().accepts, (std::vector<int>{1, 2}));

    // Adding an upcaster is a step of its own; typing its cost another.
    auto *add = field<QPushButton>(&inspector, "addUpcaster");
    ASSERT_TRUE(add);
    add->click();
    ASSERT_EQ(spec().upcasters.size(), 1u);
    EXPECT_EQ(spec().upcasters[0].from, 1);
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    auto *cost = field<DurationEdit>(&inspector, "upcastCost0");
    ASSERT_TRUE(cost);
    cost->selectAll();
    QTest::keyClicks(cost, "5ms");
    EXPECT_EQ(spec().upcasters[0].cost, sim::Distribution::constant(0.005));
    EXPECT_EQ(document.undoStack()->count(), ++steps);

    document.undoStack()->undo();
    document.undoStack()->undo();
    EXPECT_TRUE(spec().upcasters.empty());
    document.undoStack()->undo();
    EXPECT_TRUE(spec().accepts.empty());
    document.undoStack()->undo();
    EXPECT_EQ(spec().failureMode, FailureMode::Error);
}

TEST(InspectorService, ThePoisonFaultTakesAShareOfAProducersMessages)
{
    TopologyDocument document;
    addNode<models::ProducerSpec>(document, NodeKind::Producer, "web");
    addNode<ServiceSpec>(document, NodeKind::Service, "payments");
    Inspector inspector(&document);
    inspector.resize(420, 900);
    inspector.show();
    inspector.setSelection({}, {});
    const auto &faults = document.topology().faults;

    field<QPushButton>(&inspector, "addFault")->click();
    ASSERT_EQ(faults.size(), 1u);
    choose(field<QComboBox>(&inspector, "faultKind0"), int(models::FaultKind::Poison));
    choose(field<QComboBox>(&inspector, "faultTarget0"), "web");
    EXPECT_EQ(faults[0].kind, models::FaultKind::Poison);
    EXPECT_EQ(faults[0].target, "web");
    EXPECT_DOUBLE_EQ(faults[0].share, 0.1); // the default until one is typed
    const int steps = document.undoStack()->count();
    auto *value = field<NumberField>(&inspector, "faultValue0");
    ASSERT_TRUE(value);
    EXPECT_TRUE(value->isVisibleTo(&inspector));
    value->selectAll();
    QTest::keyClicks(value, "0.25");
    EXPECT_DOUBLE_EQ(faults[0].share, 0.25);
    EXPECT_EQ(faults[0].count, 0u);
    EXPECT_GT(document.undoStack()->count(), steps);
}
