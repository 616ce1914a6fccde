#pragma once

#include "ReportInput.h"

#include "models/CapacityCheck.h"
#include "models/ReplicationSummary.h"

#include <optional>

namespace asyncsim::ui::report {

/// Everything a report shows, gathered once for the HTML and the PDF writers.
struct ReportData
{
    ReportInput input;
    /// With two or more runs: every metric as a mean with its confidence interval.
    std::optional<models::ReplicationSummary> summary;
    models::CapacityCheck capacity;
    /// Whether the ledger balances in every run.
    bool ledgerBalances = true;

    const models::RunResults &firstRun() const { return input.runs.front(); }
    bool hasReplications() const { return summary.has_value(); }
};

/// Gathers the report's data from @p input. Precondition: input.runs is not empty.
ReportData gatherReportData(ReportInput input);

} // namespace asyncsim::ui::report
