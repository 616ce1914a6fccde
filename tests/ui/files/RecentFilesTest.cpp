#include "ui/files/RecentFiles.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace ui = asyncsim::ui;

namespace {

/// Settings in a file of its own and a directory of real files, so the
/// user's settings are never touched.
class RecentFiles : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }

    QString file(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.exists()) {
            EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        }
        return QDir::cleanPath(path);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
};

} // namespace

TEST_F(RecentFiles, MostRecentFirst)
{
    ui::RecentFiles recent(m_settings.get());
    EXPECT_TRUE(recent.files().isEmpty());
    recent.add(file("a.json"));
    recent.add(file("b.json"));
    recent.add(file("c.json"));
    EXPECT_EQ(recent.files(), (QStringList{file("c.json"), file("b.json"), file("a.json")}));
}

TEST_F(RecentFiles, AddingAgainMovesToTheFront)
{
    ui::RecentFiles recent(m_settings.get());
    recent.add(file("a.json"));
    recent.add(file("b.json"));
    recent.add(file("a.json"));
    EXPECT_EQ(recent.files(), (QStringList{file("a.json"), file("b.json")}));
    // The same file spelled another way is still one entry.
    QDir(m_dir.path()).mkdir(QStringLiteral("sub"));
    recent.add(m_dir.path() + QStringLiteral("/sub/../b.json"));
    EXPECT_EQ(recent.files(), (QStringList{file("b.json"), file("a.json")}));
}

TEST_F(RecentFiles, KeepsAtMostTen)
{
    ui::RecentFiles recent(m_settings.get());
    for (int i = 0; i < 12; ++i)
        recent.add(file(QStringLiteral("f%1.json").arg(i)));
    const QStringList files = recent.files();
    ASSERT_EQ(files.size(), ui::RecentFiles::MaxCount);
    EXPECT_EQ(files.front(), file("f11.json"));
    EXPECT_EQ(files.back(), file("f2.json"));
    EXPECT_FALSE(files.contains(file("f1.json")));
}

TEST_F(RecentFiles, DropsFilesThatNoLongerExist)
{
    ui::RecentFiles recent(m_settings.get());
    recent.add(file("a.json"));
    recent.add(file("b.json"));
    ASSERT_TRUE(QFile::remove(file("a.json")));
    EXPECT_EQ(recent.files(), QStringList{file("b.json")});
}

TEST_F(RecentFiles, RemoveAndClearSignalChanges)
{
    ui::RecentFiles recent(m_settings.get());
    int changes = 0;
    QObject::connect(&recent, &ui::RecentFiles::changed, [&changes] { ++changes; });
    recent.add(file("a.json"));
    recent.add(file("b.json"));
    EXPECT_EQ(changes, 2);
    recent.add(file("b.json")); // already first: nothing changes
    EXPECT_EQ(changes, 2);
    recent.remove(file("b.json"));
    EXPECT_EQ(changes, 3);
    EXPECT_EQ(recent.files(), QStringList{file("a.json")});
    recent.clear();
    EXPECT_EQ(changes, 4);
    EXPECT_TRUE(recent.files().isEmpty());
    EXPECT_FALSE(m_settings->contains(QStringLiteral("recentFiles")));
}

TEST_F(RecentFiles, PersistsInTheSettingsFile)
{
    {
        ui::RecentFiles recent(m_settings.get());
        recent.add(file("a.json"));
        recent.add(file("b.json"));
    }
    m_settings->sync();
    QSettings reopened(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    EXPECT_EQ(reopened.value(QStringLiteral("recentFiles")).toStringList(),
              (QStringList{file("b.json"), file("a.json")}));
    ui::RecentFiles again(&reopened);
    EXPECT_EQ(again.files(), (QStringList{file("b.json"), file("a.json")}));
}
