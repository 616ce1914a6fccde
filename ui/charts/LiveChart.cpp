#include "LiveChart.h"

#include "ChartStyle.h"
#include "RunRecorder.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace asyncsim::ui {

namespace {

// The smallest of 1, 2, 2.5, 5 × 10^k at or above @p v: the time axis grows
// in a few steps rather than with every redraw.
double niceCeiling(double v)
{
    if (!(v > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= v * (1 - 1e-12))
            return m * magnitude;
    return 10 * magnitude;
}

// Whether @p step is 1, 2, 2.5 or 5 × 10^k.
bool isRoundStep(double step)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
    const double m = step / magnitude;
    for (const double round : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (std::abs(m - round) < 1e-9)
            return true;
    return false;
}

// Ticks that cut [0, @p top] into round steps: a 60 s run reads 0, 10, ... 60,
// not 0, 12, ... 60.
int tickCountFor(double top)
{
    for (const int intervals : {5, 6, 4, 3, 8, 2})
        if (isRoundStep(top / intervals))
            return intervals + 1;
    return 6;
}

// A value axis' top: the smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k
// at or above @p v (a capacity of 100 gets 120, not 200), with the tick count
// that divides it into round steps.
std::pair<double, int> niceValueTop(double v)
{
    if (!(v > 0))
        return {1, 6};
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (const auto &[m, ticks] :
         {std::pair{1.0, 6}, {1.2, 7}, {1.5, 4}, {2.0, 5}, {2.5, 6}, {3.0, 4}, {4.0, 5}, {5.0, 6}, {6.0, 4}, {8.0, 5}})
        if (m * magnitude >= v * (1 - 1e-12))
            return {m * magnitude, ticks};
    return {10 * magnitude, 6};
}

// Enough decimals to tell the ticks of a [0, top] axis with @p tickCount ticks apart.
QString labelFormat(double top, int tickCount = 6)
{
    const double step = top / (tickCount - 1);
    const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 6);
    return QStringLiteral("%.%1f").arg(decimals);
}

constexpr int ticks = 6;
constexpr double bandHalfHeight = 0.3;

// Drops the inner points of runs of equal values. What is drawn stays the
// same, with fewer points, and without the darker dot Qt Charts leaves where
// two antialiased segments of a solid line meet (it draws them one by one).
QList<QPointF> withoutFlatRuns(const QList<QPointF> &points)
{
    if (points.size() < 3)
        return points;
    QList<QPointF> out;
    out.reserve(points.size());
    out.append(points.front());
    for (qsizetype i = 1; i + 1 < points.size(); ++i)
        if (points[i].y() != points[i - 1].y() || points[i].y() != points[i + 1].y())
            out.append(points[i]);
    out.append(points.back());
    return out;
}

} // namespace

LiveChart::LiveChart(ChartSpec spec, QWidget *parent)
    : QChartView(parent)
    , m_spec(std::move(spec))
    , m_timeAxis(new QValueAxis)
    , m_emptyText(new QLabel(this))
{
    auto *chart = new QChart;
    chart->setTitle(m_spec.title);
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setShowToolTips(true);
    setChart(chart); // the view owns the chart, the chart its series and axes
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(300, 220);

    m_timeAxis->setTitleText(tr("simulated time (s)"));
    m_timeAxis->setRange(0, 1);
    m_timeAxis->setTickCount(ticks);
    m_timeAxis->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    if (m_spec.yAxis == ChartSpec::YAxis::BreakerStates) {
        auto *states = new QCategoryAxis;
        states->setStartValue(-0.5);
        states->append(tr("closed"), 0.5);
        states->append(tr("half-open"), 1.5);
        states->append(tr("open"), 2.5);
        states->setRange(-0.5, 2.5);
        states->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
        m_valueAxis = states;
    } else {
        m_valueAxis = new QValueAxis;
        m_valueAxis->setRange(0, 1);
        m_valueAxis->setTickCount(ticks);
    }
    m_valueAxis->setTitleText(m_spec.yTitle);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);

    const int lineCount = m_spec.topN > 0 ? std::min<int>(m_spec.topN, static_cast<int>(m_spec.lines.size()))
                                          : static_cast<int>(m_spec.lines.size());
    for (int i = 0; i < lineCount; ++i) {
        const LineSpec &line = m_spec.lines[static_cast<std::size_t>(i)];
        Drawn drawn;
        drawn.line = m_spec.topN > 0 ? -1 : i;
        QAbstractSeries *added = nullptr;
        if (line.style == LineSpec::Style::Band) {
            // An area between a flat lower edge and an upper edge that rises
            // while the value is the band's. The area does not own its edges:
            // parent them to it, so they go with it.
            drawn.area = new QAreaSeries;
            drawn.series = new QLineSeries(drawn.area);
            drawn.lower = new QLineSeries(drawn.area);
            drawn.area->setUpperSeries(static_cast<QLineSeries *>(drawn.series));
            drawn.area->setLowerSeries(static_cast<QLineSeries *>(drawn.lower));
            added = drawn.area;
        } else if (line.style == LineSpec::Style::Markers) {
            auto *scatter = new QScatterSeries;
            scatter->setMarkerSize(9);
            scatter->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
            drawn.series = scatter;
            added = scatter;
        } else {
            drawn.series = new QLineSeries;
            added = drawn.series;
        }
        drawn.series->setName(line.name);
        added->setName(line.name);
        if (line.style != LineSpec::Style::Band)
            connect(drawn.series, &QXYSeries::hovered, this,
                    [this, series = drawn.series](const QPointF &point, bool over) { showValue(series, point, over); });
        chart->addSeries(added);
        added->attachAxis(m_timeAxis);
        added->attachAxis(m_valueAxis);
        m_drawn.push_back(drawn);
    }

    m_emptyText->setText(m_spec.emptyText.isEmpty() ? tr("No data yet.") : m_spec.emptyText);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_emptyText->setAttribute(Qt::WA_TransparentForMouseEvents);
    applyPalette();
}

