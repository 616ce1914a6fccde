// A topic's consumer-group membership: which instance reads which
// partition, and how crashes, joins and rebalances change that, under the
// eager (range) and the cooperative (sticky) protocols. SEMANTICS §4.2.
#include "Topic.h"

#include "Service.h"

#include <algorithm>

namespace asyncsim::models {

void Topic::assign(Group &g)
{
    const std::size_t partitions = m_partitions.size();
    const auto members = static_cast<std::size_t>(std::max(g.members, 0));
    std::fill(g.ownerOf.begin(), g.ownerOf.end(), NoOwner);
    if (g.assignor == Assignor::CooperativeSticky) {
        // Every member has a place (its index is its identity across rounds).
        g.instances.resize(members);
        for (Instance &instance : g.instances)
            instance = Instance{};
        const PartitionAssignment dealt = stickyAssignment(partitions, PartitionAssignment(members));
        for (std::size_t i = 0; i < members; ++i)
            for (std::size_t p : dealt[i])
                give(g, p, i);
        return;
    }
    // Instances keep their number, so a survivor keeps its state (it is idle
    // here); those beyond the partitions own nothing and need no place.
    const PartitionAssignment ranges = rangeAssignment(partitions, members);
    g.instances.resize(std::min(members, partitions));
    for (std::size_t i = 0; i < g.instances.size(); ++i) {
        g.instances[i].partitions = ranges[i];
        g.instances[i].next = 0;
        for (std::size_t p : ranges[i])
            g.ownerOf[p] = i;
    }
}

void Topic::give(Group &g, std::size_t p, std::size_t instance)
{
    g.ownerOf[p] = instance;
    std::vector<std::size_t> &owned = g.instances[instance].partitions;
    owned.insert(std::upper_bound(owned.begin(), owned.end(), p), p);
}

void Topic::crash(Service &consumer, int instances)
{
    Group &group = groupOf(consumer);
    const int crashed = std::min(instances, group.members);
    const auto first = static_cast<std::size_t>(group.members - crashed);
    // The crashed members are the last ones; those beyond the partitions owned nothing.
    for (std::size_t i = first; i < group.instances.size(); ++i) {
        Instance &instance = group.instances[i];
        std::optional<MessageRef> aborted;
        if (instance.busy) {
            consumer.abort(instance.message); // the work is lost; the record comes back to the log
            aborted = instance.message;
            instance.busy = false;
            group.cursors[instance.current].inProgress = false;
        }
        for (std::size_t p : instance.partitions) {
            restart(group, p, p == instance.current ? aborted : std::nullopt);
            group.ownerOf[p] = NoOwner;
            if (group.cursors[p].revoking) {
                group.cursors[p].revoking = false; // gone with its owner
                --group.revoking;
            }
        }
    }
    group.members -= crashed;
    group.instances.resize(std::min(group.instances.size(), first));
    if (m_context.log)
        m_context.note(RunLogKind::ConsumerCrashed, static_cast<std::int32_t>(index()),
                       "group " + consumer.id() + ": " + std::to_string(crashed) + " of "
                           + std::to_string(group.members + crashed) + " instances crashed");
    startRebalance(group, "a member left");
}

void Topic::join(const Service &consumer, int instances)
{
    Group &group = groupOf(consumer);
    group.members += instances;
    if (group.assignor == Assignor::CooperativeSticky)
        group.instances.resize(static_cast<std::size_t>(group.members)); // owning nothing until a round ends
    startRebalance(group, "a member joined");
}

void Topic::restart(Group &group, std::size_t p, std::optional<MessageRef> aborted)
{
    Cursor &cursor = group.cursors[p];
    // A committed offset below the log start is out of range: reset to the log start (earliest).
    const std::uint64_t from = std::max(cursor.committed, m_partitions[p].logStart);
    std::deque<MessageRef> again;
    for (const HandedOut &record : cursor.uncommitted) {
        if (record.offset < from)
            continue; // deleted by retention meanwhile
        MessageRef copy;
        if (!record.processed && aborted) {
            copy = *aborted; // the record that was in progress: read again, not a duplicate
            aborted.reset();
            ++group.reread;
        } else {
            // Processed and not committed: delivered again, a second copy.
            copy = m_context.pool.acquire();
            ++m_context.duplicated;
            ++group.duplicates;
            if (record.succeeded)
                group.consumer->notePriorSuccess(record.message.id);
        }
        Message &m = m_context.pool[copy];
        m = record.message;
        m.duplicated = m.duplicated || record.processed;
        m.holder = NoHolder;
        m.enteredNode = now();
        again.push_back(copy);
    }
    if (aborted) {
        // Its record was deleted while it was in progress: the group loses it.
        m_context.loseToRetention(*aborted);
        ++group.lost;
        ++m_lost;
    }
    cursor.uncommitted.clear();
    m_unread.add(now(), static_cast<double>(again.size()));
    cursor.unread.insert(cursor.unread.begin(), again.begin(), again.end());
    cursor.position = from;
    cursor.processed = from;
    cursor.committed = std::max(cursor.committed, from);
    updateLag(group, p);
    scheduleRetention(p);
}

void Topic::startRebalance(Group &group, const std::string &why)
{
    ++group.rebalancesUnderway;
    ++group.rebalances;
    group.awaitingIdle = false;
    if (m_context.log) {
        const bool eager = group.assignor == Assignor::Range;
        m_context.note(RunLogKind::Rebalanced, static_cast<std::int32_t>(index()),
                       "group " + group.consumer->id() + " rebalancing (" + why
                           + "): " + (eager ? "all partitions paused" : "partitions without an owner wait"));
    }
    const auto g = static_cast<std::uint32_t>(&group - m_groups.data());
    m_context.simulation.schedule(m_spec.rebalancePause, *this, RebalanceOver, g);
    updateStopped(group);
}

void Topic::rebalanceRoundOver(Group &g)
{
    if (--g.rebalancesUnderway > 0)
        return; // another member left or joined meanwhile: its round is still on
    if (g.assignor == Assignor::CooperativeSticky) {
        completeCooperativeRound(g);
        return;
    }
    // The survivors rejoin once their records in progress are done.
    if (std::any_of(g.instances.begin(), g.instances.end(), [](const Instance &i) { return i.busy; }))
        g.awaitingIdle = true;
    else
        completeRebalance(g);
}

void Topic::completeRebalance(Group &group)
{
    group.awaitingIdle = false;
    // An eager member commits what it processed before giving its partitions up.
    for (std::size_t p = 0; p < m_partitions.size(); ++p)
        commit(group, p, group.cursors[p].processed);
    assign(group);
    updateStopped(group);
    if (m_context.log)
        m_context.note(RunLogKind::Rebalanced, static_cast<std::int32_t>(index()),
                       "group " + group.consumer->id() + " rebalanced: " + std::to_string(m_partitions.size())
                           + " partitions over " + std::to_string(group.instances.size()) + " instances");
    for (std::size_t i = 0; i < group.instances.size(); ++i)
        feed(group, i);
}

void Topic::completeCooperativeRound(Group &group)
{
    const std::size_t partitions = m_partitions.size();
    // What each member brings to the round: a partition being revoked is on its way out.
    PartitionAssignment owned(group.instances.size());
    for (std::size_t p = 0; p < partitions; ++p)
        if (group.ownerOf[p] != NoOwner && !group.cursors[p].revoking)
            owned[group.ownerOf[p]].push_back(p);
    const PartitionAssignment target = stickyAssignment(partitions, owned);
    std::size_t handedOut = 0;
    std::vector<std::size_t> targetOwner(partitions, NoOwner);
    for (std::size_t i = 0; i < target.size(); ++i)
        for (std::size_t p : target[i]) {
            targetOwner[p] = i;
            if (group.ownerOf[p] == NoOwner) {
                give(group, p, i);
                ++handedOut;
            }
        }
    std::vector<std::size_t> revoked;
    for (std::size_t p = 0; p < partitions; ++p)
        if (group.ownerOf[p] != NoOwner && !group.cursors[p].revoking && targetOwner[p] != group.ownerOf[p]) {
            group.cursors[p].revoking = true;
            ++group.revoking;
            revoked.push_back(p);
        }
    if (m_context.log)
        m_context.note(RunLogKind::Rebalanced, static_cast<std::int32_t>(index()),
                       "group " + group.consumer->id() + " rebalanced: " + std::to_string(handedOut)
                           + " partitions assigned, " + std::to_string(revoked.size()) + " revoked, over "
                           + std::to_string(group.instances.size()) + " instances");
    updateStopped(group);
    for (std::size_t p : revoked)
        if (!group.cursors[p].inProgress)
            release(group, p);
    for (std::size_t i = 0; i < group.instances.size(); ++i)
        feed(group, i);
}

void Topic::release(Group &group, std::size_t p)
{
    Cursor &cursor = group.cursors[p];
    // The owner commits what it processed there before it lets go
    // (onPartitionsRevoked), so the new owner reads nothing twice.
    commit(group, p, cursor.processed);
    Instance &owner = group.instances[group.ownerOf[p]];
    const auto at = std::find(owner.partitions.begin(), owner.partitions.end(), p);
    const auto position = static_cast<std::size_t>(at - owner.partitions.begin());
    owner.partitions.erase(at);
    if (position < owner.next)
        --owner.next; // the same partition is next in turn
    if (owner.next >= owner.partitions.size())
        owner.next = 0;
    group.ownerOf[p] = NoOwner;
    cursor.revoking = false;
    if (--group.revoking == 0 && group.rebalancesUnderway == 0)
        startRebalance(group, "revoked partitions to hand out");
}

void Topic::updateStopped(Group &group)
{
    group.stoppedSeconds += static_cast<double>(group.stoppedNow) * (now() - group.stoppedSince).toSeconds();
    group.stoppedSince = now();
    group.stoppedNow = inEagerPause(group)
                         ? m_partitions.size()
                         : static_cast<std::size_t>(std::count_if(group.ownerOf.begin(), group.ownerOf.end(),
                                                                  [](std::size_t owner) { return owner == NoOwner; }))
                               + static_cast<std::size_t>(group.revoking);
}

} // namespace asyncsim::models
