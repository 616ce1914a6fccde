#include "RunRecorder.h"

#include <algorithm>
#include <variant>

namespace asyncsim::ui {

namespace {

using models::NodeKind;

// A counter's growth per second, or nothing when it went down (a snapshot
// that does not follow the base: never within one epoch, but cheap to guard).
std::optional<double> rate(std::uint64_t now, std::uint64_t before, double seconds)
{
    if (now < before)
        return std::nullopt;
    return static_cast<double>(now - before) / seconds;
}

} // namespace

RunRecorder::RunRecorder(std::size_t pointsPerSeries)
    : m_pointsPerSeries(pointsPerSeries)
{ }

void RunRecorder::start(const models::Topology &topology)
{
    clear();
    m_started = true;
    for (const models::NodeSpec &node : topology.nodes) {
        NodeInfo info;
        info.name = QString::fromStdString(node.id);
        info.kind = node.kind();
        if (const auto *q = std::get_if<models::QueueSpec>(&node.params))
            info.capacity = q->capacity;
        if (const auto *s = std::get_if<models::ServiceSpec>(&node.params)) {
            info.capacity = s->capacity;
            info.workers = s->workers * std::max(s->replicas, 1);
        }
        if (const auto *t = std::get_if<models::TopicSpec>(&node.params))
            info.partitions = t->partitions;
        m_nodes.push_back(info);
    }
    for (const models::EdgeSpec &edge : topology.edges) {
        EdgeInfo info;
        info.from = topology.nodeIndex(edge.from);
        info.to = topology.nodeIndex(edge.to);
        info.name = QString::fromStdString(edge.from) + QStringLiteral(" → ") + QString::fromStdString(edge.to);
        m_edges.push_back(info);
    }
    const sim::Duration duration = topology.simulation.duration;
    m_horizon = duration.toSeconds();
    const sim::Duration sample
        = topology.simulation.sampleInterval.value_or(sim::Duration::nanoseconds(duration.ns() / 500));
    const sim::Duration floor = std::min(sim::Duration::seconds(1), sim::Duration::nanoseconds(duration.ns() / 50));
    m_rateWindow = std::max({sample, floor, sim::Duration::nanoseconds(1)});
}

void RunRecorder::clear()
{
    m_started = false;
    m_nodes.clear();
    m_edges.clear();
    m_series.clear();
    m_last.reset();
    m_rateBase.reset();
    m_horizon = 0;
    ++m_revision;
}

void RunRecorder::apply(const models::RunSnapshot &snapshot)
{
    if (!m_started || snapshot.nodes.size() != m_nodes.size() || snapshot.edges.size() != m_edges.size())
        return;
    if (m_last && snapshot.now < m_last->now)
        return;
    const double x = snapshot.now.toSeconds();
    if (snapshot.horizon > sim::Time::zero() && snapshot.horizon < sim::Time::max())
        m_horizon = snapshot.horizon.toSeconds();
    recordLevels(snapshot, x);

    // Rates need a base of the same epoch: the warm-up's reset of the
    // counters is not traffic, so the first snapshot after it only becomes the new base.
    if (!m_rateBase || m_rateBase->statisticsEpoch != snapshot.statisticsEpoch) {
        m_rateBase = snapshot;
        m_rateBase->log.clear();
    } else if (snapshot.now - m_rateBase->now >= m_rateWindow) {
        recordRates(snapshot, x);
        m_rateBase = snapshot;
        m_rateBase->log.clear();
    }
    m_last = snapshot;
    m_last->log.clear(); // the event log keeps those
    ++m_revision;
}

void RunRecorder::recordLevels(const models::RunSnapshot &s, double x)
{
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
        const models::NodeSnapshot &n = s.nodes[i];
        const int node = static_cast<int>(i);
        const NodeKind kind = m_nodes[i].kind;
        if (kind != NodeKind::Producer && kind != NodeKind::Sink)
            add(nodeKey(node, Metric::Waiting), x, static_cast<double>(n.waiting));
        if (const auto bound = n.capacity ? n.capacity : m_nodes[i].capacity)
            add(nodeKey(node, Metric::Capacity), x, static_cast<double>(*bound));
        switch (kind) {
        case NodeKind::Queue:
            add(nodeKey(node, Metric::Unacked), x, static_cast<double>(n.unacked));
            break;
        case NodeKind::Service:
            add(nodeKey(node, Metric::BusyWorkers), x, n.busyWorkers);
            add(nodeKey(node, Metric::Workers), x, n.workers > 0 ? n.workers : m_nodes[i].workers);
            // 0 means "nothing answered yet", not "instant": no point, so the
            // line does not dive to 0 at the start or after the warm-up.
            if (n.responseP99 > 0) {
                add(nodeKey(node, Metric::ResponseP50), x, n.responseP50);
                add(nodeKey(node, Metric::ResponseP95), x, n.responseP95);
                add(nodeKey(node, Metric::ResponseP99), x, n.responseP99);
            }
            add(nodeKey(node, Metric::Duplicates), x, static_cast<double>(n.duplicates));
            add(nodeKey(node, Metric::OutOfOrder), x, static_cast<double>(n.outOfOrder));
            break;
        case NodeKind::DeadLetter:
            for (std::size_t r = 0; r < n.deadLettersByReason.size(); ++r)
                add(nodeKey(node, Metric::DeadLetters, static_cast<int>(r)), x,
                    static_cast<double>(n.deadLettersByReason[r]));
            break;
        case NodeKind::Topic:
            for (std::size_t p = 0; p < n.partitionLag.size(); ++p)
                add(nodeKey(node, Metric::PartitionLag, static_cast<int>(p)), x,
                    static_cast<double>(n.partitionLag[p]));
            break;
        case NodeKind::Producer:
        case NodeKind::Sink:
            break;
        }
    }
    for (std::size_t i = 0; i < s.edges.size(); ++i) {
        const models::EdgeSnapshot &e = s.edges[i];
        if (!e.breaker)
            continue;
        const int edge = static_cast<int>(i);
        const int level = breakerLevel(*e.breaker);
        m_edges[i].hasBreaker = true;
        add(edgeKey(edge, Metric::BreakerState), x, level);
        // The counter never resets, so a change since the previous snapshot is
        // a transition whatever the epoch.
        const std::uint64_t before = m_last ? m_last->edges[i].breakerTransitions : 0;
        if (e.breakerTransitions > before)
            add(edgeKey(edge, Metric::BreakerTransition), x, level);
    }
    const models::LedgerSnapshot &l = s.ledger;
    add(ledgerKey(Metric::Produced), x, static_cast<double>(l.produced));
    add(ledgerKey(Metric::Completed), x, static_cast<double>(l.completed));
    add(ledgerKey(Metric::Failed), x, static_cast<double>(l.failed));
    add(ledgerKey(Metric::DeadLettered), x, static_cast<double>(l.deadLettered));
    add(ledgerKey(Metric::Dropped), x, static_cast<double>(l.dropped));
    add(ledgerKey(Metric::Expired), x, static_cast<double>(l.expired));
    add(ledgerKey(Metric::InFlight), x, static_cast<double>(l.inFlight));
}

