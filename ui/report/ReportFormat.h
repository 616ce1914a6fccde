#pragma once

#include <QString>

#include <limits>

namespace asyncsim::ui::report {

/// A value as a report shows it: a single run's number, or the mean of
/// replications with the half-width of its confidence interval.
struct ReportValue
{
    bool measured = false;
    double mean = 0;
    /// Half-width of the interval; NaN for a single run's exact value,
    /// infinite when too few runs measured it for an interval.
    double halfWidth = std::numeric_limits<double>::quiet_NaN();

    static ReportValue exact(double value) { return {true, value}; }
    static ReportValue estimated(double mean, double halfWidth) { return {true, mean, halfWidth}; }
};

/// The unit a value is written in.
enum class ReportUnit {
    Count,     ///< "1234", "12.5"
    PerSecond, ///< "12.5/s"
    Seconds,   ///< "250 µs", "40.1 ms", "1.5 s"
    Ratio,     ///< 0.923 as "92.3%"
};

/// @p value in @p unit; with an interval, "mean ± half-width", the mean given
/// to the precision the half-width allows. Empty when not measured.
QString formatValue(const ReportValue &value, ReportUnit unit);

/// A number to four significant digits, without exponent for everyday sizes.
QString formatNumber(double value);

/// A whole count with thin-space thousands separators: "12 345".
QString formatCount(double value);

/// Seconds in the unit that reads best: "250 µs", "40 ms", "1.5 s", "2 min".
QString formatSeconds(double seconds);

/// @p text escaped for XHTML text and attribute values.
QString escaped(const QString &text);
QString escaped(const std::string &text);

} // namespace asyncsim::ui::report
