// The inspector's topic page: partitions, retention, the commit mode and
// the rebalancing, each an undoable edit; the interval shows only for auto-commit.
#include "InspectorTestSupport.h"

#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/Inspector.h"
#include "ui/inspector/NumberField.h"

#include <QComboBox>
#include <QTest>
#include <QUndoStack>

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::Assignor;
using models::CommitMode;
using models::NodeKind;
using models::TopicSpec;

TEST(InspectorTopic, EditsPartitionsRetentionAndCommitMode)
{
    TopologyDocument document;
    const ComponentId topic = addNode<TopicSpec>(document, NodeKind::Topic, "orders");
    Inspector inspector(&document);
    inspector.resize(320, 900);
    inspector.show();
    inspector.setSelection({topic}, {});
    const auto spec = [&] { return std::get<TopicSpec>(document.node(topic).params); };

    auto *partitions = field<NumberField>(&inspector, "partitions");
    ASSERT_TRUE(partitions);
    EXPECT_EQ(partitions->value(), 3); // Kafka-like default
    const int steps = document.undoStack()->count();
    partitions->selectAll();
    QTest::keyClicks(partitions, "12");
    EXPECT_EQ(spec().partitions, 12);
    EXPECT_EQ(document.undoStack()->count(), steps + 1); // "1", "12": one step

    auto *retention = field<DurationEdit>(&inspector, "retention");
    ASSERT_TRUE(retention);
    retention->selectAll();
    QTest::keyClicks(retention, "2h");
    EXPECT_EQ(spec().retention, sim::Duration::seconds(7200));

    auto *interval = field<DurationEdit>(&inspector, "autoCommitInterval");
    ASSERT_TRUE(interval);
    EXPECT_TRUE(interval->isVisibleTo(&inspector));
    auto *commit = field<QComboBox>(&inspector, "commit");
    ASSERT_TRUE(commit);
    commit->setCurrentIndex(commit->findData(static_cast<int>(CommitMode::PerRecord)));
    Q_EMIT commit->activated(commit->currentIndex());
    EXPECT_EQ(spec().commit, CommitMode::PerRecord);
    EXPECT_FALSE(interval->isVisibleTo(&inspector));

    document.undoStack()->undo();
    EXPECT_EQ(spec().commit, CommitMode::Auto);
    EXPECT_TRUE(interval->isVisibleTo(&inspector));

    auto *pause = field<DurationEdit>(&inspector, "rebalancePause");
    ASSERT_TRUE(pause);
    EXPECT_EQ(pause->duration(), std::optional(sim::Duration::seconds(3))); // Kafka's heartbeat interval
    pause->selectAll();
    QTest::keyClicks(pause, "45s");
    EXPECT_EQ(spec().rebalancePause, sim::Duration::seconds(45));

    auto *assignor = field<QComboBox>(&inspector, "assignor");
    ASSERT_TRUE(assignor);
    EXPECT_EQ(assignor->currentData().toInt(), static_cast<int>(Assignor::Range)) << "Kafka's default";
    const int before = document.undoStack()->count();
    assignor->setCurrentIndex(assignor->findData(static_cast<int>(Assignor::CooperativeSticky)));
    Q_EMIT assignor->activated(assignor->currentIndex());
    EXPECT_EQ(spec().assignor, Assignor::CooperativeSticky);
    EXPECT_EQ(document.undoStack()->count(), before + 1);
    document.undoStack()->undo();
    EXPECT_EQ(spec().assignor, Assignor::Range);
    EXPECT_EQ(assignor->currentData().toInt(), static_cast<int>(Assignor::Range));
}

TEST(InspectorTopic, AServiceConnectedFromATopicConsumesIt)
{
    TopologyDocument document;
    const ComponentId topic = document.addComponent(NodeKind::Topic, {0, 0});
    const ComponentId service = document.addComponent(NodeKind::Service, {200, 0});
    const LinkId link = document.connectComponents(topic, service);
    EXPECT_EQ(document.edge(link).mode, models::EdgeMode::Consume);
}
