#pragma once

#include "ChartSpec.h"

#include <vector>

namespace asyncsim::ui {

class RunRecorder;

/// Which charts a focus gets, chosen by what it is: a queue's backpressure,
/// a service's response times, a breaker's states, a topic's lag...
namespace ChartCatalog {

/// The charts of node @p node.
std::vector<ChartSpec> forNode(const RunRecorder &recorder, int node);
/// The charts of edge @p edge (a breaker chart once a snapshot showed one).
std::vector<ChartSpec> forEdge(const RunRecorder &recorder, int edge);
/// The charts with nothing in focus: the ledger and the busiest queues.
std::vector<ChartSpec> overview(const RunRecorder &recorder);

} // namespace ChartCatalog

} // namespace asyncsim::ui
