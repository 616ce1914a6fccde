#pragma once

// Internal to models/: reading a distribution of durations.

#include "JsonReader.h"

#include "sim/Distribution.h"

#include <optional>
#include <string>
#include <string_view>

namespace asyncsim::models::internal {

/// The distribution at @p pointer: a bare duration (a constant) or an object
/// with "dist" and that distribution's parameters; empty (with problems
/// added) when it cannot be read.
std::optional<sim::Distribution> readDistribution(const Json &value, const std::string &pointer, Problems &problems);
/// The distribution under @p key of @p parent, read as readDistribution does.
std::optional<sim::Distribution> readDistributionAt(ObjectReader &parent, std::string_view key,
                                                    ObjectReader::Need need);

} // namespace asyncsim::models::internal
