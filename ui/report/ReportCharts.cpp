#include "ReportCharts.h"

#include "ReportTimeline.h"

#include <QAreaSeries>
#include <QBuffer>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QPen>
#include <QSvgGenerator>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>

namespace asyncsim::ui::report {

namespace {

struct Quantity
{
    const char *id;
    const char *title;
    const char *yTitle;
    const char *caption;
};

// The charts in the order a reader wants them; a quantity not listed here
// still gets a chart of its own, titled by its name.
const Quantity KnownQuantities[] = {
    {"queueLength", "Queue length against capacity", "messages waiting",
     "Time-weighted mean of the messages waiting in each interval. A line that keeps rising means the node cannot "
     "keep up."},
    {"throughput", "Throughput", "messages per second",
     "Messages each node passed on (queues: dispatched; services: processed successfully), per second."},
    {"produced", "Offered load", "messages per second", "Messages the producers created, per second."},
    {"busyWorkers", "Busy workers", "workers busy", "Time-weighted mean of each service's busy workers."},
    {"latency", "End-to-end latency", "seconds",
     "Mean end-to-end latency (from production) of the messages that ended their flow at each node, per interval. "
     "Intervals in which none ended have no point."},
    {"breakers", "Circuit-breaker states", "state", ""}, // made by breakerChart, from the transition logs
    {"deadLetters", "Dead letters", "dead letters per second",
     "Messages arriving at each dead-letter queue, per second."},
    {"lag", "Consumer lag", "records",
     "Time-weighted mean of the records written to a topic that a consumer group has not committed yet, per "
     "interval, one line per topic and group."},
};

// NaN (an interval without a value) counts as nothing drawn.
bool allZero(const std::vector<double> &points)
{
    return std::all_of(points.begin(), points.end(), [](double v) { return v == 0 || std::isnan(v); });
}

// Several quantities are one chart: "lag.<group>" of each topic is a line of "lag".
std::pair<std::string, QString> chartAndLine(const models::SeriesResults &s)
{
    if (s.quantity.rfind("lag.", 0) == 0)
        return {"lag",
                QString::fromStdString(s.node) + QStringLiteral(" → ") + QString::fromStdString(s.quantity.substr(4))};
    return {s.quantity, QString::fromStdString(s.node)};
}

// Faults shaded by kind, light enough that the lines stay readable over them.
QColor shadingColour(int index)
{
    static const QColor Colours[] = {QColor(220, 50, 47, 40),  QColor(255, 150, 0, 45), QColor(150, 80, 200, 40),
                                     QColor(40, 120, 220, 35), QColor(60, 170, 80, 40), QColor(120, 120, 120, 40)};
    return Colours[static_cast<std::size_t>(index) % std::size(Colours)];
}

// The faults behind the lines: one area per span; a label's legend entry shows once.
void addShading(QChart *chart, const std::vector<ShadedSpan> &spans, QAbstractAxis *x, QAbstractAxis *y, double scale,
                double top)
{
    QStringList shown;
    for (const ShadedSpan &span : spans) {
        auto *upper = new QLineSeries;
        upper->append(span.from * scale, top);
        upper->append(span.to * scale, top);
        auto *area = new QAreaSeries(upper); // the lower line defaults to y = 0
        upper->setParent(area);
        area->setName(span.label);
        area->setBrush(shadingColour(span.colour));
        area->setPen(Qt::NoPen);
        chart->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
        const bool repeated = shown.contains(span.label);
        shown << span.label;
        if (repeated)
            for (QLegendMarker *marker : chart->legend()->markers(area))
                marker->setVisible(false);
    }
}

QList<QPointF> stepPoints(const ChartLine &line, double end, double scale)
{
    QList<QPointF> points;
    for (std::size_t i = 0; i < line.steps.size(); ++i) {
        const QPointF &step = line.steps[i];
        if (i > 0)
            points.append(QPointF(step.x() * scale, line.steps[i - 1].y())); // hold, then change
        points.append(QPointF(step.x() * scale, step.y()));
    }
    if (!line.steps.empty())
        points.append(QPointF(end * scale, line.steps.back().y()));
    return points;
}

std::optional<std::uint64_t> capacityOf(const models::Topology &t, const std::string &node)
{
    const int index = t.nodeIndex(node);
    if (index < 0)
        return std::nullopt;
    const auto &params = t.nodes[static_cast<std::size_t>(index)].params;
    if (const auto *q = std::get_if<models::QueueSpec>(&params))
        return q->capacity;
    if (const auto *s = std::get_if<models::ServiceSpec>(&params))
        return s->capacity;
    return std::nullopt;
}

// Minutes read better than thousands of seconds on a long run's axis.
struct TimeAxis
{
    double scale;
    const char *title;
};

TimeAxis timeAxis(double span)
{
    if (span > 3 * 3600)
        return {1.0 / 3600, "simulated time (h)"};
    if (span > 600)
        return {1.0 / 60, "simulated time (min)"};
    return {1, "simulated time (s)"};
}

QChart *buildChart(const ChartSpec &spec)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(spec.title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom); // a long node id never gets cut off

