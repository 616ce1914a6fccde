// The inspector's capacity section: the traffic equations' numbers for the
// selected service or queue, the queueing-theory prediction where one applies,
// and the reason where none does; it follows edits elsewhere in the topology.
// After a run, the measured wait and queue length stand beside the prediction
// until the model is edited.
#include "InspectorTestSupport.h"

#include "models/Run.h"

#include <QUndoStack>

#include "ui/inspector/CapacityView.h"
#include "ui/inspector/Inspector.h"

using namespace asyncsim;
using namespace asyncsim::ui;
using namespace asyncsim::ui::test;
using models::NodeKind;

namespace {

// λ = 3/s Poisson into a queue consumed by 4 exponential workers of mean 1 s: M/M/4.
struct MM4
{
    TopologyDocument document;
    ComponentId producer, queue, service;

    MM4()
    {
        producer = addNode<models::ProducerSpec>(document, NodeKind::Producer, "in",
                                                 [](models::ProducerSpec &p) { p.arrivals.rate = 3; });
        queue = addNode<models::QueueSpec>(document, NodeKind::Queue, "q");
        service = addNode<models::ServiceSpec>(document, NodeKind::Service, "s", [](models::ServiceSpec &s) {
            s.workers = 4;
            s.serviceTime = sim::Distribution::exponential(1.0);
        });
        document.connectComponents(producer, queue);
        document.connectComponents(queue, service);
    }
};

} // namespace

TEST(InspectorCapacity, ShowsLoadAndTheErlangCPrediction)
{
    MM4 m;
    Inspector inspector(&m.document);
    inspector.resize(320, 900);
    inspector.show();
    inspector.setSelection({m.queue}, {});
    auto *view = field<CapacityView>(&inspector, "capacityView");
    ASSERT_TRUE(view);
    EXPECT_TRUE(view->isVisibleTo(&inspector));
    EXPECT_TRUE(view->text().contains("Arrivals: 3/s")) << view->text().toStdString();
    EXPECT_TRUE(view->text().contains("Capacity: 4/s"));
    EXPECT_TRUE(view->text().contains("Utilisation ρ = 0.750"));
    // Wq = 27/53 s = 509 ms, Lq = 81/53 = 1.53.
    EXPECT_TRUE(view->text().contains("M/M/4 predicts a mean wait of 509 ms and 1.53 waiting"))
        << view->text().toStdString();

    // The service says where its messages wait.
    inspector.setSelection({m.service}, {});
    view = field<CapacityView>(&inspector, "capacityView");
    EXPECT_TRUE(view->text().contains("M/M/4 predicts a mean wait of 509 ms in q.")) << view->text().toStdString();

    // Raising the producer's rate past capacity shows at once on the service's page.
    m.document.changeComponents(
        {m.producer}, "rate", [](models::NodeSpec &n) { std::get<models::ProducerSpec>(n.params).arrivals.rate = 5; });
    EXPECT_TRUE(view->text().contains("Utilisation ρ = 1.250")) << view->text().toStdString();
    EXPECT_TRUE(view->text().contains("over capacity"));
    EXPECT_TRUE(view->text().contains("No exact prediction: it is overloaded"));
}

TEST(InspectorCapacity, HiddenForSeveralNodes)
{
    MM4 m;
    const ComponentId other = addNode<models::ServiceSpec>(m.document, NodeKind::Service, "t");
    Inspector inspector(&m.document);
    inspector.show();
    inspector.setSelection({m.service, other}, {});
    auto *view = inspector.findChild<CapacityView *>("capacityView");
    ASSERT_NE(view, nullptr);
    EXPECT_FALSE(view->isVisibleTo(&inspector));
}

TEST(InspectorCapacity, ShowsTheLastRunBesideThePredictionUntilTheModelChanges)
{
    MM4 m;
    Inspector inspector(&m.document);
    inspector.show();
    inspector.setSelection({m.queue}, {});
    auto *view = field<CapacityView>(&inspector, "capacityView");
    ASSERT_TRUE(view);
    EXPECT_FALSE(view->text().contains("last run"));

    // Made-up measurements, so the test reads them back exactly.
    models::RunResults run;
    models::NodeResults q;
    q.id = "q";
    q.kind = NodeKind::Queue;
    q.waitingTime.mean = 0.47;
    q.queueLength.mean = 1.41;
    run.nodes.push_back(q);
    models::NodeResults s;
    s.id = "s";
    s.kind = NodeKind::Service;
    s.utilisation = 0.7412;
    run.nodes.push_back(s);
    m.document.setLastRun(run, m.document.topology());
    EXPECT_TRUE(view->text().contains("The last run measured a mean wait of 470 ms and 1.41 waiting on average"))
        << view->text().toStdString();

    // Moving a node changes the drawing, not the model: still shown.
    m.document.moveComponents({m.queue}, {QPointF(400, 300)});
    EXPECT_TRUE(view->text().contains("last run"));
    // A parameter edit makes the measurements stale: gone.
    m.document.changeComponents(
        {m.producer}, "rate", [](models::NodeSpec &n) { std::get<models::ProducerSpec>(n.params).arrivals.rate = 2; });
    EXPECT_FALSE(view->text().contains("last run")) << view->text().toStdString();
    // Undo brings the model that ran back, and its measurements with it.
    m.document.undoStack()->undo();
    EXPECT_TRUE(view->text().contains("last run"));
}

TEST(InspectorCapacity, AServiceShowsItsMeasuredUtilisation)
{
    // A real run of an M/M/1 (λ = 0.5, μ = 1): the service page shows the
    // run's numbers beside M/M/1's Wq = 1 s, whatever they came out as.
    TopologyDocument document;
    const ComponentId in = addNode<models::ProducerSpec>(document, NodeKind::Producer, "in",
                                                         [](models::ProducerSpec &p) { p.arrivals.rate = 0.5; });
    const ComponentId service
        = addNode<models::ServiceSpec>(document, NodeKind::Service, "s", [](models::ServiceSpec &s) {
              s.workers = 1;
              s.serviceTime = sim::Distribution::exponential(1.0);
          });
    document.connectComponents(in, service);
    Inspector inspector(&document);
    inspector.show();
    inspector.setSelection({service}, {});
    auto *view = field<CapacityView>(&inspector, "capacityView");
    ASSERT_TRUE(view);
    ASSERT_TRUE(view->text().contains("M/M/1 predicts a mean wait of 1 s")) << view->text().toStdString();
    const models::RunResults run = models::Run::execute(document.topology());
    document.setLastRun(run, document.topology());
    const models::NodeResults &measured = run.node("s");
    EXPECT_TRUE(view->text().contains(QStringLiteral(", ρ = %1").arg(measured.utilisation, 0, 'f', 3)))
        << view->text().toStdString();
}
