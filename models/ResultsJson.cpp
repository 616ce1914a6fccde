#include "ResultsJson.h"

#include "PartitionAssignor.h"
#include "internal/ResultsJsonValue.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace asyncsim::models {

namespace {

OJson latencyJson(const LatencySummary &s)
{
    return OJson{{"count", s.count}, {"mean", s.mean}, {"p50", s.p50}, {"p95", s.p95}, {"p99", s.p99}, {"max", s.max}};
}

OJson levelJson(const LevelSummary &s)
{
    return OJson{{"mean", s.mean}, {"max", s.max}};
}

OJson edgeJson(const EdgeResults &e)
{
    OJson j{{"from", e.from},
            {"to", e.to},
            {"mode", edgeModeName(e.mode)},
            {"requests", e.requests},
            {"attempts", e.attempts},
            {"successes", e.successes},
            {"failures", e.failures},
            {"timeouts", e.timeouts},
            {"lateAnswers", e.lateAnswers},
            {"rejectedByBreaker", e.rejectedByBreaker},
            {"fallbacks", e.fallbacks},
            {"retryAmplification", e.retryAmplification},
            {"callLatency", latencyJson(e.callLatency)}};
    if (e.breaker) {
        OJson transitions = OJson::array();
        for (const BreakerTransitionResults &t : e.breaker->transitions)
            transitions.push_back(OJson{{"at", t.at}, {"from", t.from}, {"to", t.to}, {"reason", t.reason}});
        OJson time = OJson::object();
        for (const auto &[state, seconds] : e.breaker->timeInState)
            time[state] = seconds;
        j["breaker"] = OJson{{"state", e.breaker->state},
                             {"notPermitted", e.breaker->notPermitted},
                             {"transitions", transitions},
                             {"timeInState", time}};
    }
    return j;
}

OJson byReasonJson(const std::map<std::string, std::uint64_t> &counts)
{
    OJson j = OJson::object();
    for (const auto &[reason, count] : counts)
        j[reason] = count;
    return j;
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
        j["redeliveries"] = n.redeliveries;
        j["duplicates"] = n.duplicates;
        j["deadLettered"] = n.deadLettered;
        j["expired"] = n.expired;
        j["deduplicated"] = n.deduplicated;
        j["requeues"] = n.requeues;
        if (!n.consumers.empty()) {
            OJson consumers = OJson::array();
            for (const QueueConsumerResults &c : n.consumers) {
                OJson consumer{{"consumer", c.consumer}, {"unackedMax", c.unackedMax}};
                if (c.replica > 0)
                    consumer["replica"] = c.replica;
                consumers.push_back(consumer);
            }
            j["consumers"] = consumers;
        }
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
        j["duplicatesSuppressed"] = n.duplicatesSuppressed;
        j["duplicateSideEffects"] = n.duplicateSideEffects;
        j["outOfOrder"] = n.outOfOrder;
        j["versionRejections"] = n.versionRejections;
        j["upcasts"] = n.upcasts;
        j["hangs"] = n.hangs;
        if (!n.replicas.empty()) {
            OJson replicas = OJson::array();
            for (const ReplicaResults &r : n.replicas)
                replicas.push_back(OJson{{"arrivals", r.arrivals},
                                         {"utilisation", r.utilisation},
                                         {"queueLength", levelJson(r.queueLength)}});
            j["replicas"] = replicas;
        }
        break;
    case NodeKind::Sink:
        j["arrivals"] = n.arrivals;
        j["throughput"] = n.throughput;
        break;
    case NodeKind::DeadLetter:
        j["arrivals"] = n.arrivals;
        j["arrivalRate"] = n.arrivalRate;
        j["byReason"] = byReasonJson(n.deadLettersByReason);
        j["redriven"] = n.redriven;
        break;
    case NodeKind::Topic: {
        j["arrivals"] = n.arrivals;
        j["dispatched"] = n.departures;
        j["arrivalRate"] = n.arrivalRate;
        j["throughput"] = n.throughput;
        j["queueLength"] = levelJson(n.queueLength);
        j["waitingTime"] = latencyJson(n.waitingTime);
        j["lostToRetention"] = n.lostToRetention;
        j["duplicates"] = n.duplicates;
        OJson groups = OJson::array();
        for (const ConsumerGroupResults &g : n.groups) {
            OJson partitions = OJson::array();
            for (const PartitionOffsets &p : g.partitions)
                partitions.push_back({{"logStart", p.logStart},
                                      {"logEnd", p.logEnd},
                                      {"position", p.position},
                                      {"committed", p.committed},
                                      {"lag", p.lag},
                                      {"maxLag", p.maxLag}});
            groups.push_back({{"group", g.group},
                              {"lag", levelJson(g.lag)},
                              {"lostToRetention", g.lostToRetention},
                              {"duplicates", g.duplicates},
                              {"reread", g.reread},
                              {"rebalances", g.rebalances},
                              {"stoppedPartitionSeconds", g.stoppedPartitionSeconds},
                              {"assignor", assignorName(g.assignor)},
                              {"partitions", partitions}});
        }
        j["groups"] = groups;
        break;
    }
    }
    return j;
}

} // namespace

