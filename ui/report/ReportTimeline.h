#pragma once

#include "ReportCharts.h"

#include <optional>
#include <vector>

namespace asyncsim::ui::report {

/// The faults timeline of the report's topology as shaded spans, clipped to
/// the run (a fault without an end lasts to the end of the run).
std::vector<ShadedSpan> faultSpans(const ReportData &data);

/// The states of every circuit breaker of the first run over the measured
/// period, one step line per edge with a breaker; empty without breakers.
std::optional<ChartSpec> breakerChart(const ReportData &data);

/// The y value a breaker state is drawn at: closed 0, half-open 1, open 2
/// (forced open counts as open, disabled and metrics-only as closed: they let calls through).
double breakerLevel(const std::string &state);

} // namespace asyncsim::ui::report
