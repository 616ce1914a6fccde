#pragma once

// Shared by the circuit-breaker tests: printers and the small traces they build on.

#include "models/CircuitBreaker.h"

#include <gtest/gtest.h>

#include <ostream>

namespace asyncsim::models {
// Readable failure messages for GoogleTest.
inline void PrintTo(CircuitBreakerState state, std::ostream *os)
{
    *os << circuitBreakerStateName(state);
}
inline void PrintTo(const CircuitBreakerTransition &t, std::ostream *os)
{
    *os << "{" << t.at.ns() << " ns, " << circuitBreakerStateName(t.from) << " -> " << circuitBreakerStateName(t.to)
        << ", \"" << t.reason << "\"}";
}
inline void PrintTo(const CircuitBreakerMetrics &m, std::ostream *os)
{
    *os << "{failureRate " << m.failureRate << ", slowCallRate " << m.slowCallRate << ", buffered " << m.bufferedCalls
        << ", failed " << m.failedCalls << ", slow " << m.slowCalls << ", slowFailed " << m.slowFailedCalls
        << ", successful " << m.successfulCalls << "}";
}
inline void PrintTo(const CircuitBreakerCounters &c, std::ostream *os)
{
    *os << "{permitted " << c.permitted << ", notPermitted " << c.notPermitted << ", successful " << c.successful
        << ", failed " << c.failed << ", slow " << c.slow << ", ignored " << c.ignored << ", unrecorded "
        << c.unrecorded << "}";
}
inline void PrintTo(const Problem &p, std::ostream *os)
{
    *os << p.text();
}
} // namespace asyncsim::models

// Every trace below is worked by hand from SEMANTICS §1.1–1.5; the comments
// give the arithmetic the expected values come from.

namespace asyncsim::models::breakertest {

using State = CircuitBreakerState;
using Permission = CircuitBreaker::Permission;
using Outcome = CircuitBreaker::Outcome;
using Transition = CircuitBreakerTransition;

inline sim::Time ms(std::int64_t v)
{
    return sim::Time::fromNs(v * 1'000'000);
}

constexpr sim::Duration Fast = sim::Duration::milliseconds(10);
constexpr sim::Duration OneNs = sim::Duration::nanoseconds(1);

/// Window of 10 calls, minimum 10, 4 half-open probes, 10 s open.
inline CircuitBreakerConfig smallConfig()
{
    CircuitBreakerConfig c;
    c.slidingWindowSize = 10;
    c.minimumNumberOfCalls = 10;
    c.permittedNumberOfCallsInHalfOpenState = 4;
    c.waitDurationInOpenState = sim::Duration::seconds(10);
    return c;
}

/// One call admitted and reported at @p t.
inline void call(CircuitBreaker &cb, sim::Time t, Outcome outcome, sim::Duration d = Fast)
{
    EXPECT_EQ(cb.tryAcquirePermission(t), Permission::Permitted) << "at " << t.ns() << " ns";
    cb.onResult(t, d, outcome);
}

/// The latest transition (a failure, not a crash, if there is none).
inline Transition lastTransition(const CircuitBreaker &cb)
{
    if (cb.transitions().empty()) {
        ADD_FAILURE() << "no transition logged";
        return {};
    }
    return cb.transitions().back();
}

/// Ten failures at 1 … 10 ms: a smallConfig() breaker opens at 10 ms, until 10.010 s.
inline void tripAt10ms(CircuitBreaker &cb)
{
    for (int i = 1; i <= 10; ++i)
        call(cb, ms(i), Outcome::Failure);
    ASSERT_EQ(cb.state(), State::Open);
    ASSERT_EQ(cb.openUntil(), ms(10'010));
}

} // namespace asyncsim::models::breakertest
