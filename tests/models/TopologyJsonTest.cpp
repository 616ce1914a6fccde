// The topology file format: what is written reads back the same, what is
// left out is inferred, and what is wrong is reported in full.

#include "models/TopologyJson.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace asyncsim;
using namespace asyncsim::models;

namespace {

const std::string CheckoutPath = std::string(ASYNCSIM_SOURCE_DIR) + "/resources/examples/checkout.json";

// Distribution parameters that are durations pass through whole nanoseconds
// on the way (40 ms is written "40ms", read back as 40000000 ns), so they come
// back equal to within a rounding of the last bit, not always bit for bit.
void expectSameDistribution(const sim::Distribution &a, const sim::Distribution &b, const std::string &where)
{
    SCOPED_TRACE(where);
    ASSERT_EQ(a.kind(), b.kind());
    EXPECT_DOUBLE_EQ(a.param1(), b.param1());
    EXPECT_DOUBLE_EQ(a.param2(), b.param2());
    ASSERT_EQ(a.values().size(), b.values().size());
    for (std::size_t i = 0; i < a.values().size(); ++i)
        EXPECT_DOUBLE_EQ(a.values()[i], b.values()[i]);
    ASSERT_EQ(a.bins().size(), b.bins().size());
    for (std::size_t i = 0; i < a.bins().size(); ++i) {
        EXPECT_DOUBLE_EQ(a.bins()[i].low, b.bins()[i].low);
        EXPECT_DOUBLE_EQ(a.bins()[i].high, b.bins()[i].high);
        EXPECT_DOUBLE_EQ(a.bins()[i].weight, b.bins()[i].weight);
    }
}

void expectSameNode(const NodeSpec &a, const NodeSpec &b)
{
    SCOPED_TRACE("node " + a.id);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.position, b.position);
    ASSERT_EQ(a.kind(), b.kind());
    if (const auto *p = std::get_if<ProducerSpec>(&a.params)) {
        const auto &q = std::get<ProducerSpec>(b.params);
        EXPECT_EQ(p->arrivals.process, q.arrivals.process);
        EXPECT_EQ(p->arrivals.rate, q.arrivals.rate);
        if (p->arrivals.process == ArrivalProcess::Uniform) {
            EXPECT_EQ(p->arrivals.spread, q.arrivals.spread);
        }
        if (p->arrivals.process == ArrivalProcess::Bursty) {
            expectSameDistribution(p->arrivals.on, q.arrivals.on, "on");
            expectSameDistribution(p->arrivals.off, q.arrivals.off, "off");
        }
        ASSERT_EQ(p->profile.size(), q.profile.size());
        for (std::size_t i = 0; i < p->profile.size(); ++i) {
            EXPECT_EQ(p->profile[i].at, q.profile[i].at);
            EXPECT_EQ(p->profile[i].factor, q.profile[i].factor);
            EXPECT_EQ(p->profile[i].ramp, q.profile[i].ramp);
        }
        EXPECT_EQ(p->keys.count, q.keys.count);
        EXPECT_EQ(p->keys.zipf, q.keys.zipf);
        ASSERT_EQ(p->versions.size(), q.versions.size());
        for (std::size_t i = 0; i < p->versions.size(); ++i) {
            EXPECT_EQ(p->versions[i].version, q.versions[i].version);
            EXPECT_EQ(p->versions[i].share, q.versions[i].share);
        }
        EXPECT_EQ(p->limit, q.limit);
    } else if (const auto *p = std::get_if<QueueSpec>(&a.params)) {
        const auto &q = std::get<QueueSpec>(b.params);
        EXPECT_EQ(p->capacity, q.capacity);
        EXPECT_EQ(p->overflow, q.overflow);
        EXPECT_EQ(p->flavour, q.flavour);
        EXPECT_EQ(p->visibilityTimeout, q.visibilityTimeout);
        EXPECT_EQ(p->maxReceiveCount, q.maxReceiveCount);
        EXPECT_EQ(p->deliveryLimit, q.deliveryLimit);
        EXPECT_EQ(p->onFailure, q.onFailure);
        EXPECT_EQ(p->deadLetter, q.deadLetter);
        EXPECT_EQ(p->messageTtl, q.messageTtl);
        EXPECT_EQ(p->retention, q.retention);
        EXPECT_EQ(p->deliveryDelay, q.deliveryDelay);
        EXPECT_EQ(p->overflow, q.overflow);
    } else if (const auto *p = std::get_if<ServiceSpec>(&a.params)) {
        const auto &q = std::get<ServiceSpec>(b.params);
        EXPECT_EQ(p->workers, q.workers);
        expectSameDistribution(p->serviceTime, q.serviceTime, "serviceTime");
        EXPECT_EQ(p->failureProbability, q.failureProbability);
        EXPECT_EQ(p->capacity, q.capacity);
        EXPECT_EQ(p->idempotency, q.idempotency);
        EXPECT_EQ(p->replicas, q.replicas);
        EXPECT_EQ(p->balancer, q.balancer);
    }
}

