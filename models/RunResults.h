#pragma once

#include "Ledger.h"
#include "Topology.h"

#include <cstdint>
#include <map>
#include <optional>
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
    std::uint64_t duplicates = 0; ///< processed, uncommitted records read again after a crash (second copies)
    std::uint64_t reread = 0;     ///< records in progress on a crashed instance, read again
    std::uint64_t rebalances = 0; ///< rebalance rounds started (a member left or joined; revoked partitions handed out)
    /// Partition-seconds during which a partition could not be read because
    /// of a rebalance: every partition while an eager group rebalances; under
    /// the cooperative protocol, each partition without an owner or being revoked.
    double stoppedPartitionSeconds = 0;
    Assignor assignor = Assignor::Range; ///< the group's (its consume edge's, or the topic's)
};

/// One consumer of a RabbitMQ queue (a consuming service; with a prefetch,
/// each replica of a replicated service is a consumer of its own).
struct QueueConsumerResults
{
    std::string consumer;         ///< the consuming service's id
    std::uint64_t unackedMax = 0; ///< most deliveries it held unacknowledged at once (whole run)
    std::uint16_t replica = 0;    ///< which replica (from 1) of a replicated consumer; 0 for a single one
};

/// One replica of a replicated service over the measured period.
struct ReplicaResults
{
    std::uint64_t arrivals = 0; ///< messages it took (pushed to it by the balancer, or pulled)
    double utilisation = 0;     ///< busy workers / workers (as specified)
    LevelSummary queueLength;   ///< its own line
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
    std::uint64_t duplicates = 0;   ///< SQS queues: copies made visible while the first was still processing; topics:
                                    ///< records read again after a crash
    std::uint64_t deadLettered = 0; ///< queues: messages given up on (to a dead-letter node, or dropped without one)
    std::uint64_t expired = 0;      ///< queues: messages that outlived the TTL or retention period
    std::map<std::string, std::uint64_t> deadLettersByReason; ///< dead-letter nodes
    std::uint64_t redriven = 0;             ///< dead-letter nodes: dead letters sent back to their queues
    std::uint64_t duplicatesSuppressed = 0; ///< idempotent services: duplicates recognised and skipped
    std::uint64_t duplicateSideEffects = 0; ///< services: successful processings of a message processed before
    std::uint64_t outOfOrder = 0;      ///< services: messages started after a later one of the same key and producer
    std::uint64_t lostToRetention = 0; ///< topics: group copies deleted by retention before being read
    std::vector<ConsumerGroupResults> groups; ///< topics: one per consumer group

    std::uint64_t deduplicated = 0;              ///< queues: sends suppressed by the deduplication window
    std::uint64_t requeues = 0;                  ///< RabbitMQ queues: failed deliveries nacked back (requeued)
    std::vector<QueueConsumerResults> consumers; ///< RabbitMQ queues: one per consumer
    std::uint64_t versionRejections = 0;         ///< services: messages rejected as unreadable (schema version)
    std::uint64_t upcasts = 0;                   ///< services: messages read through the upcaster chain
    std::uint64_t hangs = 0;                     ///< services: failed processings that hung ("hang" mode)
    std::vector<ReplicaResults> replicas;        ///< replicated services: one per replica
};

/// End-to-end latency of the messages of one flow: produced by @c from,
/// completed at @c to.
struct FlowResults
{
    std::string from;
    std::string to;
    LatencySummary latency;
};

/// One change of state of a circuit breaker.
struct BreakerTransitionResults
{
    double at = 0; ///< seconds since the start of the run
    std::string from;
    std::string to;
    std::string reason;
};

/// A call edge's circuit breaker over the measured period.
struct BreakerResults
{
    std::string state;                                 ///< at the end of the run ("closed", "open", ...)
    std::vector<BreakerTransitionResults> transitions; ///< oldest first
    std::map<std::string, double> timeInState;         ///< seconds spent in each state visited
    std::uint64_t notPermitted = 0;                    ///< permissions refused
};

/// A call edge over the measured period. An attempt rejected by the breaker
/// counts as an attempt (Resilience4j's Retry sees it as a failed call) but
/// sends nothing; sent attempts end as a success, a failure or a timeout.
struct EdgeResults
{
    std::string from;
    std::string to;
    EdgeMode mode = EdgeMode::Call;
    std::uint64_t requests = 0;          ///< first attempts: calls the caller made
    std::uint64_t attempts = 0;          ///< first attempts and retries, rejected ones included
    std::uint64_t successes = 0;         ///< attempts answered with success in time
    std::uint64_t failures = 0;          ///< attempts answered with failure in time (refusals included)
    std::uint64_t timeouts = 0;          ///< attempts the caller stopped waiting for
    std::uint64_t lateAnswers = 0;       ///< answers that came after the caller's timeout
    std::uint64_t rejectedByBreaker = 0; ///< attempts the breaker did not let through
    std::uint64_t fallbacks = 0;         ///< calls whose last attempt failed: the fallback acted
    double retryAmplification = 0;       ///< attempts / requests (0 without requests)
    LatencySummary callLatency;          ///< sent attempts: until the answer, or the timeout
    std::optional<BreakerResults> breaker{};
};

/// A time series of the run.
struct SeriesResults
{
    std::string node;
    std::string quantity; ///< e.g. "queueLength", "throughput", "latency"
    /// One value per interval. "latency" (at a node where flows end: the mean
    /// end-to-end latency of the messages that ended there) is NaN in an
    /// interval where none did; JSON writes it as null, CSV leaves it empty.
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
    std::vector<EdgeResults> edges; ///< call edges and publish edges with a retry or breaker, in file order
    double seriesInterval = 0;      ///< seconds per time-series point
    std::vector<SeriesResults> series;

    /// The results of the node with @p id. Precondition: it exists.
    const NodeResults &node(const std::string &id) const;
};

} // namespace asyncsim::models
