#include "Emitter.h"

#include "Component.h"
#include "Service.h"

namespace asyncsim::models {

void Emitter::addTarget(Component *target, std::optional<double> probability, std::int32_t edge,
                        std::unique_ptr<PublishEdge> policies)
{
    const double previous = m_targets.empty() ? 0.0 : m_targets.back().cumulative;
    m_probabilistic = probability.has_value();
    m_targets.push_back(Target{target, previous + probability.value_or(0.0), edge, policies.get()});
    if (policies)
        m_policies.push_back(std::move(policies));
}

void Emitter::emit(MessageRef message)
{
    if (m_targets.empty()) {
        m_context.complete(message, m_ownerIndex);
        return;
    }
    if (m_probabilistic) {
        const double u = m_routing.uniform01();
        for (const Target &t : m_targets) {
            if (u < t.cumulative) {
                deliver(t, message);
                return;
            }
        }
        // Beyond the last slice: the flow ends here.
        m_context.complete(message, m_ownerIndex);
        return;
    }
    // Fan-out: copies first, the original last, so the copies are taken from it intact.
    for (std::size_t i = 1; i < m_targets.size(); ++i) {
        const MessageRef copy = m_context.pool.acquire();
        m_context.pool[copy] = m_context.pool[message];
        m_context.pool[copy].id = m_context.nextMessageId++;
        ++m_context.forked;
        deliver(m_targets[i], copy);
    }
    deliver(m_targets.front(), message);
}

void Emitter::deliver(const Target &target, MessageRef message)
{
    if (target.policies) {
        target.policies->publish(message);
        return;
    }
    Message &m = m_context.pool[message];
    m.enteredNode = m_context.now();
    m.attempts = 1; // a new hop: its first send
    const bool rejected = target.component->kind() == NodeKind::Service
                       && static_cast<const Service *>(target.component)->rejectsVersion(m.version);
    m_context.carry(target.edge, m, 0, rejected);
    if (m_context.isPartitioned(m_ownerIndex, target.component->index()))
        m_context.drop(message, DropReason::Partitioned);
    else if (!target.component->offer(message))
        m_context.drop(message, target.component->refusalReason());
}

} // namespace asyncsim::models
