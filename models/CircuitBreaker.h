#pragma once

#include "TopologyError.h"
#include "sim/Time.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asyncsim::models {

/// What the closed-state sliding window counts (SEMANTICS §1.2).
enum class SlidingWindowType {
    CountBased, ///< the last N outcomes (a ring buffer)
    TimeBased,  ///< the outcomes of the last N epoch seconds, one bucket per second
};

/// The states of a Resilience4j circuit breaker (SEMANTICS §1.1).
enum class CircuitBreakerState {
    Closed,     ///< admits every call and records its outcome; trips on the thresholds
    Open,       ///< rejects every call until the wait in the open state is over
    HalfOpen,   ///< admits a fixed number of probe calls and decides on their outcomes
    Disabled,   ///< admits every call, records nothing, never trips (manual only)
    ForcedOpen, ///< rejects every call, records nothing (manual only)
    MetricsOnly ///< admits every call and records it, never trips (manual only)
};

/// The state's name in results: "closed", "open", "half-open", "disabled",
/// "forced-open" or "metrics-only".
std::string_view circuitBreakerStateName(CircuitBreakerState state);
/// The state named @p name (as circuitBreakerStateName() writes it), if any.
std::optional<CircuitBreakerState> circuitBreakerStateFromName(std::string_view name);

/// Parameters of a Resilience4j CircuitBreakerConfig. The defaults are
/// Resilience4j's own (SEMANTICS §1.3).
///
/// The waits (in the open state, its cap, and the half-open timeout) are whole
/// milliseconds, as Resilience4j keeps them; validate() rejects anything finer.
/// The slow-call threshold is compared in nanoseconds, as in Resilience4j.
struct CircuitBreakerConfig
{
    SlidingWindowType slidingWindowType = SlidingWindowType::CountBased;
    /// Calls (count-based) or seconds (time-based) in the closed-state window (≥ 1).
    int slidingWindowSize = 100;
    /// Outcomes the window must hold before any rate is computed (≥ 1). For a
    /// count-based window the breaker uses min(this, slidingWindowSize); a
    /// time-based window uses it as it is, so it may be out of reach.
    int minimumNumberOfCalls = 100;
    /// Percent in (0, 100]: the breaker trips when the failure rate is ≥ this.
    /// Like the slow-call threshold, it is used as the float Resilience4j
    /// stores, and compared with rates computed in single precision.
    double failureRateThreshold = 50;
    /// Percent in (0, 100]: the breaker trips when the slow-call rate is ≥ this.
    double slowCallRateThreshold = 100;
    /// A call is slow when it lasts strictly longer than this (≥ 1 ns).
    sim::Duration slowCallDurationThreshold = sim::Duration::seconds(60);
    /// Probe calls admitted in the half-open state (≥ 1); also the size of its window.
    int permittedNumberOfCallsInHalfOpenState = 10;
    /// The wait in the open state after the first of a run of consecutive
    /// openings (≥ 1 ms, whole milliseconds).
    sim::Duration waitDurationInOpenState = sim::Duration::seconds(60);
    /// Growth of the wait with each consecutive opening (≥ 1; 1 keeps it fixed):
    /// the wait of opening k is waitDurationInOpenState × multiplier^(k−1),
    /// truncated to whole milliseconds after every multiplication, as
    /// Resilience4j's IntervalFunction.ofExponentialBackoff computes it.
    double waitDurationMultiplier = 1;
    /// No wait in the open state is longer than this (≥ 1 ms, whole
    /// milliseconds); none if empty.
    std::optional<sim::Duration> maxWaitDurationInOpenState;
    /// Switch from open to half-open at the end of the wait even without
    /// traffic. Otherwise the first call strictly after the wait switches it.
    bool automaticTransitionFromOpenToHalfOpenEnabled = false;
    /// Longest stay in the half-open state before it moves to
    /// transitionToStateAfterWaitDuration (≥ 0, whole milliseconds; 0: stay
    /// until the probe calls have decided).
    sim::Duration maxWaitDurationInHalfOpenState;
    /// Where a half-open timeout leads: Open or Closed.
    CircuitBreakerState transitionToStateAfterWaitDuration = CircuitBreakerState::Open;

