#pragma once

#include "Time.h"

#include <cstdint>

namespace asyncsim::sim {

class EventHandler;

/// Identifies a scheduled event; equal to its scheduling sequence number.
using EventId = std::uint64_t;
inline constexpr EventId InvalidEventId = ~EventId{0};

/// A scheduled event: small and plain, so the calendar stores it by value and
/// dispatch needs no allocation and no std::function.
struct Event
{
    Time time;                      ///< when it fires
    EventId sequence = 0;           ///< tie-break: equal times fire in scheduling order
    EventHandler *target = nullptr; ///< who handles it (not owned)
    std::uint32_t kind = 0;         ///< meaning defined by the target
    std::uint64_t data = 0;         ///< payload defined by the target (an index, an id)

    /// Strict calendar order: earlier time first, then earlier scheduling.
    friend constexpr bool firesBefore(const Event &a, const Event &b)
    {
        return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
    }
};

/// Anything that receives events from the calendar.
class EventHandler
{
public:
    virtual ~EventHandler() = default;
    /// Called by Simulation when @p event fires; Simulation::now() equals event.time.
    virtual void handleEvent(const Event &event) = 0;
};

} // namespace asyncsim::sim
