#include "Topic.h"

#include "Service.h"
#include "Statistics.h"

#include <algorithm>

namespace asyncsim::models {

Topic::Topic(RunContext &context, const NodeSpec &spec, std::size_t index)
    : Component(context, spec, index)
    , m_spec(std::get<TopicSpec>(spec.params))
    , m_partitioner(m_spec.partitions)
    , m_partitions(static_cast<std::size_t>(m_spec.partitions))
    , m_unreadSeries(sim::TimeSeries::Kind::Level, context.seriesInterval)
    , m_throughputSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
    , m_unread(&m_unreadSeries)
{ }

Topic::~Topic() = default;

void Topic::addGroup(Service *consumer, std::int32_t edge, std::optional<CommitMode> commit,
                     std::optional<sim::Duration> autoCommitInterval, std::optional<Assignor> assignor)
{
    Group g;
    g.consumer = consumer;
    g.edge = edge;
    g.commit = commit.value_or(m_spec.commit);
    g.autoCommitInterval = autoCommitInterval.value_or(m_spec.autoCommitInterval);
    g.assignor = assignor.value_or(m_spec.assignor);
    g.members = consumer->totalWorkers();
    const std::size_t partitions = m_partitions.size();
    g.cursors.resize(partitions);
    g.ownerOf.resize(partitions);
    assign(g);
    updateStopped(g);
    g.lagSeries = std::make_unique<sim::TimeSeries>(sim::TimeSeries::Kind::Level, m_context.seriesInterval);
    g.lag = std::make_unique<sim::TimeWeighted>(g.lagSeries.get());
    m_groups.push_back(std::move(g));
}

bool Topic::offer(MessageRef message)
{
    ++m_arrivals;
    const std::size_t p = static_cast<std::size_t>(m_partitioner.partition(m_context.pool[message].key));
    Partition &partition = m_partitions[p];
    const std::uint64_t offset = partition.logEnd++;
    partition.appendedAt.push_back(now());
    Message &m = m_context.pool[message];
    m.partition = static_cast<std::uint32_t>(p);
    m.offset = offset;
    m.enteredNode = now();
    if (m_groups.empty()) {
        // Stored, and read by nobody: the flow ends here (retention deletes only the log entry).
        m_context.complete(message, index());
        return true;
    }
    // Each group reads its own copy of the record, like a fan-out.
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        MessageRef copy = message;
        if (g + 1 < m_groups.size()) {
            copy = m_context.pool.acquire();
            m_context.pool[copy] = m_context.pool[message];
            m_context.pool[copy].id = m_context.nextMessageId++;
            ++m_context.forked;
        }
        m_groups[g].cursors[p].unread.push_back(copy);
        m_unread.add(now(), 1);
        updateLag(m_groups[g], p);
    }
    for (Group &g : m_groups)
        feed(g, g.ownerOf[p]);
    scheduleRetention(p);
    return true;
}

bool Topic::hasUnread(std::size_t partition) const
{
    return std::any_of(m_groups.begin(), m_groups.end(),
                       [&](const Group &g) { return !g.cursors[partition].unread.empty(); });
}

void Topic::scheduleRetention(std::size_t p)
{
    Partition &partition = m_partitions[p];
    if (!hasUnread(p)) {
        // Deleting read records changes nothing but the log start, which
        // finish() brings up to date: no event, so a drained run can end.
        if (partition.retentionTimer != sim::InvalidEventId)
            m_context.simulation.cancel(partition.retentionTimer);
        partition.retentionTimer = sim::InvalidEventId;
        return;
    }
    if (partition.retentionTimer != sim::InvalidEventId)
        return; // due at or before the oldest unread record's deletion
    std::uint64_t oldest = partition.logEnd;
    for (const Group &g : m_groups)
        if (!g.cursors[p].unread.empty())
            oldest = std::min(oldest, g.cursors[p].position);
    // Deleted once strictly older than the retention: one tick after the age equals it.
    const sim::Time due
        = partition.appendedAt[oldest - partition.logStart] + m_spec.retention + sim::Duration::nanoseconds(1);
    partition.retentionTimer = m_context.simulation.scheduleAt(std::max(due, now()), *this, RetentionDue, p);
}

