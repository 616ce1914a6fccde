#pragma once

#include "CallEdge.h"
#include "Component.h"
#include "DedupeStore.h"
#include "Emitter.h"
#include "LoadBalancer.h"
#include "MessageQueue.h"
#include "sim/Distribution.h"
#include "sim/LatencyHistogram.h"
#include "sim/TimeSeries.h"
#include "sim/TimeWeighted.h"

#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace asyncsim::models {

class MessageQueue;
class Topic;

/// A pool of c workers with a service-time distribution and a failure
/// probability. Work comes from the queues it consumes (pulled when a worker
/// is free) and from publishers (held in its own FIFO line). A processed
/// message is emitted along the outgoing edges. A failed one goes back to
/// the queue that delivered it when that queue waits for an acknowledgement
/// (SQS, RabbitMQ), and otherwise leaves the run as failed (a topic's
/// consumer skips it: see Topic). With idempotency,
/// a message whose id it has processed before is skipped.
///
/// Call edges make the processing longer: after its own service time, the
/// worker makes each call in file order and waits for the answer (retrying
/// and asking the breaker as the edge says); only then is the processing
/// settled and the message emitted. A call request this service receives is
/// processed like any work and answered when its processing ends.
///
/// Schema versions (SEMANTICS §5.2): a service reads the versions it accepts,
/// and others through its upcaster chain (v → v+1 steps, each adding its CPU
/// cost to the service time). A message it can read neither way is a
/// deserialization failure: rejected at once, taking no service time (it
/// fails before any work). A RabbitMQ queue then dead-letters it
/// ("rejected-version"); an SQS queue redelivers it until maxReceiveCount and
/// then moves it ("rejected-version"); anything else (a basic queue, a
/// publish edge, a call request) drops it ("rejected-version"), and a caller
/// gets a failure at once.
///
/// Failure modes: a failed processing (drawn from the failure probability,
/// or a poison message) either fails at the end of its service time
/// ("error"), or hangs ("hang"): the worker never answers and stays held
/// until whoever waits gives up. A call request: until the caller's timeout
/// (the callee notices the closed connection then and frees the worker; the
/// request fails without an answer). SQS: the consumer never deletes the
/// message, which is visible again when its visibility timeout ends; the
/// worker is freed at that moment too (the receipt is given up at once, so
/// the timeout returns the message rather than copying it). RabbitMQ: until
/// the consumer timeout (30 min), which requeues it. Nothing gives up on a
/// message from a basic queue or a publish edge: that worker hangs for the
/// rest of the run with its message in flight. A topic's consumer fails as
/// in "error" mode (the group's rebalance on a stuck consumer is not modelled).
///
/// Replicas (ServiceSpec::replicas > 1; ServiceReplicas.cpp): instances of the
/// service, each with its own workers and its own line. Work pushed to the
/// service (published, or a call request) goes to the replica its load
/// balancer picks, and waits in that replica's line even while another
/// replica is idle; a replica with a free worker pulls from the queues and
/// topics like any consumer instance. A crash fault takes whole replicas down
/// (the balancer's health check stops sending to them; what waited in their
/// lines is lost), an outage or a scale fault applies to every replica.
class Service : public Component
{
public:
    Service(RunContext &context, const NodeSpec &spec, std::size_t index);

    /// Adds a queue (not owned) this service consumes from.
    void addSource(MessageQueue *source) { m_sources.push_back(source); }
    /// Adds a topic (not owned) whose consumer group this service is.
    void addTopicSource(Topic *topic) { m_topics.push_back(topic); }
    /// Adds the next of its outgoing call edges, in file order.
    void addCall(std::unique_ptr<CallEdge> call) { m_calls.push_back(std::move(call)); }
    const std::vector<std::unique_ptr<CallEdge>> &calls() const { return m_calls; }
    Emitter &emitter() { return m_emitter; }

