// Call edges with retry, circuit breaker and fallback, and the faults
// timeline, run on the topology files in tests/models/scenarios (the CLI
// tests run the same files). Deterministic scenarios are checked exactly,
// against traces worked out by hand in the files' descriptions.

#include "TestTopologies.h"

#include "models/RateProfile.h"
#include "models/RetryPolicy.h"
#include "models/TopologyJson.h"

#include <cmath>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

std::uint64_t dropped(const RunResults &r, const std::string &reason)
{
    const auto it = r.ledger.dropped.find(reason);
    return it == r.ledger.dropped.end() ? 0 : it->second;
}

sim::Distribution constant(double seconds)
{
    return sim::Distribution::constant(seconds);
}

FaultSpec fault(double at, std::optional<double> duration, const std::string &target, FaultKind kind)
{
    FaultSpec f;
    f.at = sim::Duration::fromSeconds(at);
    if (duration)
        f.duration = sim::Duration::fromSeconds(*duration);
    f.target = target;
    f.kind = kind;
    return f;
}

} // namespace

TEST(CallEdges, RetriesAgainstAFlakyCalleeMakeOnePlusPPlusP2PlusP3AttemptsPerRequest)
{
    const RunResults r = runScenario("retries-flaky-callee");
    ASSERT_EQ(r.edges.size(), 1u);
    const EdgeResults &e = r.edges.front();
    const double p = 0.4;
    const double n = 20000;
    ASSERT_EQ(e.requests, 20000u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
    // The attempts A of one request: P(A = k) = p^(k-1)(1-p) for k < 4 and
    // P(A = 4) = p³, so E[A] = 1 + p + p² + p³ = 1.624 and E[A²] = 3.448:
    // Var A = 0.8106, sd 0.9003. Requests are independent (each attempt's
    // outcome is a fresh draw), so the mean over n = 20000 has sd
    // 0.9003/√n = 0.00637; 4 sd leaves a false alarm about once in 16000 runs.
    const double expected = 1 + p + p * p + p * p * p;
    EXPECT_DOUBLE_EQ(RetryPolicy(*scenario("retries-flaky-callee").edges[1].retry).expectedAttempts(p), expected);
    const double sdOfMean = std::sqrt(3.448 - expected * expected) / std::sqrt(n);
    EXPECT_NEAR(e.retryAmplification, expected, 4 * sdOfMean);
    EXPECT_DOUBLE_EQ(e.retryAmplification, static_cast<double>(e.attempts) / n);
    // A request ends in the fallback when all 4 attempts fail: p⁴ = 0.0256,
    // a binomial share with sd √(p⁴(1-p⁴)/n) = 0.00112; again 4 sd.
    const double p4 = p * p * p * p;
    EXPECT_NEAR(static_cast<double>(e.fallbacks) / n, p4, 4 * std::sqrt(p4 * (1 - p4) / n));
    // Every attempt is answered (the timeout is far off), and each request
    // ends in one success or one fallback.
    EXPECT_EQ(e.successes + e.failures, e.attempts);
    EXPECT_EQ(e.successes + e.fallbacks, e.requests);
    EXPECT_EQ(e.timeouts, 0u);
    EXPECT_EQ(e.rejectedByBreaker, 0u);
    EXPECT_EQ(r.ledger.calls, e.attempts);
    // The default fallback fails the caller's processing (no queue: failed).
    EXPECT_EQ(r.node("orders").failures, e.fallbacks);
    EXPECT_EQ(r.node("payments").failures, e.failures);
}

TEST(CallEdges, DuringAnOutageEveryRequestMakesExactlyFourAttempts)
{
    const RunResults r = runScenario("outage-retries");
    ASSERT_EQ(r.edges.size(), 1u);
    const EdgeResults &e = r.edges.front();
    EXPECT_EQ(e.requests, 100u);
    EXPECT_EQ(e.attempts, 400u);
    EXPECT_EQ(e.failures, 400u); // refused at once by the callee in its outage
    EXPECT_EQ(e.successes, 0u);
    EXPECT_EQ(e.timeouts, 0u);
    EXPECT_EQ(e.fallbacks, 100u);
    EXPECT_DOUBLE_EQ(e.retryAmplification, 4.0);
    EXPECT_EQ(e.callLatency.max, 0.0); // an error outage answers without delay
    EXPECT_EQ(r.ledger.calls, 400u);
    EXPECT_EQ(dropped(r, "unavailable"), 400u);
    EXPECT_EQ(r.ledger.failed, 100u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
    EXPECT_EQ(r.node("payments").arrivals, 0u);
}

// The trace in breaker-trace.json, worked by hand. Arrivals every 100 ms from
// 0.1 s; each call takes 10 ms until the outage (2.05 s to 4.05 s), during
// which it fails at once. Window of 4 at 50%:
//   2.1 s fails: S S S F (25%); 2.2 s fails: S S F F (50%) → OPEN, until 3.25 s.
//   2.3 s … 3.2 s: 10 rejected. 3.3 s > 3.25 s → HALF_OPEN (2 permits), fails;
//   3.4 s fails: 2 of 2 → OPEN until 4.45 s. 3.5 s … 4.4 s: 10 rejected.
//   4.5 s → HALF_OPEN, succeeds at 4.51 s; 4.6 s succeeds at 4.61 s → CLOSED.
// 59 requests (0.1 s … 5.9 s): 20 rejected, 4 failed, 35 succeeded.
TEST(CallEdges, HandWorkedBreakerTraceOverAnOutage)
{
    const RunResults r = runScenario("breaker-trace");
    ASSERT_EQ(r.edges.size(), 1u);
    const EdgeResults &e = r.edges.front();
    EXPECT_EQ(e.requests, 59u);
    EXPECT_EQ(e.attempts, 59u);
    EXPECT_EQ(e.rejectedByBreaker, 20u);
    EXPECT_EQ(e.failures, 4u);
    EXPECT_EQ(e.successes, 35u);
    EXPECT_EQ(e.fallbacks, 24u);
    ASSERT_TRUE(e.breaker.has_value());
    const BreakerResults &b = *e.breaker;
    EXPECT_EQ(b.notPermitted, 20u);
    EXPECT_EQ(b.state, "closed");
    struct Expected
    {
        double at;
        const char *from;
        const char *to;
    };
    const Expected expected[] = {{2.2, "closed", "open"},
                                 {3.3, "open", "half-open"},
                                 {3.4, "half-open", "open"},
                                 {4.5, "open", "half-open"},
                                 {4.61, "half-open", "closed"}};
    ASSERT_EQ(b.transitions.size(), std::size(expected));
    for (std::size_t i = 0; i < b.transitions.size(); ++i) {
        SCOPED_TRACE("transition " + std::to_string(i));
        // Arrival times are sums of 0.1 s in double precision, rounded to whole ns.
        EXPECT_NEAR(b.transitions[i].at, expected[i].at, 1e-9);
        EXPECT_EQ(b.transitions[i].from, expected[i].from);
        EXPECT_EQ(b.transitions[i].to, expected[i].to);
    }
    EXPECT_EQ(b.transitions[0].reason.find("failure rate 50"), 0u) << b.transitions[0].reason;
    EXPECT_NEAR(b.timeInState.at("closed"), 2.2 + (5.95 - 4.61), 1e-9);
    EXPECT_NEAR(b.timeInState.at("open"), 1.1 + 1.1, 1e-9);
    EXPECT_NEAR(b.timeInState.at("half-open"), 0.1 + 0.11, 1e-9);
    // The ledger: 39 requests sent, 4 refused by the callee in its outage, 24
    // caller messages dropped by the fallback; 35 + 35 completed (the
    // requests at the callee, the messages at the caller).
    EXPECT_EQ(r.ledger.calls, 39u);
    EXPECT_EQ(dropped(r, "unavailable"), 4u);
    EXPECT_EQ(dropped(r, "fallback"), 24u);
    EXPECT_EQ(r.ledger.completed, 70u);
    EXPECT_EQ(r.node("orders").departures, 59u); // a dropping fallback acknowledges the work
}

TEST(CallEdges, BreakerOfEdgeIsExposedOnTheRun)
{
    const Topology t = scenario("breaker-trace");
    models::Run run(t);
    EXPECT_EQ(run.breakerOfEdge(0), nullptr); // a publish edge
    EXPECT_EQ(run.breakerOfEdge(7), nullptr); // no such edge
    const CircuitBreaker *breaker = run.breakerOfEdge(1);
    ASSERT_NE(breaker, nullptr);
    run.advanceTo(sim::Time::fromSeconds(2.25));
    EXPECT_EQ(breaker->state(), CircuitBreakerState::Open);
    run.advanceTo(sim::Time::fromSeconds(3.35));
    EXPECT_EQ(breaker->state(), CircuitBreakerState::HalfOpen);
    run.runToEnd();
    EXPECT_EQ(breaker->state(), CircuitBreakerState::Closed);
    EXPECT_TRUE(run.finish().ledger.balances());
}

// The breaker-trace with a live edit (as the GUI makes one): at 2.25 s,
// open since 2.2 s with a wait of 1.05 s, the wait becomes 550 ms (no
// arrival falls on a deadline). Worked by hand: open until 2.75 s; 2.8 s →
// HALF_OPEN, fails; 2.9 s fails → OPEN until 3.45 s; 3.5 s → HALF_OPEN,
// fails; 3.6 s → OPEN until 4.15 s; 4.2 s →
// HALF_OPEN (the outage ended at 4.05 s), succeeds at 4.21 s; 4.3 s succeeds
// at 4.31 s → CLOSED.
TEST(CallEdges, ALiveEditOfTheWaitInOpenTakesEffectAtOnce)
{
    Topology t = scenario("breaker-trace");
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(2.25));
    EXPECT_EQ(run.reconfigure(t), 0u) << "nothing changed";
    t.edges[1].circuitBreaker->waitDurationInOpenState = sim::Duration::milliseconds(550);
    EXPECT_EQ(run.reconfigure(t), 1u);
    run.runToEnd();
    const RunResults r = run.finish();
    const BreakerResults &b = *r.edges.front().breaker;
    const std::pair<double, const char *> expected[]
        = {{2.2, "open"}, {2.8, "half-open"}, {2.9, "open"},   {3.5, "half-open"},
           {3.6, "open"}, {4.2, "half-open"}, {4.31, "closed"}};
    ASSERT_EQ(b.transitions.size(), std::size(expected));
    for (std::size_t i = 0; i < b.transitions.size(); ++i) {
        EXPECT_NEAR(b.transitions[i].at, expected[i].first, 1e-9) << i;
        EXPECT_EQ(b.transitions[i].to, expected[i].second) << i;
    }
    EXPECT_TRUE(r.ledger.balances());
}

TEST(CallEdges, AddingABreakerDuringARunWaitsForTheNextRun)
{
    Topology t = scenario("breaker-trace");
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(1));
    t.edges[1].circuitBreaker.reset();
    EXPECT_EQ(run.reconfigure(t), 0u);
    EXPECT_NE(run.breakerOfEdge(1), nullptr);
    t = scenario("breaker-trace");
    t.edges[1].fallback.action = FallbackAction::Fail;
    EXPECT_EQ(run.reconfigure(t), 0u) << "a fallback names what the edge is made of";
}