void Topic::feed(Group &group, std::size_t instanceIndex)
{
    if (instanceIndex >= group.instances.size())
        return;
    Instance &instance = group.instances[instanceIndex];
    // Busy, the service is in an outage, or a partition cuts the group off.
    if (instance.busy || !group.consumer->hasFreeWorker() || m_context.isPartitioned(index(), group.consumer->index()))
        return;
    if (inEagerPause(group))
        return; // eager rebalance: the whole group stops
    for (std::size_t tried = 0; tried < instance.partitions.size(); ++tried) {
        const std::size_t p = instance.partitions[instance.next];
        instance.next = (instance.next + 1) % instance.partitions.size();
        Cursor &cursor = group.cursors[p];
        if (cursor.unread.empty() || cursor.inProgress || cursor.revoking)
            continue;
        const MessageRef message = cursor.unread.front();
        cursor.unread.pop_front();
        ++cursor.position;
        cursor.inProgress = true;
        ++m_dispatched;
        m_throughputSeries.addCount(now());
        Message &m = m_context.pool[message];
        m_wait.record(now() - m.enteredNode);
        m_unread.add(now(), -1);
        m.enteredNode = now(); // the time in the log is the topic's waiting time, as with a queue
        m.holder = static_cast<std::uint32_t>(index());
        instance.busy = true;
        instance.current = p;
        instance.message = message;
        // Kept until committed: a restart from the committed offset reads it again.
        cursor.uncommitted.push_back(HandedOut{m.offset, m, false, false});
        m_context.carry(group.edge, m, 0);
        if (cursor.unread.empty())
            scheduleRetention(p); // nothing left to lose here, perhaps
        group.consumer->startWork(message);
        return;
    }
}

bool Topic::settle(MessageRef message, bool success, const Service &consumer)
{
    Group &group = groupOf(consumer);
    Message &m = m_context.pool[message];
    m.holder = NoHolder;
    const std::size_t p = m.partition;
    Cursor &cursor = group.cursors[p];
    cursor.inProgress = false;
    for (auto it = cursor.uncommitted.rbegin(); it != cursor.uncommitted.rend(); ++it)
        if (it->offset == m.offset) {
            it->processed = true;
            it->succeeded = success;
            break;
        }
    // One record of a partition is in progress at a time, so everything
    // below the position is now processed or skipped by retention.
    markProcessed(group, p);
    if (Instance *instance = processingInstance(group, p))
        instance->busy = false;
    const std::size_t owner = group.ownerOf[p];
    if (cursor.revoking)
        release(group, p); // its owner was only finishing this record
    if (group.awaitingIdle
        && std::none_of(group.instances.begin(), group.instances.end(), [](const Instance &i) { return i.busy; }))
        completeRebalance(group);
    else if (owner < group.instances.size())
        feed(group, owner);
    return success;
}

Topic::Instance *Topic::processingInstance(Group &group, std::size_t partition)
{
    for (Instance &instance : group.instances)
        if (instance.busy && instance.current == partition)
            return &instance;
    return nullptr;
}

void Topic::resume(const Service &consumer)
{
    Group &group = groupOf(consumer);
    for (std::size_t i = 0; i < group.instances.size(); ++i)
        feed(group, i);
}

void Topic::markProcessed(Group &group, std::size_t partition)
{
    Cursor &cursor = group.cursors[partition];
    cursor.processed = cursor.position;
    if (group.commit == CommitMode::PerRecord) {
        commit(group, partition, cursor.processed);
    } else if (!group.commitPending && cursor.processed > cursor.committed) {
        // Auto-commit on the grid of the interval, as a consumer polling
        // continuously would: the first tick after there is something to commit.
        const std::int64_t interval = group.autoCommitInterval.ns();
        const std::int64_t next = (now().ns() / interval + 1) * interval;
        const auto g = static_cast<std::uint32_t>(&group - m_groups.data());
        m_context.simulation.scheduleAt(sim::Time::zero() + sim::Duration::nanoseconds(next), *this, AutoCommit, g);
        group.commitPending = true;
    }
}

void Topic::commit(Group &group, std::size_t partition, std::uint64_t offset)
{
    Cursor &cursor = group.cursors[partition];
    if (offset > cursor.committed) {
        cursor.committed = offset;
        while (!cursor.uncommitted.empty() && cursor.uncommitted.front().offset < offset)
            cursor.uncommitted.pop_front();
        updateLag(group, partition);
    }
}

void Topic::updateLag(Group &group, std::size_t partition)
{
    const Cursor &cursor = group.cursors[partition];
    const std::uint64_t lag = m_partitions[partition].logEnd - cursor.committed;
    group.cursors[partition].maxLag = std::max(cursor.maxLag, lag);
    std::uint64_t total = 0;
    for (std::size_t p = 0; p < m_partitions.size(); ++p)
        total += m_partitions[p].logEnd - group.cursors[p].committed;
    group.lag->set(now(), static_cast<double>(total));
}

void Topic::handleEvent(const sim::Event &event)
{
    if (event.kind == AutoCommit) {
        Group &g = m_groups[event.data];
        g.commitPending = false;
        for (std::size_t p = 0; p < m_partitions.size(); ++p)
            commit(g, p, g.cursors[p].processed);
        return;
    }
    if (event.kind == RebalanceOver) {
        rebalanceRoundOver(m_groups[event.data]);
        return;
    }
    const auto p = static_cast<std::size_t>(event.data);
    m_partitions[p].retentionTimer = sim::InvalidEventId;
    applyRetention(p);
    scheduleRetention(p);
}

