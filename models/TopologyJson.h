#pragma once

#include "Topology.h"
#include "TopologyError.h"

#include <string>
#include <string_view>

namespace asyncsim::models {

/// The format name and version this build reads and writes.
inline constexpr const char *TopologyFormatName = "asyncsim-topology";
inline constexpr int TopologyFormatVersion = 1;

/// How much of a topology the reader insists on.
enum class Strictness {
    Whole, ///< every value and the structure (checkTopology's errors): what a run needs
    Draft, ///< every value, but not the structure: what the editor opens, so that work
           ///< in progress (a producer not yet connected, an empty canvas) can be saved
           ///< and opened again, its structural problems shown in the problems panel
};

/// Reads a topology from JSON text and checks it.
/// @throws TopologyError listing every problem found, each at its JSON
/// pointer; nothing is returned half-loaded.
Topology parseTopology(std::string_view text, const std::string &fileName = {},
                       Strictness strictness = Strictness::Whole);

/// Reads and checks the topology file at @p path.
/// @throws TopologyError also when the file cannot be read.
Topology loadTopologyFile(const std::string &path, Strictness strictness = Strictness::Whole);

/// Writes @p topology as JSON text in the format parseTopology() reads
/// (keys in a fixed order, durations with units).
std::string serializeTopology(const Topology &topology);

} // namespace asyncsim::models