// timeouts-and-late-answers.json: 150 ms timeout, 100 ms callee, one call
// every 100 ms. The 10 calls of 1.0 s … 1.9 s take 300 ms (latency ×3): each
// times out and is answered late. The 5 calls of 3.1 s … 3.5 s meet a hanging
// callee: they time out and are never answered. The call of 5.9 s is still
// being served at the end (5.95 s).
TEST(CallEdges, TimeoutsWithASlowAndAHangingCalleeAndLateAnswers)
{
    const RunResults r = runScenario("timeouts-and-late-answers");
    ASSERT_EQ(r.edges.size(), 1u);
    const EdgeResults &e = r.edges.front();
    EXPECT_EQ(e.requests, 59u);
    EXPECT_EQ(e.timeouts, 15u);
    EXPECT_EQ(e.lateAnswers, 10u);
    EXPECT_EQ(e.successes, 43u);
    EXPECT_EQ(e.failures, 0u);
    EXPECT_EQ(e.fallbacks, 15u);
    EXPECT_NEAR(e.callLatency.max, 0.150, 1e-6); // a timeout lasts the timeout
    EXPECT_EQ(dropped(r, "unavailable"), 5u);    // the requests the hanging callee swallowed
    EXPECT_EQ(r.ledger.failed, 15u);             // the default fallback fails the caller
    EXPECT_EQ(r.ledger.inFlight, 2u);            // the 5.9 s message and its request
    // The late requests still finished at the callee: 43 + 10 + the caller's 43.
    EXPECT_EQ(r.ledger.completed, 96u);
    EXPECT_EQ(r.node("payments").departures, 53u);
}

