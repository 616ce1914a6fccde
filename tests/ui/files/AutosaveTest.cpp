#include "ui/files/Autosave.h"
#include "ui/files/ExampleCatalog.h"

#include "models/TopologyJson.h"
#include "ui/TopologyDocument.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#ifdef Q_OS_UNIX
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace asyncsim;
using ui::Autosave;

namespace {

models::Topology checkout()
{
    return ui::ExampleCatalog::load(*ui::ExampleCatalog::find(ui::ExampleCatalog::defaultFileName()));
}

/// A document opened from a file, then edited.
struct EditedDocument
{
    ui::TopologyDocument document;

    explicit EditedDocument(const QString &path = QStringLiteral("/somewhere/checkout.json"))
    {
        document.load(checkout(), path);
        document.addComponent(models::NodeKind::Sink, QPointF(100, 100));
    }
};

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(data);
}

} // namespace

TEST(Autosave, SaveNowWritesTheTopologyAndWhereItCameFrom)
{
    QTemporaryDir dir;
    EditedDocument edited;
    ASSERT_TRUE(edited.document.isModified());
    Autosave autosave(&edited.document, dir.path());
    EXPECT_FALSE(QFile::exists(autosave.recoveryFilePath()));

    ASSERT_TRUE(autosave.saveNow());
    ASSERT_TRUE(QFile::exists(autosave.recoveryFilePath()));
    const ui::LoadResult loaded = ui::loadTopology(autosave.recoveryFilePath());
    ASSERT_TRUE(loaded.isOk()) << loaded.problems.join(u'\n').toStdString();
    EXPECT_EQ(models::serializeTopology(*loaded.topology), models::serializeTopology(edited.document.topology()));
}

TEST(Autosave, TheTimerWritesOnlyAModifiedDocument)
{
    QTemporaryDir dir;
    ui::TopologyDocument document;
    document.load(checkout(), QStringLiteral("/somewhere/checkout.json"));
    Autosave autosave(&document, dir.path());
    EXPECT_EQ(autosave.interval(), Autosave::DefaultInterval);
    autosave.setInterval(10);
    EXPECT_EQ(autosave.interval(), 10);

    QTest::qWait(60); // unmodified: nothing to write
    EXPECT_FALSE(QFile::exists(autosave.recoveryFilePath()));

    document.addComponent(models::NodeKind::Sink, QPointF(0, 0));
    EXPECT_TRUE(QTest::qWaitFor([&] { return QFile::exists(autosave.recoveryFilePath()); }, 2000));
}

TEST(Autosave, SavingTheDocumentRemovesTheRecoveryFile)
{
    QTemporaryDir dir;
    EditedDocument edited;
    Autosave autosave(&edited.document, dir.path());
    ASSERT_TRUE(autosave.saveNow());
    ASSERT_TRUE(QFile::exists(autosave.recoveryFilePath()));

    edited.document.markSaved(dir.filePath(QStringLiteral("saved.json")));
    EXPECT_FALSE(edited.document.isModified());
    EXPECT_FALSE(QFile::exists(autosave.recoveryFilePath()));
    EXPECT_FALSE(Autosave::pending(dir.path()).has_value());
}

TEST(Autosave, DiscardRemovesEverything)
{
    QTemporaryDir dir;
    EditedDocument edited;
    {
        Autosave autosave(&edited.document, dir.path());
        ASSERT_TRUE(autosave.saveNow());
        autosave.discard();
        EXPECT_FALSE(QFile::exists(autosave.recoveryFilePath()));
    }
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    EXPECT_FALSE(Autosave::pending(dir.path()).has_value());
}

TEST(Autosave, ALiveSessionsFileIsNotPending)
{
    QTemporaryDir dir;
    EditedDocument edited;
    Autosave autosave(&edited.document, dir.path());
    ASSERT_TRUE(autosave.saveNow());
    EXPECT_FALSE(Autosave::pending(dir.path()).has_value());
    EXPECT_TRUE(QFile::exists(autosave.recoveryFilePath())); // looking did not take it
}

