#include "ui/files/ExampleCatalog.h"

#include "models/TopologyJson.h"

#include <QDir>

#include <gtest/gtest.h>

using asyncsim::ui::ExampleCatalog;

TEST(ExampleCatalog, ListsEveryExampleInTheSourceTree)
{
    const QStringList files = QDir(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples"))
                                  .entryList({QStringLiteral("*.json")}, QDir::Files);
    ASSERT_FALSE(files.isEmpty());
    const auto examples = ExampleCatalog::examples();
    ASSERT_EQ(examples.size(), size_t(files.size()));
    for (const auto &example : examples) {
        EXPECT_TRUE(files.contains(example.fileName)) << example.fileName.toStdString();
        EXPECT_FALSE(example.title.isEmpty()) << example.fileName.toStdString();
        EXPECT_FALSE(example.description.isEmpty()) << example.fileName.toStdString();
        EXPECT_EQ(example.resourcePath, QStringLiteral(":/examples/") + example.fileName);
    }
}

TEST(ExampleCatalog, DefaultComesFirstThenByTitle)
{
    const auto examples = ExampleCatalog::examples();
    ASSERT_GE(examples.size(), 3u);
    EXPECT_EQ(examples.front().fileName, QStringLiteral("checkout.json"));
    EXPECT_EQ(examples.front().fileName, ExampleCatalog::defaultFileName());
    for (size_t i = 2; i < examples.size(); ++i)
        EXPECT_LE(QString::localeAwareCompare(examples[i - 1].title, examples[i].title), 0);
}

TEST(ExampleCatalog, EveryExampleLoadsWithItsTitle)
{
    for (const auto &example : ExampleCatalog::examples()) {
        SCOPED_TRACE(example.fileName.toStdString());
        asyncsim::models::Topology topology;
        ASSERT_NO_THROW(topology = ExampleCatalog::load(example));
        EXPECT_FALSE(topology.nodes.empty());
        EXPECT_EQ(QString::fromStdString(topology.name), example.title);
        EXPECT_EQ(QString::fromStdString(topology.description), example.description);
    }
}

TEST(ExampleCatalog, SplitsWhatToWatchFromTheSummary)
{
    for (const auto &example : ExampleCatalog::examples()) {
        SCOPED_TRACE(example.fileName.toStdString());
        EXPECT_FALSE(example.summary.isEmpty());
        EXPECT_FALSE(example.whatToWatch.isEmpty()); // every shipped example says what to watch
        EXPECT_FALSE(example.summary.contains(QStringLiteral("What to watch")));
        EXPECT_FALSE(example.whatToWatch.startsWith(u':'));
        EXPECT_TRUE(example.description.endsWith(example.whatToWatch));
    }
}

TEST(ExampleCatalog, FindsByFileName)
{
    const auto found = ExampleCatalog::find(QStringLiteral("mm1-queue.json"));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->fileName, QStringLiteral("mm1-queue.json"));
    EXPECT_FALSE(found->title.isEmpty());
    EXPECT_FALSE(ExampleCatalog::find(QStringLiteral("no-such-example.json")).has_value());
}

TEST(ExampleCatalog, AMissingExampleThrowsTopologyError)
{
    ExampleCatalog::Example missing;
    missing.fileName = QStringLiteral("gone.json");
    missing.resourcePath = QStringLiteral(":/examples/gone.json");
    EXPECT_THROW(ExampleCatalog::load(missing), asyncsim::models::TopologyError);
}
