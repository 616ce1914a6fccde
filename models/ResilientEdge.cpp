#include "ResilientEdge.h"

#include "Component.h"
#include "Statistics.h"

namespace asyncsim::models {

ResilientEdge::ResilientEdge(RunContext &context, const EdgeSpec &spec, std::size_t edgeIndex,
                             Component *fallbackTarget)
    : m_context(context)
    , m_spec(spec)
    , m_edgeIndex(edgeIndex)
    , m_fallbackTarget(fallbackTarget)
    , m_retryRng(context.simulation.stream("edge " + spec.from + " -> " + spec.to, "retry"))
{
    if (spec.retry)
        m_retry.emplace(*spec.retry);
    if (spec.circuitBreaker)
        m_breaker.emplace(*spec.circuitBreaker, context.now());
}

bool ResilientEdge::reconfigure(const EdgeSpec &spec)
{
    // These change what the edge is made of (a fallback route names a node): next run.
    if (spec.retry.has_value() != m_retry.has_value() || spec.circuitBreaker.has_value() != m_breaker.has_value()
        || !(spec.fallback == m_spec.fallback))
        return false;
    m_spec.timeout = spec.timeout;
    m_spec.retry = spec.retry;
    m_spec.circuitBreaker = spec.circuitBreaker;
    if (spec.retry)
        m_retry.emplace(*spec.retry); // calls already waiting to retry keep the wait they drew
    if (spec.circuitBreaker)
        m_breaker->reconfigure(*spec.circuitBreaker, m_context.now());
    return true;
}

void ResilientEdge::logTransitions(std::size_t senderIndex)
{
    const auto &log = m_breaker->transitions();
    if (m_context.log) {
        for (std::size_t i = m_transitionsLogged; i < log.size(); ++i) {
            const CircuitBreakerTransition &t = log[i];
            m_context.note(RunLogKind::BreakerTransition, static_cast<std::int32_t>(senderIndex),
                           std::string(circuitBreakerStateName(t.from)) + " → "
                               + std::string(circuitBreakerStateName(t.to)) + ": " + t.reason,
                           static_cast<std::int32_t>(m_edgeIndex));
        }
    }
    m_transitionsTotal += log.size() - m_transitionsLogged;
    m_transitionsLogged = log.size();
}

void ResilientEdge::resetStatistics()
{
    requests = attempts = successes = failures = timeouts = lateAnswers = rejectedByBreaker = fallbacks = 0;
    latency.reset();
    if (m_breaker) {
        m_breaker->resetStatistics(); // its state and timers go on as they were
        m_transitionsLogged = 0;
        m_stateAtMeasureStart = m_breaker->state();
    }
}

EdgeResults ResilientEdge::results(sim::Time measuredFrom, sim::Time end) const
{
    EdgeResults r;
    r.from = m_spec.from;
    r.to = m_spec.to;
    r.mode = m_spec.mode;
    r.requests = requests;
    r.attempts = attempts;
    r.successes = successes;
    r.failures = failures;
    r.timeouts = timeouts;
    r.lateAnswers = lateAnswers;
    r.rejectedByBreaker = rejectedByBreaker;
    r.fallbacks = fallbacks;
    r.retryAmplification = requests > 0 ? static_cast<double>(attempts) / static_cast<double>(requests) : 0.0;
    r.callLatency = summarize(latency);
    if (!m_breaker)
        return r;
    BreakerResults b;
    b.notPermitted = m_breaker->counters().notPermitted;
    // The time in each state: from the state the measured period began in,
    // along the transitions logged since.
    CircuitBreakerState state = m_stateAtMeasureStart;
    sim::Time since = measuredFrom;
    for (const CircuitBreakerTransition &t : m_breaker->transitions()) {
        if (t.at > end)
            break;
        b.timeInState[std::string(circuitBreakerStateName(state))] += (t.at - since).toSeconds();
        b.transitions.push_back({t.at.toSeconds(), std::string(circuitBreakerStateName(t.from)),
                                 std::string(circuitBreakerStateName(t.to)), t.reason});
        state = t.to;
        since = t.at;
    }
    b.timeInState[std::string(circuitBreakerStateName(state))] += (end - since).toSeconds();
    b.state = std::string(circuitBreakerStateName(state));
    r.breaker = std::move(b);
    return r;
}

} // namespace asyncsim::models
