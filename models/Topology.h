#pragma once

#include "CircuitBreaker.h"
#include "RetryPolicy.h"
#include "sim/Distribution.h"
#include "sim/Time.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace asyncsim::models {

/// Settings of a run, as written in the file's "simulation" object.
struct SimulationSettings
{
    sim::Duration duration = sim::Duration::seconds(60); ///< simulated time to run
    sim::Duration warmup;                                ///< statistics before this are discarded
    std::uint64_t seed = 1;                              ///< every random stream derives from it
    int replications = 1;                                ///< independent runs (used by the statistics work)
    std::optional<sim::Duration> sampleInterval;         ///< time-series bin; default duration / 500

    bool operator==(const SimulationSettings &) const = default;
};

/// How a producer spaces its messages.
enum class ArrivalProcess {
    Invalid,
    Poisson,  ///< exponential gaps with mean 1/rate
    Constant, ///< gaps of exactly 1/rate
    Uniform,  ///< gaps uniform on [(1-spread)/rate, (1+spread)/rate]
    Bursty,   ///< Poisson at rate while "on", silent while "off"
};

/// A point of a producer's rate profile: from @c at on, the rate is multiplied
/// by @c factor. With @c ramp, the factor moves linearly from the previous
/// point's value to this one instead of jumping.
struct RatePoint
{
    sim::Duration at;
    double factor = 1;
    bool ramp = false;

    bool operator==(const RatePoint &) const = default;
};

/// The arrivals of a producer.
struct ArrivalSpec
{
    ArrivalProcess process = ArrivalProcess::Poisson;
    double rate = 1;       ///< messages per second (while on, for Bursty)
    double spread = 1;     ///< Uniform only, in [0, 1]
    sim::Distribution on;  ///< Bursty only: length of an on period, seconds
    sim::Distribution off; ///< Bursty only: length of an off period, seconds

    bool operator==(const ArrivalSpec &) const = default;
};

/// The keys a producer stamps on its messages.
struct KeySpec
{
    std::uint32_t count = 0; ///< 0: messages carry no key
    double zipf = 0;         ///< 0: uniform; s > 0: P(key k) proportional to 1 / k^s

    bool operator==(const KeySpec &) const = default;
};

/// A share of a producer's messages that carry schema version @c version.
struct VersionShare
{
    int version = 1;
    double share = 1;

    bool operator==(const VersionShare &) const = default;
};

/// Parameters of a producer node.
struct ProducerSpec
{
    ArrivalSpec arrivals;
    std::vector<RatePoint> profile; ///< empty: constant rate
    KeySpec keys;
    std::vector<VersionShare> versions; ///< empty: everything is v1
    std::optional<std::uint64_t> limit; ///< stop after this many messages

    bool operator==(const ProducerSpec &) const = default;
};

/// What a full queue does with a new message.
enum class OverflowPolicy {
    Invalid,
    RejectNew,           ///< refuse the newcomer; the publisher drops it (RabbitMQ reject-publish)
    DropOldest,          ///< discard the oldest ready message to make room (drop-head; dead-lettered as
                         ///< "maxlen" by a RabbitMQ queue with a dead-letter target)
    RejectNewDeadLetter, ///< RabbitMQ reject-publish-dlx: refuse the newcomer and dead-letter it ("maxlen")
};

/// Whose acknowledgement semantics a queue follows.
enum class QueueFlavour {
    Invalid,
    Basic,    ///< auto-ack: a message is gone once handed to a consumer; a failed processing loses it
    Sqs,      ///< Amazon SQS: received messages stay, invisible, until deleted or the visibility timeout ends
    RabbitMq, ///< RabbitMQ quorum queue: manual ack; a failure nacks (requeue) or rejects it
};

/// What a RabbitMQ consumer does with a message it failed to process.
enum class FailureAction {
    Invalid,
    Requeue, ///< basic.nack with requeue: back to the head of the queue (counts toward the delivery limit)
    Reject,  ///< basic.reject without requeue: dead-lettered (reason "rejected"), or dropped without a dead-letter
             ///< target
};

