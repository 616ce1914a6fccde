// Publish edges with retry and circuit breaker, and partition faults, run on
// the topology files in tests/models/scenarios (the CLI tests run the same
// files), and a publish edge against a harness target that refuses with a
// fixed probability. Deterministic scenarios are checked exactly, against
// traces worked out by hand in the files' descriptions.

#include "TestTopologies.h"

#include "models/Component.h"
#include "models/PublishEdge.h"
#include "models/RetryPolicy.h"
#include "models/TopologyJson.h"

#include <cmath>
#include <unordered_map>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

std::uint64_t dropped(const RunResults &r, const std::string &reason)
{
    const auto it = r.ledger.dropped.find(reason);
    return it == r.ledger.dropped.end() ? 0 : it->second;
}

const EdgeResults &edge(const RunResults &r, const std::string &from, const std::string &to)
{
    for (const EdgeResults &e : r.edges)
        if (e.from == from && e.to == to)
            return e;
    ADD_FAILURE() << "no results for edge " << from << " -> " << to;
    return r.edges.front();
}

// A target that refuses each offer with probability p, drawn afresh each
// time, and counts the offers per message id.
class Refuser : public Component
{
public:
    Refuser(RunContext &context, const NodeSpec &spec, std::size_t index, double p)
        : Component(context, spec, index)
        , m_p(p)
        , m_rng(context.simulation.stream(spec.id, "refuse"))
    { }

    bool offer(MessageRef message) override
    {
        ++offersById[m_context.pool[message].id];
        if (m_rng.uniform01() < m_p)
            return false;
        m_context.complete(message, index());
        return true;
    }
    DropReason refusalReason() const override { return DropReason::ServiceFull; }
    void resetStatistics() override { }
    void finish(sim::Time) override { }
    NodeResults results(sim::Time, sim::Time) const override { return {}; }
    void collectSeries(std::vector<SeriesResults> &) const override { }

    std::unordered_map<std::uint64_t, int> offersById;

private:
    double m_p;
    sim::RandomStream m_rng;
};

} // namespace

