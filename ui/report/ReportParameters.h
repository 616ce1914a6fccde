#pragma once

#include "models/Topology.h"

#include <QString>

#include <utility>
#include <vector>

namespace asyncsim::ui::report {

/// One parameter as a report lists it: a readable name and its value with units.
using Parameter = std::pair<QString, QString>;

/// Every parameter of @p node, defaults included, so a reader sees the whole model.
std::vector<Parameter> nodeParameters(const models::NodeSpec &node);

/// A distribution in words: "exponential, mean 40 ms", "lognormal, mean 40 ms, CV 0.6".
QString describeDistribution(const sim::Distribution &d);

/// The run settings: duration, warm-up, seed, replications, sample interval.
std::vector<Parameter> simulationParameters(const models::SimulationSettings &s);

/// An edge in words: "publish", "publish, probability 30%", "consume", and a
/// consume edge's own group settings: "consume; the group commits after each record".
QString describeEdge(const models::EdgeSpec &e);

/// A consumer group's assignor in words: "range (eager)" or "cooperative sticky".
QString describeAssignor(models::Assignor assignor);

} // namespace asyncsim::ui::report
