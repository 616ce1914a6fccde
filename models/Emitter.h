#pragma once

#include "Message.h"
#include "PublishEdge.h"
#include "RunContext.h"
#include "sim/RandomStream.h"

#include <memory>
#include <optional>
#include <vector>

namespace asyncsim::models {

class Component;

/// Passes a node's output along its outgoing publish edges: a copy down every
/// edge, or down one edge chosen by probability. A message with nowhere to go
/// completes its flow at the node.
class Emitter
{
public:
    Emitter(RunContext &context, std::size_t ownerIndex, sim::RandomStream routing)
        : m_context(context)
        , m_ownerIndex(ownerIndex)
        , m_routing(std::move(routing))
    { }

    /// Adds an outgoing edge (target not owned). All edges of one emitter
    /// either carry a probability or none does (the loader checks this).
    /// @p edge is the edge's index in the topology, for the traffic counts (-1: none).
    /// @p policies, when the edge has a retry or a breaker, sends on it.
    void addTarget(Component *target, std::optional<double> probability, std::int32_t edge = -1,
                   std::unique_ptr<PublishEdge> policies = nullptr);

    /// Sends @p message on. A message a target refuses (or a partition keeps
    /// from it) is dropped, with the target's refusal reason, unless the
    /// edge's policies retry or route it.
    void emit(MessageRef message);

    bool hasTargets() const { return !m_targets.empty(); }

private:
    struct Target
    {
        Component *component;  // not owned
        double cumulative;     // probabilistic routing: upper bound of its slice
        std::int32_t edge;     // index in the topology, or -1
        PublishEdge *policies; // retry and breaker of the edge, or null
    };

    void deliver(const Target &target, MessageRef message);

    RunContext &m_context;
    std::size_t m_ownerIndex;
    sim::RandomStream m_routing;
    std::vector<Target> m_targets;
    bool m_probabilistic = false;
    std::vector<std::unique_ptr<PublishEdge>> m_policies;
};

} // namespace asyncsim::models
