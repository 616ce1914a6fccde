#pragma once

// Internal to models/: reading a service node.

#include "JsonReader.h"
#include "models/Topology.h"

namespace asyncsim::models::internal {

/// A service's parameters, read from its node object @p r.
ServiceSpec readService(ObjectReader &r);

} // namespace asyncsim::models::internal
