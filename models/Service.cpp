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
    , m_lineSeries(sim::TimeSeries::Kind::Level, context.seriesInterval)
    , m_busySeries(sim::TimeSeries::Kind::Level, context.seriesInterval)
    , m_throughputSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
    , m_lineLength(&m_lineSeries)
    , m_busyWorkers(&m_busySeries)
{
    if (m_spec.idempotency)
        m_dedupe.emplace(m_spec.idempotency->ttl, m_spec.idempotency->capacity);
}

bool Service::offer(MessageRef message)
{
    if (m_outage) {
        ++m_drops;
        return false; // the sender drops it as unavailable
    }
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
        m_context.drop(request, DropReason::ServiceFull);
        return Reception::Refused;
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

void Service::startWork(MessageRef message)
{
    ++m_arrivals;
    m_inSystem.add(now(), 1);
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
    ++m_busy;
    m_busyWorkers.set(now(), m_busy);
    double seconds = m_spec.serviceTime.sample(m_serviceRng);
    if (m_latencyFactor != 1)
        seconds *= m_latencyFactor;
    m_context.simulation.schedule(sim::Duration::fromSeconds(seconds), *this, Completion, message);
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
    }
}

void Service::serviceTimeOver(MessageRef message)
{
    // Draw only when failures are possible, so adding p = 0 changes nothing.
    const double p = m_failureOverride.value_or(m_spec.failureProbability);
    const bool success = !(p > 0 && m_failureRng.uniform01() < p);
    // A processing that failed in its own code makes no calls.
    if (success && !m_calls.empty())
        startCalls(message);
    else
        endProcessing(message, success ? Outcome::Success : Outcome::Failure);
}

void Service::endProcessing(MessageRef message, Outcome outcome, Component *routeTo)
{
    --m_busy;
    m_busyWorkers.set(now(), m_busy);
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
    m_outOfOrder = 0;
    m_lineLength.resetStatistics(now());
    m_busyWorkers.resetStatistics(now());
    m_inSystem.resetStatistics(now());
    m_wait.reset();
    m_response.reset();
    for (auto &call : m_calls)
        call->resetStatistics();
}

void Service::finish(sim::Time end)
{
    m_lineLength.flush(end);
    m_busyWorkers.flush(end);
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
    r.queueLength = summarize(m_lineLength, end);
    r.busyWorkers = summarize(m_busyWorkers, end);
    r.inSystem = summarize(m_inSystem, end);
    r.utilisation = r.busyWorkers.mean / m_spec.workers; // of the specified workers, also under a scale fault
    r.waitingTime = summarize(m_wait);
    r.responseTime = summarize(m_response);
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
    out.waiting = m_line.size();
    out.capacity = m_spec.capacity;
    out.busyWorkers = m_busy;
    out.workers = m_workers;
    out.arrivals = m_arrivals;
    out.departures = m_completions;
    out.failures = m_failures;
    out.drops = m_drops;
    out.duplicates = m_duplicatesSuppressed + m_duplicateSideEffects;
    out.outOfOrder = m_outOfOrder;
    out.responseP50 = m_response.percentile(0.50).toSeconds();
    out.responseP95 = m_response.percentile(0.95).toSeconds();
    out.responseP99 = m_response.percentile(0.99).toSeconds();
}

} // namespace asyncsim::models
