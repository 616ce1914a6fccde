#pragma once

#include "Event.h"

#include <cstddef>
#include <unordered_set>
#include <vector>

namespace asyncsim::sim {

/// The future event set: a 4-ary min-heap ordered by (time, sequence).
/// Events are 32 bytes, so a node's four children span two cache lines.
///
/// Cancellation is lazy: a cancelled id is remembered and the event is
/// discarded when it reaches the top, so cancel() costs one hash insert and
/// the common case (nothing cancelled) costs one branch per pop.
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
    /// Removes everything.
    void clear();

private:
    void discardCancelledTop();
    void removeTop();
    void siftUp(std::size_t hole, const Event &event);

    std::vector<Event> m_heap;
    std::unordered_set<EventId> m_cancelled;
};

} // namespace asyncsim::sim
