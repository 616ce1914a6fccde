#pragma once

#include "models/ReplicationSummary.h"

#include <string>

namespace asyncsim::cli {

/// A human-readable summary of replications: every key metric as
/// "mean ± half-width" of its confidence interval, and the warnings.
std::string formatReplicationSummary(const models::ReplicationSummary &summary, double wallSeconds, int threads);

} // namespace asyncsim::cli