/// Which returns count toward a RabbitMQ quorum queue's delivery limit (SEMANTICS §3.5).
enum class DeliveryLimitCounting {
    All,    ///< RabbitMQ 4.0 to 4.2: every return, a nack with requeue included
    Failed, ///< RabbitMQ 4.3 and later: only failed returns (basic.reject, a crash, a lost connection);
            ///< a nack with requeue is counted apart (x-acquired-count) and never dead-letters
};

/// A queue's deduplication window (SQS FIFO's deduplication interval, SEMANTICS §2.4):
/// a send whose message id was accepted within the interval is acknowledged
/// but not enqueued.
struct QueueDeduplication
{
    sim::Duration interval = sim::Duration::seconds(300);
    /// Whether a suppressed duplicate starts the interval again; SQS does not
    /// say (the [ASSUMPTION] of SEMANTICS §2.4), so by default it does not.
    bool extendOnDuplicate = false;

    bool operator==(const QueueDeduplication &) const = default;
};

/// Parameters of a point-to-point queue node.
struct QueueSpec
{
    std::optional<std::uint64_t> capacity; ///< ready (waiting) messages; empty: unbounded
    OverflowPolicy overflow = OverflowPolicy::RejectNew;
    QueueFlavour flavour = QueueFlavour::Basic;
    /// SQS: how long a received message stays invisible (default 30 s, at most 12 h).
    sim::Duration visibilityTimeout = sim::Duration::seconds(30);
    /// SQS redrive policy: a message received this many times is moved to the
    /// dead-letter target instead of being received again (needs deadLetter).
    std::optional<int> maxReceiveCount;
    /// RabbitMQ: a returned message whose delivery count exceeds this is
    /// dead-lettered (reason "delivery-limit"); empty: no limit. RabbitMQ 4 defaults to 20.
    std::optional<int> deliveryLimit = 20;
    /// RabbitMQ: what a failed processing does.
    FailureAction onFailure = FailureAction::Requeue;
    /// Id of the dead-letter node that takes this queue's dead letters; empty: none.
    std::string deadLetter;
    /// RabbitMQ: a message older than this (since it entered the queue; a
    /// requeue keeps its age) expires when it reaches the head: dead-lettered
    /// ("expired") with a dead-letter target, else gone as expired. Empty: no TTL.
    std::optional<sim::Duration> messageTtl;
    /// SQS MessageRetentionPeriod (60 s to 14 d, default 4 d): older messages
    /// are deleted, never dead-lettered.
    sim::Duration retention = sim::Duration::seconds(4 * 86400);
    /// SQS DelaySeconds (0 to 15 min): a new message is hidden this long first.
    sim::Duration deliveryDelay;
    /// RabbitMQ basic.qos, per consumer: the most unacknowledged deliveries a
    /// consuming service holds (processing, or waiting in its own buffer where
    /// other consumers cannot get them). 0: no limit, and a consumer takes
    /// deliveries only as its workers become free.
    std::uint32_t prefetch = 0;
    /// SQS FIFO: strict order per message group (the message key, per
    /// producer; a producer's keyless messages form one group): while a
    /// message of a group is in flight, no later message of that group is received.
    bool fifo = false;
    /// Deduplication of sends by message id; empty: none, except that a FIFO
    /// queue always deduplicates (over the default 5 minutes): see deduplicationWindow().
    std::optional<QueueDeduplication> deduplication;
    /// RabbitMQ: the delivery-limit rule of the server version modelled.
    DeliveryLimitCounting deliveryLimitCounts = DeliveryLimitCounting::All;
    /// RabbitMQ consumer_timeout: a delivery held unacknowledged longer than
    /// this has its channel closed and is requeued (SEMANTICS §3.2); 30 min
    /// is RabbitMQ's default.
    sim::Duration consumerTimeout = sim::Duration::seconds(30 * 60);

