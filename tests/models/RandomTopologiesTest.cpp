// Property test: random topologies mixing every feature (queue flavours,
// limits, TTLs, dead letters, redrive, failures, idempotency, fan-out, topics,
// probabilistic routing, bounded lines) under many seeds. Every run must
// finish, balance its ledger, obey Little's law when it drains (runChecked),
// and give the same results twice.

#include "TestTopologies.h"

#include "models/ResultsJson.h"
#include "models/TopologyJson.h"
#include "sim/RandomStream.h"

#include <map>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

// A pipeline: producer -> ([queue ->] service) x stages -> sinks, with random
// parameters, an extra fan-out branch and a shared dead-letter node.
Topology randomTopology(std::uint64_t seed)
{
    sim::RandomStream rng(seed, "random-topology", "shape");
    auto chance = [&](double p) { return rng.uniform01() < p; };
    auto pick = [&](double lo, double hi) { return lo + (hi - lo) * rng.uniform01(); };

    std::vector<NodeSpec> nodes;
    std::vector<EdgeSpec> edges;
    NodeSpec in = producer("in", pick(5, 40));
    auto &p = std::get<ProducerSpec>(in.params);
    p.keys.count = static_cast<std::uint32_t>(1 + rng.below(20));
    if (chance(0.3))
        p.arrivals.process = ArrivalProcess::Constant;
    nodes.push_back(in);
    DeadLetterSpec dlq;
    if (chance(0.3))
        dlq.redriveAt = sim::Duration::fromSeconds(pick(5, 100));
    nodes.push_back(NodeSpec{"dlq", {0, 0}, dlq});

    std::string previous = "in";
    const int stages = 1 + static_cast<int>(rng.below(3));
    for (int i = 0; i < stages; ++i) {
        const std::string q = "q" + std::to_string(i);
        const std::string s = "s" + std::to_string(i);
        QueueSpec spec;
        const auto flavour = rng.below(3);
        spec.flavour = flavour == 0 ? QueueFlavour::Basic : flavour == 1 ? QueueFlavour::Sqs : QueueFlavour::RabbitMq;
        if (chance(0.5)) {
            spec.capacity = rng.below(30);
            spec.overflow = chance(0.5) ? OverflowPolicy::RejectNew : OverflowPolicy::DropOldest;
        }
        if (spec.flavour == QueueFlavour::Sqs) {
            spec.visibilityTimeout = sim::Duration::fromSeconds(pick(0.05, 2));
            spec.maxReceiveCount = 1 + static_cast<int>(rng.below(4));
            spec.deadLetter = "dlq";
            if (chance(0.3))
                spec.retention = sim::Duration::seconds(60);
            if (chance(0.3))
                spec.deliveryDelay = sim::Duration::fromSeconds(pick(0, 2));
        } else if (spec.flavour == QueueFlavour::RabbitMq) {
            spec.deliveryLimit = chance(0.2) ? std::nullopt : std::optional<int>(static_cast<int>(rng.below(4)));
            spec.onFailure = chance(0.3) ? FailureAction::Reject : FailureAction::Requeue;
            if (chance(0.7))
                spec.deadLetter = "dlq";
            if (chance(0.4))
                spec.messageTtl = sim::Duration::fromSeconds(pick(0, 3));
            if (spec.capacity && !spec.deadLetter.empty() && chance(0.3))
                spec.overflow = OverflowPolicy::RejectNewDeadLetter;
        }
        nodes.push_back(NodeSpec{q, {0, 0}, spec});
        NodeSpec svc = service(s, 1 + static_cast<int>(rng.below(6)),
                               chance(0.5) ? sim::Distribution::exponential(pick(0.01, 0.4))
                                           : sim::Distribution::lognormal(pick(0.01, 0.4), pick(0.2, 2)),
                               chance(0.2) ? std::optional<std::uint64_t>(rng.below(5)) : std::nullopt);
        auto &sv = std::get<ServiceSpec>(svc.params);
        sv.failureProbability = chance(0.6) ? pick(0, 0.5) : 0;
        if (chance(0.4))
            sv.idempotency = IdempotencySpec{sim::Duration::fromSeconds(pick(1, 60)), std::nullopt};
        nodes.push_back(svc);
        if (chance(0.25)) {
            // Published straight into the service's own line (the queue stays unused).
            edges.push_back(publish(previous, s));
        } else {
            edges.push_back(publish(previous, q));
            edges.push_back(consume(q, s));
        }
        previous = s;
    }
    // Sometimes a Kafka topic stage read by one or two consumer groups (drawn
    // from a stream of its own, so the rest of each topology stays as it was).
    sim::RandomStream topicRng(seed, "random-topology", "topic");
    if (topicRng.uniform01() < 0.35) {
        TopicSpec spec;
        spec.partitions = 1 + static_cast<int>(topicRng.below(6));
        spec.retention = sim::Duration::fromSeconds(0.5 + 30 * topicRng.uniform01());
        spec.commit = topicRng.uniform01() < 0.5 ? CommitMode::PerRecord : CommitMode::Auto;
        spec.autoCommitInterval = sim::Duration::fromSeconds(0.1 + 5 * topicRng.uniform01());
        nodes.push_back(NodeSpec{"t", {0, 0}, spec});
        edges.push_back(publish(previous, "t"));
        const int groups = 1 + static_cast<int>(topicRng.below(2));
        for (int g = 0; g < groups; ++g) {
            const std::string id = "g" + std::to_string(g);
            NodeSpec svc = service(id, 1 + static_cast<int>(topicRng.below(8)),
                                   sim::Distribution::exponential(0.01 + 0.4 * topicRng.uniform01()));
            std::get<ServiceSpec>(svc.params).failureProbability
                = topicRng.uniform01() < 0.5 ? 0.3 * topicRng.uniform01() : 0;
            nodes.push_back(svc);
            edges.push_back(consume("t", id));
        }
        previous = "g0"; // a second group's flows end at it
    }
    nodes.push_back(sink("out"));
    nodes.push_back(sink("audit"));
    if (chance(0.5)) {
        edges.push_back(publish(previous, "out"));
        edges.push_back(publish(previous, "audit")); // fan-out
    } else {
        edges.push_back(publish(previous, "out", 0.7)); // the rest ends at the service
        edges.push_back(publish(previous, "audit", 0.2));
    }
    // Usually a limited producer and a far horizon, so the run drains and
    // runChecked checks Little's law; sometimes a fixed horizon with messages
    // left in flight.
    const bool drains = chance(0.7);
    if (drains)
        std::get<ProducerSpec>(nodes[0].params).limit = 200 + rng.below(3000);
    return topology(std::move(nodes), std::move(edges), drains ? 1e6 : pick(20, 200), chance(0.5) ? 5 : 0);
}

} // namespace

