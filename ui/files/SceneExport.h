#pragma once

#include <QRectF>
#include <QSize>
#include <QString>

QT_FORWARD_DECLARE_CLASS(QGraphicsScene)

namespace asyncsim::ui {

/// Space left around the exported contents, in scene units.
inline constexpr double ExportMargin = 24;

/// The scene area an export covers: @p source (the items' bounding rect when
/// empty) with ExportMargin around it.
QRectF exportArea(QGraphicsScene *scene, const QRectF &source);

/// The pixel size of exportPng()'s image: exportArea() times @p scale, rounded up.
QSize exportImageSize(QGraphicsScene *scene, const QRectF &source, double scale);

/// Renders @p source of @p scene (its items' bounding rect if empty) to a PNG
/// at @p scale pixels per scene unit, antialiased, on the palette's base
/// colour, without selection outlines. Returns false if it cannot be written.
bool exportPng(QGraphicsScene *scene, const QRectF &source, const QString &path, double scale = 2.0);

/// Same as exportPng(), as an SVG drawing titled @p title.
bool exportSvg(QGraphicsScene *scene, const QRectF &source, const QString &path, const QString &title);

} // namespace asyncsim::ui
