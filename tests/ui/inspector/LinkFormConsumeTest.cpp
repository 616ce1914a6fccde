// The edge page's consumer-group section: a consume edge from a topic
// overrides the topic's commit and assignor for its group; other edges do
// not show them.
#include "InspectorTestSupport.h"

#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/Inspector.h"

#include <QComboBox>
#include <QTest>
#include <QUndoStack>

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::Assignor;
using models::CommitMode;
using models::EdgeSpec;
using models::NodeKind;

namespace {

void choose(QComboBox *box, int data)
{
    ASSERT_TRUE(box);
    box->setCurrentIndex(box->findData(data));
    Q_EMIT box->activated(box->currentIndex());
}

// orders (topic) -> billing (service) -> ledger (sink), the inspector
// showing the consume edge.
struct InspectorConsume : ::testing::Test
{
    TopologyDocument document;
    ComponentId topic = addNode<models::TopicSpec>(document, NodeKind::Topic, "orders");
    ComponentId service = addNode<models::ServiceSpec>(document, NodeKind::Service, "billing");
    ComponentId sink = addNode<models::SinkSpec>(document, NodeKind::Sink, "ledger");
    LinkId consume = document.connectComponents(topic, service);
    LinkId publish = document.connectComponents(service, sink);
    Inspector inspector{&document};

    InspectorConsume()
    {
        inspector.resize(360, 1400);
        inspector.show();
        inspector.setSelection({}, {consume});
    }
};

} // namespace

TEST_F(InspectorConsume, AConsumeEdgeFromATopicOverridesTheGroupsCommit)
{
    const auto edge = [&]() -> const EdgeSpec & { return document.edge(consume); };

    auto *commit = field<QComboBox>(&inspector, "groupCommit");
    ASSERT_TRUE(commit);
    EXPECT_TRUE(commit->isVisibleTo(&inspector));
    EXPECT_EQ(commit->currentData().toInt(), -1) << "as the topic";
    auto *interval = field<DurationEdit>(&inspector, "groupAutoCommitInterval");
    ASSERT_TRUE(interval);
    EXPECT_FALSE(interval->isVisibleTo(&inspector));

    int steps = document.undoStack()->count();
    choose(commit, static_cast<int>(CommitMode::Auto));
    EXPECT_EQ(edge().commit, std::optional(CommitMode::Auto));
    EXPECT_FALSE(edge().autoCommitInterval) << "the topic's interval until one is typed";
    EXPECT_EQ(document.undoStack()->count(), ++steps);
    EXPECT_TRUE(interval->isVisibleTo(&inspector));
    interval->selectAll();
    QTest::keyClicks(interval, "1s");
    EXPECT_EQ(edge().autoCommitInterval, std::optional(sim::Duration::seconds(1)));
    EXPECT_EQ(document.undoStack()->count(), ++steps);

    // Per record drops the interval; back to the topic's drops both.
    choose(commit, static_cast<int>(CommitMode::PerRecord));
    EXPECT_EQ(edge().commit, std::optional(CommitMode::PerRecord));
    EXPECT_FALSE(edge().autoCommitInterval);
    EXPECT_FALSE(interval->isVisibleTo(&inspector));
    choose(commit, -1);
    EXPECT_FALSE(edge().commit);
    document.undoStack()->undo();
    EXPECT_EQ(edge().commit, std::optional(CommitMode::PerRecord));
    EXPECT_EQ(commit->currentData().toInt(), static_cast<int>(CommitMode::PerRecord));

    // A publish edge has no consumer group.
    inspector.setSelection({}, {publish});
    auto *other = inspector.findChild<QComboBox *>("groupCommit");
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->isVisibleTo(&inspector));
}

TEST_F(InspectorConsume, AConsumeEdgeFromATopicChoosesItsGroupsAssignor)
{

    auto *assignor = field<QComboBox>(&inspector, "groupAssignor");
    ASSERT_TRUE(assignor);
    EXPECT_TRUE(assignor->isVisibleTo(&inspector));
    EXPECT_EQ(assignor->currentData().toInt(), -1) << "as the topic";
    const int steps = document.undoStack()->count();
    choose(assignor, static_cast<int>(Assignor::CooperativeSticky));
    EXPECT_EQ(document.edge(consume).assignor, std::optional(Assignor::CooperativeSticky));
    EXPECT_EQ(document.undoStack()->count(), steps + 1);
    choose(assignor, -1);
    EXPECT_FALSE(document.edge(consume).assignor);
    document.undoStack()->undo();
    EXPECT_EQ(document.edge(consume).assignor, std::optional(Assignor::CooperativeSticky));
    EXPECT_EQ(assignor->currentData().toInt(), static_cast<int>(Assignor::CooperativeSticky));

    inspector.setSelection({}, {publish});
    auto *other = inspector.findChild<QComboBox *>("groupAssignor");
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->isVisibleTo(&inspector));
}