TEST(RandomTopologies, EveryRunBalancesAndIsReproducible)
{
    // How many runs saw each way of leaving, so the test shows it covers them.
    std::map<std::string, int> seen;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        const Topology t = randomTopology(seed);
        // The file format accepts what the generator makes (durations are
        // rounded to whole nanoseconds on the way, so run the file's version).
        const Topology reread = parseTopology(serializeTopology(t));
        const RunResults a = runChecked(reread, seed);
        EXPECT_TRUE(a.ledger.balances()) << "topology seed " << seed;
        // (Compared as a flag: a failure prints the topology below, not two result files.)
        EXPECT_TRUE(resultsToJson(Run::execute(reread, seed)) == resultsToJson(a)) << "topology seed " << seed;
        if (HasFailure()) {
            ADD_FAILURE() << "first failing topology:\n" << serializeTopology(t);
            return;
        }
        const Ledger &l = a.ledger;
        seen["forked"] += l.forked > 0;
        seen["duplicated"] += l.duplicated > 0;
        seen["failed"] += l.failed > 0;
        seen["expired"] += l.expired > 0;
        seen["redriven"] += l.redriven > 0;
        seen["lost to retention"] += l.lostToRetention > 0;
        seen["drained (Little's law checked)"] += l.inFlight == 0;
        for (const auto &[reason, count] : l.deadLettered)
            seen["dead-lettered " + reason] += count > 0;
        for (const auto &[reason, count] : l.dropped)
            seen["dropped " + reason] += count > 0;
    }
    for (const char *outcome :
         {"forked", "duplicated", "failed", "expired", "lost to retention", "dead-lettered max-receives",
          "dead-lettered delivery-limit", "dead-lettered rejected", "dead-lettered maxlen", "dead-lettered expired",
          "dropped queue-full", "dropped drop-oldest", "dropped service-full", "dropped rejected", "dropped duplicate"})
        EXPECT_GE(seen[outcome], 3) << outcome << " hardly ever happened: the generator misses it";
}
