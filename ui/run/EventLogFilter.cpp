#include "EventLogFilter.h"

#include "EventLogModel.h"

namespace asyncsim::ui {

EventLogFilter::EventLogFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    m_shown.set();
}

void EventLogFilter::setKindShown(models::RunLogKind kind, bool shown)
{
    if (isKindShown(kind) == shown)
        return;
    m_shown.set(static_cast<std::size_t>(kind), shown);
    invalidateFilter();
}

bool EventLogFilter::isKindShown(models::RunLogKind kind) const
{
    return m_shown.test(static_cast<std::size_t>(kind));
}

void EventLogFilter::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool EventLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex kindIndex = model->index(sourceRow, EventLogModel::KindColumn, sourceParent);
    const int kind = model->data(kindIndex, EventLogModel::KindRole).toInt();
    if (kind < 0 || kind >= static_cast<int>(m_shown.size()) || !m_shown.test(static_cast<std::size_t>(kind)))
        return false;
    if (m_text.isEmpty())
        return true;
    for (const int column : {EventLogModel::KindColumn, EventLogModel::WhereColumn, EventLogModel::TextColumn})
        if (model->data(model->index(sourceRow, column, sourceParent)).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace asyncsim::ui
