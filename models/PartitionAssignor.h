#pragma once

#include "Topology.h"

#include <cstddef>
#include <vector>

namespace asyncsim::models {

/// The partitions each member of a consumer group reads, by member index.
using PartitionAssignment = std::vector<std::vector<std::size_t>>;

/// Kafka's RangeAssignor for one topic: member i of @p members gets a run of
/// consecutive partitions, the first (partitions mod members) one more;
/// members beyond the partition count get none.
PartitionAssignment rangeAssignment(std::size_t partitions, std::size_t members);

/// The balanced assignment of Kafka's sticky assignors (AbstractStickyAssignor,
/// every member subscribed to the one topic), as CooperativeStickyAssignor
/// computes it at each rebalance. With P partitions over M members each
/// member ends with ⌊P/M⌋ or ⌈P/M⌉, and only (P mod M) members with the
/// larger count. A member keeps the partitions it @p owned (lowest first)
/// up to that quota; the rest are free and go, lowest first, round robin to
/// the members below ⌊P/M⌋, then one each to members at ⌊P/M⌋ while the
/// larger count is still allowed. With nothing owned this deals the
/// partitions out in turn: member 0 gets 0, M, 2M, ...
/// @p owned has one entry per member; partitions must be < @p partitions and owned once.
PartitionAssignment stickyAssignment(std::size_t partitions, const PartitionAssignment &owned);

/// The file format's name of @p assignor: "range" or "cooperative-sticky".
const char *assignorName(Assignor assignor);

} // namespace asyncsim::models
