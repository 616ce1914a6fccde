#pragma once

#include "ChartSpec.h"

#include <QColor>
#include <QPalette>

QT_FORWARD_DECLARE_CLASS(QChart)
QT_FORWARD_DECLARE_CLASS(QAbstractAxis)

namespace asyncsim::ui {

/// Colours and fonts of the live charts, taken from the widget palette so a
/// dark desktop gets dark charts with lines that stand out on them.
namespace ChartStyle {

/// Whether @p palette draws light text on a dark background.
bool isDark(const QPalette &palette);
/// The colour of a line of role @p colour (and @p category for LineColour::Category).
QColor lineColour(LineColour colour, int category, const QPalette &palette);
/// Background, title, legend and plot area of @p chart.
void styleChart(QChart *chart, const QPalette &palette);
/// Labels, title, grid and line of @p axis.
void styleAxis(QAbstractAxis *axis, const QPalette &palette);

} // namespace ChartStyle

} // namespace asyncsim::ui