TEST(PublishEdges, RetriesAgainstAFullQueueMakeExactlyTheWorkedOutAttempts)
{
    const RunResults r = runScenario("publish-retry-full-queue");
    ASSERT_EQ(r.edges.size(), 1u);
    const EdgeResults &e = r.edges.front();
    EXPECT_EQ(e.mode, EdgeMode::Publish);
    EXPECT_EQ(e.requests, 49u);
    // 34 taken at once; 1.6 s to 2.5 s: 3 attempts each; 2.6 s to 3.0 s: 2 each.
    EXPECT_EQ(e.attempts, 34u + 10 * 3 + 5 * 2);
    EXPECT_EQ(e.failures, 5u * 3 + 5 * 2 + 5 * 1);
    EXPECT_EQ(e.successes, 44u);
    EXPECT_EQ(e.fallbacks, 5u);
    EXPECT_EQ(e.rejectedByBreaker, 0u);
    EXPECT_EQ(e.timeouts, 0u);
    EXPECT_DOUBLE_EQ(e.retryAmplification, 74.0 / 49.0);
    EXPECT_FALSE(e.breaker.has_value());
    EXPECT_EQ(dropped(r, "queue-full"), 5u);
    EXPECT_EQ(r.ledger.completed, 44u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
    EXPECT_EQ(r.node("orders-q").queueLength.max, 5.0);
}

TEST(PublishEdges, RetryingMessagesWaitAtThePublisherInFlight)
{
    models::Run run(scenario("publish-retry-full-queue"));
    // At 2.35 s: 1.6 s to 2.3 s have been refused once or twice and wait for
    // their next attempt (1.6 s to 1.8 s were retried at 2.1 s to 2.3 s); the
    // queue holds 5.
    run.advanceTo(sim::Time::zero() + sim::Duration::milliseconds(2350));
    const RunSnapshot s = run.snapshot();
    EXPECT_EQ(s.ledger.inFlight, 5u + 8u);
    EXPECT_EQ(s.ledger.dropped, 0u);
    // Retried sends cross the edge as retries.
    EXPECT_EQ(s.edges[0].carried[static_cast<std::size_t>(MessageClass::Retry)], 3u);
    EXPECT_EQ(s.edges[0].carried[static_cast<std::size_t>(MessageClass::Normal)], 23u);
}

TEST(PublishEdges, EdgeResultsCoverTheMeasuredPeriodOnly)
{
    // Warm-up to 2.05 s: the publishes of 2.1 s … 4.9 s count as requests;
    // the retries of 1.6 s … 2.0 s (at 2.1 s … 3.0 s, all refused) count as
    // attempts and their drops as fallbacks.
    Topology t = scenario("publish-retry-full-queue");
    t.simulation.warmup = sim::Duration::milliseconds(2050);
    const RunResults r = runChecked(t, t.simulation.seed);
    ASSERT_EQ(r.edges.size(), 1u);
    const EdgeResults &e = r.edges.front();
    EXPECT_EQ(e.requests, 29u);
    EXPECT_EQ(e.attempts, 10u + 5 * 3 + 5 * 2 + 19);
    EXPECT_EQ(e.successes, 29u);
    EXPECT_EQ(e.failures, 10u + 5 * 2 + 5);
    EXPECT_EQ(e.fallbacks, 5u);
    // The ledger is the whole run's.
    EXPECT_EQ(dropped(r, "queue-full"), 5u);
    EXPECT_EQ(r.ledger.completed, 44u);
}

TEST(PublishEdges, RetryAmplificationIsOnePlusPPlusP2PlusP3AndTheIdStaysTheSame)
{
    const double p = 0.4;
    const std::uint64_t n = 20000;
    RunContext context(11, 2, sim::Duration::seconds(1));
    context.edgeTraffic.resize(1);
    const NodeSpec senderSpec = producer("web", 1);
    const NodeSpec targetSpec{"target", {0, 0}, SinkSpec{}};
    Refuser target(context, targetSpec, 1, p);
    context.components = {nullptr, &target};
    EdgeSpec spec = publish("web", "target");
    spec.retry = RetryConfig{};
    spec.retry->maxAttempts = 4;
    PublishEdge edge(context, spec, 0, 0, &target, nullptr);
    for (std::uint64_t i = 0; i < n; ++i) {
        const MessageRef m = context.pool.acquire();
        context.pool[m] = Message{};
        context.pool[m].id = context.nextMessageId++;
        context.pool[m].created = context.now();
        ++context.produced;
        edge.publish(m);
    }
    context.simulation.runEventsUntil(sim::Time::zero() + sim::Duration::seconds(10));
    EXPECT_EQ(context.pool.live(), 0u);
    EXPECT_EQ(context.completed + context.dropped[static_cast<std::size_t>(DropReason::ServiceFull)], n);
    EXPECT_EQ(edge.requests, n);
    // As for calls (CallScenariosTest): E[A] = 1 + p + p² + p³ = 1.624, sd of
    // A 0.9003, so the mean over n = 20000 independent publishes has sd
    // 0.00637; 4 sd leaves a false alarm about once in 16000 runs.
    const double expected = 1 + p + p * p + p * p * p;
    const double amplification = static_cast<double>(edge.attempts) / static_cast<double>(n);
    EXPECT_NEAR(amplification, expected, 4 * 0.9003 / std::sqrt(static_cast<double>(n)));
    // All 4 attempts refused: p⁴ = 0.0256, binomial sd √(p⁴(1-p⁴)/n); 4 sd.
    const double p4 = p * p * p * p;
    EXPECT_NEAR(static_cast<double>(edge.fallbacks) / static_cast<double>(n), p4,
                4 * std::sqrt(p4 * (1 - p4) / static_cast<double>(n)));
    EXPECT_EQ(edge.successes + edge.fallbacks, n);
    EXPECT_EQ(edge.successes + edge.failures, edge.attempts);
    // Every attempt offered the same message: one id per publish, as many
    // offers of it as attempts.
    EXPECT_EQ(target.offersById.size(), n);
    std::uint64_t offers = 0;
    for (const auto &[id, count] : target.offersById) {
        EXPECT_LE(count, 4);
        offers += static_cast<std::uint64_t>(count);
    }
    EXPECT_EQ(offers, edge.attempts);
}

// The trace in publish-breaker-trace.json, worked by hand. Arrivals every
// 100 ms from 0.1 s; the service is out from 2.05 s to 4.05 s and refuses
// publishes, settled at once. Window of 4 at 50%:
//   2.1 s refused: S S S F (25%); 2.2 s refused: S S F F (50%) → OPEN until 3.25 s.
//   2.3 s … 3.2 s: 10 rejected. 3.3 s > 3.25 s → HALF_OPEN (2 permits), refused;
//   3.4 s refused: 2 of 2 → OPEN until 4.45 s. 3.5 s … 4.4 s: 10 rejected.
//   4.5 s → HALF_OPEN, accepted; 4.6 s accepted → CLOSED.
// 59 publishes (0.1 s … 5.9 s): 20 rejected, 4 refused, 35 accepted.
TEST(PublishEdges, HandWorkedBreakerTraceOverAnOutage)
{
    const RunResults r = runScenario("publish-breaker-trace");
    ASSERT_EQ(r.edges.size(), 1u);
    const EdgeResults &e = r.edges.front();
    EXPECT_EQ(e.mode, EdgeMode::Publish);
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
                                 {4.6, "half-open", "closed"}};
    ASSERT_EQ(b.transitions.size(), std::size(expected));
    for (std::size_t i = 0; i < b.transitions.size(); ++i) {
        SCOPED_TRACE("transition " + std::to_string(i));
        // Arrival times are sums of 0.1 s in double precision, rounded to whole ns.
        EXPECT_NEAR(b.transitions[i].at, expected[i].at, 1e-9);
        EXPECT_EQ(b.transitions[i].from, expected[i].from);
        EXPECT_EQ(b.transitions[i].to, expected[i].to);
    }
    EXPECT_NEAR(b.timeInState.at("closed"), 2.2 + (5.95 - 4.6), 1e-9);
    EXPECT_NEAR(b.timeInState.at("open"), 1.1 + 1.1, 1e-9);
    EXPECT_NEAR(b.timeInState.at("half-open"), 0.1 + 0.1, 1e-9);
    // The ledger: the 4 refused are dropped with the service's reason, the
    // 20 rejected as circuit-open; the 35 accepted complete at the service.
    EXPECT_EQ(dropped(r, "unavailable"), 4u);
    EXPECT_EQ(dropped(r, "circuit-open"), 20u);
    EXPECT_EQ(r.ledger.completed, 35u);
    EXPECT_EQ(r.node("orders").arrivals, 35u);
}

