// KafkaPartitioner: Kafka's murmur2 bit for bit (SEMANTICS §4.1), keyed
// partitions, and round-robin for keyless messages.

#include "models/KafkaPartitioner.h"
#include "models/Message.h"
#include "sim/RandomStream.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/chi_squared.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

using namespace asyncsim;
using namespace asyncsim::models;

namespace {

/// MurmurHash2 (seed 0x9747b28c) written afresh from the algorithm's
/// description, structured differently on purpose: 64-bit arithmetic masked
/// to 32 bits, blocks and tail assembled byte by byte. The 1-3 bytes after
/// the last whole block are a little-endian integer XORed into h, which is
/// then multiplied by m once; with no tail there is no multiplication.
std::int32_t referenceMurmur2(const std::string &data)
{
    const std::uint64_t mask = 0xffffffff;
    const std::uint64_t m = 0x5bd1e995;
    const auto byte = [&](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(data[i])); };
    std::uint64_t h = (0x9747b28c ^ data.size()) & mask;
    std::size_t i = 0;
    for (; i + 4 <= data.size(); i += 4) {
        std::uint64_t k = 0;
        for (std::size_t b = 4; b-- > 0;)
            k = (k << 8) | byte(i + b);
        k = (k * m) & mask;
        k ^= k >> 24;
        k = (k * m) & mask;
        h = ((h * m) & mask) ^ k;
    }
    if (i < data.size()) {
        std::uint64_t tail = 0;
        for (std::size_t b = data.size(); b-- > i;)
            tail = (tail << 8) | byte(b);
        h = ((h ^ tail) * m) & mask;
    }
    h ^= h >> 13;
    h = (h * m) & mask;
    h ^= h >> 15;
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(h));
}

} // namespace

TEST(KafkaPartitioner, Murmur2MatchesKafkasUtilsTestVectors)
{
    // UtilsTest.testMurmur2 in apache/kafka; the comment is each length mod 4.
    EXPECT_EQ(KafkaPartitioner::murmur2("21"), -973932308);                                              // 2
    EXPECT_EQ(KafkaPartitioner::murmur2("foobar"), -790332482);                                          // 2
    EXPECT_EQ(KafkaPartitioner::murmur2("a-little-bit-long-string"), -985981536);                        // 0
    EXPECT_EQ(KafkaPartitioner::murmur2("a-little-bit-longer-string"), -1486304829);                     // 2
    EXPECT_EQ(KafkaPartitioner::murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971); // 0
    EXPECT_EQ(KafkaPartitioner::murmur2("abc"), 479470107);                                              // 3
}

TEST(KafkaPartitioner, Murmur2CoversEveryTailLength)
{
    // Kafka's vectors have no tail of 1 byte. These values were computed by a
    // third implementation (Python, also from the description, which
    // reproduces all of Kafka's vectors); the comment is the length mod 4.
    EXPECT_EQ(KafkaPartitioner::murmur2(""), 275646681);             // 0
    EXPECT_EQ(KafkaPartitioner::murmur2("7"), -1961297549);          // 1
    EXPECT_EQ(KafkaPartitioner::murmur2("123"), -267702483);         // 3
    EXPECT_EQ(KafkaPartitioner::murmur2("1234"), -1614185708);       // 0
    EXPECT_EQ(KafkaPartitioner::murmur2("12345"), -1188365604);      // 1
    EXPECT_EQ(KafkaPartitioner::murmur2("hello"), 2132663229);       // 1
    EXPECT_EQ(KafkaPartitioner::murmur2("4294967294"), -1781960219); // 2
    // Bytes ≥ 0x80 must be taken as unsigned (Java's "& 0xff").
    EXPECT_EQ(KafkaPartitioner::murmur2("\xff"), -311467685);          // 1
    EXPECT_EQ(KafkaPartitioner::murmur2("\x80\xfe\x7f"), -1910403123); // 3

    // And against the reference above: every length up to 64 (every tail
    // length many times over), random bytes of the full range.
    sim::RandomStream rng(3, "kafka-test", "bytes");
    for (std::size_t length = 0; length <= 64; ++length) {
        for (int trial = 0; trial < 20; ++trial) {
            std::string data(length, '\0');
            for (char &c : data)
                c = static_cast<char>(rng.below(256));
            ASSERT_EQ(KafkaPartitioner::murmur2(data), referenceMurmur2(data)) << "length " << length;
        }
    }
    for (std::uint32_t key : {0u, 1u, 9u, 10u, 99u, 999u, 1000u, 65535u, 4294967294u})
        EXPECT_EQ(KafkaPartitioner::murmur2(KafkaPartitioner::keyBytes(key)), referenceMurmur2(std::to_string(key)));
}

