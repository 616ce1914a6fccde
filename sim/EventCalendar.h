#pragma once

#include "Event.h"

#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

namespace asyncsim::sim {

/// The future event set: a 4-ary min-heap ordered by (time, sequence).
/// Events are 32 bytes, so a node's four children span two cache lines.
///
/// Cancellation is lazy: a cancelled id is remembered and the event is
/// discarded when it reaches the top, so cancel() costs one hash insert and
/// the common case (nothing cancelled) costs one branch per pop. Models that
/// cancel most of their timers (visibility timeouts, call timeouts) keep
/// thousands of ids cancelled at any time; a table of counts by the id's low
/// bits answers most pops ("not cancelled") with one load, before the hash set.
class EventCalendar
{
public:
    /// Adds @p event; its sequence number must be unique.
    void insert(const Event &event);
    /// The next event to fire. Precondition: !empty().
    const Event &peek()
    {
        if (!m_cancelled.empty())
            discardCancelledTop();
        return m_heap.front();
    }
    /// Removes and returns the next event. Precondition: !empty().
    Event pop()
    {
        if (!m_cancelled.empty())
            discardCancelledTop();
        const Event top = m_heap.front();
        removeTop();
        return top;
    }
    /// Forgets a pending event. Precondition: @p id is pending (inserted, not yet popped or cancelled).
    void cancel(EventId id);
    bool empty() { return size() == 0; }
    /// Number of pending (not cancelled) events.
    std::size_t size() const { return m_heap.size() - m_cancelled.size(); }
    /// Events held, cancelled ones not yet taken out included (memory use).
    std::size_t stored() const { return m_heap.size(); }
    /// Removes everything.
    void clear();

private:
    void discardCancelledTop();
    /// Takes the cancelled events out of the heap at once.
    void compact();
    void removeTop();
    void siftUp(std::size_t hole, const Event &event);
    static std::size_t filterSlot(EventId id) { return static_cast<std::size_t>(id) & (FilterSize - 1); }

    static constexpr std::size_t MinCompaction = 256;               // cancelled ids worth a rebuild
    static constexpr std::size_t FilterSize = std::size_t{1} << 14; // 64 KiB: stays in the L2 cache
    std::vector<Event> m_heap;
    std::unordered_set<EventId> m_cancelled;
    std::vector<std::uint32_t> m_cancelledBySlot
        = std::vector<std::uint32_t>(FilterSize, 0); // ids in m_cancelled, by filterSlot
};

} // namespace asyncsim::sim
