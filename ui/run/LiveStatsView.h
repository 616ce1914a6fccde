#pragma once

#include "ui/Ids.h"

#include <QElapsedTimer>
#include <QWidget>

#include "models/RunSnapshot.h"

#include <memory>

QT_FORWARD_DECLARE_CLASS(QLabel)

namespace asyncsim::ui {

class RunController;
class TopologyDocument;

/// The inspector's read-only "Live" section: the selected node's numbers
/// from the newest snapshot, while a run exists; hidden otherwise.
class LiveStatsView : public QWidget
{
    Q_OBJECT

public:
    LiveStatsView(RunController *controller, TopologyDocument *document, QWidget *parent = nullptr);

    /// Shows the numbers of @p id (InvalidComponentId: the run's totals).
    void setComponent(ComponentId id);
    /// The text shown, for tests.
    QString text() const;

private:
    void refresh();

    RunController *m_controller;  // not owned
    TopologyDocument *m_document; // not owned
    ComponentId m_component = InvalidComponentId;
    QElapsedTimer m_sinceRefresh; // numbers change at most a few times a second: readable, and cheap
    QLabel *m_title;
    QLabel *m_body;
};

} // namespace asyncsim::ui