    std::size_t longest = 0;
    double top = 0;
    for (const ChartLine &line : spec.lines) {
        longest = std::max(longest, line.points.size());
        for (double v : line.points)
            if (!std::isnan(v))
                top = std::max(top, v);
    }
    const double span = std::max(double(longest) * spec.interval, spec.end);
    const TimeAxis time = timeAxis(span);
    auto *x = new QValueAxis;
    x->setTitleText(QString::fromUtf8(time.title));
    x->setRange(0, span * time.scale);
    x->setLabelFormat(QStringLiteral("%.4g"));
    chart->addAxis(x, Qt::AlignBottom);
    QAbstractAxis *yAxis = nullptr;
    double yTop = 1;
    if (!spec.yCategories.isEmpty()) {
        // A state chart: the states by name at 0, 1, ..., with room for lines drawn slightly apart.
        auto *y = new QCategoryAxis;
        y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        for (qsizetype i = 0; i < spec.yCategories.size(); ++i)
            y->append(spec.yCategories[i], double(i));
        yTop = double(spec.yCategories.size()) - 0.5;
        y->setRange(-0.2, yTop);
        y->setTitleText(spec.yTitle);
        yAxis = y;
    } else {
        auto *y = new QValueAxis;
        y->setTitleText(spec.yTitle);
        y->setRange(0, top > 0 ? top * 1.05 : 1);
        // Whole numbers from 10 up: "15000", never "1.5e+04".
        y->setLabelFormat(top >= 10  ? QStringLiteral("%.0f")
                          : top >= 1 ? QStringLiteral("%.1f")
                                     : QStringLiteral("%.3g"));
        y->applyNiceNumbers();
        yTop = y->max();
        yAxis = y;
    }
    chart->addAxis(yAxis, Qt::AlignLeft);
    addShading(chart, spec.shaded, x, yAxis, time.scale, yTop);

    // A level line is drawn at each interval's middle: a point is an average over it.
    for (const ChartLine &line : spec.lines) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        QList<QPointF> points;
        if (!line.steps.empty()) {
            points = stepPoints(line, span, time.scale);
        } else {
            points.reserve(qsizetype(line.points.size()));
            for (std::size_t i = 0; i < line.points.size(); ++i)
                if (!std::isnan(line.points[i])) // no value in this interval: the line goes straight on
                    points.append(QPointF((double(i) + 0.5) * spec.interval * time.scale, line.points[i]));
        }
        series->replace(points);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(yAxis);
        QPen pen = series->pen();
        pen.setWidthF(1.5);
        if (line.dashed)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
    }
    return chart;
}

