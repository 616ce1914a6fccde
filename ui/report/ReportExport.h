#pragma once

#include "models/RunResults.h"
#include "models/Topology.h"

#include <QString>

#include <vector>

QT_FORWARD_DECLARE_CLASS(QWidget)

namespace asyncsim::ui::report {

/// File ▸ Export report…: writes the report of @p runs of @p topology to
/// @p filePath (HTML or PDF by its suffix) with a busy cursor, and tells the
/// user in a message box if it fails. @p sourceFile names the topology file in
/// the report (empty for an unsaved one). Returns whether it was written.
bool exportReport(QWidget *parent, const models::Topology &topology, const std::vector<models::RunResults> &runs,
                  const QString &filePath, const QString &sourceFile = {});

/// The file-dialog filter for reports: "HTML report (*.html);;PDF report (*.pdf)".
QString reportFileFilter();

} // namespace asyncsim::ui::report
