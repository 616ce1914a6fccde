#pragma once

// Internal to models/: reading one node of a topology file.

#include "JsonReader.h"
#include "models/Topology.h"

#include <optional>
#include <string>

namespace asyncsim::models::internal {

/// The node at @p pointer, when its id and kind could be read (its
/// parameters may still have problems, added to @p problems): enough to check
/// the edges against it. References to other nodes (a queue's deadLetter) are
/// checked by the caller once every node is known.
std::optional<NodeSpec> readNode(const Json &value, const std::string &pointer, Problems &problems);

} // namespace asyncsim::models::internal
