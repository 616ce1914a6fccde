#include "LiveStyle.h"

#include "ui/canvas/CanvasStyle.h"

#include <QPalette>

namespace asyncsim::ui::live {

namespace {

// Saturated hues read on a light card; in a dark theme they are lifted
// toward white so they keep their contrast against the dark canvas.
QColor themed(const QColor &color, const QPalette &palette)
{
    return canvas::isDark(palette) ? canvas::mix(color, Qt::white, 0.25) : color;
}

QString shortNumber(double value)
{
    if (value >= 1e9)
        return QString::number(value / 1e9, 'f', 1) + "G";
    if (value >= 1e6)
        return QString::number(value / 1e6, 'f', 1) + "M";
    if (value >= 1e3)
        return QString::number(value / 1e3, 'f', 1) + "k";
    return QString();
}

} // namespace

QColor messageClassColor(models::MessageClass messageClass, const QPalette &palette)
{
    switch (messageClass) {
    case models::MessageClass::Normal:
        return palette.color(QPalette::Highlight);
    case models::MessageClass::Retry:
        return warningColor(palette);
    case models::MessageClass::Duplicate:
        return themed(QColor(0x9b, 0x4d, 0xdb), palette);
    case models::MessageClass::Poison:
        return dangerColor(palette);
    case models::MessageClass::RejectedVersion:
        return canvas::mutedTextColor(palette);
    case models::MessageClass::Count:
        break;
    }
    return palette.color(QPalette::Text);
}

QColor breakerColor(models::CircuitBreakerState state, const QPalette &palette)
{
    switch (state) {
    case models::CircuitBreakerState::Closed:
        return okColor(palette);
    case models::CircuitBreakerState::Open:
    case models::CircuitBreakerState::ForcedOpen:
        return dangerColor(palette);
    case models::CircuitBreakerState::HalfOpen:
        return warningColor(palette);
    default:
        return canvas::mutedTextColor(palette);
    }
}

QColor okColor(const QPalette &palette)
{
    return themed(QColor(0x1a, 0x9a, 0x4b), palette);
}

QColor warningColor(const QPalette &palette)
{
    return themed(QColor(0xe0, 0x8a, 0x00), palette);
}

QColor dangerColor(const QPalette &palette)
{
    return themed(QColor(0xd6, 0x2e, 0x3a), palette);
}

QColor gaugeTrackColor(const QPalette &palette)
{
    return canvas::mix(canvas::cardColor(palette), palette.color(QPalette::Text), 0.12);
}

QColor gaugeFillColor(const QPalette &palette)
{
    return palette.color(QPalette::Highlight);
}

QString formatRate(double perSecond)
{
    if (perSecond <= 0)
        return "0/s";
    if (const QString s = shortNumber(perSecond); !s.isEmpty())
        return s + "/s";
    if (perSecond < 10)
        return QString::number(perSecond, 'f', perSecond < 1 ? 2 : 1) + "/s";
    return QString::number(qRound(perSecond)) + "/s";
}

QString formatCount(std::uint64_t count)
{
    if (const QString s = shortNumber(static_cast<double>(count)); !s.isEmpty())
        return s;
    return QString::number(count);
}

} // namespace asyncsim::ui::live