// Node ids may hold anything; quote a header cell the way RFC 4180 says.
std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

OJson runResultsJson(const RunResults &r)
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
    ledger["duplicated"] = r.ledger.duplicated;
    ledger["redriven"] = r.ledger.redriven;
    ledger["calls"] = r.ledger.calls;
    ledger["completed"] = r.ledger.completed;
    ledger["failed"] = r.ledger.failed;
    ledger["deadLettered"] = byReasonJson(r.ledger.deadLettered);
    ledger["dropped"] = byReasonJson(r.ledger.dropped);
    ledger["expired"] = r.ledger.expired;
    ledger["lostToRetention"] = r.ledger.lostToRetention;
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

    OJson edges = OJson::array();
    for (const EdgeResults &e : r.edges)
        edges.push_back(edgeJson(e));
    root["edges"] = edges;
    return root;
}

std::string resultsToJson(const RunResults &r)
{
    return withSeries(runResultsJson(r), r);
}

std::string withSeries(const OJson &root, const RunResults &r)
{
    // The time series go last, one series to a line: thousands of points
    // stay readable, and no document tree of every point is built in memory.
    std::string out = root.dump(2);
    out.pop_back(); // the closing brace; the series follow
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    out += ",\n  \"timeSeries\": {\n    \"interval\": " + OJson(r.seriesInterval).dump() + ",\n    \"series\": [";
    for (std::size_t i = 0; i < r.series.size(); ++i) {
        const SeriesResults &s = r.series[i];
        out += i == 0 ? "\n      " : ",\n      ";
        out += OJson{{"node", s.node}, {"quantity", s.quantity}, {"points", s.points}}.dump();
    }
    out += r.series.empty() ? "]\n  }\n}\n" : "\n    ]\n  }\n}\n";
    return out;
}

std::string seriesToCsv(const RunResults &r)
{
    std::string out = "time";
    std::size_t rows = 0;
    for (const SeriesResults &s : r.series) {
        out += "," + csvField(s.node + "." + s.quantity);
        rows = std::max(rows, s.points.size());
    }
    out += "\n";
    char buffer[64];
    for (std::size_t i = 0; i < rows; ++i) {
        std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(i) * r.seriesInterval);
        out += buffer;
        for (const SeriesResults &s : r.series) {
            out += ",";
            if (i < s.points.size() && !std::isnan(s.points[i])) { // no mean in this bin: left empty
                std::snprintf(buffer, sizeof buffer, "%.9g", s.points[i]);
                out += buffer;
            }
        }
        out += "\n";
    }
    return out;
}

} // namespace asyncsim::models
