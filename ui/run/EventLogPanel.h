#pragma once

#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QWidget>

#include "models/RunLog.h"
#include "models/Topology.h"

#include <vector>

QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QLineEdit)
QT_FORWARD_DECLARE_CLASS(QModelIndex)
QT_FORWARD_DECLARE_CLASS(QStackedWidget)
QT_FORWARD_DECLARE_CLASS(QTableView)
QT_FORWARD_DECLARE_CLASS(QToolButton)

namespace asyncsim::ui {

class EventLogFilter;
class EventLogModel;

/// The run's log of notable events for a dock: newest at the bottom and
/// followed unless the user scrolled up, filtered by kind and by text,
/// bounded to the newest entries. Activating an entry asks for its node or edge.
class EventLogPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EventLogPanel(QWidget *parent = nullptr);

    /// Forgets the entries and takes the node and edge names of @p topology.
    void startRun(const models::Topology &topology);
    /// Adds @p entries (oldest first), e.g. RunSnapshot::log.
    void append(const std::vector<models::RunLogEntry> &entries);
    void clear();

    /// Shows or hides the entries of @p kind (as the kinds menu does).
    void setKindShown(models::RunLogKind kind, bool shown);
    /// Shows only the entries whose kind, place or text contain @p text (as the filter field does).
    void setFilterText(const QString &text);

    EventLogModel *model() const { return m_model; }
    EventLogFilter *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    /// The line under the table: how many entries, shown and dropped.
    QString statusText() const;
    /// Whether the view keeps the newest entry in sight.
    bool isFollowing() const { return m_following; }

Q_SIGNALS:
    /// The user activated an entry about node @p nodeIndex or edge @p edgeIndex (-1: none).
    void entryActivated(int nodeIndex, int edgeIndex);

private:
    void onClicked(const QModelIndex &index);
    void onActivated(const QModelIndex &index);
    void emitFor(const QModelIndex &index);
    void updateStatus();
    void updateKindButton();

    EventLogModel *m_model;
    EventLogFilter *m_filter;
    QTableView *m_view;
    QToolButton *m_kinds;
    QLineEdit *m_search;
    QLabel *m_status;
    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    bool m_following = true;
    // The last click, so that the activation a click also triggers (on
    // single-click desktops, or a double click) does not ask twice.
    QPersistentModelIndex m_clicked;
    QElapsedTimer m_sinceClick;
};

} // namespace asyncsim::ui
