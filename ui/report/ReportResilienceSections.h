#pragma once

#include "ReportSections.h"

#include <QString>

namespace asyncsim::ui::report {

/// The calls and circuit breakers of the runs: each call edge's (and
/// resilient publish edge's) requests, attempts and what became of them, the
/// estimates over the replications, and each breaker's transition log.
/// Empty without such edges.
QString callsSection(const SectionContext &c);

/// The faults the run applied, in the order of the file; empty without any.
QString faultsSection(const SectionContext &c);

} // namespace asyncsim::ui::report
