#include "EventCalendar.h"

#include <cassert>

namespace asyncsim::sim {

namespace {
constexpr std::size_t Arity = 4; // shallower than binary, children share a cache line
}

void EventCalendar::insert(const Event &event)
{
    m_heap.emplace_back();
    siftUp(m_heap.size() - 1, event);
}

const Event &EventCalendar::peek()
{
    discardCancelledTop();
    assert(!m_heap.empty());
    return m_heap.front();
}

Event EventCalendar::pop()
{
    discardCancelledTop();
    assert(!m_heap.empty());
    Event top = m_heap.front();
    removeTop();
    return top;
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

void EventCalendar::removeTop()
{
    Event last = m_heap.back();
    m_heap.pop_back();
    if (!m_heap.empty())
        siftDown(0, last);
}

// Both sifts move a hole rather than swapping, so each level costs one copy.
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

void EventCalendar::siftDown(std::size_t hole, const Event &event)
{
    const std::size_t n = m_heap.size();
    for (;;) {
        const std::size_t first = hole * Arity + 1;
        if (first >= n)
            break;
        std::size_t best = first;
        const std::size_t last = first + Arity < n ? first + Arity : n;
        for (std::size_t c = first + 1; c < last; ++c)
            if (firesBefore(m_heap[c], m_heap[best]))
                best = c;
        if (!firesBefore(m_heap[best], event))
            break;
        m_heap[hole] = m_heap[best];
        hole = best;
    }
    m_heap[hole] = event;
}

} // namespace asyncsim::sim
