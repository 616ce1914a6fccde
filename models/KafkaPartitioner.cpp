#include "KafkaPartitioner.h"

#include "Message.h"

#include <array>
#include <cassert>
#include <charconv>

namespace asyncsim::models {

namespace {

/// The decimal digits of @p key in @p buffer, without allocating.
std::string_view decimal(std::uint32_t key, std::array<char, 10> &buffer)
{
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), key);
    return {buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data())};
}

} // namespace

KafkaPartitioner::KafkaPartitioner(int partitionCount)
    : m_partitionCount(partitionCount)
{
    assert(partitionCount >= 1);
}

int KafkaPartitioner::partition(std::uint32_t key)
{
    return key == NoKey ? nextRoundRobin() : partitionForKey(key);
}

int KafkaPartitioner::partitionForKey(std::uint32_t key) const
{
    std::array<char, 10> buffer;
    return partitionForKey(decimal(key, buffer), m_partitionCount);
}

int KafkaPartitioner::nextRoundRobin()
{
    const int p = m_nextRoundRobin;
    m_nextRoundRobin = p + 1 == m_partitionCount ? 0 : p + 1;
    return p;
}

std::int32_t KafkaPartitioner::murmur2(std::string_view bytes)
{
    // Java's int arithmetic wraps around; unsigned arithmetic is the C++ way
    // to get the same bits without signed overflow. Java's >>> is the
    // unsigned right shift below, and its "& 0xff" the unsigned char casts.
    constexpr std::uint32_t Seed = 0x9747b28c;
    constexpr std::uint32_t M = 0x5bd1e995;
    constexpr int R = 24;
    const auto byteAt = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };

    const std::size_t length = bytes.size();
    // Java hashes an int length: the same low 32 bits.
    std::uint32_t h = Seed ^ static_cast<std::uint32_t>(length);

    const std::size_t whole = length / 4 * 4;
    for (std::size_t i = 0; i < whole; i += 4) {
        // Little-endian 4-byte blocks.
        std::uint32_t k = byteAt(i) | (byteAt(i + 1) << 8) | (byteAt(i + 2) << 16) | (byteAt(i + 3) << 24);
        k *= M;
        k ^= k >> R;
        k *= M;
        h *= M;
        h ^= k;
    }

    // The 1-3 bytes left over are folded in together, then mixed once;
    // with none left over, that multiplication is skipped.
    switch (length % 4) {
    case 3:
        h ^= byteAt(whole + 2) << 16;
        [[fallthrough]];
    case 2:
        h ^= byteAt(whole + 1) << 8;
        [[fallthrough]];
    case 1:
        h ^= byteAt(whole);
        h *= M;
        break;
    default:
        break;
    }

    h ^= h >> 13;
    h *= M;
    h ^= h >> 15;
    return static_cast<std::int32_t>(h);
}

int KafkaPartitioner::partitionForKey(std::string_view bytes, int partitionCount)
{
    assert(partitionCount >= 1);
    return toPositive(murmur2(bytes)) % partitionCount;
}

std::string KafkaPartitioner::keyBytes(std::uint32_t key)
{
    std::array<char, 10> buffer;
    return std::string(decimal(key, buffer));
}

} // namespace asyncsim::models
