#pragma once

#include "RunResults.h"
#include "sim/LatencyHistogram.h"
#include "sim/TimeWeighted.h"

namespace asyncsim::models {

/// Count, mean, p50/p95/p99 and max of a histogram, in seconds.
LatencySummary summarize(const sim::LatencyHistogram &histogram);
/// Time-weighted mean up to @p end, and the maximum, of a level.
LevelSummary summarize(const sim::TimeWeighted &level, sim::Time end);

} // namespace asyncsim::models
