#include "ui/files/TopologyFiles.h"
#include "ui/files/ExampleCatalog.h"

#include "models/TopologyJson.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace asyncsim;

namespace {

models::Topology checkout()
{
    return ui::ExampleCatalog::load(*ui::ExampleCatalog::find(ui::ExampleCatalog::defaultFileName()));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    ASSERT_EQ(file.write(data), data.size());
}

} // namespace

TEST(TopologyFiles, SaveThenLoadRoundTrips)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("checkout copy.json"));
    const models::Topology original = checkout();

    EXPECT_EQ(ui::saveTopology(original, path), QString());
    const ui::LoadResult loaded = ui::loadTopology(path);
    ASSERT_TRUE(loaded.isOk()) << loaded.error.toStdString();
    EXPECT_TRUE(loaded.error.isEmpty());
    EXPECT_TRUE(loaded.problems.isEmpty());
    EXPECT_EQ(models::serializeTopology(*loaded.topology), models::serializeTopology(original));
    EXPECT_EQ(readAll(path).toStdString(), models::serializeTopology(original));
}

TEST(TopologyFiles, SavingReplacesTheFileAndLeavesNoTemporaryFiles)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.json"));
    writeAll(path, QByteArray(5000, 'x')); // longer than what replaces it
    models::Topology topology = checkout();
    topology.nodes.resize(1);
    topology.edges.clear();

    EXPECT_EQ(ui::saveTopology(topology, path), QString());
    EXPECT_EQ(readAll(path).toStdString(), models::serializeTopology(topology));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("t.json")});
}

TEST(TopologyFiles, ABadValueIsReportedAtItsJsonPointer)
{
    models::Topology topology = checkout();
    int serviceIndex = -1;
    for (size_t i = 0; i < topology.nodes.size() && serviceIndex < 0; ++i) {
        if (auto *service = std::get_if<models::ServiceSpec>(&topology.nodes[i].params)) {
            service->workers = 0;
            serviceIndex = int(i);
        }
    }
    ASSERT_GE(serviceIndex, 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    ASSERT_EQ(ui::saveTopology(topology, path), QString());

    const ui::LoadResult loaded = ui::loadTopology(path);
    EXPECT_FALSE(loaded.isOk());
    EXPECT_FALSE(loaded.error.isEmpty());
    EXPECT_TRUE(loaded.error.contains(QStringLiteral("bad.json"))) << loaded.error.toStdString();
    const QString pointer = QStringLiteral("/nodes/%1/workers").arg(serviceIndex);
    ASSERT_FALSE(loaded.problems.isEmpty());
    EXPECT_TRUE(loaded.error.contains(QStringLiteral("%1 problem").arg(loaded.problems.size())))
        << loaded.error.toStdString();
    EXPECT_TRUE(std::any_of(loaded.problems.begin(), loaded.problems.end(), [&](const QString &p) {
        return p.startsWith(pointer);
    })) << loaded.problems.join(u'\n').toStdString();
}

TEST(TopologyFiles, TextThatIsNotJsonIsAProblem)
{
    const ui::LoadResult loaded = ui::parseTopologyText("{ \"nodes\": [", QStringLiteral("broken.json"));
    EXPECT_FALSE(loaded.isOk());
    EXPECT_FALSE(loaded.error.isEmpty());
    EXPECT_FALSE(loaded.problems.isEmpty());
}

TEST(TopologyFiles, AMissingFileIsAnErrorWithoutProblems)
{
    QTemporaryDir dir;
    const ui::LoadResult loaded = ui::loadTopology(dir.filePath(QStringLiteral("absent.json")));
    EXPECT_FALSE(loaded.isOk());
    EXPECT_TRUE(loaded.error.contains(QStringLiteral("absent.json"))) << loaded.error.toStdString();
    EXPECT_TRUE(loaded.problems.isEmpty());
}

TEST(TopologyFiles, ADraftOpens)
{
    // A producer not yet connected: not runnable, but the editor opens it.
    models::Topology draft;
    draft.name = "draft";
    models::NodeSpec producer;
    producer.id = "web";
    producer.params = models::ProducerSpec{};
    draft.nodes.push_back(producer);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("draft.json"));
    ASSERT_EQ(ui::saveTopology(draft, path), QString());

    const ui::LoadResult loaded = ui::loadTopology(path);
    ASSERT_TRUE(loaded.isOk()) << loaded.problems.join(u'\n').toStdString();
    EXPECT_EQ(models::serializeTopology(*loaded.topology), models::serializeTopology(draft));
}

TEST(TopologyFiles, SavingIntoAMissingDirectoryFails)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no-such-directory/t.json"));
    const QString error = ui::saveTopology(checkout(), path);
    EXPECT_FALSE(error.isEmpty());
    EXPECT_TRUE(error.contains(QStringLiteral("t.json"))) << error.toStdString();
    EXPECT_FALSE(QFile::exists(path));
}

TEST(TopologyFiles, AFailedSaveLeavesWhatIsThereAlone)
{
    // The target is a directory: nothing can replace it, and nothing in it changes.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("taken.json"));
    ASSERT_TRUE(QDir(dir.path()).mkdir(QStringLiteral("taken.json")));
    writeAll(path + QStringLiteral("/inside.txt"), "keep me");

    EXPECT_FALSE(ui::saveTopology(checkout(), path).isEmpty());
    EXPECT_TRUE(QFileInfo(path).isDir());
    EXPECT_EQ(readAll(path + QStringLiteral("/inside.txt")), QByteArray("keep me"));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{QStringLiteral("taken.json")}); // no temporary file left behind
}
