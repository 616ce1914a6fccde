#include "RandomStream.h"

namespace asyncsim::sim {

namespace {

std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

pcg64 makeEngine(std::uint64_t runSeed, std::string_view componentId, std::string_view purpose)
{
    // The state mixes seed and component; the PCG stream selector takes the
    // purpose, so one component's streams are distinct PCG sequences.
    const std::uint64_t c = RandomStream::hashName(componentId);
    const std::uint64_t p = RandomStream::hashName(purpose);
    const pcg_extras::pcg128_t state = (pcg_extras::pcg128_t(splitMix64(runSeed)) << 64) | splitMix64(runSeed ^ c);
    const pcg_extras::pcg128_t stream = (pcg_extras::pcg128_t(c) << 64) | p;
    return pcg64(state, stream);
}

} // namespace

RandomStream::RandomStream(std::uint64_t runSeed, std::string_view componentId, std::string_view purpose)
    : m_engine(makeEngine(runSeed, componentId, purpose))
{ }

std::uint64_t RandomStream::below(std::uint64_t n)
{
    // Lemire's multiply-shift with rejection: unbiased and usually one draw.
    __uint128_t m = static_cast<__uint128_t>(m_engine()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<__uint128_t>(m_engine()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

std::uint64_t RandomStream::hashName(std::string_view name)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char ch : name) {
        h ^= ch;
        h *= 0x100000001b3ULL;
    }
    return splitMix64(h);
}

} // namespace asyncsim::sim
