// The replicas of a service behind its load balancer (see the Service class comment).

#include "MessageQueue.h"
#include "Service.h"
#include "Statistics.h"
#include "Topic.h"

#include <algorithm>
#include <functional>
#include <string>

namespace asyncsim::models {

int Service::freeReplica() const
{
    // From the one whose turn it is, so that idle replicas share the pulls.
    const std::size_t count = m_replicas.size();
    for (std::size_t step = 0; step < count; ++step) {
        const std::size_t i = (m_nextPull + step) % count;
        if (!m_replicas[i].down && m_replicas[i].busy < m_workers)
            return static_cast<int>(i);
    }
    return -1;
}

bool Service::offerToReplica(MessageRef message)
{
    // The balancer sees the replicas that are up (its health check) and the
    // requests outstanding at each: in service or waiting in its line.
    m_outstanding.clear();
    m_upReplicas.clear();
    for (std::size_t i = 0; i < m_replicas.size(); ++i) {
        const Replica &r = m_replicas[i];
        if (r.down)
            continue;
        m_upReplicas.push_back(static_cast<std::uint16_t>(i));
        m_outstanding.push_back(static_cast<std::uint32_t>(r.busy + static_cast<int>(r.line.size())));
    }
    if (m_upReplicas.empty()) {
        ++m_drops;
        return false; // unavailable (refusalReason)
    }
    const std::uint16_t chosen = m_upReplicas[m_balancer->pick(m_outstanding)];
    Replica &replica = m_replicas[chosen];
    if (!replica.line.empty() || replica.busy >= m_workers) {
        if (m_spec.capacity && replica.line.size() >= *m_spec.capacity) {
            ++m_drops;
            if (m_context.log)
                m_context.note(RunLogKind::OverflowRejected, static_cast<std::int32_t>(index()),
                               "replica " + std::to_string(chosen + 1) + "'s line full at "
                                   + std::to_string(*m_spec.capacity));
            return false;
        }
    }
    m_context.pool[message].replica = chosen;
    ++m_arrivals;
    ++replica.arrivals;
    m_inSystem.add(now(), 1);
    if (replica.line.empty() && replica.busy < m_workers) {
        begin(message);
        return true;
    }
    replica.line.push_back(message);
    replica.lineLevel.set(now(), static_cast<double>(replica.line.size()));
    m_lineLength.set(now(), static_cast<double>(++m_replicaWaiting));
    return true;
}

void Service::startOnFreeReplica(MessageRef message)
{
    const int chosen = freeReplica(); // one exists: the source asked hasFreeWorker()
    m_nextPull = static_cast<std::size_t>(chosen) + 1;
    m_context.pool[message].replica = static_cast<std::uint16_t>(chosen);
    ++m_replicas[static_cast<std::size_t>(chosen)].arrivals;
    begin(message);
}

void Service::startWorkOn(MessageRef message, std::uint16_t replica)
{
    if (m_replicas.empty()) {
        startWork(message);
        return;
    }
    ++m_arrivals;
    m_inSystem.add(now(), 1);
    m_context.pool[message].replica = replica;
    ++m_replicas[replica].arrivals;
    begin(message);
}

void Service::drainReplicaLines()
{
    for (Replica &replica : m_replicas) {
        while (!m_outage && !replica.down && replica.busy < m_workers && !replica.line.empty()) {
            const MessageRef next = replica.line.front();
            replica.line.pop_front();
            replica.lineLevel.set(now(), static_cast<double>(replica.line.size()));
            m_lineLength.set(now(), static_cast<double>(--m_replicaWaiting));
            begin(next);
        }
    }
}

void Service::crashReplicas(int instances)
{
    // The last replicas that are up go down.
    std::vector<bool> crashed(m_replicas.size(), false);
    int count = 0;
    for (std::size_t i = m_replicas.size(); i-- > 0 && count < instances;) {
        if (m_replicas[i].down)
            continue;
        m_replicas[i].down = true;
        crashed[i] = true;
        ++m_replicasDown;
        ++count;
    }
    m_context.note(RunLogKind::ConsumerCrashed, static_cast<std::int32_t>(index()),
                   std::to_string(count) + (count == 1 ? " replica" : " replicas") + " crashed");
    if (!m_topics.empty()) {
        // Their workers are group members: the topic takes their records back and rebalances.
        for (Topic *topic : m_topics)
            topic->crash(*this, count * m_workers);
        return;
    }
    // A RabbitMQ queue with a prefetch had a channel to each: closed, they
    // give back what they had prefetched; the work in progress below was
    // delivered earlier and goes back ahead of it. Then the queue redelivers.
    for (std::size_t i = 0; i < m_replicas.size(); ++i)
        if (crashed[i])
            for (MessageQueue *source : m_sources)
                source->channelClosed(*this, static_cast<std::uint16_t>(i));
    // Their work in progress ends, newest first, so that what a queue takes
    // back at its head keeps its order (the order is the run's, not the hash map's).
    std::vector<std::pair<std::uint64_t, MessageRef>> lost;
    for (const auto &[message, active] : m_active)
        if (crashed[m_context.pool[message].replica])
            lost.emplace_back(active.started, message);
    std::sort(lost.begin(), lost.end(), std::greater<>());
    for (const auto &[started, message] : lost)
        loseWork(message);
    for (MessageQueue *source : m_sources)
        source->deliverWaiting();
    // What waited in their lines was in their memory: lost too (a caller times out).
    for (std::size_t i = 0; i < m_replicas.size(); ++i) {
        Replica &replica = m_replicas[i];
        if (!crashed[i] || replica.line.empty())
            continue;
        for (const MessageRef message : replica.line) {
            ++m_drops;
            m_inSystem.add(now(), -1);
            m_context.drop(message, DropReason::Crashed);
        }
        m_replicaWaiting -= replica.line.size();
        replica.line.clear();
        replica.lineLevel.set(now(), 0);
    }
    m_lineLength.set(now(), static_cast<double>(m_replicaWaiting));
}

void Service::restartReplicas(int instances)
{
    int count = 0;
    for (Replica &replica : m_replicas) {
        if (count == instances)
            break;
        if (!replica.down)
            continue;
        replica.down = false;
        --m_replicasDown;
        ++count;
    }
    m_context.note(RunLogKind::ConsumerCrashed, static_cast<std::int32_t>(index()),
                   std::to_string(count) + (count == 1 ? " replica" : " replicas") + " restarted");
    for (Topic *topic : m_topics)
        topic->join(*this, count * m_workers);
    takeMoreWork();
}

void Service::replicaResults(NodeResults &r, sim::Time end) const
{
    for (const Replica &replica : m_replicas) {
        ReplicaResults out;
        out.arrivals = replica.arrivals;
        out.utilisation = summarize(replica.busyLevel, end).mean / m_spec.workers;
        out.queueLength = summarize(replica.lineLevel, end);
        r.replicas.push_back(out);
    }
}

} // namespace asyncsim::models
