#pragma once

#include "ui/Ids.h"

#include <QWidget>

QT_FORWARD_DECLARE_CLASS(QTreeWidget)
QT_FORWARD_DECLARE_CLASS(QTreeWidgetItem)
QT_FORWARD_DECLARE_CLASS(QTimer)

namespace asyncsim::ui {

class TopologyDocument;

/// Live validation of the whole topology: the errors and warnings of
/// models::checkTopology, recomputed shortly after every change. Activating
/// an entry asks for the node or edge it is about to be selected.
class ProblemsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProblemsPanel(TopologyDocument *document, QWidget *parent = nullptr);

    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }
    /// Recomputes now instead of on the next turn of the event loop.
    void refresh();

Q_SIGNALS:
    /// The user picked an entry; one of the two ids is valid, or neither for
    /// a fault's problem (select nothing: the faults table is on that page).
    void activated(asyncsim::ui::ComponentId component, asyncsim::ui::LinkId link);
    void countsChanged(int errors, int warnings);

private:
    void onItemActivated(QTreeWidgetItem *item);

    TopologyDocument *m_document; // not owned
    QTreeWidget *m_tree;
    QTimer *m_refreshTimer;
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace asyncsim::ui
