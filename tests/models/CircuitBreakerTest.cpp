#include "models/CircuitBreaker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <ostream>

using namespace asyncsim;
using namespace asyncsim::models;

namespace asyncsim::models {
// Readable failure messages. Internal linkage, as other tests may print Problem too.
static void PrintTo(CircuitBreakerState state, std::ostream *os)
{
    *os << circuitBreakerStateName(state);
}
static void PrintTo(const CircuitBreakerTransition &t, std::ostream *os)
{
    *os << "{" << t.at.ns() << " ns, " << circuitBreakerStateName(t.from) << " -> " << circuitBreakerStateName(t.to)
        << ", \"" << t.reason << "\"}";
}
static void PrintTo(const CircuitBreakerMetrics &m, std::ostream *os)
{
    *os << "{failureRate " << m.failureRate << ", slowCallRate " << m.slowCallRate << ", buffered " << m.bufferedCalls
        << ", failed " << m.failedCalls << ", slow " << m.slowCalls << ", slowFailed " << m.slowFailedCalls
        << ", successful " << m.successfulCalls << "}";
}
static void PrintTo(const CircuitBreakerCounters &c, std::ostream *os)
{
    *os << "{permitted " << c.permitted << ", notPermitted " << c.notPermitted << ", successful " << c.successful
        << ", failed " << c.failed << ", slow " << c.slow << ", ignored " << c.ignored << ", unrecorded "
        << c.unrecorded << "}";
}
static void PrintTo(const Problem &p, std::ostream *os)
{
    *os << p.text();
}
} // namespace asyncsim::models

// Every trace below is worked by hand from SEMANTICS §1.1–1.5; the comments
// give the arithmetic the expected values come from.

