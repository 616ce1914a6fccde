// Call edges (timeout, retry, circuit breaker, fallback) and faults in
// topology files: defaults, every field through a save and a load, and the
// inferences the reader makes.

#include "TestTopologies.h"

#include "models/TopologyCheck.h"
#include "models/TopologyJson.h"

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

std::string file(const std::string &edges, const std::string &faults = "")
{
    return R"({ "format": "asyncsim-topology", "version": 1,
      "simulation": { "duration": "5m" },
      "nodes": [
        { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": 10 } },
        { "id": "a", "kind": "service", "workers": 2, "serviceTime": "10ms" },
        { "id": "b", "kind": "service", "workers": 2, "serviceTime": "10ms" },
        { "id": "out", "kind": "sink" }
      ],
      "edges": [ { "from": "web", "to": "a" }, )"
         + edges + " ]" + (faults.empty() ? "" : ", \"faults\": " + faults) + " }";
}

} // namespace

TEST(ResilienceJson, CallEdgeDefaults)
{
    const Topology t = parseTopology(file(R"({ "from": "a", "to": "b", "mode": "call" })"));
    const EdgeSpec &e = t.edges[1];
    EXPECT_EQ(e.mode, EdgeMode::Call);
    EXPECT_EQ(e.timeout, sim::Duration::seconds(1));
    EXPECT_FALSE(e.retry.has_value());
    EXPECT_FALSE(e.circuitBreaker.has_value());
    EXPECT_EQ(e.fallback.action, FallbackAction::Fail);
}

TEST(ResilienceJson, EmptyPoliciesAreResilience4jDefaults)
{
    const Topology t
        = parseTopology(file(R"({ "from": "a", "to": "b", "mode": "call", "retry": {}, "circuitBreaker": {} })"));
    EXPECT_EQ(t.edges[1].retry, RetryConfig{});
    EXPECT_EQ(t.edges[1].circuitBreaker, CircuitBreakerConfig{});
}

TEST(ResilienceJson, AMultiplierOrACapMeansExponentialBackoff)
{
    const Topology t = parseTopology(file(R"({ "from": "a", "to": "b", "mode": "call",
        "retry": { "maxAttempts": 3, "wait": "200ms", "multiplier": 2, "jitter": 0.5 } })"));
    const RetryConfig &r = *t.edges[1].retry;
    EXPECT_EQ(r.backoff, RetryBackoff::Exponential);
    EXPECT_EQ(r.interval, sim::Duration::milliseconds(200));
    EXPECT_EQ(r.multiplier, 2);
    EXPECT_EQ(r.randomizationFactor, 0.5);
    const Topology fixed = parseTopology(file(R"({ "from": "a", "to": "b", "mode": "call",
        "retry": { "wait": "1s" } })"));
    EXPECT_EQ(fixed.edges[1].retry->backoff, RetryBackoff::Fixed);
}

TEST(ResilienceJson, EveryFieldSurvivesSaveAndLoad)
{
    Topology t = topology({producer("web", 10), service("a", 2, sim::Distribution::constant(0.01)),
                           service("b", 2, sim::Distribution::constant(0.01)), sink("out")},
                          {publish("web", "a"), EdgeSpec{"a", "b", EdgeMode::Call, std::nullopt}}, 300);
    EdgeSpec &e = t.edges[1];
    e.timeout = sim::Duration::milliseconds(750);
    RetryConfig retry;
    retry.maxAttempts = 5;
    retry.backoff = RetryBackoff::Exponential;
    retry.interval = sim::Duration::milliseconds(120);
    retry.multiplier = 2.5;
    retry.maxInterval = sim::Duration::seconds(4);
    retry.randomizationFactor = 0.25;
    e.retry = retry;
    CircuitBreakerConfig breaker;
    breaker.slidingWindowType = SlidingWindowType::TimeBased;
    breaker.slidingWindowSize = 30;
    breaker.minimumNumberOfCalls = 7;
    breaker.failureRateThreshold = 40;
    breaker.slowCallRateThreshold = 80;
    breaker.slowCallDurationThreshold = sim::Duration::milliseconds(300);
    breaker.waitDurationInOpenState = sim::Duration::seconds(12);
    breaker.waitDurationMultiplier = 1.5;
    breaker.maxWaitDurationInOpenState = sim::Duration::seconds(90);
    breaker.permittedNumberOfCallsInHalfOpenState = 4;
    breaker.automaticTransitionFromOpenToHalfOpenEnabled = true;
    breaker.maxWaitDurationInHalfOpenState = sim::Duration::seconds(3);
    breaker.transitionToStateAfterWaitDuration = CircuitBreakerState::Closed;
    e.circuitBreaker = breaker;
    e.fallback = FallbackSpec{FallbackAction::Route, "out"};

    auto makeFault = [](double at, std::optional<double> length, const char *target, FaultKind kind) {
        FaultSpec f;
        f.at = sim::Duration::fromSeconds(at);
        if (length)
            f.duration = sim::Duration::fromSeconds(*length);
        f.target = target;
        f.kind = kind;
        return f;
    };
    FaultSpec hang = makeFault(10, 30, "b", FaultKind::Outage);
    hang.mode = OutageMode::Hang;
    FaultSpec latency = makeFault(60, 15, "b", FaultKind::Latency);
    latency.factor = 4;
    FaultSpec errors = makeFault(90, std::nullopt, "a", FaultKind::Errors);
    errors.probability = 0.2;
    FaultSpec traffic = makeFault(120, 60, "web", FaultKind::Traffic);
    traffic.factor = 3;
    FaultSpec scale = makeFault(150, 20, "a", FaultKind::Scale);
    scale.workers = 6;
    t.faults = {hang, latency, errors, traffic, scale};

    const std::string saved = serializeTopology(t);
    const Topology loaded = parseTopology(saved);
    EXPECT_EQ(loaded.edges, t.edges);
    EXPECT_EQ(loaded.faults, t.faults);
    EXPECT_EQ(serializeTopology(loaded), saved);

    // A drop fallback and the defaults write back as they were read.
    e.fallback = FallbackSpec{FallbackAction::Drop, ""};
    e.retry.reset();
    e.circuitBreaker = CircuitBreakerConfig{};
    EXPECT_EQ(parseTopology(serializeTopology(t)).edges, t.edges);
}

