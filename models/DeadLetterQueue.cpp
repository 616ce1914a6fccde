#include "DeadLetterQueue.h"

#include "MessageQueue.h"

#include <algorithm>
#include <string>

namespace asyncsim::models {

DeadLetterQueue::DeadLetterQueue(RunContext &context, const NodeSpec &spec, std::size_t index)
    : Component(context, spec, index)
    , m_spec(std::get<DeadLetterSpec>(spec.params))
    , m_arrivalSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
{ }

void DeadLetterQueue::take(MessageRef message, DeadLetterReason reason, MessageQueue &source)
{
    ++m_byReason[static_cast<std::size_t>(reason)];
    ++m_held;
    if (m_context.log)
        m_context.note(RunLogKind::DeadLettered, static_cast<std::int32_t>(index()),
                       std::string(deadLetterReasonName(reason)) + " from " + source.id());
    m_arrivalSeries.addCount(now());
    if (m_spec.redriveAt && now() <= sim::Time::zero() + *m_spec.redriveAt)
        m_kept.push_back(Kept{m_context.pool[message], &source});
    m_context.deadLetter(message, reason);
}

void DeadLetterQueue::start()
{
    if (m_spec.redriveAt)
        m_context.simulation.scheduleAt(sim::Time::zero() + *m_spec.redriveAt, *this, 0);
}

void DeadLetterQueue::handleEvent(const sim::Event &)
{
    // An SQS redrive re-sends each dead letter as a new message: a new id and
    // enqueue time; it keeps its key and its flow's creation time.
    std::vector<Kept> kept;
    kept.swap(m_kept);
    m_held -= std::min<std::uint64_t>(m_held, kept.size());
    if (m_context.log)
        m_context.note(RunLogKind::Redriven, static_cast<std::int32_t>(index()),
                       "redrove " + std::to_string(kept.size()) + " messages");
    for (const Kept &k : kept) {
        const MessageRef ref = m_context.pool.acquire();
        Message &m = m_context.pool[ref];
        m = k.message;
        m.id = m_context.nextMessageId++;
        m.holder = NoHolder;
        m.visibilityTimer = sim::InvalidEventId;
        m.processing = false;
        m.duplicated = false;
        m.enteredNode = now();
        m.attempts = 1;
        ++m_context.redriven;
        ++m_redriven;
        if (!k.source->offer(ref))
            m_context.drop(ref, k.source->refusalReason());
    }
}

void DeadLetterQueue::snapshot(NodeSnapshot &out) const
{
    out.waiting = m_held;
    out.deadLettersByReason = m_byReason;
    for (std::uint64_t n : m_byReason)
        out.deadLettered += n;
    out.arrivals = out.deadLettered;
    out.redriven = m_redriven;
}

} // namespace asyncsim::models
