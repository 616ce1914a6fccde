#pragma once

#include "ReportData.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <vector>

namespace asyncsim::ui::report {

/// One line of a chart: y values at equal steps of the run's series interval.
struct ChartLine
{
    QString name;
    std::vector<double> points;
    bool dashed = false; ///< a limit (a queue's capacity) rather than a measurement
};

/// A chart of the report: time series of one quantity, one line per node.
struct ChartSpec
{
    QString id;          ///< stable, for anchors and tests: "queueLength", "throughput", ...
    QString title;       ///< "Queue length against capacity"
    QString yTitle;      ///< "messages waiting"
    QString caption;     ///< one sentence on how to read it
    double interval = 0; ///< seconds per point
    std::vector<ChartLine> lines;
};

/// The charts of the first run's time series: queue length against capacity,
/// throughput, busy workers, dead letters, and any other quantity the run
/// recorded. Lines that stay at zero are left out, and so are charts left empty.
std::vector<ChartSpec> reportCharts(const ReportData &data);

/// The size charts are drawn at, in points.
inline constexpr QSize ChartSize{760, 300};

/// @p chart drawn as an SVG document (vector) of ChartSize.
QString chartSvg(const ChartSpec &chart);

/// @p chart drawn as an image of ChartSize times @p scale (for the PDF).
QImage chartImage(const ChartSpec &chart, double scale);

} // namespace asyncsim::ui::report
