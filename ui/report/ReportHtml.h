#pragma once

#include "ReportSections.h"

#include <QString>

namespace asyncsim::ui::report {

/// The report's title: the topology's name, or the file name without it.
QString reportTitle(const ReportData &data);

/// The whole report as one well-formed XHTML document. Standalone: CSS and
/// every picture inline (SVG), nothing outside the file. RichText: for
/// QTextDocument, pictures as <img> of diagramResource() and chartResource().
QString reportHtml(const ReportData &data, const ReportPictures &pictures, HtmlFlavour flavour);

/// Draws the pictures @p flavour needs: the diagram and the charts, as SVG for
/// Standalone, as images at @p imageScale for RichText.
ReportPictures drawPictures(const ReportData &data, HtmlFlavour flavour, double imageScale = 3);

} // namespace asyncsim::ui::report
