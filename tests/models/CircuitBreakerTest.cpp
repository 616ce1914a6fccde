// The closed-state window, thresholds, slow calls and the half-open probes,
// on traces worked by hand from SEMANTICS §1.1–1.5.

#include "CircuitBreakerTestSupport.h"

#include <cmath>
#include <limits>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::breakertest;

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

// Live edits (the GUI changes a breaker's settings while a run goes on).

TEST(CircuitBreaker, ReconfiguredThresholdAppliesToTheNextOutcomeWithTheWindowKept)
{
    CircuitBreaker cb(smallConfig());
    // F F F S S S S S S S: 3/10 = 30% < 50%, closed.
    for (int i = 1; i <= 10; ++i)
        call(cb, ms(i), i <= 3 ? Outcome::Failure : Outcome::Success);
    ASSERT_EQ(cb.state(), State::Closed);
    // The threshold drops to 25%: the window (same shape) is kept, and the
    // next outcome, a success evicting the first failure, makes 2/10 = 20%: closed.
    CircuitBreakerConfig lower = smallConfig();
    lower.failureRateThreshold = 25;
    cb.reconfigure(lower, ms(11));
    EXPECT_EQ(cb.metrics(ms(11)).bufferedCalls, 10);
    call(cb, ms(12), Outcome::Success);
    EXPECT_EQ(cb.state(), State::Closed);
    // Failures at 13 and 14 evict the failures of 2 and 3: still 2/10. One at
    // 15 evicts the success of 4: 3/10 = 30% ≥ 25%: open.
    call(cb, ms(13), Outcome::Failure);
    call(cb, ms(14), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::Closed);
    call(cb, ms(15), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(lastTransition(cb).reason, "failure rate 30% ≥ 25%");
}

TEST(CircuitBreaker, ReconfiguredWindowSizeStartsAnEmptyWindow)
{
    CircuitBreaker cb(smallConfig());
    for (int i = 1; i <= 9; ++i)
        call(cb, ms(i), Outcome::Failure);
    CircuitBreakerConfig bigger = smallConfig();
    bigger.slidingWindowSize = 20;
    cb.reconfigure(bigger, ms(10));
    EXPECT_EQ(cb.metrics(ms(10)).bufferedCalls, 0);
    // Nine more failures are still below the minimum of 10.
    for (int i = 11; i <= 19; ++i)
        call(cb, ms(i), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::Closed);
    call(cb, ms(20), Outcome::Failure);
    EXPECT_EQ(cb.state(), State::Open);
}

TEST(CircuitBreaker, ReconfiguredWaitInOpenCountsFromWhenItOpened)
{
    CircuitBreaker cb(smallConfig());
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb)); // open at 10 ms, 10 s wait
    CircuitBreakerConfig shorter = smallConfig();
    shorter.waitDurationInOpenState = sim::Duration::seconds(2);
    cb.reconfigure(shorter, ms(1'000));
    EXPECT_EQ(cb.state(), State::Open);
    EXPECT_EQ(cb.openUntil(), ms(2'010));
    EXPECT_EQ(cb.tryAcquirePermission(ms(2'010)), Permission::Rejected); // strictly after, as ever
    EXPECT_EQ(cb.tryAcquirePermission(ms(2'011)), Permission::Permitted);
    EXPECT_EQ(cb.state(), State::HalfOpen);
}

TEST(CircuitBreaker, ReconfiguredHalfOpenPoolGrowsByTheChange)
{
    CircuitBreaker cb(smallConfig());
    ASSERT_NO_FATAL_FAILURE(tripAt10ms(cb));
    ASSERT_EQ(cb.tryAcquirePermission(ms(10'011)), Permission::Permitted); // half-open, 3 of 4 permits left
    CircuitBreakerConfig more = smallConfig();
    more.permittedNumberOfCallsInHalfOpenState = 6;
    cb.reconfigure(more, ms(10'012));
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 5);
    CircuitBreakerConfig fewer = smallConfig();
    fewer.permittedNumberOfCallsInHalfOpenState = 1;
    cb.reconfigure(fewer, ms(10'013));
    EXPECT_EQ(cb.halfOpenPermitsLeft(), 0); // 5 - 5, never below zero
    EXPECT_EQ(cb.tryAcquirePermission(ms(10'014)), Permission::Rejected);
}
