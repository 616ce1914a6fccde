#include "DurationDisplay.h"

#include "models/DurationText.h"

#include <QObject>
#include <QRegularExpression>

#include <array>
#include <cmath>
#include <cstdint>

namespace asyncsim::ui {

namespace {

constexpr std::int64_t Us = 1000;
constexpr std::int64_t Ms = 1000 * Us;
constexpr std::int64_t S = 1000 * Ms;
constexpr std::int64_t M = 60 * S;
constexpr std::int64_t H = 60 * M;
constexpr std::int64_t D = 24 * H;

// Whole seconds of a minute or more as "1h5m30s".
QString compound(std::int64_t ns)
{
    QString text;
    for (const auto &[unit, name] :
         std::array<std::pair<std::int64_t, const char *>, 4>{{{D, "d"}, {H, "h"}, {M, "m"}, {S, "s"}}}) {
        if (ns >= unit) {
            text += QString::number(ns / unit) + QLatin1String(name);
            ns %= unit;
        }
    }
    return text;
}

} // namespace

QString durationDisplayText(sim::Duration d)
{
    const std::int64_t ns = d.ns();
    if (ns <= 0)
        return QString::fromStdString(models::formatDuration(d));
    if (ns >= M && ns % S == 0)
        return compound(ns);
    // The largest unit in which the value needs at most three decimals.
    for (const auto &[unit, name] :
         std::array<std::pair<std::int64_t, const char *>, 3>{{{S, "s"}, {Ms, "ms"}, {Us, "us"}}}) {
        if (ns >= unit && ns % (unit / 1000) == 0)
            return QString::number(static_cast<double>(ns) / static_cast<double>(unit), 'f', 3)
                       .remove(QRegularExpression(QStringLiteral("\\.?0+$")))
                 + QLatin1String(name);
    }
    return QString::fromStdString(models::formatDuration(d));
}

QString approxSecondsText(double seconds)
{
    if (std::isinf(seconds))
        return QObject::tr("infinite");
    if (std::isnan(seconds))
        return QObject::tr("undefined");
    const double magnitude = std::abs(seconds);
    if (magnitude == 0)
        return QStringLiteral("0 s");
    if (magnitude >= 1)
        return QString::number(seconds, 'g', 3) + QStringLiteral(" s");
    if (magnitude >= 1e-3)
        return QString::number(seconds * 1e3, 'g', 3) + QStringLiteral(" ms");
    if (magnitude >= 1e-6)
        return QString::number(seconds * 1e6, 'g', 3) + QStringLiteral(" \u00b5s");
    return QString::number(seconds * 1e9, 'g', 3) + QStringLiteral(" ns");
}

} // namespace asyncsim::ui
