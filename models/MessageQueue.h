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

    /// Adds a consumer (not owned), fed over a consume edge.
    /// @p edge is the consume edge's index in the topology (-1: none), for the traffic counts.
    void addConsumer(Service *consumer, std::int32_t edge = -1)
    {
        m_consumers.push_back(consumer);
        m_consumerEdges.push_back(edge);
        m_buffers.emplace_back();
        m_held.push_back(0);
        m_heldMax.push_back(0);
    }
    /// Sets the dead-letter node (not owned) named in the spec.
    void setDeadLetter(DeadLetterQueue *target) { m_deadLetter = target; }
    /// A consumer with a free worker asks for work (from its prefetch buffer
    /// first); false when nothing it may take waits.
    bool pull(Service &consumer);
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
    /// Deliveries @p consumer (a consumer index, in addConsumer order) holds
    /// unacknowledged now (RabbitMQ), processing or buffered.
    std::uint32_t held(std::size_t consumer) const { return m_held[consumer]; }
    /// Deliveries waiting in @p consumer's prefetch buffer.
    std::size_t buffered(std::size_t consumer) const { return m_buffers[consumer].size(); }
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

    /// Delivers @p message to consumer @p consumer (an index), to a worker or
    /// to its prefetch buffer; false if it went to the dead-letter node
    /// instead (SQS maxReceiveCount reached) or expired.
    bool dispatch(MessageRef message, std::size_t consumer);
    /// Delivers the next message consumer @p consumer may take; false if none.
    bool deliverNext(std::size_t consumer);
    /// Position in m_waiting of the first message that may be delivered (FIFO:
    /// whose group has nothing in flight); empty if none.
    std::optional<std::size_t> nextReady() const;
    /// A worker of @p consumer starts on @p message from its prefetch buffer.
    void startBuffered(MessageRef message, Service &consumer);
    /// Whether consumer @p consumer may take one more delivery now.
    bool hasCredit(std::size_t consumer) const;
    /// SQS FIFO semantics apply.
    bool fifo() const { return m_spec.fifo && m_spec.flavour == QueueFlavour::Sqs; }
    /// Whether nothing of @p message's group is in flight (always, unless FIFO).
    bool groupFree(MessageRef message) const;
    /// SQS FIFO: the message group of @p message (its producer and key).
    static std::uint64_t groupOf(const Message &message);
    /// Prefetch applies (RabbitMQ with a limit).
    bool prefetching() const { return m_spec.prefetch > 0 && m_spec.flavour == QueueFlavour::RabbitMq; }
    /// Index of @p consumer in m_consumers.
    std::size_t consumerIndex(const Service &consumer) const;
    /// RabbitMQ: what the ack or return of @p message does (see settle).
    Settlement settleRabbitMq(MessageRef message, bool success);
    /// RabbitMQ: @p message is no longer held by its consumer (acked or returned).
    void release(MessageRef message);
    /// Hands ready messages to consumers with free workers (or prefetch credit).
    void feedIdleConsumers();
    /// Makes @p message ready again, at the head (RabbitMQ requeue) or the tail.
    void makeReady(MessageRef message, bool atHead);
    void giveUp(MessageRef message, DeadLetterReason reason, DropReason withoutTarget);
    /// Counts @p message crossing the consume edge to @p consumer.
    void carry(MessageRef message, std::size_t consumer);
    /// Logs a refusal or push-out by the length limit (when a log is kept).
    void noteOverflow();

    QueueSpec m_spec;
    std::deque<MessageRef> m_waiting;
    std::vector<Service *> m_consumers;        // not owned
    std::vector<std::int32_t> m_consumerEdges; // edge index of each consumer
    std::size_t m_nextConsumer = 0;
    DeadLetterQueue *m_deadLetter = nullptr; // not owned
    // RabbitMQ, per consumer: the prefetch buffer, and the unacked deliveries
    // now and at most; and which consumer holds each unacked message.
    std::vector<std::deque<MessageRef>> m_buffers;
    std::vector<std::uint32_t> m_held;
    std::vector<std::uint32_t> m_heldMax;
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
