#pragma once

#include <QLabel>

#include <cstddef>

namespace asyncsim::models {
struct Topology;
}

namespace asyncsim::ui {

/// The capacity check for one service or queue, in words: its arrival rate
/// from the traffic equations, its capacity and utilisation, and what
/// queueing theory predicts for its waiting time and queue length (or why
/// nothing exact can be said). Read-only; shown before and during a run.
class CapacityView : public QLabel
{
    Q_OBJECT

public:
    explicit CapacityView(QWidget *parent = nullptr);

    /// Shows the check of node @p index of @p topology.
    void showNode(const models::Topology &topology, std::size_t index);
};

} // namespace asyncsim::ui