TEST(PublishEdges, BreakerOfAPublishEdgeIsExposedOnTheRunAndItsSnapshot)
{
    models::Run run(scenario("publish-breaker-trace"));
    run.advanceTo(sim::Time::zero() + sim::Duration::seconds(3));
    ASSERT_NE(run.breakerOfEdge(0), nullptr);
    EXPECT_EQ(run.breakerOfEdge(0)->state(), CircuitBreakerState::Open);
    const RunSnapshot s = run.snapshot();
    ASSERT_TRUE(s.edges[0].breaker.has_value());
    EXPECT_EQ(*s.edges[0].breaker, CircuitBreakerState::Open);
    EXPECT_EQ(s.edges[0].rejectedCalls, 8u); // 2.3 s … 3.0 s
    EXPECT_EQ(s.edges[0].breakerTransitions, 1u);
}

TEST(PublishEdges, FallbackRouteTakesWhatTheTargetRefused)
{
    Topology t = scenario("publish-breaker-trace");
    t.nodes.push_back(sink("parking"));
    t.edges[0].fallback = FallbackSpec{FallbackAction::Route, "parking"};
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.edges.front().fallbacks, 24u);
    EXPECT_EQ(r.node("parking").arrivals, 24u);
    EXPECT_EQ(r.ledger.completed, 59u);
    EXPECT_TRUE(r.ledger.dropped.empty());
}

