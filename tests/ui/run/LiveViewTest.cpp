// The live run in the main window: the Run menu drives the controller, the
// canvas overlays show the snapshot's numbers and vanish on Reset, the
// inspector shows the selected node's live numbers, and edits of workers go
// to the running simulation. Set ASYNCSIM_SCREENSHOT_DIR to keep pictures.
#include "ui/MainWindow.h"
#include "ui/TopologyDocument.h"
#include "ui/canvas/TopologyScene.h"
#include "ui/run/LinkOverlayItem.h"
#include "ui/run/LiveStatsView.h"
#include "ui/run/LiveStyle.h"
#include "ui/run/NodeOverlayItem.h"
#include "ui/run/RunController.h"
#include "ui/run/RunOverlay.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

#include <functional>

using namespace asyncsim;
using namespace asyncsim::ui;
using State = RunController::State;

namespace {

bool waitFor(const std::function<bool()> &done, int ms = 60000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        QTest::qWait(5);
    }
    return true;
}

int overlayCount(const MainWindow &w)
{
    int n = 0;
    for (QGraphicsItem *item : w.scene()->items())
        n += item->type() == NodeOverlayItem::Type || item->type() == LinkOverlayItem::Type;
    return n;
}

void setFastest(MainWindow &w)
{
    w.speedCombo()->setCurrentIndex(w.speedCombo()->count() - 1);
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Button, QColor(55, 55, 58));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::Mid, QColor(80, 80, 84));
    return dark;
}

} // namespace

TEST(LiveView, BadgesShowTheResultsAndResetRemovesTheOverlays)
{
    MainWindow w;
    w.show();
    ASSERT_TRUE(w.openExample("redelivery-and-dead-letters.json"));
    setFastest(w);
    RunController *controller = w.runController();
    QSignalSpy finished(controller, &RunController::runFinished);
    w.runAction("run")->trigger();
    EXPECT_EQ(controller->state(), State::Running);
    EXPECT_FALSE(w.runAction("run")->isEnabled());
    EXPECT_TRUE(w.runAction("pause")->isEnabled());
    ASSERT_TRUE(waitFor([&] { return finished.count() == 1; }));
    const models::RunResults &results = *controller->lastResults();

    for (const char *name : {"sqs-dlq", "rabbit-dlq"}) {
        const ComponentId id = w.document()->componentNamed(name);
        NodeOverlayItem *overlay = w.runOverlay()->overlayFor(id);
        ASSERT_TRUE(overlay) << name;
        std::uint64_t received = 0;
        for (const auto &[reason, n] : results.node(name).deadLettersByReason)
            received += n;
        ASSERT_GT(received, 0u) << name;
        EXPECT_EQ(overlay->state().deadLettered, received) << name;
        EXPECT_EQ(overlay->deadLetterBadge(), "DLQ " + live::formatCount(received)) << name;
    }
    // The queue's own badge counts what it gave up on.
    const ComponentId queue = w.document()->componentNamed("sqs-orders");
    EXPECT_EQ(w.runOverlay()->overlayFor(queue)->state().deadLettered, results.node("sqs-orders").deadLettered);
    // Every edge that carried something says how fast.
    const LinkId first = w.document()->linkIds().front();
    ASSERT_TRUE(w.runOverlay()->overlayFor(first));
    EXPECT_TRUE(w.runOverlay()->overlayFor(first)->rateText().endsWith("/s"));
    EXPECT_GT(overlayCount(w), 0);
    EXPECT_TRUE(w.findChild<QLabel *>("runClock")->text().startsWith("t = 10:00"));

    w.runAction("reset")->trigger();
    EXPECT_EQ(controller->state(), State::Idle);
    EXPECT_EQ(overlayCount(w), 0) << "overlays vanish on reset";
    EXPECT_EQ(w.findChild<QLabel *>("runClock")->text(), "Not running");
}

TEST(LiveView, StepEventStartsAPausedRun)
{
    MainWindow w;
    ASSERT_TRUE(w.openExample("checkout.json"));
    RunController *controller = w.runController();
    w.runAction("stepEvent")->trigger();
    EXPECT_EQ(controller->state(), State::Paused);
    ASSERT_TRUE(waitFor([&] {
        controller->refresh();
        return controller->latestSnapshot() && controller->latestSnapshot()->events == 1;
    }));
    EXPECT_EQ(w.runAction("run")->text(), "&Continue");
    // Opening another document ends the run.
    ASSERT_TRUE(w.openExample("mm1-queue.json"));
    EXPECT_EQ(controller->state(), State::Idle);
    EXPECT_EQ(overlayCount(w), 0);
}

