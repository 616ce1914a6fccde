// The charts dock as a user sees it: which charts a focus gets, the points
// they draw, redraws held to ten a second, bounded memory, and pictures.
#include "ui/charts/ChartsPanel.h"

#include "SyntheticRun.h"
#include "ui/charts/LiveChart.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QElapsedTimer>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTest>
#include <QToolTip>
#include <QValueAxis>
#include <QXYSeries>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::testing;
using ui::ChartsPanel;
using ui::LiveChart;

namespace {

QStringList titles(const ChartsPanel &panel)
{
    QStringList out;
    for (const LiveChart *c : panel.charts())
        out.append(c->spec().title);
    return out;
}

std::vector<std::pair<double, double>> pointsOf(const LiveChart *chart, const QString &line)
{
    std::vector<std::pair<double, double>> out;
    if (!chart)
        return out;
    if (const QXYSeries *s = chart->line(line))
        for (const QPointF &p : s->points())
            out.emplace_back(p.x(), p.y());
    return out;
}

using Points = std::vector<std::pair<double, double>>;

// A queue filling up against its bound while the service behind it is
// saturated, a breaker that opens and probes, dead letters piling up, and a
// topic whose third partition lags: one minute of snapshots, once a second.
void feedAStory(ChartsPanel &panel, int seconds = 60)
{
    std::uint64_t dead[2] = {0, 0};
    std::uint64_t rejected = 0;
    for (int i = 0; i <= seconds; ++i) {
        models::RunSnapshot s = syntheticSnapshot(i);
        const auto t = static_cast<std::uint64_t>(i);
        s.nodes[P].arrivals = 12 * t;
        s.nodes[P].drops = i > 40 ? 4 * (t - 40) : 0;
        s.nodes[Q].arrivals = s.nodes[P].arrivals - s.nodes[P].drops;
        s.nodes[Q].departures = 8 * t;
        s.nodes[Q].waiting = std::min<std::uint64_t>(100, 4 * t);
        s.nodes[Q].unacked = 2;
        s.nodes[S].arrivals = 8 * t;
        s.nodes[S].departures = 8 * t - (t > 0 ? 2 : 0);
        s.nodes[S].busyWorkers = i > 2 ? 2 : 1;
        s.nodes[S].responseP50 = i > 0 ? 0.12 + 0.004 * i : 0;
        s.nodes[S].responseP95 = i > 0 ? 0.30 + 0.008 * i : 0;
        s.nodes[S].responseP99 = i > 0 ? 0.45 + 0.012 * i : 0;
        s.nodes[S].duplicates = t / 6;
        s.nodes[S].outOfOrder = t / 15;
        dead[0] += i % 7 == 0 && i > 0 ? 3 : 0;
        dead[1] += i > 30 ? 1 : 0;
        s.nodes[D].deadLettersByReason[0] = dead[0];
        s.nodes[D].deadLettersByReason[2] = dead[1];
        s.nodes[D].waiting = dead[0] + dead[1];
        s.nodes[D].arrivals = dead[0] + dead[1];
        s.nodes[T].arrivals = 6 * t;
        s.nodes[T].departures = 5 * t;
        s.nodes[T].partitionLag = {t % 5, 2 + t % 3, 3 * t / 2};
        s.nodes[T].waiting = t % 5 + 2 + t % 3 + 3 * t / 2;
        s.nodes[K].arrivals = 8 * t;
        using models::CircuitBreakerState;
        const CircuitBreakerState state = i < 20 ? CircuitBreakerState::Closed
                                        : i < 30 ? CircuitBreakerState::Open
                                        : i < 33 ? CircuitBreakerState::HalfOpen
                                        : i < 45 ? CircuitBreakerState::Open
                                        : i < 48 ? CircuitBreakerState::HalfOpen
                                                 : CircuitBreakerState::Closed;
        s.edges[SK].breaker = state;
        s.edges[SK].breakerTransitions = (i >= 20) + (i >= 30) + (i >= 33) + (i >= 45) + (i >= 48);
        rejected += state == CircuitBreakerState::Open ? 5 : 0;
        s.edges[SK].rejectedCalls = rejected;
        s.edges[SK].carried[0] = 8 * t;
        s.edges[SK].carried[1] = t / 2;
        s.edges[PQ].carried[0] = s.nodes[Q].arrivals;
        s.ledger.produced = 12 * t;
        s.ledger.completed = 7 * t;
        s.ledger.dropped = s.nodes[P].drops;
        s.ledger.deadLettered = dead[0] + dead[1];
        s.ledger.inFlight = s.ledger.produced - s.ledger.completed - s.ledger.dropped - s.ledger.deadLettered;
        panel.applySnapshot(s);
    }
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
    dark.setColor(QPalette::Highlight, QColor(64, 128, 230));
    dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    dark.setColor(QPalette::Mid, QColor(80, 80, 84));
    return dark;
}

void screenshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(20);
    w.grab().save(dir + "/" + name + ".png");
}

} // namespace