    /// Everything wrong with the configuration; empty if it is usable. Each
    /// Problem's @c pointer holds the member's name ("slidingWindowSize",
    /// "failureRateThreshold", ...), for the caller to place under its own
    /// JSON pointer.
    std::vector<Problem> validate() const;

    bool operator==(const CircuitBreakerConfig &) const = default;
};

/// One change of state, as the transition log keeps it.
struct CircuitBreakerTransition
{
    sim::Time at;
    CircuitBreakerState from = CircuitBreakerState::Closed;
    CircuitBreakerState to = CircuitBreakerState::Closed;
    std::string reason; ///< e.g. "failure rate 50% ≥ 50%", "manual"

    bool operator==(const CircuitBreakerTransition &) const = default;
};

/// What a breaker has seen since it was made or its statistics were reset.
/// Unlike Resilience4j's metrics these never restart on a change of state.
struct CircuitBreakerCounters
{
    std::uint64_t permitted = 0;    ///< permissions granted, in any state
    std::uint64_t notPermitted = 0; ///< permissions refused (rejected calls)
    std::uint64_t successful = 0;   ///< successes reported outside DISABLED and FORCED_OPEN
    std::uint64_t failed = 0;       ///< failures reported outside DISABLED and FORCED_OPEN
    std::uint64_t slow = 0;         ///< of those two, calls slower than the threshold
    std::uint64_t ignored = 0;      ///< outcomes reported as ignored (outside DISABLED, FORCED_OPEN)
    /// Outcomes of any kind reported while DISABLED or FORCED_OPEN, which record nothing.
    std::uint64_t unrecorded = 0;

    bool operator==(const CircuitBreakerCounters &) const = default;
};

/// The current window as Resilience4j's CircuitBreaker.Metrics reports it.
/// The rates are single-precision percentages computed as Resilience4j does
/// (count × 100f / buffered), and −1 while fewer outcomes than the minimum are
/// buffered (or none at all).
struct CircuitBreakerMetrics
{
    float failureRate = -1;
    float slowCallRate = -1;
    int bufferedCalls = 0;
    int failedCalls = 0;     ///< slow ones included
    int slowCalls = 0;       ///< successes and failures
    int slowFailedCalls = 0; ///< counted in both failedCalls and slowCalls
    int successfulCalls = 0; ///< bufferedCalls − failedCalls

    bool operator==(const CircuitBreakerMetrics &) const = default;
};

/// A faithful model of Resilience4j's CircuitBreaker state machine (SEMANTICS
/// §1.1–1.5), as a policy object that a call or publish edge owns.
///
/// Time is passed in explicitly and must not decrease from one call to the
/// next. The breaker cannot schedule events: its owner asks
/// nextTimedTransition() when the breaker would change state by itself (the
/// automatic switch from open to half-open, the half-open timeout), schedules
/// an event there and calls onTime() when it fires. Since any call may change
/// that time, the owner compares nextTimedTransition() with the event it has
/// pending after each call and moves the event if needed; a stale event is
/// harmless (onTime() does nothing when nothing is due). As a safety net, every
/// other entry point first performs the timed transitions due strictly before
/// its @p now, at their own times, exactly as Resilience4j's scheduler would
/// have; so only ties at the same instant depend on the owner's event order.
///
/// Transitions are guarded as Resilience4j guards them with compare-and-set:
/// an outcome arriving in a state other than the one its call was admitted in
/// is recorded in the current state's window, and causes at most the one
/// transition the current state allows (none in OPEN).
class CircuitBreaker
{
public:
    using State = CircuitBreakerState;

    /// Whether a call may go ahead.
    enum class Permission { Permitted, Rejected };

    /// How a call admitted earlier ended.
    enum class Outcome {
        Success, ///< counts toward the rates' denominators (slow if long)
        Failure, ///< counts toward the failure rate (and the slow-call rate if long)
        Ignored, ///< counts as neither; in HALF_OPEN its permit returns to the pool
    };

