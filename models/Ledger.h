#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace asyncsim::models {

/// Where every message of a run ended up. Messages enter by being produced
/// (by a producer), forked (a copy made when a node publishes to several
/// edges) or duplicated (a second copy of a message made visible again by a
/// queue while the first was still being processed); each leaves in exactly
/// one way, or is still in flight at the end. A topic gives each of its
/// consumer groups a copy of every record (the copies after the first count
/// as forked), and a group's copy that retention deletes before the group
/// reads it is lost to retention. Each attempt of a call sends a request, a
/// copy of the caller's message, counted as a call.
struct Ledger
{
    std::uint64_t produced = 0;                        ///< created by producers
    std::uint64_t forked = 0;                          ///< copies made by fan-out
    std::uint64_t duplicated = 0;                      ///< copies made by redelivery (at-least-once)
    std::uint64_t redriven = 0;                        ///< dead letters sent back as new messages
    std::uint64_t calls = 0;                           ///< call requests sent (one per attempt that was sent)
    std::uint64_t completed = 0;                       ///< reached a sink or the end of their flow
    std::uint64_t failed = 0;                          ///< processing failed, and no queue took it back
    std::map<std::string, std::uint64_t> deadLettered; ///< by reason
    std::map<std::string, std::uint64_t> dropped;      ///< by reason
    std::uint64_t expired = 0;                         ///< outlived a queue's TTL or retention period
    std::uint64_t lostToRetention = 0;                 ///< a consumer group's copies a topic deleted unread
    std::uint64_t inFlight = 0;                        ///< counted from the message pool at the end

    static std::uint64_t total(const std::map<std::string, std::uint64_t> &byReason)
    {
        std::uint64_t sum = 0;
        for (const auto &[reason, count] : byReason)
            sum += count;
        return sum;
    }
    std::uint64_t droppedTotal() const { return total(dropped); }
    std::uint64_t deadLetteredTotal() const { return total(deadLettered); }
    /// produced + forked + duplicated + redriven + calls = completed + failed +
    /// dead-lettered + dropped + expired + lost to retention + in flight.
    bool balances() const
    {
        return produced + forked + duplicated + redriven + calls
            == completed + failed + deadLetteredTotal() + droppedTotal() + expired + lostToRetention + inFlight;
    }
};

} // namespace asyncsim::models
