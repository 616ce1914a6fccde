#include "RecentFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace asyncsim::ui {

namespace {

const QString SettingsKey = QStringLiteral("recentFiles");

// One spelling per file, so "a/../b.json" and "b.json" are not listed twice.
QString normalized(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

RecentFiles::RecentFiles(QObject *parent)
    : RecentFiles(nullptr, parent)
{
    m_settings = new QSettings(this);
}

RecentFiles::RecentFiles(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{ }

void RecentFiles::add(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString file = normalized(path);
    QStringList paths = stored();
    // Files gone since are dropped here too, so they do not take places in the list.
    paths.removeIf([&file](const QString &p) { return p == file || !QFileInfo::exists(p); });
    paths.prepend(file); // kept even if it does not exist (yet): the caller just used it
    while (paths.size() > MaxCount)
        paths.removeLast();
    store(paths);
}

void RecentFiles::remove(const QString &path)
{
    QStringList paths = stored();
    if (paths.removeAll(normalized(path)) > 0)
        store(paths);
}

QStringList RecentFiles::files() const
{
    QStringList paths = stored();
    paths.removeIf([](const QString &p) { return !QFileInfo::exists(p); });
    return paths;
}

void RecentFiles::clear()
{
    store({});
}

QStringList RecentFiles::stored() const
{
    return m_settings->value(SettingsKey).toStringList();
}

void RecentFiles::store(const QStringList &paths)
{
    if (paths == stored())
        return;
    if (paths.isEmpty())
        m_settings->remove(SettingsKey);
    else
        m_settings->setValue(SettingsKey, paths);
    Q_EMIT changed();
}

} // namespace asyncsim::ui