    /// A breaker in the CLOSED state since @p now with an empty window.
    /// Precondition: @p config.validate() is empty.
    explicit CircuitBreaker(const CircuitBreakerConfig &config, sim::Time now = sim::Time::zero());

    const CircuitBreakerConfig &config() const { return m_config; }
    State state() const { return m_state; }
    /// When the current state was entered (or re-entered by a manual transition).
    sim::Time stateEnteredAt() const { return m_enteredAt; }
    /// Resilience4j's "attempts": openings since the breaker was last CLOSED,
    /// DISABLED or METRICS_ONLY. It selects the wait in the open state.
    int consecutiveOpenings() const { return m_attempts; }
    /// In OPEN: the end of the wait ("retryAfterWaitDuration"). A request is
    /// admitted (as the first half-open probe) only strictly after it.
    std::optional<sim::Time> openUntil() const;
    /// In HALF_OPEN: permits left in the pool (0 in any other state). It can
    /// exceed permittedNumberOfCallsInHalfOpenState, as in Resilience4j, when
    /// ignored outcomes of calls admitted before the state began give permits back.
    int halfOpenPermitsLeft() const { return m_state == State::HalfOpen ? m_permits : 0; }

    /// Asks to make a call at @p now. CLOSED, DISABLED and METRICS_ONLY admit
    /// it; FORCED_OPEN rejects it; HALF_OPEN admits it while permits are left,
    /// taking one. OPEN rejects it unless @p now is strictly after openUntil():
    /// then the breaker moves to HALF_OPEN first and the call takes its first
    /// permit. A rejection only counts in counters().notPermitted; it never
    /// enters a window.
    Permission tryAcquirePermission(sim::Time now);

    /// Reports at @p now how a call admitted earlier ended after @p callDuration
    /// (≥ 0). Success and Failure are recorded in the current window (except in
    /// DISABLED and FORCED_OPEN) and may trip the breaker: in CLOSED when a rate
    /// reaches its threshold (≥) with at least the minimum number of outcomes
    /// buffered; in HALF_OPEN once min(minimumNumberOfCalls, permitted)
    /// outcomes are in, to OPEN if a rate reaches its threshold and to CLOSED
    /// otherwise. Ignored is recorded nowhere and, in HALF_OPEN, returns a permit.
    void onResult(sim::Time now, sim::Duration callDuration, Outcome outcome);

    /// When the breaker would change state by itself if nothing else happened:
    /// in OPEN with the automatic transition, openUntil() (the switch happens
    /// at that instant, not after it); in HALF_OPEN with a timeout, the entry
    /// time plus maxWaitDurationInHalfOpenState. Empty otherwise.
    std::optional<sim::Time> nextTimedTransition() const;
    /// Performs every timed transition due at or before @p now, each at its
    /// own time. Returns whether the state changed.
    bool onTime(sim::Time now);

    /// @name Manual transitions (Resilience4j's transitionTo…State()).
    /// Each enters the state afresh, even when the breaker is already in it (a
    /// new window, a new wait, a new permit pool), logging a transition only if
    /// the state changes. CLOSED → HALF_OPEN, METRICS_ONLY → OPEN and
    /// METRICS_ONLY → HALF_OPEN are illegal in Resilience4j: they change
    /// nothing and return false. Entering OPEN keeps the current window (for
    /// reporting) and counts an opening, as does FORCED_OPEN.
    ///@{
    bool transitionToClosed(sim::Time now);
    bool transitionToOpen(sim::Time now);
    bool transitionToHalfOpen(sim::Time now);
    bool transitionToDisabled(sim::Time now);
    bool transitionToForcedOpen(sim::Time now);
    bool transitionToMetricsOnly(sim::Time now);
    ///@}
    /// Takes @p config as the configuration from @p now on, in the state it is
    /// in (a setting changed while a run goes on; Resilience4j itself would
    /// need a new breaker). Thresholds apply to the next outcome; the current
    /// state's window is kept unless its shape (type, size, minimum calls)
    /// changed, when it starts empty; in OPEN the wait is decided again from
    /// when the state began; in HALF_OPEN the permit pool grows or shrinks by
    /// the change of its size, and the max-wait timeout is measured from when
    /// the state began. Precondition: @p config.validate() is empty.
    void reconfigure(const CircuitBreakerConfig &config, sim::Time now);

