#pragma once

#include "models/Topology.h"

#include <QImage>
#include <QSizeF>
#include <QString>

namespace asyncsim::ui::report {

/// The topology's diagram as the canvas draws it, built offscreen.
struct ReportDiagram
{
    QString svg;  ///< an SVG document (vector), for the HTML report
    QImage image; ///< the same at a high resolution, for the PDF
    QSizeF size;  ///< natural size in points (canvas units)
};

/// Draws @p topology: a document and a TopologyScene of their own, on a white
/// background without the canvas grid. @p imageScale pixels per canvas unit;
/// 0 leaves the image out.
ReportDiagram drawDiagram(const models::Topology &topology, double imageScale);

} // namespace asyncsim::ui::report
