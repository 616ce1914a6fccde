#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace asyncsim::models {

/// Where every message of a run ended up. Messages enter by being produced
/// (by a producer) or forked (a copy made when a node publishes to several
/// edges); each leaves in exactly one way, or is still in flight at the end.
struct Ledger
{
    std::uint64_t produced = 0;                   ///< created by producers
    std::uint64_t forked = 0;                     ///< copies made by fan-out
    std::uint64_t completed = 0;                  ///< reached a sink or the end of their flow
    std::uint64_t failed = 0;                     ///< processing failed
    std::map<std::string, std::uint64_t> dropped; ///< by reason
    std::uint64_t inFlight = 0;                   ///< counted from the message pool at the end

    std::uint64_t droppedTotal() const
    {
        std::uint64_t total = 0;
        for (const auto &[reason, count] : dropped)
            total += count;
        return total;
    }
    /// produced + forked = completed + failed + dropped + in flight.
    bool balances() const { return produced + forked == completed + failed + droppedTotal() + inFlight; }
};

} // namespace asyncsim::models
