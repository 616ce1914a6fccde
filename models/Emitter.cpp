#include "Emitter.h"

#include "Component.h"
#include "Service.h"

namespace asyncsim::models {

void Emitter::addTarget(Component *target, std::optional<double> probability, std::int32_t edge)
{
    const double previous = m_targets.empty() ? 0.0 : m_targets.back().cumulative;
    m_probabilistic = probability.has_value();
    m_targets.push_back(Target{target, previous + probability.value_or(0.0), edge});
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
                deliver(t.component, message, t.edge);
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
        deliver(m_targets[i].component, copy, m_targets[i].edge);
    }
    deliver(m_targets.front().component, message, m_targets.front().edge);
}

void Emitter::deliver(Component *target, MessageRef message, std::int32_t edge)
{
    Message &m = m_context.pool[message];
    m.enteredNode = m_context.now();
    m.attempts = 1; // a new hop: its first send
    const bool rejected
        = target->kind() == NodeKind::Service && static_cast<const Service *>(target)->rejectsVersion(m.version);
    m_context.carry(edge, m, 0, rejected);
    if (!target->offer(message))
        m_context.drop(message, target->refusalReason());
}

} // namespace asyncsim::models
