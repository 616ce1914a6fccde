#pragma once

#include "Message.h"
#include "RunLog.h"
#include "sim/LatencyHistogram.h"
#include "sim/Simulation.h"
#include "sim/TimeSeries.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace asyncsim::models {

/// Why a message was dropped.
enum class DropReason : std::uint8_t {
    QueueFull,     ///< a bounded queue with reject-new refused it
    DropOldest,    ///< pushed out of a bounded queue with drop-oldest
    ServiceFull,   ///< a service's own bounded waiting line refused it
    Rejected,      ///< rejected by its consumer, and its queue has no dead-letter target
    DeliveryLimit, ///< over its queue's delivery limit, and the queue has no dead-letter target
    Duplicate,     ///< an idempotent consumer recognised it as processed already
    Unavailable,   ///< sent to a service in an outage (published to it, or a call request it never answers)
    Fallback,      ///< a call edge's fallback dropped the caller's message after the call failed
    Deduplicated,  ///< a queue's deduplication window: a send of an id accepted within the interval
    /// Its consumer cannot read its schema version, and no dead-letter target takes it.
    RejectedVersion,
    /// A poison message given up on by its queue, which has no dead-letter target.
    Poison,
    Crashed,     ///< in progress on a consumer instance that crashed, with nobody to redeliver it (auto-ack queue,
                 ///< published to the service, or a call request it never answers)
    Partitioned, ///< sent across a partition (a publish refused, or a call request or answer lost)
    CircuitOpen, ///< a publish edge's circuit breaker rejected its last attempt
    Count
};

/// Why a message was dead-lettered.
enum class DeadLetterReason : std::uint8_t {
    MaxReceives,   ///< SQS: received maxReceiveCount times without being deleted
    DeliveryLimit, ///< RabbitMQ: returned more often than the delivery limit
    Rejected,      ///< RabbitMQ: rejected by its consumer without requeue
    MaxLen,        ///< RabbitMQ: pushed out of, or refused by, a full queue
    Expired,       ///< RabbitMQ: outlived its message TTL
    /// Its consumer cannot read its schema version (a deserialization failure):
    /// RabbitMQ rejects it at once; SQS moves it after maxReceiveCount failed receives.
    RejectedVersion,
    /// A poison message: its queue gave up on it (max-receives, delivery-limit
    /// or rejected) because every processing of it failed. The cause is named
    /// rather than the mechanism, which its delivery count shows.
    Poison,
    Count
};

/// The name of a drop reason as written in results.
const char *dropReasonName(DropReason reason);
/// The name of a dead-letter reason as written in results.
const char *deadLetterReasonName(DeadLetterReason reason);

class Component;

/// What every component of a run shares: the simulation, the message pool and
/// the ledger counters. Owned by Run; components hold a reference.
class RunContext
{
public:
    RunContext(std::uint64_t seed, std::size_t nodeCount, sim::Duration seriesInterval)
        : simulation(seed)
        , seriesInterval(seriesInterval)
        , m_flows(nodeCount)
        , m_latencySeries(nodeCount)
    { }

    sim::Simulation simulation;
    MessagePool pool;

    /// @name Ledger counters (whole run; never reset at warm-up).
    ///@{
    std::uint64_t produced = 0;
    std::uint64_t forked = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t expired = 0;
    std::uint64_t lostToRetention = 0;
    std::uint64_t redriven = 0;
    std::uint64_t calls = 0; ///< call requests sent (one message per attempt)
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    std::array<std::uint64_t, static_cast<std::size_t>(DropReason::Count)> dropped{};
    std::array<std::uint64_t, static_cast<std::size_t>(DeadLetterReason::Count)> deadLettered{};
    ///@}

    /// Every component by node index (not owned), for links by index such as Message::holder.
    std::vector<Component *> components;

    sim::Duration seriesInterval;
    std::uint64_t nextMessageId = 1;

    /// The log of notable events, when someone watches the run (the GUI);
    /// null in a headless run. Not owned.
    RunLog *log = nullptr;
    /// Records an entry in the log, if there is one. Build @p text only
    /// inside a check of @c log when it is costly.
    void note(RunLogKind kind, std::int32_t node, std::string text, std::int32_t edge = -1)
    {
        if (log)
            log->add(RunLogEntry{now(), kind, node, edge, std::move(text)});
    }

    sim::Time now() const { return simulation.now(); }

    /// @name Partition faults: pairs of nodes (by index) that nothing crosses between.
    ///@{
    /// Whether nodes @p a and @p b are cut off from each other now.
    bool isPartitioned(std::size_t a, std::size_t b) const
    {
        for (const auto &[x, y] : m_partitions)
            if ((x == a && y == b) || (x == b && y == a))
                return true;
        return false;
    }
    /// A partition between @p a and @p b starts (@p on) or ends.
    void setPartitioned(std::size_t a, std::size_t b, bool on)
    {
        if (on) {
            m_partitions.emplace_back(a, b);
            return;
        }
        const auto it = std::find(m_partitions.begin(), m_partitions.end(), std::pair(a, b));
        if (it != m_partitions.end())
            m_partitions.erase(it);
    }
    ///@}

