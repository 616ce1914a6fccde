#include "CapacityTable.h"

#include "models/EstimateText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace asyncsim::cli {

namespace {

std::string format(const char *fmt, auto... args)
{
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

std::string seconds(double s)
{
    if (s == 0)
        return "0";
    return s < 1 ? format("%.3gms", s * 1e3) : format("%.3gs", s);
}

std::string simulated(const models::RunResults *run, const models::ReplicationSummary *replications, std::size_t node,
                      bool wait)
{
    if (run) {
        const models::NodeResults &n = run->nodes[node];
        return wait ? seconds(n.waitingTime.mean) : format("%.3g", n.queueLength.mean);
    }
    if (replications) {
        const models::Metric *m = replications->nodes[node].find(wait ? "waitingTime.mean" : "queueLength.mean");
        if (!m)
            return "";
        return wait ? models::formatDurationEstimate(m->estimate) : models::formatEstimate(m->estimate);
    }
    return "";
}

} // namespace

std::string formatCapacity(const models::Topology &t, const models::CapacityCheck &check, const models::RunResults *run,
                           const models::ReplicationSummary *replications)
{
    std::size_t w = 4;
    for (const models::NodeSpec &n : t.nodes)
        w = std::max(w, n.id.size());
    const int iw = static_cast<int>(w);
    std::string out
        = format("\ncapacity check (traffic equations; retries and redeliveries not counted)\n%-*s  %10s "
                 "%10s %6s  %-6s %10s %16s %10s %14s\n",
                 iw, "node", "in/s", "capacity", "util", "model", "Wq theory", "Wq sim", "Lq theory", "Lq sim");
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const models::NodeLoad &load = check.nodes[i];
        if (!load.capacity)
            continue;
        const auto &p = load.prediction;
        // The waiting happens at one node of a station; show the comparison there only.
        const bool here = p && p->waitingNode == i;
        out += format("%-*s  %10.4g %10s %6s  %-6s %10s %16s %10s %14s\n", iw, t.nodes[i].id.c_str(), load.arrivalRate,
                      std::isinf(*load.capacity) ? "unbounded" : format("%.4g", *load.capacity).c_str(),
                      format("%.3f", load.utilisation.value_or(0)).c_str(), p ? p->model.c_str() : "-",
                      here ? seconds(p->waitingTime).c_str() : "",
                      here ? simulated(run, replications, i, true).c_str() : "",
                      here ? format("%.3g", p->queueLength).c_str() : "",
                      here ? simulated(run, replications, i, false).c_str() : "");
    }
    for (const models::Problem &warning : check.warnings)
        out += "warning: " + warning.message + "\n";
    return out;
}

} // namespace asyncsim::cli
