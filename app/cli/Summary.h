#pragma once

#include "models/RunResults.h"

#include <string>

namespace asyncsim::cli {

/// A short human-readable summary of a run: the ledger and a table of nodes.
std::string formatSummary(const models::RunResults &results, double wallSeconds);

} // namespace asyncsim::cli
