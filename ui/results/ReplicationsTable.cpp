#include "ReplicationsTable.h"

#include "models/EstimateText.h"

#include <QHeaderView>

#include <algorithm>
#include <cmath>

namespace asyncsim::ui {

namespace {

void addGroup(QTreeWidget *tree, const models::MetricGroup &g, const QString &title, const QString &key)
{
    auto *group = new QTreeWidgetItem(tree, {title});
    group->setData(0, Qt::UserRole, key);
    group->setFirstColumnSpanned(true);
    for (const models::Metric &m : g.metrics) {
        const bool duration = m.unit == models::MetricUnit::Seconds;
        const models::Estimate &e = m.estimate;
        const bool interval = std::isfinite(e.halfWidth);
        auto *row = new QTreeWidgetItem(group);
        row->setText(0, QString::fromStdString(m.name));
        const models::EstimateFormat format = models::formatFor(e, duration);
        row->setText(1, QString::fromStdString(models::formatEstimate(e, duration)));
        // Every metric here is a count, a rate, a level or a time: never
        // negative, so a bound below zero reads as zero.
        row->setText(2, interval ? QString::fromStdString(format.number(std::max(0.0, e.low()))) : QString());
        row->setText(3, interval ? QString::fromStdString(format.number(e.high())) : QString());
        row->setText(4, QString::number(e.n));
        for (int c = 1; c <= 4; ++c)
            row->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (interval && e.relativeHalfWidth() > models::WideIntervalThreshold)
            row->setToolTip(1, ReplicationsTable::tr("Known only to ±%1%: run longer or add replications.")
                                   .arg(e.relativeHalfWidth() * 100, 0, 'f', 0));
    }
}

} // namespace

ReplicationsTable::ReplicationsTable(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName("replicationsTable");
    setColumnCount(5);
    setHeaderLabels({tr("Metric"), tr("Mean ± 95%"), tr("Low"), tr("High"), tr("Runs")});
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < columnCount(); ++c)
        header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
}

void ReplicationsTable::showSummary(const models::ReplicationSummary &s)
{
    clear();
    const auto id = [](const models::MetricGroup &g) { return QString::fromStdString(g.id); };
    addGroup(this, s.ledger, tr("Ledger (messages per run)"), id(s.ledger));
    for (const models::MetricGroup &g : s.nodes)
        addGroup(this, g, QStringLiteral("%1 (%2)").arg(id(g), QString::fromStdString(g.kind)), id(g));
    for (const models::MetricGroup &g : s.flows)
        addGroup(this, g, tr("flow %1").arg(id(g)), id(g));
    // An edge can join the same two nodes as a flow: its key says "edge".
    for (const models::MetricGroup &g : s.edges)
        addGroup(this, g, tr("%1 edge %2").arg(QString::fromStdString(g.kind), id(g)), QStringLiteral("edge ") + id(g));
    expandAll();
}

QTreeWidgetItem *ReplicationsTable::row(const QString &group, const QString &metric) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *g = topLevelItem(i);
        if (g->data(0, Qt::UserRole).toString() != group)
            continue;
        for (int j = 0; j < g->childCount(); ++j)
            if (g->child(j)->text(0) == metric)
                return g->child(j);
    }
    return nullptr;
}

} // namespace asyncsim::ui
