#pragma once

// A small topology and hand-made snapshots of it, for the chart and log tests:
// every value a test checks is set here, not computed by a run.
#include "models/RunSnapshot.h"
#include "models/Topology.h"

namespace asyncsim::testing {

/// Node indices of syntheticTopology().
enum SyntheticNode { P, Q, S, D, T, K, NodeCount };
/// Edge indices of syntheticTopology().
enum SyntheticEdge { PQ, QS, ST, SK, EdgeCount };

/// producer p → queue q (capacity 100) → service s (2 workers) → topic t (3
/// partitions) and a sink k; a dead-letter node d. Sample interval 1 s.
inline models::Topology syntheticTopology()
{
    using namespace models;
    Topology t;
    t.name = "synthetic";
    t.simulation.duration = sim::Duration::seconds(60);
    t.simulation.sampleInterval = sim::Duration::seconds(1);
    QueueSpec queue;
    queue.capacity = 100;
    queue.deadLetter = "d";
    ServiceSpec service;
    service.workers = 2;
    TopicSpec topic;
    topic.partitions = 3;
    t.nodes = {{"p", {0, 0}, ProducerSpec{}},   {"q", {0, 0}, queue}, {"s", {0, 0}, service},
               {"d", {0, 0}, DeadLetterSpec{}}, {"t", {0, 0}, topic}, {"k", {0, 0}, SinkSpec{}}};
    t.edges = {{"p", "q", EdgeMode::Publish, {}},
               {"q", "s", EdgeMode::Consume, {}},
               {"s", "t", EdgeMode::Publish, {}},
               {"s", "k", EdgeMode::Publish, {}}};
    return t;
}

/// An empty snapshot of syntheticTopology() at @p seconds.
inline models::RunSnapshot syntheticSnapshot(double seconds, std::uint32_t epoch = 0)
{
    models::RunSnapshot s;
    s.runGeneration = 1;
    s.now = sim::Time::fromSeconds(seconds);
    s.horizon = sim::Time::fromSeconds(60);
    s.statisticsEpoch = epoch;
    const models::Topology t = syntheticTopology();
    for (const models::NodeSpec &n : t.nodes) {
        models::NodeSnapshot node;
        node.kind = n.kind();
        s.nodes.push_back(node);
    }
    s.nodes[Q].capacity = 100;
    s.nodes[S].workers = 2;
    s.nodes[T].partitionLag = {0, 0, 0};
    s.edges.resize(EdgeCount);
    return s;
}

} // namespace asyncsim::testing
