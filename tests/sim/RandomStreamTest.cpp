// Named random streams: reproducible, independent per (seed, component,
// purpose), and the derived uniform and bounded-integer draws.

#include "sim/RandomStream.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace asyncsim::sim;

namespace {

std::vector<std::uint64_t> draw(RandomStream stream, int n)
{
    std::vector<std::uint64_t> out;
    for (int i = 0; i < n; ++i)
        out.push_back(stream.nextBits());
    return out;
}

/// Pearson's chi-square statistic of @p counts against equal expected counts.
template <std::size_t N> double chiSquareUniform(const std::array<std::uint64_t, N> &counts, std::uint64_t total)
{
    const double expected = static_cast<double>(total) / N;
    double chi2 = 0;
    for (std::uint64_t c : counts)
        chi2 += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
    return chi2;
}

} // namespace

TEST(RandomStream, SameKeyGivesIdenticalSequences)
{
    EXPECT_EQ(draw(RandomStream(42, "web", "arrivals"), 1000), draw(RandomStream(42, "web", "arrivals"), 1000));
}

TEST(RandomStream, GoldenValuesPinTheDerivation)
{
    // Recorded from the implementation as written. Saved topologies and
    // golden runs promise the same numbers for the same seed, so any change
    // to how streams are derived (hashing of names, state/stream split, the
    // PCG variant) must show up here and be made on purpose.
    RandomStream s(42, "web", "arrivals");
    EXPECT_EQ(s.nextBits(), 0xe86d224e2cd81b7aULL);
    EXPECT_EQ(s.nextBits(), 0xdcb37e76b80f7550ULL);
    EXPECT_EQ(s.nextBits(), 0x80fb86991e164bd2ULL);
}

TEST(RandomStream, DifferentSeedComponentOrPurposeGiveDifferentSequences)
{
    const std::vector<std::uint64_t> base = draw(RandomStream(42, "web", "arrivals"), 100);
    const std::vector<std::vector<std::uint64_t>> others = {
        draw(RandomStream(43, "web", "arrivals"), 100),
        draw(RandomStream(42, "web2", "arrivals"), 100),
        draw(RandomStream(42, "web", "service"), 100),
        draw(RandomStream(42, "arrivals", "web"), 100), // roles are not interchangeable
        draw(RandomStream(42, "webarrivals", ""), 100), // nor is it a concatenation
        draw(RandomStream(42, "", "webarrivals"), 100),
    };
    // A coincidence of two 64-bit draws has probability 2^-64, so not even one
    // position may agree.
    for (std::size_t k = 0; k < others.size(); ++k) {
        int equal = 0;
        for (std::size_t i = 0; i < base.size(); ++i)
            equal += base[i] == others[k][i];
        EXPECT_EQ(equal, 0) << "variant " << k;
        for (std::size_t j = 0; j < k; ++j)
            EXPECT_NE(others[j], others[k]) << "variants " << j << " and " << k;
    }
}

TEST(RandomStream, AnotherStreamDoesNotDisturbAnExistingOne)
{
    const std::vector<std::uint64_t> alone = draw(RandomStream(7, "db", "service"), 200);

    // The same stream, now with more streams created and drawn from in between.
    RandomStream before(7, "cache", "service");
    RandomStream s(7, "db", "service");
    RandomStream after(7, "db", "retries");
    std::vector<std::uint64_t> interleaved;
    for (int i = 0; i < 200; ++i) {
        before.nextBits();
        interleaved.push_back(s.nextBits());
        after.nextBits();
        after.nextBits();
    }
    EXPECT_EQ(interleaved, alone);
}

TEST(RandomStream, HashNameIsStableAndDiscriminating)
{
    EXPECT_EQ(RandomStream::hashName("web"), RandomStream::hashName(std::string("web")));
    EXPECT_NE(RandomStream::hashName("web"), RandomStream::hashName("Web"));
    EXPECT_NE(RandomStream::hashName(""), RandomStream::hashName(std::string_view("\0", 1)));
    EXPECT_NE(RandomStream::hashName("ab"), RandomStream::hashName("ba"));
}