TEST(ChartsPanel, SaysWhatToDoBeforeARun)
{
    ChartsPanel panel;
    panel.show();
    EXPECT_TRUE(panel.charts().empty());
    auto *placeholder = panel.findChild<QLabel *>("chartsPlaceholder");
    ASSERT_NE(placeholder, nullptr);
    EXPECT_TRUE(placeholder->isVisible());
    EXPECT_TRUE(placeholder->text().contains("Run the topology"));
    panel.setFocus(Q, -1); // remembered for the run
    panel.startRun(syntheticTopology());
    EXPECT_FALSE(placeholder->isVisible());
    EXPECT_EQ(titles(panel), (QStringList{"Backpressure", "Throughput"}));
    EXPECT_EQ(panel.heading(), "Queue q");
}

TEST(ChartsPanel, EachKindGetsItsCharts)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    EXPECT_EQ(titles(panel), (QStringList{"Ledger (whole run)", "Busiest queues"}));
    EXPECT_EQ(panel.heading(), "Whole run");
    panel.setFocus(P, -1);
    EXPECT_EQ(titles(panel), (QStringList{"Offered load"}));
    panel.setFocus(S, -1);
    EXPECT_EQ(titles(panel),
              (QStringList{"Backpressure", "Throughput", "Response time", "Duplicates and out-of-order"}));
    panel.setFocus(D, -1);
    EXPECT_EQ(titles(panel), (QStringList{"Dead letters by reason"}));
    panel.setFocus(T, -1);
    EXPECT_EQ(titles(panel), (QStringList{"Consumer lag (worst group)", "Throughput"}));
    panel.setFocus(K, -1);
    EXPECT_EQ(titles(panel), (QStringList{"Throughput"}));
    panel.setFocus(-1, SK);
    EXPECT_EQ(panel.heading(), "Edge s → k");
    EXPECT_EQ(titles(panel), (QStringList{"Traffic"})); // no breaker seen yet
    feedAStory(panel, 2);
    panel.refreshNow();
    EXPECT_EQ(titles(panel), (QStringList{"Circuit breaker", "Traffic"}));
    panel.setFocus(-1, ST);
    EXPECT_EQ(titles(panel), (QStringList{"Traffic"}));
    panel.setFocus(-1, -1);
    EXPECT_EQ(titles(panel), (QStringList{"Ledger (whole run)", "Busiest queues"}));
}

