#include "models/DedupeStore.h"

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::models;

namespace {
sim::Time at(double s)
{
    return sim::Time::fromSeconds(s);
}
} // namespace

TEST(DedupeStore, RemembersForTheTimeToLive)
{
    DedupeStore store(sim::Duration::seconds(10), std::nullopt);
    store.insert(7, at(1));
    EXPECT_TRUE(store.contains(7, at(1)));
    EXPECT_TRUE(store.contains(7, at(10.999)));
    EXPECT_FALSE(store.contains(7, at(11))) << "expires exactly at insert + ttl";
    EXPECT_FALSE(store.contains(8, at(2)));
    EXPECT_EQ(store.size(), 0u);
}

TEST(DedupeStore, InsertingAgainExtendsTheTime)
{
    DedupeStore store(sim::Duration::seconds(10), std::nullopt);
    store.insert(7, at(1));
    store.insert(7, at(5));
    EXPECT_TRUE(store.contains(7, at(12))); // the first entry's expiry (11) no longer counts
    EXPECT_FALSE(store.contains(7, at(15)));
}

TEST(DedupeStore, CapacityForgetsTheOldestFirst)
{
    DedupeStore store(sim::Duration::seconds(100), 2);
    store.insert(1, at(1));
    store.insert(2, at(2));
    store.insert(3, at(3));
    EXPECT_FALSE(store.contains(1, at(3)));
    EXPECT_TRUE(store.contains(2, at(3)));
    EXPECT_TRUE(store.contains(3, at(3)));
    EXPECT_EQ(store.size(), 2u);
}
