#pragma once

#include "Confidence.h"
#include "RunResults.h"

#include <cstdint>
#include <string>
#include <vector>

namespace asyncsim::models {

/// What a metric's numbers are, so that each reader can format them.
enum class MetricUnit {
    Number,  ///< a rate, a level, a share or a ratio
    Count,   ///< events per run (messages, retries, rebalances, ...)
    Seconds, ///< a duration
};

/// One quantity estimated over the replications, named as in the results
/// JSON with dots for nesting ("waitingTime.p95", "deadLetters.expired").
struct Metric
{
    std::string name;
    Estimate estimate;
    MetricUnit unit = MetricUnit::Number;
};

/// The metrics of one node (or flow), in a fixed order per kind.
struct MetricGroup
{
    std::string id;   ///< node id, or "from -> to" for a flow or an edge
    std::string kind; ///< node kind name, "flow", or the edge's mode ("call", "publish")
    std::vector<Metric> metrics;

    /// The metric named @p name, or null.
    const Metric *find(const std::string &name) const;
};

/// What R independent replications of one topology say, each quantity as a
/// mean with its confidence interval.
struct ReplicationSummary
{
    std::string topology;
    int replications = 0;
    double confidence = 0.95;
    std::vector<std::uint64_t> seeds;
    double simulatedTime = 0; ///< of the first replication
    double warmup = 0;
    bool ledgerBalancedInEveryRun = true;
    MetricGroup ledger; ///< produced, completed, failed, dead-lettered, dropped, expired, ...
    std::vector<MetricGroup> nodes;
    std::vector<MetricGroup> flows;
    /// Call edges, and publish edges with a retry or breaker: what the
    /// results' "edges" hold, in the same order.
    std::vector<MetricGroup> edges;
    /// Estimates too wide to decide from, one sentence each.
    std::vector<std::string> warnings;
};

/// A relative half-width above this makes a key metric's estimate too wide
/// to rely on: the report says so and suggests a longer run.
inline constexpr double WideIntervalThreshold = 0.10;

/// Summarises @p runs (replications of one topology, in order). A latency
/// metric counts only the runs where something was measured; the estimate's
/// n says how many.
ReplicationSummary summarizeReplications(const std::vector<RunResults> &runs, double confidence = 0.95);

} // namespace asyncsim::models