TEST(ResilienceJson, FaultsAreReadWithTheirKindsFields)
{
    const Topology t = parseTopology(file(R"({ "from": "a", "to": "b", "mode": "call" })",
                                          R"([ { "at": "1m", "for": "30s", "target": "b", "kind": "outage" },
                                               { "at": 90, "target": "web", "kind": "traffic", "factor": 2 } ])"));
    ASSERT_EQ(t.faults.size(), 2u);
    EXPECT_EQ(t.faults[0].at, sim::Duration::seconds(60));
    EXPECT_EQ(t.faults[0].duration, sim::Duration::seconds(30));
    EXPECT_EQ(t.faults[0].mode, OutageMode::Error); // the default
    EXPECT_EQ(t.faults[1].kind, FaultKind::Traffic);
    EXPECT_FALSE(t.faults[1].duration.has_value()); // until the end
    EXPECT_EQ(t.faults[1].factor, 2);
}

TEST(ResilienceJson, KeysOfAnotherKindAreUnknown)
{
    try {
        parseTopology(
            file(R"({ "from": "a", "to": "b", "mode": "call", "fallback": { "action": "drop", "to": "out" } })",
                 R"([ { "at": "1m", "target": "b", "kind": "outage", "factor": 2 } ])"));
        FAIL() << "expected a TopologyError";
    } catch (const TopologyError &error) {
        std::vector<std::string> texts;
        for (const Problem &p : error.problems())
            texts.push_back(p.text());
        EXPECT_EQ(texts, (std::vector<std::string>{"/faults/0/factor: unknown key",
                                                   "/edges/1/fallback/to: only the \"route\" action takes a target"}));
    }
}

TEST(ResilienceJson, PublishEdgePoliciesAndPartitionsSurviveSaveAndLoad)
{
    const Topology t
        = parseTopology(file(R"({ "from": "a", "to": "b", "retry": { "maxAttempts": 4, "wait": "250ms" },
                  "circuitBreaker": { "window": { "type": "count", "size": 10 }, "minimumCalls": 5 },
                  "fallback": { "action": "route", "to": "out" } })",
                             R"([ { "at": "1m", "for": "30s", "target": "a", "kind": "partition", "peer": "b" } ])"));
    ASSERT_EQ(t.edges.size(), 2u);
    const EdgeSpec &e = t.edges[1];
    EXPECT_EQ(e.mode, EdgeMode::Publish);
    ASSERT_TRUE(e.retry);
    EXPECT_EQ(e.retry->maxAttempts, 4);
    EXPECT_EQ(e.retry->interval, sim::Duration::milliseconds(250));
    ASSERT_TRUE(e.circuitBreaker);
    EXPECT_EQ(e.circuitBreaker->slidingWindowSize, 10);
    EXPECT_EQ(e.fallback.action, FallbackAction::Route);
    ASSERT_EQ(t.faults.size(), 1u);
    EXPECT_EQ(t.faults[0].kind, FaultKind::Partition);
    EXPECT_EQ(t.faults[0].target, "a");
    EXPECT_EQ(t.faults[0].peer, "b");
    EXPECT_FALSE(hasErrors(checkTopology(t)));
    EXPECT_EQ(parseTopology(serializeTopology(t)), t);
}

TEST(ResilienceJson, APublishEdgeTakesNoTimeout)
{
    const Topology t = parseTopology(file(R"({ "from": "a", "to": "b" })"));
    Topology withTimeout = t;
    withTimeout.edges[1].timeout = sim::Duration::milliseconds(200);
    const std::vector<Problem> problems = checkTopology(withTimeout);
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems.front().text(), "/edges/1/timeout: only call edges take a timeout; this is a publish edge");
}