    /// Messages that crossed each edge (index = Topology::edges), by
    /// MessageClass; whole run. Sized by Run; a component without an edge
    /// index (-1) counts nothing.
    std::vector<std::array<std::uint64_t, static_cast<std::size_t>(MessageClass::Count)>> edgeTraffic;
    /// Counts @p message crossing edge @p edge (see classOf for @p deliveries).
    void carry(std::int32_t edge, const Message &message, std::uint16_t deliveries)
    {
        if (edge >= 0)
            ++edgeTraffic[static_cast<std::size_t>(edge)][static_cast<std::size_t>(classOf(message, deliveries))];
    }
    /// Counts @p message crossing edge @p edge into a receiver that will
    /// reject it by version when @p rejected (then it is RejectedVersion).
    void carry(std::int32_t edge, const Message &message, std::uint16_t deliveries, bool rejected)
    {
        if (edge >= 0 && rejected)
            ++edgeTraffic[static_cast<std::size_t>(edge)][static_cast<std::size_t>(MessageClass::RejectedVersion)];
        else
            carry(edge, message, deliveries);
    }

    /// A message ends its flow at node @p nodeIndex: counted, latency recorded, slot freed.
    void complete(MessageRef ref, std::size_t nodeIndex)
    {
        const Message &m = pool[ref];
        ++completed;
        const sim::Duration latency = now() - m.created;
        flowHistogram(m.producer, nodeIndex).record(latency);
        latencySeries(nodeIndex).addSample(now(), latency.toSeconds());
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
    /// A message outlived its queue's TTL or retention period.
    void expire(MessageRef ref)
    {
        ++expired;
        pool.release(ref);
    }
    /// A consumer group's copy of a record that a topic's retention deleted before the group read it.
    void loseToRetention(MessageRef ref)
    {
        ++lostToRetention;
        pool.release(ref);
    }
    /// The ledger side of dead-lettering; the dead-letter node counts its own.
    void deadLetter(MessageRef ref, DeadLetterReason reason)
    {
        ++deadLettered[static_cast<std::size_t>(reason)];
        pool.release(ref);
    }

    /// End-to-end latency of flow (producer node, completing node); created on first use.
    sim::LatencyHistogram &flowHistogram(std::size_t producer, std::size_t node)
    {
        // A producer's flows end at a handful of nodes: a short list beats a
        // table of producers x nodes, which grows with the square of the topology.
        auto &ends = m_flows[producer];
        for (auto &[end, histogram] : ends)
            if (end == node)
                return *histogram;
        ends.emplace_back(node, std::make_unique<sim::LatencyHistogram>());
        return *ends.back().second;
    }
    /// The flows of @p producer that some message took: (completing node,
    /// histogram), ordered by node.
    std::vector<std::pair<std::size_t, const sim::LatencyHistogram *>> flowsOf(std::size_t producer) const
    {
        std::vector<std::pair<std::size_t, const sim::LatencyHistogram *>> out;
        for (const auto &[end, histogram] : m_flows[producer])
            out.emplace_back(end, histogram.get());
        std::sort(out.begin(), out.end());
        return out;
    }
    /// Warm-up deletion of the flow statistics.
    void resetFlowStatistics()
    {
        for (auto &ends : m_flows)
            for (auto &[end, histogram] : ends)
                histogram->reset();
    }

    /// Mean end-to-end latency, over time, of the messages ending their flow
    /// at node @p nodeIndex (any producer's); created on first use.
    sim::TimeSeries &latencySeries(std::size_t nodeIndex)
    {
        auto &series = m_latencySeries[nodeIndex];
        if (!series)
            series = std::make_unique<sim::TimeSeries>(sim::TimeSeries::Kind::Mean, seriesInterval);
        return *series;
    }
    /// The latency series of the nodes where some flow ended, by node index
    /// (null where none did).
    const std::vector<std::unique_ptr<sim::TimeSeries>> &latencySeriesByNode() const { return m_latencySeries; }
    /// Closes the latency series at @p end.
    void finishLatencySeries(sim::Time end)
    {
        for (auto &series : m_latencySeries)
            if (series)
                series->finish(end);
    }

private:
    std::vector<std::pair<std::size_t, std::size_t>> m_partitions;
    // Per producer node: (completing node, latency histogram).
    std::vector<std::vector<std::pair<std::size_t, std::unique_ptr<sim::LatencyHistogram>>>> m_flows;
    std::vector<std::unique_ptr<sim::TimeSeries>> m_latencySeries;
};

} // namespace asyncsim::models
