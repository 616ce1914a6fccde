// Time windows, timed transitions, manual states, late outcomes and
// validation of the circuit breaker, on traces worked by hand (SEMANTICS §1).

#include "CircuitBreakerTestSupport.h"

#include <cmath>
#include <limits>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::breakertest;

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