TEST(KafkaPartitioner, ToPositiveClearsTheSignBit)
{
    EXPECT_EQ(KafkaPartitioner::toPositive(5), 5);
    EXPECT_EQ(KafkaPartitioner::toPositive(0), 0);
    EXPECT_EQ(KafkaPartitioner::toPositive(-1), 0x7fffffff);
    EXPECT_EQ(KafkaPartitioner::toPositive(-5), 0x7ffffffb); // not |−5|
    EXPECT_EQ(KafkaPartitioner::toPositive(INT32_MIN), 0);
    EXPECT_EQ(KafkaPartitioner::toPositive(-973932308), 1173551340);
}

TEST(KafkaPartitioner, KeysAreHashedAsTheirDecimalStrings)
{
    EXPECT_EQ(KafkaPartitioner::keyBytes(0), "0");
    EXPECT_EQ(KafkaPartitioner::keyBytes(21), "21");
    EXPECT_EQ(KafkaPartitioner::keyBytes(4294967294u), "4294967294");
    // Key 21 goes where a Java producer sends the String key "21":
    // toPositive(-973932308) = 1173551340, and 1173551340 mod 6 = 0, mod 7 = 3.
    EXPECT_EQ(KafkaPartitioner(6).partitionForKey(21), 0);
    EXPECT_EQ(KafkaPartitioner(7).partitionForKey(21), 3);
    EXPECT_EQ(KafkaPartitioner::partitionForKey("21", 7), 3);
    for (int n = 1; n <= 20; ++n)
        for (std::uint32_t key = 0; key < 200; ++key)
            ASSERT_EQ(KafkaPartitioner(n).partitionForKey(key),
                      KafkaPartitioner::partitionForKey(std::to_string(key), n));
}

TEST(KafkaPartitioner, PartitionsAreInRangeAndStable)
{
    for (int n : {1, 2, 3, 6, 7, 12, 64, 1000}) {
        KafkaPartitioner a(n);
        const KafkaPartitioner b(n);
        for (std::uint32_t key = 0; key < 5000; ++key) {
            const int p = a.partition(key);
            ASSERT_GE(p, 0);
            ASSERT_LT(p, n);
            // The same from another instance, from the const path, and again.
            ASSERT_EQ(b.partitionForKey(key), p);
            ASSERT_EQ(a.partition(key), p);
        }
    }
    for (std::uint32_t key : {4294967294u, 2147483648u})
        EXPECT_EQ(KafkaPartitioner(1).partitionForKey(key), 0);
}

TEST(KafkaPartitioner, IntegerKeysSpreadUniformly)
{
    // Keys 0 ... 99 999 over 6 partitions. The input is fixed, so this is a
    // property of murmur2 on these strings, not a random outcome; it is
    // judged as if the hash were a random function. Pearson's chi-square with
    // 5 degrees of freedom exceeds its 1 − 1e-6 quantile (about 35.9) with
    // probability 1e-6 for uniform placement; a skew of 2 % on one partition
    // (333 keys) already gives about 8, and a systematic mistake such as
    // hashing the key's raw little-endian bytes or a sign bug in toPositive
    // would show in the range/stability tests and the vectors first.
    const KafkaPartitioner partitioner(6);
    std::array<double, 6> counts{};
    const int n = 100'000;
    for (std::uint32_t key = 0; key < n; ++key)
        ++counts[static_cast<std::size_t>(partitioner.partitionForKey(key))];
    const double expected = n / 6.0;
    double chi2 = 0;
    for (double c : counts)
        chi2 += (c - expected) * (c - expected) / expected;
    const boost::math::chi_squared distribution(5);
    EXPECT_LT(chi2, boost::math::quantile(boost::math::complement(distribution, 1e-6)));
}

TEST(KafkaPartitioner, KeylessMessagesGoRoundRobin)
{
    KafkaPartitioner p(4);
    std::vector<int> seen;
    for (int i = 0; i < 12; ++i)
        seen.push_back(p.partition(NoKey));
    EXPECT_EQ(seen, std::vector<int>({0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}));

    // Keyed messages in between do not move the cycle.
    KafkaPartitioner q(3);
    EXPECT_EQ(q.nextRoundRobin(), 0);
    q.partition(21);
    q.partition(7);
    EXPECT_EQ(q.partition(NoKey), 1);
    EXPECT_EQ(q.nextRoundRobin(), 2);
    EXPECT_EQ(q.nextRoundRobin(), 0);

    KafkaPartitioner single(1);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(single.partition(NoKey), 0);
}
