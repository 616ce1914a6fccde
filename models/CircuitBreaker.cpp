#include "CircuitBreaker.h"

#include "DurationText.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <climits>
#include <cmath>
#include <limits>
#include <utility>

namespace asyncsim::models {

namespace {

constexpr std::int64_t NsPerMs = 1'000'000;
constexpr std::int64_t NsPerSecond = 1'000'000'000;
constexpr std::int64_t MaxMs = std::numeric_limits<std::int64_t>::max();

constexpr std::array<std::string_view, 6> StateNames{"closed",   "open",        "half-open",
                                                     "disabled", "forced-open", "metrics-only"};

/// Java's (long) cast of a non-negative double: truncation, saturating at Long.MAX_VALUE.
std::int64_t toLong(double x)
{
    return x >= 0x1p63 ? MaxMs : static_cast<std::int64_t>(x);
}

sim::Duration fromMs(std::int64_t ms)
{
    return ms > MaxMs / NsPerMs ? sim::Duration::max() : sim::Duration::milliseconds(ms);
}

/// The epoch second of @p t, rounding down (Instant.getEpochSecond()).
std::int64_t epochSecond(sim::Time t)
{
    const std::int64_t ns = t.ns();
    return ns >= 0 ? ns / NsPerSecond : -((-(ns + 1)) / NsPerSecond) - 1;
}

void checkWholeMs(const char *field, sim::Duration d, sim::Duration least, std::vector<Problem> &problems)
{
    if (d < least)
        problems.push_back({field, "must be a duration ≥ " + formatDuration(least)});
    else if (d.ns() % NsPerMs != 0)
        problems.push_back({field, "must be a whole number of milliseconds"});
}

/// Checked as the float Resilience4j stores; false for NaN, which Resilience4j would let through.
bool isPercent(double x)
{
    const auto f = static_cast<float>(x);
    return f > 0 && f <= 100;
}

/// A rate as Java prints a float: the shortest digits that read back exactly.
std::string percent(float x)
{
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
    return std::string(buffer.data(), result.ptr) + "%";
}

/// Resilience4j's rate: count × 100f / calls in single precision, −1 below the minimum.
float rate(std::int64_t count, std::int64_t calls, int minimumCalls)
{
    if (calls == 0 || calls < minimumCalls)
        return -1.0f;
    return static_cast<float>(count) * 100.0f / static_cast<float>(calls);
}

} // namespace

std::string_view circuitBreakerStateName(CircuitBreakerState state)
{
    return StateNames[static_cast<std::size_t>(state)];
}

std::optional<CircuitBreakerState> circuitBreakerStateFromName(std::string_view name)
{
    for (std::size_t i = 0; i < StateNames.size(); ++i)
        if (StateNames[i] == name)
            return static_cast<CircuitBreakerState>(i);
    return std::nullopt;
}

std::vector<Problem> CircuitBreakerConfig::validate() const
{
    std::vector<Problem> problems;
    if (slidingWindowSize < 1)
        problems.push_back({"slidingWindowSize", "must be an integer ≥ 1"});
    if (minimumNumberOfCalls < 1)
        problems.push_back({"minimumNumberOfCalls", "must be an integer ≥ 1"});
    if (!isPercent(failureRateThreshold))
        problems.push_back({"failureRateThreshold", "must be a percentage > 0 and ≤ 100"});
    if (!isPercent(slowCallRateThreshold))
        problems.push_back({"slowCallRateThreshold", "must be a percentage > 0 and ≤ 100"});
    if (slowCallDurationThreshold < sim::Duration::nanoseconds(1))
        problems.push_back({"slowCallDurationThreshold", "must be a duration ≥ 1ns"});
    if (permittedNumberOfCallsInHalfOpenState < 1)
        problems.push_back({"permittedNumberOfCallsInHalfOpenState", "must be an integer ≥ 1"});
    checkWholeMs("waitDurationInOpenState", waitDurationInOpenState, sim::Duration::milliseconds(1), problems);
    if (!(std::isfinite(waitDurationMultiplier) && waitDurationMultiplier >= 1))
        problems.push_back({"waitDurationMultiplier", "must be a number ≥ 1"});
    if (maxWaitDurationInOpenState)
        checkWholeMs("maxWaitDurationInOpenState", *maxWaitDurationInOpenState, sim::Duration::milliseconds(1),
                     problems);
    checkWholeMs("maxWaitDurationInHalfOpenState", maxWaitDurationInHalfOpenState, sim::Duration::zero(), problems);
    if (transitionToStateAfterWaitDuration != CircuitBreakerState::Open
        && transitionToStateAfterWaitDuration != CircuitBreakerState::Closed)
        problems.push_back({"transitionToStateAfterWaitDuration", "must be \"open\" or \"closed\""});
    return problems;
}

// ---------------------------------------------------------------------------
// Window

CircuitBreaker::Window::Window(SlidingWindowType type, int size, int minimumCalls)
    : m_type(type)
    , m_size(size)
    , m_minimumCalls(minimumCalls)
{ }

void CircuitBreaker::Window::record(sim::Time now, bool failed, bool slow)
{
    if (m_size <= 0)
        return; // the placeholder window of DISABLED and FORCED_OPEN
    const Tally one{1, failed ? 1 : 0, slow ? 1 : 0, failed && slow ? 1 : 0};
    if (m_type == SlidingWindowType::CountBased) {
        const auto code = static_cast<std::uint8_t>((failed ? 1 : 0) | (slow ? 2 : 0));
        // Grown on demand: a half-open window is made on every probe round,
        // and a large count window may never fill.
        if (m_outcomes.size() < static_cast<std::size_t>(m_size)) {
            m_outcomes.push_back(code);
        } else {
            const std::uint8_t old = m_outcomes[m_next];
            m_total -= Tally{1, old & 1, (old >> 1) & 1, old == 3 ? 1 : 0};
            m_outcomes[m_next] = code;
            m_next = (m_next + 1) % m_outcomes.size();
        }
    } else {
        // Buckets leave whole, once the current second is m_size or more past
        // theirs: the window at second c is the buckets of seconds c−N+1 … c.
        const std::int64_t second = epochSecond(now);
        while (!m_seconds.empty() && m_seconds.front().first <= second - m_size) {
            m_total -= m_seconds.front().second;
            m_seconds.pop_front();
        }
        if (!m_seconds.empty() && m_seconds.back().first >= second)
            m_seconds.back().second += one; // ">": time went backwards, against the precondition
        else
            m_seconds.emplace_back(second, one);
    }
    m_total += one;
}

CircuitBreaker::Window::Tally CircuitBreaker::Window::tally(sim::Time now) const
{
    Tally t = m_total;
    if (m_type == SlidingWindowType::TimeBased) {
        const std::int64_t second = epochSecond(now);
        for (const auto &[bucketSecond, bucket] : m_seconds) {
            if (bucketSecond > second - m_size)
                break;
            t -= bucket;
        }
    }
    return t;
}

// ---------------------------------------------------------------------------
// CircuitBreaker

CircuitBreaker::CircuitBreaker(const CircuitBreakerConfig &config, sim::Time now)
    : m_config(config)
    , m_enteredAt(now)
{
    assert(config.validate().empty());
    m_window = closedWindow();
}

CircuitBreaker::Window CircuitBreaker::closedWindow() const
{
    // Resilience4j caps the minimum for count windows only: a time window may
    // be configured so that it never holds enough calls to trip.
    const int size = m_config.slidingWindowSize;
    const int minimum = m_config.slidingWindowType == SlidingWindowType::CountBased
                          ? std::min(m_config.minimumNumberOfCalls, size)
                          : m_config.minimumNumberOfCalls;
    return Window(m_config.slidingWindowType, size, minimum);
}

CircuitBreaker::Window CircuitBreaker::halfOpenWindow() const
{
    const int permitted = m_config.permittedNumberOfCallsInHalfOpenState;
    return Window(SlidingWindowType::CountBased, permitted, std::min(m_config.minimumNumberOfCalls, permitted));
}

void CircuitBreaker::reconfigure(const CircuitBreakerConfig &config, sim::Time now)
{
    const CircuitBreakerConfig old = std::exchange(m_config, config);
    (void)now; // nothing is due at the change itself: the owner re-reads nextTimedTransition()
    switch (m_state) {
    case State::Closed:
    case State::MetricsOnly:
        if (old.slidingWindowType != config.slidingWindowType || old.slidingWindowSize != config.slidingWindowSize
            || old.minimumNumberOfCalls != config.minimumNumberOfCalls)
            m_window = closedWindow();
        break;
    case State::Open:
        m_openUntil = m_enteredAt + waitDurationInOpenState(std::max(m_attempts, 1));
        break;
    case State::HalfOpen:
        if (old.permittedNumberOfCallsInHalfOpenState != config.permittedNumberOfCallsInHalfOpenState
            || old.minimumNumberOfCalls != config.minimumNumberOfCalls) {
            m_window = halfOpenWindow();
            m_permits = std::max(0, m_permits + config.permittedNumberOfCallsInHalfOpenState
                                        - old.permittedNumberOfCallsInHalfOpenState);
        }
        m_halfOpenTimeout.reset();
        if (config.maxWaitDurationInHalfOpenState > sim::Duration::zero())
            m_halfOpenTimeout = m_enteredAt + config.maxWaitDurationInHalfOpenState;
        break;
    case State::Disabled:
    case State::ForcedOpen:
        break;
    }
}

std::optional<sim::Time> CircuitBreaker::openUntil() const
{
    if (m_state == State::Open)
        return m_openUntil;
    return std::nullopt;
}

sim::Duration CircuitBreaker::waitDurationInOpenState(int attempt) const
{
    assert(attempt >= 1);
    std::int64_t ms = m_config.waitDurationInOpenState.ns() / NsPerMs;
    const std::optional<std::int64_t> capMs = m_config.maxWaitDurationInOpenState
                                                ? std::optional(m_config.maxWaitDurationInOpenState->ns() / NsPerMs)
                                                : std::nullopt;
    if (m_config.waitDurationMultiplier != 1) {
        // Truncated after every step, as Resilience4j iterates x -> (long) (x * multiplier).
        for (int i = 1; i < attempt; ++i) {
            if (capMs && ms >= *capMs)
                break;
            const std::int64_t next = toLong(static_cast<double>(ms) * m_config.waitDurationMultiplier);
            if (next == ms)
                break; // a fixed point: saturated, or truncation undoing a small multiplier
            ms = next;
        }
    }
    if (capMs)
        ms = std::min(ms, *capMs);
    return fromMs(ms);
}

CircuitBreaker::Permission CircuitBreaker::tryAcquirePermission(sim::Time now)
{
    runTimedTransitions(now, false);
    switch (m_state) {
    case State::Closed:
    case State::Disabled:
    case State::MetricsOnly:
        ++m_counters.permitted;
        return Permission::Permitted;
    case State::ForcedOpen:
        ++m_counters.notPermitted;
        return Permission::Rejected;
    case State::Open:
        // Instant.isAfter: a request exactly at the deadline is still rejected.
        if (!(now > m_openUntil)) {
            ++m_counters.notPermitted;
            return Permission::Rejected;
        }
        enter(State::HalfOpen, now,
              "wait of " + formatDuration(waitDurationInOpenState(m_attempts)) + " elapsed, first call after it");
        [[fallthrough]]; // the call that caused the switch competes for a half-open permit
    case State::HalfOpen:
        if (m_permits > 0) {
            --m_permits;
            ++m_counters.permitted;
            return Permission::Permitted;
        }
        ++m_counters.notPermitted;
        return Permission::Rejected;
    }
    return Permission::Rejected;
}

void CircuitBreaker::onResult(sim::Time now, sim::Duration callDuration, Outcome outcome)
{
    runTimedTransitions(now, false);
    if (m_state == State::Disabled || m_state == State::ForcedOpen) {
        ++m_counters.unrecorded;
        return;
    }
    if (outcome == Outcome::Ignored) {
        ++m_counters.ignored;
        // releasePermission(): only HALF_OPEN has a pool, and Resilience4j
        // does not cap it, whichever state admitted the call.
        if (m_state == State::HalfOpen)
            ++m_permits;
        return;
    }
    const bool failed = outcome == Outcome::Failure;
    const bool slow = callDuration > m_config.slowCallDurationThreshold;
    m_window.record(now, failed, slow);
    ++(failed ? m_counters.failed : m_counters.successful);
    if (slow)
        ++m_counters.slow;

    // OPEN records late outcomes for reporting only; METRICS_ONLY never trips.
    if (m_state != State::Closed && m_state != State::HalfOpen)
        return;
    std::string reason;
    const Verdict verdict = check(now, reason);
    if (verdict == Verdict::Exceeded)
        enter(State::Open, now, std::move(reason));
    else if (verdict == Verdict::BelowThresholds && m_state == State::HalfOpen)
        enter(State::Closed, now, std::move(reason));
}

CircuitBreaker::Verdict CircuitBreaker::check(sim::Time now, std::string &reason) const
{
    const Window::Tally t = m_window.tally(now);
    const float failureRate = rate(t.failed, t.calls, m_window.minimumCalls());
    const float slowCallRate = rate(t.slow, t.calls, m_window.minimumCalls());
    if (failureRate == -1.0f || slowCallRate == -1.0f)
        return Verdict::BelowMinimum;
    // Resilience4j holds the thresholds as floats and compares float with float.
    const auto failureThreshold = static_cast<float>(m_config.failureRateThreshold);
    const auto slowThreshold = static_cast<float>(m_config.slowCallRateThreshold);
    const bool failureExceeded = failureRate >= failureThreshold;
    const bool slowExceeded = slowCallRate >= slowThreshold;
    const std::string failureText = "failure rate " + percent(failureRate);
    const std::string slowText = "slow-call rate " + percent(slowCallRate);
    if (!failureExceeded && !slowExceeded) {
        reason = failureText + " < " + percent(failureThreshold) + " and " + slowText + " < " + percent(slowThreshold);
        return Verdict::BelowThresholds;
    }
    reason.clear();
    if (failureExceeded)
        reason = failureText + " ≥ " + percent(failureThreshold);
    if (slowExceeded)
        reason += (reason.empty() ? "" : " and ") + slowText + " ≥ " + percent(slowThreshold);
    return Verdict::Exceeded;
}

void CircuitBreaker::enter(State to, sim::Time at, std::string reason)
{
    const State from = m_state;
    m_halfOpenTimeout.reset();
    switch (to) {
    case State::Closed:
    case State::MetricsOnly:
        m_window = closedWindow();
        m_attempts = 0;
        break;
    case State::Disabled:
        m_window = Window();
        m_attempts = 0;
        break;
    case State::Open:
        // The window stays: late outcomes keep landing in it, for reporting.
        m_attempts = m_attempts < INT_MAX ? m_attempts + 1 : m_attempts;
        m_openUntil = at + waitDurationInOpenState(m_attempts);
        break;
    case State::ForcedOpen:
        m_window = Window();
        m_attempts = m_attempts < INT_MAX ? m_attempts + 1 : m_attempts;
        break;
    case State::HalfOpen: {
        // A fresh count window the size of the pool, so the decision can come
        // before all permits are used; the attempts carry over.
        m_window = halfOpenWindow();
        m_permits = m_config.permittedNumberOfCallsInHalfOpenState;
        if (m_config.maxWaitDurationInHalfOpenState > sim::Duration::zero())
            m_halfOpenTimeout = at + m_config.maxWaitDurationInHalfOpenState;
        break;
    }
    }
    m_state = to;
    m_enteredAt = at;
    if (from != to)
        m_transitions.push_back({at, from, to, std::move(reason)});
}

std::optional<sim::Time> CircuitBreaker::nextTimedTransition() const
{
    if (m_state == State::Open && m_config.automaticTransitionFromOpenToHalfOpenEnabled)
        return m_openUntil;
    if (m_state == State::HalfOpen)
        return m_halfOpenTimeout;
    return std::nullopt;
}

bool CircuitBreaker::onTime(sim::Time now)
{
    return runTimedTransitions(now, true);
}

bool CircuitBreaker::runTimedTransitions(sim::Time now, bool inclusive)
{
    bool changed = false;
    std::optional<sim::Time> previous;
    while (const std::optional<sim::Time> due = nextTimedTransition()) {
        if (*due > now || (*due == now && !inclusive))
            break;
        // Every wait is ≥ 1 ms, so the chain moves forward unless the times
        // have saturated at Time::max(); stop there rather than spin.
        if (previous && *due <= *previous)
            break;
        previous = due;
        if (m_state == State::Open) {
            enter(State::HalfOpen, *due,
                  "wait of " + formatDuration(waitDurationInOpenState(m_attempts)) + " elapsed (automatic transition)");
        } else {
            enter(m_config.transitionToStateAfterWaitDuration, *due,
                  "no decision within " + formatDuration(m_config.maxWaitDurationInHalfOpenState) + " in half-open");
        }
        changed = true;
    }
    return changed;
}

bool CircuitBreaker::manualTransition(State to, sim::Time now)
{
    runTimedTransitions(now, false);
    // The pairs missing from Resilience4j's StateTransition table.
    if ((m_state == State::Closed && to == State::HalfOpen)
        || (m_state == State::MetricsOnly && (to == State::Open || to == State::HalfOpen)))
        return false;
    enter(to, now, "manual");
    return true;
}

bool CircuitBreaker::transitionToClosed(sim::Time now)
{
    return manualTransition(State::Closed, now);
}

bool CircuitBreaker::transitionToOpen(sim::Time now)
{
    return manualTransition(State::Open, now);
}

bool CircuitBreaker::transitionToHalfOpen(sim::Time now)
{
    return manualTransition(State::HalfOpen, now);
}

bool CircuitBreaker::transitionToDisabled(sim::Time now)
{
    return manualTransition(State::Disabled, now);
}

bool CircuitBreaker::transitionToForcedOpen(sim::Time now)
{
    return manualTransition(State::ForcedOpen, now);
}

bool CircuitBreaker::transitionToMetricsOnly(sim::Time now)
{
    return manualTransition(State::MetricsOnly, now);
}

void CircuitBreaker::reset(sim::Time now)
{
    runTimedTransitions(now, false);
    enter(State::Closed, now, "reset");
}

CircuitBreakerMetrics CircuitBreaker::metrics(sim::Time now) const
{
    const Window::Tally t = m_window.tally(now);
    CircuitBreakerMetrics m;
    m.failureRate = rate(t.failed, t.calls, m_window.minimumCalls());
    m.slowCallRate = rate(t.slow, t.calls, m_window.minimumCalls());
    m.bufferedCalls = static_cast<int>(t.calls);
    m.failedCalls = static_cast<int>(t.failed);
    m.slowCalls = static_cast<int>(t.slow);
    m.slowFailedCalls = static_cast<int>(t.slowFailed);
    m.successfulCalls = static_cast<int>(t.calls - t.failed);
    return m;
}

void CircuitBreaker::resetStatistics()
{
    m_counters = {};
    m_transitions.clear();
}

} // namespace asyncsim::models
