#pragma once

#include <compare>
#include <cstdint>

namespace asyncsim::ui {

/// What a recorded series is about.
enum class Subject : std::uint8_t { Ledger, Node, Edge };

/// What a recorded series measures. Rates are per second of simulated time,
/// from counter differences; levels and counts are as the snapshot says.
enum class Metric : std::uint8_t {
    // Nodes: levels.
    Waiting,     ///< queue length, a service's line, a topic's unread copies, dead letters held
    Unacked,     ///< queues: received and not yet acknowledged
    Capacity,    ///< the bound of the waiting line (only when there is one)
    BusyWorkers, ///< services
    Workers,     ///< services: the worker count (it can change during a run)
    ResponseP50, ///< services, seconds
    ResponseP95,
    ResponseP99,
    PartitionLag, ///< topics, sub = the partition
    // Nodes: rates.
    ArrivalRate,  ///< producers: offered
    AcceptedRate, ///< producers: offered − rejected
    DepartureRate,
    FailureRate,
    DropRate, ///< producers: rejected by a full queue or line
    DeadLetterRate,
    ExpiredRate,
    RequeueRate,          ///< RabbitMQ queues: failed deliveries nacked back
    DeduplicatedRate,     ///< queues: sends suppressed by the deduplication window
    VersionRejectionRate, ///< services: messages rejected as unreadable
    UpcastRate,           ///< services: messages read through the upcasters
    HangRate,             ///< services: failed processings that hung
    // Nodes: counts since the statistics began.
    Duplicates,
    OutOfOrder,
    DeadLetters, ///< dead-letter nodes, sub = the DeadLetterReason
    // Edges.
    CarriedRate,       ///< sub = the MessageClass
    BreakerState,      ///< 0 closed, 1 half-open, 2 open (see breakerLevel)
    BreakerTransition, ///< one point per snapshot in which the breaker changed state, y = the new level
    RejectedCallRate,
    // The ledger: counts over the whole run.
    Produced,
    Completed,
    Failed,
    DeadLettered,
    Dropped,
    Expired,
    InFlight,
};

/// Names one recorded series.
struct SeriesKey
{
    Subject subject = Subject::Ledger;
    int index = -1; ///< node or edge index; -1 for the ledger
    Metric metric = Metric::Produced;
    int sub = 0; ///< partition, dead-letter reason or message class

    auto operator<=>(const SeriesKey &) const = default;
};

inline SeriesKey nodeKey(int node, Metric metric, int sub = 0)
{
    return {Subject::Node, node, metric, sub};
}
inline SeriesKey edgeKey(int edge, Metric metric, int sub = 0)
{
    return {Subject::Edge, edge, metric, sub};
}
inline SeriesKey ledgerKey(Metric metric)
{
    return {Subject::Ledger, -1, metric, 0};
}

} // namespace asyncsim::ui
