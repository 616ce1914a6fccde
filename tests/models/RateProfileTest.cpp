#include "models/RateProfile.h"

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::models;

namespace {
sim::Time at(double s)
{
    return sim::Time::fromSeconds(s);
}
} // namespace

TEST(RateProfile, EmptyProfileIsFlat)
{
    const RateProfile p({});
    EXPECT_TRUE(p.isFlat());
    EXPECT_DOUBLE_EQ(p.factorAt(at(123)), 1.0);
    EXPECT_DOUBLE_EQ(p.operationalTime(at(7)), 7.0);
    EXPECT_EQ(p.realTime(7.0), at(7));
}

TEST(RateProfile, StepsWorkedByHand)
{
    // Factor 1 until 10 s, 3 until 20 s, 0 from then on.
    const RateProfile p({{sim::Duration::seconds(10), 3, false}, {sim::Duration::seconds(20), 0, false}});
    EXPECT_DOUBLE_EQ(p.factorAt(at(5)), 1);
    EXPECT_DOUBLE_EQ(p.factorAt(at(10)), 3);
    EXPECT_DOUBLE_EQ(p.factorAt(at(25)), 0);
    EXPECT_DOUBLE_EQ(p.operationalTime(at(15)), 10 + 3 * 5);
    EXPECT_DOUBLE_EQ(p.operationalTime(at(100)), 40);
    EXPECT_EQ(p.realTime(25), at(15));
    EXPECT_EQ(p.realTime(40), at(20));
    EXPECT_EQ(p.realTime(40.5), sim::Time::max()); // the rate stays at zero
    EXPECT_DOUBLE_EQ(p.peakFactor(), 3);
}

TEST(RateProfile, RampIntegratesAsATrapezoid)
{
    // Factor 1 until 10 s, then a ramp reaching 3 at 20 s, then 3.
    const RateProfile p({{sim::Duration::seconds(10), 1, false}, {sim::Duration::seconds(20), 3, true}});
    EXPECT_DOUBLE_EQ(p.factorAt(at(15)), 2);
    // Λ(15) = 10 + ∫_10^15 (1 + 0.2 (t-10)) dt = 10 + 5 + 0.1·25 = 17.5.
    EXPECT_DOUBLE_EQ(p.operationalTime(at(15)), 17.5);
    EXPECT_DOUBLE_EQ(p.operationalTime(at(20)), 30);
    EXPECT_DOUBLE_EQ(p.operationalTime(at(30)), 60);
    // The inverse, including inside the ramp where it solves a quadratic.
    for (double s : {3.0, 12.0, 15.0, 19.9, 20.0, 27.0})
        EXPECT_NEAR(p.realTime(p.operationalTime(at(s))).toSeconds(), s, 1e-9) << s;
}

TEST(RateProfile, RampFromZero)
{
    // Silent until 10 s, then rising linearly to 2 at 20 s.
    const RateProfile p({{sim::Duration::seconds(0), 0, false},
                         {sim::Duration::seconds(10), 0, false},
                         {sim::Duration::seconds(20), 2, true}});
    EXPECT_DOUBLE_EQ(p.operationalTime(at(10)), 0);
    EXPECT_DOUBLE_EQ(p.operationalTime(at(20)), 10);
    // Λ(t) = (t-10)² / 10 inside the ramp, so Λ⁻¹(2.5) = 15.
    EXPECT_NEAR(p.realTime(2.5).toSeconds(), 15, 1e-9);
}
