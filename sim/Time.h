#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace asyncsim::sim {

/// A span of simulated time, an integer count of nanoseconds.
/// Integer time makes runs bit-for-bit reproducible and ties exact.
class Duration
{
public:
    constexpr Duration() = default;

    /// @name Construction from units (rounded to the nearest nanosecond).
    ///@{
    static constexpr Duration nanoseconds(std::int64_t ns) { return Duration(ns); }
    static constexpr Duration microseconds(std::int64_t us) { return Duration(us * 1000); }
    static constexpr Duration milliseconds(std::int64_t ms) { return Duration(ms * 1000000); }
    static constexpr Duration seconds(std::int64_t s) { return Duration(s * 1000000000); }
    /// Seconds as a real number; values beyond the representable range saturate.
    static constexpr Duration fromSeconds(double s)
    {
        const double ns = s * 1e9;
        if (ns >= 9.2e18)
            return max();
        if (ns <= -9.2e18)
            return Duration(std::numeric_limits<std::int64_t>::min());
        // Round half away from zero on the exact remainder: adding 0.5 before
        // truncating would round 0.49999999999999994 up, and odd values
        // beyond 2^52 (where 0.5 is below the spacing of doubles) to even.
        const auto whole = static_cast<std::int64_t>(ns);
        const double rest = ns - static_cast<double>(whole);
        return Duration(whole + (rest >= 0.5 ? 1 : rest <= -0.5 ? -1 : 0));
    }
    static constexpr Duration zero() { return Duration(0); }
    static constexpr Duration max() { return Duration(std::numeric_limits<std::int64_t>::max()); }
    ///@}

    constexpr std::int64_t ns() const { return m_ns; }
    /// Seconds, correctly rounded (a division: keep it off per-event paths).
    constexpr double toSeconds() const { return static_cast<double>(m_ns) / 1e9; }

    constexpr auto operator<=>(const Duration &) const = default;
    constexpr Duration operator+(Duration o) const { return Duration(m_ns + o.m_ns); }
    constexpr Duration operator-(Duration o) const { return Duration(m_ns - o.m_ns); }
    constexpr Duration operator-() const { return Duration(-m_ns); }
    constexpr Duration operator*(std::int64_t k) const { return Duration(m_ns * k); }
    constexpr Duration &operator+=(Duration o)
    {
        m_ns += o.m_ns;
        return *this;
    }
    constexpr Duration &operator-=(Duration o)
    {
        m_ns -= o.m_ns;
        return *this;
    }

private:
    constexpr explicit Duration(std::int64_t ns)
        : m_ns(ns)
    { }
    std::int64_t m_ns = 0;
};

/// A point in simulated time: nanoseconds since the start of the run.
class Time
{
public:
    constexpr Time() = default;

    static constexpr Time zero() { return Time(); }
    static constexpr Time fromNs(std::int64_t ns) { return Time() + Duration::nanoseconds(ns); }
    static constexpr Time fromSeconds(double s) { return Time() + Duration::fromSeconds(s); }
    /// The end of time: later than any event a run can schedule.
    static constexpr Time max() { return Time() + Duration::max(); }

    constexpr std::int64_t ns() const { return m_sinceStart.ns(); }
    constexpr double toSeconds() const { return m_sinceStart.toSeconds(); }
    constexpr Duration sinceStart() const { return m_sinceStart; }

    constexpr auto operator<=>(const Time &) const = default;
    constexpr Time operator+(Duration d) const
    {
        // Saturate so that "now + a huge timeout" never wraps into the past.
        if (d.ns() > 0 && m_sinceStart.ns() > std::numeric_limits<std::int64_t>::max() - d.ns())
            return max();
        Time t;
        t.m_sinceStart = m_sinceStart + d;
        return t;
    }
    constexpr Time operator-(Duration d) const { return *this + (-d); }
    constexpr Duration operator-(Time o) const { return m_sinceStart - o.m_sinceStart; }
    constexpr Time &operator+=(Duration d) { return *this = *this + d; }

private:
    Duration m_sinceStart;
};

} // namespace asyncsim::sim
