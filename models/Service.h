#pragma once

#include "Component.h"
#include "DedupeStore.h"
#include "Emitter.h"
#include "MessageQueue.h"
#include "sim/Distribution.h"
#include "sim/LatencyHistogram.h"
#include "sim/TimeSeries.h"
#include "sim/TimeWeighted.h"

#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

namespace asyncsim::models {

class MessageQueue;

/// A pool of c workers with a service-time distribution and a failure
/// probability. Work comes from the queues it consumes (pulled when a worker
/// is free) and from publishers (held in its own FIFO line). A processed
/// message is emitted along the outgoing edges. A failed one goes back to
/// the queue that delivered it when that queue waits for an acknowledgement
/// (SQS, RabbitMQ), and otherwise leaves the run as failed (a topic's
/// consumer skips it: see Topic). With idempotency,
/// a message whose id it has processed before is skipped.
class Service : public Component
{
public:
    Service(RunContext &context, const NodeSpec &spec, std::size_t index);

    /// Adds a queue (not owned) this service consumes from.
    void addSource(MessageQueue *source) { m_sources.push_back(source); }
    Emitter &emitter() { return m_emitter; }

    bool hasFreeWorker() const { return m_busy < m_workers; }
    /// Concurrency c (for a topic's consumer group: its consumer instances).
    int workers() const { return m_workers; }
    /// A worker takes @p message now. Precondition: hasFreeWorker().
    void startWork(MessageRef message);

    bool offer(MessageRef message) override;
    DropReason refusalReason() const override { return DropReason::ServiceFull; }
    void handleEvent(const sim::Event &event) override;
    void resetStatistics() override;
    void finish(sim::Time end) override;
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override;
    void collectSeries(std::vector<SeriesResults> &out) const override;
    void snapshot(NodeSnapshot &out) const override;
    /// Live reconfiguration: @p workers (at least 1) from now on. Extra
    /// workers start on waiting work at once; with fewer, busy workers finish
    /// their message and the surplus stops taking work.
    void setWorkers(int workers);

private:
    enum EventKind : std::uint32_t { Completion };

    /// Puts a worker on @p message, unless it is a duplicate an idempotent
    /// service skips (then the worker stays free).
    void begin(MessageRef message);
    /// Idempotency: @p message was processed before; skip it. True if skipped.
    bool skipDuplicate(MessageRef message);
    /// Counts a successful processing of a message id processed successfully before.
    void countSideEffect(const Message &message);
    /// Tells the queue or topic that delivered @p message (if any) how its
    /// processing went, and returns what happens to the message next.
    Settlement settleWithHolder(MessageRef message, bool success);
    /// Fills free workers from the own line, then from the sources in turn.
    void takeMoreWork();

    ServiceSpec m_spec;
    int m_workers;
    int m_busy = 0;
    Emitter m_emitter;
    sim::RandomStream m_serviceRng;
    sim::RandomStream m_failureRng;
    std::deque<MessageRef> m_line;         // published to this service, waiting
    std::vector<MessageQueue *> m_sources; // not owned
    std::size_t m_nextSource = 0;

    std::uint64_t m_arrivals = 0;
    std::uint64_t m_completions = 0;
    std::uint64_t m_failures = 0;
    std::uint64_t m_drops = 0;
    std::uint64_t m_duplicatesSuppressed = 0;
    std::uint64_t m_duplicateSideEffects = 0;
    std::optional<DedupeStore> m_dedupe;
    // Successful processings so far of the ids that have copies (only those
    // can come twice, so this stays as small as the duplicates).
    std::unordered_map<std::uint64_t, std::uint32_t> m_copiesProcessed;
    // Per (producer, key): the highest key sequence started so far.
    std::unordered_map<std::uint64_t, std::uint32_t> m_lastSequence;
    std::uint64_t m_outOfOrder = 0;
    sim::TimeSeries m_lineSeries;
    sim::TimeSeries m_busySeries;
    sim::TimeSeries m_throughputSeries;
    sim::TimeWeighted m_lineLength;
    sim::TimeWeighted m_busyWorkers;
    sim::TimeWeighted m_inSystem;
    sim::LatencyHistogram m_wait;
    sim::LatencyHistogram m_response;
};

} // namespace asyncsim::models
