// Writing topologies as JSON: the inverse of TopologyJsonRead.cpp.

#include "DurationText.h"
#include "LoadBalancer.h"
#include "PartitionAssignor.h"
#include "TopologyJson.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace asyncsim::models {

namespace {

using OJson = nlohmann::ordered_json;

OJson durationJson(sim::Duration d)
{
    return formatDuration(d);
}

OJson distributionJson(const sim::Distribution &d)
{
    using sim::DistributionKind;
    auto seconds = [](double s) { return durationJson(sim::Duration::fromSeconds(s)); };
    OJson j;
    switch (d.kind()) {
    case DistributionKind::Constant:
        j["dist"] = "constant";
        j["value"] = seconds(d.param1());
        break;
    case DistributionKind::Exponential:
        j["dist"] = "exponential";
        j["mean"] = seconds(d.param1());
        break;
    case DistributionKind::Uniform:
        j["dist"] = "uniform";
        j["min"] = seconds(d.param1());
        j["max"] = seconds(d.param2());
        break;
    case DistributionKind::Normal:
        j["dist"] = "normal";
        j["mean"] = seconds(d.param1());
        j["sd"] = seconds(d.param2());
        break;
    case DistributionKind::Lognormal:
        j["dist"] = "lognormal";
        j["mean"] = seconds(d.param1());
        j["cv"] = d.param2();
        break;
    case DistributionKind::Gamma:
        // A whole shape is an Erlang, written as such when the reader's range
        // for k (1 to 1000) takes it.
        if (d.param1() >= 1 && d.param1() <= 1000 && d.param1() == std::floor(d.param1())) {
            j["dist"] = "erlang";
            j["k"] = static_cast<long long>(d.param1());
        } else {
            j["dist"] = "gamma";
            j["shape"] = d.param1();
        }
        j["mean"] = seconds(d.param2());
        break;
    case DistributionKind::Weibull:
        j["dist"] = "weibull";
        j["shape"] = d.param1();
        j["scale"] = seconds(d.param2());
        break;
    case DistributionKind::Pareto:
        j["dist"] = "pareto";
        j["shape"] = d.param1();
        j["scale"] = seconds(d.param2());
        break;
    case DistributionKind::Empirical:
        j["dist"] = "empirical";
        j["values"] = OJson::array();
        for (double v : d.values())
            j["values"].push_back(seconds(v));
        break;
    case DistributionKind::Histogram:
        j["dist"] = "histogram";
        j["bins"] = OJson::array();
        for (const sim::HistogramBin &b : d.bins())
            j["bins"].push_back({{"from", seconds(b.low)}, {"to", seconds(b.high)}, {"weight", b.weight}});
        break;
    }
    return j;
}

const char *arrivalName(ArrivalProcess p)
{
    switch (p) {
    case ArrivalProcess::Poisson:
        return "poisson";
    case ArrivalProcess::Constant:
        return "constant";
    case ArrivalProcess::Uniform:
        return "uniform";
    case ArrivalProcess::Bursty:
        return "bursty";
    case ArrivalProcess::Invalid:
        break;
    }
    return "invalid";
}

void writeProducer(OJson &j, const ProducerSpec &p)
{
    OJson arrivals;
    arrivals["dist"] = arrivalName(p.arrivals.process);
    arrivals["rate"] = p.arrivals.rate;
    if (p.arrivals.process == ArrivalProcess::Uniform)
        arrivals["spread"] = p.arrivals.spread;
    if (p.arrivals.process == ArrivalProcess::Bursty) {
        arrivals["on"] = distributionJson(p.arrivals.on);
        arrivals["off"] = distributionJson(p.arrivals.off);
    }
    j["arrivals"] = arrivals;
    if (!p.profile.empty()) {
        OJson profile = OJson::array();
        for (const RatePoint &r : p.profile) {
            OJson point{{"at", durationJson(r.at)}, {"factor", r.factor}};
            if (r.ramp)
                point["ramp"] = true;
            profile.push_back(point);
        }
        j["profile"] = profile;
    }
    if (p.keys.count > 0) {
        OJson keys{{"count", p.keys.count}};
        if (p.keys.zipf > 0)
            keys["skew"] = OJson{{"zipf", p.keys.zipf}};
        j["keys"] = keys;
    }
    if (!p.versions.empty()) {
        OJson versions = OJson::object();
        for (const VersionShare &v : p.versions)
            versions["v" + std::to_string(v.version)] = v.share;
        j["versions"] = versions;
    }
    if (p.limit)
        j["limit"] = *p.limit;
}

// A basic queue writes nothing beyond capacity and overflow, so files from
// before the flavours read and write back unchanged; the other flavours write
// the keys that apply to them when they differ from the defaults.
void writeQueue(OJson &j, const QueueSpec &q)
{
    if (q.capacity) {
        j["capacity"] = *q.capacity;
        j["overflow"] = q.overflow == OverflowPolicy::DropOldest          ? "drop-oldest"
                      : q.overflow == OverflowPolicy::RejectNewDeadLetter ? "reject-publish-dlx"
                                                                          : "reject";
    }
    const QueueSpec defaults;
    if (q.flavour == QueueFlavour::Sqs) {
        j["flavour"] = "sqs";
        if (q.visibilityTimeout != defaults.visibilityTimeout)
            j["visibilityTimeout"] = durationJson(q.visibilityTimeout);
        if (q.maxReceiveCount)
            j["maxReceiveCount"] = *q.maxReceiveCount;
        if (q.retention != defaults.retention)
            j["retention"] = durationJson(q.retention);
        if (q.deliveryDelay != defaults.deliveryDelay)
            j["deliveryDelay"] = durationJson(q.deliveryDelay);
        if (q.fifo)
            j["fifo"] = true;
    } else if (q.flavour == QueueFlavour::RabbitMq) {
        j["flavour"] = "rabbitmq";
        if (q.deliveryLimit != defaults.deliveryLimit)
            j["deliveryLimit"] = q.deliveryLimit.value_or(-1); // RabbitMQ's own "no limit"
        if (q.onFailure == FailureAction::Reject)
            j["onFailure"] = "reject";
        if (q.messageTtl)
            j["messageTtl"] = durationJson(*q.messageTtl);
        if (q.prefetch > 0)
            j["prefetch"] = q.prefetch;
        if (q.consumerTimeout != defaults.consumerTimeout)
            j["consumerTimeout"] = durationJson(q.consumerTimeout);
        if (q.deliveryLimitCounts == DeliveryLimitCounting::Failed)
            j["deliveryLimitCounts"] = "failed";
    }
    if ((q.flavour == QueueFlavour::Sqs || q.flavour == QueueFlavour::RabbitMq) && !q.deadLetter.empty())
        j["deadLetter"] = q.deadLetter;
    if (q.deduplication) {
        OJson deduplication{{"interval", durationJson(q.deduplication->interval)}};
        if (q.deduplication->extendOnDuplicate)
            deduplication["extendOnDuplicate"] = true;
        j["deduplication"] = deduplication;
    }
}

void writeService(OJson &j, const ServiceSpec &s)
{
    j["workers"] = s.workers;
    j["serviceTime"] = distributionJson(s.serviceTime);
    if (s.failureProbability > 0)
        j["failure"] = OJson{{"probability", s.failureProbability}};
    if (s.capacity)
        j["capacity"] = *s.capacity;
    if (s.idempotency) {
        OJson idempotency{{"ttl", durationJson(s.idempotency->ttl)}};
        if (s.idempotency->capacity)
            idempotency["capacity"] = *s.idempotency->capacity;
        j["idempotency"] = idempotency;
    }
    if (!s.accepts.empty()) {
        OJson accepts = OJson::array();
        for (int v : s.accepts)
            accepts.push_back("v" + std::to_string(v));
        j["accepts"] = accepts;
    }
    if (!s.upcasters.empty()) {
        OJson upcasters = OJson::array();
        for (const UpcasterSpec &u : s.upcasters)
            upcasters.push_back(OJson{{"from", "v" + std::to_string(u.from)}, {"cost", distributionJson(u.cost)}});
        j["upcasters"] = upcasters;
    }
    if (s.failureMode == FailureMode::Hang)
        j["failureMode"] = "hang";
    if (s.replicas != 1)
        j["replicas"] = s.replicas;
    if (s.balancer != BalancerStrategy::RoundRobin)
        j["balancer"] = balancerStrategyName(s.balancer);
}

void writeTopic(OJson &j, const TopicSpec &t)
{
    j["partitions"] = t.partitions;
    j["retention"] = durationJson(t.retention);
    if (t.commit == CommitMode::PerRecord)
        j["commit"] = "per-record";
    else
        j["commit"] = OJson{{"autoCommitInterval", durationJson(t.autoCommitInterval)}};
    if (t.rebalancePause != TopicSpec{}.rebalancePause)
        j["rebalancePause"] = durationJson(t.rebalancePause);
    if (t.assignor != TopicSpec{}.assignor)
        j["assignor"] = assignorName(t.assignor);
}

// Policies are written with only the keys that differ from the defaults, so
// a file says what its author chose.
OJson retryJson(const RetryConfig &c)
{
    const RetryConfig d;
    OJson j;
    j["maxAttempts"] = c.maxAttempts;
    if (c.interval != d.interval)
        j["wait"] = durationJson(c.interval);
    j["backoff"] = c.backoff == RetryBackoff::Exponential ? "exponential" : "fixed";
    if (c.backoff == RetryBackoff::Exponential || c.multiplier != d.multiplier)
        j["multiplier"] = c.multiplier;
    if (c.maxInterval)
        j["maxWait"] = durationJson(*c.maxInterval);
    if (c.randomizationFactor != d.randomizationFactor)
        j["jitter"] = c.randomizationFactor;
    return j;
}

OJson circuitBreakerJson(const CircuitBreakerConfig &c)
{
    const CircuitBreakerConfig d;
    OJson j;
    j["window"] = OJson{{"type", c.slidingWindowType == SlidingWindowType::TimeBased ? "time" : "count"},
                        {"size", c.slidingWindowSize}};
    if (c.minimumNumberOfCalls != d.minimumNumberOfCalls)
        j["minimumCalls"] = c.minimumNumberOfCalls;
    if (c.failureRateThreshold != d.failureRateThreshold)
        j["failureRateThreshold"] = c.failureRateThreshold;
    if (c.slowCallRateThreshold != d.slowCallRateThreshold)
        j["slowCallRateThreshold"] = c.slowCallRateThreshold;
    if (c.slowCallDurationThreshold != d.slowCallDurationThreshold)
        j["slowCallDuration"] = durationJson(c.slowCallDurationThreshold);
    if (c.waitDurationInOpenState != d.waitDurationInOpenState)
        j["waitInOpen"] = durationJson(c.waitDurationInOpenState);
    if (c.waitDurationMultiplier != d.waitDurationMultiplier)
        j["waitMultiplier"] = c.waitDurationMultiplier;
    if (c.maxWaitDurationInOpenState)
        j["maxWaitInOpen"] = durationJson(*c.maxWaitDurationInOpenState);
    if (c.permittedNumberOfCallsInHalfOpenState != d.permittedNumberOfCallsInHalfOpenState)
        j["permittedInHalfOpen"] = c.permittedNumberOfCallsInHalfOpenState;
    if (c.automaticTransitionFromOpenToHalfOpenEnabled)
        j["automaticTransition"] = true;
    if (c.maxWaitDurationInHalfOpenState != d.maxWaitDurationInHalfOpenState)
        j["maxWaitInHalfOpen"] = durationJson(c.maxWaitDurationInHalfOpenState);
    if (c.transitionToStateAfterWaitDuration != d.transitionToStateAfterWaitDuration)
        j["afterHalfOpenTimeout"]
            = c.transitionToStateAfterWaitDuration == CircuitBreakerState::Closed ? "closed" : "open";
    return j;
}

OJson faultJson(const FaultSpec &f)
{
    OJson j;
    j["at"] = durationJson(f.at);
    if (f.duration)
        j["for"] = durationJson(*f.duration);
    j["target"] = f.target;
    j["kind"] = faultKindName(f.kind);
    if (!f.enabled)
        j["enabled"] = false;
    switch (f.kind) {
    case FaultKind::Outage:
        j["mode"] = f.mode == OutageMode::Hang ? "hang" : "error";
        break;
    case FaultKind::Latency:
    case FaultKind::Traffic:
        j["factor"] = f.factor;
        break;
    case FaultKind::Errors:
        j["probability"] = f.probability;
        break;
    case FaultKind::Scale:
        j["workers"] = f.workers;
        break;
    case FaultKind::Poison:
        if (f.count > 0)
            j["count"] = f.count;
        else
            j["share"] = f.share;
        break;
    case FaultKind::Crash:
        j["instances"] = f.instances;
        break;
    case FaultKind::Partition:
        j["peer"] = f.peer;
        break;
    }
    return j;
}

} // namespace