void RunRecorder::recordRates(const models::RunSnapshot &s, double x)
{
    const models::RunSnapshot &base = *m_rateBase;
    const double seconds = (s.now - base.now).toSeconds();
    const auto addRate = [&](const SeriesKey &key, std::uint64_t now, std::uint64_t before) {
        if (const auto r = rate(now, before, seconds))
            add(key, x, *r);
    };
    for (std::size_t i = 0; i < s.nodes.size(); ++i) {
        const models::NodeSnapshot &n = s.nodes[i];
        const models::NodeSnapshot &b = base.nodes[i];
        const int node = static_cast<int>(i);
        addRate(nodeKey(node, Metric::ArrivalRate), n.arrivals, b.arrivals);
        addRate(nodeKey(node, Metric::DropRate), n.drops, b.drops);
        switch (m_nodes[i].kind) {
        case NodeKind::Producer: {
            // Offered less refused; a refusal is counted when it happens, so
            // within a window it never exceeds what was offered by more than
            // the few refused just after the base.
            const auto offered = rate(n.arrivals, b.arrivals, seconds);
            const auto refused = rate(n.drops, b.drops, seconds);
            if (offered && refused)
                add(nodeKey(node, Metric::AcceptedRate), x, std::max(0.0, *offered - *refused));
            break;
        }
        case NodeKind::Queue:
            addRate(nodeKey(node, Metric::DepartureRate), n.departures, b.departures);
            addRate(nodeKey(node, Metric::DeadLetterRate), n.deadLettered, b.deadLettered);
            addRate(nodeKey(node, Metric::ExpiredRate), n.expired, b.expired);
            addRate(nodeKey(node, Metric::RequeueRate), n.requeues, b.requeues);
            addRate(nodeKey(node, Metric::DeduplicatedRate), n.deduplicated, b.deduplicated);
            break;
        case NodeKind::Service:
            addRate(nodeKey(node, Metric::DepartureRate), n.departures, b.departures);
            addRate(nodeKey(node, Metric::FailureRate), n.failures, b.failures);
            addRate(nodeKey(node, Metric::VersionRejectionRate), n.versionRejections, b.versionRejections);
            addRate(nodeKey(node, Metric::UpcastRate), n.upcasts, b.upcasts);
            addRate(nodeKey(node, Metric::HangRate), n.hangs, b.hangs);
            break;
        case NodeKind::Topic:
            addRate(nodeKey(node, Metric::DepartureRate), n.departures, b.departures);
            break;
        case NodeKind::Sink:
        case NodeKind::DeadLetter:
            break;
        }
    }
    for (std::size_t i = 0; i < s.edges.size(); ++i) {
        const models::EdgeSnapshot &e = s.edges[i];
        const models::EdgeSnapshot &b = base.edges[i];
        const int edge = static_cast<int>(i);
        for (std::size_t c = 0; c < e.carried.size(); ++c)
            addRate(edgeKey(edge, Metric::CarriedRate, static_cast<int>(c)), e.carried[c], b.carried[c]);
        if (e.breaker)
            addRate(edgeKey(edge, Metric::RejectedCallRate), e.rejectedCalls, b.rejectedCalls);
    }
}

