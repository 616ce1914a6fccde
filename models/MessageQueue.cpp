#include "MessageQueue.h"

#include "DeadLetterQueue.h"
#include "Service.h"
#include "Statistics.h"

namespace asyncsim::models {

MessageQueue::MessageQueue(RunContext &context, const NodeSpec &spec, std::size_t index)
    : Component(context, spec, index)
    , m_spec(std::get<QueueSpec>(spec.params))
    , m_lengthSeries(sim::TimeSeries::Kind::Level, context.seriesInterval)
    , m_throughputSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
    , m_length(&m_lengthSeries)
{ }

bool MessageQueue::offer(MessageRef message)
{
    ++m_arrivals;
    Message &m = m_context.pool[message];
    m.deliveries = 0; // receive counts are per queue
    m.enqueuedAt = now();
    if (m_spec.flavour == QueueFlavour::Sqs && m_spec.deliveryDelay.ns() > 0) {
        // DelaySeconds: hidden first, then ready at the tail (a delayed
        // message does not count toward the ready length meanwhile).
        m_context.simulation.schedule(m_spec.deliveryDelay, *this, DelayOver, message);
        return true;
    }
    return enqueue(message);
}

bool MessageQueue::enqueue(MessageRef message)
{
    m_context.pool[message].enteredNode = now(); // waiting counts from when it is ready
    if (m_waiting.empty()) {
        // Hand straight to a consumer with a free worker, round-robin.
        for (std::size_t tried = 0; tried < m_consumers.size(); ++tried) {
            Service *consumer = m_consumers[m_nextConsumer];
            m_nextConsumer = (m_nextConsumer + 1) % m_consumers.size();
            if (consumer->hasFreeWorker() && !m_context.isPartitioned(index(), consumer->index())) {
                dispatch(message, *consumer);
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
    return true;
}

bool MessageQueue::pull(Service &consumer)
{
    if (m_context.isPartitioned(index(), consumer.index()))
        return false; // cut off: the consumer sees an empty queue
    while (!m_waiting.empty()) {
        const MessageRef message = m_waiting.front();
        m_waiting.pop_front();
        m_length.set(now(), static_cast<double>(m_waiting.size()));
        if (dispatch(message, consumer))
            return true;
    }
    return false;
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

bool MessageQueue::dispatch(MessageRef message, Service &consumer)
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
    if (m.deliveries > 0)
        ++m_redeliveries;
    m_throughputSeries.addCount(now());
    ++m.deliveries;
    m.enteredNode = now();
    carry(message, consumer);
    if (m_spec.flavour != QueueFlavour::Basic) {
        ++m_unacked;
        m.holder = static_cast<std::uint32_t>(index());
        m.processing = true;
        if (m_spec.flavour == QueueFlavour::Sqs)
            m.visibilityTimer
                = m_context.simulation.schedule(m_spec.visibilityTimeout, *this, VisibilityTimeout, message);
    }
    consumer.startWork(message);
    return true;
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
        return Settlement::Keep;
    }
    // RabbitMQ
    m.holder = NoHolder;
    --m_unacked;
    if (success)
        return Settlement::Keep;
    if (m_spec.onFailure == FailureAction::Reject) {
        giveUp(message, DeadLetterReason::Rejected, DropReason::Rejected);
        return Settlement::Returned;
    }
    // The return increments x-delivery-count; dead-letter when it exceeds the limit.
    if (m_spec.deliveryLimit && m.deliveries > *m_spec.deliveryLimit) {
        giveUp(message, DeadLetterReason::DeliveryLimit, DropReason::DeliveryLimit);
        return Settlement::Returned;
    }
    makeReady(message, true);
    return Settlement::Returned;
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
    m_context.pool[message].enteredNode = now();
    if (atHead)
        m_waiting.push_front(message);
    else
        m_waiting.push_back(message);
    m_length.set(now(), static_cast<double>(m_waiting.size()));
    feedIdleConsumers();
}

void MessageQueue::feedIdleConsumers()
{
    // Round-robin until every consumer in a row had no room.
    std::size_t misses = 0;
    while (!m_waiting.empty() && misses < m_consumers.size()) {
        Service *consumer = m_consumers[m_nextConsumer];
        m_nextConsumer = (m_nextConsumer + 1) % m_consumers.size();
        misses = consumer->hasFreeWorker() && pull(*consumer) ? 0 : misses + 1;
    }
}

void MessageQueue::giveUp(MessageRef message, DeadLetterReason reason, DropReason withoutTarget)
{
    ++m_deadLettered;
    m_context.pool[message].holder = NoHolder;
    if (m_deadLetter)
        m_deadLetter->take(message, reason, *this);
    else
        m_context.drop(message, withoutTarget);
}

void MessageQueue::resetStatistics()
{
    m_arrivals = m_dispatched = m_drops = m_redeliveries = m_duplicates = m_deadLettered = m_expired = 0;
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
    r.queueLength = summarize(m_length, end);
    r.waitingTime = summarize(m_wait);
    return r;
}

void MessageQueue::collectSeries(std::vector<SeriesResults> &out) const
{
    out.push_back({id(), "queueLength", m_lengthSeries.points()});
    out.push_back({id(), "throughput", m_throughputSeries.points()});
}

void MessageQueue::carry(MessageRef message, const Service &consumer)
{
    if (m_context.edgeTraffic.empty())
        return;
    for (std::size_t i = 0; i < m_consumers.size(); ++i)
        if (m_consumers[i] == &consumer) {
            const Message &m = m_context.pool[message];
            m_context.carry(m_consumerEdges[i], m, m.deliveries);
            return;
        }
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
}

} // namespace asyncsim::models
