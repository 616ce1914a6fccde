#include "LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace asyncsim::sim {

void LatencyHistogram::reset()
{
    m_counts.clear();
    m_count = 0;
    m_sum = 0;
    m_min = ~std::uint64_t{0};
    m_max = 0;
}

std::uint64_t LatencyHistogram::bucketLow(std::size_t index)
{
    if (index < 2 * SubBuckets)
        return index;
    const std::uint64_t shift = index / SubBuckets - 1;
    return (index % SubBuckets + SubBuckets) << shift;
}

std::uint64_t LatencyHistogram::bucketWidth(std::size_t index)
{
    if (index < 2 * SubBuckets)
        return 1;
    return std::uint64_t{1} << (index / SubBuckets - 1);
}

Duration LatencyHistogram::percentile(double q) const
{
    if (m_count == 0)
        return Duration::zero();
    if (q >= 1)
        return max();
    const auto rank
        = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(m_count))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank) {
            // The bucket's midpoint, kept inside what was actually recorded.
            const std::uint64_t mid = bucketLow(i) + (bucketWidth(i) - 1) / 2;
            return Duration::nanoseconds(static_cast<std::int64_t>(std::clamp(mid, m_min, m_max)));
        }
    }
    return max();
}

} // namespace asyncsim::sim
