#pragma once

#include "models/CircuitBreaker.h"
#include "models/Message.h"

#include <QColor>
#include <QString>

QT_FORWARD_DECLARE_CLASS(QPalette)

/// Colours and number formats of the live view, derived from the palette so
/// the overlays read in light and dark themes alike.
namespace asyncsim::ui::live {

/// The dot colour of a message of class @p messageClass.
QColor messageClassColor(models::MessageClass messageClass, const QPalette &palette);
/// Breakers: closed green, open red, half-open amber.
QColor breakerColor(models::CircuitBreakerState state, const QPalette &palette);
QColor okColor(const QPalette &palette);
QColor warningColor(const QPalette &palette);
QColor dangerColor(const QPalette &palette);
/// The empty part of a gauge, and its fill.
QColor gaugeTrackColor(const QPalette &palette);
QColor gaugeFillColor(const QPalette &palette);

/// A rate per second, short: "0/s", "0.5/s", "12/s", "1.2k/s", "3.4M/s".
QString formatRate(double perSecond);
/// A count, short: "12", "1.2k", "3.4M".
QString formatCount(std::uint64_t count);

} // namespace asyncsim::ui::live
