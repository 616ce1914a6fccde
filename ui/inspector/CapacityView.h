#pragma once

#include <QLabel>
#include <QPointer>

#include <cstddef>

namespace asyncsim::models {
struct Topology;
struct RunResults;
} // namespace asyncsim::models

namespace asyncsim::ui {

class TopologyDocument;

/// The capacity check for one service or queue, in words: its arrival rate
/// from the traffic equations, its capacity and utilisation, and what
/// queueing theory predicts for its waiting time and queue length (or why
/// nothing exact can be said). After a run, what the simulation measured
/// stands beside the prediction, as long as the model is unchanged since.
/// Read-only; shown before and during a run.
class CapacityView : public QLabel
{
    Q_OBJECT

public:
    explicit CapacityView(QWidget *parent = nullptr);

    /// Shows the check of node @p index of @p document's topology with its
    /// last run's measurements, and follows the document's next runs.
    void showNode(const TopologyDocument &document, std::size_t index);
    /// Shows the check of node @p index of @p topology, with what @p measured
    /// (a run of it; may be null) found there.
    void showNode(const models::Topology &topology, std::size_t index, const models::RunResults *measured = nullptr);

private:
    void refresh();

    QPointer<const TopologyDocument> m_document;
    std::size_t m_index = 0;
    QMetaObject::Connection m_runConnection;
};

} // namespace asyncsim::ui
