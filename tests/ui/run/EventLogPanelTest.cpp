// The event log as a user reads it: formatted times, places, filters, the
// bound on its length, following the newest entry, and activation.
#include "ui/run/EventLogPanel.h"

#include "../charts/SyntheticRun.h"
#include "ui/run/EventLogFilter.h"
#include "ui/run/EventLogModel.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::testing;
using models::RunLogEntry;
using models::RunLogKind;
using ui::EventLogModel;
using ui::EventLogPanel;

namespace {

RunLogEntry entry(double at, RunLogKind kind, int node, int edge, std::string text)
{
    return {sim::Time::fromSeconds(at), kind, node, edge, std::move(text)};
}

// What a minute of the synthetic run might log.
std::vector<RunLogEntry> story()
{
    return {entry(0.5, RunLogKind::OverflowRejected, Q, -1, "full: 100 of 100"),
            entry(10, RunLogKind::WarmupEnded, -1, -1, "statistics reset"),
            entry(20.25, RunLogKind::BreakerTransition, S, SK, "closed → open: failure rate 60% ≥ 50%"),
            entry(21, RunLogKind::DeadLettered, D, -1, "max-receives"),
            entry(30, RunLogKind::BreakerTransition, S, SK, "open → half-open"),
            entry(33, RunLogKind::BreakerTransition, S, SK, "half-open → open: failure rate 67% ≥ 50%"),
            entry(62.35, RunLogKind::DeadLettered, D, -1, "rejected"),
            entry(3723.0005, RunLogKind::FaultStarted, S, -1, "s is down for 30s")};
}

QString cell(const EventLogPanel &panel, int row, int column)
{
    const QAbstractItemModel *m = panel.view()->model();
    return m->data(m->index(row, column)).toString();
}

} // namespace

TEST(EventLogModel, FormatsSimulatedTimeToTheMillisecond)
{
    EXPECT_EQ(EventLogModel::formatTime(sim::Time::zero()), "0.000s");
    EXPECT_EQ(EventLogModel::formatTime(sim::Time::fromSeconds(2.35)), "2.350s");
    EXPECT_EQ(EventLogModel::formatTime(sim::Time::fromSeconds(62.35)), "1m 02.350s");
    EXPECT_EQ(EventLogModel::formatTime(sim::Time::fromSeconds(59.9996)), "1m 00.000s");
    EXPECT_EQ(EventLogModel::formatTime(sim::Time::fromSeconds(3723.0005)), "1h 02m 03.001s");
    EXPECT_EQ(EventLogModel::formatTime(sim::Time::fromNs(1'499'999)), "0.001s");
}

TEST(EventLogPanel, ShowsTimeKindPlaceAndText)
{
    EventLogPanel panel;
    panel.startRun(syntheticTopology());
    panel.append(story());
    ASSERT_EQ(panel.view()->model()->rowCount(), 8);
    EXPECT_EQ(cell(panel, 0, EventLogModel::TimeColumn), "0.500s");
    EXPECT_EQ(cell(panel, 0, EventLogModel::KindColumn), "overflow");
    EXPECT_EQ(cell(panel, 0, EventLogModel::WhereColumn), "q");
    EXPECT_EQ(cell(panel, 1, EventLogModel::WhereColumn), "");
    EXPECT_EQ(cell(panel, 2, EventLogModel::WhereColumn), "s → k"); // the edge, not only its caller
    EXPECT_EQ(cell(panel, 2, EventLogModel::TextColumn), "closed → open: failure rate 60% ≥ 50%");
    EXPECT_EQ(cell(panel, 6, EventLogModel::TimeColumn), "1m 02.350s");
    EXPECT_EQ(panel.statusText(), "8 entries");
}

TEST(EventLogPanel, FiltersByKindAndByText)
{
    EventLogPanel panel;
    panel.startRun(syntheticTopology());
    panel.append(story());
    panel.setKindShown(RunLogKind::BreakerTransition, false);
    EXPECT_EQ(panel.view()->model()->rowCount(), 5);
    EXPECT_EQ(panel.statusText(), "5 of 8 shown");
    panel.setKindShown(RunLogKind::BreakerTransition, true);
    // The text matches the place or the text, whatever the case.
    auto *search = panel.findChild<QLineEdit *>("eventLogSearch");
    ASSERT_NE(search, nullptr);
    QTest::keyClicks(search, "HALF-OPEN");
    EXPECT_EQ(panel.view()->model()->rowCount(), 2);
    search->clear();
    panel.setFilterText("s → k");
    EXPECT_EQ(panel.view()->model()->rowCount(), 3);
    EXPECT_EQ(search->text(), "s → k");
    // Both at once; new entries pass the same filter.
    panel.setKindShown(RunLogKind::BreakerTransition, false);
    EXPECT_EQ(panel.view()->model()->rowCount(), 0);
    EXPECT_TRUE(panel.findChild<QLabel *>("eventLogPlaceholder")->text().contains("No entry matches"));
    panel.setKindShown(RunLogKind::BreakerTransition, true);
    panel.append({entry(70, RunLogKind::BreakerTransition, S, SK, "open → half-open"),
                  entry(71, RunLogKind::DeadLettered, D, -1, "rejected")});
    EXPECT_EQ(panel.view()->model()->rowCount(), 4);
}

