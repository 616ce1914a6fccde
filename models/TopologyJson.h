#pragma once

#include "Topology.h"
#include "TopologyError.h"

#include <string>
#include <string_view>

namespace asyncsim::models {

/// The format name and version this build reads and writes.
inline constexpr const char *TopologyFormatName = "asyncsim-topology";
inline constexpr int TopologyFormatVersion = 1;

/// Reads a topology from JSON text and checks it whole.
/// @throws TopologyError listing every problem found, each at its JSON
/// pointer; nothing is returned half-loaded.
Topology parseTopology(std::string_view text, const std::string &fileName = {});

/// Reads and checks the topology file at @p path.
/// @throws TopologyError also when the file cannot be read.
Topology loadTopologyFile(const std::string &path);

/// Writes @p topology as JSON text in the format parseTopology() reads
/// (keys in a fixed order, durations with units).
std::string serializeTopology(const Topology &topology);

} // namespace asyncsim::models
