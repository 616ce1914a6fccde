#include "ReportData.h"

#include <algorithm>
#include <utility>

namespace asyncsim::ui::report {

ReportData gatherReportData(ReportInput input)
{
    ReportData data;
    data.input = std::move(input);
    if (!data.input.created.isValid())
        data.input.created = QDateTime::currentDateTime();
    if (data.input.runs.size() >= 2)
        data.summary = models::summarizeReplications(data.input.runs);
    data.capacity = models::checkCapacity(data.input.topology);
    data.ledgerBalances = std::all_of(data.input.runs.begin(), data.input.runs.end(),
                                      [](const models::RunResults &r) { return r.ledger.balances(); });
    return data;
}

} // namespace asyncsim::ui::report
