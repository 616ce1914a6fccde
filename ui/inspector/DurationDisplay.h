#pragma once

#include "sim/Time.h"

#include <QString>

namespace asyncsim::ui {

/// @p d as a person would type it and parseDuration() reads back exactly:
/// "250ms", "1.5s", "2m30s", "11.1ms" (models::formatDuration would write
/// "1500ms" and "11100us").
QString durationDisplayText(sim::Duration d);

/// An approximate number of seconds with a fitting unit, for information
/// only: "12.5 ms", "1.33 s", "infinite".
QString approxSecondsText(double seconds);

} // namespace asyncsim::ui