    /// The deduplication the queue applies: the one given, or SQS FIFO's 5-minute default.
    std::optional<QueueDeduplication> deduplicationWindow() const
    {
        if (deduplication)
            return deduplication;
        if (fifo && flavour == QueueFlavour::Sqs)
            return QueueDeduplication{};
        return std::nullopt;
    }

    bool operator==(const QueueSpec &) const = default;
};

/// An idempotent consumer's store of the message ids it has processed
/// (microservices.io's idempotent-consumer pattern): a message whose id is
/// there is recognised as a duplicate and skipped. The id is recorded in the
/// same transaction as the work's effects, so of two copies processed at the
/// same time only the first to finish has an effect.
struct IdempotencySpec
{
    sim::Duration ttl = sim::Duration::seconds(600); ///< how long an id is remembered
    std::optional<std::uint64_t> capacity;           ///< most ids kept (oldest forgotten first); empty: no limit

    bool operator==(const IdempotencySpec &) const = default;
};

/// How a service's failed processing ends (SEMANTICS §0: a failure is an
/// outcome the component reports; the broker mechanism that follows is the queue's).
enum class FailureMode {
    Error, ///< it fails at the end of its service time, and says so
    Hang,  ///< it never answers: the worker is held until its caller or queue gives up (see Service)
};

/// How a load balancer spreads requests over a service's replicas (see LoadBalancer).
enum class BalancerStrategy {
    RoundRobin,       ///< each replica in turn
    Random,           ///< a replica drawn uniformly
    LeastOutstanding, ///< the replica with the fewest requests outstanding (ties: in turn)
    PowerOfTwo,       ///< two distinct replicas drawn uniformly, the less loaded of them (ties: the first drawn)
};

/// One step of a consumer's upcaster chain (SEMANTICS §5.2): it turns a
/// message of schema version @c from into version @c from + 1, at a CPU cost
/// added to the service time.
struct UpcasterSpec
{
    int from = 1;
    sim::Distribution cost = sim::Distribution::constant(0); ///< seconds

    bool operator==(const UpcasterSpec &) const = default;
};

/// Parameters of a service node.
struct ServiceSpec
{
    int workers = 1;                                                   ///< concurrency c
    sim::Distribution serviceTime = sim::Distribution::constant(0.01); ///< seconds
    double failureProbability = 0;                                     ///< chance that one processing fails
    std::optional<std::uint64_t> capacity;      ///< its own waiting line for published messages; empty: unbounded
    std::optional<IdempotencySpec> idempotency; ///< empty: duplicates are processed again
    /// Schema versions it reads, ascending; empty: every version.
    std::vector<int> accepts{};
    /// Its upcaster chain, ascending by @c from, one step per version at most.
    std::vector<UpcasterSpec> upcasters{};
    FailureMode failureMode = FailureMode::Error;
    /// Instances of the service, each with its own @c workers and its own
    /// line (of @c capacity); work pushed to it (published, called) goes
    /// through a load balancer, and each replica pulls from its queues as a
    /// consumer of its own.
    int replicas = 1;
    BalancerStrategy balancer = BalancerStrategy::RoundRobin;

    bool operator==(const ServiceSpec &) const = default;
};

/// Parameters of a sink node (an external system that accepts everything).
struct SinkSpec
{
    bool operator==(const SinkSpec &) const = default;
};

/// Parameters of a dead-letter queue node: it keeps every dead letter with its
/// reason and the time it arrived.
struct DeadLetterSpec
{
    /// When set: at this time every dead letter held is sent back to the queue
    /// it came from, as a new message (SQS redrive: new id, new enqueue time).
    std::optional<sim::Duration> redriveAt;

    bool operator==(const DeadLetterSpec &) const = default;
};

/// When a Kafka consumer group commits its offsets (SEMANTICS §4.2).
enum class CommitMode {
    Auto,      ///< enable.auto.commit: every autoCommitInterval, the offsets of the records processed so far
    PerRecord, ///< commitSync after each processed record
};

