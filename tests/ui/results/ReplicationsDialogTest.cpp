// The replications dialog: runs in the background, shows every metric with
// its interval, saves JSON and CSV, and cancels cleanly.
#include "ui/results/ReplicationsDialog.h"
#include "ui/results/ReplicationsTable.h"

#include "models/EstimateText.h"
#include "models/ReplicationSummary.h"
#include "models/Replications.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui;

namespace {

// M/M/1, λ = 0.5, μ = 1, over @p seconds.
models::Topology mm1(double seconds)
{
    models::ProducerSpec p;
    p.arrivals.rate = 0.5;
    models::ServiceSpec s;
    s.serviceTime = sim::Distribution::exponential(1.0);
    models::Topology t;
    t.name = "M/M/1";
    t.simulation.duration = sim::Duration::fromSeconds(seconds);
    t.nodes = {{"in", {0, 0}, p}, {"s", {200, 0}, s}};
    t.edges = {{"in", "s", models::EdgeMode::Publish, std::nullopt}};
    return t;
}

} // namespace

TEST(ReplicationsDialog, RunsAndShowsEveryMetricWithItsInterval)
{
    const models::Topology t = mm1(2000);
    ReplicationsDialog dialog(t);
    dialog.setCount(4);
    dialog.show();
    QSignalSpy finished(&dialog, &ReplicationsDialog::studyFinished);
    dialog.start();
    EXPECT_TRUE(dialog.isRunning());
    EXPECT_EQ(dialog.findChild<QPushButton *>("run")->text(), "Cancel");
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_FALSE(dialog.isRunning());
    ASSERT_TRUE(dialog.summary());
    EXPECT_EQ(dialog.summary()->replications, 4);

    // The table shows the same numbers as the models' own summary of the same seeds.
    const models::ReplicationSummary expected
        = models::summarizeReplications(models::runReplications(t, 4, t.simulation.seed));
    const models::Metric *util = expected.nodes[1].find("utilisation");
    QTreeWidgetItem *row = dialog.table()->row("s", "utilisation");
    ASSERT_NE(row, nullptr);
    EXPECT_TRUE(row->text(1).contains(" ± ")) << row->text(1).toStdString();
    EXPECT_EQ(row->text(4), "4");
    // Low, written to the precision the half-width allows.
    EXPECT_EQ(row->text(2).toStdString(), models::formatFor(util->estimate).number(util->estimate.low()));
    EXPECT_TRUE(dialog.findChild<QLabel *>("status")->text().contains("The ledger balances in every run."));

    QTemporaryDir dir;
    ASSERT_TRUE(dialog.saveTo(dir.filePath("r.json")));
    ASSERT_TRUE(dialog.saveTo(dir.filePath("r.csv")));
    QFile json(dir.filePath("r.json"));
    ASSERT_TRUE(json.open(QIODevice::ReadOnly));
    EXPECT_TRUE(json.readAll().contains("\"replications\": 4"));
    QFile csv(dir.filePath("r.csv"));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    EXPECT_TRUE(csv.readLine().startsWith("group,kind,metric,mean,halfWidth,low,high,n"));

    if (const QByteArray shots = qgetenv("ASYNCSIM_SCREENSHOT_DIR"); !shots.isEmpty())
        dialog.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath("replications.png"));
}

TEST(ReplicationsDialog, CancelStopsTheRunAndKeepsNoResults)
{
    ReplicationsDialog dialog(mm1(5e6)); // long: minutes of work per replication
    dialog.setCount(20);
    dialog.start();
    QTest::qWait(50);
    auto *run = dialog.findChild<QPushButton *>("run");
    run->click(); // "Cancel"
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 10000);
    EXPECT_FALSE(dialog.summary());
    EXPECT_EQ(dialog.findChild<QLabel *>("status")->text(), "Cancelled.");
    EXPECT_EQ(run->text(), "Run");
}

TEST(ReplicationsDialog, ClosingWhileRunningCancelsAndWaits)
{
    auto *dialog = new ReplicationsDialog(mm1(5e6));
    dialog->start();
    QTest::qWait(20);
    delete dialog; // must neither hang for minutes nor crash
    SUCCEED();
}

TEST(ReplicationsTable, ShowsAnEdgeApartFromAFlowBetweenTheSameNodesAndTimesInTheirUnit)
{
    models::ReplicationSummary s;
    s.replications = 3;
    models::Estimate e;
    e.n = 3;
    e.mean = 0.0125;
    e.halfWidth = 0.0011;
    models::MetricGroup flow{"a -> b", "flow", {{"count", {}, models::MetricUnit::Count}}};
    flow.metrics.front().estimate.mean = 40;
    flow.metrics.front().estimate.n = 3;
    models::MetricGroup edge{"a -> b", "call", {{"callLatency.mean", e, models::MetricUnit::Seconds}}};
    s.flows = {flow};
    s.edges = {edge};
    ReplicationsTable table;
    table.showSummary(s);
    ASSERT_NE(table.row("a -> b", "count"), nullptr);
    EXPECT_EQ(table.row("a -> b", "callLatency.mean"), nullptr) << "the flow has no call latency";
    QTreeWidgetItem *latency = table.row("edge a -> b", "callLatency.mean");
    ASSERT_NE(latency, nullptr);
    EXPECT_EQ(latency->text(1).toStdString(), models::formatDurationEstimate(e));
    EXPECT_EQ(latency->parent()->text(0), "call edge a -> b");
}