TEST(CallEdges, FallbackRouteDeliversToTheFallbackNode)
{
    const RunResults r = runScenario("fallback-route");
    ASSERT_EQ(r.edges.size(), 1u);
    EXPECT_EQ(r.edges.front().attempts, 100u);
    EXPECT_EQ(r.edges.front().fallbacks, 50u);
    EXPECT_EQ(r.node("backup-q").arrivals, 50u);
    EXPECT_EQ(r.node("backup").departures, 50u);
    EXPECT_EQ(r.node("orders").departures, 50u); // routed: the caller's processing is done
    EXPECT_EQ(r.ledger.completed, 50u);
    ASSERT_EQ(r.flows.size(), 1u);
    EXPECT_EQ(r.flows.front().to, "backup");
}

TEST(CallEdges, RefusedByAFullCalleeFailsAtOnce)
{
    // The callee has one worker busy for 1 s and no room in its line: the
    // second call, 1 ms later, is refused (service-full) and fails at once.
    ProducerSpec p;
    p.arrivals.process = ArrivalProcess::Constant;
    p.arrivals.rate = 1000;
    p.limit = 2;
    Topology t = topology({NodeSpec{"web", {0, 0}, p}, service("a", 2, constant(0)), service("b", 1, constant(1), 0)},
                          {publish("web", "a"), EdgeSpec{"a", "b", EdgeMode::Call, std::nullopt}}, 10);
    t.edges[1].timeout = sim::Duration::seconds(5);
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(dropped(r, "service-full"), 1u);
    EXPECT_EQ(r.edges.front().failures, 1u);
    EXPECT_EQ(r.edges.front().successes, 1u);
    EXPECT_EQ(r.ledger.failed, 1u);
}

