#include "LiveStatsView.h"

#include "RunController.h"
#include "ui/TopologyDocument.h"
#include "ui/inspector/DurationDisplay.h"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace asyncsim::ui {

namespace {

QString row(const QString &name, const QString &value)
{
    return QString("<tr><td>%1</td><td align=\"right\">&nbsp;&nbsp;%2</td></tr>").arg(name, value);
}

QString count(std::uint64_t n)
{
    return QString::number(n);
}

// A counter that only some topologies ever move: a row once it is not zero,
// so a simple topology's table stays short.
QString rowIfAny(const QString &name, std::uint64_t n)
{
    return n > 0 ? row(name, count(n)) : QString();
}

// RabbitMQ prefetch: what each consumer holds now against its limit. Without
// a limit a consumer holds only what its free workers take: no rows.
QString consumerRows(const models::NodeSnapshot &n, const models::Topology &topology)
{
    if (n.prefetch == 0)
        return {};
    QString rows;
    for (const models::QueueConsumerSnapshot &c : n.consumers) {
        const bool known = c.node >= 0 && static_cast<std::size_t>(c.node) < topology.nodes.size();
        QString name = known ? QString::fromStdString(topology.nodes[static_cast<std::size_t>(c.node)].id)
                             : QString::number(c.node);
        if (c.replica > 0)
            name += QObject::tr(", replica %1").arg(c.replica);
        rows += row(QString("&nbsp;&nbsp;") + name.toHtmlEscaped(),
                    QObject::tr("%1 / %2 (max %3)").arg(c.unacked).arg(n.prefetch).arg(c.unackedMax));
    }
    return rows.isEmpty() ? rows : row(QObject::tr("Unacked per consumer"), QString()) + rows;
}

// Kafka: which instance of each consumer group reads which partitions, so
// a rebalance can be watched as it moves them; the stopped ones are named.
QString groupRows(const models::NodeSnapshot &n, const models::Topology &topology)
{
    QString rows;
    for (const models::ConsumerGroupSnapshot &g : n.groups) {
        const bool known = g.node >= 0 && static_cast<std::size_t>(g.node) < topology.nodes.size();
        const QString name = known ? QString::fromStdString(topology.nodes[static_cast<std::size_t>(g.node)].id)
                                   : QString::number(g.node);
        const bool cooperative = g.assignor == models::Assignor::CooperativeSticky;
        const bool allStopped
            = !g.stopped.empty() && std::all_of(g.stopped.begin(), g.stopped.end(), [](bool s) { return s; });
        QString state = cooperative ? QObject::tr("cooperative sticky") : QObject::tr("range");
        if (g.rebalances > 0)
            state += g.rebalances == 1 ? QObject::tr(", 1 round") : QObject::tr(", %1 rounds").arg(g.rebalances);
        if (allStopped)
            state += QObject::tr(", all partitions stopped");
        rows += row(QObject::tr("Group %1").arg(name.toHtmlEscaped()), state);
        // Instances in order (from 1, as people count them), then what has no owner.
        std::int32_t instances = 0;
        for (std::int32_t owner : g.owner)
            instances = std::max(instances, owner + 1);
        for (std::int32_t i = 0; i < instances; ++i) {
            QStringList parts;
            for (std::size_t p = 0; p < g.owner.size(); ++p)
                if (g.owner[p] == i)
                    parts << (g.stopped[p] && !allStopped ? QObject::tr("%1 (revoking)").arg(p) : QString::number(p));
            if (!parts.isEmpty())
                rows += row(QObject::tr("&nbsp;&nbsp;instance %1").arg(i + 1), parts.join(QLatin1Char(' ')));
        }
        QStringList waiting;
        for (std::size_t p = 0; p < g.owner.size(); ++p)
            if (g.owner[p] < 0)
                waiting << QString::number(p);
        if (!waiting.isEmpty())
            rows += row(QObject::tr("&nbsp;&nbsp;no owner"), waiting.join(QLatin1Char(' ')));
    }
    return rows;
}

QString nodeRows(const models::NodeSnapshot &n, const models::Topology &topology)
{
    using models::NodeKind;
    QString rows;
    switch (n.kind) {
    case NodeKind::Producer:
        rows += row(QObject::tr("Produced"), count(n.departures));
        break;
    case NodeKind::Queue:
        rows += row(QObject::tr("Waiting"), count(n.waiting) + (n.capacity ? " / " + count(*n.capacity) : QString()));
        rows += row(QObject::tr("Unacknowledged"), count(n.unacked));
        rows += consumerRows(n, topology);
        rows += row(QObject::tr("Arrivals"), count(n.arrivals));
        rows += row(QObject::tr("Delivered"), count(n.departures));
        rows += row(QObject::tr("Dropped"), count(n.drops));
        rows += row(QObject::tr("Dead-lettered"), count(n.deadLettered));
        rows += row(QObject::tr("Expired"), count(n.expired));
        rows += row(QObject::tr("Duplicates"), count(n.duplicates));
        rows += rowIfAny(QObject::tr("Deduplicated"), n.deduplicated);
        rows += rowIfAny(QObject::tr("Requeued"), n.requeues);
        break;
    case NodeKind::Service:
        rows += row(QObject::tr("Busy workers"), QString("%1 / %2").arg(n.busyWorkers).arg(n.workers));
        rows += row(QObject::tr("In line"), count(n.waiting) + (n.capacity ? " / " + count(*n.capacity) : QString()));
        rows += row(QObject::tr("Arrivals"), count(n.arrivals));
        rows += row(QObject::tr("Completed"), count(n.departures));
        rows += row(QObject::tr("Failed"), count(n.failures));
        rows += row(QObject::tr("Dropped"), count(n.drops));
        rows += row(QObject::tr("Duplicates"), count(n.duplicates));
        rows += row(QObject::tr("Out of order"), count(n.outOfOrder));
        rows += rowIfAny(QObject::tr("Version rejections"), n.versionRejections);
        rows += rowIfAny(QObject::tr("Upcasts"), n.upcasts);
        rows += rowIfAny(QObject::tr("Hangs"), n.hangs);
        rows += row(QObject::tr("Response p50"), approxSecondsText(n.responseP50));
        rows += row(QObject::tr("Response p95"), approxSecondsText(n.responseP95));
        rows += row(QObject::tr("Response p99"), approxSecondsText(n.responseP99));
        break;
    case NodeKind::Sink:
        rows += row(QObject::tr("Received"), count(n.arrivals));
        break;
    case NodeKind::DeadLetter:
        rows += row(QObject::tr("Held"), count(n.waiting));
        rows += row(QObject::tr("Received"), count(n.deadLettered));
        for (std::size_t r = 0; r < n.deadLettersByReason.size(); ++r)
            if (n.deadLettersByReason[r] > 0)
                rows += row(QString("&nbsp;&nbsp;")
                                + models::deadLetterReasonName(static_cast<models::DeadLetterReason>(r)),
                            count(n.deadLettersByReason[r]));
        rows += row(QObject::tr("Redriven"), count(n.redriven));
        break;
    case NodeKind::Topic: {
        rows += row(QObject::tr("Unread copies"), count(n.waiting));
        rows += row(QObject::tr("Records"), count(n.arrivals));
        rows += row(QObject::tr("Read"), count(n.departures));
        rows += row(QObject::tr("Lost to retention"), count(n.lostToRetention));
        QStringList lags;
        for (std::uint64_t lag : n.partitionLag)
            lags << count(lag);
        rows += row(QObject::tr("Lag by partition"), lags.join(" "));
        rows += groupRows(n, topology);
        break;
    }
    }
    return rows;
}

QString ledgerRows(const models::LedgerSnapshot &l)
{
    QString rows;
    rows += row(QObject::tr("Produced"), count(l.produced));
    rows += row(QObject::tr("Forked (copies)"), count(l.forked));
    rows += row(QObject::tr("Duplicated"), count(l.duplicated));
    rows += row(QObject::tr("Redriven"), count(l.redriven));
    rows += row(QObject::tr("Completed"), count(l.completed));
    rows += row(QObject::tr("Failed"), count(l.failed));
    rows += row(QObject::tr("Dead-lettered"), count(l.deadLettered));
    rows += row(QObject::tr("Dropped"), count(l.dropped));
    rows += row(QObject::tr("Expired"), count(l.expired));
    rows += row(QObject::tr("Lost to retention"), count(l.lostToRetention));
    rows += row(QObject::tr("In flight"), count(l.inFlight));
    return rows;
}

} // namespace