void expectSameTopology(const Topology &a, const Topology &b)
{
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.description, b.description);
    EXPECT_EQ(a.simulation.duration, b.simulation.duration);
    EXPECT_EQ(a.simulation.warmup, b.simulation.warmup);
    EXPECT_EQ(a.simulation.seed, b.simulation.seed);
    EXPECT_EQ(a.simulation.replications, b.simulation.replications);
    EXPECT_EQ(a.simulation.sampleInterval, b.simulation.sampleInterval);
    ASSERT_EQ(a.nodes.size(), b.nodes.size());
    for (std::size_t i = 0; i < a.nodes.size(); ++i)
        expectSameNode(a.nodes[i], b.nodes[i]);
    ASSERT_EQ(a.edges.size(), b.edges.size());
    for (std::size_t i = 0; i < a.edges.size(); ++i) {
        SCOPED_TRACE("edge " + std::to_string(i));
        EXPECT_EQ(a.edges[i].from, b.edges[i].from);
        EXPECT_EQ(a.edges[i].to, b.edges[i].to);
        EXPECT_EQ(a.edges[i].mode, b.edges[i].mode);
        EXPECT_EQ(a.edges[i].probability, b.edges[i].probability);
        EXPECT_EQ(a.edges[i].timeout, b.edges[i].timeout);
        EXPECT_EQ(a.edges[i].retry, b.edges[i].retry);
        EXPECT_EQ(a.edges[i].circuitBreaker, b.edges[i].circuitBreaker);
        EXPECT_EQ(a.edges[i].fallback, b.edges[i].fallback);
    }
    EXPECT_EQ(a.faults, b.faults);
}

NodeSpec node(std::string id, NodeSpec::Params params, std::array<double, 2> position)
{
    NodeSpec n;
    n.id = std::move(id);
    n.params = std::move(params);
    n.position = position;
    return n;
}

ServiceSpec service(int workers, sim::Distribution serviceTime)
{
    ServiceSpec s;
    s.workers = workers;
    s.serviceTime = std::move(serviceTime);
    return s;
}

EdgeSpec edge(std::string from, std::string to, EdgeMode mode = EdgeMode::Publish,
              std::optional<double> probability = std::nullopt)
{
    return {std::move(from), std::move(to), mode, probability};
}

