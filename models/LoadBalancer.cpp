#include "LoadBalancer.h"

namespace asyncsim::models {

std::size_t LoadBalancer::pick(const std::vector<std::uint32_t> &outstanding)
{
    const std::size_t n = outstanding.size();
    if (n == 1)
        return 0;
    switch (m_strategy) {
    case BalancerStrategy::RoundRobin: {
        const std::size_t chosen = m_next % n;
        m_next = chosen + 1;
        return chosen;
    }
    case BalancerStrategy::Random:
        return static_cast<std::size_t>(m_rng.below(n));
    case BalancerStrategy::LeastOutstanding:
        return leastOutstanding(outstanding);
    case BalancerStrategy::PowerOfTwo:
        return powerOfTwo(outstanding);
    }
    return 0;
}

std::size_t LoadBalancer::leastOutstanding(const std::vector<std::uint32_t> &outstanding)
{
    // Scanning from the turn and keeping the first minimum shares ties in
    // turn, so equal replicas are served round robin (as NGINX least_conn),
    // not always the first.
    const std::size_t n = outstanding.size();
    std::size_t chosen = m_next % n;
    for (std::size_t step = 1; step < n; ++step) {
        const std::size_t i = (m_next + step) % n;
        if (outstanding[i] < outstanding[chosen])
            chosen = i;
    }
    m_next = chosen + 1;
    return chosen;
}

std::size_t LoadBalancer::powerOfTwo(const std::vector<std::uint32_t> &outstanding)
{
    // Two distinct replicas, uniformly: the second is drawn from the other n - 1.
    const std::size_t n = outstanding.size();
    const auto first = static_cast<std::size_t>(m_rng.below(n));
    std::size_t second = static_cast<std::size_t>(m_rng.below(n - 1));
    if (second >= first)
        ++second;
    return outstanding[second] < outstanding[first] ? second : first;
}

const char *balancerStrategyName(BalancerStrategy strategy)
{
    switch (strategy) {
    case BalancerStrategy::RoundRobin:
        return "round-robin";
    case BalancerStrategy::Random:
        return "random";
    case BalancerStrategy::LeastOutstanding:
        return "least-outstanding";
    case BalancerStrategy::PowerOfTwo:
        return "power-of-two";
    }
    return "?";
}

} // namespace asyncsim::models
