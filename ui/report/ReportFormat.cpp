#include "ReportFormat.h"

#include <algorithm>
#include <cmath>

namespace asyncsim::ui::report {

namespace {

const QString PlusMinus = QStringLiteral(" ± ");

struct Scaled
{
    double scale;
    QString unit;
};

// One unit for the mean and its half-width, chosen by the mean, so both read
// alike: "40.1 ± 0.3 ms".
Scaled secondsUnit(double seconds)
{
    const double a = std::abs(seconds);
    if (a == 0 || a >= 60 * 60)
        return a == 0 ? Scaled{1, QStringLiteral(" s")} : Scaled{1.0 / 3600, QStringLiteral(" h")};
    if (a >= 120)
        return {1.0 / 60, QStringLiteral(" min")};
    if (a >= 1)
        return {1, QStringLiteral(" s")};
    if (a >= 1e-3)
        return {1e3, QStringLiteral(" ms")};
    return {1e6, QStringLiteral(" µs")};
}

Scaled unitOf(ReportUnit unit, double mean)
{
    switch (unit) {
    case ReportUnit::Count:
        return {1, QString()};
    case ReportUnit::PerSecond:
        return {1, QStringLiteral("/s")};
    case ReportUnit::Seconds:
        return secondsUnit(mean);
    case ReportUnit::Ratio:
        return {100, QStringLiteral("%")};
    }
    return {1, QString()};
}

QString significant(double value, int digits)
{
    if (value == 0)
        return QStringLiteral("0");
    // Below 10^6 a fixed form reads better than an exponent ("123400", not "1.234e+05").
    const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
    if (magnitude >= 6 || magnitude < -4)
        return QString::number(value, 'g', digits);
    const int decimals = std::clamp(digits - 1 - magnitude, 0, 9);
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text;
}

} // namespace

QString formatNumber(double value)
{
    if (!std::isfinite(value))
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("–");
    return significant(value, 4);
}

QString formatCount(double value)
{
    QString digits = QString::number(std::llround(value));
    const bool negative = digits.startsWith(QLatin1Char('-'));
    if (negative)
        digits.remove(0, 1);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QChar(0x2009)); // thin space: reads in every locale
    return negative ? QLatin1Char('-') + digits : digits;
}

QString formatSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("∞");
    const Scaled s = secondsUnit(seconds);
    return significant(seconds * s.scale, 3) + s.unit;
}

QString formatValue(const ReportValue &value, ReportUnit unit)
{
    if (!value.measured)
        return {};
    const Scaled s = unitOf(unit, value.mean);
    const double mean = value.mean * s.scale;
    const double half = value.halfWidth * s.scale;
    if (std::isnan(half) || std::isinf(half) || half == 0) {
        if (unit == ReportUnit::Count && mean == std::round(mean) && std::abs(mean) < 1e15)
            return formatCount(mean) + s.unit;
        return significant(mean, unit == ReportUnit::Ratio ? 3 : 4) + s.unit;
    }
    // Two significant digits of the half-width fix the decimals of both.
    const int decimals = std::clamp(1 - static_cast<int>(std::floor(std::log10(half))), 0, 9);
    return QString::number(mean, 'f', decimals) + PlusMinus + QString::number(half, 'f', decimals) + s.unit;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString escaped(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

} // namespace asyncsim::ui::report
