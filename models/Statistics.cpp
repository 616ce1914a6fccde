#include "Statistics.h"

namespace asyncsim::models {

LatencySummary summarize(const sim::LatencyHistogram &histogram)
{
    LatencySummary s;
    s.count = histogram.count();
    s.mean = histogram.meanSeconds();
    s.p50 = histogram.percentile(0.50).toSeconds();
    s.p95 = histogram.percentile(0.95).toSeconds();
    s.p99 = histogram.percentile(0.99).toSeconds();
    s.max = histogram.max().toSeconds();
    return s;
}

LevelSummary summarize(const sim::TimeWeighted &level, sim::Time end)
{
    return LevelSummary{level.mean(end), level.max()};
}

} // namespace asyncsim::models
