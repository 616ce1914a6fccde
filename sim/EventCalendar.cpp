#include "EventCalendar.h"

#include <cassert>

namespace asyncsim::sim {

namespace {
constexpr std::size_t Arity = 4; // half the depth of a binary heap
}

void EventCalendar::insert(const Event &event)
{
    m_heap.emplace_back();
    siftUp(m_heap.size() - 1, event);
}

void EventCalendar::cancel(EventId id)
{
    m_cancelled.insert(id);
}

void EventCalendar::clear()
{
    m_heap.clear();
    m_cancelled.clear();
}

void EventCalendar::discardCancelledTop()
{
    while (!m_cancelled.empty() && !m_heap.empty()) {
        auto it = m_cancelled.find(m_heap.front().sequence);
        if (it == m_cancelled.end())
            return;
        m_cancelled.erase(it);
        removeTop();
    }
}

// Floyd's pop: walk the hole at the root down to a leaf along the smaller
// children, then sift the last event up from there. The last event usually
// belongs near the bottom, so this saves a comparison per level over the
// classic sift-down.
void EventCalendar::removeTop()
{
    const Event last = m_heap.back();
    m_heap.pop_back();
    const std::size_t n = m_heap.size();
    if (n == 0)
        return;
    std::size_t hole = 0;
    for (;;) {
        const std::size_t first = hole * Arity + 1;
        if (first >= n)
            break;
        std::size_t best = first;
        if (first + Arity <= n) {
            // All four children exist: pick the smallest without early exits.
            const std::size_t a = firesBefore(m_heap[first + 1], m_heap[first]) ? first + 1 : first;
            const std::size_t b = firesBefore(m_heap[first + 3], m_heap[first + 2]) ? first + 3 : first + 2;
            best = firesBefore(m_heap[b], m_heap[a]) ? b : a;
        } else {
            for (std::size_t c = first + 1; c < n; ++c)
                if (firesBefore(m_heap[c], m_heap[best]))
                    best = c;
        }
        m_heap[hole] = m_heap[best];
        hole = best;
    }
    siftUp(hole, last);
}

// Sifts move a hole rather than swapping, so each level costs one copy.
void EventCalendar::siftUp(std::size_t hole, const Event &event)
{
    while (hole > 0) {
        const std::size_t parent = (hole - 1) / Arity;
        if (!firesBefore(event, m_heap[parent]))
            break;
        m_heap[hole] = m_heap[parent];
        hole = parent;
    }
    m_heap[hole] = event;
}

} // namespace asyncsim::sim
