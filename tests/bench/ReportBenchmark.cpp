// Report generation after a one-hour simulated run of checkout.json (the run
// itself is outside the timing): everything writeReport() does for an HTML
// and for a PDF report, from gathering the data to the file on disk.
#include "ui/report/ReportWriter.h"

#include "models/Run.h"
#include "models/TopologyJson.h"

#include <QApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

namespace {

using namespace asyncsim;

const ui::report::ReportInput &checkoutHour()
{
    static const ui::report::ReportInput input = [] {
        ui::report::ReportInput in;
        in.topology = models::loadTopologyFile(ASYNCSIM_SOURCE_DIR "/resources/examples/checkout.json");
        in.topology.simulation.duration = sim::Duration::seconds(3600);
        in.fileName = QStringLiteral("checkout.json");
        in.runs.push_back(models::Run::execute(in.topology));
        return in;
    }();
    return input;
}

void writeReportAs(benchmark::State &state, const char *name)
{
    const ui::report::ReportInput &input = checkoutHour();
    QTemporaryDir dir;
    const QString path = dir.filePath(QString::fromLatin1(name));
    for (auto _ : state) {
        QString error;
        if (!ui::report::writeReport(input, path, &error))
            state.SkipWithError(error.toStdString().c_str());
    }
}

void BM_ReportHtml(benchmark::State &state)
{
    writeReportAs(state, "report.html");
}

void BM_ReportPdf(benchmark::State &state)
{
    writeReportAs(state, "report.pdf");
}

} // namespace

BENCHMARK(BM_ReportHtml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReportPdf)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    // Charts and the diagram need a QApplication; offscreen needs no display.
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
