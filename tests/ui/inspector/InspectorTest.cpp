// The inspector: edits go to the document as one undo step per field, the
// fields follow undo, multi-selection, renames and settings.
#include "ui/inspector/Inspector.h"
#include "InspectorTestSupport.h"
#include "ui/inspector/DistributionEditor.h"
#include "ui/inspector/DurationEdit.h"
#include "ui/inspector/FieldProblem.h"
#include "ui/inspector/NumberField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::NodeKind;
using models::QueueSpec;
using models::ServiceSpec;

namespace {

// Replaces a spin box's or line edit's text by typing, keystroke by keystroke.
void retype(QWidget *field, const QString &text)
{
    if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->selectAll();
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        spin->selectAll();
    if (text.isEmpty())
        QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

const ServiceSpec &serviceSpec(const TopologyDocument &document, ComponentId id)
{
    return std::get<ServiceSpec>(document.node(id).params);
}

const QueueSpec &queueSpec(const TopologyDocument &document, ComponentId id)
{
    return std::get<QueueSpec>(document.node(id).params);
}

// An inspector on screen (offscreen), as in a dock.
struct Shown
{
    explicit Shown(TopologyDocument &document)
        : inspector(&document)
    {
        inspector.resize(320, 900);
        inspector.show();
    }
    Inspector inspector;
};

} // namespace

TEST(Inspector, TypingAWorkerCountIsOneUndoStep)
{
    TopologyDocument document;
    const ComponentId service
        = addNode<ServiceSpec>(document, NodeKind::Service, "payment", [](ServiceSpec &s) { s.workers = 1; });
    Shown shown(document);
    shown.inspector.setSelection({service}, {});
    auto *workers = field<NumberField>(&shown.inspector, "workers");
    ASSERT_TRUE(workers);
    EXPECT_EQ(workers->value(), 1);

    const int steps = document.undoStack()->count();
    retype(workers, "12"); // "1" (no change), then "12"
    EXPECT_EQ(serviceSpec(document, service).workers, 12);
    retype(workers, "16"); // still the same field: merges
    EXPECT_EQ(serviceSpec(document, service).workers, 16);
    EXPECT_EQ(document.undoStack()->count(), steps + 1);

    document.undoStack()->undo();
    EXPECT_EQ(serviceSpec(document, service).workers, 1);
    EXPECT_EQ(workers->value(), 1);
    EXPECT_EQ(workers->text(), "1 workers");
    // The page was refreshed in place, not rebuilt.
    EXPECT_EQ(field<NumberField>(&shown.inspector, "workers"), workers);
}

TEST(Inspector, TypingADurationKeepsTheFieldAndItsText)
{
    TopologyDocument document;
    const ComponentId service = addNode<ServiceSpec>(document, NodeKind::Service, "payment");
    Shown shown(document);
    shown.inspector.setSelection({service}, {});
    auto *editor = field<DistributionEditor>(&shown.inspector, "serviceTime");
    auto *value = editor->findChild<DurationEdit *>("timeA");
    ASSERT_TRUE(value);
    const int steps = document.undoStack()->count();
    retype(value, "1.5s");
    EXPECT_EQ(value->text(), "1.5s"); // not reformatted by the refresh after each keystroke
    const sim::DistributionKind kind = serviceSpec(document, service).serviceTime.kind();
    EXPECT_TRUE(kind == sim::DistributionKind::Constant || kind == sim::DistributionKind::Exponential);
    EXPECT_DOUBLE_EQ(serviceSpec(document, service).serviceTime.mean(), 1.5);
    EXPECT_EQ(document.undoStack()->count(), steps + 1);
    EXPECT_EQ(editor->findChild<DurationEdit *>("timeA"), value);
}

TEST(Inspector, TwoQueuesWithDifferentCapacitiesShowMixedAndTakeOneEdit)
{
    TopologyDocument document;
    const ComponentId a = addNode<QueueSpec>(document, NodeKind::Queue, "a", [](QueueSpec &q) { q.capacity = 10; });
    const ComponentId b = addNode<QueueSpec>(document, NodeKind::Queue, "b", [](QueueSpec &q) { q.capacity = 20; });
    Shown shown(document);
    shown.inspector.setSelection({a, b}, {});

    auto *capacity = field<NumberField>(&shown.inspector, "capacity");
    ASSERT_TRUE(capacity);
    EXPECT_TRUE(capacity->isMixed());
    EXPECT_EQ(capacity->text(), "\u2014");
    EXPECT_EQ(shown.inspector.findChild<QLineEdit *>("name"), nullptr) << "no name for several nodes";
    // The flavour, the same in both, shows.
    EXPECT_EQ(field<QComboBox>(&shown.inspector, "flavour")->currentText(), "Basic");

    const int steps = document.undoStack()->count();
    retype(capacity, "75");
    EXPECT_EQ(queueSpec(document, a).capacity, 75u);
    EXPECT_EQ(queueSpec(document, b).capacity, 75u);
    EXPECT_EQ(document.undoStack()->count(), steps + 1);
    EXPECT_FALSE(capacity->isMixed());

    document.undoStack()->undo();
    EXPECT_EQ(queueSpec(document, a).capacity, 10u);
    EXPECT_EQ(queueSpec(document, b).capacity, 20u);
    EXPECT_TRUE(capacity->isMixed());
}

TEST(Inspector, RenamingToATakenNameIsRefusedWithTheReason)
{
    TopologyDocument document;
    const ComponentId queue = addNode<QueueSpec>(document, NodeKind::Queue, "orders");
    addNode<ServiceSpec>(document, NodeKind::Service, "payment");
    Shown shown(document);
    shown.inspector.setSelection({queue}, {});
    auto *name = field<QLineEdit>(&shown.inspector, "name");
    ASSERT_TRUE(name);
    EXPECT_EQ(name->text(), "orders");

    const int steps = document.undoStack()->count();
    retype(name, "payment");
    EXPECT_FALSE(FieldProblem::of(name).isEmpty()) << "refused as it is typed";
    QTest::keyClick(name, Qt::Key_Return);
    EXPECT_EQ(document.node(queue).id, "orders");
    EXPECT_EQ(document.undoStack()->count(), steps);
    EXPECT_EQ(name->text(), "orders");
    auto *reason = name->parentWidget()->findChild<QLabel *>("reason");
    ASSERT_TRUE(reason);
    EXPECT_TRUE(reason->isVisibleTo(&shown.inspector));
    EXPECT_TRUE(reason->text().contains("already the name of another node"));

    retype(name, "");
    QTest::keyClick(name, Qt::Key_Return);
    EXPECT_EQ(document.node(queue).id, "orders");
    EXPECT_TRUE(reason->text().contains("needs a name"));

    retype(name, "incoming");
    QTest::keyClick(name, Qt::Key_Return);
    EXPECT_EQ(document.node(queue).id, "incoming");
    EXPECT_EQ(document.undoStack()->count(), steps + 1);
    EXPECT_FALSE(reason->isVisibleTo(&shown.inspector));
    document.undoStack()->undo();
    EXPECT_EQ(name->text(), "orders");
}

TEST(Inspector, SettingsEditsGoToTheDocument)
{
    TopologyDocument document;
    Shown shown(document);
    shown.inspector.setSelection({}, {});
    auto *duration = field<DurationEdit>(&shown.inspector, "duration");
    auto *seed = field<QLineEdit>(&shown.inspector, "seed");
    ASSERT_TRUE(duration && seed);

    const int steps = document.undoStack()->count();
    retype(duration, "2m30s");
    EXPECT_EQ(document.topology().simulation.duration, sim::Duration::seconds(150));
    EXPECT_EQ(document.undoStack()->count(), steps + 1) << "typing merges";
    retype(seed, "4242");
    EXPECT_EQ(document.topology().simulation.seed, 4242u);
    retype(seed, "forty");
    EXPECT_EQ(document.topology().simulation.seed, 4242u);
    EXPECT_FALSE(FieldProblem::of(seed).isEmpty());

    retype(field<QLineEdit>(&shown.inspector, "documentName"), "Checkout");
    EXPECT_EQ(document.topology().name, "Checkout");
    auto *interval = field<DurationEdit>(&shown.inspector, "sampleInterval");
    retype(interval, "100ms");
    EXPECT_EQ(document.topology().simulation.sampleInterval, sim::Duration::milliseconds(100));
    interval->selectAll();
    QTest::keyClick(interval, Qt::Key_Delete);
    EXPECT_FALSE(document.topology().simulation.sampleInterval) << "empty is auto";

    document.undoStack()->undo(); // the sample interval
    document.undoStack()->undo(); // the name
    document.undoStack()->undo(); // the seed
    document.undoStack()->undo(); // the duration
    EXPECT_EQ(document.topology().simulation.duration, sim::Duration::seconds(60));
    EXPECT_EQ(duration->text(), "1m");
}

TEST(Inspector, ShowsOnlyTheFieldsThatApply)
{
    TopologyDocument document;
    const ComponentId producer = addNode<models::ProducerSpec>(document, NodeKind::Producer, "orders");
    const ComponentId queue = addNode<QueueSpec>(document, NodeKind::Queue, "q");
    Shown shown(document);

    shown.inspector.setSelection({producer}, {});
    auto *process = field<QComboBox>(&shown.inspector, "process");
    ASSERT_TRUE(process);
    auto *spread = field<NumberField>(&shown.inspector, "spread");
    auto *on = field<DistributionEditor>(&shown.inspector, "on");
    EXPECT_FALSE(spread->isVisibleTo(&shown.inspector));
    EXPECT_FALSE(on->isVisibleTo(&shown.inspector));
    const int bursty = process->findText("Bursty");
    process->setCurrentIndex(bursty);
    Q_EMIT process->activated(bursty);
    const auto &arrivals = std::get<models::ProducerSpec>(document.node(producer).params).arrivals;
    EXPECT_EQ(arrivals.process, models::ArrivalProcess::Bursty);
    EXPECT_GT(arrivals.on.mean(), 0) << "a bursty producer that is on sends something";
    EXPECT_TRUE(on->isVisibleTo(&shown.inspector));
    EXPECT_FALSE(spread->isVisibleTo(&shown.inspector));

    shown.inspector.setSelection({queue}, {});
    auto *flavour = field<QComboBox>(&shown.inspector, "flavour");
    auto *visibility = field<DurationEdit>(&shown.inspector, "visibilityTimeout");
    EXPECT_FALSE(visibility->isVisibleTo(&shown.inspector));
    const int sqs = flavour->findText("Amazon SQS");
    flavour->setCurrentIndex(sqs);
    Q_EMIT flavour->activated(sqs);
    EXPECT_EQ(queueSpec(document, queue).flavour, models::QueueFlavour::Sqs);
    EXPECT_TRUE(visibility->isVisibleTo(&shown.inspector));
    EXPECT_FALSE(field<NumberField>(&shown.inspector, "deliveryLimit")->isVisibleTo(&shown.inspector));
}

TEST(Inspector, TheDeadLetterTargetListsTheDeadLetterQueues)
{
    TopologyDocument document;
    const ComponentId queue = addNode<QueueSpec>(document, NodeKind::Queue, "q",
                                                 [](QueueSpec &q) { q.flavour = models::QueueFlavour::RabbitMq; });
    Shown shown(document);
    shown.inspector.setSelection({queue}, {});
    auto *target = field<QComboBox>(&shown.inspector, "deadLetter");
    ASSERT_TRUE(target);
    EXPECT_EQ(target->count(), 1); // "none"
    EXPECT_EQ(target->currentText(), "none");

    // A dead-letter queue added (and renamed) elsewhere shows up at once.
    addNode<models::DeadLetterSpec>(document, NodeKind::DeadLetter, "q-dlq");
    ASSERT_EQ(target->count(), 2);
    EXPECT_EQ(target->itemText(1), "q-dlq");
    target->setCurrentIndex(1);
    Q_EMIT target->activated(1);
    EXPECT_EQ(queueSpec(document, queue).deadLetter, "q-dlq");
}

TEST(Inspector, AnEdgesProbabilityIsOptional)
{
    TopologyDocument document;
    const ComponentId producer = addNode<models::ProducerSpec>(document, NodeKind::Producer, "p");
    const ComponentId queue = addNode<QueueSpec>(document, NodeKind::Queue, "q");
    const LinkId link = document.connectComponents(producer, queue);
    ASSERT_NE(link, InvalidLinkId);
    Shown shown(document);
    shown.inspector.setSelection({}, {link});
    EXPECT_EQ(field<QLabel>(&shown.inspector, "from")->text(), "p");
    EXPECT_EQ(field<QLabel>(&shown.inspector, "to")->text(), "q");
    EXPECT_EQ(field<QLabel>(&shown.inspector, "mode")->text(), "publish");
    auto *byProbability = field<QCheckBox>(&shown.inspector, "byProbability");
    auto *probability = field<NumberField>(&shown.inspector, "probability");
    EXPECT_FALSE(probability->isVisibleTo(&shown.inspector));

    byProbability->click();
    EXPECT_EQ(document.edge(link).probability, 1.0); // its producer's only edge
    EXPECT_TRUE(probability->isVisibleTo(&shown.inspector));
    retype(probability, "0.25");
    EXPECT_EQ(document.edge(link).probability, 0.25);
    byProbability->click();
    EXPECT_FALSE(document.edge(link).probability);
}

TEST(Inspector, SeveralKindsSayWhatIsSelected)
{
    TopologyDocument document;
    const ComponentId queue = addNode<QueueSpec>(document, NodeKind::Queue, "q");
    const ComponentId service = addNode<ServiceSpec>(document, NodeKind::Service, "s");
    Shown shown(document);
    shown.inspector.setSelection({queue, service}, {});
    auto *summary = field<QLabel>(&shown.inspector, "summary");
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->text(), "2 nodes of different kinds selected");
    EXPECT_EQ(shown.inspector.findChild<NumberField *>("workers"), nullptr);
}