TEST(RandomStream, Uniform01IsTheTop53BitsScaledIntoTheHalfOpenUnitInterval)
{
    // uniform01() is (bits >> 11) / 2^53, so its largest value is 1 - 2^-53
    // and 1.0 can never come out; uniformPositive() = 1 - uniform01() lies in
    // (0, 1]. Pin the mapping on a copy, then check the ranges on many draws.
    RandomStream s(3, "x", "y");
    for (int i = 0; i < 1000; ++i) {
        RandomStream copy = s;
        const std::uint64_t bits = copy.nextBits();
        ASSERT_EQ(s.uniform01(), static_cast<double>(bits >> 11) * 0x1.0p-53);
        copy = s;
        const double u = copy.uniform01();
        ASSERT_EQ(s.uniformPositive(), 1.0 - u);
    }
    EXPECT_LT(static_cast<double>(~std::uint64_t{0} >> 11) * 0x1.0p-53, 1.0);

    // Mean check: the sample mean of n uniforms has sd sqrt(1/12/n); allow
    // 4.5 sd (a two-sided tail of about 7e-6).
    constexpr int N = 1'000'000;
    double sum01 = 0;
    double sumPositive = 0;
    for (int i = 0; i < N; ++i) {
        const double u = s.uniform01();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        sum01 += u;
        const double p = s.uniformPositive();
        ASSERT_GT(p, 0.0);
        ASSERT_LE(p, 1.0);
        sumPositive += p;
    }
    const double tolerance = 4.5 * std::sqrt(1.0 / 12 / N);
    EXPECT_NEAR(sum01 / N, 0.5, tolerance);
    EXPECT_NEAR(sumPositive / N, 0.5, tolerance);
}

TEST(RandomStream, BelowStaysInRange)
{
    RandomStream s(5, "x", "below");
    const std::uint64_t big = std::numeric_limits<std::uint64_t>::max();
    for (std::uint64_t n : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{3}, std::uint64_t{7}, std::uint64_t{1000},
                            (std::uint64_t{1} << 63) + 1, big}) {
        for (int i = 0; i < 10'000; ++i)
            ASSERT_LT(s.below(n), n) << "n = " << n;
    }
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(s.below(1), 0u);
}

TEST(RandomStream, BelowIsUniformOverTenValues)
{
    // Chi-square goodness of fit with 10 cells (9 degrees of freedom): the
    // 0.999 quantile of chi2(9) is 27.88, so a correct generator fails this
    // for one seed in a thousand. Every value must also occur.
    constexpr std::uint64_t N = 200'000;
    RandomStream s(42, "chi", "square");
    std::array<std::uint64_t, 10> counts{};
    for (std::uint64_t i = 0; i < N; ++i)
        ++counts[s.below(10)];
    for (std::uint64_t c : counts)
        EXPECT_GT(c, 0u);
    EXPECT_LT(chiSquareUniform(counts, N), 27.88);
}

TEST(RandomStream, BelowHasNoModuloBiasForLargeBounds)
{
    // n = 3 * 2^62 is three quarters of 2^64: the naive bits % n would return
    // values in [0, 2^62) twice as often as the rest (probability 1/2 for the
    // first third instead of 1/3). Split [0, n) into thirds and test with
    // chi-square, 2 degrees of freedom: the 0.999 quantile is 13.82; the naive
    // method would score about 12 500 here. This bound also forces Lemire's
    // rejection step a quarter of the time.
    constexpr std::uint64_t N = 100'000;
    const std::uint64_t n = 3 * (std::uint64_t{1} << 62);
    const std::uint64_t third = std::uint64_t{1} << 62;
    RandomStream s(42, "chi", "large");
    std::array<std::uint64_t, 3> counts{};
    for (std::uint64_t i = 0; i < N; ++i) {
        const std::uint64_t v = s.below(n);
        ASSERT_LT(v, n);
        ++counts[v / third];
    }
    EXPECT_LT(chiSquareUniform(counts, N), 13.82);
}
