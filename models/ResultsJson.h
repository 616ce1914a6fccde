#pragma once

#include "ReplicationSummary.h"
#include "RunResults.h"

#include <string>
#include <vector>

namespace asyncsim::models {

/// The results of a run as JSON text ("format": "asyncsim-results").
/// Deterministic: the same results give the same bytes.
std::string resultsToJson(const RunResults &results);

/// The results of replications as JSON text: the summary (every metric as
/// mean, half-width, low and high of its confidence interval, and n), then
/// each replication's results without time series, then the time series of
/// the first replication.
std::string replicationsToJson(const ReplicationSummary &summary, const std::vector<RunResults> &runs);

/// The replication summary as CSV, one metric to a row: group (node id,
/// "from -> to" for a flow, or "ledger"), kind, metric, mean, halfWidth, low,
/// high, n (the interval's cells empty without one).
std::string summaryToCsv(const ReplicationSummary &summary);

/// The time series of a run as CSV: a "time" column (seconds, start of each
/// bin) and one column per series, named "node.quantity".
std::string seriesToCsv(const RunResults &results);

} // namespace asyncsim::models
