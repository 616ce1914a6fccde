#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace asyncsim::models {

/// Chooses a topic partition for each message the way Kafka's Java producer
/// does for keyed records (SEMANTICS §4.1), and round-robin for keyless ones.
///
/// Keys in the simulator are integer indexes. A key index is hashed as the
/// bytes a Java producer with StringSerializer would send for it: the decimal
/// digits of the index in UTF-8 (plain ASCII), no sign, no padding, so key 21
/// hashes as "21" and lands where a real client's record with key "21" would.
class KafkaPartitioner
{
public:
    /// Precondition: @p partitionCount ≥ 1.
    explicit KafkaPartitioner(int partitionCount);

    int partitionCount() const { return m_partitionCount; }

    /// The partition of a message with key index @p key (see keyBytes()), or
    /// of a keyless message if @p key is NoKey (Message.h), which advances the
    /// round-robin counter.
    int partition(std::uint32_t key);
    /// The partition of key index @p key: the same key always gives the same
    /// partition for a given partition count.
    int partitionForKey(std::uint32_t key) const;
    /// The next partition for a keyless message: 0, 1, ..., partitionCount − 1, 0, ...
    ///
    /// Round-robin per message is what the issue asks for. Kafka's default
    /// for keyless records is the sticky partitioner instead, which fills about
    /// batch.size bytes on one partition before moving on (SEMANTICS §4.1), so
    /// over short spans a real topic is lumpier than this.
    int nextRoundRobin();

    /// Kafka's murmur2 hash (Utils.murmur2) of @p bytes, as the signed 32-bit
    /// value Java returns. @p bytes is raw bytes; chars are taken as unsigned.
    static std::int32_t murmur2(std::string_view bytes);
    /// Kafka's Utils.toPositive: clears the sign bit (not the absolute value).
    static std::int32_t toPositive(std::int32_t x) { return x & 0x7fffffff; }
    /// toPositive(murmur2(@p bytes)) % @p partitionCount, Kafka's keyed
    /// partitioning. Precondition: @p partitionCount ≥ 1.
    static int partitionForKey(std::string_view bytes, int partitionCount);
    /// The bytes key index @p key is hashed as: its decimal string ("21").
    static std::string keyBytes(std::uint32_t key);

private:
    int m_partitionCount;
    int m_nextRoundRobin = 0;
};

} // namespace asyncsim::models
