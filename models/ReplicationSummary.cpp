#include "ReplicationSummary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>

namespace asyncsim::models {

namespace {

/// A quantity of one run's results; empty when the run measured nothing of it.
using Extract = std::function<std::optional<double>(const RunResults &)>;

struct Collector
{
    const std::vector<RunResults> &runs;
    double confidence;
    MetricGroup &group;

    void add(const std::string &name, const Extract &extract, MetricUnit unit = MetricUnit::Number)
    {
        std::vector<double> values;
        for (const RunResults &r : runs)
            if (const auto v = extract(r))
                values.push_back(*v);
        if (!values.empty())
            group.metrics.push_back({name, estimateMean(values, confidence), unit});
    }
    void count(const std::string &name, std::function<std::uint64_t(const RunResults &)> extract)
    {
        add(
            name, [extract](const RunResults &r) { return std::optional<double>(static_cast<double>(extract(r))); },
            MetricUnit::Count);
    }
};

std::optional<double> ifMeasured(const LatencySummary &s, double value)
{
    return s.count > 0 ? std::optional<double>(value) : std::nullopt;
}

void addLatency(Collector &c, const std::string &prefix, std::function<const LatencySummary &(const RunResults &)> of)
{
    const MetricUnit seconds = MetricUnit::Seconds;
    c.add(
        prefix + ".mean", [of](const RunResults &r) { return ifMeasured(of(r), of(r).mean); }, seconds);
    c.add(
        prefix + ".p50", [of](const RunResults &r) { return ifMeasured(of(r), of(r).p50); }, seconds);
    c.add(
        prefix + ".p95", [of](const RunResults &r) { return ifMeasured(of(r), of(r).p95); }, seconds);
    c.add(
        prefix + ".p99", [of](const RunResults &r) { return ifMeasured(of(r), of(r).p99); }, seconds);
}

/// Each consumer group of topic @p index: its lag, and what a crash or a
/// rebalance cost it. Groups are the same in every run of one topology.
void addGroupMetrics(Collector &c, std::size_t index)
{
    if (c.runs.empty())
        return;
    const auto &groups = c.runs.front().nodes[index].groups;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto group
            = [index, g](const RunResults &r) -> const ConsumerGroupResults & { return r.nodes[index].groups[g]; };
        const std::string name = groups[g].group;
        c.add("lag." + name + ".mean",
              [group](const RunResults &r) { return std::optional<double>(group(r).lag.mean); });
        c.add("lag." + name + ".max", [group](const RunResults &r) { return std::optional<double>(group(r).lag.max); });
        c.count("lostToRetention." + name, [group](const RunResults &r) { return group(r).lostToRetention; });
        c.count("duplicates." + name, [group](const RunResults &r) { return group(r).duplicates; });
        c.count("reread." + name, [group](const RunResults &r) { return group(r).reread; });
        c.count("rebalances." + name, [group](const RunResults &r) { return group(r).rebalances; });
        c.add(
            "stoppedPartitionSeconds." + name,
            [group](const RunResults &r) { return std::optional<double>(group(r).stoppedPartitionSeconds); },
            MetricUnit::Seconds);
    }
}

/// Each replica of service @p index (numbered from 1): how the load
/// balancer, or the pulls, shared the work.
void addReplicaMetrics(Collector &c, std::size_t index)
{
    if (c.runs.empty())
        return;
    const std::size_t count = c.runs.front().nodes[index].replicas.size();
    for (std::size_t i = 0; i < count; ++i) {
        auto replica = [index, i](const RunResults &r) -> const ReplicaResults & { return r.nodes[index].replicas[i]; };
        const std::string name = "replicas." + std::to_string(i + 1);
        c.count(name + ".arrivals", [replica](const RunResults &r) { return replica(r).arrivals; });
        c.add(name + ".utilisation",
              [replica](const RunResults &r) { return std::optional<double>(replica(r).utilisation); });
        c.add(name + ".queueLength.mean",
              [replica](const RunResults &r) { return std::optional<double>(replica(r).queueLength.mean); });
    }
}

/// Edge @p index of the results: its attempts and what became of them, and
/// its breaker's transitions and time open.
void addEdgeMetrics(Collector &c, std::size_t index)
{
    auto edge = [index](const RunResults &r) -> const EdgeResults & { return r.edges[index]; };
    auto counter = [edge](std::uint64_t EdgeResults::*member) {
        return [edge, member](const RunResults &r) { return edge(r).*member; };
    };
    c.count("requests", counter(&EdgeResults::requests));
    c.count("attempts", counter(&EdgeResults::attempts));
    // Attempts per request, in the runs that made requests.
    c.add("retryAmplification", [edge](const RunResults &r) {
        return edge(r).requests > 0 ? std::optional<double>(edge(r).retryAmplification) : std::nullopt;
    });
    c.count("successes", counter(&EdgeResults::successes));
    c.count("failures", counter(&EdgeResults::failures));
    c.count("timeouts", counter(&EdgeResults::timeouts));
    c.count("lateAnswers", counter(&EdgeResults::lateAnswers));
    c.count("rejectedByBreaker", counter(&EdgeResults::rejectedByBreaker));
    c.count("fallbacks", counter(&EdgeResults::fallbacks));
    addLatency(c, "callLatency", [edge](const RunResults &r) -> const LatencySummary & { return edge(r).callLatency; });
    if (c.runs.empty() || !c.runs.front().edges[index].breaker)
        return;
    c.count("breaker.transitions",
            [edge](const RunResults &r) { return edge(r).breaker ? edge(r).breaker->transitions.size() : 0; });
    c.add(
        "breaker.openTime",
        [edge](const RunResults &r) {
            if (!edge(r).breaker)
                return std::optional<double>(0.0);
            const auto &inState = edge(r).breaker->timeInState;
            const auto open = inState.find("open");
            return std::optional<double>(open == inState.end() ? 0.0 : open->second);
        },
        MetricUnit::Seconds);
}

void addNodeMetrics(Collector &c, std::size_t index, NodeKind kind)
{
    auto node = [index](const RunResults &r) -> const NodeResults & { return r.nodes[index]; };
    auto value = [node](double NodeResults::*member) {
        return [node, member](const RunResults &r) { return std::optional<double>(node(r).*member); };
    };
    auto counter = [node](std::uint64_t NodeResults::*member) {
        return [node, member](const RunResults &r) { return node(r).*member; };
    };
    auto level = [node](LevelSummary NodeResults::*member, bool max) {
        return [node, member, max](const RunResults &r) {
            return std::optional<double>(max ? (node(r).*member).max : (node(r).*member).mean);
        };
    };
    auto latency = [node](LatencySummary NodeResults::*member) {
        return [node, member](const RunResults &r) -> const LatencySummary & { return node(r).*member; };
    };
    switch (kind) {
    case NodeKind::Producer:
        c.add("rate", value(&NodeResults::arrivalRate));
        c.count("produced", counter(&NodeResults::arrivals));
        break;
    case NodeKind::Queue:
        c.add("arrivalRate", value(&NodeResults::arrivalRate));
        c.add("throughput", value(&NodeResults::throughput));
        c.add("queueLength.mean", level(&NodeResults::queueLength, false));
        c.add("queueLength.max", level(&NodeResults::queueLength, true));
        addLatency(c, "waitingTime", latency(&NodeResults::waitingTime));
        c.count("drops", counter(&NodeResults::drops));
        c.count("redeliveries", counter(&NodeResults::redeliveries));
        c.count("duplicates", counter(&NodeResults::duplicates));
        c.count("deadLettered", counter(&NodeResults::deadLettered));
        c.count("expired", counter(&NodeResults::expired));
        c.count("deduplicated", counter(&NodeResults::deduplicated));
        c.count("requeues", counter(&NodeResults::requeues));
        break;
    case NodeKind::Service:
        c.add("arrivalRate", value(&NodeResults::arrivalRate));
        c.add("throughput", value(&NodeResults::throughput));
        c.add("utilisation", value(&NodeResults::utilisation));
        c.add("queueLength.mean", level(&NodeResults::queueLength, false));
        c.add("inSystem.mean", level(&NodeResults::inSystem, false));
        addLatency(c, "waitingTime", latency(&NodeResults::waitingTime));
        addLatency(c, "responseTime", latency(&NodeResults::responseTime));
        c.count("failures", counter(&NodeResults::failures));
        c.count("drops", counter(&NodeResults::drops));
        c.count("duplicatesSuppressed", counter(&NodeResults::duplicatesSuppressed));
        c.count("duplicateSideEffects", counter(&NodeResults::duplicateSideEffects));
        c.count("outOfOrder", counter(&NodeResults::outOfOrder));
        c.count("versionRejections", counter(&NodeResults::versionRejections));
        c.count("upcasts", counter(&NodeResults::upcasts));
        c.count("hangs", counter(&NodeResults::hangs));
        addReplicaMetrics(c, index);
        break;
    case NodeKind::Sink:
        c.add("throughput", value(&NodeResults::throughput));
        break;
    case NodeKind::DeadLetter: {
        c.count("arrivals", counter(&NodeResults::arrivals));
        // Every reason any replication saw; a run without it counts 0.
        std::vector<std::string> reasons;
        for (const RunResults &r : c.runs)
            for (const auto &[reason, n] : node(r).deadLettersByReason)
                if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
                    reasons.push_back(reason);
        std::sort(reasons.begin(), reasons.end());
        for (const std::string &reason : reasons)
            c.count("deadLetters." + reason, [node, reason](const RunResults &r) {
                const auto &byReason = node(r).deadLettersByReason;
                const auto it = byReason.find(reason);
                return it == byReason.end() ? std::uint64_t{0} : it->second;
            });
        c.count("redriven", counter(&NodeResults::redriven));
        break;
    }
    case NodeKind::Topic:
        c.add("arrivalRate", value(&NodeResults::arrivalRate));
        c.add("throughput", value(&NodeResults::throughput));
        c.add("queueLength.mean", level(&NodeResults::queueLength, false));
        addLatency(c, "waitingTime", latency(&NodeResults::waitingTime));
        c.count("lostToRetention", counter(&NodeResults::lostToRetention));
        addGroupMetrics(c, index);
        break;
    }
}

void addLedger(Collector &c)
{
    c.count("produced", [](const RunResults &r) { return r.ledger.produced; });
    c.count("completed", [](const RunResults &r) { return r.ledger.completed; });
    c.count("failed", [](const RunResults &r) { return r.ledger.failed; });
    c.count("deadLettered", [](const RunResults &r) { return r.ledger.deadLetteredTotal(); });
    c.count("dropped", [](const RunResults &r) { return r.ledger.droppedTotal(); });
    c.count("expired", [](const RunResults &r) { return r.ledger.expired; });
    c.count("lostToRetention", [](const RunResults &r) { return r.ledger.lostToRetention; });
    c.count("inFlight", [](const RunResults &r) { return r.ledger.inFlight; });
}

/// The flows any replication took, in the order first seen.
std::vector<std::pair<std::string, std::string>> flowNames(const std::vector<RunResults> &runs)
{
    std::vector<std::pair<std::string, std::string>> names;
    for (const RunResults &r : runs)
        for (const FlowResults &f : r.flows)
            if (std::find(names.begin(), names.end(), std::pair(f.from, f.to)) == names.end())
                names.emplace_back(f.from, f.to);
    return names;
}

const LatencySummary &flowLatency(const RunResults &r, const std::string &from, const std::string &to)
{
    static const LatencySummary none;
    for (const FlowResults &f : r.flows)
        if (f.from == from && f.to == to)
            return f.latency;
    return none;
}

std::string percent(double fraction)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f%%", fraction * 100);
    return buffer;
}

