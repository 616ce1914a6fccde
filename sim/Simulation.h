#pragma once

#include "EventCalendar.h"
#include "RandomStream.h"

#include <cstdint>
#include <string_view>

namespace asyncsim::sim {

/// One run: the clock, the event calendar and the seed its random streams
/// derive from. No globals: any number of simulations can live in a process.
///
/// A front end drives it with step() or runUntil(); the kernel never calls out
/// to a GUI or a terminal.
class Simulation
{
public:
    explicit Simulation(std::uint64_t seed = 1)
        : m_seed(seed)
    { }
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    /// Current simulated time: the time of the event being handled, or the
    /// horizon of the last runUntil().
    Time now() const { return m_now; }
    std::uint64_t seed() const { return m_seed; }

    /// Schedules an event @p delay from now (delay >= 0) for @p target (not owned).
    EventId schedule(Duration delay, EventHandler &target, std::uint32_t kind, std::uint32_t data = 0);
    /// Schedules an event at @p at (at >= now()).
    EventId scheduleAt(Time at, EventHandler &target, std::uint32_t kind, std::uint32_t data = 0);
    /// Cancels a pending event. Precondition: @p id is pending.
    void cancel(EventId id) { m_calendar.cancel(id); }

    /// Fires the next event. Returns false, doing nothing, when none is pending.
    bool step();
    /// Fires every event with time <= @p horizon, then sets now() to
    /// @p horizon (unless it is Time::max()). Returns early if stop() is called
    /// from an event handler; now() is then the time of the last event.
    void runUntil(Time horizon);
    /// Like runUntil(), but leaves now() at the time of the last event fired.
    void runEventsUntil(Time horizon);
    /// Moves the clock forward to @p t without firing anything.
    /// Precondition: no pending event is earlier than @p t.
    void advanceClock(Time t);
    /// Asks a running runUntil() to return after the current event.
    void stop() { m_stopRequested = true; }

    /// Time of the next pending event, or Time::max() when there is none.
    Time nextEventTime();
    std::size_t pendingEvents() const { return m_calendar.size(); }
    std::uint64_t eventsExecuted() const { return m_eventsExecuted; }

    /// A random stream for (this run's seed, @p componentId, @p purpose).
    RandomStream stream(std::string_view componentId, std::string_view purpose) const
    {
        return RandomStream(m_seed, componentId, purpose);
    }

private:
    EventCalendar m_calendar;
    Time m_now;
    EventId m_nextSequence = 0;
    std::uint64_t m_eventsExecuted = 0;
    std::uint64_t m_seed;
    bool m_stopRequested = false;
};

} // namespace asyncsim::sim
