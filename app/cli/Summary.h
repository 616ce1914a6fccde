#pragma once

#include "models/RunResults.h"

#include <string>

namespace asyncsim::cli {

/// A short human-readable summary of a run: the ledger and a table of nodes.
/// @p topology is the one that ran (for settings the results do not repeat, such as prefetch).
std::string formatSummary(const models::Topology &topology, const models::RunResults &results, double wallSeconds);

} // namespace asyncsim::cli
