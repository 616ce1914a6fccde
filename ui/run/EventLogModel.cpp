#include "EventLogModel.h"

namespace asyncsim::ui {

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void EventLogModel::startRun(const models::Topology &topology)
{
    clear();
    m_nodeNames.clear();
    m_edgeNames.clear();
    for (const models::NodeSpec &node : topology.nodes)
        m_nodeNames.append(QString::fromStdString(node.id));
    for (const models::EdgeSpec &edge : topology.edges)
        m_edgeNames.append(QString::fromStdString(edge.from) + QStringLiteral(" → ") + QString::fromStdString(edge.to));
}

void EventLogModel::append(const std::vector<models::RunLogEntry> &entries)
{
    if (entries.empty())
        return;
    // Of a batch larger than the capacity only its newest entries are ever shown.
    const std::size_t incoming = std::min(entries.size(), m_capacity);
    const std::size_t skipped = entries.size() - incoming;
    const std::size_t overflow
        = m_entries.size() + incoming > m_capacity ? m_entries.size() + incoming - m_capacity : 0;
    if (overflow > 0) {
        beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + static_cast<std::ptrdiff_t>(overflow));
        endRemoveRows();
    }
    m_dropped += overflow + skipped;
    const int first = static_cast<int>(m_entries.size());
    beginInsertRows({}, first, first + static_cast<int>(incoming) - 1);
    m_entries.insert(m_entries.end(), entries.begin() + static_cast<std::ptrdiff_t>(skipped), entries.end());
    endInsertRows();
}

void EventLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_dropped = 0;
    endResetModel();
}

QString EventLogModel::placeOf(const models::RunLogEntry &entry) const
{
    if (entry.edge >= 0 && entry.edge < m_edgeNames.size())
        return m_edgeNames[entry.edge];
    if (entry.node >= 0 && entry.node < m_nodeNames.size())
        return m_nodeNames[entry.node];
    return {};
}

QString EventLogModel::formatTime(sim::Time at)
{
    // Rounded to the millisecond on the integer nanoseconds, so 59.9996 s
    // becomes "1m 00.000s" and never "60.000s".
    const std::int64_t ms = (std::max<std::int64_t>(at.ns(), 0) + 500'000) / 1'000'000;
    const std::int64_t hours = ms / 3'600'000;
    const std::int64_t minutes = ms / 60'000 % 60;
    const double seconds = static_cast<double>(ms % 60'000) / 1000.0;
    if (hours > 0)
        return QStringLiteral("%1h %2m %3s")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(seconds, 6, 'f', 3, QLatin1Char('0'));
    if (minutes > 0)
        return QStringLiteral("%1m %2s").arg(minutes).arg(seconds, 6, 'f', 3, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(seconds, 0, 'f', 3);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const models::RunLogEntry &e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return formatTime(e.at);
        case KindColumn:
            return QString::fromUtf8(models::runLogKindName(e.kind));
        case WhereColumn:
            return placeOf(e);
        case TextColumn:
            return QString::fromStdString(e.text);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KindRole:
        return static_cast<int>(e.kind);
    case NodeRole:
        return e.node;
    case EdgeRole:
        return e.edge;
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case WhereColumn:
        return tr("Where");
    case TextColumn:
        return tr("What happened");
    default:
        return {};
    }
}

} // namespace asyncsim::ui
