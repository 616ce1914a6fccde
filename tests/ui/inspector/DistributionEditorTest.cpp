// DistributionEditor: the distribution its fields describe, and what it refuses.
#include "ui/inspector/DistributionEditor.h"
#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/FieldProblem.h"
#include "ui/inspector/NumberField.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using asyncsim::sim::Distribution;
using asyncsim::sim::DistributionKind;
using asyncsim::ui::DistributionEditor;
using asyncsim::ui::DurationEdit;
using asyncsim::ui::FieldProblem;
using asyncsim::ui::NumberField;

namespace {

void retype(QWidget *field, const QString &text)
{
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->selectAll();
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        spin->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

// Picks the kind named @p name as a user does (activated, not just set).
void pick(DistributionEditor &editor, const QString &name)
{
    auto *kind = editor.findChild<QComboBox *>("kind");
    const int index = kind->findText(name);
    ASSERT_GE(index, 0) << name.toStdString();
    kind->setCurrentIndex(index);
    Q_EMIT kind->activated(index);
}

Distribution lastEmitted(const QSignalSpy &spy)
{
    return spy.last().at(0).value<Distribution>();
}

} // namespace

TEST(DistributionEditor, ShowsTheParametersOfTheDistributionGiven)
{
    DistributionEditor editor;
    editor.setDistribution(Distribution::uniform(0.1, 0.3));
    EXPECT_EQ(editor.findChild<QComboBox *>("kind")->currentText(), "uniform");
    EXPECT_EQ(editor.findChild<DurationEdit *>("timeA")->text(), "100ms");
    EXPECT_EQ(editor.findChild<DurationEdit *>("timeB")->text(), "300ms");
    EXPECT_TRUE(editor.findChild<QLabel *>("summary")->text().contains("mean 200 ms"));
    ASSERT_TRUE(editor.distribution());
    EXPECT_EQ(*editor.distribution(), Distribution::uniform(0.1, 0.3));
}

TEST(DistributionEditor, TypingAParameterEmitsTheDistribution)
{
    DistributionEditor editor;
    editor.setDistribution(Distribution::exponential(0.01));
    QSignalSpy spy(&editor, &DistributionEditor::distributionEdited);
    retype(editor.findChild<DurationEdit *>("timeA"), "250ms");
    ASSERT_FALSE(spy.isEmpty());
    EXPECT_EQ(lastEmitted(spy).kind(), DistributionKind::Exponential);
    EXPECT_DOUBLE_EQ(lastEmitted(spy).mean(), 0.25);
}

TEST(DistributionEditor, PickingAKindKeepsTheMean)
{
    DistributionEditor editor;
    editor.setDistribution(Distribution::exponential(0.04));
    QSignalSpy spy(&editor, &DistributionEditor::distributionEdited);
    for (const QString name : {"constant", "uniform", "normal", "lognormal", "gamma / Erlang", "Weibull", "Pareto"}) {
        pick(editor, name);
        ASSERT_FALSE(spy.isEmpty()) << name.toStdString();
        // Derived parameters are rounded to three digits, so the mean is close, not exact.
        EXPECT_NEAR(lastEmitted(spy).mean(), 0.04, 0.0005) << name.toStdString();
    }
    EXPECT_EQ(lastEmitted(spy).kind(), DistributionKind::Pareto);
    EXPECT_EQ(spy.count(), 7);
}

TEST(DistributionEditor, ShapeParametersAreNumbers)
{
    DistributionEditor editor;
    editor.setDistribution(Distribution::gamma(2, 0.05));
    QSignalSpy spy(&editor, &DistributionEditor::distributionEdited);
    retype(editor.findChild<NumberField *>("number"), "4");
    ASSERT_FALSE(spy.isEmpty());
    EXPECT_EQ(lastEmitted(spy).kind(), DistributionKind::Gamma);
    EXPECT_DOUBLE_EQ(lastEmitted(spy).param1(), 4);
    EXPECT_DOUBLE_EQ(lastEmitted(spy).mean(), 0.05);
}

TEST(DistributionEditor, RefusesUniformWithLowAboveHigh)
{
    DistributionEditor editor;
    editor.setDistribution(Distribution::uniform(1, 2));
    QSignalSpy spy(&editor, &DistributionEditor::distributionEdited);
    auto *high = editor.findChild<DurationEdit *>("timeB");
    retype(high, "500ms");
    EXPECT_FALSE(editor.distribution());
    EXPECT_TRUE(FieldProblem::of(high).startsWith("must not be less than low"));
    EXPECT_TRUE(editor.problem().contains("must not be less than low"));
    // "5" and "50" are no durations, "500m" (minutes) is valid, "500ms" is below low.
    for (const QList<QVariant> &emitted : spy)
        EXPECT_GE(emitted.at(0).value<Distribution>().param2(), 1.0);

    // Lowering low fixes it, and the high field's frame goes.
    spy.clear();
    retype(editor.findChild<DurationEdit *>("timeA"), "100ms");
    EXPECT_TRUE(FieldProblem::of(high).isEmpty());
    ASSERT_FALSE(spy.isEmpty());
    EXPECT_EQ(lastEmitted(spy), Distribution::uniform(0.1, 0.5));
}

TEST(DistributionEditor, RefusesAZeroMeanWhereItWouldDivide)
{
    DistributionEditor editor;
    editor.setDistribution(Distribution::exponential(1));
    QSignalSpy spy(&editor, &DistributionEditor::distributionEdited);
    retype(editor.findChild<DurationEdit *>("timeA"), "0s");
    EXPECT_TRUE(spy.isEmpty());
    EXPECT_FALSE(editor.problem().isEmpty());
}

TEST(DistributionEditor, ShowsEmpiricalReadOnlyAndMixedAsADash)
{
    DistributionEditor editor;
    editor.setDistribution(Distribution::empirical({0.1, 0.2, 0.3}));
    auto *kind = editor.findChild<QComboBox *>("kind");
    EXPECT_EQ(kind->currentText(), "empirical (3 values)");
    ASSERT_TRUE(editor.distribution());
    EXPECT_EQ(editor.distribution()->kind(), DistributionKind::Empirical);
    EXPECT_FALSE(editor.findChild<DurationEdit *>("timeA")->isVisibleTo(&editor));

    editor.setMixed();
    EXPECT_EQ(kind->currentIndex(), -1);
    EXPECT_FALSE(editor.distribution());
    QSignalSpy spy(&editor, &DistributionEditor::distributionEdited);
    pick(editor, "exponential");
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(lastEmitted(spy).kind(), DistributionKind::Exponential);
}