void renderChart(const ChartSpec &spec, QPainter *painter, const QRectF &target)
{
    QChartView view(buildChart(spec)); // the view owns the chart
    view.setRenderHint(QPainter::Antialiasing);
    view.setFrameShape(QFrame::NoFrame);
    view.setBackgroundBrush(Qt::white);
    view.resize(ChartSize);
    // QWidget::render, not QGraphicsView::render: it lays out a view never shown first.
    view.QWidget::render(painter, target.topLeft().toPoint(), QRegion(), QWidget::DrawChildren);
}

} // namespace

std::vector<ChartSpec> reportCharts(const ReportData &data)
{
    const models::RunResults &run = data.firstRun();
    std::map<std::string, ChartSpec> byQuantity;
    std::vector<std::string> order;
    for (const models::SeriesResults &s : run.series) {
        if (allZero(s.points))
            continue;
        const auto [quantity, lineName] = chartAndLine(s);
        auto [it, added] = byQuantity.try_emplace(quantity);
        ChartSpec &chart = it->second;
        if (added) {
            order.push_back(quantity);
            chart.id = QString::fromStdString(quantity);
            chart.title = chart.id;
            chart.yTitle = chart.id;
            chart.interval = run.seriesInterval;
            chart.end = run.simulatedTime;
            for (const Quantity &q : KnownQuantities)
                if (quantity == q.id) {
                    chart.title = QString::fromUtf8(q.title);
                    chart.yTitle = QString::fromUtf8(q.yTitle);
                    chart.caption = QString::fromUtf8(q.caption);
                }
        }
        chart.lines.push_back({lineName, s.points, false});
        if (s.quantity == "queueLength")
            if (const auto capacity = capacityOf(data.input.topology, s.node))
                chart.lines.push_back({QString::fromStdString(s.node) + QStringLiteral(" capacity"),
                                       std::vector<double>(s.points.size(), double(*capacity)), true});
    }
    if (auto it = byQuantity.find("queueLength"); it != byQuantity.end()) {
        const auto &lines = it->second.lines;
        if (std::any_of(lines.begin(), lines.end(), [](const ChartLine &l) { return l.dashed; }))
            it->second.caption += QStringLiteral(" Dashed lines are the capacities of bounded queues.");
        else
            it->second.title = QStringLiteral("Queue length (no queue is bounded)");
    }
    if (auto breakers = breakerChart(data))
        byQuantity.emplace("breakers", std::move(*breakers));
    std::vector<ChartSpec> charts;
    for (const Quantity &q : KnownQuantities)
        if (auto it = byQuantity.find(q.id); it != byQuantity.end())
            charts.push_back(std::move(it->second)), byQuantity.erase(it);
    for (const std::string &quantity : order)
        if (auto it = byQuantity.find(quantity); it != byQuantity.end())
            charts.push_back(std::move(it->second));
    const std::vector<ShadedSpan> faults = faultSpans(data);
    for (ChartSpec &chart : charts) {
        chart.shaded = faults;
        if (!faults.empty())
            chart.caption += QStringLiteral(" Shaded spans are the faults of the timeline.");
    }
    return charts;
}

QString chartSvg(const ChartSpec &chart)
{
    QByteArray data;
    QBuffer buffer(&data);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(ChartSize);
    generator.setViewBox(QRect(QPoint(0, 0), ChartSize));
    generator.setTitle(chart.title);
    QPainter painter;
    if (!painter.begin(&generator))
        return {};
    renderChart(chart, &painter, QRectF(QPointF(0, 0), QSizeF(ChartSize)));
    painter.end();
    return QString::fromUtf8(data);
}

QImage chartImage(const ChartSpec &chart, double scale)
{
    QImage image(ChartSize * scale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    renderChart(chart, &painter, QRectF(QPointF(0, 0), QSizeF(ChartSize)));
    painter.end();
    return image;
}

} // namespace asyncsim::ui::report