TEST(CallEdges, NestedCallsHoldEveryWorkerAlongTheChain)
{
    // a calls b, which calls c: a's response is its own 10 ms plus b's 20 ms
    // plus c's 30 ms, exactly, with no waiting anywhere (one arrival a second).
    Topology t = topology({producer("web", 1, ArrivalProcess::Constant), service("a", 1, constant(0.01)),
                           service("b", 1, constant(0.02)), service("c", 1, constant(0.03))},
                          {publish("web", "a"), EdgeSpec{"a", "b", EdgeMode::Call, std::nullopt},
                           EdgeSpec{"b", "c", EdgeMode::Call, std::nullopt}},
                          10.5);
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("a").departures, 10u);
    EXPECT_NEAR(r.node("a").responseTime.max, 0.06, 1e-4); // histogram precision
    EXPECT_NEAR(r.node("a").responseTime.mean, 0.06, 1e-4);
    EXPECT_NEAR(r.node("b").responseTime.mean, 0.05, 1e-4);
    EXPECT_EQ(r.ledger.calls, 20u);
    EXPECT_EQ(r.ledger.completed, 30u);
    ASSERT_EQ(r.edges.size(), 2u);
    EXPECT_EQ(r.edges[0].to, "b");
    EXPECT_EQ(r.edges[1].to, "c");
}