TEST(Inspector, ARemovedSelectedNodeLeavesTheInspector)
{
    TopologyDocument document;
    const ComponentId service = addNode<ServiceSpec>(document, NodeKind::Service, "s");
    Shown shown(document);
    shown.inspector.setSelection({service}, {});
    ASSERT_TRUE(shown.inspector.findChild<NumberField *>("workers"));
    document.remove({service}, {});
    EXPECT_TRUE(shown.inspector.selectedComponents().empty());
    EXPECT_EQ(shown.inspector.findChild<NumberField *>("workers"), nullptr);
    EXPECT_TRUE(shown.inspector.findChild<DurationEdit *>("duration")) << "back to the document's own fields";
}

TEST(Inspector, TheIdempotencyFieldsFollowTheCheckbox)
{
    TopologyDocument document;
    const ComponentId service = addNode<ServiceSpec>(document, NodeKind::Service, "s");
    Shown shown(document);
    shown.inspector.setSelection({service}, {});
    auto *idempotent = field<QCheckBox>(&shown.inspector, "idempotent");
    auto *ttl = field<DurationEdit>(&shown.inspector, "idempotencyTtl");
    EXPECT_FALSE(ttl->isVisibleTo(&shown.inspector));
    idempotent->click();
    ASSERT_TRUE(serviceSpec(document, service).idempotency);
    EXPECT_TRUE(ttl->isVisibleTo(&shown.inspector));
    retype(ttl, "90s");
    EXPECT_EQ(serviceSpec(document, service).idempotency->ttl, sim::Duration::seconds(90));
}

