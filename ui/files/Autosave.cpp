#include "Autosave.h"

#include "ui/TopologyDocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace asyncsim::ui {

namespace {

const QString TopologySuffix = QStringLiteral(".json");
const QString InfoSuffix = QStringLiteral(".info");
const QString LockSuffix = QStringLiteral(".lock");

QString replaceSuffix(const QString &path, const QString &from, const QString &to)
{
    return path.left(path.size() - from.size()) + to;
}

// A long-lived lock: only a dead owner makes it stale, never its age.
std::unique_ptr<QLockFile> makeLock(const QString &path)
{
    auto lock = std::make_unique<QLockFile>(path);
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

LoadResult Autosave::Recovery::load() const
{
    return loadTopology(topologyPath);
}

void Autosave::Recovery::discard() const
{
    QFile::remove(topologyPath);
    QFile::remove(replaceSuffix(topologyPath, TopologySuffix, InfoSuffix));
    // A crashed session's lock file is stale: taking and releasing it removes it.
    const auto lock = makeLock(replaceSuffix(topologyPath, TopologySuffix, LockSuffix));
    if (lock->tryLock(0))
        lock->unlock();
}

QString Autosave::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

Autosave::Autosave(TopologyDocument *document, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_directory(directory)
    , m_session(QStringLiteral("session-") + QUuid::createUuid().toString(QUuid::Id128))
    , m_timer(new QTimer(this))
    , m_editedSinceWrite(document->isModified())
{
    QDir().mkpath(m_directory);
    m_lock = makeLock(sessionPath(LockSuffix));
    m_lock->tryLock(0);

    m_timer->setInterval(DefaultInterval);
    connect(m_timer, &QTimer::timeout, this, &Autosave::onTimeout);
    m_timer->start();

    connect(m_document, &TopologyDocument::changed, this, [this] { m_editedSinceWrite = true; });
    connect(m_document, &TopologyDocument::filePathChanged, this, [this] { m_editedSinceWrite = true; });
    // Saved, undone back to the saved state, or replaced by another file:
    // nothing is left to recover.
    connect(m_document, &TopologyDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            removeFiles();
    });
    connect(m_document, &TopologyDocument::reset, this, [this] {
        if (!m_document->isModified())
            removeFiles();
    });
    connect(m_document, &QObject::destroyed, this, [this] {
        m_document = nullptr;
        m_timer->stop();
    });
}

// The recovery file stays: a session that did not discard() it did not end
// cleanly. The lock goes with m_lock.
Autosave::~Autosave() = default;

QString Autosave::recoveryFilePath() const
{
    return sessionPath(TopologySuffix);
}

int Autosave::interval() const
{
    return m_timer->interval();
}

void Autosave::setInterval(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

bool Autosave::saveNow()
{
    if (!m_document)
        return false;
    if (!m_lock->isLocked()) { // after discard(): the session goes on writing
        QDir().mkpath(m_directory);
        m_lock->tryLock(0);
        if (!m_timer->isActive())
            m_timer->start();
    }
    if (const QString error = saveTopology(m_document->topology(), sessionPath(TopologySuffix)); !error.isEmpty()) {
        Q_EMIT failed(error);
        return false;
    }
    // Written second: a crash in between leaves the new topology with the old info.
    const QJsonObject info{
        {QStringLiteral("originalPath"), m_document->filePath()},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    QSaveFile file(sessionPath(InfoSuffix));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(info).toJson()) < 0 || !file.commit()) {
        Q_EMIT failed(tr("Cannot write the recovery file “%1”: %2")
                          .arg(QDir::toNativeSeparators(file.fileName()), file.errorString()));
        return false;
    }
    m_editedSinceWrite = false;
    return true;
}

void Autosave::discard()
{
    m_timer->stop();
    removeFiles();
    m_lock->unlock();
}

void Autosave::onTimeout()
{
    if (m_document && m_document->isModified() && m_editedSinceWrite)
        saveNow();
}

void Autosave::removeFiles()
{
    QFile::remove(sessionPath(TopologySuffix));
    QFile::remove(sessionPath(InfoSuffix));
    m_editedSinceWrite = m_document && m_document->isModified();
}

QString Autosave::sessionPath(const QString &suffix) const
{
    return m_directory + u'/' + m_session + suffix;
}

std::optional<Autosave::Recovery> Autosave::pending(const QString &directory)
{
    std::vector<Recovery> all = pendingAll(directory);
    if (all.empty())
        return std::nullopt;
    return all.front();
}

std::vector<Autosave::Recovery> Autosave::pendingAll(const QString &directory)
{
    std::vector<Recovery> found;
    const QDir dir(directory);
    const QStringList files = dir.entryList({QLatin1Char('*') + TopologySuffix}, QDir::Files);
    for (const QString &name : files) {
        const QString path = dir.filePath(name);
        // A live session holds its lock; a free or stale one means its owner is gone.
        const auto lock = makeLock(replaceSuffix(path, TopologySuffix, LockSuffix));
        if (!lock->tryLock(0))
            continue;
        lock->unlock();

        Recovery recovery;
        recovery.topologyPath = path;
        QFile infoFile(replaceSuffix(path, TopologySuffix, InfoSuffix));
        if (infoFile.open(QIODevice::ReadOnly)) {
            const QJsonObject info = QJsonDocument::fromJson(infoFile.readAll()).object();
            recovery.originalPath = info.value(QLatin1String("originalPath")).toString();
            recovery.savedAt
                = QDateTime::fromString(info.value(QLatin1String("savedAt")).toString(), Qt::ISODateWithMs);
        }
        if (!recovery.savedAt.isValid())
            recovery.savedAt = QFileInfo(path).lastModified();
        found.push_back(recovery);
    }
    std::sort(found.begin(), found.end(), [](const Recovery &a, const Recovery &b) { return a.savedAt > b.savedAt; });
    return found;
}

} // namespace asyncsim::ui
