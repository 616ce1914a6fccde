#pragma once

#include "Topology.h"
#include "TopologyError.h"

#include <vector>

namespace asyncsim::models {

/// Checks the structure of a topology, as a value: unique names, edges that
/// join existing nodes of kinds that can be joined that way, dead-letter
/// targets, routing probabilities, and (as warnings) nodes that would never
/// see a message. Each problem names its place by JSON pointer into the file
/// the topology would be saved as ("/edges/3/to", "/nodes/1").
///
/// The file reader runs it on every topology it loads whole, and the editor's
/// problems panel runs it on the topology being edited, so both say the same.
std::vector<Problem> checkTopology(const Topology &topology);

/// True when @p problems holds an error (not only warnings).
bool hasErrors(const std::vector<Problem> &problems);

} // namespace asyncsim::models
