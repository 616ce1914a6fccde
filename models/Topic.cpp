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
    , m_throughputSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
{ }

Topic::~Topic() = default;

void Topic::addGroup(Service *consumer)
{
    Group g;
    g.consumer = consumer;
    const std::size_t partitions = m_partitions.size();
    g.cursors.resize(partitions);
    g.ownerOf.resize(partitions);
    // Kafka's RangeAssignor for one topic: consecutive runs, the first
    // (partitions mod instances) instances taking one extra.
    const std::size_t instances = static_cast<std::size_t>(consumer->workers());
    g.instances.resize(std::min(instances, partitions)); // the rest stay idle
    const std::size_t each = partitions / instances;
    const std::size_t extra = partitions % instances;
    std::size_t p = 0;
    for (std::size_t i = 0; i < g.instances.size(); ++i) {
        const std::size_t count = each + (i < extra ? 1 : 0);
        for (std::size_t k = 0; k < count; ++k, ++p) {
            g.instances[i].partitions.push_back(p);
            g.ownerOf[p] = i;
        }
    }
    g.lagSeries = std::make_unique<sim::TimeSeries>(sim::TimeSeries::Kind::Level, m_context.seriesInterval);
    g.lag = std::make_unique<sim::TimeWeighted>(g.lagSeries.get());
    m_groups.push_back(std::move(g));
}

void Topic::start()
{ }

bool Topic::offer(MessageRef message)
{
    ++m_arrivals;
    const std::size_t p = static_cast<std::size_t>(m_partitioner.partition(m_context.pool[message].key));
    Partition &partition = m_partitions[p];
    const std::uint64_t offset = partition.logEnd++;
    if (partition.appendedAt.empty()) // the head's deletion is the only one pending
        m_context.simulation.schedule(m_spec.retention + sim::Duration::nanoseconds(1), *this, RetentionDue, p);
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
        updateLag(m_groups[g], p);
    }
    for (Group &g : m_groups)
        feed(g, g.ownerOf[p]);
    return true;
}

void Topic::feed(Group &group, std::size_t instanceIndex)
{
    if (instanceIndex >= group.instances.size())
        return;
    Instance &instance = group.instances[instanceIndex];
    if (instance.busy)
        return;
    for (std::size_t tried = 0; tried < instance.partitions.size(); ++tried) {
        const std::size_t p = instance.partitions[instance.next];
        instance.next = (instance.next + 1) % instance.partitions.size();
        Cursor &cursor = group.cursors[p];
        if (cursor.unread.empty())
            continue;
        const MessageRef message = cursor.unread.front();
        cursor.unread.pop_front();
        ++cursor.position;
        ++m_dispatched;
        m_throughputSeries.addCount(now());
        Message &m = m_context.pool[message];
        m_wait.record(now() - m.enteredNode);
        m.holder = static_cast<std::uint32_t>(index());
        instance.busy = true;
        // enteredNode stays the append time: the consumer's waiting time is the time in the log.
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
    cursor.processed = std::max(cursor.processed, m.offset + 1);
    if (m_spec.commit == CommitMode::PerRecord) {
        commit(group, p, cursor.processed);
    } else if (!m_commitPending) {
        // Auto-commit on the grid of the interval, as a consumer polling
        // continuously would: the first tick after there is something to commit.
        const std::int64_t interval = m_spec.autoCommitInterval.ns();
        const std::int64_t next = (now().ns() / interval + 1) * interval;
        m_context.simulation.scheduleAt(sim::Time::zero() + sim::Duration::nanoseconds(next), *this, AutoCommit);
        m_commitPending = true;
    }
    Instance &instance = group.instances[group.ownerOf[p]];
    instance.busy = false;
    feed(group, group.ownerOf[p]);
    return success;
}

void Topic::commit(Group &group, std::size_t partition, std::uint64_t offset)
{
    Cursor &cursor = group.cursors[partition];
    if (offset > cursor.committed) {
        cursor.committed = offset;
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
        m_commitPending = false;
        for (Group &g : m_groups)
            for (std::size_t p = 0; p < m_partitions.size(); ++p)
                commit(g, p, g.cursors[p].processed);
        return;
    }
    applyRetention(static_cast<std::size_t>(event.data));
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
            cursor.position = offset + 1;
            ++g.lost;
            ++m_lost;
        }
    }
    if (!partition.appendedAt.empty())
        m_context.simulation.scheduleAt(partition.appendedAt.front() + m_spec.retention + sim::Duration::nanoseconds(1),
                                        *this, RetentionDue, p);
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
    for (Group &g : m_groups) {
        g.lost = 0;
        g.lag->resetStatistics(now());
        for (std::size_t p = 0; p < m_partitions.size(); ++p)
            g.cursors[p].maxLag = m_partitions[p].logEnd - g.cursors[p].committed;
    }
}

void Topic::finish(sim::Time end)
{
    for (Group &g : m_groups) {
        g.lag->flush(end);
        g.lagSeries->finish(end);
    }
    m_throughputSeries.finish(end);
}

NodeResults Topic::results(sim::Time measuredFrom, sim::Time end) const
{
    NodeResults r = countedResults(measuredFrom, end, m_arrivals, m_dispatched);
    r.lostToRetention = m_lost;
    r.waitingTime = summarize(m_wait);
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
        r.groups.push_back(std::move(gr));
    }
    return r;
}

void Topic::collectSeries(std::vector<SeriesResults> &out) const
{
    out.push_back({id(), "throughput", m_throughputSeries.points()});
    for (const Group &g : m_groups)
        out.push_back({id(), "lag." + g.consumer->id(), g.lagSeries->points()});
}

} // namespace asyncsim::models
