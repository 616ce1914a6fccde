// The report's sections on resilience: calls with their retries and
// breakers, and the faults timeline.

#include "ReportResilienceSections.h"

#include "ReportFormat.h"
#include "ReportHtmlParts.h"
#include "ReportValues.h"

namespace asyncsim::ui::report {

QString callsSection(const SectionContext &c)
{
    const ReportData &d = c.data;
    const models::RunResults &run = d.firstRun();
    if (run.edges.empty())
        return {};
    std::vector<Row> rows;
    for (const models::EdgeResults &e : run.edges)
        rows.push_back(Row{{QString::fromStdString(e.from + " → " + e.to), formatCount(double(e.requests)),
                            formatCount(double(e.attempts)), QString::number(e.retryAmplification, 'f', 2),
                            formatCount(double(e.timeouts)), formatCount(double(e.rejectedByBreaker)),
                            formatCount(double(e.fallbacks)),
                            e.breaker ? QString::fromStdString(e.breaker->state) : QStringLiteral("—")},
                           QStringLiteral("call-") + QString::fromStdString(e.from + "-" + e.to)});
    QString html = paragraph(QStringLiteral("Synchronous calls, and publishes with a retry or breaker, in the first "
                                            "run: requests (first attempts), attempts with retries and calls the "
                                            "breaker rejected, attempts per request (the retry amplification), "
                                            "timeouts, fallbacks taken, and the breaker's state at the end."))
                 + tableHtml(c,
                             {QStringLiteral("edge"), QStringLiteral("requests"), QStringLiteral("attempts"),
                              QStringLiteral("attempts per request"), QStringLiteral("timeouts"),
                              QStringLiteral("rejected by breaker"), QStringLiteral("fallbacks"),
                              QStringLiteral("breaker at end")},
                             rows, QStringLiteral("calls"));
    if (d.hasReplications()) {
        // The same quantities estimated over every replication.
        std::vector<Row> overRuns;
        for (std::size_t i = 0; i < run.edges.size(); ++i) {
            const models::EdgeResults &e = run.edges[i];
            const QString open = e.breaker ? formatValue(edgeEstimate(d, i, "breaker.openTime"), ReportUnit::Seconds)
                                           : QStringLiteral("—");
            overRuns.push_back(Row{{QString::fromStdString(e.from + " → " + e.to),
                                    formatValue(edgeEstimate(d, i, "retryAmplification"), ReportUnit::Count),
                                    formatValue(edgeEstimate(d, i, "timeouts"), ReportUnit::Count),
                                    formatValue(edgeEstimate(d, i, "rejectedByBreaker"), ReportUnit::Count),
                                    formatValue(edgeEstimate(d, i, "fallbacks"), ReportUnit::Count), open},
                                   QStringLiteral("call-over-runs-") + QString::fromStdString(e.from + "-" + e.to)});
        }
        html += paragraph(
                    QStringLiteral("Over all %1 replications, per run (mean ± 95% interval):").arg(d.input.runs.size()))
              + tableHtml(c,
                          {QStringLiteral("edge"), QStringLiteral("attempts per request"), QStringLiteral("timeouts"),
                           QStringLiteral("rejected by breaker"), QStringLiteral("fallbacks"),
                           QStringLiteral("breaker open for")},
                          overRuns);
    }
    // The transition log of every breaker, with times.
    std::vector<Row> log;
    for (const models::EdgeResults &e : run.edges)
        if (e.breaker)
            for (const models::BreakerTransitionResults &t : e.breaker->transitions)
                log.push_back(Row{{formatSeconds(t.at), QString::fromStdString(e.from + " → " + e.to),
                                   QString::fromStdString(t.from + " → " + t.to), QString::fromStdString(t.reason)}});
    if (!log.empty())
        html += paragraph(QStringLiteral("Circuit-breaker transitions in the first run, after the warm-up:"))
              + tableHtml(c,
                          {QStringLiteral("time"), QStringLiteral("edge"), QStringLiteral("transition"),
                           QStringLiteral("why")},
                          log, QStringLiteral("breaker-transitions"));
    return html;
}

QString faultsSection(const SectionContext &c)
{
    const models::Topology &t = c.data.input.topology;
    if (t.faults.empty())
        return {};
    std::vector<Row> rows;
    for (const models::FaultSpec &f : t.faults) {
        QString detail;
        switch (f.kind) {
        case models::FaultKind::Outage:
            detail = f.mode == models::OutageMode::Hang ? QStringLiteral("calls hang") : QStringLiteral("calls fail");
            break;
        case models::FaultKind::Latency:
        case models::FaultKind::Traffic:
            detail = QStringLiteral("×%1").arg(f.factor);
            break;
        case models::FaultKind::Errors:
            detail = QStringLiteral("failure probability %1").arg(f.probability);
            break;
        case models::FaultKind::Scale:
            detail = QStringLiteral("%1 workers").arg(f.workers);
            break;
        case models::FaultKind::Poison:
            detail = f.count > 0 ? QStringLiteral("next %1 messages poison").arg(f.count)
                                 : QStringLiteral("share %1 poison").arg(f.share);
            break;
        case models::FaultKind::Crash:
            detail = QStringLiteral("%1 instance(s) crash").arg(f.instances);
            break;
        case models::FaultKind::Partition:
            detail = QStringLiteral("cut off from %1").arg(QString::fromStdString(f.peer));
            break;
        }
        rows.push_back(
            Row{{formatSeconds(f.at.toSeconds()),
                 f.duration ? formatSeconds(f.duration->toSeconds()) : QStringLiteral("to the end"),
                 QString::fromStdString(f.target), QString::fromLatin1(models::faultKindName(f.kind)), detail}});
    }
    return paragraph(QStringLiteral("The faults the run applied, in the order of the file."))
         + tableHtml(c,
                     {QStringLiteral("from"), QStringLiteral("for"), QStringLiteral("node"), QStringLiteral("fault"),
                      QStringLiteral("what")},
                     rows, QStringLiteral("faults-table"));
}

} // namespace asyncsim::ui::report
