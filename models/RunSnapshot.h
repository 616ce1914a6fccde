#pragma once

#include "CircuitBreaker.h"
#include "RunContext.h"
#include "RunLog.h"
#include "Topology.h"
#include "sim/Time.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace asyncsim::models {

// MessageClass (how a message crossing an edge is drawn) lives in Message.h.

/// Live state of one consumer of a RabbitMQ queue.
struct QueueConsumerSnapshot
{
    std::int32_t node = -1;       ///< the consuming service's index in Topology::nodes
    std::uint32_t unacked = 0;    ///< deliveries it holds unacknowledged now (processing or prefetched)
    std::uint32_t unackedMax = 0; ///< most it held at once (whole run, as in the results)
    std::uint16_t replica = 0;    ///< which replica (from 1) of a replicated consumer; 0 for a single one
};

/// Live state of one consumer group of a Kafka topic: who reads which partition.
struct ConsumerGroupSnapshot
{
    std::int32_t node = -1; ///< the consuming service's index in Topology::nodes
    Assignor assignor = Assignor::Range;
    std::vector<std::int32_t> owner; ///< per partition: the consumer instance (from 0) that owns it, or -1
    /// Per partition: a rebalance keeps it from being read now (an eager
    /// round, no owner, or being revoked from its owner).
    std::vector<bool> stopped;
    std::uint64_t rebalances = 0; ///< rounds started (as in the results)
};

/// Live state of one node, as a value. Counters are those of the results
/// (reset at the end of the warm-up: see RunSnapshot::statisticsEpoch);
/// levels are as they are at the snapshot's time. Fields that do not apply to
/// the node's kind stay zero or empty.
struct NodeSnapshot
{
    NodeKind kind = NodeKind::Sink;
    /// Queue: ready messages; service: its own waiting line; topic: unread
    /// copies over all groups; dead-letter node: dead letters held.
    std::uint64_t waiting = 0;
    /// Queue: received and not yet acknowledged (SQS in flight, RabbitMQ unacked).
    std::uint64_t unacked = 0;
    std::optional<std::uint64_t> capacity; ///< queue or service line bound
    int busyWorkers = 0;                   ///< services
    int workers = 0;                       ///< services
    std::uint64_t arrivals = 0;
    std::uint64_t departures = 0;
    std::uint64_t failures = 0;
    std::uint64_t drops = 0;
    std::uint64_t deadLettered = 0; ///< queues: given up on; dead-letter nodes: received
    std::uint64_t expired = 0;
    std::uint64_t duplicates = 0; ///< copies delivered (queues) or suppressed + side effects (services)
    std::uint64_t outOfOrder = 0;
    /// Dead-letter nodes: received by DeadLetterReason (index = the enum's value).
    std::array<std::uint64_t, static_cast<std::size_t>(DeadLetterReason::Count)> deadLettersByReason{};
    /// Topics: lag (log end − committed) per partition, the highest over the groups.
    std::vector<std::uint64_t> partitionLag;
    /// Topics: each consumer group's assignment.
    std::vector<ConsumerGroupSnapshot> groups;
    /// Services: response time percentiles (seconds) over the measured period; 0 before any.
    double responseP50 = 0;
    double responseP95 = 0;
    double responseP99 = 0;
    std::uint64_t lostToRetention = 0; ///< topics: group copies deleted unread
    std::uint64_t redriven = 0;        ///< dead-letter nodes: sent back to their queues
    std::uint64_t deduplicated = 0;    ///< queues: sends suppressed by the deduplication window
    std::uint64_t requeues = 0;        ///< RabbitMQ queues: failed deliveries nacked back
    /// RabbitMQ queues: the prefetch limit per consumer (0: none).
    std::uint32_t prefetch = 0;
    /// RabbitMQ queues: one per consumer, in the order the queue feeds them.
    std::vector<QueueConsumerSnapshot> consumers;
    std::uint64_t versionRejections = 0; ///< services: messages rejected as unreadable (schema version)
    std::uint64_t upcasts = 0;           ///< services: messages read through the upcaster chain
    std::uint64_t hangs = 0;             ///< services: failed processings that hung
};

/// Live state of one edge of the topology (same order as Topology::edges).
struct EdgeSnapshot
{
    /// Messages that have crossed the edge since the run began, by class
    /// (monotone: never reset, so the difference between two snapshots is
    /// what crossed in between).
    std::array<std::uint64_t, static_cast<std::size_t>(MessageClass::Count)> carried{};
    /// Call and publish edges with a circuit breaker: its state now.
    std::optional<CircuitBreakerState> breaker;
    std::uint64_t breakerTransitions = 0; ///< since the run began (monotone): a change means "flash"
    std::uint64_t rejectedCalls = 0;      ///< by the breaker, measured period
};

/// The ledger counters at the snapshot's time (whole run).
struct LedgerSnapshot
{
    std::uint64_t produced = 0;
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    std::uint64_t deadLettered = 0;
    std::uint64_t dropped = 0;
    std::uint64_t expired = 0;
    std::uint64_t inFlight = 0;
    std::uint64_t forked = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t redriven = 0;
    std::uint64_t lostToRetention = 0;
    std::uint64_t calls = 0; ///< call requests sent, one per attempt
};

/// A value copy of a running simulation's state, taken between events by the
/// thread that runs it and handed to the GUI (STYLE §5). Never needed for
/// correctness: a headless run never takes one.
struct RunSnapshot
{
    /// Which run of the controller this came from; the GUI drops snapshots
    /// of an older generation (after Reset or a new Run).
    std::uint64_t runGeneration = 0;
    sim::Time now;
    sim::Time horizon;
    double progress = 0; ///< [0, 1]
    std::uint64_t events = 0;
    bool finished = false;
    /// Incremented when warm-up deletion resets the counters: rates computed
    /// from two snapshots of different epochs are not differences.
    std::uint32_t statisticsEpoch = 0;
    LedgerSnapshot ledger;
    std::vector<NodeSnapshot> nodes; ///< same order as Topology::nodes
    std::vector<EdgeSnapshot> edges; ///< same order as Topology::edges
    /// Run-log entries since the previous snapshot, oldest first.
    std::vector<RunLogEntry> log;
};

} // namespace asyncsim::models
