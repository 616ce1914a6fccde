// The producer page's tables: rate profile and versions, one undo step per
// change, and what they refuse.
#include "InspectorTestSupport.h"
#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/FieldProblem.h"
#include "ui/inspector/Inspector.h"
#include "ui/inspector/NumberField.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::NodeKind;
using models::ProducerSpec;

namespace {

const ProducerSpec &producerSpec(const TopologyDocument &document, ComponentId id)
{
    return std::get<ProducerSpec>(document.node(id).params);
}

void retype(QWidget *field, const QString &text)
{
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->selectAll();
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        spin->selectAll();
    QTest::keyClicks(field, text);
}

} // namespace

TEST(InspectorProducer, RateProfilePointsAreAddedEditedAndRemoved)
{
    TopologyDocument document;
    const ComponentId producer = addNode<ProducerSpec>(document, NodeKind::Producer, "p");
    Inspector inspector(&document);
    inspector.show();
    inspector.setSelection({producer}, {});
    auto *add = field<QPushButton>(&inspector, "addPoint");
    ASSERT_TRUE(add);

    const int before = document.undoStack()->count();
    add->click();
    add->click();
    EXPECT_EQ(document.undoStack()->count(), before + 2) << "each click is a step";
    ASSERT_EQ(producerSpec(document, producer).profile.size(), 2u);
    EXPECT_EQ(producerSpec(document, producer).profile[0].at, sim::Duration::seconds(10));
    EXPECT_EQ(producerSpec(document, producer).profile[1].at, sim::Duration::seconds(20));

    const int steps = document.undoStack()->count();
    retype(field<NumberField>(&inspector, "pointFactor1"), "3");
    EXPECT_EQ(producerSpec(document, producer).profile[1].factor, 3);
    EXPECT_EQ(document.undoStack()->count(), steps + 1);

    // A point before the previous one is refused, with the reason.
    auto *at = field<DurationEdit>(&inspector, "pointAt1");
    retype(at, "5s");
    EXPECT_EQ(producerSpec(document, producer).profile[1].at, sim::Duration::seconds(20));
    EXPECT_TRUE(FieldProblem::of(at).startsWith("must be later than the previous point"));
    retype(at, "45s");
    EXPECT_EQ(producerSpec(document, producer).profile[1].at, sim::Duration::seconds(45));
    EXPECT_TRUE(FieldProblem::of(at).isEmpty());

    // Removing the first point moves the second up.
    auto buttons = inspector.findChildren<QToolButton *>();
    QToolButton *removeFirst = nullptr;
    for (QToolButton *b : buttons)
        if (b->toolTip() == "Remove this point" && !removeFirst)
            removeFirst = b;
    ASSERT_TRUE(removeFirst);
    removeFirst->click();
    ASSERT_EQ(producerSpec(document, producer).profile.size(), 1u);
    EXPECT_EQ(producerSpec(document, producer).profile[0].at, sim::Duration::seconds(45));
    EXPECT_EQ(producerSpec(document, producer).profile[0].factor, 3);
    EXPECT_FALSE(producerSpec(document, producer).profile[0].ramp) << "the first point has nothing to ramp from";
    EXPECT_EQ(document.undoStack()->undoText(), "Change Rate Profile Points");
    document.undoStack()->undo();
    ASSERT_EQ(producerSpec(document, producer).profile.size(), 2u);
    EXPECT_EQ(field<DurationEdit>(&inspector, "pointAt1")->text(), "45s");
}

TEST(InspectorProducer, VersionsWarnAboutSharesAndRefuseDuplicates)
{
    TopologyDocument document;
    const ComponentId producer = addNode<ProducerSpec>(document, NodeKind::Producer, "p");
    Inspector inspector(&document);
    inspector.show();
    inspector.setSelection({producer}, {});
    auto *add = field<QPushButton>(&inspector, "addVersion");
    ASSERT_TRUE(add);
    add->click();
    add->click();
    const auto &versions = producerSpec(document, producer).versions;
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].version, 1);
    EXPECT_EQ(versions[0].share, 1);
    EXPECT_EQ(versions[1].version, 2);
    EXPECT_EQ(versions[1].share, 0);

    // Shares not adding up to 1 are applied (fixing takes two edits), with a warning.
    retype(field<NumberField>(&inspector, "share0"), "0.8");
    EXPECT_EQ(producerSpec(document, producer).versions[0].share, 0.8);
    QLabel *warning = nullptr;
    for (QLabel *label : inspector.findChildren<QLabel *>("reason"))
        if (label->text().contains("add up to"))
            warning = label;
    ASSERT_TRUE(warning);
    EXPECT_TRUE(warning->isVisibleTo(&inspector));
    retype(field<NumberField>(&inspector, "share1"), "0.2");
    EXPECT_EQ(producerSpec(document, producer).versions[1].share, 0.2);
    EXPECT_FALSE(warning->isVisibleTo(&inspector));

    // The same version twice would be one key twice in the file: refused.
    auto *second = field<NumberField>(&inspector, "version1");
    retype(second, "1");
    EXPECT_EQ(producerSpec(document, producer).versions[1].version, 2);
    EXPECT_FALSE(FieldProblem::of(second).isEmpty());
}

TEST(InspectorProducer, ProducersWithDifferentProfilesShowANote)
{
    TopologyDocument document;
    const ComponentId a = addNode<ProducerSpec>(document, NodeKind::Producer, "a", [](ProducerSpec &p) {
        p.profile = {{sim::Duration::seconds(5), 2, false}};
        p.arrivals.rate = 10;
    });
    const ComponentId b
        = addNode<ProducerSpec>(document, NodeKind::Producer, "b", [](ProducerSpec &p) { p.arrivals.rate = 10; });
    Inspector inspector(&document);
    inspector.show();
    inspector.setSelection({a, b}, {});
    EXPECT_EQ(inspector.findChild<DurationEdit *>("pointAt0"), nullptr);
    EXPECT_FALSE(field<NumberField>(&inspector, "rate")->isMixed()) << "the rate is the same";
    const int steps = document.undoStack()->count();
    field<QPushButton>(&inspector, "addPoint")->click();
    EXPECT_EQ(producerSpec(document, a).profile, producerSpec(document, b).profile);
    EXPECT_EQ(producerSpec(document, a).profile.size(), 1u);
    EXPECT_EQ(document.undoStack()->count(), steps + 1);
}