// A topology that uses every feature the format has.
Topology everything()
{
    Topology t;
    t.name = "Everything \"quoted\" and ünïcödé";
    t.description = "Every node kind, distribution and arrival process.\nSecond line.";
    t.simulation.duration = sim::Duration::seconds(600);
    t.simulation.warmup = sim::Duration::milliseconds(30500);
    t.simulation.seed = 18446744073709551615ULL;
    t.simulation.replications = 7;
    t.simulation.sampleInterval = sim::Duration::milliseconds(250);

    ProducerSpec poisson;
    poisson.arrivals.process = ArrivalProcess::Poisson;
    poisson.arrivals.rate = 212.5;
    poisson.profile = {{sim::Duration::seconds(60), 1, false},
                       {sim::Duration::seconds(90), 2.5, true},
                       {sim::Duration::milliseconds(150250), 0.5, false},
                       {sim::Duration::seconds(180), 1, true}};
    poisson.keys = {5000, 1.1};
    poisson.versions = {{1, 0.7}, {2, 0.2}, {10, 0.1}};
    poisson.limit = 123456789;

    ProducerSpec constant;
    constant.arrivals.process = ArrivalProcess::Constant;
    constant.arrivals.rate = 0.5;
    constant.keys = {10, 0}; // uniform keys

    ProducerSpec uniform;
    uniform.arrivals.process = ArrivalProcess::Uniform;
    uniform.arrivals.rate = 30;
    uniform.arrivals.spread = 0.25;

    ProducerSpec bursty;
    bursty.arrivals.process = ArrivalProcess::Bursty;
    bursty.arrivals.rate = 1000;
    bursty.arrivals.on = sim::Distribution::exponential(2);
    bursty.arrivals.off = sim::Distribution::uniform(1, 3.5);

    QueueSpec dropOldest;
    dropOldest.capacity = 100;
    dropOldest.overflow = OverflowPolicy::DropOldest;
    QueueSpec reject;
    reject.capacity = 0;
    reject.overflow = OverflowPolicy::RejectNew;
    QueueSpec sqs;
    sqs.flavour = QueueFlavour::Sqs;
    sqs.capacity = 50;
    sqs.retention = sim::Duration::seconds(3600);
    sqs.deliveryDelay = sim::Duration::milliseconds(2500);
    sqs.overflow = OverflowPolicy::DropOldest;
    sqs.visibilityTimeout = sim::Duration::seconds(120);
    sqs.maxReceiveCount = 3;
    sqs.deadLetter = "dlq";
    QueueSpec rabbit;
    rabbit.flavour = QueueFlavour::RabbitMq;
    rabbit.deliveryLimit = 5;
    rabbit.onFailure = FailureAction::Reject;
    rabbit.messageTtl = sim::Duration::seconds(0);
    rabbit.capacity = 10;
    rabbit.overflow = OverflowPolicy::RejectNewDeadLetter;
    rabbit.deadLetter = "dlq";
    rabbit.consumerTimeout = sim::Duration::seconds(90);
    QueueSpec unlimitedRabbit; // no dead-letter target: rejected messages are dropped
    unlimitedRabbit.flavour = QueueFlavour::RabbitMq;
    unlimitedRabbit.deliveryLimit = std::nullopt;

    ServiceSpec constantService = service(4, sim::Distribution::constant(0.015));
    constantService.failureProbability = 0.01;
    constantService.capacity = 250;
    constantService.idempotency = IdempotencySpec{sim::Duration::seconds(90), 5000};
    ServiceSpec lognormal = service(10, sim::Distribution::lognormal(0.04, 0.6));
    lognormal.failureProbability = 1;
    lognormal.replicas = 3;
    lognormal.balancer = BalancerStrategy::PowerOfTwo;

    t.nodes = {
        node("web", poisson, {80, 200.5}),
        node("cron", constant, {-10, 0}),
        node("jitter", uniform, {0, 0}),
        node("bursts", bursty, {1e6, -3.25}),
        node("orders-q", dropOldest, {260, 200}),
        node("tiny-q", reject, {260, 300}),
        node("open-q", QueueSpec{}, {260, 400}),
        node("sqs-q", sqs, {260, 500}),
        node("rabbit-q", rabbit, {260, 600}),
        node("unlimited-q", unlimitedRabbit, {260, 700}),
        node("constant", constantService, {440, 0}),
        node("exponential", service(1, sim::Distribution::exponential(0.12)), {440, 50}),
        node("uniform", service(2, sim::Distribution::uniform(0.001, 0.0025)), {440, 100}),
        node("normal", service(3, sim::Distribution::normal(0.05, 0.01)), {440, 150}),
        node("lognormal", lognormal, {440, 200}),
        node("erlang", service(5, sim::Distribution::erlang(3, 0.09)), {440, 250}),
        node("gamma", service(6, sim::Distribution::gamma(2.5, 0.2)), {440, 300}),
        node("big-gamma", service(6, sim::Distribution::gamma(5000, 0.2)), {440, 325}),
        node("weibull", service(7, sim::Distribution::weibull(1.5, 0.03)), {440, 350}),
        node("pareto", service(8, sim::Distribution::pareto(2.5, 0.000001)), {440, 400}),
        node("empirical", service(9, sim::Distribution::empirical({0.01, 0.02, 0.0375, 1.5})), {440, 450}),
        node("histogram",
             service(1000000, sim::Distribution::histogram({{0, 0.01, 3}, {0.01, 0.05, 1.5}, {0.05, 2, 0.25}})),
             {440, 500}),
        node("bank", SinkSpec{}, {800, 120}),
        node("dlq", DeadLetterSpec{}, {800, 600}),
    };
    t.edges = {
        edge("web", "orders-q", EdgeMode::Publish, 0.5),
        edge("web", "tiny-q", EdgeMode::Publish, 0.25),
        edge("web", "bank", EdgeMode::Publish, 0.125),
        edge("cron", "open-q"),
        edge("cron", "sqs-q"),
        edge("cron", "rabbit-q"),
        edge("cron", "unlimited-q"),
        edge("jitter", "constant"),
        edge("bursts", "exponential"),
        edge("bursts", "uniform"),
        edge("orders-q", "lognormal", EdgeMode::Consume),
        edge("orders-q", "normal", EdgeMode::Consume),
        edge("tiny-q", "erlang", EdgeMode::Consume),
        edge("open-q", "gamma", EdgeMode::Consume),
        edge("sqs-q", "weibull", EdgeMode::Consume),
        edge("rabbit-q", "pareto", EdgeMode::Consume),
        edge("unlimited-q", "pareto", EdgeMode::Consume),
        edge("lognormal", "weibull"),
        edge("lognormal", "pareto"),
        edge("normal", "empirical", EdgeMode::Publish, 1),
        edge("erlang", "histogram", EdgeMode::Publish, 0),
        edge("gamma", "big-gamma"),
        edge("histogram", "bank"),
    };
    return t;
}

