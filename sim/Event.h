#pragma once

#include "Time.h"

#include <cstdint>

namespace asyncsim::sim {

class EventHandler;

/// Identifies a scheduled event; equal to its scheduling sequence number.
using EventId = std::uint64_t;
inline constexpr EventId InvalidEventId = ~EventId{0};

/// A scheduled event: small (32 bytes) and plain, so the calendar stores it by
/// value and dispatch needs no allocation and no std::function.
struct Event
{
    Time time;                      ///< when it fires
    EventId sequence = 0;           ///< tie-break: equal times fire in scheduling order
    EventHandler *target = nullptr; ///< who handles it (not owned)
    std::uint32_t kind = 0;         ///< meaning defined by the target
    std::uint32_t data = 0;         ///< payload defined by the target (an index)

    /// Strict calendar order: earlier time first, then earlier scheduling.
    friend constexpr bool firesBefore(const Event &a, const Event &b) { return a.orderKey() < b.orderKey(); }

    /// (time, sequence) as one 128-bit number (times are never negative): one
    /// comparison without branches, which keeps the heap free of mispredictions.
    constexpr __uint128_t orderKey() const
    {
        return (static_cast<__uint128_t>(static_cast<std::uint64_t>(time.ns())) << 64) | sequence;
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
