#pragma once

#include <QObject>
#include <QStringList>

QT_FORWARD_DECLARE_CLASS(QSettings)

namespace asyncsim::ui {

/// The recently opened or saved topology files, most recent first, kept in
/// QSettings under "recentFiles".
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxCount = 10;

    /// Uses the application's QSettings (organisation and application name).
    explicit RecentFiles(QObject *parent = nullptr);
    /// Uses @p settings (not owned; must outlive this object), e.g. a file in a test.
    explicit RecentFiles(QSettings *settings, QObject *parent = nullptr);

    /// Puts @p path first (moving it up if listed), keeping at most MaxCount.
    void add(const QString &path);
    /// Takes @p path off the list (a file that failed to open).
    void remove(const QString &path);
    /// The listed files that still exist, most recent first.
    QStringList files() const;
    void clear();

Q_SIGNALS:
    void changed();

private:
    QStringList stored() const;
    void store(const QStringList &paths);

    QSettings *m_settings; // owned (child) by the default constructor, else not owned
};

} // namespace asyncsim::ui
