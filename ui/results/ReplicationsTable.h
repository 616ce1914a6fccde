#pragma once

#include "models/ReplicationSummary.h"

#include <QTreeWidget>

namespace asyncsim::ui {

/// A replication summary as a tree: the ledger, each node, each flow and
/// each call or resilient publish edge, with their metrics as rows (mean ± half-width, low, high, n).
class ReplicationsTable : public QTreeWidget
{
    Q_OBJECT

public:
    explicit ReplicationsTable(QWidget *parent = nullptr);

    void showSummary(const models::ReplicationSummary &summary);
    /// The row of @p metric under the group @p group ("ledger", a node id,
    /// "from -> to" for a flow, "edge from -> to" for an edge), or null.
    QTreeWidgetItem *row(const QString &group, const QString &metric) const;
};

} // namespace asyncsim::ui
