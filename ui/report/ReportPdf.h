#pragma once

#include "ReportData.h"

#include <QByteArray>

namespace asyncsim::ui::report {

/// The report as a PDF document (A4), the same content as the HTML: text and
/// tables as text, the diagram and charts as images at 3× (about 220 dpi on paper).
/// Empty if it could not be made.
QByteArray reportPdf(const ReportData &data);

} // namespace asyncsim::ui::report
