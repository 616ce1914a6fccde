#pragma once

#include "Component.h"
#include "sim/TimeSeries.h"

namespace asyncsim::models {

/// An external system that accepts everything: the end of a flow.
class Sink : public Component
{
public:
    Sink(RunContext &context, const NodeSpec &spec, std::size_t index)
        : Component(context, spec, index)
        , m_throughputSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
    { }

    bool offer(MessageRef message) override
    {
        ++m_arrivals;
        m_throughputSeries.addCount(now());
        m_context.complete(message, index());
        return true;
    }
    void resetStatistics() override { m_arrivals = 0; }
    void finish(sim::Time end) override { m_throughputSeries.finish(end); }
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override
    {
        return countedResults(measuredFrom, end, m_arrivals, m_arrivals);
    }
    void collectSeries(std::vector<SeriesResults> &out) const override
    {
        out.push_back({id(), "throughput", m_throughputSeries.points()});
    }
    void snapshot(NodeSnapshot &out) const override
    {
        out.arrivals = m_arrivals;
        out.departures = m_arrivals;
    }

private:
    std::uint64_t m_arrivals = 0;
    sim::TimeSeries m_throughputSeries;
};

} // namespace asyncsim::models