TEST(ChartsPanel, SwitchingFocusShowsTheHistoryOfTheNewFocus)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    feedAStory(panel, 3); // recorded while the overview is shown
    panel.setFocus(Q, -1);
    panel.refreshNow();
    const LiveChart *backpressure = panel.chart("Backpressure");
    ASSERT_NE(backpressure, nullptr);
    EXPECT_EQ(pointsOf(backpressure, "waiting"), (Points{{0, 0}, {1, 4}, {2, 8}, {3, 12}}));
    // A flat stretch is drawn from its ends only.
    EXPECT_EQ(pointsOf(backpressure, "capacity"), (Points{{0, 100}, {3, 100}}));
    EXPECT_EQ(pointsOf(backpressure, "unacked"), (Points{{0, 2}, {3, 2}}));
    // The rate window is the sample interval, 1 s: 12 offered, 8 out, per second.
    const LiveChart *throughput = panel.chart("Throughput");
    EXPECT_EQ(pointsOf(throughput, "in"), (Points{{1, 12}, {3, 12}}));
    EXPECT_EQ(pointsOf(throughput, "out"), (Points{{1, 8}, {3, 8}}));
    // Losses that never happened stay out of the chart and its legend.
    EXPECT_EQ(throughput->shownLines(), (QStringList{"in", "out"}));
    EXPECT_EQ(throughput->timeUnit(), "s");
    EXPECT_EQ(throughput->timeAxis()->max(), 5);      // grows in nice steps
    EXPECT_EQ(backpressure->valueAxis()->max(), 120); // 100 × 1.05, rounded up to a nice number
}

TEST(ChartsPanel, ServiceResponseTimesInMillisecondsAndCounts)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    panel.setFocus(S, -1);
    feedAStory(panel, 2);
    panel.refreshNow();
    const LiveChart *latency = panel.chart("Response time");
    ASSERT_NE(latency, nullptr);
    // 0 at t = 0 means "nothing measured": no point.
    const Points p99 = pointsOf(latency, "p99");
    ASSERT_EQ(p99.size(), 2u);
    EXPECT_EQ(p99[0].first, 1);
    EXPECT_DOUBLE_EQ(p99[0].second, 462);
    EXPECT_DOUBLE_EQ(p99[1].second, 474);
    EXPECT_EQ(latency->valueAxis()->titleText(), "ms");
    EXPECT_EQ(pointsOf(panel.chart("Duplicates and out-of-order"), "duplicates"), (Points{{0, 0}, {2, 0}}));
}

TEST(ChartsPanel, ThroughputShowsQueueAndServiceEventsOnlyOnceTheyHappen)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    feedAStory(panel, 3); // none of these events
    panel.setFocus(Q, -1);
    panel.refreshNow();
    EXPECT_EQ(panel.chart("Throughput")->shownLines(), (QStringList{"in", "out"}));
    panel.setFocus(S, -1);
    panel.refreshNow();
    EXPECT_EQ(panel.chart("Throughput")->shownLines(), (QStringList{"in", "processed"}));

    panel.startRun(syntheticTopology());
    for (int i = 0; i <= 3; ++i) {
        models::RunSnapshot s = syntheticSnapshot(i);
        const auto t = static_cast<std::uint64_t>(i);
        s.nodes[Q].requeues = 4 * t;
        s.nodes[Q].deduplicated = t;
        s.nodes[S].versionRejections = 2 * t;
        s.nodes[S].upcasts = 3 * t;
        s.nodes[S].hangs = t;
        panel.applySnapshot(s);
    }
    panel.setFocus(Q, -1);
    panel.refreshNow();
    const LiveChart *queue = panel.chart("Throughput");
    EXPECT_EQ(queue->shownLines(), (QStringList{"in", "out", "requeued", "deduplicated"}));
    EXPECT_EQ(pointsOf(queue, "requeued"), (Points{{1, 4}, {3, 4}}));
    EXPECT_EQ(pointsOf(queue, "deduplicated"), (Points{{1, 1}, {3, 1}}));
    panel.setFocus(S, -1);
    panel.refreshNow();
    const LiveChart *service = panel.chart("Throughput");
    EXPECT_EQ(service->shownLines(), (QStringList{"in", "processed", "rejected version", "upcast", "hung"}));
    EXPECT_EQ(pointsOf(service, "rejected version"), (Points{{1, 2}, {3, 2}}));
    EXPECT_EQ(pointsOf(service, "upcast"), (Points{{1, 3}, {3, 3}}));
    EXPECT_EQ(pointsOf(service, "hung"), (Points{{1, 1}, {3, 1}}));
}

