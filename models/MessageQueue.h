#pragma once

#include "Component.h"
#include "sim/LatencyHistogram.h"
#include "sim/TimeSeries.h"
#include "sim/TimeWeighted.h"

#include <deque>
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
///   limit is dead-lettered, so it is delivered limit + 1 times.
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
    }
    /// Sets the dead-letter node (not owned) named in the spec.
    void setDeadLetter(DeadLetterQueue *target) { m_deadLetter = target; }
    /// A consumer with a free worker asks for work; false when nothing waits.
    bool pull(Service &consumer);
    /// The consumer holding @p message finished processing it (@p success or
    /// not). Precondition: Message::holder is this queue.
    Settlement settle(MessageRef message, bool success);
    /// The consumer holding @p message crashed while processing it. SQS: it
    /// stays invisible until its visibility timeout ends (a stale receipt's
    /// copy is simply gone: dropped as "crashed"). RabbitMQ: the channel
    /// closed, so it is requeued at once at the head, and the return counts
    /// toward the delivery limit (a client crash counts in every RabbitMQ
    /// version, SEMANTICS §3.5).
    void crashed(MessageRef message);
    std::size_t waiting() const { return m_waiting.size(); }

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

    /// Delivers @p message to @p consumer; false if it went to the dead-letter
    /// node instead (SQS maxReceiveCount reached).
    bool dispatch(MessageRef message, Service &consumer);
    /// Hands ready messages to consumers with free workers.
    void feedIdleConsumers();
    /// Makes @p message ready again, at the head (RabbitMQ requeue) or the tail.
    void makeReady(MessageRef message, bool atHead);
    void giveUp(MessageRef message, DeadLetterReason reason, DropReason withoutTarget);
    /// Counts @p message crossing the consume edge to @p consumer.
    void carry(MessageRef message, const Service &consumer);
    /// Logs a refusal or push-out by the length limit (when a log is kept).
    void noteOverflow();

    QueueSpec m_spec;
    std::deque<MessageRef> m_waiting;
    std::vector<Service *> m_consumers;        // not owned
    std::vector<std::int32_t> m_consumerEdges; // edge index of each consumer
    std::size_t m_nextConsumer = 0;
    DeadLetterQueue *m_deadLetter = nullptr; // not owned

    std::uint64_t m_arrivals = 0;
    std::uint64_t m_dispatched = 0;
    std::uint64_t m_drops = 0;
    std::uint64_t m_redeliveries = 0;
    std::uint64_t m_duplicates = 0;
    std::uint64_t m_deadLettered = 0;
    std::uint64_t m_expired = 0;
    std::uint64_t m_unacked = 0; // received and not yet acknowledged (whole run)
    sim::TimeSeries m_lengthSeries;
    sim::TimeSeries m_throughputSeries;
    sim::TimeWeighted m_length;
    sim::LatencyHistogram m_wait;
};

} // namespace asyncsim::models
