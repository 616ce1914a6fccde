#include "ResultsJson.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace asyncsim::models {

namespace {

using OJson = nlohmann::ordered_json;

OJson latencyJson(const LatencySummary &s)
{
    return OJson{{"count", s.count}, {"mean", s.mean}, {"p50", s.p50}, {"p95", s.p95}, {"p99", s.p99}, {"max", s.max}};
}

OJson levelJson(const LevelSummary &s)
{
    return OJson{{"mean", s.mean}, {"max", s.max}};
}

OJson nodeJson(const NodeResults &n)
{
    OJson j;
    j["id"] = n.id;
    j["kind"] = nodeKindName(n.kind);
    switch (n.kind) {
    case NodeKind::Producer:
        j["produced"] = n.arrivals;
        j["rate"] = n.arrivalRate;
        break;
    case NodeKind::Queue:
        j["arrivals"] = n.arrivals;
        j["dispatched"] = n.departures;
        j["drops"] = n.drops;
        j["arrivalRate"] = n.arrivalRate;
        j["throughput"] = n.throughput;
        j["queueLength"] = levelJson(n.queueLength);
        j["waitingTime"] = latencyJson(n.waitingTime);
        break;
    case NodeKind::Service:
        j["arrivals"] = n.arrivals;
        j["completions"] = n.departures;
        j["failures"] = n.failures;
        j["drops"] = n.drops;
        j["arrivalRate"] = n.arrivalRate;
        j["throughput"] = n.throughput;
        j["utilisation"] = n.utilisation;
        j["busyWorkers"] = levelJson(n.busyWorkers);
        j["queueLength"] = levelJson(n.queueLength);
        j["inSystem"] = levelJson(n.inSystem);
        j["waitingTime"] = latencyJson(n.waitingTime);
        j["responseTime"] = latencyJson(n.responseTime);
        break;
    case NodeKind::Sink:
        j["arrivals"] = n.arrivals;
        j["throughput"] = n.throughput;
        break;
    }
    return j;
}

} // namespace

std::string resultsToJson(const RunResults &r)
{
    OJson root;
    root["format"] = "asyncsim-results";
    root["version"] = 1;
    root["topology"] = r.topology;
    root["seed"] = r.seed;
    root["simulatedTime"] = r.simulatedTime;
    root["warmup"] = r.warmup;
    root["events"] = r.events;

    OJson ledger;
    ledger["produced"] = r.ledger.produced;
    ledger["forked"] = r.ledger.forked;
    ledger["completed"] = r.ledger.completed;
    ledger["failed"] = r.ledger.failed;
    OJson dropped = OJson::object();
    for (const auto &[reason, count] : r.ledger.dropped)
        dropped[reason] = count;
    ledger["dropped"] = dropped;
    ledger["inFlight"] = r.ledger.inFlight;
    ledger["balanced"] = r.ledger.balances();
    root["ledger"] = ledger;

    OJson nodes = OJson::array();
    for (const NodeResults &n : r.nodes)
        nodes.push_back(nodeJson(n));
    root["nodes"] = nodes;

    OJson flows = OJson::array();
    for (const FlowResults &f : r.flows)
        flows.push_back(OJson{{"from", f.from}, {"to", f.to}, {"latency", latencyJson(f.latency)}});
    root["flows"] = flows;

    OJson series;
    series["interval"] = r.seriesInterval;
    OJson list = OJson::array();
    for (const SeriesResults &s : r.series)
        list.push_back(OJson{{"node", s.node}, {"quantity", s.quantity}, {"points", s.points}});
    series["series"] = list;
    root["timeSeries"] = series;
    return root.dump(2) + "\n";
}

std::string seriesToCsv(const RunResults &r)
{
    std::string out = "time";
    std::size_t rows = 0;
    for (const SeriesResults &s : r.series) {
        out += "," + s.node + "." + s.quantity;
        rows = std::max(rows, s.points.size());
    }
    out += "\n";
    char buffer[64];
    for (std::size_t i = 0; i < rows; ++i) {
        std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(i) * r.seriesInterval);
        out += buffer;
        for (const SeriesResults &s : r.series) {
            out += ",";
            if (i < s.points.size()) {
                std::snprintf(buffer, sizeof buffer, "%.9g", s.points[i]);
                out += buffer;
            }
        }
        out += "\n";
    }
    return out;
}

} // namespace asyncsim::models
