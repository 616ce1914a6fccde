#include "Run.h"

#include "CallEdge.h"
#include "DeadLetterQueue.h"
#include "FaultSchedule.h"
#include "MessageQueue.h"
#include "Producer.h"
#include "PublishEdge.h"
#include "Service.h"
#include "Sink.h"
#include "Statistics.h"
#include "Topic.h"

#include <algorithm>

namespace asyncsim::models {

namespace {

sim::Duration seriesIntervalFor(const SimulationSettings &s)
{
    if (s.sampleInterval)
        return *s.sampleInterval;
    // About 500 points over the run, at least a millisecond apart.
    return std::max(sim::Duration::nanoseconds(s.duration.ns() / 500), sim::Duration::milliseconds(1));
}

std::unique_ptr<Component> makeComponent(RunContext &context, const NodeSpec &spec, std::size_t index)
{
    switch (spec.kind()) {
    case NodeKind::Producer:
        return std::make_unique<Producer>(context, spec, index);
    case NodeKind::Queue:
        return std::make_unique<MessageQueue>(context, spec, index);
    case NodeKind::Service:
        return std::make_unique<Service>(context, spec, index);
    case NodeKind::Sink:
        return std::make_unique<Sink>(context, spec, index);
    case NodeKind::DeadLetter:
        return std::make_unique<DeadLetterQueue>(context, spec, index);
    case NodeKind::Topic:
        return std::make_unique<Topic>(context, spec, index);
    }
    return nullptr;
}

Emitter *emitterOf(Component &c)
{
    if (auto *p = dynamic_cast<Producer *>(&c))
        return &p->emitter();
    if (auto *s = dynamic_cast<Service *>(&c))
        return &s->emitter();
    return nullptr;
}

} // namespace

Run::Run(const Topology &topology, std::optional<std::uint64_t> seed)
    : m_name(topology.name)
    , m_context(seed.value_or(topology.simulation.seed), topology.nodes.size(), seriesIntervalFor(topology.simulation))
    , m_horizon(sim::Time::zero() + topology.simulation.duration)
    , m_warmupEnd(sim::Time::zero() + topology.simulation.warmup)
{
    for (std::size_t i = 0; i < topology.nodes.size(); ++i) {
        m_components.push_back(makeComponent(m_context, topology.nodes[i], i));
        m_context.components.push_back(m_components.back().get());
    }
    m_context.edgeTraffic.resize(topology.edges.size());
    connect(topology);
    if (!topology.faults.empty())
        m_faults = std::make_unique<FaultSchedule>(m_context, topology, m_context.components);

    bool allLimited = true;
    for (const NodeSpec &n : topology.nodes) {
        if (const auto *p = std::get_if<ProducerSpec>(&n.params)) {
            allLimited = allLimited && p->limit.has_value();
            m_producerLimitTotal += p->limit.value_or(0);
        }
    }
    if (!allLimited)
        m_producerLimitTotal = 0;

    if (m_warmupEnd > sim::Time::zero())
        m_context.simulation.scheduleAt(m_warmupEnd, *this, 0);
    for (auto &c : m_components)
        c->start();
}

Run::~Run() = default;

void Run::connect(const Topology &topology)
{
    for (std::size_t i = 0; i < topology.nodes.size(); ++i) {
        const auto *q = std::get_if<QueueSpec>(&topology.nodes[i].params);
        if (q && !q->deadLetter.empty())
            dynamic_cast<MessageQueue &>(*m_components[i])
                .setDeadLetter(&dynamic_cast<DeadLetterQueue &>(*m_components[topology.nodeIndex(q->deadLetter)]));
    }
    m_policyEdges.assign(topology.edges.size(), nullptr);
    for (std::size_t index = 0; index < topology.edges.size(); ++index) {
        const EdgeSpec &e = topology.edges[index];
        const auto edge = static_cast<std::int32_t>(index);
        Component &from = *m_components[topology.nodeIndex(e.from)];
        Component &to = *m_components[topology.nodeIndex(e.to)];
        if (e.mode == EdgeMode::Call) {
            Component *fallback = e.fallback.action == FallbackAction::Route
                                    ? m_components[topology.nodeIndex(e.fallback.to)].get()
                                    : nullptr;
            auto call = std::make_unique<CallEdge>(m_context, e, index, &dynamic_cast<Service &>(to), fallback);
            m_policyEdges[index] = call.get();
            dynamic_cast<Service &>(from).addCall(std::move(call));
        } else if (e.mode == EdgeMode::Consume && from.kind() == NodeKind::Topic) {
            dynamic_cast<Topic &>(from).addGroup(&dynamic_cast<Service &>(to), edge, e.commit, e.autoCommitInterval,
                                                 e.assignor);
            dynamic_cast<Service &>(to).addTopicSource(&dynamic_cast<Topic &>(from));
        } else if (e.mode == EdgeMode::Consume) {
            auto &queue = dynamic_cast<MessageQueue &>(from);
            auto &service = dynamic_cast<Service &>(to);
            queue.addConsumer(&service, edge);
            service.addSource(&queue);
        } else if (Emitter *emitter = emitterOf(from)) {
            std::unique_ptr<PublishEdge> policies;
            if (e.retry || e.circuitBreaker || e.fallback.action == FallbackAction::Route) {
                Component *fallback = e.fallback.action == FallbackAction::Route
                                        ? m_components[topology.nodeIndex(e.fallback.to)].get()
                                        : nullptr;
                policies = std::make_unique<PublishEdge>(m_context, e, index, from.index(), &to, fallback);
                m_policyEdges[index] = policies.get();
            }
            emitter->addTarget(&to, e.probability, edge, std::move(policies));
        }
    }
}

void Run::handleEvent(const sim::Event &)
{
    for (auto &c : m_components)
        c->resetStatistics();
    // Call edges are reset by their Service; publish edges belong to no component.
    for (ResilientEdge *edge : m_policyEdges)
        if (edge && edge->spec().mode != EdgeMode::Call)
            edge->resetStatistics();
    m_context.resetFlowStatistics();
    ++m_statisticsEpoch;
    m_context.note(RunLogKind::WarmupEnded, -1, "warm-up over: statistics reset");
}

bool Run::isDrained() const
{
    return m_producerLimitTotal > 0 && m_context.simulation.pendingEvents() == 0;
}

bool Run::isFinished()
{
    if (m_finished)
        return true;
    const bool nothingBeforeHorizon = m_context.simulation.nextEventTime() > m_horizon;
    return nothingBeforeHorizon && (now() >= m_horizon || isDrained());
}

bool Run::step()
{
    if (isFinished())
        return false;
    if (m_context.simulation.nextEventTime() > m_horizon) {
        // Nothing left before the horizon: the quiet rest of the run passes at once.
        m_context.simulation.advanceClock(m_horizon);
        return false;
    }
    return m_context.simulation.step();
}

void Run::advanceTo(sim::Time t)
{
    if (m_finished)
        return;
    const sim::Time until = std::min(t, m_horizon);
    sim::Simulation &simulation = m_context.simulation;
    simulation.runEventsUntil(until);
    // Idle time up to the horizon counts in time averages, unless the run has
    // drained for good (every producer limited, nothing pending): then it ends
    // with its last event rather than at a possibly huge horizon.
    if (!isDrained())
        simulation.advanceClock(until);
}

double Run::progress() const
{
    const double byTime = m_horizon > sim::Time::zero() ? now().toSeconds() / m_horizon.toSeconds() : 1.0;
    double byCount = 0;
    if (m_producerLimitTotal > 0)
        byCount = static_cast<double>(m_context.produced) / static_cast<double>(m_producerLimitTotal);
    return std::clamp(std::max(byTime, byCount), 0.0, 1.0);
}

RunResults Run::finish()
{
    m_finished = true;
    const sim::Time end = now();
    const sim::Time measuredFrom = std::min(m_warmupEnd, end);
    for (auto &c : m_components)
        c->finish(end);
    m_context.finishLatencySeries(end);

    RunResults r;
    r.topology = m_name;
    r.seed = m_context.simulation.seed();
    r.simulatedTime = end.toSeconds();
    r.warmup = measuredFrom.toSeconds();
    r.events = m_context.simulation.eventsExecuted();
    r.ledger.produced = m_context.produced;
    r.ledger.forked = m_context.forked;
    r.ledger.duplicated = m_context.duplicated;
    r.ledger.completed = m_context.completed;
    r.ledger.failed = m_context.failed;
    for (std::size_t i = 0; i < m_context.dropped.size(); ++i)
        if (m_context.dropped[i] > 0)
            r.ledger.dropped[dropReasonName(static_cast<DropReason>(i))] = m_context.dropped[i];
    for (std::size_t i = 0; i < m_context.deadLettered.size(); ++i)
        if (m_context.deadLettered[i] > 0)
            r.ledger.deadLettered[deadLetterReasonName(static_cast<DeadLetterReason>(i))] = m_context.deadLettered[i];
    r.ledger.expired = m_context.expired;
    r.ledger.lostToRetention = m_context.lostToRetention;
    r.ledger.redriven = m_context.redriven;
    r.ledger.calls = m_context.calls;
    r.ledger.inFlight = m_context.pool.live();

    for (auto &c : m_components)
        r.nodes.push_back(c->results(measuredFrom, end));
    for (std::size_t p = 0; p < m_components.size(); ++p) {
        if (m_components[p]->kind() != NodeKind::Producer)
            continue;
        for (const auto &[n, h] : m_context.flowsOf(p))
            if (h->count() > 0)
                r.flows.push_back(FlowResults{m_components[p]->id(), m_components[n]->id(), summarize(*h)});
    }
    for (const ResilientEdge *edge : m_policyEdges)
        if (edge)
            r.edges.push_back(edge->results(measuredFrom, end));
    r.seriesInterval = m_context.seriesInterval.toSeconds();
    for (auto &c : m_components)
        c->collectSeries(r.series);
    const auto &latency = m_context.latencySeriesByNode();
    for (std::size_t n = 0; n < latency.size(); ++n)
        if (latency[n])
            r.series.push_back({m_components[n]->id(), "latency", latency[n]->points()});
    // All series of a run coarsen alike; report the interval they ended with.
    sim::TimeSeries probe(sim::TimeSeries::Kind::Rate, m_context.seriesInterval);
    probe.finish(end);
    r.seriesInterval = probe.interval().toSeconds();
    return r;
}

const CircuitBreaker *Run::breakerOfEdge(std::size_t edgeIndex) const
{
    return edgeIndex < m_policyEdges.size() && m_policyEdges[edgeIndex] ? m_policyEdges[edgeIndex]->breaker() : nullptr;
}

RunResults Run::execute(const Topology &topology, std::optional<std::uint64_t> seed)
{
    Run run(topology, seed);
    run.runToEnd();
    return run.finish();
}

const char *dropReasonName(DropReason reason)
{
    switch (reason) {
    case DropReason::QueueFull:
        return "queue-full";
    case DropReason::DropOldest:
        return "drop-oldest";
    case DropReason::ServiceFull:
        return "service-full";
    case DropReason::Rejected:
        return "rejected";
    case DropReason::DeliveryLimit:
        return "delivery-limit";
    case DropReason::Duplicate:
        return "duplicate";
    case DropReason::Unavailable:
        return "unavailable";
    case DropReason::Fallback:
        return "fallback";
    case DropReason::Deduplicated:
        return "deduplicated";
    case DropReason::RejectedVersion:
        return "rejected-version";
    case DropReason::Poison:
        return "poison";
    case DropReason::Crashed:
        return "crashed";
    case DropReason::Partitioned:
        return "partitioned";
    case DropReason::CircuitOpen:
        return "circuit-open";
    case DropReason::Count:
        break;
    }
    return "?";
}

const char *deadLetterReasonName(DeadLetterReason reason)
{
    switch (reason) {
    case DeadLetterReason::MaxReceives:
        return "max-receives";
    case DeadLetterReason::DeliveryLimit:
        return "delivery-limit";
    case DeadLetterReason::Rejected:
        return "rejected";
    case DeadLetterReason::MaxLen:
        return "maxlen";
    case DeadLetterReason::Expired:
        return "expired";
    case DeadLetterReason::RejectedVersion:
        return "rejected-version";
    case DeadLetterReason::Poison:
        return "poison";
    case DeadLetterReason::Count:
        break;
    }
    return "?";
}

const NodeResults &RunResults::node(const std::string &id) const
{
    for (const NodeResults &n : nodes)
        if (n.id == id)
            return n;
    return nodes.front();
}

RunSnapshot Run::snapshot() const
{
    RunSnapshot s;
    s.now = now();
    s.horizon = m_horizon;
    s.progress = progress();
    s.events = eventsExecuted();
    s.finished = m_finished;
    s.statisticsEpoch = m_statisticsEpoch;
    const RunContext &c = m_context;
    s.ledger.produced = c.produced;
    s.ledger.completed = c.completed;
    s.ledger.failed = c.failed;
    for (std::uint64_t n : c.deadLettered)
        s.ledger.deadLettered += n;
    for (std::uint64_t n : c.dropped)
        s.ledger.dropped += n;
    s.ledger.expired = c.expired;
    s.ledger.inFlight = c.pool.live();
    s.ledger.forked = c.forked;
    s.ledger.duplicated = c.duplicated;
    s.ledger.redriven = c.redriven;
    s.ledger.lostToRetention = c.lostToRetention;
    s.ledger.calls = c.calls;
    s.nodes.resize(m_components.size());
    for (std::size_t i = 0; i < m_components.size(); ++i) {
        s.nodes[i].kind = m_components[i]->kind();
        m_components[i]->snapshot(s.nodes[i]);
    }
    s.edges.resize(c.edgeTraffic.size());
    for (std::size_t i = 0; i < c.edgeTraffic.size(); ++i) {
        s.edges[i].carried = c.edgeTraffic[i];
        if (const ResilientEdge *call = i < m_policyEdges.size() ? m_policyEdges[i] : nullptr) {
            s.edges[i].rejectedCalls = call->rejectedByBreaker;
            if (const CircuitBreaker *breaker = call->breaker()) {
                s.edges[i].breaker = breaker->state();
                s.edges[i].breakerTransitions = call->transitionsSinceStart();
            }
        }
    }
    return s;
}

std::size_t Run::reconfigure(const Topology &topology)
{
    std::size_t changed = 0;
    const std::size_t n = std::min(topology.nodes.size(), m_components.size());
    for (std::size_t i = 0; i < n; ++i) {
        const NodeSpec &spec = topology.nodes[i];
        Component &c = *m_components[i];
        if (spec.id != c.id() || spec.kind() != c.kind())
            continue;
        if (const auto *s = std::get_if<ServiceSpec>(&spec.params)) {
            auto &service = static_cast<Service &>(c);
            if (service.workers() != s->workers) {
                service.setWorkers(s->workers);
                ++changed;
            }
        } else if (const auto *p = std::get_if<ProducerSpec>(&spec.params)) {
            auto &producer = static_cast<Producer &>(c);
            if (producer.rate() != p->arrivals.rate) {
                producer.setRate(p->arrivals.rate);
                ++changed;
            }
        } else if (const auto *q = std::get_if<QueueSpec>(&spec.params)) {
            auto &queue = static_cast<MessageQueue &>(c);
            if (queue.capacity() != q->capacity) {
                queue.setCapacity(q->capacity);
                ++changed;
            }
        }
    }
    // Faults switched on or off; any other change to the timeline waits for the next run.
    if (m_faults && topology.faults.size() == m_faults->faults().size())
        for (std::size_t f = 0; f < topology.faults.size(); ++f) {
            FaultSpec same = topology.faults[f];
            same.enabled = m_faults->faults()[f].enabled;
            if (same == m_faults->faults()[f] && m_faults->setEnabled(f, topology.faults[f].enabled))
                ++changed;
        }
    // Edges with policies: timeouts, retries and breaker thresholds.
    for (std::size_t e = 0; e < topology.edges.size() && e < m_policyEdges.size(); ++e) {
        ResilientEdge *edge = m_policyEdges[e];
        const EdgeSpec &spec = topology.edges[e];
        if (!edge || spec.from != edge->spec().from || spec.to != edge->spec().to || spec.mode != edge->spec().mode)
            continue;
        if (spec.timeout == edge->spec().timeout && spec.retry == edge->spec().retry
            && spec.circuitBreaker == edge->spec().circuitBreaker)
            continue;
        if (spec.mode != EdgeMode::Call) {
            changed += edge->reconfigure(spec) ? 1 : 0;
            continue;
        }
        // A call edge's breaker timer belongs to its caller.
        for (auto &c : m_components) {
            if (c->id() != spec.from || c->kind() != NodeKind::Service)
                continue;
            auto &caller = static_cast<Service &>(*c);
            for (std::size_t k = 0; k < caller.calls().size(); ++k)
                if (caller.calls()[k].get() == edge && caller.reconfigureCall(k, spec))
                    ++changed;
        }
    }
    return changed;
}

} // namespace asyncsim::models
