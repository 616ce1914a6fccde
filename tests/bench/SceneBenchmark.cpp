// Canvas benchmarks on a 200-node, 400-edge topology (10 rows of 20 nodes:
// a producer, queues and services in turn, a sink; each node feeds the next
// one in its row and the next one in the row below, and two services per row
// also feed the sink).
//
// BM_LoadSceneAndFit: document load + scene (all items) + view fitted on a
// 1600x1000 viewport + one render of the whole viewport (view.grab()).
// BM_DragStep: one step of a drag: a node moved by a few pixels through
// setPos() as QGraphicsItem's drag does (its links re-routed), then the
// scene's update and the repaint of the changed region processed. Run at the
// fitted zoom (all 200 nodes on screen) and at 100 %. Snapping is off, so
// every step moves the node (with snapping, most mouse moves change nothing).
#include "ui/TopologyDocument.h"
#include "ui/canvas/ComponentItem.h"
#include "ui/canvas/TopologyScene.h"
#include "ui/canvas/TopologyView.h"

#include <QApplication>
#include <QPixmap>

#include <benchmark/benchmark.h>

#include <string>

namespace {

using namespace asyncsim;

constexpr int Rows = 10;
constexpr int Columns = 20;

std::string nodeName(int row, int column)
{
    return "n" + std::to_string(row) + "-" + std::to_string(column);
}

models::Topology makeTopology()
{
    models::Topology topology;
    topology.name = "scene benchmark";
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
            topology.nodes.push_back(node);
        }
    }
    auto connect = [&](int row, int column, int toRow, int toColumn, models::EdgeMode mode) {
        topology.edges.push_back({nodeName(row, column), nodeName(toRow, toColumn), mode, {}});
    };
    for (int row = 0; row < Rows; ++row) {
        for (int column = 0; column + 1 < Columns; ++column) {
            const auto mode = column % 2 == 1 ? models::EdgeMode::Consume : models::EdgeMode::Publish;
            connect(row, column, row, column + 1, mode);
            connect(row, column, (row + 1) % Rows, column + 1, mode);
        }
        connect(row, 2, row, Columns - 1, models::EdgeMode::Publish);
        connect(row, 10, row, Columns - 1, models::EdgeMode::Publish);
    }
    return topology;
}

const models::Topology &topology()
{
    static const models::Topology t = makeTopology();
    return t;
}

void BM_LoadSceneAndFit(benchmark::State &state)
{
    for (auto _ : state) {
        ui::TopologyDocument document;
        document.load(topology());
        ui::TopologyScene scene(&document);
        ui::TopologyView view(&scene);
        view.resize(1600, 1000);
        view.show();
        view.fitToContents();
        const QPixmap frame = view.grab();
        benchmark::DoNotOptimize(frame.cacheKey());
    }
    state.counters["nodes"] = double(topology().nodes.size());
    state.counters["edges"] = double(topology().edges.size());
}
BENCHMARK(BM_LoadSceneAndFit)->Unit(benchmark::kMillisecond);

/// Counts the paint events a widget receives.
class PaintCounter : public QObject
{
public:
    int paints = 0;
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

void BM_DragStep(benchmark::State &state, bool fitted)
{
    ui::TopologyDocument document;
    document.load(topology());
    ui::TopologyScene scene(&document);
    scene.setSnapToGrid(false);
    ui::TopologyView view(&scene);
    view.resize(1600, 1000);
    view.show();
    view.fitToContents();
    // A node in the middle, with four links.
    ui::ComponentItem *item = scene.itemFor(document.componentNamed(nodeName(Rows / 2, Columns / 2)));
    if (!fitted) {
        view.resetZoom();
        view.centerOn(item);
    }
    QApplication::processEvents();
    PaintCounter counter;
    view.viewport()->installEventFilter(&counter);
    const QPointF start = item->pos();

    int step = 0;
    for (auto _ : state) {
        // Back and forth by 3 px, as a slow mouse drags.
        item->setPos(start + QPointF((step++ % 2) * 3.0, 0));
        QApplication::processEvents(); // the scene's queued update: the viewport schedules a repaint
        QApplication::processEvents(); // the repaint of the changed region
    }
    state.counters["paints/step"] = benchmark::Counter(double(counter.paints) / double(state.iterations()));
    state.counters["zoom"] = view.zoom();
}
BENCHMARK_CAPTURE(BM_DragStep, fitted, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DragStep, at100, false)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char **argv)
{
    // Widgets need a QApplication; the offscreen platform needs no display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