std::vector<Problem> problemsOf(std::string_view text)
{
    try {
        parseTopology(text, "test.json");
    } catch (const TopologyError &e) {
        EXPECT_EQ(e.file(), "test.json");
        return e.problems();
    }
    ADD_FAILURE() << "no TopologyError";
    return {};
}

} // namespace

TEST(TopologyJson, CheckoutExampleRoundTripsToTheSameText)
{
    const Topology loaded = loadTopologyFile(CheckoutPath);
    const std::string saved = serializeTopology(loaded);
    const Topology reloaded = parseTopology(saved);
    EXPECT_EQ(serializeTopology(reloaded), saved);
    expectSameTopology(loaded, reloaded);
}

TEST(TopologyJson, CheckoutExampleReadsAsWritten)
{
    const Topology t = loadTopologyFile(CheckoutPath);
    EXPECT_EQ(t.simulation.duration, sim::Duration::seconds(300));
    EXPECT_EQ(t.simulation.warmup, sim::Duration::seconds(20));
    EXPECT_EQ(t.simulation.seed, 42u);
    EXPECT_EQ(t.simulation.sampleInterval, sim::Duration::seconds(1));
    ASSERT_EQ(t.nodes.size(), 8u);
    ASSERT_EQ(t.edges.size(), 7u);
    const auto &web = std::get<ProducerSpec>(t.nodes[0].params);
    EXPECT_EQ(web.arrivals.rate, 200);
    ASSERT_EQ(web.profile.size(), 4u);
    EXPECT_EQ(web.profile[1].at, sim::Duration::seconds(150));
    EXPECT_TRUE(web.profile[1].ramp);
    EXPECT_EQ(web.keys.count, 5000u);
    EXPECT_EQ(web.keys.zipf, 1.1);
    EXPECT_EQ(t.edges[1].mode, EdgeMode::Consume);
}

TEST(TopologyJson, EveryFeatureSurvivesSerializeAndParse)
{
    const Topology original = everything();
    const std::string saved = serializeTopology(original);
    const Topology loaded = parseTopology(saved);
    expectSameTopology(original, loaded);
    // And the text is stable from then on.
    EXPECT_EQ(serializeTopology(loaded), saved);
}

TEST(TopologyJson, WritesDurationsWithUnitsAndEnumsAsNames)
{
    const std::string saved = serializeTopology(everything());
    for (const char *expected : {"\"duration\": \"10m\"",
                                 "\"warmup\": \"30500ms\"",
                                 "\"sampleInterval\": \"250ms\"",
                                 "\"dist\": \"erlang\"",
                                 "\"k\": 3",
                                 "\"dist\": \"gamma\"",
                                 "\"overflow\": \"drop-oldest\"",
                                 "\"overflow\": \"reject\"",
                                 "\"mode\": \"consume\"",
                                 "\"ramp\": true",
                                 "\"kind\": \"sink\"",
                                 "\"value\": \"15ms\"",
                                 "\"scale\": \"1us\"",
                                 "\"flavour\": \"sqs\"",
                                 "\"visibilityTimeout\": \"2m\"",
                                 "\"maxReceiveCount\": 3",
                                 "\"flavour\": \"rabbitmq\"",
                                 "\"deliveryLimit\": 5",
                                 "\"onFailure\": \"reject\"",
                                 "\"deliveryLimit\": -1",
                                 "\"consumerTimeout\": \"90s\"",
                                 "\"deadLetter\": \"dlq\"",
                                 "\"kind\": \"deadletter\""})
        EXPECT_NE(saved.find(expected), std::string::npos) << expected;
}