TEST(Partitions, CutPublishConsumeAndCallEdgesExactly)
{
    const RunResults r = runScenario("partitions");
    // web | orders-q: 1.1 s … 1.5 s refused.
    EXPECT_EQ(r.node("orders-q").arrivals, 54u);
    // orders-q | orders: 2.1 s … 2.5 s wait until 2.55 s: 0.45 s … 0.05 s.
    EXPECT_EQ(r.node("orders-q").queueLength.max, 5.0);
    EXPECT_NEAR(r.node("orders-q").waitingTime.max, 0.45, 1e-9);
    EXPECT_NEAR(r.node("orders-q").waitingTime.mean, (0.45 + 0.35 + 0.25 + 0.15 + 0.05) / 54, 1e-9);
    // orders | payments: the 3.0 s answer is lost, 3.1 s … 3.5 s requests too.
    const EdgeResults &call = edge(r, "orders", "payments");
    EXPECT_EQ(call.requests, 54u);
    EXPECT_EQ(call.attempts, 54u);
    EXPECT_EQ(call.timeouts, 6u);
    EXPECT_EQ(call.successes, 48u);
    EXPECT_EQ(call.lateAnswers, 0u);
    EXPECT_EQ(call.fallbacks, 6u);
    EXPECT_EQ(r.node("payments").arrivals, 49u);
    // The ledger: 59 produced + 54 requests = 48 + 49 completed + 5 + 5
    // partitioned + 6 dropped by the fallback.
    EXPECT_EQ(r.ledger.calls, 54u);
    EXPECT_EQ(dropped(r, "partitioned"), 10u);
    EXPECT_EQ(dropped(r, "fallback"), 6u);
    EXPECT_EQ(r.ledger.completed, 97u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
}

TEST(Partitions, APartitionedPublishIsRetriedByTheEdgesRetry)
{
    Topology t = scenario("partitions");
    t.edges[0].retry = RetryConfig{};
    t.edges[0].retry->maxAttempts = 2;
    t.edges[0].retry->interval = sim::Duration::milliseconds(300);
    const RunResults r = runChecked(t, 1);
    // Refused at 1.1 s … 1.5 s; retried 300 ms later: 1.4 s and 1.5 s are
    // still cut off (until 1.55 s), 1.6 s … 1.8 s get through.
    const EdgeResults &e = edge(r, "web", "orders-q");
    EXPECT_EQ(e.requests, 59u);
    EXPECT_EQ(e.attempts, 64u);
    EXPECT_EQ(e.failures, 7u);
    EXPECT_EQ(e.fallbacks, 2u);
    EXPECT_EQ(r.node("orders-q").arrivals, 57u);
    EXPECT_EQ(dropped(r, "partitioned"), 2u + 5u);
}

TEST(Partitions, AConsumerGroupReadsNothingWhileCutOffFromItsTopic)
{
    Topology t = topology({producer("web", 10, ArrivalProcess::Constant), NodeSpec{"log", {0, 0}, TopicSpec{}},
                           service("reader", 1, sim::Distribution::constant(0))},
                          {publish("web", "log"), consume("log", "reader")}, 5.95);
    FaultSpec cut;
    cut.at = sim::Duration::milliseconds(2050);
    cut.duration = sim::Duration::seconds(1);
    cut.kind = FaultKind::Partition;
    cut.target = "reader";
    cut.peer = "log";
    t.faults.push_back(cut);
    const RunResults r = runChecked(t, 1);
    // 2.1 s … 3.0 s wait for 3.05 s: 0.95 s … 0.05 s end to end (the rest take no time).
    EXPECT_EQ(r.node("reader").arrivals, 59u);
    ASSERT_EQ(r.flows.size(), 1u);
    EXPECT_NEAR(r.flows[0].latency.max, 0.95, 1e-9);
    EXPECT_NEAR(r.flows[0].latency.mean, 5.0 / 59, 1e-9);
    EXPECT_EQ(r.ledger.completed, 59u);
}
