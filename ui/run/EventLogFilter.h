#pragma once

#include <QSortFilterProxyModel>

#include "models/RunLog.h"

#include <bitset>

namespace asyncsim::ui {

/// Which event-log entries are shown: by kind, and by a text that the place
/// or the text of an entry must contain (case-insensitive).
class EventLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit EventLogFilter(QObject *parent = nullptr);

    void setKindShown(models::RunLogKind kind, bool shown);
    bool isKindShown(models::RunLogKind kind) const;
    /// Whether some kind is hidden.
    bool hidesSomeKind() const { return !m_shown.all(); }
    void setText(const QString &text);
    const QString &text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::bitset<static_cast<std::size_t>(models::RunLogKind::Count)> m_shown;
    QString m_text;
};

} // namespace asyncsim::ui
