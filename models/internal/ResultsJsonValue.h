#pragma once

// Shared by ResultsJson.cpp and ReplicationsJson.cpp: the results of one run
// as a JSON value, and the text form that appends the time series.

#include "models/RunResults.h"

#include <nlohmann/json.hpp>

#include <string>

namespace asyncsim::models {

using OJson = nlohmann::ordered_json;

/// Everything of @p results but the time series.
OJson runResultsJson(const RunResults &results);
/// @p root dumped with @p results' time series appended as its last member,
/// one series to a line.
std::string withSeries(const OJson &root, const RunResults &results);
/// @p text as one CSV cell, quoted as RFC 4180 says when it needs to be.
std::string csvField(const std::string &text);

} // namespace asyncsim::models
