#pragma once

#include "RunResults.h"

#include <string>

namespace asyncsim::models {

/// The results of a run as JSON text ("format": "asyncsim-results").
/// Deterministic: the same results give the same bytes.
std::string resultsToJson(const RunResults &results);

/// The time series of a run as CSV: a "time" column (seconds, start of each
/// bin) and one column per series, named "node.quantity".
std::string seriesToCsv(const RunResults &results);

} // namespace asyncsim::models
