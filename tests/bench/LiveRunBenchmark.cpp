// The live run under the GUI: a 100-node topology (10 rows of 10 nodes: a
// producer, then queues and services in turn, a sink; each row's producer
// publishes 200 messages/s, Poisson; services have 4 workers, exponential
// 10 ms) run in the main window on the offscreen platform, as fast as
// possible, for 10 s of wall time (ASYNCSIM_LIVE_SECONDS overrides).
//
// Reported: frames per second (a frame: the newest snapshot applied to the
// overlays, status bar and inspector, then the canvas repainted at once);
// frame time p50/p99; engine events per second under the GUI, and the same
// topology headless (models::Run alone, same wall time) for comparison.
// Targets: >= 30 fps; the engine under the GUI >= 50 % of headless.
#include "ui/MainWindow.h"
#include "ui/TopologyDocument.h"
#include "ui/canvas/TopologyView.h"
#include "ui/run/RunController.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QThread>

#include "models/Run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace asyncsim;

constexpr int Rows = 10;
constexpr int Columns = 10;

std::string nodeName(int row, int column)
{
    return "n" + std::to_string(row) + "-" + std::to_string(column);
}

models::Topology makeTopology()
{
    models::Topology topology;
    topology.name = "live benchmark";
    topology.simulation.duration = sim::Duration::fromSeconds(1e7); // never ends within the benchmark
    for (int row = 0; row < Rows; ++row) {
        for (int column = 0; column < Columns; ++column) {
            models::NodeKind kind = column % 2 == 1 ? models::NodeKind::Queue : models::NodeKind::Service;
            if (column == 0)
                kind = models::NodeKind::Producer;
            else if (column == Columns - 1)
                kind = models::NodeKind::Sink;
            models::NodeSpec node = ui::defaultNodeSpec(kind);
            node.id = nodeName(row, column);
            node.position = {column * 240.0, row * 140.0};
            if (auto *p = std::get_if<models::ProducerSpec>(&node.params)) {
                p->arrivals.process = models::ArrivalProcess::Poisson;
                p->arrivals.rate = 200;
                p->limit.reset();
            } else if (auto *s = std::get_if<models::ServiceSpec>(&node.params)) {
                s->workers = 4;
                s->serviceTime = sim::Distribution::exponential(0.010);
                s->failureProbability = 0;
            }
            topology.nodes.push_back(node);
        }
    }
    for (int row = 0; row < Rows; ++row)
        for (int column = 0; column + 1 < Columns; ++column) {
            const auto mode = column % 2 == 1 ? models::EdgeMode::Consume : models::EdgeMode::Publish;
            topology.edges.push_back({nodeName(row, column), nodeName(row, column + 1), mode, {}});
        }
    return topology;
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

double headlessEventsPerSecond(const models::Topology &topology, double seconds)
{
    models::Run run(topology);
    QElapsedTimer wall;
    wall.start();
    sim::Time t = sim::Time::zero();
    while (wall.nsecsElapsed() < static_cast<qint64>(seconds * 1e9)) {
        t = t + sim::Duration::fromSeconds(1);
        run.advanceTo(t);
    }
    return static_cast<double>(run.eventsExecuted()) / (static_cast<double>(wall.nsecsElapsed()) * 1e-9);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const double seconds = qEnvironmentVariableIsEmpty("ASYNCSIM_LIVE_SECONDS")
                             ? 10.0
                             : qEnvironmentVariable("ASYNCSIM_LIVE_SECONDS").toDouble();
    const models::Topology topology = makeTopology();

    ui::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    window.document()->load(topology);
    window.view()->fitToContents();
    QApplication::processEvents();
    ui::RunController *controller = window.runController();
    window.speedCombo()->setCurrentIndex(window.speedCombo()->count() - 1); // as fast as possible

    // Frames: the controller's own refresh timer hands on the newest
    // snapshot; the frame is that hand-over plus a synchronous repaint.
    std::vector<double> frameMs;
    QElapsedTimer frameClock;
    QObject::connect(controller, &ui::RunController::snapshotReady, &window, [&] {
        // Connected after the window's own receivers: they have applied it.
        window.view()->viewport()->repaint();
        frameMs.push_back(static_cast<double>(frameClock.nsecsElapsed()) * 1e-6);
    });
    QElapsedTimer wall;
    controller->start(window.document()->topology());
    wall.start();
    while (wall.nsecsElapsed() < static_cast<qint64>(seconds * 1e9)) {
        // The frame starts where the GUI thread picks up the refresh.
        frameClock.start();
        QApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1);
    }
    const double elapsed = static_cast<double>(wall.nsecsElapsed()) * 1e-9;
    controller->pause();
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 200)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double guiEvents
        = controller->latestSnapshot() ? static_cast<double>(controller->latestSnapshot()->events) / elapsed : 0.0;
    controller->reset();

    const double headless = headlessEventsPerSecond(topology, seconds);
    std::printf("nodes %zu, edges %zu, wall %.1f s\n", topology.nodes.size(), topology.edges.size(), elapsed);
    std::printf("frames: %zu (%.1f fps), frame time p50 %.2f ms, p99 %.2f ms\n", frameMs.size(),
                static_cast<double>(frameMs.size()) / elapsed, percentile(frameMs, 0.5), percentile(frameMs, 0.99));
    std::printf("engine under the GUI: %.0f events/s; headless: %.0f events/s (%.0f %%)\n", guiEvents, headless,
                headless > 0 ? 100.0 * guiEvents / headless : 0.0);
    return 0;
}
