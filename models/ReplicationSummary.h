#pragma once

#include "Confidence.h"
#include "RunResults.h"

#include <cstdint>
#include <string>
#include <vector>

namespace asyncsim::models {

/// One quantity estimated over the replications, named as in the results
/// JSON with dots for nesting ("waitingTime.p95", "deadLetters.expired").
struct Metric
{
    std::string name;
    Estimate estimate;
};

/// The metrics of one node (or flow), in a fixed order per kind.
struct MetricGroup
{
    std::string id;   ///< node id, or "from -> to" for a flow
    std::string kind; ///< node kind name, or "flow"
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
