#pragma once

#include "models/Topology.h"

#include <QColor>
#include <QFont>
#include <QPainterPath>
#include <QPointF>
#include <QSizeF>

QT_FORWARD_DECLARE_CLASS(QPalette)
QT_FORWARD_DECLARE_CLASS(QPolygonF)

/// Sizes, colours and curve geometry shared by the canvas items.
namespace asyncsim::ui::canvas {

inline constexpr QSizeF NodeSize{160, 64};
inline constexpr qreal NodeRadius = 8;
inline constexpr qreal PortRadius = 5;
inline constexpr qreal HoveredPortRadius = 6.5;
inline constexpr qreal ArrowLength = 9;
inline constexpr qreal MinHandle = 40; ///< shortest control-point reach of a link curve

/// The accent of a kind of node (the colour of its icon's tile).
QColor kindColor(models::NodeKind kind);
/// @p a blended toward @p b by @p t in [0, 1].
QColor mix(const QColor &a, const QColor &b, qreal t);
bool isDark(const QPalette &palette);

QColor canvasColor(const QPalette &palette);
QColor gridColor(const QPalette &palette);
QColor cardColor(const QPalette &palette);
QColor cardBorderColor(const QPalette &palette);
QColor mutedTextColor(const QPalette &palette);
QColor linkColor(const QPalette &palette);

/// Fonts in pixel sizes, so cards lay out the same on every screen.
QFont nameFont();   ///< a node's name: bold
QFont detailFont(); ///< parameters and link labels: smaller

/// The curve of a link from an output port at @p from to an input port at
/// @p to, leaving and entering horizontally.
QPainterPath linkCurve(QPointF from, QPointF to);
/// The arrowhead whose tip is at the end of @p curve.
QPolygonF arrowHead(const QPainterPath &curve);

} // namespace asyncsim::ui::canvas