    /// A worker is free (of a replica that is up) and the service is not in an outage.
    bool hasFreeWorker() const
    {
        if (!m_replicas.empty())
            return !m_outage && freeReplica() >= 0;
        return m_busy < m_workers - m_crashed && !m_outage;
    }
    /// Replicas it runs (1 without replicas).
    std::size_t replicaCount() const { return std::max<std::size_t>(m_replicas.size(), 1); }
    /// Replica @p replica is up (always, without replicas).
    bool replicaUp(std::uint16_t replica) const { return m_replicas.empty() || !m_replicas[replica].down; }
    /// Replica @p replica (0 without replicas) is up with a free worker, and
    /// the service is not in an outage.
    bool hasFreeWorkerOn(std::uint16_t replica) const
    {
        if (m_replicas.empty())
            return hasFreeWorker();
        return !m_outage && !m_replicas[replica].down && m_replicas[replica].busy < m_workers;
    }
    /// A worker of @p replica takes @p message, delivered to that replica
    /// (a RabbitMQ prefetch buffer is per replica). Precondition:
    /// hasFreeWorkerOn(@p replica).
    void startWorkOn(MessageRef message, std::uint16_t replica);
    /// Concurrency c, of each replica.
    int workers() const { return m_workers; }
    /// Workers of all replicas (for a topic's consumer group: its consumer instances).
    int totalWorkers() const { return m_workers * std::max<int>(static_cast<int>(m_replicas.size()), 1); }
    /// Concurrency as the topology specifies it (a scale fault changes workers() only).
    int specifiedWorkers() const { return m_spec.workers; }
    /// A worker takes @p message now. Precondition: hasFreeWorker().
    void startWork(MessageRef message);
    /// Whether it cannot read schema version @p version, directly or by upcasting.
    bool rejectsVersion(std::uint16_t version) const { return upcastSteps(version) < 0; }

    /// What became of a call request sent to this service.
    enum class Reception {
        Accepted,    ///< it will be processed and answered
        Refused,     ///< the line is full: the caller drops it (service-full) and fails at once
        Unavailable, ///< an outage in error mode: the caller drops it (unavailable) and fails at once
        Hung,        ///< an outage in hang mode: the service took it and will never answer (dropped, unavailable)
    };
    /// Receives the call request @p request (Message::replyTo set).
    Reception takeCall(MessageRef request);
    /// The callee's answer to the attempt of job @p job with @p serial on the
    /// call edge @p call (the numbering of calls()).
    void answer(std::uint32_t job, std::uint32_t serial, std::uint16_t call, bool success);

    /// @name Faults (see FaultSchedule).
    ///@{
    /// An outage in @p mode starts, or (empty) ends.
    void setOutage(std::optional<OutageMode> mode);
    /// Service times are multiplied by @p factor from now on (1: as specified).
    void setLatencyFactor(double factor) { m_latencyFactor = factor; }
    /// The failure probability becomes @p probability; empty: as specified.
    void setFailureProbability(std::optional<double> probability) { m_failureOverride = probability; }
    /// Runs with @p workers workers (at least 1) from now on, for a scale
    /// fault or a live edit. Extra workers start on waiting work at once; with
    /// fewer, busy workers finish their message and the surplus stops taking work.
    void setWorkers(int workers);
    /// @p instances workers (consumer instances) crash: the service has that
    /// many fewer until restart(). Their work in progress is lost: for a
    /// topic's group the topic takes the records back and rebalances
    /// (Topic::crash); otherwise the @p instances processings started last
    /// end (a crash hits work in progress whenever there is some), and what
    /// happens to each message is its holder's business: an SQS queue lets
    /// it reappear after its visibility timeout, a RabbitMQ queue requeues
    /// it at once (the channel closed; the return counts toward the delivery
    /// limit); with no holder (auto-ack queue, published to the service) it
    /// is dropped as "crashed", and a call request is never answered (its
    /// caller times out). The service's own waiting line survives.
    void crash(int instances);
    /// A crash fault targets this service: from now on it remembers each
    /// processing in progress, so that a crash can end it. Only then, since
    /// it costs a hash-map update per message. Call before the run starts.
    void trackWorkInProgress() { m_trackActive = true; }
    /// @p instances crashed workers are back (for a topic's group: members join, and it rebalances).
    void restart(int instances);
    /// Takes the work that waits in its line and its sources, as after an
    /// outage (a partition from one of its sources has healed).
    void resumeWork();
    ///@}

