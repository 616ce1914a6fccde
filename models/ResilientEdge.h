#pragma once

#include "CircuitBreaker.h"
#include "RetryPolicy.h"
#include "RunContext.h"
#include "RunResults.h"
#include "Topology.h"
#include "sim/Event.h"
#include "sim/LatencyHistogram.h"
#include "sim/RandomStream.h"

#include <cstdint>
#include <optional>

namespace asyncsim::models {

class Component;

/// The running state an edge's resilience policies share, whether the edge
/// carries calls (CallEdge) or publishes (PublishEdge): its retry policy and
/// random stream, its circuit breaker and the breaker's pending timer, its
/// fallback target, and what it measured.
class ResilientEdge
{
public:
    /// @p fallbackTarget (null unless the fallback routes) is not owned.
    ResilientEdge(RunContext &context, const EdgeSpec &spec, std::size_t edgeIndex, Component *fallbackTarget);
    virtual ~ResilientEdge() = default;
    ResilientEdge(const ResilientEdge &) = delete;
    ResilientEdge &operator=(const ResilientEdge &) = delete;

    const EdgeSpec &spec() const { return m_spec; }
    /// Index of the edge in Topology::edges.
    std::size_t edgeIndex() const { return m_edgeIndex; }
    Component *fallbackTarget() const { return m_fallbackTarget; }
    const std::optional<RetryPolicy> &retry() const { return m_retry; }
    sim::RandomStream &retryRng() { return m_retryRng; }
    CircuitBreaker *breaker() { return m_breaker ? &*m_breaker : nullptr; }
    const CircuitBreaker *breaker() const { return m_breaker ? &*m_breaker : nullptr; }

    /// Takes the timeout, retry and breaker settings of @p spec from now on (an
    /// edit during a run). Adding or removing a retry or a breaker, or
    /// changing the fallback, is not done live: returns false and changes
    /// nothing then; true otherwise. A call edge's owner re-arms the
    /// breaker's timer afterwards (Service::reconfigureCall); a publish edge
    /// does it itself.
    virtual bool reconfigure(const EdgeSpec &spec);

    /// After any use of the breaker: notes its new transitions in the run log
    /// as the sender's (node @p senderIndex).
    void logTransitions(std::size_t senderIndex);
    /// Breaker transitions since the run began (never reset at warm-up), as
    /// counted by logTransitions(): a change tells the live view to flash.
    std::uint64_t transitionsSinceStart() const { return m_transitionsTotal; }
    /// When the pending breaker timer fires; empty if none is pending.
    std::optional<sim::Time> timerAt() const { return m_timerAt; }
    /// The breaker's timer is now pending at @p at with event @p id.
    void timerScheduled(sim::Time at, sim::EventId id)
    {
        m_timerAt = at;
        m_timer = id;
    }
    /// The pending timer event, if any (to cancel it before scheduling a new one).
    sim::EventId timer() const { return m_timer; }
    /// The timer fired: nothing is pending any more.
    void timerFired()
    {
        m_timer = sim::InvalidEventId;
        m_timerAt.reset();
    }

    /// @name Counters over the measured period.
    ///@{
    std::uint64_t requests = 0;
    std::uint64_t attempts = 0;
    std::uint64_t successes = 0;
    std::uint64_t failures = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t lateAnswers = 0;
    std::uint64_t rejectedByBreaker = 0;
    std::uint64_t fallbacks = 0;
    sim::LatencyHistogram latency;
    ///@}

    /// Warm-up deletion: the counters, and the breaker's counters and log.
    void resetStatistics();
    EdgeResults results(sim::Time measuredFrom, sim::Time end) const;

protected:
    RunContext &m_context; // not owned

private:
    EdgeSpec m_spec;
    std::size_t m_edgeIndex;
    Component *m_fallbackTarget; // not owned
    std::optional<RetryPolicy> m_retry;
    sim::RandomStream m_retryRng;
    std::optional<CircuitBreaker> m_breaker;
    std::optional<sim::Time> m_timerAt;
    sim::EventId m_timer = sim::InvalidEventId;
    std::size_t m_transitionsLogged = 0;
    std::uint64_t m_transitionsTotal = 0;
    CircuitBreakerState m_stateAtMeasureStart = CircuitBreakerState::Closed;
};

} // namespace asyncsim::models