LiveStatsView::LiveStatsView(RunController *controller, TopologyDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_document(document)
    , m_title(new QLabel(this))
    , m_body(new QLabel(this))
{
    setObjectName("liveStats");
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_body->setTextFormat(Qt::RichText);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    layout->addWidget(m_body);
    connect(controller, &RunController::snapshotReady, this, [this] {
        if (!m_sinceRefresh.isValid() || m_sinceRefresh.elapsed() >= 200
            || m_controller->state() != RunController::State::Running)
            refresh();
    });
    connect(controller, &RunController::stateChanged, this, &LiveStatsView::refresh);
    refresh();
}

void LiveStatsView::setComponent(ComponentId id)
{
    m_component = id;
    refresh();
}

QString LiveStatsView::text() const
{
    return m_title->text() + "\n" + m_body->text();
}

void LiveStatsView::refresh()
{
    m_sinceRefresh.start();
    const auto &snapshot = m_controller->latestSnapshot();
    if (!m_controller->hasRun() || !snapshot) {
        hide();
        return;
    }
    show();
    const QString at = tr("t = %1").arg(approxSecondsText(snapshot->now.toSeconds()));
    if (m_component == InvalidComponentId || !m_document->contains(m_component)) {
        m_title->setText(tr("Live: whole run, %1").arg(at));
        m_body->setText("<table>" + ledgerRows(snapshot->ledger) + "</table>");
        return;
    }
    const std::string &name = m_document->node(m_component).id;
    const int index = m_controller->topology().nodeIndex(name);
    if (index < 0 || static_cast<std::size_t>(index) >= snapshot->nodes.size()) {
        m_title->setText(tr("Live: %1").arg(QString::fromStdString(name)));
        m_body->setText(tr("Not in the running topology: it takes part in the next run."));
        return;
    }
    m_title->setText(tr("Live: %1, %2").arg(QString::fromStdString(name), at));
    m_body->setText("<table>" + nodeRows(snapshot->nodes[static_cast<std::size_t>(index)], m_controller->topology())
                    + "</table>");
}

} // namespace asyncsim::ui
