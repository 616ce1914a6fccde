#pragma once

#include "TopologyError.h"
#include "sim/Time.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace asyncsim::sim {
class RandomStream;
}

namespace asyncsim::models {

/// How the wait between attempts grows.
enum class RetryBackoff {
    Fixed,       ///< the same interval after every failure (Resilience4j's default)
    Exponential, ///< interval × multiplier per further failure, optionally capped
};

/// Parameters of a Resilience4j-style retry (RetryConfig with an IntervalFunction).
///
/// Durations are whole milliseconds, as in Resilience4j; validate() rejects
/// anything finer, so the ms <-> ns conversions are exact.
struct RetryConfig
{
    /// Calls in total, the first one included (≥ 1): 1 means no retry, 3 means at most 2 retries.
    int maxAttempts = 3;
    RetryBackoff backoff = RetryBackoff::Fixed;
    /// The fixed interval, or the first interval of an exponential backoff (≥ 1 ms).
    sim::Duration interval = sim::Duration::milliseconds(500);
    /// Exponential only: factor from one interval to the next (≥ 1).
    double multiplier = 1.5;
    /// Exponential only: no wait is longer than this (≥ 1 ms); none if empty.
    std::optional<sim::Duration> maxInterval;
    /// Jitter, in [0, 1]: 0 for none. Resilience4j's randomized functions default to 0.5.
    double randomizationFactor = 0;

    /// Everything wrong with the configuration; empty if it is usable.
    /// Each Problem's @c pointer holds the member's name ("maxAttempts",
    /// "interval", "multiplier", "maxInterval", "randomizationFactor"), for the
    /// caller to place under its own JSON pointer.
    std::vector<Problem> validate() const;

    bool operator==(const RetryConfig &) const = default;
};

/// The decisions of a Resilience4j Retry: whether to try again after a failure
/// and how long to wait first (SEMANTICS §1.6).
///
/// Stateless apart from its configuration: the caller counts the failures of
/// each call. Waits are computed in integer milliseconds exactly as
/// Resilience4j's IntervalFunction does, then converted to sim::Duration.
class RetryPolicy
{
public:
    /// Precondition: @p config.validate() is empty.
    explicit RetryPolicy(const RetryConfig &config);

    const RetryConfig &config() const { return m_config; }

    /// Whether a call that has just failed for the @p failuresSoFar-th time
    /// (1, 2, ...) is tried again: false once @p failuresSoFar ≥ maxAttempts.
    bool shouldRetry(int failuresSoFar) const { return failuresSoFar < m_config.maxAttempts; }

    /// The wait after failure number @p failure (≥ 1) before the next attempt.
    ///
    /// Fixed: the interval. Exponential: the interval multiplied @p failure − 1
    /// times, truncated to whole milliseconds after each multiplication (500,
    /// 750, 1125, 1687, 2530, ... ms for the defaults).
    ///
    /// With a randomization factor f > 0 the value w above is jittered: w(1−f)
    /// + U·(2fw + 1) with U uniform on [0, 1), raised to at least 1 ms and
    /// truncated to whole milliseconds (one draw from @p rng; none when f = 0).
    /// When w·f is a whole number this is uniform on the integers w(1−f) ...
    /// w(1+f) ms, with mean w. When only 2w·f is whole, the ends ⌊w(1−f)⌋ and
    /// ⌊w(1+f)⌋ + 1 come half as often as the values between (w = 3, f = 0.5:
    /// 1 and 5, against 2, 3, 4), mean still w. In general the mean is within
    /// 0.5 ms of w (before the 1 ms floor and the cap).
    ///
    /// The cap applies last, so jittered exponential waits never exceed it
    /// either. Waits too long for sim::Duration saturate at Duration::max().
    sim::Duration waitAfterFailure(int failure, sim::RandomStream &rng) const;

    /// Expected number of calls, retries included, when every call fails
    /// independently with probability @p failureProbability in [0, 1]:
    /// 1 + p + p² + ... + p^(maxAttempts−1). The retry amplification of the load.
    double expectedAttempts(double failureProbability) const;

private:
    /// The interval w after failure @p failure in ms, before jitter and cap;
    /// saturates at INT64_MAX.
    std::int64_t baseWaitMs(int failure) const;

    RetryConfig m_config;
    std::int64_t m_intervalMs;                   // config.interval in whole ms
    std::optional<std::int64_t> m_maxIntervalMs; // config.maxInterval in whole ms
};

} // namespace asyncsim::models
