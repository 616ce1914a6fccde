#pragma once

// Internal to models/: reading a producer node.

#include "JsonReader.h"
#include "models/Topology.h"

namespace asyncsim::models::internal {

/// A producer's parameters, read from its node object @p r.
ProducerSpec readProducer(ObjectReader &r);

} // namespace asyncsim::models::internal
