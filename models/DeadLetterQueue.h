#pragma once

#include "Component.h"
#include "sim/TimeSeries.h"

#include <array>

namespace asyncsim::models {

class MessageQueue;

/// A dead-letter queue: takes the messages its queues give up on (named in
/// their "deadLetter"), counting them by reason and over time. In the ledger
/// they have ended as dead-lettered; a redrive at a chosen time sends them
/// back to their queues as new messages (counted as redriven).
class DeadLetterQueue : public Component
{
public:
    DeadLetterQueue(RunContext &context, const NodeSpec &spec, std::size_t index);

    /// Takes @p message, given up on by @p source (not owned), as a dead letter for @p reason.
    void take(MessageRef message, DeadLetterReason reason, MessageQueue &source);

    void start() override;
    void handleEvent(const sim::Event &event) override; // redrive

    bool offer(MessageRef) override { return false; } // no edges lead here (the loader checks)
    void resetStatistics() override
    {
        m_byReason = {};
        m_redriven = 0;
    }
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
        r.redriven = m_redriven;
        return r;
    }
    void collectSeries(std::vector<SeriesResults> &out) const override
    {
        out.push_back({id(), "deadLetters", m_arrivalSeries.points()});
    }
    void snapshot(NodeSnapshot &out) const override;

private:
    /// What a redrive needs of a dead letter; the message itself has left the run.
    struct Kept
    {
        Message message;
        MessageQueue *source; // not owned
    };

    DeadLetterSpec m_spec;
    std::vector<Kept> m_kept; // only when a redrive is planned
    std::uint64_t m_redriven = 0;
    std::uint64_t m_held = 0; // dead letters now held (whole run: received − redriven)
    std::array<std::uint64_t, static_cast<std::size_t>(DeadLetterReason::Count)> m_byReason{};
    sim::TimeSeries m_arrivalSeries;
};

} // namespace asyncsim::models