TEST(ChartsPanel, BreakerStatesAreAStepLineWithTransitionsMarked)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    panel.setFocus(-1, SK);
    feedAStory(panel, 35);
    panel.refreshNow();
    const LiveChart *breaker = panel.chart("Circuit breaker");
    ASSERT_NE(breaker, nullptr);
    EXPECT_NE(qobject_cast<QCategoryAxis *>(breaker->valueAxis()), nullptr);
    // Closed until 20 s, open until 30 s, half-open until 33 s, open since.
    EXPECT_EQ(pointsOf(breaker, "state"),
              (Points{{0, 0}, {20, 0}, {20, 2}, {30, 2}, {30, 1}, {33, 1}, {33, 2}, {35, 2}}));
    // The open band is 0.6 high while open, of no height otherwise.
    const double lo = 2 - 0.3;
    const double hi = 2 + 0.3;
    EXPECT_EQ(pointsOf(breaker, "open"),
              (Points{{0, lo}, {20, lo}, {20, hi}, {30, hi}, {30, lo}, {33, lo}, {33, hi}, {35, hi}}));
    EXPECT_EQ(breaker->shownLines(), (QStringList{"closed", "half-open", "open", "state", "transition"}));
    EXPECT_EQ(pointsOf(breaker, "transition"), (Points{{20, 2}, {30, 1}, {33, 2}}));
    // 5 rejected in each second the breaker was open.
    EXPECT_EQ(pointsOf(panel.chart("Traffic"), "rejected by the breaker"),
              (Points{{1, 0}, {19, 0}, {20, 5}, {29, 5}, {30, 0}, {32, 0}, {33, 5}, {35, 5}}));
}

TEST(ChartsPanel, DeadLettersByReasonShowOnlyTheReasonsSeen)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    panel.setFocus(D, -1);
    panel.refreshNow();
    EXPECT_TRUE(panel.chart("Dead letters by reason")->isShowingEmptyText());
    feedAStory(panel, 40);
    panel.refreshNow();
    const LiveChart *dead = panel.chart("Dead letters by reason");
    EXPECT_FALSE(dead->isShowingEmptyText());
    EXPECT_EQ(dead->shownLines(), (QStringList{"max-receives", "rejected", "held"}));
    EXPECT_EQ(pointsOf(dead, "rejected").back(), (std::pair<double, double>{40, 10}));
}

TEST(ChartsPanel, TopicLagOneLinePerPartition)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    panel.setFocus(T, -1);
    feedAStory(panel, 10);
    panel.refreshNow();
    const LiveChart *lag = panel.chart("Consumer lag (worst group)");
    EXPECT_EQ(lag->shownLines(), (QStringList{"partition 0", "partition 1", "partition 2"}));
    EXPECT_EQ(pointsOf(lag, "partition 2").back(), (std::pair<double, double>{10, 15}));
}

TEST(ChartsPanel, ATopicOfManyPartitionsShowsTheEightThatLagMost)
{
    ChartsPanel panel;
    models::Topology t = syntheticTopology();
    std::get<models::TopicSpec>(t.nodes[T].params).partitions = 12;
    panel.startRun(t);
    panel.setFocus(T, -1);
    models::RunSnapshot s = syntheticSnapshot(1);
    s.nodes[T].partitionLag = {5, 0, 7, 1, 9, 3, 11, 2, 0, 6, 4, 8};
    panel.applySnapshot(s);
    panel.refreshNow();
    EXPECT_EQ(panel.chart("Consumer lag (worst group)")->shownLines(),
              (QStringList{"partition 6", "partition 4", "partition 11", "partition 2", "partition 9", "partition 0",
                           "partition 10", "partition 5"}));
}

TEST(ChartsPanel, OverviewShowsTheLedgerAndTheBusiestQueues)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    feedAStory(panel, 10);
    panel.refreshNow();
    const LiveChart *ledger = panel.chart("Ledger (whole run)");
    EXPECT_EQ(pointsOf(ledger, "produced").back(), (std::pair<double, double>{10, 120}));
    EXPECT_EQ(ledger->shownLines(), (QStringList{"produced", "completed", "in flight", "dead-lettered"}));
    EXPECT_EQ(pointsOf(ledger, "in flight").back(), (std::pair<double, double>{10, 120 - 70 - 3}));
    // At 10 s: q holds 40, t 0 + 3 + 15 = 18, s waits for nothing.
    EXPECT_EQ(panel.chart("Busiest queues")->shownLines(), (QStringList{"q", "t"}));
}