std::string serializeTopology(const Topology &t)
{
    OJson root;
    root["format"] = TopologyFormatName;
    root["version"] = TopologyFormatVersion;
    if (!t.name.empty())
        root["name"] = t.name;
    if (!t.description.empty())
        root["description"] = t.description;

    OJson simulation;
    simulation["duration"] = durationJson(t.simulation.duration);
    if (t.simulation.warmup.ns() > 0)
        simulation["warmup"] = durationJson(t.simulation.warmup);
    simulation["seed"] = t.simulation.seed;
    if (t.simulation.replications != 1)
        simulation["replications"] = t.simulation.replications;
    if (t.simulation.sampleInterval)
        simulation["sampleInterval"] = durationJson(*t.simulation.sampleInterval);
    root["simulation"] = simulation;

    OJson nodes = OJson::array();
    for (const NodeSpec &n : t.nodes) {
        OJson j;
        j["id"] = n.id;
        j["kind"] = nodeKindName(n.kind());
        if (const auto *p = std::get_if<ProducerSpec>(&n.params))
            writeProducer(j, *p);
        else if (const auto *q = std::get_if<QueueSpec>(&n.params))
            writeQueue(j, *q);
        else if (const auto *s = std::get_if<ServiceSpec>(&n.params))
            writeService(j, *s);
        else if (const auto *topic = std::get_if<TopicSpec>(&n.params))
            writeTopic(j, *topic);
        else if (const auto *d = std::get_if<DeadLetterSpec>(&n.params); d && d->redriveAt)
            j["redrive"] = OJson{{"at", durationJson(*d->redriveAt)}};
        j["position"] = {n.position[0], n.position[1]};
        nodes.push_back(j);
    }
    root["nodes"] = nodes;

    OJson edges = OJson::array();
    for (const EdgeSpec &e : t.edges) {
        OJson j{{"from", e.from}, {"to", e.to}, {"mode", edgeModeName(e.mode)}};
        if (e.probability)
            j["probability"] = *e.probability;
        if (e.mode == EdgeMode::Call || e.timeout != EdgeSpec{}.timeout)
            j["timeout"] = durationJson(e.timeout);
        if (e.retry)
            j["retry"] = retryJson(*e.retry);
        if (e.circuitBreaker)
            j["circuitBreaker"] = circuitBreakerJson(*e.circuitBreaker);
        if (e.fallback.action == FallbackAction::Drop)
            j["fallback"] = OJson{{"action", "drop"}};
        else if (e.fallback.action == FallbackAction::Route)
            j["fallback"] = OJson{{"action", "route"}, {"to", e.fallback.to}};
        if (e.commit == CommitMode::PerRecord)
            j["commit"] = "per-record";
        else if (e.commit && e.autoCommitInterval)
            j["commit"] = OJson{{"autoCommitInterval", durationJson(*e.autoCommitInterval)}};
        else if (e.commit)
            j["commit"] = "auto"; // at the topic's interval
        if (e.assignor)
            j["assignor"] = assignorName(*e.assignor);
        edges.push_back(j);
    }
    root["edges"] = edges;
    if (!t.faults.empty()) {
        OJson faults = OJson::array();
        for (const FaultSpec &f : t.faults)
            faults.push_back(faultJson(f));
        root["faults"] = faults;
    }
    return root.dump(2) + "\n";
}

} // namespace asyncsim::models
