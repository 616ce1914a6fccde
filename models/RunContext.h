#pragma once

#include "Message.h"
#include "sim/LatencyHistogram.h"
#include "sim/Simulation.h"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace asyncsim::models {

/// Why a message was dropped.
enum class DropReason : std::uint8_t {
    QueueFull,    ///< a bounded queue with reject-new refused it
    DropOldest,   ///< pushed out of a bounded queue with drop-oldest
    ServiceFull,  ///< a service's own bounded waiting line refused it
    Count
};

/// The name of a drop reason as written in results.
const char *dropReasonName(DropReason reason);

/// What every component of a run shares: the simulation, the message pool and
/// the ledger counters. Owned by Run; components hold a reference.
class RunContext
{
public:
    RunContext(std::uint64_t seed, std::size_t nodeCount, sim::Duration seriesInterval)
        : simulation(seed), seriesInterval(seriesInterval), m_nodeCount(nodeCount)
    {
    }

    sim::Simulation simulation;
    MessagePool pool;

    /// @name Ledger counters (whole run; never reset at warm-up).
    ///@{
    std::uint64_t produced = 0;
    std::uint64_t forked = 0;
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    std::array<std::uint64_t, static_cast<std::size_t>(DropReason::Count)> dropped{};
    ///@}

    sim::Duration seriesInterval;
    std::uint64_t nextMessageId = 1;

    sim::Time now() const { return simulation.now(); }

    /// A message ends its flow at node @p nodeIndex: counted, latency recorded, slot freed.
    void complete(MessageRef ref, std::size_t nodeIndex)
    {
        const Message &m = pool[ref];
        ++completed;
        flowHistogram(m.producer, nodeIndex).record(now() - m.created);
        pool.release(ref);
    }
    void fail(MessageRef ref)
    {
        ++failed;
        pool.release(ref);
    }
    void drop(MessageRef ref, DropReason reason)
    {
        ++dropped[static_cast<std::size_t>(reason)];
        pool.release(ref);
    }

    /// End-to-end latency of flow (producer node, completing node); created on first use.
    sim::LatencyHistogram &flowHistogram(std::size_t producer, std::size_t node)
    {
        const std::size_t index = producer * m_nodeCount + node;
        if (index >= m_flows.size())
            m_flows.resize(index + 1);
        if (!m_flows[index])
            m_flows[index] = std::make_unique<sim::LatencyHistogram>();
        return *m_flows[index];
    }
    /// Histogram of flow (producer, node), or nullptr if no message took it.
    const sim::LatencyHistogram *findFlow(std::size_t producer, std::size_t node) const
    {
        const std::size_t index = producer * m_nodeCount + node;
        return index < m_flows.size() ? m_flows[index].get() : nullptr;
    }
    /// Warm-up deletion of the flow statistics.
    void resetFlowStatistics()
    {
        for (auto &h : m_flows)
            if (h)
                h->reset();
    }

private:
    std::size_t m_nodeCount;
    std::vector<std::unique_ptr<sim::LatencyHistogram>> m_flows;
};

} // namespace asyncsim::models
