#include "ReplicationTable.h"

#include "models/EstimateText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

namespace asyncsim::cli {

namespace {

std::string format(const char *fmt, auto... args)
{
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

// A metric of @p g as "mean ± half-width"; empty when not measured.
std::string cell(const models::MetricGroup &g, const char *name)
{
    const models::Metric *m = g.find(name);
    return m ? models::formatEstimate(m->estimate) : "";
}

// A duration metric in the unit its mean reads best in.
std::string duration(const models::MetricGroup &g, const char *name)
{
    const models::Metric *m = g.find(name);
    return m ? models::formatDurationEstimate(m->estimate) : "";
}

// Pads UTF-8 text (the ± is two bytes, one column) to @p width columns.
std::string pad(const std::string &text, std::size_t width)
{
    std::size_t columns = 0;
    for (unsigned char c : text)
        columns += (c & 0xC0) != 0x80;
    return columns >= width ? text : std::string(width - columns, ' ') + text;
}

// The event counters (redeliveries, dead letters, upcasts, each replica's
// share, ...) that happened in some run, one per line, with the
// partition-seconds each consumer group's rebalances stopped (a total per
// run, like the counts); producers and sinks have none beyond the ledger's.
std::string eventsPerRun(const models::ReplicationSummary &s)
{
    std::vector<std::pair<const models::MetricGroup *, const models::Metric *>> lines;
    std::size_t idWidth = 4;
    std::size_t nameWidth = 4;
    for (const models::MetricGroup &g : s.nodes) {
        if (g.kind == "producer" || g.kind == "sink")
            continue;
        for (const models::Metric &m : g.metrics)
            if ((m.unit == models::MetricUnit::Count || m.name.rfind("stoppedPartitionSeconds.", 0) == 0)
                && m.estimate.mean > 0) {
                lines.emplace_back(&g, &m);
                idWidth = std::max(idWidth, g.id.size());
                nameWidth = std::max(nameWidth, m.name.size());
            }
    }
    if (lines.empty())
        return {};
    std::string out = "\nevents, mean per run\n";
    for (const auto &[g, m] : lines)
        out += "  " + g->id + std::string(idWidth - g->id.size(), ' ') + "  " + m->name
             + std::string(nameWidth - m->name.size(), ' ')
             + pad(m->unit == models::MetricUnit::Seconds ? models::formatDurationEstimate(m->estimate)
                                                          : models::formatEstimate(m->estimate),
                   20)
             + "\n";
    return out;
}

} // namespace

std::string formatReplicationSummary(const models::ReplicationSummary &s, double wallSeconds, int threads)
{
    std::string out;
    out += format("%s: %d replications of %.6g s simulated, %.0f%% confidence intervals (Student t), in %.2f s on "
                  "%d thread%s\n",
                  s.topology.empty() ? "topology" : s.topology.c_str(), s.replications, s.simulatedTime,
                  s.confidence * 100, wallSeconds, threads, threads == 1 ? "" : "s");
    std::string seeds;
    for (std::size_t i = 0; i < s.seeds.size() && i < 3; ++i)
        seeds += format("%s%llu", i ? ", " : "", static_cast<unsigned long long>(s.seeds[i]));
    if (s.seeds.size() > 3)
        seeds += ", ...";
    out += "seeds: " + seeds + "\n";
    if (s.warmup > 0)
        out += format("statistics from %.6g s on (warm-up discarded)\n", s.warmup);

    out += "ledger, per run:";
    for (const models::Metric &m : s.ledger.metrics)
        if (m.estimate.mean > 0 || m.name == "produced")
            out += " " + m.name + " " + cell(s.ledger, m.name.c_str()) + ";";
    out += s.ledgerBalancedInEveryRun ? " balanced in every run\n" : " DOES NOT BALANCE in some run\n";

    std::size_t w = 4;
    for (const models::MetricGroup &g : s.nodes)
        w = std::max(w, g.id.size());
    const std::size_t c = 20;
    out += "\n" + std::string("node") + std::string(w - 4, ' ') + "  kind    " + pad("in/s", c) + pad("out/s", c)
         + pad("util", c) + pad("queue", c) + pad("wait", c) + pad("resp p99", c) + "\n";
    for (const models::MetricGroup &g : s.nodes) {
        out += g.id + std::string(w - g.id.size(), ' ') + "  " + g.kind
             + std::string(8 - std::min<std::size_t>(8, g.kind.size()), ' ');
        out += pad(cell(g, g.kind == "producer" ? "rate" : "arrivalRate"), c) + pad(cell(g, "throughput"), c)
             + pad(cell(g, "utilisation"), c) + pad(cell(g, "queueLength.mean"), c)
             + pad(duration(g, "waitingTime.mean"), c) + pad(duration(g, "responseTime.p99"), c) + "\n";
    }
    if (!s.flows.empty()) {
        std::size_t fw = 17;
        for (const models::MetricGroup &g : s.flows)
            fw = std::max(fw, g.id.size());
        out += "\n" + std::string("flow (end to end)") + std::string(fw - 17, ' ') + pad("mean", c) + pad("p50", c)
             + pad("p95", c) + pad("p99", c) + "\n";
        for (const models::MetricGroup &g : s.flows)
            out += g.id + std::string(fw - g.id.size(), ' ') + pad(duration(g, "latency.mean"), c)
                 + pad(duration(g, "latency.p50"), c) + pad(duration(g, "latency.p95"), c)
                 + pad(duration(g, "latency.p99"), c) + "\n";
    }
    if (!s.edges.empty()) {
        std::size_t ew = 4;
        for (const models::MetricGroup &g : s.edges)
            ew = std::max(ew, g.id.size());
        out += "\n" + std::string("edge") + std::string(ew - 4, ' ') + "  mode    " + pad("requests", c)
             + pad("attempts/req", c) + pad("timeouts", c) + pad("rejected", c) + pad("fallbacks", c)
             + pad("breaker open", c) + "\n";
        for (const models::MetricGroup &g : s.edges)
            out += g.id + std::string(ew - g.id.size(), ' ') + "  " + g.kind
                 + std::string(8 - std::min<std::size_t>(8, g.kind.size()), ' ') + pad(cell(g, "requests"), c)
                 + pad(cell(g, "retryAmplification"), c) + pad(cell(g, "timeouts"), c)
                 + pad(cell(g, "rejectedByBreaker"), c) + pad(cell(g, "fallbacks"), c)
                 + pad(duration(g, "breaker.openTime"), c) + "\n";
    }
    out += eventsPerRun(s);
    if (!s.warnings.empty()) {
        out += "\nwarnings\n";
        for (const std::string &warning : s.warnings)
            out += "  " + warning + "\n";
    }
    return out;
}

} // namespace asyncsim::cli