TEST(TopologyJson, InfersTheEdgeModeWhenOmitted)
{
    const Topology t = parseTopology(R"({
        "format": "asyncsim-topology", "version": 1,
        "nodes": [
            { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": 10 } },
            { "id": "q", "kind": "queue" },
            { "id": "svc", "kind": "service", "workers": 1, "serviceTime": "10ms" },
            { "id": "out", "kind": "sink" }
        ],
        "edges": [
            { "from": "web", "to": "q" },
            { "from": "q", "to": "svc" },
            { "from": "svc", "to": "out" }
        ]
    })");
    ASSERT_EQ(t.edges.size(), 3u);
    EXPECT_EQ(t.edges[0].mode, EdgeMode::Publish);
    EXPECT_EQ(t.edges[1].mode, EdgeMode::Consume);
    EXPECT_EQ(t.edges[2].mode, EdgeMode::Publish);
    // A bare duration is a constant distribution.
    const auto &svc = std::get<ServiceSpec>(t.nodes[2].params);
    EXPECT_EQ(svc.serviceTime.kind(), sim::DistributionKind::Constant);
    EXPECT_DOUBLE_EQ(svc.serviceTime.param1(), 0.01);
    // Defaults of what was left out.
    EXPECT_EQ(t.simulation.duration, sim::Duration::seconds(60));
    EXPECT_EQ(t.simulation.replications, 1);
    EXPECT_FALSE(t.simulation.sampleInterval);
    EXPECT_FALSE(std::get<QueueSpec>(t.nodes[1].params).capacity);
    // The mode is always written out.
    EXPECT_NE(serializeTopology(t).find("\"mode\": \"consume\""), std::string::npos);
}

TEST(TopologyJson, QueueFlavoursDefaultWhenOmitted)
{
    const Topology t = parseTopology(R"({
        "format": "asyncsim-topology", "version": 1,
        "nodes": [
            { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": 10 } },
            { "id": "basic-q", "kind": "queue" },
            { "id": "sqs-q", "kind": "queue", "flavour": "sqs" },
            { "id": "rabbit-q", "kind": "queue", "flavour": "rabbitmq" },
            { "id": "svc", "kind": "service", "workers": 1, "serviceTime": "10ms" },
            { "id": "dlq", "kind": "deadletter", "description": "nobody names it, and that is fine" }
        ],
        "edges": [
            { "from": "web", "to": "basic-q" },
            { "from": "web", "to": "sqs-q" },
            { "from": "web", "to": "rabbit-q" },
            { "from": "basic-q", "to": "svc" },
            { "from": "sqs-q", "to": "svc" },
            { "from": "rabbit-q", "to": "svc" }
        ]
    })");
    const auto &basic = std::get<QueueSpec>(t.nodes[1].params);
    EXPECT_EQ(basic.flavour, QueueFlavour::Basic);
    EXPECT_TRUE(basic.deadLetter.empty());
    const auto &sqs = std::get<QueueSpec>(t.nodes[2].params);
    EXPECT_EQ(sqs.flavour, QueueFlavour::Sqs);
    EXPECT_EQ(sqs.visibilityTimeout, sim::Duration::seconds(30));
    EXPECT_FALSE(sqs.maxReceiveCount);
    EXPECT_TRUE(sqs.deadLetter.empty());
    const auto &rabbit = std::get<QueueSpec>(t.nodes[3].params);
    EXPECT_EQ(rabbit.flavour, QueueFlavour::RabbitMq);
    EXPECT_EQ(rabbit.deliveryLimit, 20);
    EXPECT_EQ(rabbit.onFailure, FailureAction::Requeue);
    EXPECT_TRUE(rabbit.deadLetter.empty());
    EXPECT_EQ(rabbit.consumerTimeout, sim::Duration::seconds(30 * 60));
    EXPECT_EQ(t.nodes[5].kind(), NodeKind::DeadLetter);

    // Defaults are not written back; a basic queue writes no flavour at all.
    const std::string saved = serializeTopology(t);
    for (const char *absent : {"\"flavour\": \"basic\"", "visibilityTimeout", "maxReceiveCount", "deliveryLimit",
                               "onFailure", "deadLetter", "consumerTimeout"})
        EXPECT_EQ(saved.find(absent), std::string::npos) << absent;
    EXPECT_NE(saved.find("{\n      \"id\": \"dlq\",\n      \"kind\": \"deadletter\",\n      \"position\""),
              std::string::npos)
        << saved;
    EXPECT_EQ(serializeTopology(parseTopology(saved)), saved);
}