void Topic::applyRetention(std::size_t p)
{
    Partition &partition = m_partitions[p];
    while (!partition.appendedAt.empty() && now() - partition.appendedAt.front() > m_spec.retention) {
        const std::uint64_t offset = partition.logStart++;
        partition.appendedAt.pop_front();
        for (Group &g : m_groups) {
            Cursor &cursor = g.cursors[p];
            if (cursor.position > offset)
                continue; // read already
            // Out of range: the consumer resets to the log start (earliest),
            // skipping the deleted record.
            m_context.loseToRetention(cursor.unread.front());
            cursor.unread.pop_front();
            m_unread.add(now(), -1);
            cursor.position = offset + 1;
            ++g.lost;
            ++m_lost;
            // Skipped records count as consumed; with one in progress, its
            // end covers them.
            if (!cursor.inProgress)
                markProcessed(g, p);
        }
    }
}

Topic::Group &Topic::groupOf(const Service &consumer)
{
    for (Group &g : m_groups)
        if (g.consumer == &consumer)
            return g;
    return m_groups.front();
}

void Topic::resetStatistics()
{
    m_arrivals = m_dispatched = m_lost = 0;
    m_wait.reset();
    m_unread.resetStatistics(now());
    for (Group &g : m_groups) {
        g.lost = g.duplicates = g.reread = g.rebalances = 0;
        g.stoppedSeconds = 0;
        g.stoppedSince = now();
        g.lag->resetStatistics(now());
        for (std::size_t p = 0; p < m_partitions.size(); ++p)
            g.cursors[p].maxLag = m_partitions[p].logEnd - g.cursors[p].committed;
    }
}

void Topic::finish(sim::Time end)
{
    for (std::size_t p = 0; p < m_partitions.size(); ++p)
        applyRetention(p); // the deletions of read records, left until now
    for (Group &g : m_groups) {
        g.lag->flush(end);
        g.lagSeries->finish(end);
    }
    m_unread.flush(end);
    m_unreadSeries.finish(end);
    m_throughputSeries.finish(end);
}

NodeResults Topic::results(sim::Time measuredFrom, sim::Time end) const
{
    NodeResults r = countedResults(measuredFrom, end, m_arrivals, m_dispatched);
    r.lostToRetention = m_lost;
    r.waitingTime = summarize(m_wait);
    r.queueLength = summarize(m_unread, end);
    for (const Group &g : m_groups) {
        ConsumerGroupResults gr;
        gr.group = g.consumer->id();
        for (std::size_t p = 0; p < m_partitions.size(); ++p) {
            const Cursor &c = g.cursors[p];
            const Partition &partition = m_partitions[p];
            gr.partitions.push_back({partition.logStart, partition.logEnd, c.position, c.committed,
                                     partition.logEnd - c.committed, c.maxLag});
        }
        gr.lag = summarize(*g.lag, end);
        gr.lostToRetention = g.lost;
        gr.duplicates = g.duplicates;
        gr.reread = g.reread;
        gr.rebalances = g.rebalances;
        gr.stoppedPartitionSeconds
            = g.stoppedSeconds + static_cast<double>(g.stoppedNow) * (end - g.stoppedSince).toSeconds();
        gr.assignor = g.assignor;
        r.duplicates += g.duplicates;
        r.groups.push_back(std::move(gr));
    }
    return r;
}

void Topic::collectSeries(std::vector<SeriesResults> &out) const
{
    out.push_back({id(), "queueLength", m_unreadSeries.points()});
    out.push_back({id(), "throughput", m_throughputSeries.points()});
    for (const Group &g : m_groups)
        out.push_back({id(), "lag." + g.consumer->id(), g.lagSeries->points()});
}

void Topic::snapshot(NodeSnapshot &out) const
{
    out.arrivals = m_arrivals;
    out.departures = m_dispatched;
    out.lostToRetention = m_lost;
    for (const Group &g : m_groups)
        out.duplicates += g.duplicates;
    out.waiting = static_cast<std::uint64_t>(m_unread.current());
    for (const Group &g : m_groups) {
        ConsumerGroupSnapshot group;
        group.node = static_cast<std::int32_t>(g.consumer->index());
        group.assignor = g.assignor;
        group.rebalances = g.rebalances;
        const bool eagerPause = inEagerPause(g);
        for (std::size_t p = 0; p < m_partitions.size(); ++p) {
            const bool owned = g.ownerOf[p] != NoOwner;
            group.owner.push_back(owned ? static_cast<std::int32_t>(g.ownerOf[p]) : -1);
            group.stopped.push_back(eagerPause || !owned || g.cursors[p].revoking);
        }
        out.groups.push_back(std::move(group));
    }
    out.partitionLag.assign(m_partitions.size(), 0);
    for (const Group &g : m_groups)
        for (std::size_t p = 0; p < m_partitions.size(); ++p)
            out.partitionLag[p] = std::max(out.partitionLag[p], m_partitions[p].logEnd - g.cursors[p].committed);
}

} // namespace asyncsim::models
