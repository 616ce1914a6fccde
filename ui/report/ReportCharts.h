#pragma once

#include "ReportData.h"

#include <QImage>
#include <QPointF>
#include <QSize>
#include <QString>
#include <QStringList>

#include <vector>

namespace asyncsim::ui::report {

/// One line of a chart: y values at equal steps of the run's series interval
/// (NaN where the interval has no value: the line skips it), or a step line.
struct ChartLine
{
    QString name;
    std::vector<double> points;
    bool dashed = false; ///< a limit (a queue's capacity) rather than a measurement
    /// When not empty, drawn instead of points: (seconds, value) where the
    /// value changes; it holds until the next step, the last until the end.
    std::vector<QPointF> steps{};
};

/// A span of simulated time shaded behind a chart's lines: a fault.
struct ShadedSpan
{
    double from = 0; ///< seconds
    double to = 0;   ///< seconds
    QString label;   ///< its legend entry ("outage of payments"); spans with one label share a colour
    int colour = 0;  ///< index into the shading palette (by fault kind)
};

/// A chart of the report: time series of one quantity, one line per node.
struct ChartSpec
{
    QString id;          ///< stable, for anchors and tests: "queueLength", "throughput", ...
    QString title;       ///< "Queue length against capacity"
    QString yTitle;      ///< "messages waiting"
    QString caption;     ///< one sentence on how to read it
    double interval = 0; ///< seconds per point
    double end = 0;      ///< seconds the run covered (the time axis reaches at least this far)
    std::vector<ChartLine> lines;
    QStringList yCategories{};        ///< when set: the y axis names the values 0, 1, ... (a state chart)
    std::vector<ShadedSpan> shaded{}; ///< the faults timeline, drawn behind the lines
};

/// The charts of the first run: queue length against capacity, throughput,
/// busy workers, latency, dead letters, consumer lag, circuit-breaker states,
/// and any other quantity the run recorded, each with the faults timeline
/// shaded. Lines that stay at zero are left out, and so are charts left empty.
std::vector<ChartSpec> reportCharts(const ReportData &data);

/// The size charts are drawn at, in points.
inline constexpr QSize ChartSize{760, 300};

/// @p chart drawn as an SVG document (vector) of ChartSize.
QString chartSvg(const ChartSpec &chart);

/// @p chart drawn as an image of ChartSize times @p scale (for the PDF).
QImage chartImage(const ChartSpec &chart, double scale);

} // namespace asyncsim::ui::report