namespace {

using State = CircuitBreakerState;
using Permission = CircuitBreaker::Permission;
using Outcome = CircuitBreaker::Outcome;
using Transition = CircuitBreakerTransition;

sim::Time ms(std::int64_t v)
{
    return sim::Time::fromNs(v * 1'000'000);
}

constexpr sim::Duration Fast = sim::Duration::milliseconds(10);
constexpr sim::Duration OneNs = sim::Duration::nanoseconds(1);

/// Window of 10 calls, minimum 10, 4 half-open probes, 10 s open.
CircuitBreakerConfig smallConfig()
{
    CircuitBreakerConfig c;
    c.slidingWindowSize = 10;
    c.minimumNumberOfCalls = 10;
    c.permittedNumberOfCallsInHalfOpenState = 4;
    c.waitDurationInOpenState = sim::Duration::seconds(10);
    return c;
}

/// One call admitted and reported at @p t.
void call(CircuitBreaker &cb, sim::Time t, Outcome outcome, sim::Duration d = Fast)
{
    EXPECT_EQ(cb.tryAcquirePermission(t), Permission::Permitted) << "at " << t.ns() << " ns";
    cb.onResult(t, d, outcome);
}

/// The latest transition (a failure, not a crash, if there is none).
Transition lastTransition(const CircuitBreaker &cb)
{
    if (cb.transitions().empty()) {
        ADD_FAILURE() << "no transition logged";
        return {};
    }
    return cb.transitions().back();
}

/// Ten failures at 1 … 10 ms: a smallConfig() breaker opens at 10 ms, until 10.010 s.
void tripAt10ms(CircuitBreaker &cb)
{
    for (int i = 1; i <= 10; ++i)
        call(cb, ms(i), Outcome::Failure);
    ASSERT_EQ(cb.state(), State::Open);
    ASSERT_EQ(cb.openUntil(), ms(10'010));
}

} // namespace

TEST(CircuitBreaker, DefaultsAreResilience4js)
{
    const CircuitBreakerConfig c;
    EXPECT_EQ(c.slidingWindowType, SlidingWindowType::CountBased);
    EXPECT_EQ(c.slidingWindowSize, 100);
    EXPECT_EQ(c.minimumNumberOfCalls, 100);
    EXPECT_EQ(c.failureRateThreshold, 50);
    EXPECT_EQ(c.slowCallRateThreshold, 100);
    EXPECT_EQ(c.slowCallDurationThreshold, sim::Duration::seconds(60));
    EXPECT_EQ(c.permittedNumberOfCallsInHalfOpenState, 10);
    EXPECT_EQ(c.waitDurationInOpenState, sim::Duration::seconds(60));
    EXPECT_EQ(c.waitDurationMultiplier, 1);
    EXPECT_FALSE(c.maxWaitDurationInOpenState);
    EXPECT_FALSE(c.automaticTransitionFromOpenToHalfOpenEnabled);
    EXPECT_EQ(c.maxWaitDurationInHalfOpenState, sim::Duration::zero());
    EXPECT_EQ(c.transitionToStateAfterWaitDuration, State::Open);
    EXPECT_TRUE(c.validate().empty());

    const CircuitBreaker cb(c, ms(5));
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(cb.stateEnteredAt(), ms(5));
    EXPECT_EQ(cb.consecutiveOpenings(), 0);
    EXPECT_FALSE(cb.openUntil());
    EXPECT_FALSE(cb.nextTimedTransition());
    EXPECT_TRUE(cb.transitions().empty());
    EXPECT_EQ(cb.metrics(ms(5)), CircuitBreakerMetrics{}); // nothing buffered: rates −1
    EXPECT_EQ(cb.metrics(ms(5)).failureRate, -1.0f);
}

TEST(CircuitBreaker, FiveFailuresOfTenOpenAtFiftyPercent)
{
    CircuitBreaker cb(smallConfig());
    // F F F F F S S S S S at 1 … 10 ms. Nothing is computed before the tenth
    // outcome (minimum 10), and then 5/10 = 50% ≥ 50% opens: inclusive.
    for (int i = 1; i <= 9; ++i) {
        call(cb, ms(i), i <= 5 ? Outcome::Failure : Outcome::Success);
        EXPECT_EQ(cb.state(), State::Closed) << i;
    }
    EXPECT_EQ(cb.metrics(ms(9)).failureRate, -1.0f); // 9 < 10 buffered
    call(cb, ms(10), Outcome::Success);

    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(cb.transitions(),
              (std::vector<Transition>{{ms(10), State::Closed, State::Open, "failure rate 50% ≥ 50%"}}));
    const CircuitBreakerMetrics m = cb.metrics(ms(10));
    EXPECT_EQ(m.failureRate, 50.0f);
    EXPECT_EQ(m.slowCallRate, 0.0f);
    EXPECT_EQ(m.bufferedCalls, 10);
    EXPECT_EQ(m.failedCalls, 5);
    EXPECT_EQ(m.successfulCalls, 5);
    EXPECT_EQ(cb.consecutiveOpenings(), 1);
    EXPECT_EQ(cb.openUntil(), ms(10) + sim::Duration::seconds(10));
    EXPECT_EQ(cb.counters(), (CircuitBreakerCounters{10, 0, 5, 5, 0, 0, 0}));
}

TEST(CircuitBreaker, FourFailuresOfTenStayClosedUntilTheRingEvictsASuccess)
{
    CircuitBreaker cb(smallConfig());
    // F1 F2 F3 F4 S5 … S10: 4/10 = 40% < 50%.
    for (int i = 1; i <= 10; ++i)
        call(cb, ms(i), i <= 4 ? Outcome::Failure : Outcome::Success);
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(cb.metrics(ms(10)).failureRate, 40.0f);

    // F11 … F14 each evict one of F1 … F4: still 4 failures in the last 10.
    for (int i = 11; i <= 14; ++i) {
        call(cb, ms(i), Outcome::Failure);
        EXPECT_EQ(cb.state(), State::Closed) << i;
        EXPECT_EQ(cb.metrics(ms(i)).failureRate, 40.0f) << i;
        EXPECT_EQ(cb.metrics(ms(i)).bufferedCalls, 10) << i;
    }
    // F15 evicts S5: S6 … S10, F11 … F15 = 5/10.
    call(cb, ms(15), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::Open);
    ASSERT_EQ(cb.transitions().size(), 1u);
    EXPECT_EQ(cb.transitions()[0].at, ms(15));
}

TEST(CircuitBreaker, BelowTheMinimumNeverTrips)
{
    CircuitBreaker cb(smallConfig());
    for (int i = 1; i <= 9; ++i)
        call(cb, ms(i), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::Closed); // 9 failures of 9, but 9 < minimum 10
    const CircuitBreakerMetrics m = cb.metrics(ms(9));
    EXPECT_EQ(m.failureRate, -1.0f);
    EXPECT_EQ(m.slowCallRate, -1.0f);
    EXPECT_EQ(m.bufferedCalls, 9);
    EXPECT_EQ(m.failedCalls, 9);

    call(cb, ms(10), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(lastTransition(cb).reason, "failure rate 100% ≥ 50%");
}

TEST(CircuitBreaker, MinimumIsCappedAtTheWindowSizeForCountWindowsOnly)
{
    CircuitBreakerConfig c = smallConfig();
    c.slidingWindowSize = 5;
    c.minimumNumberOfCalls = 100;

    // Count window of 5: the minimum becomes min(100, 5) = 5.
    CircuitBreaker count(c);
    for (int i = 1; i <= 4; ++i)
        call(count, ms(i), Outcome::Failure);
    EXPECT_EQ(count.state(), State::Closed);
    call(count, ms(5), Outcome::Failure);
    EXPECT_EQ(count.state(), State::Open);

    // Time window of 5 s: the minimum stays 100. 99 failures within second 0
    // do not trip; the 100th does.
    c.slidingWindowType = SlidingWindowType::TimeBased;
    CircuitBreaker time(c);
    for (int i = 1; i <= 99; ++i)
        call(time, ms(i), Outcome::Failure);
    EXPECT_EQ(time.state(), State::Closed);
    EXPECT_EQ(time.metrics(ms(99)).failureRate, -1.0f);
    EXPECT_EQ(time.metrics(ms(99)).bufferedCalls, 99);
    call(time, ms(100), Outcome::Failure);
    EXPECT_EQ(time.state(), State::Open);
}

TEST(CircuitBreaker, RequestExactlyAtTheOpenDeadlineIsRejected)
{
    CircuitBreaker cb(smallConfig());
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb)); // open at 10 ms + 10 s wait: deadline 10.010 s

    EXPECT_EQ(cb.tryAcquirePermission(ms(5'000)), Permission::Rejected);
    EXPECT_EQ(cb.tryAcquirePermission(ms(10'010)), Permission::Rejected); // not after the deadline
    EXPECT_EQ(cb.state(), State::Open);

    // 1 ns later: the request switches the breaker and takes the first of 4 permits.
    const sim::Time t = ms(10'010) + OneNs;
    EXPECT_EQ(cb.tryAcquirePermission(t), Permission::Permitted);
    EXPECT_EQ(cb.state(), State::HalfOpen);
    EXPECT_EQ(cb.stateEnteredAt(), t);
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 3);
    EXPECT_EQ(lastTransition(cb),
              (Transition{t, State::Open, State::HalfOpen, "wait of 10s elapsed, first call after it"}));
    EXPECT_EQ(cb.counters().permitted, 11u);
    EXPECT_EQ(cb.counters().notPermitted, 2u);
    EXPECT_EQ(cb.metrics(t).bufferedCalls, 0); // the rejections entered no window
}

TEST(CircuitBreaker, PermitsBeyondTheHalfOpenPoolAreRejected)
{
    CircuitBreaker cb(smallConfig());
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    for (int i = 1; i <= 4; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(10'010 + i)), Permission::Permitted) << i;
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 0);
    EXPECT_EQ(cb.tryAcquirePermission(ms(10'015)), Permission::Rejected);
    EXPECT_EQ(cb.tryAcquirePermission(ms(10'016)), Permission::Rejected);
    EXPECT_EQ(cb.state(), State::HalfOpen);
    EXPECT_EQ(cb.counters().permitted, 14u); // 10 closed + 4 probes
    EXPECT_EQ(cb.counters().notPermitted, 2u);
}

TEST(CircuitBreaker, HalfOpenDecidesEarlyWhenTheMinimumIsBelowThePool)
{
    CircuitBreakerConfig c = smallConfig();
    c.minimumNumberOfCalls = 2;
    c.permittedNumberOfCallsInHalfOpenState = 5;
    CircuitBreaker cb(c);
    call(cb, ms(1), Outcome::Failure);
    call(cb, ms(2), Outcome::Failure); // 2 ≥ minimum 2, 100% → open until 10.002 s
    ASSERT_EQ(cb.state(), State::Open);

    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(10'003)), Permission::Permitted);
    // The half-open window needs min(2, 5) = 2 outcomes: the second success decides.
    cb.onResult(ms(10'004), Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::HalfOpen);
    cb.onResult(ms(10'005), Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(lastTransition(cb), (Transition{ms(10'005), State::HalfOpen, State::Closed,
                                              "failure rate 0% < 50% and slow-call rate 0% < 100%"}));
    EXPECT_EQ(cb.consecutiveOpenings(), 0);
    EXPECT_EQ(cb.metrics(ms(10'005)).bufferedCalls, 0); // CLOSED starts empty

    // The three other probes finish in CLOSED and land in its new window.
    for (int i = 6; i <= 8; ++i)
        cb.onResult(ms(10'000 + i), Fast, Outcome::Success);
    EXPECT_EQ(cb.metrics(ms(10'008)).bufferedCalls, 3);
    EXPECT_EQ(cb.metrics(ms(10'008)).failureRate, 0.0f); // 3 ≥ minimum 2
    EXPECT_EQ(cb.transitions().size(), 3u);
}

TEST(CircuitBreaker, HalfOpenFailureReopensWithALongerWait)
{
    CircuitBreakerConfig c = smallConfig();
    c.waitDurationMultiplier = 2;
    c.maxWaitDurationInOpenState = sim::Duration::seconds(25);
    CircuitBreaker cb(c);
    // Waits: 10 s, 10 × 2 = 20 s, min(40, 25) = 25 s, 25 s.
    EXPECT_EQ(cb.waitDurationInOpenState(1), sim::Duration::seconds(10));
    EXPECT_EQ(cb.waitDurationInOpenState(2), sim::Duration::seconds(20));
    EXPECT_EQ(cb.waitDurationInOpenState(3), sim::Duration::seconds(25));
    EXPECT_EQ(cb.waitDurationInOpenState(4), sim::Duration::seconds(25));

    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    EXPECT_EQ(cb.consecutiveOpenings(), 1);

    // Probe round 1 at 10.011 s: F F S S. The half-open minimum is min(10, 4) = 4,
    // so after three outcomes nothing is decided; the fourth gives 2/4 = 50% ≥ 50%.
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(10'011)), Permission::Permitted);
    cb.onResult(ms(10'012), Fast, Outcome::Failure);
    cb.onResult(ms(10'013), Fast, Outcome::Failure);
    cb.onResult(ms(10'014), Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::HalfOpen);
    EXPECT_EQ(cb.metrics(ms(10'014)).failureRate, -1.0f);
    cb.onResult(ms(10'015), Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(lastTransition(cb), (Transition{ms(10'015), State::HalfOpen, State::Open, "failure rate 50% ≥ 50%"}));
    EXPECT_EQ(cb.consecutiveOpenings(), 2);
    EXPECT_EQ(cb.openUntil(), ms(30'015)); // 10.015 s + 20 s

    // Probe round 2 at 30.016 s: four failures; wait 25 s (capped).
    EXPECT_EQ(cb.tryAcquirePermission(ms(30'015)), Permission::Rejected);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(30'016)), Permission::Permitted);
    for (int i = 0; i < 4; ++i)
        cb.onResult(ms(30'017 + i), Fast, Outcome::Failure);
    EXPECT_EQ(cb.consecutiveOpenings(), 3);
    EXPECT_EQ(cb.openUntil(), ms(55'020)); // 30.020 s + 25 s

    // Probe round 3: four successes close it, and the run of openings ends.
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(55'021)), Permission::Permitted);
    for (int i = 0; i < 4; ++i)
        cb.onResult(ms(55'022 + i), Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(cb.consecutiveOpenings(), 0);

    // The next opening waits 10 s again.
    for (int i = 1; i <= 10; ++i)
        call(cb, ms(56'000 + i), Outcome::Failure);
    EXPECT_EQ(cb.consecutiveOpenings(), 1);
    EXPECT_EQ(cb.openUntil(), ms(66'010));

    std::vector<std::pair<State, State>> path;
    for (const Transition &t : cb.transitions())
        path.emplace_back(t.from, t.to);
    EXPECT_EQ(path, (std::vector<std::pair<State, State>>{{State::Closed, State::Open},
                                                          {State::Open, State::HalfOpen},
                                                          {State::HalfOpen, State::Open},
                                                          {State::Open, State::HalfOpen},
                                                          {State::HalfOpen, State::Open},
                                                          {State::Open, State::HalfOpen},
                                                          {State::HalfOpen, State::Closed},
                                                          {State::Closed, State::Open}}));
}

TEST(CircuitBreaker, ExponentialWaitTruncatesToWholeMillisecondsEachStep)
{
    CircuitBreakerConfig c = smallConfig();
    c.waitDurationInOpenState = sim::Duration::milliseconds(500);
    c.waitDurationMultiplier = 1.5;
    const CircuitBreaker cb(c);
    // 500, 750, 1125, 1687 (not 1687.5), 2530 (1687 × 1.5 = 2530.5; not 2531).
    EXPECT_EQ(cb.waitDurationInOpenState(1), sim::Duration::milliseconds(500));
    EXPECT_EQ(cb.waitDurationInOpenState(2), sim::Duration::milliseconds(750));
    EXPECT_EQ(cb.waitDurationInOpenState(3), sim::Duration::milliseconds(1125));
    EXPECT_EQ(cb.waitDurationInOpenState(4), sim::Duration::milliseconds(1687));
    EXPECT_EQ(cb.waitDurationInOpenState(5), sim::Duration::milliseconds(2530));

    c.maxWaitDurationInOpenState = sim::Duration::seconds(2);
    const CircuitBreaker capped(c);
    EXPECT_EQ(capped.waitDurationInOpenState(4), sim::Duration::milliseconds(1687));
    EXPECT_EQ(capped.waitDurationInOpenState(5), sim::Duration::seconds(2));
    EXPECT_EQ(capped.waitDurationInOpenState(1000), sim::Duration::seconds(2));
}

TEST(CircuitBreaker, SuccessfulProbesCloseWithAnEmptyWindow)
{
    CircuitBreaker cb(smallConfig());
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(10'011)), Permission::Permitted);
    cb.onResult(ms(10'012), Fast, Outcome::Failure);
    for (int i = 0; i < 3; ++i)
        cb.onResult(ms(10'013 + i), Fast, Outcome::Success);
    // 1/4 = 25% < 50%.
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(lastTransition(cb).reason, "failure rate 25% < 50% and slow-call rate 0% < 100%");
    EXPECT_EQ(cb.metrics(ms(10'015)), CircuitBreakerMetrics{});

    // The closed window does not remember the ten failures that opened it.
    call(cb, ms(10'016), Outcome::Failure);
    EXPECT_EQ(cb.metrics(ms(10'016)).bufferedCalls, 1);
    EXPECT_EQ(cb.metrics(ms(10'016)).failedCalls, 1);
    EXPECT_EQ(cb.state(), State::Closed);
}

TEST(CircuitBreaker, SlowMeansStrictlyLongerThanTheThreshold)
{
    CircuitBreakerConfig c = smallConfig();
    c.slowCallDurationThreshold = sim::Duration::seconds(2);
    CircuitBreaker cb(c);
    call(cb, ms(1), Outcome::Success, sim::Duration::seconds(2)); // equal: not slow
    EXPECT_EQ(cb.counters().slow, 0u);
    EXPECT_EQ(cb.metrics(ms(1)).slowCalls, 0);
    call(cb, ms(2), Outcome::Success, sim::Duration::seconds(2) + OneNs);
    EXPECT_EQ(cb.counters().slow, 1u);
    EXPECT_EQ(cb.metrics(ms(2)).slowCalls, 1);
    EXPECT_EQ(cb.metrics(ms(2)).slowFailedCalls, 0);
    call(cb, ms(3), Outcome::Failure, sim::Duration::seconds(3));
    EXPECT_EQ(cb.counters().slow, 2u);
    EXPECT_EQ(cb.metrics(ms(3)).slowCalls, 2);
    EXPECT_EQ(cb.metrics(ms(3)).slowFailedCalls, 1);
    EXPECT_EQ(cb.metrics(ms(3)).failedCalls, 1);
}

TEST(CircuitBreaker, SlowCallRateTrips)
{
    CircuitBreakerConfig c = smallConfig();
    c.slowCallDurationThreshold = sim::Duration::seconds(1);
    c.slowCallRateThreshold = 50;
    CircuitBreaker cb(c);
    // Ten successes alternating 1 s + 1 ns (slow) and exactly 1 s (not slow): 5/10 = 50%.
    for (int i = 1; i <= 10; ++i)
        call(cb, ms(i), Outcome::Success, sim::Duration::seconds(1) + (i % 2 ? OneNs : sim::Duration::zero()));
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(lastTransition(cb).reason, "slow-call rate 50% ≥ 50%");
    const CircuitBreakerMetrics m = cb.metrics(ms(10));
    EXPECT_EQ(m.failureRate, 0.0f);
    EXPECT_EQ(m.slowCallRate, 50.0f);
    EXPECT_EQ(m.slowCalls, 5);
    EXPECT_EQ(cb.counters().slow, 5u);
}

TEST(CircuitBreaker, SlowFailuresCountTowardBothRates)
{
    CircuitBreakerConfig c = smallConfig();
    c.slowCallDurationThreshold = sim::Duration::seconds(1);
    c.slowCallRateThreshold = 50;
    CircuitBreaker cb(c);
    // Five slow failures, five fast successes: failure 5/10, slow 5/10.
    for (int i = 1; i <= 10; ++i)
        call(cb, ms(i), i <= 5 ? Outcome::Failure : Outcome::Success, i <= 5 ? sim::Duration::seconds(2) : Fast);
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(lastTransition(cb).reason, "failure rate 50% ≥ 50% and slow-call rate 50% ≥ 50%");
    const CircuitBreakerMetrics m = cb.metrics(ms(10));
    EXPECT_EQ(m.failedCalls, 5);
    EXPECT_EQ(m.slowCalls, 5);
    EXPECT_EQ(m.slowFailedCalls, 5);
    EXPECT_EQ(m.successfulCalls, 5);
}

TEST(CircuitBreaker, IgnoredOutcomeCountsAsNeitherAndReturnsAHalfOpenPermit)
{
    CircuitBreakerConfig c = smallConfig();
    c.permittedNumberOfCallsInHalfOpenState = 2;
    CircuitBreaker cb(c);

    // In CLOSED an ignored outcome enters no window.
    call(cb, ms(0), Outcome::Ignored);
    EXPECT_EQ(cb.metrics(ms(0)).bufferedCalls, 0);
    EXPECT_EQ(cb.counters().ignored, 1u);

    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    const sim::Time t = ms(10'011);
    EXPECT_EQ(cb.tryAcquirePermission(t), Permission::Permitted);
    EXPECT_EQ(cb.tryAcquirePermission(t), Permission::Permitted);
    EXPECT_EQ(cb.tryAcquirePermission(t), Permission::Rejected);

    cb.onResult(t, Fast, Outcome::Ignored); // releasePermission()
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 1);
    EXPECT_EQ(cb.metrics(t).bufferedCalls, 0);
    EXPECT_EQ(cb.state(), State::HalfOpen);
    EXPECT_EQ(cb.tryAcquirePermission(t), Permission::Permitted);
    EXPECT_EQ(cb.tryAcquirePermission(t), Permission::Rejected);

    // The two other probes decide: the half-open minimum is min(10, 2) = 2.
    cb.onResult(t, Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::HalfOpen);
    cb.onResult(t, Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(cb.counters().ignored, 2u);
    EXPECT_EQ(cb.counters().successful, 2u);
}

TEST(CircuitBreaker, TimeWindowBucketsExpireInWholeSeconds)
{
    CircuitBreakerConfig c;
    c.slidingWindowType = SlidingWindowType::TimeBased;
    c.slidingWindowSize = 10;
    c.minimumNumberOfCalls = 2;

    // An outcome at 9.999 s goes into the bucket of second floor(9.999) = 9.
    // At current second s the window holds the buckets of seconds s−9 … s, so
    // second 9 is in it while s − 9 ≤ 9, i.e. s ≤ 18, up to 18.999999999 s,
    // and leaves at 19.000000000 s: after 9.000000001 s, not 10 s. An outcome
    // at 9.000 s shares the bucket and leaves at the same instant, after 10 s.
    const sim::Time late = ms(9'999);
    const sim::Time early = ms(9'000);
    const sim::Time lastIn = ms(19'000) - OneNs;
    const sim::Time firstOut = ms(19'000);

    CircuitBreaker a(c);
    call(a, early, Outcome::Success);
    call(a, late, Outcome::Success);
    EXPECT_EQ(a.metrics(lastIn).bufferedCalls, 2);
    EXPECT_EQ(a.metrics(firstOut).bufferedCalls, 0);

    // The same boundary decides a trip: with both failures in the window,
    // 2/2 ≥ 50% opens …
    CircuitBreaker b(c);
    call(b, late, Outcome::Failure);
    call(b, lastIn, Outcome::Failure);
    EXPECT_EQ(b.state(), State::Open);

    // … but 1 ns later the first has left, and 1 call is below the minimum of 2.
    CircuitBreaker d(c);
    call(d, late, Outcome::Failure);
    call(d, firstOut, Outcome::Failure);
    EXPECT_EQ(d.state(), State::Closed);
    EXPECT_EQ(d.metrics(firstOut).bufferedCalls, 1);
    EXPECT_EQ(d.metrics(firstOut).failureRate, -1.0f);
    // And the second failure leaves at 29 s.
    EXPECT_EQ(d.metrics(ms(29'000) - OneNs).bufferedCalls, 1);
    EXPECT_EQ(d.metrics(ms(29'000)).bufferedCalls, 0);
}

TEST(CircuitBreaker, AutomaticTransitionHappensAtTheDeadline)
{
    CircuitBreakerConfig c = smallConfig();
    c.automaticTransitionFromOpenToHalfOpenEnabled = true;
    CircuitBreaker cb(c);
    EXPECT_FALSE(cb.nextTimedTransition());
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    EXPECT_EQ(cb.nextTimedTransition(), ms(10'010));

    EXPECT_FALSE(cb.onTime(ms(10'010) - OneNs));
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_TRUE(cb.onTime(ms(10'010))); // at the deadline, not after it
    EXPECT_EQ(cb.state(), State::HalfOpen);
    EXPECT_EQ(lastTransition(cb),
              (Transition{ms(10'010), State::Open, State::HalfOpen, "wait of 10s elapsed (automatic transition)"}));
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 4); // no call has taken one
    EXPECT_FALSE(cb.nextTimedTransition()); // no half-open timeout configured
    EXPECT_FALSE(cb.onTime(ms(20'000)));    // a stale event changes nothing

    // Without the option the breaker has no timer and reports OPEN while idle.
    CircuitBreaker lazy(smallConfig());
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(lazy));
    EXPECT_FALSE(lazy.nextTimedTransition());
    EXPECT_FALSE(lazy.onTime(ms(1'000'000)));
    EXPECT_EQ(lazy.state(), State::Open);
}

TEST(CircuitBreaker, OverdueTimedTransitionsHappenAtTheirOwnTime)
{
    CircuitBreakerConfig c = smallConfig();
    c.automaticTransitionFromOpenToHalfOpenEnabled = true;
    CircuitBreaker cb(c);
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    // No onTime(): a request at the deadline itself is a tie, left to the
    // owner's event order, so it sees OPEN and is rejected …
    EXPECT_EQ(cb.tryAcquirePermission(ms(10'010)), Permission::Rejected);
    EXPECT_EQ(cb.state(), State::Open);
    // … while a later one finds the switch made at 10.010 s, as the scheduler would have.
    EXPECT_EQ(cb.tryAcquirePermission(ms(12'000)), Permission::Permitted);
    EXPECT_EQ(lastTransition(cb).at, ms(10'010));
    EXPECT_EQ(lastTransition(cb).reason, "wait of 10s elapsed (automatic transition)");
    EXPECT_EQ(cb.stateEnteredAt(), ms(10'010));
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 3);
}

TEST(CircuitBreaker, HalfOpenTimeoutLeadsToOpen)
{
    CircuitBreakerConfig c = smallConfig();
    c.maxWaitDurationInHalfOpenState = sim::Duration::seconds(5);
    c.waitDurationMultiplier = 2;
    CircuitBreaker cb(c);
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    EXPECT_FALSE(cb.nextTimedTransition()); // lazy: no timer in OPEN

    EXPECT_EQ(cb.tryAcquirePermission(ms(10'011)), Permission::Permitted); // the probe never reports
    EXPECT_EQ(cb.nextTimedTransition(), ms(15'011));
    EXPECT_FALSE(cb.onTime(ms(15'011) - OneNs));
    EXPECT_TRUE(cb.onTime(ms(15'011)));
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(lastTransition(cb),
              (Transition{ms(15'011), State::HalfOpen, State::Open, "no decision within 5s in half-open"}));
    EXPECT_EQ(cb.consecutiveOpenings(), 2);
    EXPECT_EQ(cb.openUntil(), ms(35'011)); // 15.011 s + 10 s × 2
    EXPECT_FALSE(cb.nextTimedTransition());
}

TEST(CircuitBreaker, HalfOpenTimeoutLeadsToClosed)
{
    CircuitBreakerConfig c = smallConfig();
    c.maxWaitDurationInHalfOpenState = sim::Duration::seconds(5);
    c.transitionToStateAfterWaitDuration = State::Closed;
    CircuitBreaker cb(c);
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    EXPECT_EQ(cb.tryAcquirePermission(ms(10'011)), Permission::Permitted);
    cb.onResult(ms(10'012), Fast, Outcome::Failure); // 1 of the 4 needed
    EXPECT_TRUE(cb.onTime(ms(15'011)));
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(lastTransition(cb).reason, "no decision within 5s in half-open");
    EXPECT_EQ(cb.consecutiveOpenings(), 0);
    EXPECT_EQ(cb.metrics(ms(15'011)).bufferedCalls, 0);
    EXPECT_FALSE(cb.nextTimedTransition());
}

TEST(CircuitBreaker, HalfOpenDecisionCancelsTheTimeout)
{
    CircuitBreakerConfig c = smallConfig();
    c.maxWaitDurationInHalfOpenState = sim::Duration::seconds(5);
    CircuitBreaker cb(c);
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(10'011)), Permission::Permitted);
    EXPECT_EQ(cb.nextTimedTransition(), ms(15'011));
    for (int i = 0; i < 4; ++i)
        cb.onResult(ms(10'012), Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_FALSE(cb.nextTimedTransition());
    EXPECT_FALSE(cb.onTime(ms(15'011))); // the event the owner had scheduled is stale
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(cb.transitions().size(), 3u);
}

TEST(CircuitBreaker, DisabledRecordsNothing)
{
    CircuitBreaker cb(smallConfig());
    EXPECT_TRUE(cb.transitionToDisabled(ms(1)));
    for (int i = 0; i < 20; ++i)
        call(cb, ms(2 + i), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::Disabled);
    EXPECT_EQ(cb.metrics(ms(30)), CircuitBreakerMetrics{});
    EXPECT_EQ(cb.counters(), (CircuitBreakerCounters{20, 0, 0, 0, 0, 0, 20}));
    EXPECT_EQ(cb.transitions(), (std::vector<Transition>{{ms(1), State::Closed, State::Disabled, "manual"}}));
    EXPECT_FALSE(cb.nextTimedTransition());
}

TEST(CircuitBreaker, ForcedOpenRejectsEverything)
{
    CircuitBreaker cb(smallConfig());
    EXPECT_EQ(cb.tryAcquirePermission(ms(0)), Permission::Permitted); // admitted before
    EXPECT_TRUE(cb.transitionToForcedOpen(ms(1)));
    EXPECT_EQ(cb.consecutiveOpenings(), 1);
    for (std::int64_t t : {2, 10'000, 3'600'000})
        EXPECT_EQ(cb.tryAcquirePermission(ms(t)), Permission::Rejected) << t;
    cb.onResult(ms(3'600'001), Fast, Outcome::Failure); // the late outcome is not recorded
    EXPECT_EQ(cb.metrics(ms(3'600'001)).bufferedCalls, 0);
    EXPECT_EQ(cb.counters(), (CircuitBreakerCounters{1, 3, 0, 0, 0, 0, 1}));
    EXPECT_FALSE(cb.nextTimedTransition());

    EXPECT_TRUE(cb.transitionToClosed(ms(3'600'002)));
    EXPECT_EQ(cb.tryAcquirePermission(ms(3'600'003)), Permission::Permitted);
    EXPECT_EQ(cb.consecutiveOpenings(), 0);
}

TEST(CircuitBreaker, MetricsOnlyRecordsButNeverTrips)
{
    CircuitBreaker cb(smallConfig());
    EXPECT_TRUE(cb.transitionToMetricsOnly(ms(1)));
    for (int i = 0; i < 10; ++i)
        call(cb, ms(2 + i), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::MetricsOnly);
    EXPECT_EQ(cb.metrics(ms(11)).failureRate, 100.0f);
    EXPECT_EQ(cb.metrics(ms(11)).bufferedCalls, 10);
    EXPECT_EQ(cb.counters().failed, 10u);

    // Resilience4j has no METRICS_ONLY → OPEN or → HALF_OPEN transition.
    EXPECT_FALSE(cb.transitionToOpen(ms(12)));
    EXPECT_FALSE(cb.transitionToHalfOpen(ms(12)));
    EXPECT_EQ(cb.state(), State::MetricsOnly);
    EXPECT_EQ(cb.transitions().size(), 1u);

    EXPECT_TRUE(cb.transitionToClosed(ms(13)));
    EXPECT_EQ(cb.metrics(ms(13)).bufferedCalls, 0);
}

TEST(CircuitBreaker, LateOutcomeAfterOpeningIsRecordedButDoesNotReopen)
{
    CircuitBreakerConfig c = smallConfig();
    c.slidingWindowSize = 20; // room for the late outcomes to show
    CircuitBreaker cb(c);
    for (int i = 0; i < 12; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(1)), Permission::Permitted);
    for (int i = 2; i <= 11; ++i)
        cb.onResult(ms(i), Fast, Outcome::Failure); // 10/10 at 11 ms: open until 10.011 s
    ASSERT_EQ(cb.state(), State::Open);

    cb.onResult(ms(12), Fast, Outcome::Failure);
    cb.onResult(ms(13), Fast, Outcome::Success);
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(cb.transitions().size(), 1u);
    EXPECT_EQ(cb.openUntil(), ms(10'011)); // a second opening would have moved it
    EXPECT_EQ(cb.consecutiveOpenings(), 1);
    const CircuitBreakerMetrics m = cb.metrics(ms(13));
    EXPECT_EQ(m.bufferedCalls, 12);
    EXPECT_EQ(m.failedCalls, 11);
    EXPECT_EQ(cb.counters().failed, 11u);
    EXPECT_EQ(cb.counters().successful, 1u);
}

TEST(CircuitBreaker, LateOutcomesInHalfOpenCountTowardTheProbeDecision)
{
    // Resilience4j records whatever arrives in HALF_OPEN in the probe window,
    // including outcomes of calls admitted while CLOSED.
    CircuitBreakerConfig c = smallConfig();
    c.slidingWindowSize = 20;
    CircuitBreaker cb(c);
    for (int i = 0; i < 14; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(1)), Permission::Permitted);
    for (int i = 2; i <= 11; ++i)
        cb.onResult(ms(i), Fast, Outcome::Failure);
    ASSERT_EQ(cb.state(), State::Open);
    EXPECT_EQ(cb.tryAcquirePermission(ms(10'012)), Permission::Permitted); // the only probe
    for (int i = 0; i < 4; ++i)
        cb.onResult(ms(10'013 + i), Fast, Outcome::Success); // the four closed-era calls
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(lastTransition(cb).at, ms(10'016));
}

TEST(CircuitBreaker, IgnoredLateOutcomeCanGrowTheHalfOpenPool)
{
    // releasePermission() adds a permit whichever state admitted the call, so
    // the pool can exceed permittedNumberOfCallsInHalfOpenState (as in Resilience4j).
    CircuitBreakerConfig c = smallConfig();
    c.permittedNumberOfCallsInHalfOpenState = 2;
    c.automaticTransitionFromOpenToHalfOpenEnabled = true;
    CircuitBreaker cb(c);
    EXPECT_EQ(cb.tryAcquirePermission(ms(0)), Permission::Permitted); // finishes much later
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    EXPECT_TRUE(cb.onTime(ms(10'010)));
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 2);
    cb.onResult(ms(10'011), Fast, Outcome::Ignored);
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 3);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(cb.tryAcquirePermission(ms(10'012)), Permission::Permitted);
    EXPECT_EQ(cb.tryAcquirePermission(ms(10'012)), Permission::Rejected);
}

TEST(CircuitBreaker, ManualTransitionsFollowResilience4jsTable)
{
    CircuitBreakerConfig c = smallConfig();
    c.waitDurationMultiplier = 2;
    CircuitBreaker cb(c);
    EXPECT_FALSE(cb.transitionToHalfOpen(ms(1))); // CLOSED → HALF_OPEN does not exist
    EXPECT_EQ(cb.state(), State::Closed);

    for (int i = 0; i < 3; ++i)
        call(cb, ms(1), Outcome::Failure);
    // CLOSED → CLOSED: a fresh window, but no transition to log.
    EXPECT_TRUE(cb.transitionToClosed(ms(2)));
    EXPECT_EQ(cb.metrics(ms(2)).bufferedCalls, 0);
    EXPECT_TRUE(cb.transitions().empty());

    EXPECT_TRUE(cb.transitionToOpen(ms(3)));
    EXPECT_EQ(cb.consecutiveOpenings(), 1);
    EXPECT_EQ(cb.openUntil(), ms(10'003));
    // OPEN → OPEN counts another opening with a new, longer wait.
    EXPECT_TRUE(cb.transitionToOpen(ms(4)));
    EXPECT_EQ(cb.consecutiveOpenings(), 2);
    EXPECT_EQ(cb.openUntil(), ms(20'004));
    EXPECT_TRUE(cb.transitionToHalfOpen(ms(5)));
    EXPECT_EQ(cb.consecutiveOpenings(), 2); // carried into HALF_OPEN
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 4);
    cb.reset(ms(6));
    EXPECT_EQ(cb.state(), State::Closed);
    EXPECT_EQ(cb.consecutiveOpenings(), 0);
    EXPECT_EQ(cb.transitions(), (std::vector<Transition>{{ms(3), State::Closed, State::Open, "manual"},
                                                         {ms(5), State::Open, State::HalfOpen, "manual"},
                                                         {ms(6), State::HalfOpen, State::Closed, "reset"}}));
}

TEST(CircuitBreaker, ResetStatisticsKeepsTheState)
{
    CircuitBreaker cb(smallConfig());
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    EXPECT_EQ(cb.tryAcquirePermission(ms(11)), Permission::Rejected);
    cb.resetStatistics();
    EXPECT_EQ(cb.counters(), CircuitBreakerCounters{});
    EXPECT_TRUE(cb.transitions().empty());
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(cb.openUntil(), ms(10'010));
    EXPECT_EQ(cb.metrics(ms(11)).bufferedCalls, 10);
}

TEST(CircuitBreaker, StateNames)
{
    const std::vector<std::pair<State, std::string_view>> names{
        {State::Closed, "closed"},          {State::Open, "open"},
        {State::HalfOpen, "half-open"},     {State::Disabled, "disabled"},
        {State::ForcedOpen, "forced-open"}, {State::MetricsOnly, "metrics-only"}};
    for (const auto &[state, name] : names) {
        EXPECT_EQ(circuitBreakerStateName(state), name);
        EXPECT_EQ(circuitBreakerStateFromName(name), state);
    }
    EXPECT_FALSE(circuitBreakerStateFromName("HALF_OPEN"));
    EXPECT_FALSE(circuitBreakerStateFromName(""));
}

TEST(CircuitBreaker, ValidateNamesEveryBadField)
{
    CircuitBreakerConfig c;
    c.slidingWindowSize = 0;
    c.minimumNumberOfCalls = -1;
    c.failureRateThreshold = 0;
    c.slowCallRateThreshold = 100.5;
    c.slowCallDurationThreshold = sim::Duration::zero();
    c.permittedNumberOfCallsInHalfOpenState = 0;
    c.waitDurationInOpenState = sim::Duration::microseconds(1500);
    c.waitDurationMultiplier = 0.5;
    c.maxWaitDurationInOpenState = sim::Duration::microseconds(999);
    c.maxWaitDurationInHalfOpenState = sim::Duration::milliseconds(-1);
    c.transitionToStateAfterWaitDuration = State::HalfOpen;
    EXPECT_EQ(c.validate(), (std::vector<Problem>{
                                {"slidingWindowSize", "must be an integer ≥ 1"},
                                {"minimumNumberOfCalls", "must be an integer ≥ 1"},
                                {"failureRateThreshold", "must be a percentage > 0 and ≤ 100"},
                                {"slowCallRateThreshold", "must be a percentage > 0 and ≤ 100"},
                                {"slowCallDurationThreshold", "must be a duration ≥ 1ns"},
                                {"permittedNumberOfCallsInHalfOpenState", "must be an integer ≥ 1"},
                                {"waitDurationInOpenState", "must be a whole number of milliseconds"},
                                {"waitDurationMultiplier", "must be a number ≥ 1"},
                                {"maxWaitDurationInOpenState", "must be a duration ≥ 1ms"},
                                {"maxWaitDurationInHalfOpenState", "must be a duration ≥ 0s"},
                                {"transitionToStateAfterWaitDuration", "must be \"open\" or \"closed\""},
                            }));

    // The edges of the valid ranges, and the values just outside them.
    CircuitBreakerConfig edge;
    edge.failureRateThreshold = 100;
    edge.slowCallRateThreshold = 1e-30; // a float > 0
    edge.slowCallDurationThreshold = OneNs;
    edge.waitDurationInOpenState = sim::Duration::milliseconds(1);
    edge.maxWaitDurationInOpenState = sim::Duration::milliseconds(1);
    edge.maxWaitDurationInHalfOpenState = sim::Duration::zero();
    edge.transitionToStateAfterWaitDuration = State::Closed;
    EXPECT_TRUE(edge.validate().empty());

    edge.failureRateThreshold = std::nan("");
    edge.slowCallRateThreshold = std::numeric_limits<double>::denorm_min(); // 0 as a float
    edge.waitDurationInOpenState = sim::Duration::milliseconds(1) - OneNs;
    edge.waitDurationMultiplier = std::numeric_limits<double>::infinity();
    edge.maxWaitDurationInHalfOpenState = sim::Duration::microseconds(2500);
    EXPECT_EQ(edge.validate(), (std::vector<Problem>{
                                   {"failureRateThreshold", "must be a percentage > 0 and ≤ 100"},
                                   {"slowCallRateThreshold", "must be a percentage > 0 and ≤ 100"},
                                   {"waitDurationInOpenState", "must be a duration ≥ 1ms"},
                                   {"waitDurationMultiplier", "must be a number ≥ 1"},
                                   {"maxWaitDurationInHalfOpenState", "must be a whole number of milliseconds"},
                               }));
}