TEST(ChartsPanel, HoveringALineSaysItsValue)
{
    ChartsPanel panel;
    panel.resize(900, 300);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    panel.startRun(syntheticTopology());
    panel.setFocus(Q, -1);
    feedAStory(panel, 5);
    panel.refreshNow();
    QXYSeries *waiting = panel.chart("Backpressure")->line("waiting");
    ASSERT_NE(waiting, nullptr);
    Q_EMIT waiting->hovered(QPointF(3, 12), true);
    EXPECT_EQ(QToolTip::text(), "waiting: 12 messages at 3 s");
    Q_EMIT waiting->hovered(QPointF(3, 12), false);
}

TEST(ChartsPanel, LongRunsAreInMinutes)
{
    ChartsPanel panel;
    models::Topology t = syntheticTopology();
    t.simulation.duration = sim::Duration::seconds(3600);
    panel.startRun(t);
    panel.setFocus(Q, -1);
    for (const double at : {0.0, 300.0, 600.0}) {
        models::RunSnapshot s = syntheticSnapshot(at);
        s.horizon = sim::Time::fromSeconds(3600);
        s.nodes[Q].waiting = 5;
        panel.applySnapshot(s);
    }
    panel.refreshNow();
    const LiveChart *backpressure = panel.chart("Backpressure");
    EXPECT_EQ(backpressure->timeUnit(), "min");
    EXPECT_EQ(backpressure->timeAxis()->titleText(), "simulated time (min)");
    EXPECT_EQ(pointsOf(backpressure, "waiting"), (Points{{0, 5}, {10, 5}}));
}

TEST(ChartsPanel, RedrawsAtMostTenTimesASecondAndOnlyWhenSomethingChanged)
{
    ChartsPanel panel;
    panel.resize(900, 300);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    panel.startRun(syntheticTopology());
    panel.setFocus(Q, -1);
    LiveChart *chart = panel.chart("Backpressure");
    // A burst of snapshots is only recorded; the next tick draws them all at once.
    const int before = chart->refreshCount();
    for (int i = 0; i < 30; ++i)
        panel.applySnapshot(syntheticSnapshot(i / 30.0));
    EXPECT_EQ(chart->refreshCount(), before);
    QTest::qWait(350);
    EXPECT_EQ(chart->refreshCount(), before + 1); // later ticks found nothing new
    EXPECT_EQ(chart->drawnRevision(), panel.recorder().revision());
    // 30 snapshots a second: a redraw per 100 ms tick at most, however slow the
    // machine (the bound is taken from the time that really passed).
    QElapsedTimer clock;
    clock.start();
    for (int i = 30; i < 45; ++i) {
        panel.applySnapshot(syntheticSnapshot(i / 30.0));
        QTest::qWait(33);
    }
    const int redraws = chart->refreshCount() - before - 1;
    EXPECT_GE(redraws, 1);
    EXPECT_LE(redraws, clock.elapsed() / 100 + 1);
}

TEST(ChartsPanel, ChartsScrolledOutOfSightAreNotRedrawn)
{
    ChartsPanel panel;
    panel.resize(420, 300); // one column: the service's four charts do not fit
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    panel.startRun(syntheticTopology());
    panel.setFocus(S, -1);
    for (int i = 0; i < 5; ++i) {
        panel.applySnapshot(syntheticSnapshot(i));
        QTest::qWait(60);
    }
    QTest::qWait(150);
    ASSERT_EQ(panel.charts().size(), 4u);
    EXPECT_GE(panel.charts().front()->refreshCount(), 1);
    EXPECT_EQ(panel.charts().back()->refreshCount(), 0);
    // Scrolled into sight, it catches up on the next tick.
    panel.findChild<QScrollArea *>()->ensureWidgetVisible(panel.charts().back());
    QTest::qWait(250);
    EXPECT_GE(panel.charts().back()->refreshCount(), 1);
    EXPECT_EQ(panel.charts().back()->drawnRevision(), panel.recorder().revision());
}