TEST(TopologyJson, DeliveryLimitMinusOneMeansNoLimit)
{
    const Topology t = parseTopology(R"({
        "format": "asyncsim-topology", "version": 1,
        "nodes": [
            { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": 10 } },
            { "id": "q", "kind": "queue", "flavour": "rabbitmq", "deliveryLimit": -1, "onFailure": "requeue",
              "deadLetter": "dlq" },
            { "id": "svc", "kind": "service", "workers": 1, "serviceTime": "10ms" },
            { "id": "dlq", "kind": "deadletter" }
        ],
        "edges": [ { "from": "web", "to": "q" }, { "from": "q", "to": "svc" } ]
    })");
    const auto &q = std::get<QueueSpec>(t.nodes[1].params);
    EXPECT_FALSE(q.deliveryLimit);
    EXPECT_EQ(q.onFailure, FailureAction::Requeue);
    EXPECT_EQ(q.deadLetter, "dlq");
    const std::string saved = serializeTopology(t);
    EXPECT_NE(saved.find("\"deliveryLimit\": -1"), std::string::npos) << saved;
    EXPECT_EQ(std::get<QueueSpec>(parseTopology(saved).nodes[1].params), q);
}

TEST(TopologyJson, ReadsSqsRedrivePolicy)
{
    const Topology t = parseTopology(R"({
        "format": "asyncsim-topology", "version": 1,
        "nodes": [
            { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": 10 } },
            { "id": "q", "kind": "queue", "flavour": "sqs", "visibilityTimeout": "12h", "maxReceiveCount": 1000,
              "deadLetter": "dlq" },
            { "id": "svc", "kind": "service", "workers": 1, "serviceTime": "10ms" },
            { "id": "dlq", "kind": "deadletter" }
        ],
        "edges": [ { "from": "web", "to": "q" }, { "from": "q", "to": "svc" } ]
    })");
    const auto &q = std::get<QueueSpec>(t.nodes[1].params);
    EXPECT_EQ(q.visibilityTimeout, sim::Duration::seconds(12 * 3600));
    EXPECT_EQ(q.maxReceiveCount, 1000);
    EXPECT_EQ(q.deadLetter, "dlq");
}

TEST(TopologyJson, UnknownFlavourStillChecksTheValuesAndTheTarget)
{
    const auto problems = problemsOf(R"({
        "format": "asyncsim-topology", "version": 1,
        "nodes": [
            { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": 10 } },
            { "id": "q", "kind": "queue", "flavour": "kafka", "maxReceiveCount": 0, "deadLetter": "svc" },
            { "id": "svc", "kind": "service", "workers": 1, "serviceTime": "10ms" }
        ],
        "edges": [ { "from": "web", "to": "q" }, { "from": "q", "to": "svc" } ]
    })");
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0].text(),
              "/nodes/1/flavour: unknown queue flavour \"kafka\"; expected one of: basic, sqs, rabbitmq");
    EXPECT_EQ(problems[1].text(), "/nodes/1/maxReceiveCount: must be an integer from 1 to 1000");
    EXPECT_EQ(problems[2].text(), "/nodes/1/deadLetter: \"svc\" is a service, not a dead-letter queue");
}

TEST(TopologyJson, ReadsVersionsInNumericOrder)
{
    const Topology t = parseTopology(R"({
        "format": "asyncsim-topology", "version": 1,
        "nodes": [
            { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": 10 },
              "versions": { "v10": 0.25, "v2": 0.25, "v1": 0.5 } },
            { "id": "out", "kind": "sink" }
        ],
        "edges": [ { "from": "web", "to": "out" } ]
    })");
    const auto &versions = std::get<ProducerSpec>(t.nodes[0].params).versions;
    ASSERT_EQ(versions.size(), 3u);
    EXPECT_EQ(versions[0].version, 1);
    EXPECT_EQ(versions[1].version, 2);
    EXPECT_EQ(versions[2].version, 10);
}

