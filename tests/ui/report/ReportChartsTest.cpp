// The report's charts: the latency series, consumer lag gathered into one
// chart, the circuit-breaker states drawn from the transition log, and the
// faults timeline shaded behind every chart.
#include "ReportTestSupport.h"

#include "ui/report/ReportCharts.h"
#include "ui/report/ReportData.h"
#include "ui/report/ReportTimeline.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace asyncsim;
using namespace asyncsim::ui::report;

namespace {

QString example(const char *name)
{
    return QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/") + QString::fromUtf8(name);
}

/// A report's data for @p file run whole (not shortened: the fault must fall inside).
ReportData fullRun(const QString &file)
{
    ReportInput input;
    input.topology = models::loadTopologyFile(file.toStdString());
    input.fileName = file;
    input.runs.push_back(models::Run::execute(input.topology));
    return gatherReportData(std::move(input));
}

const ChartSpec *chartWithId(const std::vector<ChartSpec> &charts, const QString &id)
{
    const auto it = std::find_if(charts.begin(), charts.end(), [&](const ChartSpec &c) { return c.id == id; });
    return it == charts.end() ? nullptr : &*it;
}

} // namespace

TEST(ReportCharts, BreakerStatesFollowTheTransitionLogWithTheOutageShaded)
{
    // flaky-payments: orders calls payments through a breaker; payments hangs
    // from 2 min for 1 min. Warm-up 10 s, run 5 min.
    const ReportData data = fullRun(example("flaky-payments.json"));
    const std::vector<ChartSpec> charts = reportCharts(data);
    const ChartSpec *breakers = chartWithId(charts, QStringLiteral("breakers"));
    ASSERT_NE(breakers, nullptr);
    EXPECT_EQ(breakers->yCategories, QStringList({"closed", "half-open", "open"}));
    ASSERT_EQ(breakers->lines.size(), 1u);
    const ChartLine &line = breakers->lines.front();
    EXPECT_EQ(line.name, QStringLiteral("orders → payments"));

    // One step where the measured period starts, then one per logged transition, at its time and level.
    const models::BreakerResults &log = *data.firstRun().edges.front().breaker;
    ASSERT_FALSE(log.transitions.empty()) << "the outage must trip the breaker";
    ASSERT_EQ(line.steps.size(), log.transitions.size() + 1);
    EXPECT_DOUBLE_EQ(line.steps.front().x(), 10.0);
    EXPECT_DOUBLE_EQ(line.steps.front().y(), 0.0) << "closed before the outage";
    for (std::size_t i = 0; i < log.transitions.size(); ++i) {
        EXPECT_DOUBLE_EQ(line.steps[i + 1].x(), log.transitions[i].at);
        EXPECT_DOUBLE_EQ(line.steps[i + 1].y(), breakerLevel(log.transitions[i].to));
    }
    // The breaker opens only once the outage has begun, within its first seconds.
    EXPECT_EQ(log.transitions.front().to, "open");
    EXPECT_GE(log.transitions.front().at, 120.0);
    EXPECT_LT(log.transitions.front().at, 125.0);

    // The outage is shaded on every chart, from 120 s to 180 s.
    for (const ChartSpec &chart : charts) {
        ASSERT_EQ(chart.shaded.size(), 1u) << chart.id.toStdString();
        EXPECT_DOUBLE_EQ(chart.shaded.front().from, 120.0);
        EXPECT_DOUBLE_EQ(chart.shaded.front().to, 180.0);
        EXPECT_EQ(chart.shaded.front().label, QStringLiteral("outage of payments"));
        EXPECT_TRUE(chart.caption.contains("Shaded spans are the faults")) << chart.id.toStdString();
    }

    // Drawn: the states by name on the axis, the fault in the legend.
    const QString svg = chartSvg(*breakers);
    EXPECT_TRUE(svg.contains("half-open"));
    EXPECT_TRUE(svg.contains("outage of payments"));
}

TEST(ReportCharts, LatencyComesRightAfterTheLoadAndSkipsEmptyIntervals)
{
    const ReportData data = fullRun(example("flaky-payments.json"));
    const std::vector<ChartSpec> charts = reportCharts(data);
    const ChartSpec *latency = chartWithId(charts, QStringLiteral("latency"));
    ASSERT_NE(latency, nullptr);
    EXPECT_EQ(latency->title, QStringLiteral("End-to-end latency"));
    // Its lines are the nodes where flows end, as the run's flows name them.
    for (const ChartLine &line : latency->lines) {
        const auto &flows = data.firstRun().flows;
        EXPECT_TRUE(std::any_of(flows.begin(), flows.end(), [&](const models::FlowResults &f) {
            return QString::fromStdString(f.to) == line.name;
        })) << line.name.toStdString();
    }
    // Breakers follow latency, as a reader compares them.
    const auto at = [&](const char *id) {
        return std::find_if(charts.begin(), charts.end(), [&](const ChartSpec &c) { return c.id == id; })
             - charts.begin();
    };
    EXPECT_EQ(at("breakers"), at("latency") + 1);
}

TEST(ReportCharts, ConsumerLagOfEveryGroupIsOneChart)
{
    const ReportData data = fullRun(example("kafka-consumer-groups.json"));
    const std::vector<ChartSpec> charts = reportCharts(data);
    for (const ChartSpec &chart : charts)
        EXPECT_FALSE(chart.id.startsWith("lag.")) << chart.id.toStdString();
    const ChartSpec *lag = chartWithId(charts, QStringLiteral("lag"));
    ASSERT_NE(lag, nullptr);
    EXPECT_EQ(lag->title, QStringLiteral("Consumer lag"));
    QStringList names;
    for (const ChartLine &line : lag->lines)
        names << line.name;
    // Lines that stay at zero are left out; the slower group lags for sure.
    EXPECT_FALSE(names.isEmpty());
    for (const QString &name : names)
        EXPECT_TRUE(name == "orders → fulfilment" || name == "orders → analytics") << name.toStdString();
    EXPECT_TRUE(chartWithId(charts, QStringLiteral("breakers")) == nullptr) << "no breaker, no chart";
    for (const ChartSpec &chart : charts)
        EXPECT_TRUE(chart.shaded.empty()) << "no faults, nothing shaded";
}
