#pragma once

#include "Component.h"
#include "DedupeStore.h"
#include "sim/LatencyHistogram.h"
#include "sim/TimeSeries.h"
#include "sim/TimeWeighted.h"

#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace asyncsim::models {

class DeadLetterQueue;
class Service;

/// What a queue does with a message its consumer has finished with.
enum class Settlement {
    Keep,     ///< the consumer keeps it and passes it on (acknowledged, or a stale duplicate)
    Returned, ///< the queue has taken it back (to redeliver or dead-letter)
    Discard,  ///< nobody keeps it: it failed (a copy of it is back in the queue)
};

/// A point-to-point queue with competing consumers: each message goes to one
/// consumer, in FIFO order, round-robin among the consumers that have a free
/// worker. Optionally bounded (counting ready messages only), with an
/// overflow policy.
///
/// Acknowledgements follow the queue's flavour (SEMANTICS §2, §3):
/// - basic: auto-ack; a message is gone once delivered.
/// - SQS: a received message stays, invisible, until its consumer deletes it
///   (success) or the visibility timeout ends; then it is visible again, and
///   if its consumer is still working on it, a second copy is delivered
///   (at-least-once). A message received maxReceiveCount times goes to the
///   dead-letter node at its next receive.
/// - RabbitMQ (quorum): manual ack; a failure nacks it back to the head of the
///   queue, or rejects it; a message returned more often than the delivery
///   limit is dead-lettered, so it is delivered limit + 1 times (4.0 to 4.2;
///   under the 4.3 rule a nack does not count, see DeliveryLimitCounting).
///   With a prefetch, each consumer holds at most that many unacknowledged
///   deliveries, those its workers cannot start yet in a buffer of its own.
///
/// An SQS FIFO queue holds back the later messages of a group (a producer's key) while one
/// is in flight. A deduplication window acknowledges and drops a send whose
/// message id it accepted within the interval.
class MessageQueue : public Component
{
public:
    MessageQueue(RunContext &context, const NodeSpec &spec, std::size_t index);

    /// Adds a consumer (not owned), fed over a consume edge: one channel, or
    /// with a prefetch one per replica of a replicated service (each replica
    /// is a client of its own, with its own window).
    /// @p edge is the consume edge's index in the topology (-1: none), for the traffic counts.
    void addConsumer(Service *consumer, std::int32_t edge = -1);
    /// Sets the dead-letter node (not owned) named in the spec.
    void setDeadLetter(DeadLetterQueue *target) { m_deadLetter = target; }
    /// A consumer with a free worker asks for work (from its prefetch buffer
    /// first); false when nothing it may take waits.
    bool pull(Service &consumer);
    /// Replica @p replica of @p consumer crashed: its channel closed, so
    /// the deliveries in its prefetch buffer are requeued at the head, in
    /// their order, and count toward the delivery limit as a client crash
    /// does. Nothing is redelivered until deliverWaiting(): the crashed
    /// replica's work in progress is returned in between (crashed(), newest
    /// first), ahead of them, as it was delivered first.
    void channelClosed(const Service &consumer, std::uint16_t replica);
    /// After channelClosed(): hands what waits to the channels with room.
    void deliverWaiting()
    {
        if (!m_holdDeliveries)
            return;
        m_holdDeliveries = false;
        feedIdleConsumers();
    }
    /// The consumer holding @p message finished processing it (@p success or
    /// not). Precondition: Message::holder is this queue.
    Settlement settle(MessageRef message, bool success);
    /// The consumer holding @p message cannot read its schema version (a
    /// deserialization failure; Message::unreadable is set). RabbitMQ: the
    /// consumer rejects it without requeue, so it is dead-lettered at once
    /// ("rejected-version", dropped without a target): requeueing a message
    /// no one can read would only loop. SQS has no reject: the consumer does
    /// not delete it, so it fails every receive and moves to the dead-letter
    /// queue after maxReceiveCount receives, named "rejected-version" there.
    Settlement rejectUnreadable(MessageRef message);
    /// How long a consumer that hangs holds a message before the queue takes
    /// it back: SQS, the visibility timeout; RabbitMQ, the consumer timeout
    /// (30 min by default); empty for a basic queue (auto-ack: nobody waits).
    std::optional<sim::Duration> consumerTimeout() const;
    /// RabbitMQ: the consumer timeout fired for @p message, whose consumer
    /// hangs: the channel is closed and the message requeued at the head.
    /// The return counts toward the delivery limit (RabbitMQ 4.0 to 4.2).
    void consumerTimedOut(MessageRef message);
    /// The consumer holding @p message crashed while processing it. SQS: it
    /// stays invisible until its visibility timeout ends (a stale receipt's
    /// copy is simply gone: dropped as "crashed"). RabbitMQ: the channel
    /// closed, so it is requeued at once at the head, and the return counts
    /// toward the delivery limit (a client crash counts in every RabbitMQ
    /// version, SEMANTICS §3.5).
    void crashed(MessageRef message);
    std::size_t waiting() const { return m_waiting.size(); }
    /// Deliveries channel @p channel (in addConsumer order, a replicated
    /// consumer's replicas one after the other) holds unacknowledged now
    /// (RabbitMQ), processing or buffered.
    std::uint32_t held(std::size_t channel) const { return m_channels[channel].held; }
    /// Deliveries waiting in channel @p channel's prefetch buffer.
    std::size_t buffered(std::size_t channel) const { return m_channels[channel].buffer.size(); }
    QueueFlavour flavour() const { return m_spec.flavour; }

