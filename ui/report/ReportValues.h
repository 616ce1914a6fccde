#pragma once

#include "ReportData.h"
#include "ReportFormat.h"

#include <QString>

#include <cstddef>
#include <vector>

namespace asyncsim::ui::report {

/// A metric of node @p index, named as in ReplicationSummary ("throughput",
/// "waitingTime.p95"): the replications' estimate, or the single run's value.
ReportValue nodeValue(const ReportData &data, std::size_t index, const char *metric);

/// A metric of flow @p index ("latency.p99"), like nodeValue().
ReportValue flowValue(const ReportData &data, std::size_t index, const char *metric);

/// A metric of edge @p index of the results ("retryAmplification",
/// "rejectedByBreaker"), estimated over the replications; empty for a
/// single run, whose table shows its own counts.
ReportValue edgeEstimate(const ReportData &data, std::size_t index, const char *metric);

/// One line of the ledger: a label, the first run's count, and the estimate
/// over every run (only meaningful with replications).
struct LedgerLine
{
    QString key;   ///< stable id, e.g. "produced", "dropped-overflow"
    QString label; ///< what the reader sees
    double first = 0;
    ReportValue overRuns;
    bool incoming = false; ///< enters the ledger (produced, forked, ...) rather than leaving it
    bool total = false;    ///< a sum line
};

/// The ledger of the runs, line by line: what entered, then where it went,
/// every dead-letter and drop reason on its own line, with the two totals.
std::vector<LedgerLine> ledgerLines(const ReportData &data);

/// One event counter of a node (redeliveries, requeues, upcasts, ...): the
/// first run's count and the estimate over every run, as a LedgerLine.
struct CounterLine
{
    QString key;   ///< stable id, e.g. "requeues", "deadLetters-poison"
    QString label; ///< what the reader sees
    double first = 0;
    ReportValue overRuns;
};

/// The event counters of node @p index that are not zero in some run, in a
/// fixed order; none for a node where nothing of the kind happened.
std::vector<CounterLine> nodeCounters(const ReportData &data, std::size_t index);

} // namespace asyncsim::ui::report
