#pragma once

#include <cstdint>
#include <string_view>

#include <pcg_random.hpp>

namespace asyncsim::sim {

/// One independent stream of random numbers, a PCG engine (O'Neill's pcg64).
///
/// Streams are derived from (run seed, component id, purpose): adding a
/// component does not change what the others draw, and two variants of a
/// topology can be compared under common random numbers.
class RandomStream
{
public:
    RandomStream(std::uint64_t runSeed, std::string_view componentId, std::string_view purpose);

    /// 64 uniformly distributed bits.
    std::uint64_t nextBits() { return m_engine(); }
    /// Uniform on [0, 1) with 53 bits of resolution.
    double uniform01() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    /// Uniform on (0, 1]: safe to take the logarithm of.
    double uniformPositive() { return 1.0 - uniform01(); }
    /// Uniform integer on [0, n) without modulo bias. Precondition: n > 0.
    std::uint64_t below(std::uint64_t n);

    /// Stable 64-bit hash of a name (FNV-1a, then a SplitMix64 finaliser).
    static std::uint64_t hashName(std::string_view name);

private:
    pcg64 m_engine;
};

} // namespace asyncsim::sim