TEST(Faults, ErrorsFaultReplacesTheFailureProbability)
{
    // Arrivals every 100 ms, 10 ms of work; p = 1 from 1.05 s to 2.05 s fails
    // exactly the 10 processings of 1.1 s … 2.0 s.
    Topology t = topology({producer("web", 10, ArrivalProcess::Constant), service("s", 1, constant(0.01))},
                          {publish("web", "s")}, 3.05);
    FaultSpec f = fault(1.05, 1.0, "s", FaultKind::Errors);
    f.probability = 1;
    t.faults = {f};
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("s").failures, 10u);
    EXPECT_EQ(r.node("s").departures, 20u);
}

TEST(Faults, ScaleFaultAddsWorkers)
{
    // 10 messages at 1 ms … 10 ms, 1 s of work each, one worker; 10 workers
    // from 0.5 s: the first finishes at 1.001 s, the other nine at 1.5 s.
    ProducerSpec p;
    p.arrivals.process = ArrivalProcess::Constant;
    p.arrivals.rate = 1000;
    p.limit = 10;
    Topology t = topology({NodeSpec{"web", {0, 0}, p}, service("s", 1, constant(1))}, {publish("web", "s")}, 1.6);
    FaultSpec f = fault(0.5, std::nullopt, "s", FaultKind::Scale);
    f.workers = 10;
    t.faults = {f};
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.node("s").departures, 10u);
    EXPECT_NEAR(r.node("s").responseTime.max, 1.5 - 0.002, 1e-3);
}

TEST(Faults, TrafficFaultMultipliesTheRateOnTopOfTheProfile)
{
    // 10/s, doubled from 1.05 s to 2.05 s: 10 + 20 + 10 messages by 3.05 s.
    Topology t = topology({producer("web", 10, ArrivalProcess::Constant), sink("out")}, {publish("web", "out")}, 3.05);
    FaultSpec f = fault(1.05, 1.0, "web", FaultKind::Traffic);
    f.factor = 2;
    t.faults = {f};
    EXPECT_EQ(runChecked(t, 1).ledger.produced, 40u);
    // With a profile that halves the rate from 1.05 s: 10 + 10 + 5.
    std::get<ProducerSpec>(t.nodes[0].params).profile = {RatePoint{sim::Duration::fromSeconds(1.05), 0.5, false}};
    EXPECT_EQ(runChecked(t, 1).ledger.produced, 25u);
}

TEST(Faults, OutageBacksUpQueuesAndRefusesDirectPublishes)
{
    // Two producers every 100 ms: one through a queue, one straight to the
    // service. During the outage (1.05 s to 2.05 s) the queue keeps the 10
    // messages of 1.1 s … 2.0 s, and the 10 direct ones are refused.
    Topology t
        = topology({producer("web", 10, ArrivalProcess::Constant), producer("direct", 10, ArrivalProcess::Constant),
                    queue("q"), service("s", 1, constant(0.001))},
                   {publish("web", "q"), consume("q", "s"), publish("direct", "s")}, 3.05);
    t.faults = {fault(1.05, 1.0, "s", FaultKind::Outage)};
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(dropped(r, "unavailable"), 10u);
    EXPECT_EQ(r.node("q").queueLength.max, 10.0);
    EXPECT_EQ(r.node("s").departures, 50u); // 30 from the queue, 20 direct
    EXPECT_EQ(r.ledger.inFlight, 0u);
}

