#include "MessageQueue.h"

#include "DeadLetterQueue.h"
#include "Service.h"
#include "Statistics.h"

#include <algorithm>

namespace asyncsim::models {

MessageQueue::MessageQueue(RunContext &context, const NodeSpec &spec, std::size_t index)
    : Component(context, spec, index)
    , m_spec(std::get<QueueSpec>(spec.params))
    , m_lengthSeries(sim::TimeSeries::Kind::Level, context.seriesInterval)
    , m_throughputSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
    , m_length(&m_lengthSeries)
{
    if (const auto window = m_spec.deduplicationWindow()) {
        m_dedupe.emplace(window->interval, std::nullopt);
        m_extendOnDuplicate = window->extendOnDuplicate;
    }
}

bool MessageQueue::offer(MessageRef message)
{
    ++m_arrivals;
    Message &m = m_context.pool[message];
    // The deduplication id is the message id: a redelivered copy or a retried
    // send keeps it, a fork or a redrive is a new message with a new one.
    const std::uint64_t id = m.id;
    if (m_dedupe && m_dedupe->contains(id, now())) {
        // Acknowledged to the sender, but not enqueued.
        ++m_deduplicated;
        if (m_extendOnDuplicate)
            m_dedupe->insert(id, now());
        m_context.drop(message, DropReason::Deduplicated);
        return true;
    }
    m.deliveries = 0; // receive counts are per queue
    m.enqueuedAt = now();
    bool accepted = true;
    if (m_spec.flavour == QueueFlavour::Sqs && m_spec.deliveryDelay.ns() > 0) {
        // DelaySeconds: hidden first, then ready at the tail (a delayed
        // message does not count toward the ready length meanwhile).
        m_context.simulation.schedule(m_spec.deliveryDelay, *this, DelayOver, message);
    } else {
        accepted = enqueue(message);
    }
    // A refused send was not accepted, so it does not open an interval.
    if (accepted && m_dedupe)
        m_dedupe->insert(id, now());
    return accepted;
}

bool MessageQueue::enqueue(MessageRef message)
{
    m_context.pool[message].enteredNode = now(); // waiting counts from when it is ready
    if (m_waiting.empty() && groupFree(message)) {
        // Hand straight to a consumer with a free worker (or prefetch credit), round-robin.
        for (std::size_t tried = 0; tried < m_channels.size(); ++tried) {
            const std::size_t channel = m_nextChannel;
            m_nextChannel = (m_nextChannel + 1) % m_channels.size();
            if (hasCredit(channel)) {
                dispatch(message, channel);
                return true;
            }
        }
    }
    if (m_spec.capacity && m_waiting.size() >= *m_spec.capacity) {
        ++m_drops;
        noteOverflow();
        switch (m_spec.overflow) {
        case OverflowPolicy::RejectNew:
        case OverflowPolicy::Invalid:
            return false;
        case OverflowPolicy::RejectNewDeadLetter:
            giveUp(message, DeadLetterReason::MaxLen, DropReason::QueueFull);
            return true; // refused, but the queue has dealt with it
        case OverflowPolicy::DropOldest:
            if (m_waiting.empty()) { // capacity 0: the newcomer is the oldest
                dropHead(message);
                return true;
            }
            dropHead(m_waiting.front());
            m_waiting.pop_front();
            break;
        }
    }
    m_waiting.push_back(message);
    m_length.set(now(), static_cast<double>(m_waiting.size()));
    // FIFO: the messages ahead may all be of groups in flight while this one's is free.
    if (fifo() && groupFree(message))
        feedIdleConsumers();
    return true;
}

void MessageQueue::addConsumer(Service *consumer, std::int32_t edge)
{
    const std::size_t replicas = prefetching() ? consumer->replicaCount() : 1;
    for (std::size_t r = 0; r < replicas; ++r)
        m_channels.push_back({consumer, static_cast<std::uint16_t>(r), replicas > 1, edge, {}});
}

bool MessageQueue::pull(Service &consumer)
{
    // The consumer's channels whose worker is free: each one's prefetched
    // deliveries come first, then what waits, within its window.
    for (std::size_t channel = 0; channel < m_channels.size(); ++channel) {
        Channel &c = m_channels[channel];
        if (c.consumer != &consumer || (c.perReplica && !consumer.hasFreeWorkerOn(c.replica)))
            continue;
        if (!c.buffer.empty()) {
            const MessageRef message = c.buffer.front();
            c.buffer.pop_front();
            startBuffered(message, channel);
            return true;
        }
        if (hasCredit(channel) && deliverNext(channel))
            return true;
    }
    return false;
}

void MessageQueue::channelClosed(const Service &consumer, std::uint16_t replica)
{
    if (!prefetching())
        return; // one channel per service: its workers' crash closes nothing
    m_holdDeliveries = true;
    for (Channel &c : m_channels) {
        if (c.consumer != &consumer || c.replica != replica)
            continue;
        // From the newest back, each at the head: they keep their order.
        while (!c.buffer.empty()) {
            const MessageRef message = c.buffer.back();
            c.buffer.pop_back();
            Message &m = m_context.pool[message];
            m.processing = false;
            m.holder = NoHolder;
            --m_unacked;
            release(message);
            if (m_spec.deliveryLimit && m.deliveries > *m_spec.deliveryLimit) {
                giveUp(message, DeadLetterReason::DeliveryLimit, DropReason::DeliveryLimit);
                continue;
            }
            m.enteredNode = now();
            m_waiting.push_front(message);
        }
        m_length.set(now(), static_cast<double>(m_waiting.size()));
    }
}

bool MessageQueue::deliverNext(std::size_t consumer)
{
    while (const auto position = nextReady()) {
        const MessageRef message = m_waiting[*position];
        m_waiting.erase(m_waiting.begin() + static_cast<std::ptrdiff_t>(*position));
        m_length.set(now(), static_cast<double>(m_waiting.size()));
        if (dispatch(message, consumer))
            return true;
    }
    return false;
}

std::optional<std::size_t> MessageQueue::nextReady() const
{
    if (!fifo())
        return m_waiting.empty() ? std::nullopt : std::optional<std::size_t>(0);
    for (std::size_t i = 0; i < m_waiting.size(); ++i)
        if (groupFree(m_waiting[i]))
            return i;
    return std::nullopt;
}

bool MessageQueue::groupFree(MessageRef message) const
{
    return !fifo() || !m_groupsInFlight.contains(groupOf(m_context.pool[message]));
}

std::uint64_t MessageQueue::groupOf(const Message &message)
{
    // Keys are per producer, as the consumers' ordering is measured.
    return (std::uint64_t{message.producer} << 32) | message.key;
}

bool MessageQueue::hasCredit(std::size_t channel) const
{
    // Without a prefetch a consumer takes what its workers can start. With
    // one, the broker pushes until the window is full, whatever the workers
    // are doing (also in an outage: the consumer's channel stays open). A
    // consumer cut off by a partition sees an empty queue.
    const Channel &c = m_channels[channel];
    if (m_context.isPartitioned(index(), c.consumer->index()))
        return false;
    if (!prefetching())
        return c.consumer->hasFreeWorker();
    // A crashed replica's channel is closed until it restarts.
    return c.held < m_spec.prefetch && (!c.perReplica || c.consumer->replicaUp(c.replica));
}

void MessageQueue::release(MessageRef message)
{
    const auto it = m_holderOf.find(message);
    if (it == m_holderOf.end())
        return;
    --m_channels[it->second].held;
    m_holderOf.erase(it);
}

void MessageQueue::dropHead(MessageRef message)
{
    // RabbitMQ dead-letters what drop-head removes when it has a target (reason maxlen).
    if (m_spec.flavour == QueueFlavour::RabbitMq && m_deadLetter) {
        ++m_deadLettered;
        m_deadLetter->take(message, DeadLetterReason::MaxLen, *this);
    } else {
        m_context.drop(message, DropReason::DropOldest);
    }
}

bool MessageQueue::expireIfDue(MessageRef message)
{
    const Message &m = m_context.pool[message];
    const sim::Duration age = now() - m.enqueuedAt;
    // Strictly older than the limit: a TTL of 0 still lets a message go
    // straight to a waiting consumer ("deliver now or expire").
    if (m_spec.flavour == QueueFlavour::Sqs && age > m_spec.retention) {
        ++m_expired;
        m_context.expire(message); // SQS deletes it; it is never dead-lettered
        return true;
    }
    if (m_spec.flavour == QueueFlavour::RabbitMq && m_spec.messageTtl && age > *m_spec.messageTtl) {
        ++m_expired;
        if (m_deadLetter)
            m_deadLetter->take(message, DeadLetterReason::Expired, *this);
        else
            m_context.expire(message);
        return true;
    }
    return false;
}

bool MessageQueue::dispatch(MessageRef message, std::size_t channel)
{
    Message &m = m_context.pool[message];
    m_wait.record(now() - m.enteredNode);
    // Expiry is checked at the head, as quorum queues do (SEMANTICS §3.6).
    if (expireIfDue(message))
        return false;
    // SQS moves a message at the receive that would exceed maxReceiveCount
    // (the [ASSUMPTION] of SEMANTICS §2.2), so it is processed at most that often.
    if (m_spec.flavour == QueueFlavour::Sqs && m_spec.maxReceiveCount && m.deliveries >= *m_spec.maxReceiveCount) {
        giveUp(message, DeadLetterReason::MaxReceives, DropReason::DeliveryLimit);
        return false;
    }
    ++m_dispatched;
    m.unreadable = false; // this consumer has yet to try
    if (m.deliveries > 0)
        ++m_redeliveries;
    m_throughputSeries.addCount(now());
    ++m.deliveries;
    m.enteredNode = now();
    carry(message, channel);
    Channel &c = m_channels[channel];
    if (m_spec.flavour != QueueFlavour::Basic) {
        ++m_unacked;
        m.holder = static_cast<std::uint32_t>(index());
        m.processing = true;
        if (m_spec.flavour == QueueFlavour::Sqs)
            m.visibilityTimer
                = m_context.simulation.schedule(m_spec.visibilityTimeout, *this, VisibilityTimeout, message);
        if (fifo())
            m_groupsInFlight.insert(groupOf(m));
        if (m_spec.flavour == QueueFlavour::RabbitMq) {
            m_holderOf[message] = static_cast<std::uint32_t>(channel);
            c.heldMax = std::max(c.heldMax, ++c.held);
        }
    }
    if (prefetching()) {
        // Into the channel's buffer, behind what it holds already; a free
        // worker (of its replica) starts on the oldest.
        c.buffer.push_back(message);
        if (c.perReplica ? !c.consumer->hasFreeWorkerOn(c.replica) : !c.consumer->hasFreeWorker())
            return true;
        const MessageRef oldest = c.buffer.front();
        c.buffer.pop_front();
        startBuffered(oldest, channel);
        return true;
    }
    c.consumer->startWork(message);
    return true;
}

void MessageQueue::startBuffered(MessageRef message, std::size_t channel)
{
    // The service's waiting and response times count from here, as its
    // number in system does: the time in the buffer shows only end to end.
    m_context.pool[message].enteredNode = now();
    const Channel &c = m_channels[channel];
    if (c.perReplica)
        c.consumer->startWorkOn(message, c.replica);
    else
        c.consumer->startWork(message);
}

Settlement MessageQueue::settle(MessageRef message, bool success)
{
    Message &m = m_context.pool[message];
    m.processing = false;
    if (m_spec.flavour == QueueFlavour::Sqs) {
        if (m.visibilityTimer == sim::InvalidEventId) {
            // The timeout ended while it was being processed and a copy is
            // visible again: a delete with this stale receipt deletes nothing.
            m.holder = NoHolder;
            return success ? Settlement::Keep : Settlement::Discard;
        }
        if (!success)
            return Settlement::Returned; // visible again when the timeout ends
        m_context.simulation.cancel(m.visibilityTimer);
        m.visibilityTimer = sim::InvalidEventId;
        m.holder = NoHolder;
        --m_unacked;
        if (fifo()) {
            // Deleted: the next message of its group may go, to any consumer.
            m_groupsInFlight.erase(groupOf(m));
            feedIdleConsumers();
        }
        return Settlement::Keep;
    }
    // RabbitMQ
    m.holder = NoHolder;
    --m_unacked;
    release(message);
    const Settlement settlement = settleRabbitMq(message, success);
    // The ack or return gave the consumer credit for another delivery.
    if (prefetching())
        feedIdleConsumers();
    return settlement;
}

Settlement MessageQueue::settleRabbitMq(MessageRef message, bool success)
{
    if (success)
        return Settlement::Keep;
    if (m_spec.onFailure == FailureAction::Reject) {
        giveUp(message, DeadLetterReason::Rejected, DropReason::Rejected);
        return Settlement::Returned;
    }
    // The return (basic.nack, requeue) increments x-delivery-count up to 4.2;
    // dead-letter when it exceeds the limit. From 4.3 it counts only as
    // acquired, so a requeue loop never reaches the limit.
    ++m_requeues;
    if (m_spec.deliveryLimitCounts == DeliveryLimitCounting::All && m_spec.deliveryLimit
        && m_context.pool[message].deliveries > *m_spec.deliveryLimit) {
        giveUp(message, DeadLetterReason::DeliveryLimit, DropReason::DeliveryLimit);
        return Settlement::Returned;
    }
    makeReady(message, true);
    return Settlement::Returned;
}

Settlement MessageQueue::rejectUnreadable(MessageRef message)
{
    if (m_spec.flavour != QueueFlavour::RabbitMq)
        return settle(message, false);
    Message &m = m_context.pool[message];
    m.processing = false;
    m.holder = NoHolder;
    --m_unacked;
    release(message);
    giveUp(message, DeadLetterReason::RejectedVersion, DropReason::RejectedVersion);
    if (prefetching())
        feedIdleConsumers(); // the reject gave the consumer credit
    return Settlement::Returned;
}

std::optional<sim::Duration> MessageQueue::consumerTimeout() const
{
    switch (m_spec.flavour) {
    case QueueFlavour::Sqs:
        return m_spec.visibilityTimeout;
    case QueueFlavour::RabbitMq:
        return m_spec.consumerTimeout;
    default:
        return std::nullopt;
    }
}

void MessageQueue::consumerTimedOut(MessageRef message)
{
    Message &m = m_context.pool[message];
    m.processing = false;
    m.holder = NoHolder;
    --m_unacked;
    release(message);
    // A consumer timeout counts toward the limit up to 4.2, not from 4.3 (SEMANTICS §3.5).
    if (m_spec.deliveryLimitCounts == DeliveryLimitCounting::All && m_spec.deliveryLimit
        && m.deliveries > *m_spec.deliveryLimit)
        giveUp(message, DeadLetterReason::DeliveryLimit, DropReason::DeliveryLimit);
    else
        makeReady(message, true);
    if (prefetching())
        feedIdleConsumers();
}

void MessageQueue::crashed(MessageRef message)
{
    Message &m = m_context.pool[message];
    m.processing = false;
    if (m_spec.flavour == QueueFlavour::Sqs) {
        if (m.visibilityTimer == sim::InvalidEventId) {
            // Visible again already, as another copy: this one was the consumer's only.
            m.holder = NoHolder;
            m_context.drop(message, DropReason::Crashed);
        }
        return; // the visibility timeout makes it visible again
    }
    m.holder = NoHolder;
    --m_unacked;
    release(message);
    // A client crash counts toward the limit in every version (SEMANTICS §3.5).
    if (m_spec.deliveryLimit && m.deliveries > *m_spec.deliveryLimit)
        giveUp(message, DeadLetterReason::DeliveryLimit, DropReason::DeliveryLimit);
    else
        makeReady(message, true);
    if (prefetching())
        feedIdleConsumers();
}

void MessageQueue::handleEvent(const sim::Event &event)
{
    const auto message = static_cast<MessageRef>(event.data);
    if (event.kind == DelayOver) {
        if (!enqueue(message)) // full and rejecting: the publisher has moved on, so it is lost here
            m_context.drop(message, DropReason::QueueFull);
        return;
    }
    // SQS visibility timeout: the message is visible again.
    Message &m = m_context.pool[message];
    m.visibilityTimer = sim::InvalidEventId;
    --m_unacked; // visible again (its receipt, if still processed, is stale)
    if (fifo())
        m_groupsInFlight.erase(groupOf(m)); // its group may be received again, this message first
    if (m.processing) {
        // Its consumer is still at it: another copy becomes receivable.
        const MessageRef copy = m_context.pool.acquire();
        m_context.pool[message].duplicated = true;
        m_context.pool[copy] = m_context.pool[message];
        Message &c = m_context.pool[copy];
        c.holder = NoHolder;
        c.processing = false;
        ++m_context.duplicated;
        ++m_duplicates;
        makeReady(copy, false);
        return;
    }
    m.holder = NoHolder;
    makeReady(message, false);
}

void MessageQueue::makeReady(MessageRef message, bool atHead)
{
    const Message &m = m_context.pool[message];
    m_context.pool[message].enteredNode = now();
    if (fifo()) {
        // Back in send order: before the first message sent after it, and
        // before anything of its own group.
        const auto position = std::find_if(m_waiting.begin(), m_waiting.end(), [&](MessageRef other) {
            const Message &o = m_context.pool[other];
            return groupOf(o) == groupOf(m) || o.enqueuedAt > m.enqueuedAt;
        });
        m_waiting.insert(position, message);
    } else if (atHead) {
        m_waiting.push_front(message);
    } else {
        m_waiting.push_back(message);
    }
    m_length.set(now(), static_cast<double>(m_waiting.size()));
    feedIdleConsumers();
}

void MessageQueue::feedIdleConsumers()
{
    if (m_holdDeliveries)
        return;
    // Round-robin until every consumer in a row had no room.
    std::size_t misses = 0;
    while (nextReady() && misses < m_channels.size()) {
        const std::size_t channel = m_nextChannel;
        m_nextChannel = (m_nextChannel + 1) % m_channels.size();
        misses = hasCredit(channel) && deliverNext(channel) ? 0 : misses + 1;
    }
}

void MessageQueue::giveUp(MessageRef message, DeadLetterReason reason, DropReason withoutTarget)
{
    ++m_deadLettered;
    Message &m = m_context.pool[message];
    m.holder = NoHolder;
    // Given up on for failing: name the cause when its content is to blame.
    const bool forFailing = reason == DeadLetterReason::MaxReceives || reason == DeadLetterReason::DeliveryLimit
                         || reason == DeadLetterReason::Rejected;
    if (forFailing && m.poison) {
        reason = DeadLetterReason::Poison;
        withoutTarget = DropReason::Poison;
    } else if (forFailing && m.unreadable) {
        reason = DeadLetterReason::RejectedVersion;
        withoutTarget = DropReason::RejectedVersion;
    }
    if (m_deadLetter)
        m_deadLetter->take(message, reason, *this);
    else
        m_context.drop(message, withoutTarget);
}

void MessageQueue::resetStatistics()
{
    m_arrivals = m_dispatched = m_drops = m_redeliveries = m_duplicates = m_deadLettered = m_expired = 0;
    m_deduplicated = m_requeues = 0;
    m_length.resetStatistics(now());
    m_wait.reset();
}

void MessageQueue::finish(sim::Time end)
{
    m_length.flush(end);
    m_lengthSeries.finish(end);
    m_throughputSeries.finish(end);
}

NodeResults MessageQueue::results(sim::Time measuredFrom, sim::Time end) const
{
    NodeResults r = countedResults(measuredFrom, end, m_arrivals, m_dispatched);
    r.drops = m_drops;
    r.redeliveries = m_redeliveries;
    r.duplicates = m_duplicates;
    r.deadLettered = m_deadLettered;
    r.expired = m_expired;
    r.deduplicated = m_deduplicated;
    r.requeues = m_requeues;
    if (m_spec.flavour == QueueFlavour::RabbitMq)
        for (const Channel &c : m_channels)
            r.consumers.push_back(
                {c.consumer->id(), c.heldMax, static_cast<std::uint16_t>(c.perReplica ? c.replica + 1 : 0)});
    r.queueLength = summarize(m_length, end);
    r.waitingTime = summarize(m_wait);
    return r;
}

void MessageQueue::collectSeries(std::vector<SeriesResults> &out) const
{
    out.push_back({id(), "queueLength", m_lengthSeries.points()});
    out.push_back({id(), "throughput", m_throughputSeries.points()});
}

void MessageQueue::carry(MessageRef message, std::size_t channel)
{
    if (m_context.edgeTraffic.empty())
        return;
    const Message &m = m_context.pool[message];
    const Channel &c = m_channels[channel];
    m_context.carry(c.edge, m, m.deliveries, c.consumer->rejectsVersion(m.version));
}

void MessageQueue::noteOverflow()
{
    if (!m_context.log)
        return;
    const char *policy = "reject-new";
    if (m_spec.overflow == OverflowPolicy::DropOldest)
        policy = "drop-oldest";
    else if (m_spec.overflow == OverflowPolicy::RejectNewDeadLetter)
        policy = "reject-new, dead-lettered";
    m_context.note(RunLogKind::OverflowRejected, static_cast<std::int32_t>(index()),
                   "full at " + std::to_string(*m_spec.capacity) + ": " + policy);
}

void MessageQueue::snapshot(NodeSnapshot &out) const
{
    out.waiting = m_waiting.size();
    out.unacked = m_unacked;
    out.capacity = m_spec.capacity;
    out.arrivals = m_arrivals;
    out.departures = m_dispatched;
    out.drops = m_drops;
    out.deadLettered = m_deadLettered;
    out.expired = m_expired;
    out.duplicates = m_duplicates;
    out.deduplicated = m_deduplicated;
    out.requeues = m_requeues;
    if (m_spec.flavour == QueueFlavour::RabbitMq) {
        out.prefetch = m_spec.prefetch;
        out.consumers.clear();
        for (const Channel &c : m_channels)
            out.consumers.push_back({static_cast<std::int32_t>(c.consumer->index()), c.held, c.heldMax,
                                     static_cast<std::uint16_t>(c.perReplica ? c.replica + 1 : 0)});
    }
}

} // namespace asyncsim::models
