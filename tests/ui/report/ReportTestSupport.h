#pragma once

#include "ui/report/ReportInput.h"

#include "models/Replications.h"
#include "models/Run.h"
#include "models/TopologyJson.h"

#include <QDir>
#include <QStringList>

#include <algorithm>
#include <string>

namespace asyncsim::ui::report::test {

/// The teaching examples' files.
inline QStringList exampleFiles()
{
    const QDir dir(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples"));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

/// @p file loaded and cut to at most two simulated minutes after its warm-up,
/// so a report of every example stays fast in CI.
inline models::Topology shortened(const QString &file)
{
    models::Topology t = models::loadTopologyFile(file.toStdString());
    const sim::Duration limit = t.simulation.warmup + sim::Duration::seconds(120);
    t.simulation.duration = std::min(t.simulation.duration, limit);
    return t;
}

/// A report input of @p file: one run, or @p replications of them.
inline ReportInput inputFor(const QString &file, int replications = 1)
{
    ReportInput input;
    input.topology = shortened(file);
    input.fileName = file;
    input.created = QDateTime(QDate(2026, 11, 24), QTime(9, 30), Qt::UTC);
    if (replications == 1)
        input.runs.push_back(models::Run::execute(input.topology));
    else
        input.runs = models::runReplications(input.topology, replications, input.topology.simulation.seed);
    return input;
}

} // namespace asyncsim::ui::report::test
