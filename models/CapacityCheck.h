#pragma once

#include "Topology.h"
#include "TopologyError.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace asyncsim::models {

/// What queueing theory predicts for a station (a service with its waiting
/// line, or a queue with the consumers it feeds) whose arrivals are Poisson.
struct QueueingPrediction
{
    std::string model;                ///< Kendall notation: "M/M/1", "M/M/4", "M/D/1", "M/G/1"
    double arrivalRate = 0;           ///< λ into the station, per second
    double serviceRate = 0;           ///< μ per server, per second
    int servers = 0;                  ///< c
    double waitingTime = 0;           ///< Wq, seconds
    double queueLength = 0;           ///< Lq
    double responseTime = 0;          ///< W = Wq + E[S]
    double inSystem = 0;              ///< L
    std::size_t waitingNode = 0;      ///< the node where messages wait: compare its waitingTime and queueLength
    std::vector<std::size_t> station; ///< every node of the station
};

/// The load on one node, from the traffic equations.
struct NodeLoad
{
    double arrivalRate = 0;     ///< λ: mean over the run, per second (producers: their output)
    double peakArrivalRate = 0; ///< λ with every producer at its peak rate at once
    /// Services: c·μ (messages per second it can process); queues: the sum
    /// over their consumers. Empty where it does not apply.
    std::optional<double> capacity;
    std::optional<double> utilisation; ///< λ / capacity
    bool poissonArrivals = false;
    std::optional<QueueingPrediction> prediction;
    /// Services and queues without a prediction: why not, in a few words.
    std::string noPrediction;
};

/// The capacity check a user sees before a run (DESIGN "Statistics a user can trust").
struct CapacityCheck
{
    std::vector<NodeLoad> nodes; ///< by node index
    /// Services at or over capacity (ρ ≥ 1), on average or at the peak; pointer "/nodes/i".
    std::vector<Problem> warnings;
    /// What the check leaves out, for the reader of a report.
    std::vector<std::string> assumptions;
};

/// Solves the traffic equations of @p topology (routing probabilities,
/// fan-out copies, a queue's consumers sharing by capacity, every topic group
/// reading everything; retries and redeliveries ignored), then computes each
/// node's utilisation and, where queueing theory applies exactly (Poisson
/// arrivals, an unbounded FIFO station, exponential service or a single
/// server), the predicted waiting time and queue length.
/// @p topology need not be valid: nodes and edges that do not resolve are skipped.
CapacityCheck checkCapacity(const Topology &topology);

} // namespace asyncsim::models
