#pragma once

#include "sim/Time.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace asyncsim::models {

/// What a run-log entry is about.
enum class RunLogKind : std::uint8_t {
    BreakerTransition, ///< a circuit breaker changed state
    DeadLettered,      ///< a message went to a dead-letter node (text: reason)
    FaultStarted,
    FaultEnded,
    ConsumerCrashed,
    Rebalanced,
    OverflowRejected, ///< a full queue or line refused a message
    Redriven,         ///< a dead-letter node sent its messages back
    WarmupEnded,      ///< statistics were reset
    Count
};

/// The kind's name as shown and written ("breaker", "dead-letter", ...).
inline const char *runLogKindName(RunLogKind kind)
{
    switch (kind) {
    case RunLogKind::BreakerTransition:
        return "breaker";
    case RunLogKind::DeadLettered:
        return "dead-letter";
    case RunLogKind::FaultStarted:
        return "fault-start";
    case RunLogKind::FaultEnded:
        return "fault-end";
    case RunLogKind::ConsumerCrashed:
        return "crash";
    case RunLogKind::Rebalanced:
        return "rebalance";
    case RunLogKind::OverflowRejected:
        return "overflow";
    case RunLogKind::Redriven:
        return "redrive";
    case RunLogKind::WarmupEnded:
        return "warm-up";
    case RunLogKind::Count:
        break;
    }
    return "?";
}

/// One thing that happened in a run that a user wants to see in the log.
struct RunLogEntry
{
    sim::Time at;
    RunLogKind kind = RunLogKind::WarmupEnded;
    std::int32_t node = -1; ///< index into Topology::nodes, or -1
    std::int32_t edge = -1; ///< index into Topology::edges, or -1
    std::string text;       ///< e.g. "closed → open: failure rate 60% ≥ 50%"

    bool operator==(const RunLogEntry &) const = default;
};

/// The run's log of notable events: bounded (the oldest entries go first),
/// and only kept when someone watches (RunContext::log is null in a headless
/// run, so recording costs nothing there).
class RunLog
{
public:
    explicit RunLog(std::size_t capacity = 10000)
        : m_capacity(capacity)
    { }

    void add(RunLogEntry entry)
    {
        ++m_total;
        m_entries.push_back(std::move(entry));
        if (m_entries.size() > m_capacity)
            m_entries.pop_front();
    }
    /// Entries added so far, including those the bound has discarded.
    std::uint64_t total() const { return m_total; }
    /// The kept entries numbered ≥ @p sequence (entry n is the n-th added, from 0), oldest first.
    std::vector<RunLogEntry> since(std::uint64_t sequence) const
    {
        const std::uint64_t first = m_total - m_entries.size();
        std::vector<RunLogEntry> out;
        for (std::uint64_t n = std::max(sequence, first); n < m_total; ++n)
            out.push_back(m_entries[n - first]);
        return out;
    }

private:
    std::size_t m_capacity;
    std::uint64_t m_total = 0;
    std::deque<RunLogEntry> m_entries;
};

} // namespace asyncsim::models