TEST(LiveView, InspectorShowsTheSelectedNodesLiveNumbers)
{
    MainWindow w;
    w.show();
    ASSERT_TRUE(w.openExample("checkout.json"));
    EXPECT_TRUE(w.liveStats()->isHidden()) << "no run, no live section";
    setFastest(w);
    QSignalSpy finished(w.runController(), &RunController::runFinished);
    w.runAction("run")->trigger();
    ASSERT_TRUE(waitFor([&] { return finished.count() == 1; }));
    w.scene()->selectOnly({w.document()->componentNamed("payments")});
    QTest::qWait(10);
    EXPECT_FALSE(w.liveStats()->isHidden());
    const QString text = w.liveStats()->text();
    EXPECT_TRUE(text.contains("Live: payments")) << text.toStdString();
    EXPECT_TRUE(text.contains("Busy workers")) << text.toStdString();
    const auto completed = w.runController()->lastResults()->node("payments").departures;
    EXPECT_TRUE(text.contains(QString::number(completed))) << text.toStdString();
    // Counters the checkout never moves get no row.
    for (const char *quiet : {"Version rejections", "Upcasts", "Hangs"})
        EXPECT_FALSE(text.contains(QString::fromLatin1(quiet))) << quiet;
}

namespace {

// The live numbers of @p node at the end of the scenario file @p name, run at full speed.
QString liveNumbersAtTheEnd(MainWindow &w, const QString &name, const char *node)
{
    if (!w.openFile(QStringLiteral(ASYNCSIM_SOURCE_DIR "/tests/models/scenarios/") + name + QStringLiteral(".json")))
        return QStringLiteral("cannot open ") + name;
    setFastest(w);
    QSignalSpy finished(w.runController(), &RunController::runFinished);
    w.runAction("run")->trigger();
    if (!waitFor([&] { return finished.count() == 1; }))
        return QStringLiteral("no end of ") + name;
    w.scene()->selectOnly({w.document()->componentNamed(node)});
    QTest::qWait(10);
    return w.liveStats()->text();
}

QString liveRow(const QString &name, const QString &value)
{
    return name + QStringLiteral("</td><td align=\"right\">&nbsp;&nbsp;") + value + QStringLiteral("</td>");
}

} // namespace

// The scenarios' exact counts (see their descriptions), on the node where they happened.
TEST(LiveView, InspectorShowsQueueAndServiceCountersWhereTheyHappened)
{
    MainWindow w;
    w.show();
    struct Case
    {
        const char *scenario;
        const char *node;
        QStringList rows;
    };
    const Case cases[] = {
        {"delivery-limit-43", "q", {liveRow("Requeued", "99")}},
        {"deduplicated-redelivery", "q2", {liveRow("Deduplicated", "1")}},
        {"rolling-upgrade-producers-first", "billing", {liveRow("Version rejections", "50")}},
        {"upcast-on-read", "billing", {liveRow("Upcasts", "50")}},
        {"hanging-callee", "payments", {liveRow("Hangs", "3")}},
        // Prefetch 10: the ten messages went out five to each consumer at
        // once; at the end both hold none.
        {"prefetch-hoarding",
         "q",
         {liveRow("Unacked per consumer", ""), liveRow("&nbsp;&nbsp;slow", "0 / 10 (max 5)"),
          liveRow("&nbsp;&nbsp;fast", "0 / 10 (max 5)")}},
        // The group's assignment at the end: instance 1 (indices from 1 here)
        // kept 0 and 1; 2 and 3 went to instance 2 in the third round.
        {"kafka-cooperative-rebalance",
         "t",
         {liveRow("Group s", "cooperative sticky, 3 rounds"), liveRow("&nbsp;&nbsp;instance 1", "0 1"),
          liveRow("&nbsp;&nbsp;instance 2", "2 3")}},
        // Each replica has a channel of its own; both held two at most.
        {"rabbitmq-replicas-prefetch",
         "q",
         {liveRow("&nbsp;&nbsp;worker, replica 1", "0 / 2 (max 2)"),
          liveRow("&nbsp;&nbsp;worker, replica 2", "0 / 2 (max 2)")}},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.scenario);
        const QString text = liveNumbersAtTheEnd(w, QString::fromLatin1(c.scenario), c.node);
        for (const QString &row : c.rows)
            EXPECT_TRUE(text.contains(row)) << text.toStdString() << "\nwants " << row.toStdString();
        if (const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR"); !dir.isEmpty())
            w.liveStats()->grab().save(dir + "/live-stats-" + c.scenario + ".png");
    }
    // No prefetch limit, no per-consumer rows; nothing requeued, no row.
    const QString plain = liveNumbersAtTheEnd(w, QStringLiteral("deduplicated-redelivery"), "q1");
    EXPECT_FALSE(plain.contains("Unacked per consumer")) << plain.toStdString();
    EXPECT_FALSE(plain.contains("Requeued")) << plain.toStdString();
    EXPECT_FALSE(plain.contains("Deduplicated")) << plain.toStdString();
}

