#pragma once

#include "Component.h"
#include "KafkaPartitioner.h"
#include "sim/LatencyHistogram.h"
#include "sim/TimeSeries.h"
#include "sim/TimeWeighted.h"

#include <deque>
#include <memory>
#include <vector>

namespace asyncsim::models {

class Service;

/// A Kafka topic (SEMANTICS §4): a log split into partitions, read by
/// consumer groups. Each consuming service is its own group, and every group
/// reads every record. A record goes to partition murmur2(key) mod partitions
/// (KafkaPartitioner); keyless records go round-robin.
///
/// Within a group the service's workers are its consumer instances, and the
/// partitions are spread over them with Kafka's range assignor (the first of
/// the default partition.assignment.strategy): instance i of c gets a run of
/// consecutive partitions, the first (partitions mod c) instances one more;
/// instances beyond the partition count stay idle. An instance processes one
/// record at a time, in offset order, round-robin between its partitions.
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
class Topic : public Component
{
public:
    Topic(RunContext &context, const NodeSpec &spec, std::size_t index);
    ~Topic() override;

    /// Adds @p consumer (not owned) as a consumer group of its own.
    /// @p edge is the consume edge's index in the topology (-1: none), for the traffic counts.
    void addGroup(Service *consumer, std::int32_t edge = -1);
    /// @p consumer finished the record @p message (@p success or not): its
    /// offset is processed, and committed at once with per-record commits.
    /// Returns true if the consumer keeps the message (success), false if it is failed.
    bool settle(MessageRef message, bool success, const Service &consumer);
    /// @p consumer takes work again after an outage: its idle instances read on.
    void resume(const Service &consumer);

    bool offer(MessageRef message) override;
    void handleEvent(const sim::Event &event) override;
    void resetStatistics() override;
    void finish(sim::Time end) override;
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override;
    void collectSeries(std::vector<SeriesResults> &out) const override;
    void snapshot(NodeSnapshot &out) const override;

private:
    enum EventKind : std::uint32_t { RetentionDue, AutoCommit };

    struct Partition
    {
        std::uint64_t logStart = 0;
        std::uint64_t logEnd = 0;
        std::deque<sim::Time> appendedAt; // of offsets logStart, logStart + 1, ...
        sim::EventId retentionTimer = sim::InvalidEventId;
    };
    /// One group's view of one partition.
    struct Cursor
    {
        std::uint64_t position = 0;
        std::uint64_t processed = 0; // offset after the last record whose processing ended
        std::uint64_t committed = 0;
        std::uint64_t maxLag = 0;
        bool inProgress = false;       // a record of it is being processed
        std::deque<MessageRef> unread; // the group's copies of offsets position, position + 1, ...
    };
    struct Instance
    {
        std::vector<std::size_t> partitions;
        std::size_t next = 0; // round-robin among its partitions
        bool busy = false;
    };
    struct Group
    {
        Service *consumer = nullptr; // not owned
        std::int32_t edge = -1;      // the consume edge's index in the topology
        std::vector<Cursor> cursors;
        std::vector<Instance> instances;
        std::vector<std::size_t> ownerOf; // partition → instance
        std::uint64_t lost = 0;
        std::unique_ptr<sim::TimeSeries> lagSeries;
        std::unique_ptr<sim::TimeWeighted> lag; // total over partitions
    };

    /// Hands the next record to @p instance of @p group if it is idle and has one.
    void feed(Group &group, std::size_t instance);
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
    bool m_commitPending = false;

    std::uint64_t m_arrivals = 0;
    std::uint64_t m_dispatched = 0;
    std::uint64_t m_lost = 0;
    sim::TimeSeries m_unreadSeries; // copies waiting in all groups
    sim::TimeSeries m_throughputSeries;
    sim::TimeWeighted m_unread;
    sim::LatencyHistogram m_wait;
};

} // namespace asyncsim::models
