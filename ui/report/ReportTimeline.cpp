#include "ReportTimeline.h"

#include "models/Topology.h"

#include <algorithm>

namespace asyncsim::ui::report {

namespace {

QString faultLabel(const models::FaultSpec &fault)
{
    const QString target = QString::fromStdString(fault.target);
    switch (fault.kind) {
    case models::FaultKind::Outage:
        return QStringLiteral("outage of %1").arg(target);
    case models::FaultKind::Latency:
        return QStringLiteral("%1 slowed ×%2").arg(target).arg(fault.factor, 0, 'g', 3);
    case models::FaultKind::Errors:
        return QStringLiteral("%1 failing %2%").arg(target).arg(fault.probability * 100, 0, 'g', 3);
    case models::FaultKind::Traffic:
        return QStringLiteral("%1 traffic ×%2").arg(target).arg(fault.factor, 0, 'g', 3);
    case models::FaultKind::Scale:
        return QStringLiteral("%1 at %2 workers").arg(target).arg(fault.workers);
    case models::FaultKind::Poison:
        return QStringLiteral("poison from %1").arg(target);
    case models::FaultKind::Crash:
        return QStringLiteral("%1 instance(s) of %2 crashed").arg(fault.instances).arg(target);
    case models::FaultKind::Partition:
        return QStringLiteral("%1 cut off from %2").arg(target, QString::fromStdString(fault.peer));
    }
    return QString::fromUtf8(models::faultKindName(fault.kind)) + QLatin1Char(' ') + target;
}

} // namespace

std::vector<ShadedSpan> faultSpans(const ReportData &data)
{
    const double end = data.firstRun().simulatedTime;
    std::vector<ShadedSpan> spans;
    for (const models::FaultSpec &fault : data.input.topology.faults) {
        const double from = fault.at.toSeconds();
        const double to = fault.duration ? std::min(end, from + fault.duration->toSeconds()) : end;
        if (from >= end || to <= from)
            continue; // outside the run: nothing to shade
        spans.push_back({from, to, faultLabel(fault), static_cast<int>(fault.kind)});
    }
    return spans;
}

double breakerLevel(const std::string &state)
{
    if (state == "open" || state == "forced-open")
        return 2;
    if (state == "half-open")
        return 1;
    return 0;
}

std::optional<ChartSpec> breakerChart(const ReportData &data)
{
    const models::RunResults &run = data.firstRun();
    ChartSpec chart;
    chart.id = QStringLiteral("breakers");
    chart.title = QStringLiteral("Circuit-breaker states");
    chart.yTitle = QStringLiteral("state");
    chart.caption = QStringLiteral("The state of each circuit breaker over the measured period, from its transition "
                                   "log. Lines of several breakers are drawn slightly apart so none hides another.");
    chart.interval = run.seriesInterval;
    chart.end = run.simulatedTime;
    chart.yCategories = {QStringLiteral("closed"), QStringLiteral("half-open"), QStringLiteral("open")};
    int drawn = 0;
    for (const models::EdgeResults &edge : run.edges) {
        if (!edge.breaker)
            continue;
        const models::BreakerResults &b = *edge.breaker;
        // Apart by a few hundredths, so two breakers in one state stay visible.
        const double offset = 0.04 * drawn++;
        ChartLine line;
        line.name = QString::fromStdString(edge.from) + QStringLiteral(" → ") + QString::fromStdString(edge.to);
        const std::string first = b.transitions.empty() ? b.state : b.transitions.front().from;
        line.steps.emplace_back(run.warmup, breakerLevel(first) + offset);
        for (const models::BreakerTransitionResults &t : b.transitions)
            line.steps.emplace_back(t.at, breakerLevel(t.to) + offset);
        chart.lines.push_back(std::move(line));
    }
    if (chart.lines.empty())
        return std::nullopt;
    return chart;
}

} // namespace asyncsim::ui::report