    /// Resilience4j's reset(): a fresh CLOSED state from any state, with no
    /// consecutive openings. Counters and the log are kept.
    void reset(sim::Time now);

    /// The wait in the open state after consecutive opening @p attempt (≥ 1).
    sim::Duration waitDurationInOpenState(int attempt) const;

    /// Every change of state, oldest first.
    const std::vector<CircuitBreakerTransition> &transitions() const { return m_transitions; }
    const CircuitBreakerCounters &counters() const { return m_counters; }
    /// The current state's window at @p now (a time-based window drops the
    /// buckets that have expired by then). In OPEN this is the window that was
    /// current when the breaker opened, still taking late outcomes. Being
    /// const, it performs no timed transition due by @p now: call onTime() first.
    CircuitBreakerMetrics metrics(sim::Time now) const;
    /// Warm-up deletion: clears the counters and the transition log. The state,
    /// its window and its timers are untouched, so behaviour does not change.
    void resetStatistics();

private:
    /// A sliding window of outcomes with running totals (SEMANTICS §1.2).
    class Window
    {
    public:
        struct Tally
        {
            std::int64_t calls = 0;
            std::int64_t failed = 0;
            std::int64_t slow = 0;
            std::int64_t slowFailed = 0;

            Tally &operator+=(const Tally &o)
            {
                calls += o.calls;
                failed += o.failed;
                slow += o.slow;
                slowFailed += o.slowFailed;
                return *this;
            }
            Tally &operator-=(const Tally &o)
            {
                calls -= o.calls;
                failed -= o.failed;
                slow -= o.slow;
                slowFailed -= o.slowFailed;
                return *this;
            }
        };

        /// A window that holds nothing (DISABLED, FORCED_OPEN).
        Window() = default;
        Window(SlidingWindowType type, int size, int minimumCalls);

        void record(sim::Time now, bool failed, bool slow);
        /// The totals of the outcomes still in the window at @p now.
        Tally tally(sim::Time now) const;
        int minimumCalls() const { return m_minimumCalls; }

    private:
        SlidingWindowType m_type = SlidingWindowType::CountBased;
        int m_size = 0;
        int m_minimumCalls = 0;
        Tally m_total;
        // Count-based: the last m_size outcomes (bit 0 failed, bit 1 slow);
        // once full, m_next is the oldest, overwritten by the next outcome.
        std::vector<std::uint8_t> m_outcomes;
        std::size_t m_next = 0;
        // Time-based: one bucket per epoch second that has outcomes, oldest
        // first; the seconds without outcomes would hold empty buckets.
        std::deque<std::pair<std::int64_t, Tally>> m_seconds;
    };

    /// Resilience4j's threshold check on a snapshot of the window.
    enum class Verdict { BelowMinimum, BelowThresholds, Exceeded };

    Verdict check(sim::Time now, std::string &reason) const;
    /// Leaves the current state for @p to at @p at, logging it unless @p to is
    /// the current state, and sets up @p to as Resilience4j's constructors do.
    void enter(State to, sim::Time at, std::string reason);
    /// Timed transitions due before @p now (or at it, if @p inclusive).
    bool runTimedTransitions(sim::Time now, bool inclusive);
    bool manualTransition(State to, sim::Time now);
    Window closedWindow() const;
    Window halfOpenWindow() const;

    CircuitBreakerConfig m_config;
    State m_state = State::Closed;
    sim::Time m_enteredAt;
    int m_attempts = 0;
    Window m_window;
    sim::Time m_openUntil;                      // OPEN only
    int m_permits = 0;                          // HALF_OPEN only
    std::optional<sim::Time> m_halfOpenTimeout; // HALF_OPEN with a max wait only
    std::vector<CircuitBreakerTransition> m_transitions;
    CircuitBreakerCounters m_counters;
};

} // namespace asyncsim::models
