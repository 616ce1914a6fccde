#pragma once

#include "sim/Time.h"

#include <optional>
#include <string>
#include <string_view>

namespace asyncsim::models {

/// Parses a duration as written in topology files: "250ms", "1.5s", "2m",
/// "1h", "10us", "500ns", "1d" (whitespace between number and unit allowed).
/// Returns nothing if @p text is not a duration or is out of range.
std::optional<sim::Duration> parseDuration(std::string_view text);

/// Writes @p d in the largest unit that represents it exactly ("40ms", "2m",
/// "1500ms"), so parseDuration(formatDuration(d)) == d.
std::string formatDuration(sim::Duration d);

} // namespace asyncsim::models