TEST(EventLogPanel, KeepsTheNewestEntriesAndSaysHowManyWereDropped)
{
    EventLogPanel panel;
    panel.startRun(syntheticTopology());
    panel.model()->setCapacity(5000);
    for (int batch = 0; batch < 60; ++batch) {
        std::vector<RunLogEntry> entries;
        for (int i = 0; i < 100; ++i)
            entries.push_back(
                entry(batch * 100 + i, RunLogKind::OverflowRejected, Q, -1, std::to_string(batch * 100 + i)));
        panel.append(entries);
    }
    EXPECT_EQ(panel.model()->rowCount(), 5000);
    EXPECT_EQ(panel.model()->droppedCount(), 1000u);
    EXPECT_EQ(cell(panel, 0, EventLogModel::TextColumn), "1000");
    EXPECT_EQ(cell(panel, 4999, EventLogModel::TextColumn), "5999");
    EXPECT_EQ(panel.statusText(), "5000 entries · 1000 older dropped");
    // A batch longer than the whole log keeps only its newest entries.
    std::vector<RunLogEntry> flood;
    for (int i = 0; i < 7000; ++i)
        flood.push_back(entry(6000 + i, RunLogKind::DeadLettered, D, -1, std::to_string(i)));
    panel.append(flood);
    EXPECT_EQ(panel.model()->rowCount(), 5000);
    EXPECT_EQ(panel.model()->droppedCount(), 1000u + 5000u + 2000u);
    EXPECT_EQ(cell(panel, 0, EventLogModel::TextColumn), "2000");
}

TEST(EventLogPanel, FollowsTheNewestEntryUnlessScrolledUp)
{
    EventLogPanel panel;
    panel.resize(700, 240);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    panel.startRun(syntheticTopology());
    std::vector<RunLogEntry> many;
    for (int i = 0; i < 200; ++i)
        many.push_back(entry(i, RunLogKind::OverflowRejected, Q, -1, "full"));
    panel.append(many);
    QScrollBar *scroll = panel.view()->verticalScrollBar();
    EXPECT_GT(scroll->maximum(), 0);
    EXPECT_EQ(scroll->value(), scroll->maximum());
    EXPECT_TRUE(panel.isFollowing());
    // The user scrolls up: new entries no longer move the view.
    scroll->triggerAction(QAbstractSlider::SliderPageStepSub);
    EXPECT_FALSE(panel.isFollowing());
    const int where = scroll->value();
    panel.append({entry(300, RunLogKind::DeadLettered, D, -1, "rejected")});
    EXPECT_EQ(scroll->value(), where);
    // Back at the bottom: following again.
    scroll->triggerAction(QAbstractSlider::SliderToMaximum);
    EXPECT_TRUE(panel.isFollowing());
    panel.append({entry(301, RunLogKind::DeadLettered, D, -1, "rejected")});
    EXPECT_EQ(scroll->value(), scroll->maximum());
}

TEST(EventLogPanel, ActivatingAnEntryNamesItsNodeOrEdge)
{
    EventLogPanel panel;
    panel.resize(700, 300);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    panel.startRun(syntheticTopology());
    panel.append(story());
    QSignalSpy spy(&panel, &EventLogPanel::entryActivated);
    QTableView *view = panel.view();
    const auto click = [&](int row) {
        const QRect r = view->visualRect(view->model()->index(row, EventLogModel::TextColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, r.center());
    };
    click(0);
    click(2);
    click(1);
    ASSERT_EQ(spy.size(), 3);
    EXPECT_EQ(spy[0], (QList<QVariant>{Q, -1}));
    EXPECT_EQ(spy[1], (QList<QVariant>{-1, SK}));
    EXPECT_EQ(spy[2], (QList<QVariant>{-1, -1}));
    // The activation that follows a click (a double click, or a desktop that
    // activates on one click) does not ask a second time.
    click(3);
    Q_EMIT view->activated(view->model()->index(3, EventLogModel::TextColumn));
    ASSERT_EQ(spy.size(), 4);
    EXPECT_EQ(spy[3], (QList<QVariant>{D, -1}));
    // Through a filter the row maps back to the right entry.
    panel.setFilterText("rejected");
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Return);
    ASSERT_EQ(spy.size(), 5);
    EXPECT_EQ(spy[4], (QList<QVariant>{D, -1}));
}

TEST(EventLogPanel, ClearLeavesNothingAndSaysWhatWillAppear)
{
    EventLogPanel panel;
    panel.show();
    panel.startRun(syntheticTopology());
    panel.append(story());
    panel.clear();
    EXPECT_EQ(panel.model()->rowCount(), 0);
    EXPECT_EQ(panel.model()->droppedCount(), 0u);
    EXPECT_EQ(panel.statusText(), "0 entries");
    auto *placeholder = panel.findChild<QLabel *>("eventLogPlaceholder");
    EXPECT_TRUE(placeholder->isVisible());
    EXPECT_TRUE(placeholder->text().contains("No events yet"));
}

// Set ASYNCSIM_SCREENSHOT_DIR to look at the log.
TEST(EventLogPanel, Renders)
{
    EventLogPanel panel;
    panel.resize(820, 260);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        panel.grab().save(dir + "/event-log-empty.png");
    panel.startRun(syntheticTopology());
    panel.append(story());
    panel.setKindShown(RunLogKind::WarmupEnded, false);
    QTest::qWait(20);
    if (!dir.isEmpty())
        panel.grab().save(dir + "/event-log.png");
    EXPECT_EQ(panel.view()->model()->rowCount(), 7);
}