TEST(RateProfile, ScaleMultipliesAStretchOfTheProfile)
{
    RateProfile flat({});
    flat.scale(sim::Time::fromSeconds(1), sim::Time::fromSeconds(2), 2);
    EXPECT_FALSE(flat.isFlat());
    EXPECT_DOUBLE_EQ(flat.factorAt(sim::Time::fromSeconds(1.5)), 2);
    EXPECT_DOUBLE_EQ(flat.operationalTime(sim::Time::fromSeconds(3)), 4);
    EXPECT_EQ(flat.realTime(1.5), sim::Time::fromSeconds(1.25));
    // A ramp from 1 to 3 over [0, 2] scaled by 10 on [1, ∞): the factor is
    // continuous in shape, 20 at 1 s (2 × 10) and 30 from 2 s.
    RateProfile ramp({RatePoint{sim::Duration::seconds(2), 3, true}});
    ramp.scale(sim::Time::fromSeconds(1), sim::Time::max(), 10);
    EXPECT_DOUBLE_EQ(ramp.factorAt(sim::Time::fromSeconds(0.5)), 1.5);
    EXPECT_DOUBLE_EQ(ramp.factorAt(sim::Time::fromSeconds(1.5)), 25);
    EXPECT_DOUBLE_EQ(ramp.factorAt(sim::Time::fromSeconds(3)), 30);
    // Λ(2) = ∫₀¹ (1 + t) dt + 10·∫₁² (1 + t) dt = 1.5 + 25.
    EXPECT_DOUBLE_EQ(ramp.operationalTime(sim::Time::fromSeconds(2)), 26.5);
}

TEST(CallEdges, BreakerTransitionsAndFaultsAreNotedInTheRunLog)
{
    const Topology t = scenario("breaker-trace");
    RunLog log;
    models::Run run(t);
    run.setLog(&log);
    run.runToEnd();
    std::vector<std::string> texts;
    for (const RunLogEntry &e : log.since(0)) {
        if (e.kind == RunLogKind::BreakerTransition) {
            EXPECT_EQ(e.node, 1); // orders
            EXPECT_EQ(e.edge, 1);
            texts.push_back(e.text.substr(0, e.text.find(':')));
        } else {
            EXPECT_EQ(e.node, 2); // payments
            texts.push_back(runLogKindName(e.kind));
        }
    }
    EXPECT_EQ(texts, (std::vector<std::string>{"fault-start", "closed → open", "open → half-open", "half-open → open",
                                               "fault-end", "open → half-open", "half-open → closed"}));
}

TEST(CallEdges, EdgeResultsCoverTheMeasuredPeriodOnly)
{
    // The trace above with a warm-up of 2.95 s: the breaker is open when
    // measuring starts (since 2.2 s); 30 requests follow (3.0 s … 5.9 s), of
    // which 3.0 s, 3.1 s, 3.2 s and the 10 of 3.5 s … 4.4 s are rejected.
    Topology t = scenario("breaker-trace");
    t.simulation.warmup = sim::Duration::milliseconds(2950);
    const RunResults r = runChecked(t, t.simulation.seed);
    const EdgeResults &e = r.edges.front();
    EXPECT_EQ(e.requests, 30u);
    EXPECT_EQ(e.rejectedByBreaker, 13u);
    EXPECT_EQ(e.failures, 2u);
    ASSERT_TRUE(e.breaker.has_value());
    EXPECT_EQ(e.breaker->transitions.size(), 4u);
    EXPECT_EQ(e.breaker->notPermitted, 13u);
    EXPECT_NEAR(e.breaker->timeInState.at("open"), 0.35 + 1.1, 1e-9);
    EXPECT_NEAR(e.breaker->timeInState.at("half-open"), 0.1 + 0.11, 1e-9);
    EXPECT_NEAR(e.breaker->timeInState.at("closed"), 5.95 - 4.61, 1e-9);
}
