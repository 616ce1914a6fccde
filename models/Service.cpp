#include "Service.h"

#include "MessageQueue.h"
#include "Statistics.h"
#include "Topic.h"

#include <algorithm>
#include <string>

namespace asyncsim::models {

Service::Service(RunContext &context, const NodeSpec &spec, std::size_t index)
    : Component(context, spec, index)
    , m_spec(std::get<ServiceSpec>(spec.params))
    , m_workers(m_spec.workers)
    , m_emitter(context, index, context.simulation.stream(spec.id, "routing"))
    , m_serviceRng(context.simulation.stream(spec.id, "service"))
    , m_failureRng(context.simulation.stream(spec.id, "failure"))
    , m_upcastRng(context.simulation.stream(spec.id, "upcast"))
    , m_lineSeries(sim::TimeSeries::Kind::Level, context.seriesInterval)
    , m_busySeries(sim::TimeSeries::Kind::Level, context.seriesInterval)
    , m_throughputSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
    , m_lineLength(&m_lineSeries)
    , m_busyWorkers(&m_busySeries)
{
    if (m_spec.idempotency)
        m_dedupe.emplace(m_spec.idempotency->ttl, m_spec.idempotency->capacity);
    if (m_spec.replicas > 1) {
        m_replicas.resize(static_cast<std::size_t>(m_spec.replicas));
        m_balancer.emplace(m_spec.balancer, context.simulation.stream(spec.id, "balancer"));
    }
}

bool Service::offer(MessageRef message)
{
    if (m_outage) {
        ++m_drops;
        return false; // the sender drops it as unavailable
    }
    if (!m_replicas.empty())
        return offerToReplica(message);
    if (m_line.empty() && hasFreeWorker()) {
        startWork(message);
        return true;
    }
    if (m_spec.capacity && m_line.size() >= *m_spec.capacity) {
        ++m_drops;
        if (m_context.log)
            m_context.note(RunLogKind::OverflowRejected, static_cast<std::int32_t>(index()),
                           "line full at " + std::to_string(*m_spec.capacity));
        return false;
    }
    ++m_arrivals;
    m_inSystem.add(now(), 1);
    m_line.push_back(message);
    m_lineLength.set(now(), static_cast<double>(m_line.size()));
    return true;
}

Service::Reception Service::takeCall(MessageRef request)
{
    if (m_outage) {
        ++m_drops;
        m_context.drop(request, DropReason::Unavailable);
        return *m_outage == OutageMode::Hang ? Reception::Hung : Reception::Unavailable;
    }
    if (!offer(request)) {
        const DropReason reason = refusalReason(); // every replica down: unavailable
        m_context.drop(request, reason);
        return reason == DropReason::Unavailable ? Reception::Unavailable : Reception::Refused;
    }
    return Reception::Accepted;
}

void Service::setOutage(std::optional<OutageMode> mode)
{
    m_outage = mode;
    if (!mode)
        resumeWork(); // back: the work that piled up in the line and the sources meanwhile
}

void Service::resumeWork()
{
    takeMoreWork();
    for (Topic *topic : m_topics)
        topic->resume(*this);
}

void Service::setWorkers(int workers)
{
    m_workers = std::max(workers, 1);
    takeMoreWork();
}

void Service::crash(int instances)
{
    if (!m_replicas.empty()) {
        crashReplicas(instances);
        return;
    }
    m_crashed += instances;
    m_context.note(RunLogKind::ConsumerCrashed, static_cast<std::int32_t>(index()),
                   std::to_string(instances) + (instances == 1 ? " instance" : " instances") + " crashed");
    if (!m_topics.empty()) {
        // A topic's group takes no other input (checked): the topic knows which records its instances hold.
        for (Topic *topic : m_topics)
            topic->crash(*this, instances);
        return;
    }
    std::vector<std::pair<std::uint64_t, MessageRef>> latest;
    for (const auto &[message, active] : m_active)
        latest.emplace_back(active.started, message);
    std::sort(latest.begin(), latest.end(), std::greater<>());
    latest.resize(std::min(latest.size(), static_cast<std::size_t>(std::max(instances, 0))));
    for (const auto &[started, message] : latest)
        loseWork(message);
}

void Service::loseWork(MessageRef message)
{
    abort(message);
    const Message &m = m_context.pool[message];
    const std::uint32_t holder = m.holder;
    if (m.replyTo != NoHolder || holder == NoHolder)
        m_context.drop(message, DropReason::Crashed); // nobody redelivers it; a caller is never answered
    else
        static_cast<MessageQueue *>(m_context.components[holder])->crashed(message);
}

void Service::restart(int instances)
{
    if (!m_replicas.empty()) {
        restartReplicas(instances);
        return;
    }
    m_crashed = std::max(m_crashed - instances, 0);
    m_context.note(RunLogKind::ConsumerCrashed, static_cast<std::int32_t>(index()),
                   std::to_string(instances) + (instances == 1 ? " instance" : " instances") + " restarted");
    for (Topic *topic : m_topics)
        topic->join(*this, instances);
    takeMoreWork();
}

void Service::abort(MessageRef message)
{
    const auto it = m_active.find(message);
    if (it == m_active.end())
        return;
    const Active active = it->second;
    m_active.erase(it);
    if (active.completion != sim::InvalidEventId)
        m_context.simulation.cancel(active.completion);
    if (active.job) {
        // Its call is abandoned: a late answer finds the job no longer waiting.
        CallJob &job = m_jobs[*active.job];
        if (job.timer != sim::InvalidEventId)
            m_context.simulation.cancel(job.timer);
        job.timer = sim::InvalidEventId;
        job.waiting = false;
        m_freeJobs.push_back(*active.job);
    }
    changeBusy(m_context.pool[message].replica, -1);
    m_inSystem.add(now(), -1);
}

void Service::changeBusy(std::uint16_t replica, int delta)
{
    m_busy += delta;
    m_busyWorkers.set(now(), m_busy);
    if (!m_replicas.empty()) {
        Replica &r = m_replicas[replica];
        r.busy += delta;
        r.busyLevel.set(now(), r.busy);
    }
}

void Service::startWork(MessageRef message)
{
    ++m_arrivals;
    m_inSystem.add(now(), 1);
    if (!m_replicas.empty())
        startOnFreeReplica(message);
    else
        begin(message);
}

bool Service::skipDuplicate(MessageRef message)
{
    const Message &m = m_context.pool[message];
    if (!m_dedupe || !m_dedupe->contains(m.id, now()))
        return false;
    // Recognised: acknowledge it without doing the work again.
    ++m_duplicatesSuppressed;
    m_inSystem.add(now(), -1);
    settleWithHolder(message, true);
    const Message reply = m; // the answer goes out once the message is gone
    m_context.drop(message, DropReason::Duplicate);
    if (reply.replyTo != NoHolder && !m_context.isPartitioned(index(), reply.replyTo))
        static_cast<Service *>(m_context.components[reply.replyTo])
            ->answer(reply.replyJob, reply.replySerial, reply.replyEdge, true);
    return true;
}

void Service::countSideEffect(const Message &message)
{
    if (message.duplicated && m_copiesProcessed[message.id]++ > 0)
        ++m_duplicateSideEffects;
}

void Service::begin(MessageRef message)
{
    // Its wait ends here, whether it is then processed or skipped.
    m_wait.record(now() - m_context.pool[message].enteredNode);
    // Deserializing comes first: a message it cannot read is rejected before any work.
    const int steps = upcastSteps(m_context.pool[message].version);
    if (steps < 0) {
        rejectVersion(message);
        return;
    }
    if (skipDuplicate(message))
        return;
    // Ordering per key: a message started after a later one of its key (a
    // redelivery overtaken by its successors) is out of order; a copy of the
    // same message is a duplicate, not out of order.
    if (const Message &m = m_context.pool[message]; m.key != NoKey) {
        std::uint32_t &last = m_lastSequence[(std::uint64_t{m.producer} << 32) | m.key];
        if (m.keySequence < last)
            ++m_outOfOrder;
        else
            last = m.keySequence;
    }
    changeBusy(m_context.pool[message].replica, 1);
    double seconds = m_spec.serviceTime.sample(m_serviceRng);
    if (steps > 0) {
        ++m_upcasts;
        // The chain's steps from the message's version on, each at its cost.
        const int from = m_context.pool[message].version;
        for (const UpcasterSpec &u : m_spec.upcasters)
            if (u.from >= from && u.from < from + steps)
                seconds += u.cost.sample(m_upcastRng);
    }
    if (m_latencyFactor != 1)
        seconds *= m_latencyFactor;
    const sim::EventId completion
        = m_context.simulation.schedule(sim::Duration::fromSeconds(seconds), *this, Completion, message);
    if (m_trackActive)
        m_active[message] = Active{completion, std::nullopt, ++m_started};
}

void Service::handleEvent(const sim::Event &event)
{
    switch (event.kind) {
    case Completion:
        serviceTimeOver(static_cast<MessageRef>(event.data));
        break;
    case CallTimeout:
        callTimedOut(event.data);
        break;
    case RetryWait:
        attempt(event.data);
        break;
    case BreakerTimer:
        breakerTimer(event.data);
        break;
    case HangOver:
        hangOver(static_cast<MessageRef>(event.data));
        break;
    case HangOverEmpty:
        hangOver(std::nullopt, static_cast<std::uint16_t>(event.data));
        break;
    }
}

int Service::upcastSteps(std::uint16_t version) const
{
    const auto accepted = [this](int v) {
        return m_spec.accepts.empty() || std::binary_search(m_spec.accepts.begin(), m_spec.accepts.end(), v);
    };
    int v = version;
    int steps = 0;
    // The chain is ascending with one step per version, so each step is found in order.
    for (const UpcasterSpec &u : m_spec.upcasters) {
        if (accepted(v))
            return steps;
        if (u.from < v)
            continue;
        if (u.from > v)
            return -1; // a gap in the chain
        ++v;
        ++steps;
    }
    return accepted(v) ? steps : -1;
}

void Service::rejectVersion(MessageRef message)
{
    ++m_versionRejections;
    ++m_failures;
    m_inSystem.add(now(), -1);
    Message &m = m_context.pool[message];
    // Like any failed processing it counts in the response times (its
    // processing took no time), so Little's law holds over all arrivals.
    m_response.record(now() - m.enteredNode);
    m.unreadable = true;
    const std::uint32_t replyTo = m.replyTo;
    const std::uint32_t replyJob = m.replyJob;
    const std::uint32_t replySerial = m.replySerial;
    const std::uint16_t replyEdge = m.replyEdge;
    const std::uint32_t holder = m.holder;
    Settlement settlement = Settlement::Discard;
    if (holder != NoHolder && m_context.components[holder]->kind() == NodeKind::Queue)
        settlement = static_cast<MessageQueue *>(m_context.components[holder])->rejectUnreadable(message);
    else if (holder != NoHolder)
        settlement = settleWithHolder(message, false); // a topic's consumer skips it
    if (settlement != Settlement::Returned)
        m_context.drop(message, DropReason::RejectedVersion);
    if (replyTo != NoHolder)
        static_cast<Service *>(m_context.components[replyTo])->answer(replyJob, replySerial, replyEdge, false);
}

void Service::hang(MessageRef message)
{
    ++m_hangs;
    ++m_failures;
    Message &m = m_context.pool[message];
    if (m.replyTo != NoHolder) {
        // The caller gives up at its timeout, counted from the send (when the request arrived here).
        const auto &caller = *static_cast<const Service *>(m_context.components[m.replyTo]);
        const sim::Time deadline = std::max(now(), m.enteredNode + caller.calls()[m.replyEdge]->spec().timeout);
        m_response.record(deadline - m.enteredNode);
        const sim::EventId over = m_context.simulation.scheduleAt(deadline, *this, HangOver, message);
        if (m_trackActive)
            m_active[message].completion = over; // a crash ends the hang
        return;
    }
    MessageQueue *queue = nullptr;
    if (m.holder != NoHolder && m_context.components[m.holder]->kind() == NodeKind::Queue)
        queue = static_cast<MessageQueue *>(m_context.components[m.holder]);
    const std::optional<sim::Duration> limit = queue ? queue->consumerTimeout() : std::nullopt;
    if (!limit) {
        if (m.holder != NoHolder) { // a topic's record: fails as in "error" mode
            --m_hangs;
            --m_failures;
            endProcessing(message, Outcome::Failure);
        }
        return; // nobody waits for it: the worker hangs for good
    }
    // Received at m.enteredNode; the queue takes it back when the timeout ends.
    const sim::Time deadline = std::max(now(), m.enteredNode + *limit);
    m_response.record(deadline - m.enteredNode);
    if (queue->flavour() == QueueFlavour::Sqs) {
        // The receipt lapses: given back now, the message is visible again at
        // the timeout (not copied as if still processed); the worker is let go then.
        const std::uint16_t replica = m.replica;
        if (m_trackActive)
            m_active.erase(message); // no longer this worker's: a crash leaves the hung worker be
        if (queue->settle(message, false) == Settlement::Discard)
            m_context.fail(message); // a copy of it is visible already
        m_context.simulation.scheduleAt(deadline, *this, HangOverEmpty, replica);
        return;
    }
    const sim::EventId over = m_context.simulation.scheduleAt(deadline, *this, HangOver, message);
    if (m_trackActive)
        m_active[message].completion = over; // a crash ends the hang
}

void Service::hangOver(std::optional<MessageRef> message, std::uint16_t replica)
{
    if (message && m_trackActive)
        m_active.erase(*message);
    changeBusy(message ? m_context.pool[*message].replica : replica, -1);
    m_inSystem.add(now(), -1);
    if (message) {
        Message &m = m_context.pool[*message];
        if (m.replyTo != NoHolder) {
            m.replyTo = NoHolder; // never answered: the caller has timed out
            m_context.fail(*message);
        } else {
            static_cast<MessageQueue *>(m_context.components[m.holder])->consumerTimedOut(*message);
        }
    }
    takeMoreWork();
}

void Service::serviceTimeOver(MessageRef message)
{
    if (m_trackActive)
        m_active[message].completion = sim::InvalidEventId;
    // Draw only when failures are possible, so adding p = 0 changes nothing.
    // A poison message always fails.
    const double p = m_failureOverride.value_or(m_spec.failureProbability);
    const bool success = !m_context.pool[message].poison && !(p > 0 && m_failureRng.uniform01() < p);
    if (!success && m_spec.failureMode == FailureMode::Hang) {
        hang(message);
        return;
    }
    // A processing that failed in its own code makes no calls.
    if (success && !m_calls.empty())
        startCalls(message);
    else
        endProcessing(message, success ? Outcome::Success : Outcome::Failure);
}

void Service::endProcessing(MessageRef message, Outcome outcome, Component *routeTo)
{
    if (m_trackActive)
        m_active.erase(message);
    changeBusy(m_context.pool[message].replica, -1);
    m_inSystem.add(now(), -1);
    m_response.record(now() - m_context.pool[message].enteredNode);
    m_throughputSeries.addCount(now());
    // A call request is answered once this processing is over; it travels on
    // as an ordinary message.
    Message &processed = m_context.pool[message];
    const std::uint32_t replyTo = processed.replyTo;
    const std::uint32_t replyJob = processed.replyJob;
    const std::uint32_t replySerial = processed.replySerial;
    const std::uint16_t replyEdge = processed.replyEdge;
    processed.replyTo = NoHolder;
    const bool success = outcome != Outcome::Failure;
    // A queue that waits for an acknowledgement decides what happens next.
    const Settlement settlement = settleWithHolder(message, success);
    if (success) {
        ++m_completions;
    } else {
        ++m_failures;
    }
    if (settlement == Settlement::Keep && outcome == Outcome::Dropped) {
        m_context.drop(message, DropReason::Fallback);
    } else if (settlement == Settlement::Keep && outcome == Outcome::Routed) {
        // Published to the fallback target, as an emitter would.
        Message &m = m_context.pool[message];
        m.enteredNode = now();
        m.attempts = 1;
        if (!routeTo->offer(message))
            m_context.drop(message, routeTo->refusalReason());
    } else if (settlement == Settlement::Keep) {
        const Message &m = m_context.pool[message];
        if (m_dedupe && m_dedupe->contains(m.id, now())) {
            // The id is recorded in the same transaction as the work's effects
            // (the idempotent-consumer pattern), so of two copies processed at
            // once, the second to commit finds it there and rolls back.
            ++m_duplicatesSuppressed;
            m_context.drop(message, DropReason::Duplicate);
        } else {
            countSideEffect(m);
            if (m_dedupe)
                m_dedupe->insert(m.id, now());
            m_emitter.emit(message);
        }
    } else if (settlement == Settlement::Discard)
        m_context.fail(message);
    takeMoreWork();
    // An answer sent across a partition is lost: the caller's timeout tells.
    if (replyTo != NoHolder && !m_context.isPartitioned(index(), replyTo))
        static_cast<Service *>(m_context.components[replyTo])->answer(replyJob, replySerial, replyEdge, success);
}

Settlement Service::settleWithHolder(MessageRef message, bool success)
{
    const std::uint32_t holder = m_context.pool[message].holder;
    if (holder == NoHolder)
        return success ? Settlement::Keep : Settlement::Discard;
    Component *source = m_context.components[holder];
    if (source->kind() == NodeKind::Topic)
        return static_cast<Topic *>(source)->settle(message, success, *this) ? Settlement::Keep : Settlement::Discard;
    return static_cast<MessageQueue *>(source)->settle(message, success);
}

void Service::takeMoreWork()
{
    if (!m_replicas.empty())
        drainReplicaLines();
    while (hasFreeWorker() && !m_line.empty()) {
        const MessageRef next = m_line.front();
        m_line.pop_front();
        m_lineLength.set(now(), static_cast<double>(m_line.size()));
        begin(next);
    }
    // Poll the sources round-robin so no queue starves another.
    std::size_t emptyInARow = 0;
    while (hasFreeWorker() && !m_sources.empty() && emptyInARow < m_sources.size()) {
        MessageQueue *source = m_sources[m_nextSource];
        m_nextSource = (m_nextSource + 1) % m_sources.size();
        emptyInARow = source->pull(*this) ? 0 : emptyInARow + 1;
    }
}

void Service::resetStatistics()
{
    m_arrivals = m_completions = m_failures = m_drops = m_duplicatesSuppressed = m_duplicateSideEffects = 0;
    m_outOfOrder = m_versionRejections = m_upcasts = m_hangs = 0;
    m_lineLength.resetStatistics(now());
    m_busyWorkers.resetStatistics(now());
    m_inSystem.resetStatistics(now());
    m_wait.reset();
    m_response.reset();
    for (auto &call : m_calls)
        call->resetStatistics();
    for (Replica &r : m_replicas) {
        r.arrivals = 0;
        r.busyLevel.resetStatistics(now());
        r.lineLevel.resetStatistics(now());
    }
}

void Service::finish(sim::Time end)
{
    m_lineLength.flush(end);
    m_busyWorkers.flush(end);
    for (Replica &r : m_replicas) {
        r.busyLevel.flush(end);
        r.lineLevel.flush(end);
    }
    m_lineSeries.finish(end);
    m_busySeries.finish(end);
    m_throughputSeries.finish(end);
}

NodeResults Service::results(sim::Time measuredFrom, sim::Time end) const
{
    NodeResults r = countedResults(measuredFrom, end, m_arrivals, m_completions);
    r.failures = m_failures;
    r.drops = m_drops;
    r.duplicatesSuppressed = m_duplicatesSuppressed;
    r.duplicateSideEffects = m_duplicateSideEffects;
    r.outOfOrder = m_outOfOrder;
    r.versionRejections = m_versionRejections;
    r.upcasts = m_upcasts;
    r.hangs = m_hangs;
    r.queueLength = summarize(m_lineLength, end);
    r.busyWorkers = summarize(m_busyWorkers, end);
    r.inSystem = summarize(m_inSystem, end);
    // Of the specified workers (of all replicas), also under a scale fault.
    r.utilisation = r.busyWorkers.mean / (m_spec.workers * std::max(m_spec.replicas, 1));
    r.waitingTime = summarize(m_wait);
    r.responseTime = summarize(m_response);
    replicaResults(r, end);
    return r;
}

void Service::collectSeries(std::vector<SeriesResults> &out) const
{
    out.push_back({id(), "queueLength", m_lineSeries.points()});
    out.push_back({id(), "busyWorkers", m_busySeries.points()});
    out.push_back({id(), "throughput", m_throughputSeries.points()});
}

void Service::snapshot(NodeSnapshot &out) const
{
    out.waiting = waiting();
    out.capacity = m_spec.capacity;
    out.busyWorkers = m_busy;
    out.workers = workersUp(); // live: a crash takes instances away
    out.arrivals = m_arrivals;
    out.departures = m_completions;
    out.failures = m_failures;
    out.drops = m_drops;
    out.duplicates = m_duplicatesSuppressed + m_duplicateSideEffects;
    out.outOfOrder = m_outOfOrder;
    out.responseP50 = m_response.percentile(0.50).toSeconds();
    out.responseP95 = m_response.percentile(0.95).toSeconds();
    out.responseP99 = m_response.percentile(0.99).toSeconds();
    out.versionRejections = m_versionRejections;
    out.upcasts = m_upcasts;
    out.hangs = m_hangs;
}

} // namespace asyncsim::models
