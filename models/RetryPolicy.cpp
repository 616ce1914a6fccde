#include "RetryPolicy.h"

#include "sim/RandomStream.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace asyncsim::models {

namespace {

constexpr std::int64_t NsPerMs = 1'000'000;
constexpr std::int64_t MaxMs = std::numeric_limits<std::int64_t>::max();

/// Java's (long) cast of a non-negative double: truncation, saturating at
/// Long.MAX_VALUE. A plain static_cast would be undefined beyond 2^63.
std::int64_t toLong(double x)
{
    return x >= 0x1p63 ? MaxMs : static_cast<std::int64_t>(x);
}

sim::Duration fromMs(std::int64_t ms)
{
    return ms > MaxMs / NsPerMs ? sim::Duration::max() : sim::Duration::milliseconds(ms);
}

void checkInterval(const char *field, sim::Duration d, std::vector<Problem> &problems)
{
    if (d < sim::Duration::milliseconds(1))
        problems.push_back({field, "must be a duration ≥ 1ms"});
    else if (d.ns() % NsPerMs != 0)
        problems.push_back({field, "must be a whole number of milliseconds"});
}

} // namespace

std::vector<Problem> RetryConfig::validate() const
{
    std::vector<Problem> problems;
    if (maxAttempts < 1)
        problems.push_back({"maxAttempts", "must be an integer ≥ 1"});
    checkInterval("interval", interval, problems);
    // Recent Resilience4j versions no longer check the multiplier; below 1 the waits
    // would shrink towards 0 ms, which no one means by "backoff".
    if (backoff == RetryBackoff::Exponential && !(std::isfinite(multiplier) && multiplier >= 1))
        problems.push_back({"multiplier", "must be a number ≥ 1"});
    if (maxInterval) {
        if (backoff == RetryBackoff::Fixed)
            problems.push_back({"maxInterval", "applies to exponential backoff only"});
        else
            checkInterval("maxInterval", *maxInterval, problems);
    }
    if (!(randomizationFactor >= 0 && randomizationFactor <= 1))
        problems.push_back({"randomizationFactor", "must be a number from 0 to 1"});
    return problems;
}

RetryPolicy::RetryPolicy(const RetryConfig &config)
    : m_config(config)
    , m_intervalMs(config.interval.ns() / NsPerMs)
{
    assert(config.validate().empty());
    if (config.maxInterval)
        m_maxIntervalMs = config.maxInterval->ns() / NsPerMs;
}

std::int64_t RetryPolicy::baseWaitMs(int failure) const
{
    std::int64_t ms = m_intervalMs;
    if (m_config.backoff == RetryBackoff::Fixed)
        return ms;
    // Truncating after every step, not once at the end, is what makes the
    // fourth default wait 1687 ms (and the fifth 2530, not 2531).
    for (int i = 1; i < failure; ++i) {
        const std::int64_t next = toLong(static_cast<double>(ms) * m_config.multiplier);
        if (next == ms)
            break; // a fixed point (saturated, or truncation undoing a small multiplier)
        ms = next;
    }
    return ms;
}

sim::Duration RetryPolicy::waitAfterFailure(int failure, sim::RandomStream &rng) const
{
    assert(failure >= 1);
    std::int64_t ms = baseWaitMs(failure);
    const double f = m_config.randomizationFactor;
    // With f = 0 Resilience4j's formula gives w + U, which truncates to w:
    // skipping the draw changes nothing but the stream's position.
    if (f > 0) {
        // The same double arithmetic as Resilience4j's randomize(), so the
        // truncated values, including the half-weight ends when w·f is not a
        // whole number, are the ones a Java client would produce.
        const double w = static_cast<double>(ms);
        const double low = w - f * w;
        const double high = w + f * w;
        const double drawn = low + rng.uniform01() * (high - low + 1);
        ms = toLong(std::max(1.0, drawn));
    }
    if (m_maxIntervalMs)
        ms = std::min(ms, *m_maxIntervalMs);
    return fromMs(ms);
}

double RetryPolicy::expectedAttempts(double failureProbability) const
{
    const double p = failureProbability;
    assert(p >= 0 && p <= 1);
    const int n = m_config.maxAttempts;
    if (p == 1)
        return n;
    if (n <= 64) {
        // Horner: exact for the dyadic probabilities tests like to use.
        double sum = 1;
        for (int i = 1; i < n; ++i)
            sum = 1 + p * sum;
        return sum;
    }
    // (1 − p^n) / (1 − p), with expm1 keeping 1 − p^n accurate when p^n is near 1.
    return -std::expm1(n * std::log(p)) / (1 - p);
}

} // namespace asyncsim::models
