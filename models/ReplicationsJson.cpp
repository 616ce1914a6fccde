#include "ResultsJson.h"

#include "internal/ResultsJsonValue.h"

#include <cmath>
#include <cstdio>

namespace asyncsim::models {

namespace {

OJson estimateJson(const Estimate &e)
{
    OJson j{{"mean", e.mean}, {"n", e.n}};
    // One replication has no interval; JSON has no infinity, so say null.
    if (std::isfinite(e.halfWidth)) {
        j["halfWidth"] = e.halfWidth;
        j["low"] = e.low();
        j["high"] = e.high();
    } else {
        j["halfWidth"] = nullptr;
        j["low"] = nullptr;
        j["high"] = nullptr;
    }
    return j;
}

OJson metricsJson(const MetricGroup &g)
{
    OJson metrics = OJson::object();
    for (const Metric &m : g.metrics)
        metrics[m.name] = estimateJson(m.estimate);
    return metrics;
}

} // namespace

std::string replicationsToJson(const ReplicationSummary &s, const std::vector<RunResults> &runs)
{
    OJson root;
    root["format"] = "asyncsim-results";
    root["version"] = 1;
    root["topology"] = s.topology;
    root["replications"] = s.replications;
    root["confidence"] = s.confidence;
    root["seeds"] = s.seeds;
    root["simulatedTime"] = s.simulatedTime;
    root["warmup"] = s.warmup;

    OJson summary;
    summary["ledger"] = metricsJson(s.ledger);
    summary["ledgerBalancedInEveryRun"] = s.ledgerBalancedInEveryRun;
    OJson nodes = OJson::array();
    for (const MetricGroup &g : s.nodes)
        nodes.push_back({{"id", g.id}, {"kind", g.kind}, {"metrics", metricsJson(g)}});
    summary["nodes"] = nodes;
    OJson flows = OJson::array();
    for (const MetricGroup &g : s.flows)
        flows.push_back({{"flow", g.id}, {"metrics", metricsJson(g)}});
    summary["flows"] = flows;
    OJson edges = OJson::array();
    for (const MetricGroup &g : s.edges)
        edges.push_back({{"edge", g.id}, {"mode", g.kind}, {"metrics", metricsJson(g)}});
    summary["edges"] = edges;
    summary["warnings"] = s.warnings;
    root["summary"] = summary;

    OJson each = OJson::array();
    for (const RunResults &r : runs)
        each.push_back(runResultsJson(r));
    root["runs"] = each;
    if (runs.empty())
        return root.dump(2) + "\n";
    return withSeries(root, runs.front());
}

std::string summaryToCsv(const ReplicationSummary &s)
{
    std::string out = "group,kind,metric,mean,halfWidth,low,high,n\n";
    char buffer[160];
    auto rows = [&](const MetricGroup &g) {
        for (const Metric &m : g.metrics) {
            const Estimate &e = m.estimate;
            if (std::isfinite(e.halfWidth))
                std::snprintf(buffer, sizeof buffer, ",%.9g,%.9g,%.9g,%.9g,%zu\n", e.mean, e.halfWidth, e.low(),
                              e.high(), e.n);
            else
                std::snprintf(buffer, sizeof buffer, ",%.9g,,,,%zu\n", e.mean, e.n);
            out += csvField(g.id) + "," + g.kind + "," + m.name + buffer;
        }
    };
    rows(s.ledger);
    for (const MetricGroup &g : s.nodes)
        rows(g);
    for (const MetricGroup &g : s.flows)
        rows(g);
    for (const MetricGroup &g : s.edges)
        rows(g);
    return out;
}

} // namespace asyncsim::models
