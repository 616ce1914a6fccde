#pragma once

#include "ReportInput.h"

#include <QString>

#include <optional>

namespace asyncsim::ui::report {

/// The formats a report is written in, chosen by the file's suffix.
enum class ReportFileType { Html, Pdf };

/// The format for @p path (".html", ".htm", ".xhtml" or ".pdf", any case), or
/// nothing with a message in @p error naming the accepted suffixes.
std::optional<ReportFileType> reportFileTypeFor(const QString &path, QString *error);

/// Writes the report of @p input to @p path as HTML or PDF by its suffix,
/// atomically (a failed write leaves what was there). Needs a QApplication
/// (charts and the diagram are Qt widgets drawn offscreen). Returns false with
/// a message in @p error.
bool writeReport(const ReportInput &input, const QString &path, QString *error);

} // namespace asyncsim::ui::report