QList<QPointF> LiveChart::pointsOf(const LineSpec &line, const RunRecorder &recorder, double divisor, double nowX) const
{
    const SeriesBuffer *buffer = recorder.series(line.key);
    if (!buffer || buffer->isEmpty())
        return {};
    QList<QPointF> points = buffer->points();
    for (QPointF &p : points)
        p = QPointF(p.x() / divisor, p.y() * line.scale);
    if (line.style == LineSpec::Style::Markers)
        return points;
    if (line.style == LineSpec::Style::Line)
        return withoutFlatRuns(points);
    // A state holds until the next one: draw the vertical edges, and carry
    // the current state on to the present.
    QList<QPointF> steps;
    steps.reserve(points.size() * 2 + 1);
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (i > 0 && points[i].y() != points[i - 1].y())
            steps.append({points[i].x(), points[i - 1].y()});
        steps.append(points[i]);
    }
    if (nowX > steps.back().x())
        steps.append({nowX, steps.back().y()});
    steps = withoutFlatRuns(steps);
    if (line.style == LineSpec::Style::Step)
        return steps;
    // A band: its upper edge is half a level above while the value is the
    // band's, else on the lower edge (an area of no height).
    const double level = line.bandLevel;
    for (QPointF &p : steps)
        p.setY(p.y() == level ? level + bandHalfHeight : level - bandHalfHeight);
    return withoutFlatRuns(steps);
}

void LiveChart::refresh(const RunRecorder &recorder)
{
    ++m_refreshCount;
    m_drawnRevision = recorder.revision();
    const double now = recorder.now();
    const double horizon = recorder.horizon();
    // The unit follows the time shown, so labels stay short: seconds up to
    // five minutes, minutes up to five hours.
    double divisor = 1;
    QString unit = QStringLiteral("s");
    if (now > 5 * 3600.0) {
        divisor = 3600;
        unit = QStringLiteral("h");
    } else if (now > 300.0) {
        divisor = 60;
        unit = QStringLiteral("min");
    }
    if (unit != m_timeUnit) {
        m_timeUnit = unit;
        m_timeAxis->setTitleText(tr("simulated time (%1)").arg(unit));
    }
    // The axis grows in nice steps rather than every frame, never beyond the run's end.
    // At least one unit wide, so the first snapshots (at 0 s) get a readable axis.
    double top = niceCeiling(std::max(now / divisor, 1.0));
    if (horizon > 0 && horizon / divisor < top && now <= horizon)
        top = horizon / divisor;
    m_timeAxis->setRange(0, top);
    m_timeAxis->setTickCount(tickCountFor(top));
    m_timeAxis->setLabelFormat(labelFormat(top, m_timeAxis->tickCount()));

    if (m_spec.topN > 0) {
        // The busiest candidates by their latest value; idle ones are left out.
        std::vector<std::pair<double, int>> ranked;
        for (std::size_t i = 0; i < m_spec.lines.size(); ++i)
            if (const SeriesBuffer *b = recorder.series(m_spec.lines[i].key); b && b->lastY() > 0)
                ranked.emplace_back(b->lastY(), static_cast<int>(i));
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        for (std::size_t d = 0; d < m_drawn.size(); ++d) {
            m_drawn[d].line = d < ranked.size() ? ranked[d].second : -1;
            if (m_drawn[d].line >= 0)
                m_drawn[d].series->setName(m_spec.lines[static_cast<std::size_t>(m_drawn[d].line)].name);
        }
    }

    double highest = 0;
    bool any = false;
    for (Drawn &d : m_drawn) {
        QList<QPointF> points;
        if (d.line >= 0)
            points = pointsOf(m_spec.lines[static_cast<std::size_t>(d.line)], recorder, divisor, now / divisor);
        double lineHighest = 0;
        for (const QPointF &p : points)
            lineHighest = std::max(lineHighest, p.y());
        const bool hideZero = d.line >= 0 && m_spec.lines[static_cast<std::size_t>(d.line)].hideWhileZero;
        const bool shown = !points.isEmpty() && !(hideZero && lineHighest <= 0);
        if (!shown)
            points.clear();
        highest = std::max(highest, lineHighest);
        any = any || shown;
        QAbstractSeries *drawnSeries = d.series;
        if (d.area) {
            drawnSeries = d.area;
            const double low = m_spec.lines[static_cast<std::size_t>(d.line)].bandLevel - bandHalfHeight;
            d.lower->replace(shown ? QList<QPointF>{{points.front().x(), low}, {points.back().x(), low}}
                                   : QList<QPointF>{});
        }
        d.series->replace(points);
        // A line of one point draws nothing: show it as a dot until it has two.
        if (!d.area && !qobject_cast<QScatterSeries *>(d.series))
            d.series->setPointsVisible(points.size() == 1);
        drawnSeries->setVisible(shown);
        for (QLegendMarker *marker : chart()->legend()->markers(drawnSeries))
            marker->setVisible(shown);
    }
    if (m_spec.yAxis == ChartSpec::YAxis::Values) {
        const auto [yTop, yTicks] = niceValueTop(highest * 1.05);
        m_valueAxis->setRange(0, yTop);
        m_valueAxis->setTickCount(yTicks);
        m_valueAxis->setLabelFormat(labelFormat(yTop, yTicks));
    }
    m_emptyText->setVisible(!any);
    if (!any)
        placeEmptyText();
    if (m_spec.topN > 0)
        colourLines(palette()); // the top-N lines may have changed hands
}

