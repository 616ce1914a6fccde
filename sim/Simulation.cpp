#include "Simulation.h"

#include <cassert>

namespace asyncsim::sim {

EventId Simulation::schedule(Duration delay, EventHandler &target, std::uint32_t kind, std::uint32_t data)
{
    assert(delay >= Duration::zero());
    return scheduleAt(m_now + delay, target, kind, data);
}

EventId Simulation::scheduleAt(Time at, EventHandler &target, std::uint32_t kind, std::uint32_t data)
{
    assert(at >= m_now);
    const EventId id = m_nextSequence++;
    m_calendar.insert(Event{at, id, &target, kind, data});
    return id;
}

bool Simulation::step()
{
    if (m_calendar.empty())
        return false;
    const Event event = m_calendar.pop();
    m_now = event.time;
    ++m_eventsExecuted;
    event.target->handleEvent(event);
    return true;
}

void Simulation::runUntil(Time horizon)
{
    runEventsUntil(horizon);
    if (!m_stopRequested)
        advanceClock(horizon);
}

void Simulation::runEventsUntil(Time horizon)
{
    m_stopRequested = false;
    while (!m_calendar.empty()) {
        const Event &next = m_calendar.peek();
        if (next.time > horizon)
            return;
        const Event event = m_calendar.pop();
        m_now = event.time;
        ++m_eventsExecuted;
        event.target->handleEvent(event);
        if (m_stopRequested)
            return;
    }
}

void Simulation::advanceClock(Time t)
{
    assert(m_calendar.empty() || m_calendar.peek().time >= t);
    if (t != Time::max() && t > m_now)
        m_now = t;
}

Time Simulation::nextEventTime()
{
    return m_calendar.empty() ? Time::max() : m_calendar.peek().time;
}

} // namespace asyncsim::sim
