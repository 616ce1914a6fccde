#pragma once

// Internal to models/: reading a queue node and a dead-letter node.

#include "JsonReader.h"
#include "models/Topology.h"

namespace asyncsim::models::internal {

/// A queue's parameters, read from its node object @p r; its deadLetter
/// target is checked against the nodes by the caller.
QueueSpec readQueue(ObjectReader &r);
/// A dead-letter node's parameters (its redrive), read from @p r.
DeadLetterSpec readDeadLetter(ObjectReader &r);

} // namespace asyncsim::models::internal