void RunRecorder::add(const SeriesKey &key, double x, double y)
{
    auto it = m_series.find(key);
    if (it == m_series.end()) {
        const bool peaks = key.metric == Metric::BreakerState || key.metric == Metric::BreakerTransition;
        it = m_series
                 .emplace(key,
                          SeriesBuffer(m_pointsPerSeries, peaks ? SeriesBuffer::Merge::Max : SeriesBuffer::Merge::Mean))
                 .first;
    }
    it->second.append(x, y);
}

const SeriesBuffer *RunRecorder::series(const SeriesKey &key) const
{
    const auto it = m_series.find(key);
    return it == m_series.end() ? nullptr : &it->second;
}

std::size_t RunRecorder::largestSeries() const
{
    std::size_t most = 0;
    for (const auto &[key, buffer] : m_series)
        most = std::max(most, buffer.size());
    return most;
}

int RunRecorder::breakerLevel(models::CircuitBreakerState state)
{
    switch (state) {
    case models::CircuitBreakerState::HalfOpen:
        return 1;
    case models::CircuitBreakerState::Open:
    case models::CircuitBreakerState::ForcedOpen:
        return 2;
    case models::CircuitBreakerState::Closed:
    case models::CircuitBreakerState::Disabled:
    case models::CircuitBreakerState::MetricsOnly:
        break;
    }
    return 0;
}

} // namespace asyncsim::ui
