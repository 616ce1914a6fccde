#include "PublishEdge.h"

#include "Component.h"

#include <algorithm>

namespace asyncsim::models {

PublishEdge::PublishEdge(RunContext &context, const EdgeSpec &spec, std::size_t edgeIndex, std::size_t senderIndex,
                         Component *target, Component *fallbackTarget)
    : ResilientEdge(context, spec, edgeIndex, fallbackTarget)
    , m_senderIndex(senderIndex)
    , m_target(target)
{ }

void PublishEdge::publish(MessageRef message)
{
    ++requests;
    m_context.pool[message].attempts = 1;
    attempt(message);
}

void PublishEdge::attempt(MessageRef message)
{
    ++attempts;
    if (CircuitBreaker *b = breaker()) {
        const bool permitted = b->tryAcquirePermission(m_context.now()) == CircuitBreaker::Permission::Permitted;
        syncBreaker();
        if (!permitted) {
            // CallNotPermitted: nothing is sent, and the retry sees a failure.
            ++rejectedByBreaker;
            attemptFailed(message, DropReason::CircuitOpen);
            return;
        }
    }
    Message &m = m_context.pool[message];
    m.enteredNode = m_context.now();
    m_context.carry(static_cast<std::int32_t>(edgeIndex()), m, 0);
    // The confirm comes back at once: a refusal is a nack that took no time.
    bool accepted = false;
    DropReason reason = DropReason::Partitioned;
    if (!m_context.isPartitioned(m_senderIndex, m_target->index())) {
        accepted = m_target->offer(message); // the target may be done with it before this returns
        if (!accepted)
            reason = m_target->refusalReason();
    }
    if (CircuitBreaker *b = breaker()) {
        b->onResult(m_context.now(), sim::Duration{},
                    accepted ? CircuitBreaker::Outcome::Success : CircuitBreaker::Outcome::Failure);
        syncBreaker();
    }
    if (accepted) {
        ++successes;
        return;
    }
    ++failures;
    attemptFailed(message, reason);
}

void PublishEdge::attemptFailed(MessageRef message, DropReason reason)
{
    Message &m = m_context.pool[message];
    const int failed = m.attempts;
    if (retry() && retry()->shouldRetry(failed)) {
        const sim::Duration wait = retry()->waitAfterFailure(failed, retryRng());
        ++m.attempts;
        m_context.simulation.schedule(wait, *this, RetryWait, message);
        return;
    }
    ++fallbacks;
    Component *routeTo = fallbackTarget();
    if (!routeTo) {
        m_context.drop(message, reason);
        return;
    }
    // Published to the fallback target, as an emitter would.
    m.enteredNode = m_context.now();
    m.attempts = 1;
    if (!routeTo->offer(message))
        m_context.drop(message, routeTo->refusalReason());
}

void PublishEdge::handleEvent(const sim::Event &event)
{
    switch (event.kind) {
    case RetryWait:
        attempt(static_cast<MessageRef>(event.data));
        break;
    case BreakerTimer:
        timerFired();
        breaker()->onTime(m_context.now());
        syncBreaker();
        break;
    }
}

void PublishEdge::syncBreaker()
{
    logTransitions(m_senderIndex);
    const std::optional<sim::Time> due = breaker()->nextTimedTransition();
    if (due == timerAt())
        return;
    if (timer() != sim::InvalidEventId)
        m_context.simulation.cancel(timer());
    if (due)
        timerScheduled(*due, m_context.simulation.scheduleAt(std::max(*due, m_context.now()), *this, BreakerTimer));
    else
        timerFired();
}

bool PublishEdge::reconfigure(const EdgeSpec &spec)
{
    if (!ResilientEdge::reconfigure(spec))
        return false;
    if (breaker())
        syncBreaker(); // the wait in OPEN or HALF_OPEN may have moved
    return true;
}

} // namespace asyncsim::models