void LiveChart::showValue(QXYSeries *series, const QPointF &point, bool over)
{
    if (!over) {
        QToolTip::hideText();
        return;
    }
    // The value under the pointer, in the axes' units: "waiting: 42 at 12.5 s".
    QString value;
    if (m_spec.yAxis == ChartSpec::YAxis::BreakerStates) {
        const int level = static_cast<int>(std::lround(point.y()));
        value = level >= 2 ? tr("open") : level == 1 ? tr("half-open") : tr("closed");
    } else {
        value = QString::number(point.y(), 'g', 4);
        if (!m_spec.yTitle.isEmpty())
            value += QLatin1Char(' ') + m_spec.yTitle;
    }
    QToolTip::showText(QCursor::pos(),
                       tr("%1: %2 at %3 %4").arg(series->name(), value, QString::number(point.x(), 'g', 4), m_timeUnit),
                       this);
}

QXYSeries *LiveChart::line(const QString &name) const
{
    for (const Drawn &d : m_drawn)
        if (d.series->name() == name && d.line >= 0)
            return d.series;
    return nullptr;
}

QStringList LiveChart::shownLines() const
{
    QStringList names;
    for (const Drawn &d : m_drawn)
        if (d.line >= 0 && d.series->count() > 0)
            names.append(d.series->name());
    return names;
}

bool LiveChart::isShowingEmptyText() const
{
    return !m_emptyText->isHidden();
}

void LiveChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void LiveChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    placeEmptyText();
}

void LiveChart::placeEmptyText()
{
    // Over the plot area, clear of the title and the legend.
    const QRect area = chart()->plotArea().toRect();
    m_emptyText->setGeometry(area.isValid() && area.width() > 40 ? area.adjusted(8, 8, -8, -8)
                                                                 : rect().adjusted(20, 40, -20, -40));
}

void LiveChart::applyPalette()
{
    const QPalette pal = palette();
    setBackgroundBrush(pal.brush(QPalette::Base));
    ChartStyle::styleChart(chart(), pal);
    colourLines(pal);
    QPalette textPalette = m_emptyText->palette();
    textPalette.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    m_emptyText->setPalette(textPalette);
}

void LiveChart::colourLines(const QPalette &pal)
{
    for (const Drawn &d : m_drawn) {
        if (d.line < 0 && m_spec.topN == 0)
            continue;
        const LineSpec &line = m_spec.lines[static_cast<std::size_t>(std::max(d.line, 0))];
        // Top-N lines take the colour of their rank, so the busiest is always the first colour.
        const int rank = static_cast<int>(&d - m_drawn.data());
        const QColor colour = m_spec.topN > 0 ? ChartStyle::lineColour(LineColour::Category, rank, pal)
                                              : ChartStyle::lineColour(line.colour, line.category, pal);
        if (auto *scatter = qobject_cast<QScatterSeries *>(d.series)) {
            scatter->setColor(colour);
            scatter->setBorderColor(pal.color(QPalette::Base));
            continue;
        }
        if (d.area) {
            QColor fill = colour;
            fill.setAlpha(210); // lighter, open and half-open would look alike on a dark background
            d.area->setBrush(fill);
            d.area->setPen(Qt::NoPen);
            continue;
        }
        QPen pen(colour);
        pen.setWidthF(line.colour == LineColour::Bound || line.colour == LineColour::Text ? 1.5 : 2.0);
        // Square caps overlap at every point and draw a row of darker dots
        // along a flat stretch: no caps, round joins.
        pen.setCapStyle(Qt::FlatCap);
        pen.setJoinStyle(Qt::RoundJoin);
        if (line.dashed || line.colour == LineColour::Bound)
            pen.setStyle(Qt::DashLine);
        d.series->setPen(pen);
    }
}

} // namespace asyncsim::ui
