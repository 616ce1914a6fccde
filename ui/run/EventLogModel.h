#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include "models/RunLog.h"
#include "models/Topology.h"

#include <deque>
#include <vector>

namespace asyncsim::ui {

/// The run log as a table (time, kind, where, text), bounded: past its
/// capacity the oldest entries go, and droppedCount() says how many.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, KindColumn, WhereColumn, TextColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole, ///< the RunLogKind, as an int
        NodeRole,                ///< the node index, or -1
        EdgeRole,                ///< the edge index, or -1
    };

    explicit EventLogModel(QObject *parent = nullptr);

    /// Forgets the entries and takes the node and edge names of @p topology.
    void startRun(const models::Topology &topology);
    /// Adds @p entries (oldest first) after the others, dropping the oldest beyond the capacity.
    void append(const std::vector<models::RunLogEntry> &entries);
    void clear();

    std::size_t capacity() const { return m_capacity; }
    /// Takes effect at the next append().
    void setCapacity(std::size_t capacity) { m_capacity = std::max<std::size_t>(capacity, 1); }
    /// Entries dropped to keep within the capacity since startRun() or clear().
    std::uint64_t droppedCount() const { return m_dropped; }
    const models::RunLogEntry &entry(int row) const { return m_entries[static_cast<std::size_t>(row)]; }
    /// "orders" for a node, "api → orders" for an edge, "" for neither.
    QString placeOf(const models::RunLogEntry &entry) const;

    /// Simulated time as the log shows it: "2.350s", "1m 02.350s", "1h 01m 02.350s".
    static QString formatTime(sim::Time at);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::size_t m_capacity = 5000;
    std::uint64_t m_dropped = 0;
    std::deque<models::RunLogEntry> m_entries;
    QStringList m_nodeNames;
    QStringList m_edgeNames;
};

} // namespace asyncsim::ui
