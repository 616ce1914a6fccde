#include "ReportCharts.h"

#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLineSeries>
#include <QPainter>
#include <QPen>
#include <QSvgGenerator>
#include <QValueAxis>

#include <algorithm>
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
    {"latency", "Latency", "seconds", "End-to-end latency over time."},
    {"deadLetters", "Dead letters", "dead letters per second",
     "Messages arriving at each dead-letter queue, per second."},
    {"lag", "Consumer lag", "records", "Records written to a topic that a consumer group has not committed yet."},
};

bool allZero(const std::vector<double> &points)
{
    return std::all_of(points.begin(), points.end(), [](double v) { return v == 0; });
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
            top = std::max(top, v);
    }
    const TimeAxis time = timeAxis(double(longest) * spec.interval);
    auto *x = new QValueAxis;
    x->setTitleText(QString::fromUtf8(time.title));
    x->setRange(0, double(longest) * spec.interval * time.scale);
    x->setLabelFormat(QStringLiteral("%.4g"));
    auto *y = new QValueAxis;
    y->setTitleText(spec.yTitle);
    y->setRange(0, top > 0 ? top * 1.05 : 1);
    // Whole numbers from 10 up: "15000", never "1.5e+04".
    y->setLabelFormat(top >= 10 ? QStringLiteral("%.0f") : top >= 1 ? QStringLiteral("%.1f") : QStringLiteral("%.3g"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    // A level line is drawn at each interval's middle: a point is an average over it.
    for (const ChartLine &line : spec.lines) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        QList<QPointF> points;
        points.reserve(qsizetype(line.points.size()));
        for (std::size_t i = 0; i < line.points.size(); ++i)
            points.append(QPointF((double(i) + 0.5) * spec.interval * time.scale, line.points[i]));
        series->replace(points);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        QPen pen = series->pen();
        pen.setWidthF(1.5);
        if (line.dashed)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
    }
    y->applyNiceNumbers();
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
        auto [it, added] = byQuantity.try_emplace(s.quantity);
        ChartSpec &chart = it->second;
        if (added) {
            order.push_back(s.quantity);
            chart.id = QString::fromStdString(s.quantity);
            chart.title = chart.id;
            chart.yTitle = chart.id;
            chart.interval = run.seriesInterval;
            for (const Quantity &q : KnownQuantities)
                if (s.quantity == q.id) {
                    chart.title = QString::fromUtf8(q.title);
                    chart.yTitle = QString::fromUtf8(q.yTitle);
                    chart.caption = QString::fromUtf8(q.caption);
                }
        }
        chart.lines.push_back({QString::fromStdString(s.node), s.points, false});
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
    std::vector<ChartSpec> charts;
    for (const Quantity &q : KnownQuantities)
        if (auto it = byQuantity.find(q.id); it != byQuantity.end())
            charts.push_back(std::move(it->second)), byQuantity.erase(it);
    for (const std::string &quantity : order)
        if (auto it = byQuantity.find(quantity); it != byQuantity.end())
            charts.push_back(std::move(it->second));
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