/// How a Kafka consumer group shares its partitions out, and what a
/// rebalance stops (partition.assignment.strategy, SEMANTICS §4.2).
enum class Assignor {
    Range,             ///< RangeAssignor, eager protocol: every rebalance stops the whole group
    CooperativeSticky, ///< CooperativeStickyAssignor: only partitions changing owner stop
};

/// Parameters of a Kafka topic node: a partitioned log read by consumer
/// groups (one group per consuming service).
///
/// The commit settings are the topic's and apply to every group that reads
/// it, unless the group's consume edge overrides them (EdgeSpec::commit).
struct TopicSpec
{
    int partitions = 3;                                           ///< ≥ 1
    sim::Duration retention = sim::Duration::seconds(7 * 86400);  ///< retention.ms (Kafka: 168 h)
    CommitMode commit = CommitMode::Auto;                         ///< enable.auto.commit defaults to true
    sim::Duration autoCommitInterval = sim::Duration::seconds(5); ///< auto.commit.interval.ms (Kafka: 5000)
    /// How long a rebalance round takes when a member crashes or joins: the
    /// members learn of it at their next heartbeat (heartbeat.interval.ms,
    /// Kafka: 3 s) and rejoin. Under the eager protocol it stops all the
    /// group's partitions; under the cooperative one only those without an
    /// owner. A crash is taken as detected at once (a clean LeaveGroup, or an
    /// orchestrator's kill); a silent crash found by session.timeout.ms (45 s)
    /// is modelled by a longer pause.
    sim::Duration rebalancePause = sim::Duration::seconds(3);
    /// The groups' assignor. Range is the first of Kafka's default
    /// [Range, CooperativeSticky] list, so the one a group uses unless told.
    Assignor assignor = Assignor::Range;

    bool operator==(const TopicSpec &) const = default;
};

/// The kinds of node, in the order of NodeSpec::Params.
enum class NodeKind { Producer, Queue, Service, Sink, DeadLetter, Topic };

/// A node of the topology.
struct NodeSpec
{
    using Params = std::variant<ProducerSpec, QueueSpec, ServiceSpec, SinkSpec, DeadLetterSpec, TopicSpec>;

    std::string id;
    std::array<double, 2> position{0, 0}; ///< canvas position
    Params params;

    NodeKind kind() const { return static_cast<NodeKind>(params.index()); }

    bool operator==(const NodeSpec &) const = default;
};

/// How a message crosses an edge.
enum class EdgeMode {
    Invalid,
    Publish, ///< asynchronous send to a queue, topic, service or sink
    Consume, ///< a queue or a topic feeds a service
    Call,    ///< synchronous request/response from a service to a service: the calling worker waits
};

/// What a call edge does with the caller's message when the call's last
/// attempt failed, timed out or was rejected by the breaker.
enum class FallbackAction {
    Fail,  ///< the caller's processing fails (its queue redelivers or dead-letters it, or it counts as failed)
    Drop,  ///< the message is dropped (reason "fallback"); the caller's processing counts as done (acked)
    Route, ///< the message is published to the node @c to instead; the caller's processing counts as done
};

/// A call edge's fallback.
struct FallbackSpec
{
    FallbackAction action = FallbackAction::Fail;
    std::string to; ///< Route only: id of the node that takes the message

    bool operator==(const FallbackSpec &) const = default;
};

