#pragma once

#include "sim/Event.h"
#include "sim/Time.h"

#include <cassert>
#include <cstdint>
#include <vector>

namespace asyncsim::models {

/// Index of a message in its MessagePool.
using MessageRef = std::uint32_t;

/// Keyless messages carry this key.
inline constexpr std::uint32_t NoKey = ~std::uint32_t{0};
/// Message::holder of a message no queue holds a receipt for.
inline constexpr std::uint32_t NoHolder = ~std::uint32_t{0};

/// How a message crossing an edge is drawn in the live view (counted per
/// edge in RunContext::edgeTraffic; RunSnapshot reports it).
enum class MessageClass : std::uint8_t {
    Normal,          ///< a first delivery
    Retry,           ///< a retried call or a redelivery
    Duplicate,       ///< a second copy (at-least-once)
    Poison,          ///< a poison message (always fails)
    RejectedVersion, ///< a schema version its consumer does not accept
    Count
};

/// One message in flight. Plain data; lives in a MessagePool slot.
struct Message
{
    std::uint64_t id = 0;          ///< unique within the run
    std::uint64_t rootId = 0;      ///< id of the message that started the flow
    sim::Time created;             ///< when the flow's first message was produced
    sim::Time enteredNode;         ///< when it arrived where it is now
    sim::Time enqueuedAt;          ///< when it entered its current queue (kept across redeliveries)
    std::uint32_t key = NoKey;     ///< partition/group key
    std::uint32_t keySequence = 0; ///< 1, 2, ... per key and producer
    std::uint16_t version = 1;     ///< schema version
    std::uint16_t producer = 0;    ///< index of the producing node (names the flow)
    std::uint16_t deliveries = 0;  ///< times its current queue handed it to a consumer
    std::uint16_t attempts = 0;    ///< sends of it on its current hop, the first included (retries add)
    /// Node index of the queue that handed it to a consumer and waits for its
    /// acknowledgement (SQS, RabbitMQ), or NoHolder.
    std::uint32_t holder = NoHolder;
    /// Call requests: node index of the calling service that waits for the
    /// answer; NoHolder for any other message.
    std::uint32_t replyTo = NoHolder;
    /// SQS: the pending end of its visibility timeout; InvalidEventId once the
    /// receipt is stale (deleted, or made visible again).
    sim::EventId visibilityTimer = sim::InvalidEventId;
    /// SQS: a consumer is still processing it (as opposed to having given up on it).
    bool processing = false;
    /// Topics: the partition and offset of the record this copy was read from (valid while a topic holds it).
    std::uint32_t partition = 0;
    std::uint64_t offset = 0;
    /// There is (or was) another copy of this message: a queue redelivered it
    /// while it was still being processed.
    bool duplicated = false;
    /// A poison message: every processing of it fails (a poison fault made it so).
    bool poison = false;
    /// Its last consumer could not read its version (a rejection by version);
    /// cleared at each delivery, so a queue names the cause when it gives up.
    bool unreadable = false;
    /// Call requests: the call edge (the caller's own numbering), the
    /// caller's job, and the attempt's serial (to tell a late answer from a
    /// current one). The caller is replyTo. Placed to fill padding: the pool
    /// copies messages often.
    std::uint16_t replyEdge = 0;
    /// The replica of a replicated service that holds it, while it waits
    /// there or is processed (see Service). Also fills padding.
    std::uint16_t replica = 0;
    std::uint32_t replyJob = 0;
    std::uint32_t replySerial = 0;
};

/// The class of @p message as it crosses an edge: a poison message is Poison,
/// a copy of a redelivered message a Duplicate, a second or later send or
/// delivery a Retry. (RejectedVersion depends on the receiver: see RunContext::carry.)
/// @p deliveries is the count of the queue it comes from (0 for a publish edge,
/// where Message::deliveries still belongs to the previous queue).
inline MessageClass classOf(const Message &message, std::uint16_t deliveries)
{
    if (message.poison)
        return MessageClass::Poison;
    if (message.duplicated)
        return MessageClass::Duplicate;
    if (message.attempts > 1 || deliveries > 1)
        return MessageClass::Retry;
    return MessageClass::Normal;
}

/// Storage for the messages of a run. Slots are reused, so a run of any
/// length allocates only as many as are in flight at the busiest moment.
class MessagePool
{
public:
    /// A fresh, zeroed message.
    MessageRef acquire()
    {
        MessageRef ref;
        if (!m_free.empty()) {
            ref = m_free.back();
            m_free.pop_back();
            m_slots[ref] = Message{};
        } else {
            ref = static_cast<MessageRef>(m_slots.size());
            m_slots.emplace_back();
        }
        ++m_live;
        return ref;
    }
    /// Returns a message's slot. Precondition: @p ref is live.
    void release(MessageRef ref)
    {
        assert(m_live > 0);
        m_free.push_back(ref);
        --m_live;
    }

    Message &operator[](MessageRef ref) { return m_slots[ref]; }
    const Message &operator[](MessageRef ref) const { return m_slots[ref]; }

    /// Messages acquired and not yet released.
    std::uint64_t live() const { return m_live; }
    /// Slots ever allocated (the high-water mark of live()).
    std::size_t capacity() const { return m_slots.size(); }

private:
    std::vector<Message> m_slots;
    std::vector<MessageRef> m_free;
    std::uint64_t m_live = 0;
};

} // namespace asyncsim::models
