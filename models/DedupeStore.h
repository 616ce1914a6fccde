#pragma once

#include "sim/Time.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <utility>

namespace asyncsim::models {

/// The ids an idempotent consumer has processed, each remembered for a time
/// to live, optionally at most a number of them (the oldest go first).
class DedupeStore
{
public:
    DedupeStore(sim::Duration ttl, std::optional<std::uint64_t> capacity)
        : m_ttl(ttl)
        , m_capacity(capacity)
    { }

    /// Whether @p id was remembered and has not expired by @p now.
    bool contains(std::uint64_t id, sim::Time now)
    {
        forgetExpired(now);
        return m_expiry.count(id) > 0;
    }
    /// Remembers @p id from @p now for the time to live (again, if it was there).
    void insert(std::uint64_t id, sim::Time now)
    {
        forgetExpired(now);
        const sim::Time expiry = now + m_ttl;
        m_expiry[id] = expiry;
        m_order.emplace_back(expiry, id);
        while (m_capacity && m_expiry.size() > *m_capacity)
            forgetOldest();
    }
    std::size_t size() const { return m_expiry.size(); }

private:
    void forgetExpired(sim::Time now)
    {
        while (!m_order.empty() && m_order.front().first <= now)
            forgetOldest();
    }
    void forgetOldest()
    {
        const auto [expiry, id] = m_order.front();
        m_order.pop_front();
        // An id inserted again has a later expiry; only its newest entry counts.
        const auto it = m_expiry.find(id);
        if (it != m_expiry.end() && it->second == expiry)
            m_expiry.erase(it);
    }

    sim::Duration m_ttl;
    std::optional<std::uint64_t> m_capacity;
    std::unordered_map<std::uint64_t, sim::Time> m_expiry;
    std::deque<std::pair<sim::Time, std::uint64_t>> m_order; // insertion order = expiry order
};

} // namespace asyncsim::models
