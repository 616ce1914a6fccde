#pragma once

#include "Component.h"
#include "KafkaPartitioner.h"
#include "PartitionAssignor.h"
#include "sim/LatencyHistogram.h"
#include "sim/TimeSeries.h"
#include "sim/TimeWeighted.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asyncsim::models {

class Service;

/// A Kafka topic (SEMANTICS §4): a log split into partitions, read by
/// consumer groups. Each consuming service is its own group, and every group
/// reads every record. A record goes to partition murmur2(key) mod partitions
/// (KafkaPartitioner); keyless records go round-robin.
///
/// Within a group the service's workers are its consumer instances, and the
/// partitions are spread over them by the group's assignor: Kafka's range
/// assignor (the first of the default partition.assignment.strategy; runs of
/// consecutive partitions) or the cooperative sticky one (dealt out in turn,
/// then kept where they are). Instances beyond the partition count stay
/// idle. An instance processes one record at a time, in offset order,
/// round-robin between its partitions.
///
/// Offsets: the position (next offset to read) moves when a record is handed
/// to an instance; the committed offset (where a restarted group resumes)
/// moves after processing, per record or at each auto-commit interval. A
/// failed processing is logged and skipped: counted as failed, and committed
/// past like a success (Kafka has no per-record nack). The auto-commit ticks
/// at multiples of the interval while something is uncommitted, committing
/// what was processed by then (as poll() commits the records returned by the
/// previous polls, all processed by the time of the next).
///
/// Retention deletes each record once it is older than the retention period
/// (Kafka: now − timestamp > retention.ms), per record rather than per
/// segment (so a real broker deletes later, a segment at a time). A group
/// whose position is behind the deleted record moves to the new log start
/// (auto.offset.reset=earliest; Kafka's default, latest, would jump to the
/// log end and skip even the records still kept), and its copy is lost to
/// retention; the skipped offsets count as consumed and are committed like
/// processed ones. Deletions of records every group has read need no event:
/// finish() brings the log start up to date.
///
/// Crashes and rebalances (SEMANTICS §4.2): when consumer instances of a
/// group crash (the group's last members), their records in progress are
/// lost and every partition they owned goes back to its committed offset:
/// the records processed since the last commit are read again, as
/// duplicates (new copies, counted), and the record in progress is read
/// again (not a duplicate: its processing never ended). A member joining (a
/// crashed instance back) needs no going back. Either way the group
/// rebalances, in rounds of the topic's rebalancePause, by its assignor:
/// - range (eager protocol): all its partitions stop for the round, and once
///   it is over and the survivors have finished their records in progress
///   (an eager member finishes its poll before it rejoins), the survivors
///   commit what they processed and the partitions are assigned again over
///   the live members;
/// - cooperative-sticky: the members keep reading what they own. At the end
///   of the round the sticky assignment (PartitionAssignor) gives the crashed
///   members' partitions to the others at once; a partition that must leave
///   a live member (a member joined) is revoked: its owner finishes the
///   record in progress there, commits it and lets it go, and a second round
///   hands it to its new owner. Only partitions without an owner stop.
class Topic : public Component
{
public:
    Topic(RunContext &context, const NodeSpec &spec, std::size_t index);
    ~Topic() override;

    /// Adds @p consumer (not owned) as a consumer group of its own.
    /// @p edge is the consume edge's index in the topology (-1: none), for the traffic counts.
    /// @p commit, @p autoCommitInterval and @p assignor override the topic's
    /// for this group (its consume edge's settings).
    void addGroup(Service *consumer, std::int32_t edge = -1, std::optional<CommitMode> commit = std::nullopt,
                  std::optional<sim::Duration> autoCommitInterval = std::nullopt,
                  std::optional<Assignor> assignor = std::nullopt);
    /// @p consumer finished the record @p message (@p success or not): its
    /// offset is processed, and committed at once with per-record commits.
    /// Returns true if the consumer keeps the message (success), false if it is failed.
    bool settle(MessageRef message, bool success, const Service &consumer);
    /// @p consumer takes work again after an outage: its idle instances read on.
    void resume(const Service &consumer);
    /// @p instances consumer instances of @p consumer's group crash (the last
    /// members): their records in progress are taken back from @p consumer
    /// (Service::abort), their partitions go back to the committed offset,
    /// and the group rebalances.
    void crash(Service &consumer, int instances);
    /// @p instances consumer instances join @p consumer's group: it rebalances.
    void join(const Service &consumer, int instances);

    bool offer(MessageRef message) override;
    void handleEvent(const sim::Event &event) override;
    void resetStatistics() override;
    void finish(sim::Time end) override;
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override;
    void collectSeries(std::vector<SeriesResults> &out) const override;
    void snapshot(NodeSnapshot &out) const override;

private:
    enum EventKind : std::uint32_t { RetentionDue, AutoCommit, RebalanceOver };