/// A directed edge between two nodes, named by id.
struct EdgeSpec
{
    std::string from;
    std::string to;
    EdgeMode mode = EdgeMode::Publish;
    /// Publish edges: when set on a node's outgoing edges, each message takes
    /// one edge with this probability (the rest ends its flow at the node);
    /// when unset, every outgoing edge gets a copy.
    std::optional<double> probability;
    /// Call edges: how long the caller waits for one attempt's answer (> 0).
    /// One second by default: long enough for ordinary service times, short
    /// enough that a hanging callee shows within a run of minutes.
    sim::Duration timeout = sim::Duration::seconds(1);
    /// Call and publish edges: Resilience4j retry around the call or publish
    /// (and around the breaker); none if empty. A publish fails when the
    /// target refuses it (a nack under publisher confirms).
    std::optional<RetryConfig> retry{};
    /// Call and publish edges: Resilience4j circuit breaker on the call or publish; none if empty.
    std::optional<CircuitBreakerConfig> circuitBreaker{};
    /// Call and publish edges: what happens when the last attempt failed. On
    /// a publish edge "fail" and "drop" both drop the message with the reason
    /// of its last refusal; "route" publishes it to the fallback target.
    FallbackSpec fallback{};
    /// Consume edges from a topic: the group's commit mode, overriding the
    /// topic's (empty: the topic's).
    std::optional<CommitMode> commit{};
    /// Consume edges from a topic with commit Auto: the group's auto-commit
    /// interval (empty: the topic's).
    std::optional<sim::Duration> autoCommitInterval{};
    /// Consume edges from a topic: the group's assignor (empty: the topic's).
    std::optional<Assignor> assignor{};

    bool operator==(const EdgeSpec &) const = default;
};

/// What a fault does to its target.
enum class FaultKind {
    Outage,  ///< a service takes no new work; calls to it fail (or hang); published messages are refused
    Latency, ///< a service's service times are multiplied by @c factor
    Errors,  ///< a service's failure probability becomes @c probability
    Traffic, ///< a producer's rate is multiplied by @c factor (on top of its rate profile)
    Scale,   ///< a service runs with @c workers workers
    Poison,  ///< a producer's new messages are poison (their processing always fails): a share, or the next @c count
    Crash,   ///< @c instances of a service's workers (consumer instances) crash, losing their work in progress;
             ///< they restart when the fault ends
    /// nothing crosses an edge between @c target and @c peer, either way:
    /// publishes are refused, call requests and answers are lost, consume edges deliver nothing
    Partition,
};

/// How a service in an outage answers calls.
enum class OutageMode {
    Error, ///< at once, with a failure
    Hang,  ///< never: the caller waits until its timeout
};

/// One entry of the faults timeline: from @c at, for @c duration (until the
/// end of the run if empty), @c kind applies to node @c target. Only the
/// fields of its kind matter.
struct FaultSpec
{
    sim::Duration at;
    std::optional<sim::Duration> duration{}; ///< "for" in files
    std::string target;
    FaultKind kind = FaultKind::Outage;
    OutageMode mode = OutageMode::Error; ///< Outage
    double factor = 1;                   ///< Latency, Traffic (> 0)
    double probability = 0;              ///< Errors, in [0, 1]
    int workers = 1;                     ///< Scale (≥ 1)
    /// Switched off ("enabled": false in files): kept in the timeline but not
    /// applied. Toggling it during a run starts or ends it at once.
    bool enabled = true;
    double share = 0;        ///< Poison: the chance that a new message is poison (when @c count is 0)
    std::uint64_t count = 0; ///< Poison: this many of its next messages are poison (0: use @c share)
    int instances = 1;       ///< Crash (≥ 1, at most the service's workers)
    std::string peer{};      ///< Partition: the node cut off from @c target

    bool operator==(const FaultSpec &) const = default;
};

/// A whole topology: what a file holds, as plain values.
struct Topology
{
    std::string name;
    std::string description;
    SimulationSettings simulation;
    std::vector<NodeSpec> nodes;
    std::vector<EdgeSpec> edges;
    std::vector<FaultSpec> faults; ///< the faults timeline, in file order

    /// Index of the node with @p id, or -1.
    int nodeIndex(const std::string &id) const;

    bool operator==(const Topology &) const = default;
};

/// The name of a node kind as written in files ("producer", ...).
const char *nodeKindName(NodeKind kind);
/// The name of an edge mode as written in files ("publish", "consume", "call").
const char *edgeModeName(EdgeMode mode);
/// The name of a fault kind as written in files ("outage", "latency", ...).
const char *faultKindName(FaultKind kind);

} // namespace asyncsim::models
