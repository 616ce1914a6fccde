#include "EventCalendar.h"

#include <algorithm>
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
    if (m_cancelled.insert(id).second)
        ++m_cancelledBySlot[filterSlot(id)];
    // A model that cancels far-off timers (a topic's retention, an hour
    // ahead) would fill the heap with dead events; once they are the
    // majority, take them out. Amortised O(log n) per cancel.
    if (m_cancelled.size() > MinCompaction && 2 * m_cancelled.size() > m_heap.size())
        compact();
}

void EventCalendar::compact()
{
    std::erase_if(m_heap, [this](const Event &e) { return m_cancelled.count(e.sequence) > 0; });
    m_cancelled.clear();
    std::fill(m_cancelledBySlot.begin(), m_cancelledBySlot.end(), 0);
    // A sorted array is a valid heap, whatever its arity.
    std::sort(m_heap.begin(), m_heap.end(), [](const Event &a, const Event &b) { return firesBefore(a, b); });
}

void EventCalendar::clear()
{
    m_heap.clear();
    m_cancelled.clear();
    std::fill(m_cancelledBySlot.begin(), m_cancelledBySlot.end(), 0);
}

void EventCalendar::discardCancelledTop()
{
    while (!m_cancelled.empty() && !m_heap.empty()) {
        const EventId top = m_heap.front().sequence;
        if (m_cancelledBySlot[filterSlot(top)] == 0)
            return; // no cancelled id shares its slot
        auto it = m_cancelled.find(top);
        if (it == m_cancelled.end())
            return;
        m_cancelled.erase(it);
        --m_cancelledBySlot[filterSlot(top)];
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
