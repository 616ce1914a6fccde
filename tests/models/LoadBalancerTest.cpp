// The replica choice of a load balancer, strategy by strategy: exact
// sequences where the strategy is deterministic, exact probabilities (checked
// on frequencies) where it draws.

#include "models/LoadBalancer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace asyncsim;
using namespace asyncsim::models;

namespace {

LoadBalancer balancer(BalancerStrategy strategy)
{
    return LoadBalancer(strategy, sim::RandomStream(42, "orders", "balancer"));
}

// Share of n picks with loads @p loads that went to each replica.
std::vector<double> shares(BalancerStrategy strategy, const std::vector<std::uint32_t> &loads, int n)
{
    LoadBalancer b = balancer(strategy);
    std::vector<double> count(loads.size(), 0);
    for (int i = 0; i < n; ++i)
        ++count[b.pick(loads)];
    for (double &c : count)
        c /= n;
    return count;
}

// 4 binomial standard deviations of a share with probability p over n picks:
// a false alarm about once in 16000 checks.
double tolerance(double p, int n)
{
    return 4 * std::sqrt(p * (1 - p) / n);
}

} // namespace

TEST(LoadBalancer, RoundRobinTakesEachReplicaInTurnWhateverTheLoad)
{
    LoadBalancer b = balancer(BalancerStrategy::RoundRobin);
    const std::vector<std::uint32_t> loads{9, 0, 4};
    std::vector<std::size_t> picks;
    for (int i = 0; i < 7; ++i)
        picks.push_back(b.pick(loads));
    EXPECT_EQ(picks, (std::vector<std::size_t>{0, 1, 2, 0, 1, 2, 0}));
}

TEST(LoadBalancer, ASingleReplicaIsAlwaysTheOne)
{
    for (BalancerStrategy s : {BalancerStrategy::RoundRobin, BalancerStrategy::Random,
                               BalancerStrategy::LeastOutstanding, BalancerStrategy::PowerOfTwo}) {
        LoadBalancer b = balancer(s);
        for (int i = 0; i < 5; ++i)
            EXPECT_EQ(b.pick({3}), 0u) << balancerStrategyName(s);
    }
}

TEST(LoadBalancer, LeastOutstandingTakesTheMinimumAndSharesTiesInTurn)
{
    LoadBalancer b = balancer(BalancerStrategy::LeastOutstanding);
    EXPECT_EQ(b.pick({3, 1, 2}), 1u);
    EXPECT_EQ(b.pick({3, 1, 0}), 2u);
    // Equal loads: round robin, from after the last pick.
    std::vector<std::size_t> picks;
    for (int i = 0; i < 4; ++i)
        picks.push_back(b.pick({2, 2, 2}));
    EXPECT_EQ(picks, (std::vector<std::size_t>{0, 1, 2, 0}));
    // A tie of two below the third alternates between them.
    EXPECT_EQ(b.pick({1, 1, 5}), 1u);
    EXPECT_EQ(b.pick({1, 1, 5}), 0u);
    EXPECT_EQ(b.pick({1, 1, 5}), 1u);
}

TEST(LoadBalancer, RandomSpreadsEvenlyWhateverTheLoad)
{
    const int n = 30000;
    const std::vector<double> s = shares(BalancerStrategy::Random, {0, 7, 100}, n);
    for (double share : s)
        EXPECT_NEAR(share, 1.0 / 3, tolerance(1.0 / 3, n));
}

TEST(LoadBalancer, PowerOfTwoNeverPicksTheMostLoadedOfDistinctLoads)
{
    // Two distinct of three, uniformly: the least loaded replica is in the
    // pair with probability 2/3 and then wins; the middle one wins only the
    // pair {middle, most}, 1/3; the most loaded never.
    const int n = 30000;
    const std::vector<double> s = shares(BalancerStrategy::PowerOfTwo, {0, 1, 2}, n);
    EXPECT_NEAR(s[0], 2.0 / 3, tolerance(2.0 / 3, n));
    EXPECT_NEAR(s[1], 1.0 / 3, tolerance(1.0 / 3, n));
    EXPECT_EQ(s[2], 0.0);
    // With two replicas both are always drawn: always the less loaded.
    LoadBalancer two = balancer(BalancerStrategy::PowerOfTwo);
    for (int i = 0; i < 100; ++i)
        ASSERT_EQ(two.pick({4, 3}), 1u);
}

TEST(LoadBalancer, PowerOfTwoWithEqualLoadsIsUniform)
{
    // Ties go to the first drawn, itself uniform.
    const int n = 30000;
    const std::vector<double> s = shares(BalancerStrategy::PowerOfTwo, {2, 2, 2, 2}, n);
    for (double share : s)
        EXPECT_NEAR(share, 0.25, tolerance(0.25, n));
}
