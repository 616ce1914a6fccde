#pragma once

#include "models/Topology.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace asyncsim::ui {

/// What reading a topology file gave: the topology, or why there is none.
struct LoadResult
{
    std::optional<models::Topology> topology; ///< empty when the file could not be used
    QString error;                            ///< one sentence for a message box; empty on success
    QStringList problems;                     ///< the loader's problems, each "/json/pointer: message"

    bool isOk() const { return topology.has_value(); }
};

/// Reads the topology file at @p path with Draft strictness (work in progress
/// opens; its structural problems are the problems panel's business).
LoadResult loadTopology(const QString &path);

/// Parses topology text, as loadTopology() does for a file's contents.
/// @p fileName names the source in error messages.
LoadResult parseTopologyText(const QByteArray &text, const QString &fileName);

/// Writes @p topology to @p path atomically (a temporary file renamed over the
/// old one), so a failed save leaves an existing file as it was.
/// Returns an error text for the user, or an empty string on success.
QString saveTopology(const models::Topology &topology, const QString &path);

} // namespace asyncsim::ui
