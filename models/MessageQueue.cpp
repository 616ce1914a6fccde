#include "MessageQueue.h"

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
    if (m_waiting.empty()) {
        // Hand straight to a consumer with a free worker, round-robin.
        for (std::size_t tried = 0; tried < m_consumers.size(); ++tried) {
            Service *consumer = m_consumers[m_nextConsumer];
            m_nextConsumer = (m_nextConsumer + 1) % m_consumers.size();
            if (consumer->hasFreeWorker()) {
                dispatch(message, *consumer);
                return true;
            }
        }
    }
    if (m_spec.capacity && m_waiting.size() >= *m_spec.capacity) {
        ++m_drops;
        if (m_spec.overflow == OverflowPolicy::RejectNew)
            return false;
        if (m_waiting.empty()) { // capacity 0: the newcomer is the oldest
            m_context.drop(message, DropReason::DropOldest);
            return true;
        }
        m_context.drop(m_waiting.front(), DropReason::DropOldest);
        m_waiting.pop_front();
    }
    m_waiting.push_back(message);
    m_length.set(now(), static_cast<double>(m_waiting.size()));
    return true;
}

bool MessageQueue::pull(Service &consumer)
{
    if (m_waiting.empty())
        return false;
    const MessageRef message = m_waiting.front();
    m_waiting.pop_front();
    m_length.set(now(), static_cast<double>(m_waiting.size()));
    dispatch(message, consumer);
    return true;
}

void MessageQueue::dispatch(MessageRef message, Service &consumer)
{
    Message &m = m_context.pool[message];
    m_wait.record(now() - m.enteredNode);
    ++m_dispatched;
    m_throughputSeries.addCount(now());
    ++m.deliveries;
    m.enteredNode = now();
    consumer.startWork(message);
}

void MessageQueue::resetStatistics()
{
    m_arrivals = m_dispatched = m_drops = 0;
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
    r.queueLength = summarize(m_length, end);
    r.waitingTime = summarize(m_wait);
    return r;
}

void MessageQueue::collectSeries(std::vector<SeriesResults> &out) const
{
    out.push_back({id(), "queueLength", m_lengthSeries.points()});
    out.push_back({id(), "throughput", m_throughputSeries.points()});
}

} // namespace asyncsim::models