TEST(Inspector, LoadingAnotherTopologyShowsItsSettings)
{
    TopologyDocument document;
    const ComponentId service = addNode<ServiceSpec>(document, NodeKind::Service, "s");
    Shown shown(document);
    shown.inspector.setSelection({service}, {});
    models::Topology other;
    other.name = "Other";
    other.simulation.duration = sim::Duration::seconds(5);
    document.load(other);
    EXPECT_TRUE(shown.inspector.selectedComponents().empty());
    EXPECT_EQ(field<QLineEdit>(&shown.inspector, "documentName")->text(), "Other");
    other.name = "Third";
    document.load(other);
    EXPECT_EQ(field<QLineEdit>(&shown.inspector, "documentName")->text(), "Third");
    EXPECT_EQ(field<DurationEdit>(&shown.inspector, "duration")->text(), "5s");
}

TEST(Inspector, ANameBeingTypedIsCommittedWhenTheSelectionChanges)
{
    TopologyDocument document;
    const ComponentId queue = addNode<QueueSpec>(document, NodeKind::Queue, "orders");
    const ComponentId service = addNode<ServiceSpec>(document, NodeKind::Service, "payment");
    Shown shown(document);
    shown.inspector.setSelection({queue}, {});
    QApplication::setActiveWindow(&shown.inspector);
    auto *name = field<QLineEdit>(&shown.inspector, "name");
    name->setFocus();
    retype(name, "incoming");
    ASSERT_EQ(document.node(queue).id, "orders") << "not committed while typing";
    if (QApplication::focusWidget() != name)
        GTEST_SKIP() << "the platform gives no keyboard focus";
    shown.inspector.setSelection({service}, {});
    EXPECT_EQ(document.node(queue).id, "incoming");
    EXPECT_EQ(field<QLineEdit>(&shown.inspector, "name")->text(), "payment");
}