    /// An edit during a run of its call edge number @p call (of calls()):
    /// takes @p spec's timeout, retry and breaker settings (see
    /// CallEdge::reconfigure) and re-arms the breaker's timer. False if the
    /// change cannot be made live.
    bool reconfigureCall(std::size_t call, const EdgeSpec &spec);
    /// Ends the processing of @p message at once, without settling it: the
    /// worker is free and the message is the caller's (Topic::crash).
    void abort(MessageRef message);
    /// Duplicate side effects: a copy of the message with @p id that was
    /// processed successfully is about to come again (a topic read it again).
    void notePriorSuccess(std::uint64_t id) { ++m_copiesProcessed[id]; }

    bool offer(MessageRef message) override;
    DropReason refusalReason() const override
    {
        return unavailable() ? DropReason::Unavailable : DropReason::ServiceFull;
    }
    void handleEvent(const sim::Event &event) override;
    void resetStatistics() override;
    void finish(sim::Time end) override;
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override;
    void collectSeries(std::vector<SeriesResults> &out) const override;
    void snapshot(NodeSnapshot &out) const override;

private:
    /// HangOverEmpty: a worker that hangs without a message (SQS: given back
    /// already) is let go; its data is the worker's replica.
    enum EventKind : std::uint32_t { Completion, CallTimeout, RetryWait, BreakerTimer, HangOver, HangOverEmpty };
    /// How a processing ends.
    enum class Outcome {
        Success, ///< settled as success, emitted along the publish edges
        Failure, ///< settled as failure
        Dropped, ///< a fallback dropped it: settled as success, then dropped
        Routed,  ///< a fallback routed it: settled as success, then sent to the fallback target
    };
    /// A worker's processing while it makes its calls.
    struct CallJob
    {
        MessageRef message = 0;
        std::uint32_t serial = 0; // of the current attempt
        std::uint16_t call = 0;   // index into m_calls
        int failures = 0;         // failed attempts of the current call
        sim::Time attemptStart;
        sim::EventId timer = sim::InvalidEventId; // the timeout or the retry wait
        bool waiting = false;                     // for an answer
    };

    /// A processing in progress: its pending completion (service time), or
    /// its call job; and when it started, in start order.
    struct Active
    {
        sim::EventId completion = sim::InvalidEventId;
        std::optional<std::uint32_t> job;
        std::uint64_t started = 0;
    };

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
    /// Upcaster steps from @p version to one it accepts: 0 if accepted as it
    /// is, -1 if it cannot be read.
    int upcastSteps(std::uint16_t version) const;
    /// Rejects @p message, which it cannot read (see the class comment).
    void rejectVersion(MessageRef message);
    /// The processing of @p message failed in "hang" mode: hold the worker.
    void hang(MessageRef message);
    /// A hung worker is let go: the one on @p message, or (empty) one of
    /// @p replica that gave its message back already.
    void hangOver(std::optional<MessageRef> message, std::uint16_t replica = 0);
    /// Fills free workers from the own line (each replica's), then from the sources in turn.
    void takeMoreWork();
    /// Messages waiting in its own line (of every replica).
    std::size_t waiting() const { return m_replicas.empty() ? m_line.size() : m_replicaWaiting; }
    /// A worker of @p replica (0 without replicas) takes work (@p delta 1) or is freed (-1).
    void changeBusy(std::uint16_t replica, int delta);
    /// Workers that are not down (of the replicas that are up).
    int workersUp() const
    {
        if (m_replicas.empty())
            return std::max(m_workers - m_crashed, 0);
        return static_cast<int>(m_replicas.size() - m_replicasDown) * m_workers;
    }
    /// No work can reach it: an outage, or every replica down.
    bool unavailable() const { return m_outage || (!m_replicas.empty() && m_replicasDown == m_replicas.size()); }
    /// The service time of @p message is over: make the calls, or settle.
    void serviceTimeOver(MessageRef message);
    /// The worker is done with @p message: settle it and pass it on, free
    /// the worker, and answer the caller if it is a call request. Routed
    /// sends it to @p routeTo (not owned).
    void endProcessing(MessageRef message, Outcome outcome, Component *routeTo = nullptr);

