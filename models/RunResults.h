#pragma once

#include "Ledger.h"
#include "Topology.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace asyncsim::models {

/// Summary of a set of durations, in seconds.
struct LatencySummary
{
    std::uint64_t count = 0;
    double mean = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
};

/// Time-weighted mean and maximum of a level.
struct LevelSummary
{
    double mean = 0;
    double max = 0;
};

/// The offsets of one partition of a topic as one consumer group sees them at
/// the end of the run.
struct PartitionOffsets
{
    std::uint64_t logStart = 0;  ///< first offset retention has kept
    std::uint64_t logEnd = 0;    ///< offset the next record will get
    std::uint64_t position = 0;  ///< next offset the group's consumer reads
    std::uint64_t committed = 0; ///< the group's committed offset (where a restart resumes)
    std::uint64_t lag = 0;       ///< logEnd − committed
    std::uint64_t maxLag = 0;    ///< highest lag over the measured period
};

/// A consumer group of a topic (one per consuming service).
struct ConsumerGroupResults
{
    std::string group;                        ///< the consuming service's id
    std::vector<PartitionOffsets> partitions; ///< by partition number
    LevelSummary lag;                         ///< total lag over all partitions: time-weighted mean and max
    std::uint64_t lostToRetention = 0;        ///< records deleted before the group read them
};

/// What was measured at one node over the measured period (after warm-up).
/// Fields that do not apply to the node's kind stay zero and are not written.
struct NodeResults
{
    std::string id;
    NodeKind kind = NodeKind::Sink;
    std::uint64_t arrivals = 0;     ///< messages that reached the node (producers: produced)
    std::uint64_t departures = 0;   ///< queues: dispatched; services: processed successfully; sinks: accepted
    std::uint64_t failures = 0;     ///< services: processings that failed
    std::uint64_t drops = 0;        ///< messages the node refused or discarded
    double arrivalRate = 0;         ///< arrivals per second
    double throughput = 0;          ///< departures per second
    LevelSummary queueLength;       ///< messages waiting (queue, a service's own line, a topic's unread group copies)
    LevelSummary busyWorkers;       ///< services
    LevelSummary inSystem;          ///< services: waiting + in service
    double utilisation = 0;         ///< services: busy workers / workers
    LatencySummary waitingTime;     ///< queues and services: time waiting
    LatencySummary responseTime;    ///< services: waiting + service
    std::uint64_t redeliveries = 0; ///< queues: deliveries of messages delivered before
    std::uint64_t duplicates = 0;   ///< SQS queues: copies made visible while the first was still processing
    std::uint64_t deadLettered = 0; ///< queues: messages given up on (to a dead-letter node, or dropped without one)
    std::uint64_t expired = 0;      ///< queues: messages that outlived the TTL or retention period
    std::map<std::string, std::uint64_t> deadLettersByReason; ///< dead-letter nodes
    std::uint64_t redriven = 0;             ///< dead-letter nodes: dead letters sent back to their queues
    std::uint64_t duplicatesSuppressed = 0; ///< idempotent services: duplicates recognised and skipped
    std::uint64_t duplicateSideEffects = 0; ///< services: successful processings of a message processed before
    std::uint64_t outOfOrder = 0;      ///< services: messages started after a later one of the same key and producer
    std::uint64_t lostToRetention = 0; ///< topics: group copies deleted by retention before being read
    std::vector<ConsumerGroupResults> groups; ///< topics: one per consumer group
};

/// End-to-end latency of the messages of one flow: produced by @c from,
/// completed at @c to.
struct FlowResults
{
    std::string from;
    std::string to;
    LatencySummary latency;
};

/// A time series of the run.
struct SeriesResults
{
    std::string node;
    std::string quantity; ///< e.g. "queueLength", "throughput"
    std::vector<double> points;
};

/// Everything one run produced. Contains nothing from the wall clock, so the
/// same topology and seed give identical results.
struct RunResults
{
    std::string topology;
    std::uint64_t seed = 0;
    double simulatedTime = 0; ///< seconds the run covered
    double warmup = 0;        ///< seconds discarded from statistics
    std::uint64_t events = 0; ///< calendar events fired
    Ledger ledger;
    std::vector<NodeResults> nodes;
    std::vector<FlowResults> flows;
    double seriesInterval = 0; ///< seconds per time-series point
    std::vector<SeriesResults> series;

    /// The results of the node with @p id. Precondition: it exists.
    const NodeResults &node(const std::string &id) const;
};

} // namespace asyncsim::models