/// Warns about the key metrics whose interval is wider than the threshold.
void warnAboutWideIntervals(ReplicationSummary &s)
{
    if (s.replications < 2) {
        s.warnings.push_back("one replication gives no confidence interval: run at least 2 (5 or more for "
                             "intervals narrow enough to decide from)");
        return;
    }
    static const char *const keys[]
        = {"throughput", "utilisation", "waitingTime.mean", "responseTime.mean", "latency.mean"};
    auto check = [&](const MetricGroup &g) {
        for (const char *key : keys)
            if (const Metric *m = g.find(key);
                m && m->estimate.n >= 2 && m->estimate.relativeHalfWidth() > WideIntervalThreshold)
                s.warnings.push_back(g.id + ": " + m->name + " is known only to ±"
                                     + percent(m->estimate.relativeHalfWidth()) + " at " + percent(s.confidence)
                                     + " confidence; run longer or add replications to narrow it");
    };
    for (const MetricGroup &g : s.nodes)
        check(g);
    for (const MetricGroup &g : s.flows)
        check(g);
}

} // namespace

const Metric *MetricGroup::find(const std::string &name) const
{
    for (const Metric &m : metrics)
        if (m.name == name)
            return &m;
    return nullptr;
}

ReplicationSummary summarizeReplications(const std::vector<RunResults> &runs, double confidence)
{
    ReplicationSummary s;
    s.replications = static_cast<int>(runs.size());
    s.confidence = confidence;
    if (runs.empty())
        return s;
    s.topology = runs.front().topology;
    s.simulatedTime = runs.front().simulatedTime;
    s.warmup = runs.front().warmup;
    for (const RunResults &r : runs) {
        s.seeds.push_back(r.seed);
        s.ledgerBalancedInEveryRun = s.ledgerBalancedInEveryRun && r.ledger.balances();
    }

    s.ledger.id = "ledger";
    s.ledger.kind = "ledger";
    Collector ledger{runs, confidence, s.ledger};
    addLedger(ledger);

    for (std::size_t i = 0; i < runs.front().nodes.size(); ++i) {
        const NodeResults &first = runs.front().nodes[i];
        MetricGroup &g = s.nodes.emplace_back();
        g.id = first.id;
        g.kind = nodeKindName(first.kind);
        Collector c{runs, confidence, g};
        addNodeMetrics(c, i, first.kind);
    }
    for (const auto &[from, to] : flowNames(runs)) {
        MetricGroup &g = s.flows.emplace_back();
        g.id = from + " -> " + to;
        g.kind = "flow";
        Collector c{runs, confidence, g};
        auto of = [from, to](const RunResults &r) -> const LatencySummary & { return flowLatency(r, from, to); };
        c.count("count", [of](const RunResults &r) { return of(r).count; });
        addLatency(c, "latency", of);
    }
    for (std::size_t i = 0; i < runs.front().edges.size(); ++i) {
        const EdgeResults &first = runs.front().edges[i];
        MetricGroup &g = s.edges.emplace_back();
        g.id = first.from + " -> " + first.to;
        g.kind = edgeModeName(first.mode);
        Collector c{runs, confidence, g};
        addEdgeMetrics(c, i);
    }
    warnAboutWideIntervals(s);
    return s;
}

} // namespace asyncsim::models
