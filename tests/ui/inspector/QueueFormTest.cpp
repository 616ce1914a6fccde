// The inspector's queue page for the queue options: deduplication on any
// queue, FIFO on SQS, prefetch, the consumer timeout and the delivery-limit
// rule on RabbitMQ; each
// shown only for the flavours it applies to, each edit one undo step.
#include "InspectorTestSupport.h"

#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/Inspector.h"
#include "ui/inspector/NumberField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QTest>
#include <QUndoStack>

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::DeliveryLimitCounting;
using models::NodeKind;
using models::QueueFlavour;
using models::QueueSpec;

namespace {

struct QueuePage
{
    QueuePage(TopologyDocument &document, ComponentId queue)
        : inspector(&document)
    {
        inspector.resize(320, 1200);
        inspector.show();
        inspector.setSelection({queue}, {});
    }
    bool shown(const char *name) { return field<QWidget>(&inspector, name)->isVisibleTo(&inspector); }

    Inspector inspector;
};

} // namespace

TEST(InspectorQueue, OptionsShowOnlyForTheirFlavour)
{
    TopologyDocument document;
    const ComponentId basic = addNode<QueueSpec>(document, NodeKind::Queue, "basic");
    const ComponentId sqs
        = addNode<QueueSpec>(document, NodeKind::Queue, "sqs", [](QueueSpec &q) { q.flavour = QueueFlavour::Sqs; });
    const ComponentId rabbit = addNode<QueueSpec>(document, NodeKind::Queue, "rabbit",
                                                  [](QueueSpec &q) { q.flavour = QueueFlavour::RabbitMq; });
    {
        QueuePage page(document, basic);
        EXPECT_TRUE(page.shown("deduplication"));
        EXPECT_FALSE(page.shown("extendOnDuplicate")) << "nothing to extend without deduplication";
        EXPECT_FALSE(page.shown("fifo"));
        EXPECT_FALSE(page.shown("prefetch"));
        EXPECT_FALSE(page.shown("consumerTimeout"));
        EXPECT_FALSE(page.shown("deliveryLimitCounts"));
    }
    {
        QueuePage page(document, sqs);
        EXPECT_TRUE(page.shown("fifo"));
        EXPECT_FALSE(page.shown("prefetch"));
        EXPECT_FALSE(page.shown("consumerTimeout"));
        EXPECT_FALSE(page.shown("deliveryLimitCounts"));
    }
    {
        QueuePage page(document, rabbit);
        EXPECT_FALSE(page.shown("fifo"));
        EXPECT_TRUE(page.shown("prefetch"));
        EXPECT_TRUE(page.shown("consumerTimeout"));
        EXPECT_TRUE(page.shown("deliveryLimitCounts"));
    }
}

TEST(InspectorQueue, EachOptionEditIsOneUndoStep)
{
    TopologyDocument document;
    const ComponentId queue
        = addNode<QueueSpec>(document, NodeKind::Queue, "q", [](QueueSpec &q) { q.flavour = QueueFlavour::RabbitMq; });
    const auto spec = [&] { return std::get<QueueSpec>(document.node(queue).params); };
    QueuePage page(document, queue);
    const int steps = document.undoStack()->count();

    auto *prefetch = field<NumberField>(&page.inspector, "prefetch");
    ASSERT_TRUE(prefetch);
    prefetch->selectAll();
    QTest::keyClicks(prefetch, "10");
    EXPECT_EQ(spec().prefetch, 10u);
    EXPECT_EQ(document.undoStack()->count(), steps + 1); // "1", "10": one step

    auto *timeout = field<DurationEdit>(&page.inspector, "consumerTimeout");
    ASSERT_TRUE(timeout);
    EXPECT_EQ(timeout->text(), "30m") << "RabbitMQ's default";
    timeout->selectAll();
    QTest::keyClicks(timeout, "10s");
    EXPECT_EQ(spec().consumerTimeout, sim::Duration::seconds(10));
    EXPECT_EQ(document.undoStack()->count(), steps + 2); // "1", "10", "10s": one step

    auto *counts = field<QComboBox>(&page.inspector, "deliveryLimitCounts");
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->currentData().toInt(), static_cast<int>(DeliveryLimitCounting::All));
    counts->setCurrentIndex(counts->findData(static_cast<int>(DeliveryLimitCounting::Failed)));
    Q_EMIT counts->activated(counts->currentIndex());
    EXPECT_EQ(spec().deliveryLimitCounts, DeliveryLimitCounting::Failed);
    EXPECT_EQ(document.undoStack()->count(), steps + 3);

    auto *deduplication = field<DurationEdit>(&page.inspector, "deduplication");
    ASSERT_TRUE(deduplication);
    deduplication->selectAll();
    QTest::keyClicks(deduplication, "2m");
    ASSERT_TRUE(spec().deduplication);
    EXPECT_EQ(spec().deduplication->interval, sim::Duration::seconds(120));
    EXPECT_EQ(document.undoStack()->count(), steps + 4);
    auto *extend = field<QCheckBox>(&page.inspector, "extendOnDuplicate");
    ASSERT_TRUE(extend);
    EXPECT_TRUE(extend->isVisibleTo(&page.inspector));
    extend->click();
    EXPECT_TRUE(spec().deduplication->extendOnDuplicate);
    EXPECT_EQ(document.undoStack()->count(), steps + 5);

    document.undoStack()->undo();
    EXPECT_FALSE(spec().deduplication->extendOnDuplicate);
    document.undoStack()->undo();
    EXPECT_FALSE(spec().deduplication);
    document.undoStack()->undo();
    EXPECT_EQ(spec().deliveryLimitCounts, DeliveryLimitCounting::All);
    document.undoStack()->undo();
    EXPECT_EQ(spec().consumerTimeout, sim::Duration::seconds(30 * 60));
    EXPECT_EQ(timeout->text(), "30m");
    document.undoStack()->undo();
    EXPECT_EQ(spec().prefetch, 0u);
    EXPECT_EQ(prefetch->value(), 0);
}

TEST(InspectorQueue, FifoIsATickAndImpliesFiveMinutesOfDeduplication)
{
    TopologyDocument document;
    const ComponentId queue
        = addNode<QueueSpec>(document, NodeKind::Queue, "q", [](QueueSpec &q) { q.flavour = QueueFlavour::Sqs; });
    const auto spec = [&] { return std::get<QueueSpec>(document.node(queue).params); };
    QueuePage page(document, queue);
    const int steps = document.undoStack()->count();
    auto *fifo = field<QCheckBox>(&page.inspector, "fifo");
    ASSERT_TRUE(fifo);
    EXPECT_FALSE(page.shown("extendOnDuplicate"));
    fifo->click();
    EXPECT_TRUE(spec().fifo);
    EXPECT_EQ(document.undoStack()->count(), steps + 1);
    EXPECT_FALSE(spec().deduplication) << "the default is not stored";
    EXPECT_TRUE(page.shown("extendOnDuplicate")) << "a FIFO queue deduplicates";
    document.undoStack()->undo();
    EXPECT_FALSE(spec().fifo);
    EXPECT_FALSE(fifo->isChecked());
}
