#pragma once

#include "TopologyFiles.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QLockFile)
QT_FORWARD_DECLARE_CLASS(QTimer)

namespace asyncsim::ui {

class TopologyDocument;

/// Periodically writes the document's unsaved edits to a recovery file, so a
/// crash loses at most one interval of work.
///
/// Each session has its own files in the recovery directory:
/// "<session>.json" (the topology, as Save writes it), "<session>.info"
/// (the original path and the time) and "<session>.lock", a QLockFile held
/// while the session runs. A recovery file whose lock is free or stale was
/// left by a session that crashed; pending() finds it. Two running instances
/// never see each other's files as left over.
class Autosave : public QObject
{
    Q_OBJECT

public:
    /// Work left by a session that ended without discarding its recovery file.
    struct Recovery
    {
        QString topologyPath; ///< the recovery file (a topology file)
        QString originalPath; ///< the file the session was editing; empty if untitled
        QDateTime savedAt;    ///< when the recovery file was written

        /// Reads the recovered topology (Draft strictness, like Open).
        LoadResult load() const;
        /// Removes the recovery files (after recovering, or when the user declines).
        void discard() const;
    };

    static constexpr int DefaultInterval = 60 * 1000; ///< milliseconds

    /// <AppDataLocation>/recovery
    static QString defaultDirectory();

    /// Watches @p document (not owned; must outlive this object) and writes to @p directory.
    explicit Autosave(TopologyDocument *document, const QString &directory = defaultDirectory(),
                      QObject *parent = nullptr);
    ~Autosave() override;

    QString directory() const { return m_directory; }
    /// This session's recovery file (it exists only while there are unsaved edits).
    QString recoveryFilePath() const;

    int interval() const;
    void setInterval(int milliseconds);

    /// Writes the recovery file now, whatever the timer. Returns false (and
    /// emits failed()) if it could not be written.
    bool saveNow();
    /// Removes this session's recovery file and stops: call it on a clean exit.
    void discard();

    /// The most recent recovery file left by a session that is no longer running.
    static std::optional<Recovery> pending(const QString &directory = defaultDirectory());
    /// Every such file, the most recent first.
    static std::vector<Recovery> pendingAll(const QString &directory = defaultDirectory());

Q_SIGNALS:
    /// A recovery file could not be written (a full disk, a read-only directory).
    void failed(const QString &error);

private:
    void onTimeout();
    void removeFiles();
    QString sessionPath(const QString &suffix) const;

    TopologyDocument *m_document; // not owned
    QString m_directory;
    QString m_session; // base name of this session's files
    QTimer *m_timer;   // owned (child)
    std::unique_ptr<QLockFile> m_lock;
    bool m_editedSinceWrite; // only write when there is something new
};

} // namespace asyncsim::ui
