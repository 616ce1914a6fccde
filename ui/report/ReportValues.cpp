#include "ReportValues.h"

#include "models/Confidence.h"

#include <functional>
#include <set>
#include <string>

namespace asyncsim::ui::report {

namespace {

ReportValue fromEstimate(const models::MetricGroup &group, const char *metric)
{
    const models::Metric *m = group.find(metric);
    if (!m || m->estimate.n == 0)
        return {};
    return ReportValue::estimated(m->estimate.mean, m->estimate.halfWidth);
}

ReportValue latencyValue(const models::LatencySummary &l, const std::string &part)
{
    if (l.count == 0)
        return {};
    if (part == "mean")
        return ReportValue::exact(l.mean);
    if (part == "p50")
        return ReportValue::exact(l.p50);
    if (part == "p95")
        return ReportValue::exact(l.p95);
    if (part == "p99")
        return ReportValue::exact(l.p99);
    if (part == "max")
        return ReportValue::exact(l.max);
    return {};
}

// The single run's value under the summary's metric names, so both cases
// read through one vocabulary.
ReportValue runValue(const models::NodeResults &n, const std::string &metric)
{
    const auto dot = metric.find('.');
    const std::string head = metric.substr(0, dot);
    const std::string part = dot == std::string::npos ? std::string() : metric.substr(dot + 1);
    if (head == "rate" || head == "arrivalRate")
        return ReportValue::exact(n.arrivalRate);
    if (head == "throughput")
        return ReportValue::exact(n.throughput);
    if (head == "utilisation")
        return n.kind == models::NodeKind::Service ? ReportValue::exact(n.utilisation) : ReportValue{};
    if (head == "queueLength") {
        // Only these hold messages waiting; the summary leaves the others out too.
        const bool waits = n.kind == models::NodeKind::Queue || n.kind == models::NodeKind::Service
                        || n.kind == models::NodeKind::Topic;
        return waits ? ReportValue::exact(part == "max" ? n.queueLength.max : n.queueLength.mean) : ReportValue{};
    }
    if (head == "waitingTime")
        return latencyValue(n.waitingTime, part);
    if (head == "responseTime")
        return latencyValue(n.responseTime, part);
    return {};
}

ReportValue overRuns(const ReportData &data, const std::function<double(const models::RunResults &)> &of)
{
    if (!data.hasReplications())
        return ReportValue::exact(of(data.firstRun()));
    std::vector<double> values;
    for (const models::RunResults &r : data.input.runs)
        values.push_back(of(r));
    const models::Estimate e = models::estimateMean(values, data.summary->confidence);
    return ReportValue::estimated(e.mean, e.halfWidth);
}

std::set<std::string> reasons(const ReportData &data, bool deadLettered)
{
    std::set<std::string> all;
    for (const models::RunResults &r : data.input.runs)
        for (const auto &[reason, count] : deadLettered ? r.ledger.deadLettered : r.ledger.dropped)
            all.insert(reason);
    return all;
}

std::uint64_t countOf(const std::map<std::string, std::uint64_t> &byReason, const std::string &reason)
{
    const auto it = byReason.find(reason);
    return it == byReason.end() ? 0 : it->second;
}

} // namespace

ReportValue nodeValue(const ReportData &data, std::size_t index, const char *metric)
{
    if (data.hasReplications()) {
        if (index >= data.summary->nodes.size())
            return {};
        const models::MetricGroup &group = data.summary->nodes[index];
        // A sink accepts everything: the summary keeps its rate as throughput only.
        if (group.kind == "sink" && std::string(metric) == "arrivalRate")
            return fromEstimate(group, "throughput");
        return fromEstimate(group, metric);
    }
    const auto &nodes = data.firstRun().nodes;
    return index < nodes.size() ? runValue(nodes[index], metric) : ReportValue{};
}

ReportValue flowValue(const ReportData &data, std::size_t index, const char *metric)
{
    if (data.hasReplications())
        return index < data.summary->flows.size() ? fromEstimate(data.summary->flows[index], metric) : ReportValue{};
    const auto &flows = data.firstRun().flows;
    if (index >= flows.size())
        return {};
    const std::string m = metric;
    return latencyValue(flows[index].latency, m.substr(m.find('.') + 1));
}

ReportValue edgeEstimate(const ReportData &data, std::size_t index, const char *metric)
{
    if (!data.hasReplications() || index >= data.summary->edges.size())
        return {};
    return fromEstimate(data.summary->edges[index], metric);
}

std::vector<LedgerLine> ledgerLines(const ReportData &data)
{
    using models::Ledger;
    using models::RunResults;
    std::vector<LedgerLine> lines;
    const auto add = [&](QString key, QString label, std::function<double(const RunResults &)> of, bool incoming,
                         bool total = false) {
        lines.push_back({std::move(key), std::move(label), of(data.firstRun()), overRuns(data, of), incoming, total});
    };
    const auto u = [](std::uint64_t v) { return static_cast<double>(v); };

    add(
        "produced", "produced", [&](const RunResults &r) { return u(r.ledger.produced); }, true);
    add(
        "forked", "forked (fan-out copies)", [&](const RunResults &r) { return u(r.ledger.forked); }, true);
    add(
        "duplicated", "duplicated (redelivered copies)", [&](const RunResults &r) { return u(r.ledger.duplicated); },
        true);
    add(
        "redriven", "redriven from a dead-letter queue", [&](const RunResults &r) { return u(r.ledger.redriven); },
        true);
    add(
        "in", "total in",
        [&](const RunResults &r) {
            return u(r.ledger.produced + r.ledger.forked + r.ledger.duplicated + r.ledger.redriven);
        },
        true, true);

    add(
        "completed", "completed", [&](const RunResults &r) { return u(r.ledger.completed); }, false);
    add(
        "failed", "failed", [&](const RunResults &r) { return u(r.ledger.failed); }, false);
    for (const std::string &reason : reasons(data, true))
        add(
            "dead-lettered-" + QString::fromStdString(reason), "dead-lettered: " + QString::fromStdString(reason),
            [&, reason](const RunResults &r) { return u(countOf(r.ledger.deadLettered, reason)); }, false);
    for (const std::string &reason : reasons(data, false))
        add(
            "dropped-" + QString::fromStdString(reason), "dropped: " + QString::fromStdString(reason),
            [&, reason](const RunResults &r) { return u(countOf(r.ledger.dropped, reason)); }, false);
    add(
        "expired", "expired", [&](const RunResults &r) { return u(r.ledger.expired); }, false);
    add(
        "lostToRetention", "lost to retention", [&](const RunResults &r) { return u(r.ledger.lostToRetention); },
        false);
    add(
        "inFlight", "in flight at the end", [&](const RunResults &r) { return u(r.ledger.inFlight); }, false);
    add(
        "out", "total out",
        [&](const RunResults &r) {
            const Ledger &l = r.ledger;
            return u(l.completed + l.failed + l.deadLetteredTotal() + l.droppedTotal() + l.expired + l.lostToRetention
                     + l.inFlight);
        },
        false, true);
    return lines;
}

std::vector<CounterLine> nodeCounters(const ReportData &data, std::size_t index)
{
    using models::NodeResults;
    using models::RunResults;
    std::vector<CounterLine> lines;
    const auto nodeOf = [index](const RunResults &r) -> const NodeResults * {
        return index < r.nodes.size() ? &r.nodes[index] : nullptr;
    };
    const auto add = [&](QString key, QString label, const std::function<std::uint64_t(const NodeResults &)> &of) {
        const auto count = [&](const RunResults &r) {
            const NodeResults *n = nodeOf(r);
            return n ? static_cast<double>(of(*n)) : 0.0;
        };
        bool happened = false;
        for (const RunResults &r : data.input.runs)
            happened = happened || count(r) > 0;
        if (happened)
            lines.push_back({std::move(key), std::move(label), count(data.firstRun()), overRuns(data, count)});
    };
    // The order of the CLI's delivery lines: the queue's side, then the service's.
    add("redeliveries", "redelivered", [](const NodeResults &n) { return n.redeliveries; });
    add("requeues", "requeued (nacked back)", [](const NodeResults &n) { return n.requeues; });
    add("duplicates", "duplicate copies", [](const NodeResults &n) { return n.duplicates; });
    add("deduplicated", "deduplicated sends", [](const NodeResults &n) { return n.deduplicated; });
    add("deadLettered", "dead-lettered", [](const NodeResults &n) { return n.deadLettered; });
    add("expired", "expired", [](const NodeResults &n) { return n.expired; });
    add("duplicatesSuppressed", "duplicates skipped", [](const NodeResults &n) { return n.duplicatesSuppressed; });
    add("duplicateSideEffects", "duplicate side effects", [](const NodeResults &n) { return n.duplicateSideEffects; });
    add("outOfOrder", "out of order", [](const NodeResults &n) { return n.outOfOrder; });
    add("versionRejections", "version rejections", [](const NodeResults &n) { return n.versionRejections; });
    add("upcasts", "upcasts", [](const NodeResults &n) { return n.upcasts; });
    add("hangs", "hangs", [](const NodeResults &n) { return n.hangs; });
    add("redriven", "redriven", [](const NodeResults &n) { return n.redriven; });
    add("lostToRetention", "lost to retention", [](const NodeResults &n) { return n.lostToRetention; });
    std::set<std::string> reasons;
    for (const RunResults &r : data.input.runs)
        if (const NodeResults *n = nodeOf(r))
            for (const auto &[reason, count] : n->deadLettersByReason)
                reasons.insert(reason);
    for (const std::string &reason : reasons)
        add("deadLetters-" + QString::fromStdString(reason), "dead letters: " + QString::fromStdString(reason),
            [reason](const NodeResults &n) { return countOf(n.deadLettersByReason, reason); });
    return lines;
}

} // namespace asyncsim::ui::report
