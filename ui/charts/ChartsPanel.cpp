#include "ChartsPanel.h"

#include "ChartCatalog.h"
#include "LiveChart.h"

#include "ui/inspector/DurationDisplay.h"

#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace asyncsim::ui {

namespace {

constexpr int chartMinimumWidth = 310;
// Ten redraws a second look live; snapshots may come at 30.
constexpr int refreshIntervalMs = 100;

QString kindName(models::NodeKind kind)
{
    switch (kind) {
    case models::NodeKind::Producer:
        return ChartsPanel::tr("Producer");
    case models::NodeKind::Queue:
        return ChartsPanel::tr("Queue");
    case models::NodeKind::Service:
        return ChartsPanel::tr("Service");
    case models::NodeKind::Sink:
        return ChartsPanel::tr("Sink");
    case models::NodeKind::DeadLetter:
        return ChartsPanel::tr("Dead-letter queue");
    case models::NodeKind::Topic:
        return ChartsPanel::tr("Topic");
    }
    return {};
}

} // namespace

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_note(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_chartHost(new QWidget)
    , m_grid(new QGridLayout(m_chartHost))
    , m_refreshTimer(new QTimer(this))
{
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_heading->setObjectName("chartsHeading");
    m_note->setForegroundRole(QPalette::PlaceholderText);
    auto *header = new QHBoxLayout;
    header->addWidget(m_heading);
    header->addStretch();
    header->addWidget(m_note);

    m_placeholder->setObjectName("chartsPlaceholder");
    m_placeholder->setText(tr("Run the topology to see live charts here.\n"
                              "Select a node or an edge to chart it; with nothing selected, the charts follow "
                              "the whole run."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(6);
    m_scroll->setWidget(m_chartHost);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(m_scroll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(header);
    layout->addWidget(m_pages, 1);

    m_refreshTimer->setInterval(refreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &ChartsPanel::refreshVisible);
    clear();
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::startRun(const models::Topology &topology)
{
    m_recorder.start(topology);
    m_note->setText(tr("rates over %1 of simulated time").arg(durationDisplayText(m_recorder.rateWindow())));
    if (m_focusNode >= static_cast<int>(topology.nodes.size()))
        m_focusNode = -1;
    if (m_focusEdge >= static_cast<int>(topology.edges.size()))
        m_focusEdge = -1;
    rebuildCharts();
    m_pages->setCurrentWidget(m_scroll);
    m_refreshTimer->start();
}

void ChartsPanel::applySnapshot(const models::RunSnapshot &snapshot)
{
    // Only recorded here: the timer draws, so 30 snapshots a second cost 10 redraws.
    m_recorder.apply(snapshot);
}

void ChartsPanel::clear()
{
    m_refreshTimer->stop();
    m_recorder.clear();
    for (LiveChart *chart : m_charts)
        delete chart;
    m_charts.clear();
    m_chartsKey.clear();
    m_note->clear();
    m_pages->setCurrentWidget(m_placeholder);
    updateHeading();
}

void ChartsPanel::setFocus(int nodeIndex, int edgeIndex)
{
    if (nodeIndex >= 0)
        edgeIndex = -1;
    if (nodeIndex == m_focusNode && edgeIndex == m_focusEdge)
        return;
    m_focusNode = nodeIndex;
    m_focusEdge = edgeIndex;
    if (m_recorder.hasRun()) {
        rebuildCharts();
        refreshVisible();
    } else {
        updateHeading();
    }
}

LiveChart *ChartsPanel::chart(const QString &title) const
{
    for (LiveChart *c : m_charts)
        if (c->spec().title == title)
            return c;
    return nullptr;
}

QString ChartsPanel::heading() const
{
    return m_heading->text();
}

void ChartsPanel::refreshNow()
{
    if (!m_recorder.hasRun())
        return;
    rebuildCharts();
    for (LiveChart *c : m_charts)
        c->refresh(m_recorder);
}

void ChartsPanel::refreshVisible()
{
    if (!m_recorder.hasRun())
        return;
    rebuildCharts(); // a breaker seen for the first time adds its chart
    layoutCharts();
    for (LiveChart *c : m_charts) {
        // The chart's own region is covered by its viewport: ask the viewport
        // whether any of it is on screen (not scrolled away, not in a hidden dock).
        if (c->drawnRevision() == m_recorder.revision() || !c->isVisible() || c->viewport()->visibleRegion().isEmpty())
            continue;
        c->refresh(m_recorder);
    }
}

void ChartsPanel::rebuildCharts()
{
    std::vector<ChartSpec> specs = m_focusNode >= 0 ? ChartCatalog::forNode(m_recorder, m_focusNode)
                                 : m_focusEdge >= 0 ? ChartCatalog::forEdge(m_recorder, m_focusEdge)
                                                    : ChartCatalog::overview(m_recorder);
    QStringList titles;
    for (const ChartSpec &spec : specs)
        titles.append(spec.title);
    // The same focus asks for the same charts on every tick: keep them (and
    // their zoom-free state) unless the set changed.
    const QString key = QStringLiteral("%1/%2:").arg(m_focusNode).arg(m_focusEdge) + titles.join('|');
    if (key == m_chartsKey)
        return;
    for (LiveChart *chart : m_charts)
        delete chart;
    m_charts.clear();
    for (ChartSpec &spec : specs) {
        auto *chart = new LiveChart(std::move(spec), m_chartHost);
        chart->setObjectName(QStringLiteral("chart:") + chart->spec().title);
        m_charts.push_back(chart);
    }
    m_chartsKey = key;
    m_columns = 0;
    layoutCharts();
    updateHeading();
}

void ChartsPanel::layoutCharts()
{
    // As many columns as fit: a wide dock below the canvas shows the charts
    // side by side, a narrow one stacks them.
    // The panel's width, not the scroll area's: that is a hidden page of
    // default size until the first run shows it.
    const int available = std::max(width() - 16, chartMinimumWidth);
    const int columns
        = std::clamp(available / chartMinimumWidth, 1, std::max<int>(1, static_cast<int>(m_charts.size())));
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (LiveChart *chart : m_charts)
        m_grid->removeWidget(chart);
    for (std::size_t i = 0; i < m_charts.size(); ++i)
        m_grid->addWidget(m_charts[i], static_cast<int>(i) / columns, static_cast<int>(i) % columns);
    // Columns of an earlier focus keep their stretch otherwise, and take space while empty.
    for (int c = 0; c < std::max(columns, m_grid->columnCount()); ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
}

void ChartsPanel::updateHeading()
{
    const auto &nodes = m_recorder.nodes();
    const auto &edges = m_recorder.edges();
    if (!m_recorder.hasRun())
        m_heading->setText(tr("Charts"));
    else if (m_focusNode >= 0 && m_focusNode < static_cast<int>(nodes.size()))
        m_heading->setText(QStringLiteral("%1 %2").arg(kindName(nodes[std::size_t(m_focusNode)].kind),
                                                       nodes[std::size_t(m_focusNode)].name));
    else if (m_focusEdge >= 0 && m_focusEdge < static_cast<int>(edges.size()))
        m_heading->setText(tr("Edge %1").arg(edges[std::size_t(m_focusEdge)].name));
    else
        m_heading->setText(tr("Whole run"));
}

void ChartsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutCharts();
}

} // namespace asyncsim::ui
