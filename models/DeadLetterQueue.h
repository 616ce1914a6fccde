#pragma once

#include "Component.h"
#include "sim/TimeSeries.h"

#include <array>

namespace asyncsim::models {

/// A dead-letter queue: takes the messages its queues give up on (named in
/// their "deadLetter"), counting them by reason and over time. Dead letters
/// stay here: in the ledger they have ended as dead-lettered.
class DeadLetterQueue : public Component
{
public:
    DeadLetterQueue(RunContext &context, const NodeSpec &spec, std::size_t index)
        : Component(context, spec, index)
        , m_arrivalSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
    { }

    /// Takes @p message as a dead letter for @p reason.
    void take(MessageRef message, DeadLetterReason reason)
    {
        ++m_byReason[static_cast<std::size_t>(reason)];
        m_arrivalSeries.addCount(now());
        m_context.deadLetter(message, reason);
    }

    bool offer(MessageRef) override { return false; } // no edges lead here (the loader checks)
    void resetStatistics() override { m_byReason = {}; }
    void finish(sim::Time end) override { m_arrivalSeries.finish(end); }
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override
    {
        std::uint64_t total = 0;
        for (std::uint64_t n : m_byReason)
            total += n;
        NodeResults r = countedResults(measuredFrom, end, total, 0);
        for (std::size_t i = 0; i < m_byReason.size(); ++i)
            if (m_byReason[i] > 0)
                r.deadLettersByReason[deadLetterReasonName(static_cast<DeadLetterReason>(i))] = m_byReason[i];
        return r;
    }
    void collectSeries(std::vector<SeriesResults> &out) const override
    {
        out.push_back({id(), "deadLetters", m_arrivalSeries.points()});
    }

private:
    std::array<std::uint64_t, static_cast<std::size_t>(DeadLetterReason::Count)> m_byReason{};
    sim::TimeSeries m_arrivalSeries;
};

} // namespace asyncsim::models
