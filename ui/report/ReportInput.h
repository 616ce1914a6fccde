#pragma once

#include "models/RunResults.h"
#include "models/Topology.h"

#include <QDateTime>
#include <QString>

#include <vector>

namespace asyncsim::ui::report {

/// What a report is written from: the topology as it was run and the results
/// of its runs (one run, or the replications in order).
struct ReportInput
{
    models::Topology topology;
    std::vector<models::RunResults> runs; ///< at least one
    QString fileName;                     ///< the topology file's name, as the reader should see it
    QDateTime created;                    ///< when the report was made; invalid: now
};

} // namespace asyncsim::ui::report
