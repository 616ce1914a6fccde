#include "ReplicationTable.h"

#include "models/EstimateText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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
    if (!s.warnings.empty()) {
        out += "\nwarnings\n";
        for (const std::string &warning : s.warnings)
            out += "  " + warning + "\n";
    }
    return out;
}

} // namespace asyncsim::cli