TEST(LiveView, WorkerEditsGoToTheRunningSimulationAndStayUndoable)
{
    MainWindow w;
    ASSERT_TRUE(w.openExample("checkout.json"));
    RunController *controller = w.runController();
    w.runAction("stepEvent")->trigger();
    const ComponentId payments = w.document()->componentNamed("payments");
    const std::size_t index = static_cast<std::size_t>(w.document()->indexOf(payments));
    const int before = std::get<models::ServiceSpec>(w.document()->node(payments).params).workers;
    w.document()->changeComponents({payments}, "workers",
                                   [](models::NodeSpec &n) { std::get<models::ServiceSpec>(n.params).workers = 23; });
    w.runAction("stepEvent")->trigger();
    ASSERT_TRUE(waitFor([&] {
        controller->refresh();
        return controller->latestSnapshot() && controller->latestSnapshot()->events == 2;
    }));
    EXPECT_EQ(controller->latestSnapshot()->nodes[index].workers, 23);
    w.runAction("pause")->trigger();
    w.document()->undoStack()->undo();
    w.runAction("stepEvent")->trigger();
    ASSERT_TRUE(waitFor([&] {
        controller->refresh();
        return controller->latestSnapshot()->events == 3;
    }));
    EXPECT_EQ(controller->latestSnapshot()->nodes[index].workers, before) << "undo goes to the run too";
}

// Pictures of a run in progress, light and dark, when ASYNCSIM_SCREENSHOT_DIR is set.
TEST(LiveView, RendersARunInProgress)
{
    MainWindow w;
    w.resize(1400, 860);
    w.show();
    ASSERT_TRUE(w.openExample("redelivery-and-dead-letters.json"));
    w.speedCombo()->setCurrentIndex(w.speedCombo()->findData(100.0));
    RunController *controller = w.runController();
    w.runAction("run")->trigger();
    ASSERT_TRUE(waitFor([&] {
        return controller->latestSnapshot() && controller->latestSnapshot()->now > sim::Time::fromSeconds(120);
    }));
    w.scene()->selectOnly({w.document()->componentNamed("sqs-worker")});
    QTest::qWait(300);
    EXPECT_GT(overlayCount(w), 0);
    const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        w.grab().save(dir + "/live-run.png");
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette());
        QTest::qWait(300);
        w.grab().save(dir + "/live-run-dark.png");
        QApplication::setPalette(light);
        ASSERT_TRUE(w.openExample("kafka-consumer-groups.json"));
        w.runAction("run")->trigger();
        QTest::qWait(1500);
        w.grab().save(dir + "/live-run-kafka.png");
        ASSERT_TRUE(w.openExample("backpressure-bounded-queue.json"));
        w.runAction("run")->trigger();
        QTest::qWait(1500);
        w.grab().save(dir + "/live-run-backpressure.png");
    }
    w.runAction("reset")->trigger();
    EXPECT_EQ(overlayCount(w), 0);
}

TEST(LiveView, DotsAreAnEvenSampleInTheClassesProportions)
{
    // A straight edge of 400 px: room for 24 dots, started at most 24 per
    // travel time (0.8 s). Refreshes every 0.05 s: 1.5 dots' worth each, so
    // 1, 2, 1, 2, ...: 18 in 12 refreshes, the oldest 0.6875 of the way along.
    QGraphicsScene scene;
    auto *parent = new QGraphicsRectItem;
    scene.addItem(parent);
    auto *overlay = new LinkOverlayItem(parent);
    QPainterPath line(QPointF(0, 0));
    line.lineTo(400, 0);
    overlay->setCurve(line, QPointF(200, 0));
    // A quarter retries: by error diffusion dots 3, 7, 11 and 15 are retries.
    std::array<std::uint64_t, static_cast<std::size_t>(models::MessageClass::Count)> crossed{};
    crossed[static_cast<std::size_t>(models::MessageClass::Normal)] = 750;
    crossed[static_cast<std::size_t>(models::MessageClass::Retry)] = 250;
    for (int frame = 0; frame < 12; ++frame)
        overlay->advance(0.05, crossed, 20000);
    EXPECT_EQ(overlay->dotCount(), 18u);
    EXPECT_EQ(overlay->dotCount(models::MessageClass::Retry), 4u);
    EXPECT_EQ(overlay->rateText(), "20.0k/s");
}
