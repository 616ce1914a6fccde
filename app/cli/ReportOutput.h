#pragma once

#include "models/RunResults.h"
#include "models/Topology.h"

#include <string>
#include <vector>

namespace asyncsim::cli {

/// Whether --report @p path can be written: empty if so, else the message to
/// print (an unknown suffix, or a CLI built without Qt). Checked before the
/// run, so bad input costs no simulation.
std::string checkReportPath(const std::string &path);

/// Writes the HTML or PDF report of @p runs to @p path, starting Qt (on the
/// offscreen platform when there is no display) for the charts and the
/// diagram. Prints a message and returns false when it cannot.
bool writeReportFile(const models::Topology &topology, const std::vector<models::RunResults> &runs,
                     const std::string &path, const std::string &topologyFile);

} // namespace asyncsim::cli
