#pragma once

#include "Time.h"

#include <cstdint>
#include <vector>

namespace asyncsim::sim {

/// Durations recorded into log-linear buckets (the HdrHistogram layout):
/// 128 sub-buckets per power of two, so any percentile is reported within
/// 1/256 (0.4%) of a recorded value. Count, mean, min and max are exact.
/// Memory is a few kilobytes whatever the number of samples.
class LatencyHistogram
{
public:
    /// Records one duration (negative values count as zero).
    void record(Duration d)
    {
        const std::uint64_t v = d.ns() > 0 ? static_cast<std::uint64_t>(d.ns()) : 0;
        const std::size_t index = bucketIndex(v);
        if (index >= m_counts.size())
            m_counts.resize(index + 1, 0);
        ++m_counts[index];
        ++m_count;
        m_sum += static_cast<double>(v);
        if (v < m_min)
            m_min = v;
        if (v > m_max)
            m_max = v;
    }
    /// Forgets everything recorded (warm-up deletion).
    void reset();

    std::uint64_t count() const { return m_count; }
    /// Mean in seconds (0 when empty).
    double meanSeconds() const { return m_count ? m_sum / static_cast<double>(m_count) / 1e9 : 0.0; }
    Duration min() const { return Duration::nanoseconds(m_count ? static_cast<std::int64_t>(m_min) : 0); }
    Duration max() const { return Duration::nanoseconds(static_cast<std::int64_t>(m_max)); }
    /// The q-quantile, 0 < q <= 1, by the nearest-rank rule (0 when empty).
    Duration percentile(double q) const;

    /// @name Bucket layout, exposed for tests.
    ///@{
    static std::size_t bucketIndex(std::uint64_t v)
    {
        if (v < 2 * SubBuckets)
            return static_cast<std::size_t>(v);
        const int magnitude = 63 - __builtin_clzll(v); // >= SubBucketBits + 1
        const int shift = magnitude - SubBucketBits;
        return static_cast<std::size_t>((shift + 1) * SubBuckets + ((v >> shift) - SubBuckets));
    }
    static std::uint64_t bucketLow(std::size_t index);
    static std::uint64_t bucketWidth(std::size_t index);
    ///@}

private:
    static constexpr int SubBucketBits = 7;
    static constexpr std::uint64_t SubBuckets = 1u << SubBucketBits;

    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_count = 0;
    double m_sum = 0;
    std::uint64_t m_min = ~std::uint64_t{0};
    std::uint64_t m_max = 0;
};

} // namespace asyncsim::sim
