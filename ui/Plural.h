#pragma once

#include <QString>

namespace asyncsim::ui {

/// "1 queue", "3 queues": English plurals without a translation file (tr()'s
/// %n forms need one to drop the "(s)").
inline QString countOf(qsizetype n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace asyncsim::ui