TEST(TopologyJson, ReportsEveryProblemNotJustTheFirst)
{
    const auto problems = problemsOf(R"({
        "format": "asyncsim-topology", "version": 1,
        "simulation": { "duration": "5 parsecs", "replications": 0 },
        "nodes": [
            { "id": "web", "kind": "producer", "arrivals": { "dist": "poisson", "rate": -1 } },
            { "id": "q", "kind": "queue", "capacity": -5 },
            { "id": "svc", "kind": "service", "workers": 0, "serviceTime": { "dist": "lognormal", "mean": "10ms" } },
            { "id": "out", "kind": "sink", "colour": "blue" }
        ],
        "edges": [
            { "from": "web", "to": "q" },
            { "from": "q", "to": "svc" },
            { "from": "svc", "to": "outt" }
        ],
        "extra": true
    })");
    std::vector<std::string> pointers;
    for (const Problem &p : problems)
        pointers.push_back(p.pointer);
    EXPECT_EQ(pointers, (std::vector<std::string>{"/simulation/duration", "/simulation/replications",
                                                  "/nodes/0/arrivals/rate", "/nodes/1/capacity", "/nodes/2/workers",
                                                  "/nodes/2/serviceTime", "/nodes/3/colour", "/edges/2/to", "/extra"}));
    ASSERT_EQ(problems.size(), 9u);
    EXPECT_EQ(problems[5].text(), "/nodes/2/serviceTime: missing required key \"cv\"");
    EXPECT_EQ(problems[7].text(), "/edges/2/to: no node has the id \"outt\" (did you mean \"out\"?)");
}

TEST(TopologyJson, ErrorNamesTheFileAndTheFirstProblem)
{
    try {
        parseTopology(R"({ "format": "asyncsim-topology", "version": 1, "nodes": [] })", "my.json");
        FAIL() << "no TopologyError";
    } catch (const TopologyError &e) {
        EXPECT_EQ(std::string(e.what()), "my.json: /nodes: must be a non-empty array of nodes");
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0], (Problem{"/nodes", "must be a non-empty array of nodes"}));
    }
}

TEST(TopologyJson, MisspeltRequiredKeyIsOneProblem)
{
    const auto problems = problemsOf(R"({
        "format": "asyncsim-topology", "version": 1,
        "nodes": [ { "id": "svc", "kind": "service", "wrokers": 2, "servicetime": "1ms" } ]
    })");
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].text(), "/nodes/0/servicetime: unknown key (did you mean \"serviceTime\"?)");
    EXPECT_EQ(problems[1].text(), "/nodes/0/wrokers: unknown key (did you mean \"workers\"?)");
}

TEST(TopologyJson, MissingFileIsATopologyError)
{
    const std::string path = std::string(ASYNCSIM_SOURCE_DIR) + "/no/such/file.json";
    try {
        loadTopologyFile(path);
        FAIL() << "no TopologyError";
    } catch (const TopologyError &e) {
        EXPECT_EQ(e.file(), path);
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].text(), "cannot open the file");
    }
}

TEST(TopologyJson, ReplicasAndTheirBalancerAreReadAndOnlyWrittenWhenSet)
{
    const std::string text = R"({"format": "asyncsim-topology", "version": 1,
        "nodes": [{"id": "in", "kind": "producer", "arrivals": {"dist": "poisson", "rate": 1}},
                  {"id": "api", "kind": "service", "workers": 2, "serviceTime": "10ms",
                   "replicas": 4, "balancer": "least-outstanding"},
                  {"id": "plain", "kind": "service", "workers": 1, "serviceTime": "10ms"}],
        "edges": [{"from": "in", "to": "api"}, {"from": "api", "to": "plain"}]})";
    const Topology t = parseTopology(text);
    const auto &api = std::get<ServiceSpec>(t.nodes[1].params);
    EXPECT_EQ(api.replicas, 4);
    EXPECT_EQ(api.balancer, BalancerStrategy::LeastOutstanding);
    const auto &plain = std::get<ServiceSpec>(t.nodes[2].params);
    EXPECT_EQ(plain.replicas, 1);
    EXPECT_EQ(plain.balancer, BalancerStrategy::RoundRobin);
    const std::string saved = serializeTopology(t);
    EXPECT_NE(saved.find("\"balancer\": \"least-outstanding\""), std::string::npos);
    EXPECT_EQ(saved.find("\"replicas\": 1"), std::string::npos); // the default is not written
    EXPECT_EQ(parseTopology(saved), t);
}