    bool offer(MessageRef message) override;
    DropReason refusalReason() const override { return DropReason::QueueFull; }
    void handleEvent(const sim::Event &event) override;
    void resetStatistics() override;
    void finish(sim::Time end) override;
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override;
    void collectSeries(std::vector<SeriesResults> &out) const override;
    void snapshot(NodeSnapshot &out) const override;
    /// Live reconfiguration: a new bound on ready messages (empty: none);
    /// what waits beyond a lowered bound stays.
    void setCapacity(std::optional<std::uint64_t> capacity) { m_spec.capacity = capacity; }
    const std::optional<std::uint64_t> &capacity() const { return m_spec.capacity; }

private:
    enum EventKind : std::uint32_t { VisibilityTimeout, DelayOver };

    /// Makes a new (or delayed) message ready, applying the length limit.
    bool enqueue(MessageRef message);
    /// Removes @p message for drop-head: dead-lettered ("maxlen") or dropped.
    void dropHead(MessageRef message);
    /// Expires @p message if it is past its TTL or retention; true if so.
    bool expireIfDue(MessageRef message);

    /// Delivers @p message over channel @p channel, to a worker or to its
    /// prefetch buffer; false if it went to the dead-letter node instead
    /// (SQS maxReceiveCount reached) or expired.
    bool dispatch(MessageRef message, std::size_t channel);
    /// Delivers the next message channel @p channel may take; false if none.
    bool deliverNext(std::size_t channel);
    /// Position in m_waiting of the first message that may be delivered (FIFO:
    /// whose group has nothing in flight); empty if none.
    std::optional<std::size_t> nextReady() const;
    /// A worker behind channel @p channel starts on @p message from its prefetch buffer.
    void startBuffered(MessageRef message, std::size_t channel);
    /// Whether channel @p channel may take one more delivery now.
    bool hasCredit(std::size_t channel) const;
    /// SQS FIFO semantics apply.
    bool fifo() const { return m_spec.fifo && m_spec.flavour == QueueFlavour::Sqs; }
    /// Whether nothing of @p message's group is in flight (always, unless FIFO).
    bool groupFree(MessageRef message) const;
    /// SQS FIFO: the message group of @p message (its producer and key).
    static std::uint64_t groupOf(const Message &message);
    /// Prefetch applies (RabbitMQ with a limit).
    bool prefetching() const { return m_spec.prefetch > 0 && m_spec.flavour == QueueFlavour::RabbitMq; }
    /// RabbitMQ: what the ack or return of @p message does (see settle).
    Settlement settleRabbitMq(MessageRef message, bool success);
    /// RabbitMQ: @p message is no longer held by its consumer (acked or returned).
    void release(MessageRef message);
    /// Hands ready messages to consumers with free workers (or prefetch credit).
    void feedIdleConsumers();
    /// Makes @p message ready again, at the head (RabbitMQ requeue) or the tail.
    void makeReady(MessageRef message, bool atHead);
    void giveUp(MessageRef message, DeadLetterReason reason, DropReason withoutTarget);
    /// Counts @p message crossing the consume edge of channel @p channel.
    void carry(MessageRef message, std::size_t channel);
    /// Logs a refusal or push-out by the length limit (when a log is kept).
    void noteOverflow();

    QueueSpec m_spec;
    std::deque<MessageRef> m_waiting;
    /// A consumer's channel: a consuming service, or with a prefetch one
    /// replica of it. RabbitMQ keeps, per channel, the prefetch buffer and
    /// the unacked deliveries now and at most.
    struct Channel
    {
        Service *consumer;     // not owned
        std::uint16_t replica; // of a replicated consumer with a prefetch; 0 otherwise
        bool perReplica;       // one channel per replica (the worker must be of that replica)
        std::int32_t edge;     // consume edge index, for the traffic counts
        std::deque<MessageRef> buffer;
        std::uint32_t held = 0;
        std::uint32_t heldMax = 0;
    };
    std::vector<Channel> m_channels;
    std::size_t m_nextChannel = 0;
    bool m_holdDeliveries = false;           // from channelClosed() to deliverWaiting()
    DeadLetterQueue *m_deadLetter = nullptr; // not owned
    // RabbitMQ: which channel holds each unacked message.
    std::unordered_map<MessageRef, std::uint32_t> m_holderOf;
    // SQS FIFO: the groups with a message in flight.
    std::unordered_set<std::uint64_t> m_groupsInFlight;
    std::optional<DedupeStore> m_dedupe;
    bool m_extendOnDuplicate = false;

    std::uint64_t m_arrivals = 0;
    std::uint64_t m_dispatched = 0;
    std::uint64_t m_drops = 0;
    std::uint64_t m_redeliveries = 0;
    std::uint64_t m_duplicates = 0;
    std::uint64_t m_deadLettered = 0;
    std::uint64_t m_expired = 0;
    std::uint64_t m_unacked = 0; // received and not yet acknowledged (whole run)
    std::uint64_t m_deduplicated = 0;
    std::uint64_t m_requeues = 0;
    sim::TimeSeries m_lengthSeries;
    sim::TimeSeries m_throughputSeries;
    sim::TimeWeighted m_length;
    sim::LatencyHistogram m_wait;
};

} // namespace asyncsim::models
