#pragma once

#include "Component.h"
#include "sim/LatencyHistogram.h"
#include "sim/TimeSeries.h"
#include "sim/TimeWeighted.h"

#include <deque>
#include <vector>

namespace asyncsim::models {

class Service;

/// A point-to-point queue (RabbitMQ/SQS style) with competing consumers:
/// each message goes to one consumer, in FIFO order, round-robin among the
/// consumers that have a free worker. Optionally bounded, with an overflow
/// policy.
class MessageQueue : public Component
{
public:
    MessageQueue(RunContext &context, const NodeSpec &spec, std::size_t index);

    /// Adds a consumer (not owned), fed over a consume edge.
    void addConsumer(Service *consumer) { m_consumers.push_back(consumer); }
    /// A consumer with a free worker asks for work; false when nothing waits.
    bool pull(Service &consumer);
    std::size_t waiting() const { return m_waiting.size(); }

    bool offer(MessageRef message) override;
    DropReason refusalReason() const override { return DropReason::QueueFull; }
    void resetStatistics() override;
    void finish(sim::Time end) override;
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override;
    void collectSeries(std::vector<SeriesResults> &out) const override;

private:
    void dispatch(MessageRef message, Service &consumer);

    QueueSpec m_spec;
    std::deque<MessageRef> m_waiting;
    std::vector<Service *> m_consumers; // not owned
    std::size_t m_nextConsumer = 0;

    std::uint64_t m_arrivals = 0;
    std::uint64_t m_dispatched = 0;
    std::uint64_t m_drops = 0;
    sim::TimeSeries m_lengthSeries;
    sim::TimeSeries m_throughputSeries;
    sim::TimeWeighted m_length;
    sim::LatencyHistogram m_wait;
};

} // namespace asyncsim::models
