#pragma once

#include "models/CapacityCheck.h"
#include "models/ReplicationSummary.h"
#include "models/RunResults.h"

#include <string>

namespace asyncsim::cli {

/// The capacity check as a table: arrival rate, capacity and utilisation of
/// every service and queue, and where queueing theory applies, its predicted
/// waiting time and queue length beside the simulated ones (from @p run, or
/// with intervals from @p replications; either may be null).
std::string formatCapacity(const models::Topology &topology, const models::CapacityCheck &check,
                           const models::RunResults *run, const models::ReplicationSummary *replications);

} // namespace asyncsim::cli
