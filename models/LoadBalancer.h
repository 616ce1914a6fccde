#pragma once

#include "Topology.h"
#include "sim/RandomStream.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace asyncsim::models {

/// Picks the replica of a service that takes the next request. It knows only
/// what a client-side balancer knows: how many requests each replica has
/// outstanding (in service or waiting there), never its speed, so
/// least-outstanding and power-of-two choices steer around a slow replica
/// only through the requests piling up at it. Health checks are the
/// caller's: it passes only the replicas that are up.
class LoadBalancer
{
public:
    /// @p rng draws for Random and PowerOfTwo (the others never use it).
    LoadBalancer(BalancerStrategy strategy, sim::RandomStream rng)
        : m_strategy(strategy)
        , m_rng(std::move(rng))
    { }

    BalancerStrategy strategy() const { return m_strategy; }

    /// The replica for the next request, given the requests @p outstanding
    /// at each replica (one entry per replica). Precondition: not empty.
    std::size_t pick(const std::vector<std::uint32_t> &outstanding);

private:
    std::size_t leastOutstanding(const std::vector<std::uint32_t> &outstanding);
    std::size_t powerOfTwo(const std::vector<std::uint32_t> &outstanding);

    BalancerStrategy m_strategy;
    sim::RandomStream m_rng;
    std::size_t m_next = 0; // round robin, and ties of least-outstanding: where the turn is
};

/// The name of a strategy as written in files ("round-robin", "random",
/// "least-outstanding", "power-of-two").
const char *balancerStrategyName(BalancerStrategy strategy);

} // namespace asyncsim::models