TEST(Inspector, ReplicasAndTheirLoadBalancerAreOneUndoStepEach)
{
    TopologyDocument document;
    const ComponentId service = addNode<ServiceSpec>(document, NodeKind::Service, "api");
    Shown shown(document);
    shown.inspector.setSelection({service}, {});
    auto *replicas = field<NumberField>(&shown.inspector, "replicas");
    auto *balancer = field<QComboBox>(&shown.inspector, "balancer");
    ASSERT_TRUE(replicas && balancer);
    EXPECT_EQ(replicas->value(), 1);
    // One replica has nothing to balance: the choice appears with the second.
    EXPECT_FALSE(balancer->isVisibleTo(&shown.inspector));

    const int steps = document.undoStack()->count();
    retype(replicas, "3");
    EXPECT_EQ(serviceSpec(document, service).replicas, 3);
    EXPECT_TRUE(balancer->isVisibleTo(&shown.inspector));
    EXPECT_EQ(balancer->currentText(), "round robin");
    balancer->setCurrentIndex(balancer->findData(static_cast<int>(models::BalancerStrategy::LeastOutstanding)));
    Q_EMIT balancer->activated(balancer->currentIndex());
    EXPECT_EQ(serviceSpec(document, service).balancer, models::BalancerStrategy::LeastOutstanding);
    EXPECT_EQ(document.undoStack()->count(), steps + 2);

    document.undoStack()->undo();
    EXPECT_EQ(serviceSpec(document, service).balancer, models::BalancerStrategy::RoundRobin);
    EXPECT_EQ(balancer->currentText(), "round robin");
    document.undoStack()->undo();
    EXPECT_EQ(serviceSpec(document, service).replicas, 1);
    EXPECT_FALSE(balancer->isVisibleTo(&shown.inspector));

    const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        document.undoStack()->redo();
        document.undoStack()->redo();
        shown.inspector.grab().save(dir + "/inspector-replicas.png");
    }
}