TEST(ChartsPanel, BoundedAfterAHundredThousandSnapshots)
{
    ChartsPanel panel;
    panel.startRun(syntheticTopology());
    panel.setFocus(-1, SK);
    for (int i = 0; i < 100'000; ++i) {
        models::RunSnapshot s = syntheticSnapshot(i * 0.01);
        s.nodes[Q].waiting = static_cast<std::uint64_t>(i % 50);
        s.edges[SK].breaker = i % 1000 < 500 ? models::CircuitBreakerState::Closed : models::CircuitBreakerState::Open;
        s.edges[SK].breakerTransitions = static_cast<std::uint64_t>(i / 500);
        panel.applySnapshot(s);
    }
    panel.refreshNow();
    EXPECT_LE(panel.recorder().largestSeries(), 2000u);
    for (const LiveChart *c : panel.charts())
        for (const QString &name : c->shownLines())
            EXPECT_LE(c->line(name)->count(), 2 * 2000 + 1) << name.toStdString(); // a step line doubles its points
}

TEST(ChartsPanel, ClearLeavesNothing)
{
    ChartsPanel panel;
    panel.show();
    panel.startRun(syntheticTopology());
    panel.setFocus(Q, -1);
    feedAStory(panel, 5);
    panel.refreshNow();
    panel.clear();
    EXPECT_TRUE(panel.charts().empty());
    EXPECT_EQ(panel.recorder().seriesCount(), 0u);
    EXPECT_FALSE(panel.recorder().hasRun());
    EXPECT_TRUE(panel.findChild<QLabel *>("chartsPlaceholder")->isVisible());
    // A snapshot arriving late (an old run's) records nothing.
    panel.applySnapshot(syntheticSnapshot(6));
    EXPECT_EQ(panel.recorder().seriesCount(), 0u);
}

// Set ASYNCSIM_SCREENSHOT_DIR to look at the charts a user would see.
TEST(ChartsPanel, RendersTheChartsOfEachKind)
{
    ChartsPanel panel;
    panel.resize(1300, 330);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    screenshot(panel, "charts-before-run");
    panel.startRun(syntheticTopology());
    panel.setFocus(Q, -1);
    panel.applySnapshot(syntheticSnapshot(0)); // levels have a point, rates not yet
    panel.refreshNow();
    EXPECT_FALSE(panel.chart("Backpressure")->isShowingEmptyText());
    EXPECT_TRUE(panel.chart("Throughput")->isShowingEmptyText());
    screenshot(panel, "charts-first-snapshot");
    panel.startRun(syntheticTopology());
    feedAStory(panel);
    const std::vector<std::tuple<int, int, QString>> shots{
        {-1, -1, "charts-overview"},    {Q, -1, "charts-queue"}, {S, -1, "charts-service"}, {-1, SK, "charts-breaker"},
        {D, -1, "charts-dead-letters"}, {T, -1, "charts-topic"}, {P, -1, "charts-producer"}};
    for (const auto &[node, edge, name] : shots) {
        panel.setFocus(node, edge);
        panel.refreshNow();
        const QImage image = panel.grab().toImage();
        // Something was drawn: lines in several colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        EXPECT_GT(colours.size(), 20) << name.toStdString();
        screenshot(panel, name);
    }
    panel.setPalette(darkPalette());
    panel.setFocus(Q, -1);
    panel.refreshNow();
    const QImage dark = panel.grab().toImage();
    EXPECT_LT(dark.pixelColor(dark.width() / 2, dark.height() / 2).lightness(), 128);
    screenshot(panel, "charts-queue-dark");
    panel.setFocus(-1, SK);
    panel.refreshNow();
    screenshot(panel, "charts-breaker-dark");
}