    struct Partition
    {
        std::uint64_t logStart = 0;
        std::uint64_t logEnd = 0;
        std::deque<sim::Time> appendedAt; // of offsets logStart, logStart + 1, ...
        sim::EventId retentionTimer = sim::InvalidEventId;
    };
    /// A record handed to a consumer instance and not yet committed.
    struct HandedOut
    {
        std::uint64_t offset = 0;
        Message message;        // the copy as it was handed out
        bool processed = false; // its processing ended
        bool succeeded = false; // ... successfully
    };
    /// One group's view of one partition.
    struct Cursor
    {
        std::uint64_t position = 0;
        std::uint64_t processed = 0; // offset after the last record whose processing ended
        std::uint64_t committed = 0;
        std::uint64_t maxLag = 0;
        bool inProgress = false;       // a record of it is being processed
        bool revoking = false;         // cooperative: its owner gives it up once its record in progress is done
        std::deque<MessageRef> unread; // the group's copies of offsets position, position + 1, ...
        /// The records handed out at or after the committed offset, as they
        /// were handed out: what a restart from the committed offset reads again.
        std::deque<HandedOut> uncommitted;
    };
    struct Instance
    {
        std::vector<std::size_t> partitions;
        std::size_t next = 0; // round-robin among its partitions
        bool busy = false;
        std::size_t current = 0; // busy: the partition of its record in progress
        MessageRef message = 0;  // busy: that record's copy
    };
    struct Group
    {
        Service *consumer = nullptr; // not owned
        std::int32_t edge = -1;      // the consume edge's index in the topology
        std::vector<Cursor> cursors;
        std::vector<Instance> instances;
        std::vector<std::size_t> ownerOf; // partition → instance, or NoOwner
        std::uint64_t lost = 0;
        CommitMode commit = CommitMode::Auto; // the topic's, or its consume edge's
        sim::Duration autoCommitInterval;     // the same
        Assignor assignor = Assignor::Range;  // the same
        bool commitPending = false;           // an auto-commit tick is scheduled
        int members = 0;                      // live consumer instances
        int rebalancesUnderway = 0;           // pauses not yet over
        bool awaitingIdle = false;            // eager: pauses over; waiting for the survivors' records in progress
        int revoking = 0;                     // cooperative: partitions being given up
        std::uint64_t duplicates = 0;         // processed records read again after a crash
        std::uint64_t reread = 0;             // records in progress on a crashed instance, read again
        std::uint64_t rebalances = 0;
        std::size_t stoppedNow = 0; // partitions a rebalance keeps from being read
        sim::Time stoppedSince;     // ... since then
        double stoppedSeconds = 0;  // partition-seconds stopped before stoppedSince
        std::unique_ptr<sim::TimeSeries> lagSeries;
        std::unique_ptr<sim::TimeWeighted> lag; // total over partitions
    };

    static constexpr std::size_t NoOwner = static_cast<std::size_t>(-1);

    /// Hands the next record to @p instance of @p group if it is idle and has one.
    void feed(Group &group, std::size_t instance);
    /// Gives every partition to the live members afresh, by the group's assignor.
    void assign(Group &group);
    /// Goes back to the committed offset of @p partition, reading the records
    /// handed out since again; @p aborted is the copy of its record that was
    /// in progress on a crashed instance, if any.
    void restart(Group &group, std::size_t partition, std::optional<MessageRef> aborted);
    void startRebalance(Group &group, const std::string &why);
    /// A round's pause is over: once no other is underway, the group's protocol ends the rebalance.
    void rebalanceRoundOver(Group &group);
    /// Eager: the pauses are over and no survivor is processing: commit and assign.
    void completeRebalance(Group &group);
    /// Cooperative: the round is over. Partitions without an owner go where
    /// the sticky assignment puts them; those it moves off a live member are revoked.
    void completeCooperativeRound(Group &group);
    /// Cooperative: @p partition's owner commits it and lets it go; the last
    /// release starts the round that hands the revoked partitions out.
    void release(Group &group, std::size_t partition);
    /// Whether @p group is in an eager rebalance: every partition stopped.
    static bool inEagerPause(const Group &group)
    {
        return group.assignor == Assignor::Range && (group.rebalancesUnderway > 0 || group.awaitingIdle);
    }
    /// Counts the partitions of @p group a rebalance keeps from being read,
    /// after its membership or assignment changed.
    void updateStopped(Group &group);
    /// Cooperative: @p instance of @p group reads @p partition from now on.
    void give(Group &group, std::size_t partition, std::size_t instance);
    /// The instance of @p group processing a record of @p partition, or null.
    Instance *processingInstance(Group &group, std::size_t partition);
    /// Whether some group has records of @p partition it has not read.
    bool hasUnread(std::size_t partition) const;
    /// Keeps a deletion event pending for @p partition while some group has
    /// unread records there (only then can a deletion lose anything).
    void scheduleRetention(std::size_t partition);
    /// Deletes every record of @p partition older than the retention.
    void applyRetention(std::size_t partition);
    /// Everything below the position of @p partition is done: commit it now
    /// (per record) or at the next auto-commit tick.
    void markProcessed(Group &group, std::size_t partition);
    void commit(Group &group, std::size_t partition, std::uint64_t offset);
    void updateLag(Group &group, std::size_t partition);
    Group &groupOf(const Service &consumer);

    TopicSpec m_spec;
    KafkaPartitioner m_partitioner;
    std::vector<Partition> m_partitions;
    std::vector<Group> m_groups;

    std::uint64_t m_arrivals = 0;
    std::uint64_t m_dispatched = 0;
    std::uint64_t m_lost = 0;
    sim::TimeSeries m_unreadSeries; // copies waiting in all groups
    sim::TimeSeries m_throughputSeries;
    sim::TimeWeighted m_unread;
    sim::LatencyHistogram m_wait;
};

} // namespace asyncsim::models