TEST(Autosave, ASessionThatEndedWithoutDiscardingLeavesAPendingRecovery)
{
    QTemporaryDir dir;
    EditedDocument edited(QStringLiteral("/projects/orders.json"));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    QString recoveryPath;
    {
        Autosave autosave(&edited.document, dir.path());
        ASSERT_TRUE(autosave.saveNow());
        recoveryPath = autosave.recoveryFilePath();
    } // as if the application ended without a clean exit

    const auto pending = Autosave::pending(dir.path());
    ASSERT_TRUE(pending.has_value());
    EXPECT_EQ(pending->topologyPath, recoveryPath);
    EXPECT_EQ(pending->originalPath, QStringLiteral("/projects/orders.json"));
    EXPECT_GE(pending->savedAt, before);
    EXPECT_LE(pending->savedAt, QDateTime::currentDateTimeUtc().addSecs(1));
    const ui::LoadResult loaded = pending->load();
    ASSERT_TRUE(loaded.isOk());
    EXPECT_EQ(models::serializeTopology(*loaded.topology), models::serializeTopology(edited.document.topology()));

    pending->discard();
    EXPECT_FALSE(Autosave::pending(dir.path()).has_value());
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

TEST(Autosave, AnUntitledDocumentHasNoOriginalPath)
{
    QTemporaryDir dir;
    ui::TopologyDocument document;
    document.load(checkout()); // an example opens untitled
    document.addComponent(models::NodeKind::Queue, QPointF(0, 0));
    {
        Autosave autosave(&document, dir.path());
        ASSERT_TRUE(autosave.saveNow());
    }
    const auto pending = Autosave::pending(dir.path());
    ASSERT_TRUE(pending.has_value());
    EXPECT_TRUE(pending->originalPath.isEmpty());
}

TEST(Autosave, AFileLockedByAnotherLiveProcessIsNotPending)
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("session-other.json")),
              QByteArray::fromStdString(models::serializeTopology(checkout())));
    QLockFile lock(dir.filePath(QStringLiteral("session-other.lock")));
    ASSERT_TRUE(lock.tryLock(0)); // this process is alive: the lock is live
    EXPECT_FALSE(Autosave::pending(dir.path()).has_value());
    lock.unlock();
    EXPECT_TRUE(Autosave::pending(dir.path()).has_value());
}

TEST(Autosave, TheMostRecentRecoveryComesFirst)
{
    QTemporaryDir dir;
    const QByteArray topology = QByteArray::fromStdString(models::serializeTopology(checkout()));
    writeFile(dir.filePath(QStringLiteral("session-old.json")), topology);
    writeFile(dir.filePath(QStringLiteral("session-old.info")),
              R"({"originalPath": "/a/old.json", "savedAt": "2024-01-01T10:00:00.000Z"})");
    writeFile(dir.filePath(QStringLiteral("session-new.json")), topology);
    writeFile(dir.filePath(QStringLiteral("session-new.info")),
              R"({"originalPath": "/a/new.json", "savedAt": "2024-01-02T10:00:00.000Z"})");
    const auto all = Autosave::pendingAll(dir.path());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].originalPath, QStringLiteral("/a/new.json"));
    EXPECT_EQ(all[1].originalPath, QStringLiteral("/a/old.json"));
    EXPECT_EQ(Autosave::pending(dir.path())->originalPath, QStringLiteral("/a/new.json"));
}

#ifdef Q_OS_UNIX
TEST(Autosave, ALockLeftByACrashedProcessIsStale)
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("session-crashed.json")),
              QByteArray::fromStdString(models::serializeTopology(checkout())));
    const QString lockPath = dir.filePath(QStringLiteral("session-crashed.lock"));
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) { // takes the lock and dies without releasing it
        QLockFile lock(lockPath);
        lock.setStaleLockTime(0);
        _exit(lock.tryLock(0) ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ASSERT_TRUE(QFile::exists(lockPath));

    const auto pending = Autosave::pending(dir.path());
    ASSERT_TRUE(pending.has_value());
    EXPECT_EQ(pending->topologyPath, dir.filePath(QStringLiteral("session-crashed.json")));
    EXPECT_TRUE(pending->load().isOk());
}
#endif