    /// @name Replicas (ServiceReplicas.cpp)
    ///@{
    /// One instance of a replicated service.
    struct Replica
    {
        std::deque<MessageRef> line; // pushed to this replica, waiting
        int busy = 0;
        bool down = false; // crashed
        std::uint64_t arrivals = 0;
        sim::TimeWeighted busyLevel;
        sim::TimeWeighted lineLevel;
    };
    /// An up replica with a free worker, taken in turn; -1 if none.
    int freeReplica() const;
    /// offer() of a replicated service: to the replica the balancer picks.
    bool offerToReplica(MessageRef message);
    /// A replica with a free worker takes @p message, pulled from a source.
    void startOnFreeReplica(MessageRef message);
    /// Each up replica's free workers take what waits in its line.
    void drainReplicaLines();
    /// A crash ends the processing of @p message: its holder takes it back,
    /// or it is dropped as "crashed".
    void loseWork(MessageRef message);
    /// A crash (restart) of @p instances replicas.
    void crashReplicas(int instances);
    void restartReplicas(int instances);
    void replicaResults(NodeResults &r, sim::Time end) const;
    ///@}

    /// @name Calls (ServiceCalls.cpp)
    ///@{
    void startCalls(MessageRef message);
    void attempt(std::uint32_t job);
    void attemptFailed(std::uint32_t job);
    void callTimedOut(std::uint32_t job);
    void finishJob(std::uint32_t job, Outcome outcome, Component *routeTo = nullptr);
    /// Logs the breaker's transitions and keeps its timer event where it is due.
    void syncBreaker(std::size_t call);
    void breakerTimer(std::size_t call);
    ///@}

    ServiceSpec m_spec;
    int m_workers;
    int m_busy = 0;
    int m_crashed = 0;                               // workers down after a crash fault
    std::unordered_map<MessageRef, Active> m_active; // only with m_trackActive
    bool m_trackActive = false;
    std::uint64_t m_started = 0;
    Emitter m_emitter;
    sim::RandomStream m_serviceRng;
    sim::RandomStream m_failureRng;
    sim::RandomStream m_upcastRng;          // upcaster costs, apart so adding one changes no other draw
    std::deque<MessageRef> m_line;          // published to this service, waiting (without replicas)
    std::vector<Replica> m_replicas;        // empty without replicas
    std::optional<LoadBalancer> m_balancer; // with replicas
    std::size_t m_replicaWaiting = 0;       // in every replica's line
    std::size_t m_replicasDown = 0;
    std::size_t m_nextPull = 0;               // the replica whose turn it is to pull
    std::vector<std::uint32_t> m_outstanding; // of the up replicas, for the balancer (kept to reuse its memory)
    std::vector<std::uint16_t> m_upReplicas;  // their indices
    std::vector<MessageQueue *> m_sources;    // not owned
    std::vector<Topic *> m_topics;            // not owned
    std::size_t m_nextSource = 0;
    std::vector<std::unique_ptr<CallEdge>> m_calls;
    std::vector<CallJob> m_jobs;
    std::vector<std::uint32_t> m_freeJobs;
    std::uint32_t m_nextSerial = 0;
    std::optional<OutageMode> m_outage;
    double m_latencyFactor = 1;
    std::optional<double> m_failureOverride;

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
    std::uint64_t m_versionRejections = 0;
    std::uint64_t m_upcasts = 0; // messages read through the upcaster chain
    std::uint64_t m_hangs = 0;
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
