// DurationEdit: what it accepts, what it refuses and why, and what it emits.
#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/FieldProblem.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using asyncsim::sim::Duration;
using asyncsim::ui::DurationEdit;
using asyncsim::ui::FieldProblem;

namespace {

// Types @p text into a cleared @p edit as a user would.
void retype(DurationEdit &edit, const QString &text)
{
    edit.selectAll();
    QTest::keyClick(&edit, Qt::Key_Delete);
    QTest::keyClicks(&edit, text);
}

} // namespace

TEST(DurationEdit, AcceptsDurationsAsTheFilesWriteThem)
{
    DurationEdit edit;
    QSignalSpy spy(&edit, &DurationEdit::durationEdited);
    retype(edit, "250ms");
    EXPECT_EQ(edit.duration(), Duration::milliseconds(250));
    EXPECT_TRUE(edit.problem().isEmpty());
    ASSERT_FALSE(spy.isEmpty());
    EXPECT_EQ(spy.last().at(0).value<Duration>(), Duration::milliseconds(250));

    retype(edit, "2m30s");
    EXPECT_EQ(edit.duration(), Duration::seconds(150));
    EXPECT_EQ(spy.last().at(0).value<Duration>(), Duration::seconds(150));
    EXPECT_TRUE(FieldProblem::of(&edit).isEmpty());
}

TEST(DurationEdit, RefusesTextThatIsNotADurationWithTheReason)
{
    DurationEdit edit;
    edit.setDuration(Duration::seconds(1));
    QSignalSpy spy(&edit, &DurationEdit::durationEdited);
    retype(edit, "fast");
    EXPECT_FALSE(edit.duration());
    EXPECT_TRUE(edit.problem().startsWith("not a duration"));
    EXPECT_EQ(FieldProblem::of(&edit), edit.problem());
    EXPECT_EQ(edit.toolTip(), edit.problem()); // the reason shows on hover too
    EXPECT_TRUE(spy.isEmpty()) << "no letter of \"fast\" makes a duration";

    retype(edit, "5 parsecs");
    EXPECT_FALSE(edit.duration());
    EXPECT_TRUE(edit.problem().contains("e.g. 250ms"));
    // "5 p..." never parses, but the first keystroke "5" alone has no unit either.
    EXPECT_TRUE(spy.isEmpty());
}

TEST(DurationEdit, EmitsOnlyForValidText)
{
    DurationEdit edit;
    QSignalSpy spy(&edit, &DurationEdit::durationEdited);
    // "1" is refused (no unit), "1s" accepted, "1s5" refused, "1s50ms" accepted.
    retype(edit, "1s50ms");
    ASSERT_EQ(spy.count(), 3); // "1s", "1s50m" (50 minutes), "1s50ms"
    EXPECT_EQ(spy.at(0).at(0).value<Duration>(), Duration::seconds(1));
    EXPECT_EQ(spy.last().at(0).value<Duration>(), Duration::milliseconds(1050));
}

TEST(DurationEdit, LimitsGiveTheirOwnReasons)
{
    DurationEdit edit;
    edit.setMinimum(Duration::seconds(1));
    edit.setMaximum(Duration::seconds(60));
    QSignalSpy spy(&edit, &DurationEdit::durationEdited);
    retype(edit, "500ms");
    EXPECT_EQ(edit.problem(), "must be at least 1s");
    retype(edit, "2m");
    EXPECT_EQ(edit.problem(), "must be at most 1m");
    retype(edit, "-5s");
    EXPECT_FALSE(edit.problem().isEmpty());
    EXPECT_TRUE(spy.isEmpty());
    retype(edit, "30s");
    EXPECT_TRUE(edit.problem().isEmpty());
    EXPECT_TRUE(FieldProblem::of(&edit).isEmpty());
    EXPECT_EQ(spy.count(), 1);

    DurationEdit positive;
    positive.setPositive(true);
    retype(positive, "0s");
    EXPECT_EQ(positive.problem(), "must be more than 0");
}

TEST(DurationEdit, AnOptionalFieldMayBeEmptied)
{
    DurationEdit edit;
    edit.setOptional(true, "never");
    edit.setOptionalDuration(Duration::seconds(5));
    QSignalSpy cleared(&edit, &DurationEdit::durationCleared);
    edit.selectAll();
    QTest::keyClick(&edit, Qt::Key_Delete);
    EXPECT_EQ(cleared.count(), 1);
    EXPECT_TRUE(edit.problem().isEmpty());
    EXPECT_EQ(edit.placeholderText(), "never");

    DurationEdit required;
    required.setDuration(Duration::seconds(5));
    QSignalSpy requiredCleared(&required, &DurationEdit::durationCleared);
    required.selectAll();
    QTest::keyClick(&required, Qt::Key_Delete);
    EXPECT_TRUE(requiredCleared.isEmpty());
    EXPECT_FALSE(required.problem().isEmpty());
}

TEST(DurationEdit, SettingTheValueKeepsATextThatReadsAsIt)
{
    DurationEdit edit;
    edit.setDuration(Duration::milliseconds(1500));
    EXPECT_EQ(edit.text(), "1.5s");
    edit.setText("1500ms");
    edit.setDuration(Duration::milliseconds(1500));
    EXPECT_EQ(edit.text(), "1500ms"); // a refresh while typing leaves it alone
    edit.setDuration(Duration::seconds(150));
    EXPECT_EQ(edit.text(), "2m30s");
}
