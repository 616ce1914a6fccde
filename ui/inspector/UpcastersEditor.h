#pragma once

#include "RowTableEditor.h"

#include "models/Topology.h" // after Qt: moc needs the Qt headers first

#include <optional>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QToolButton)

namespace asyncsim::ui {

class DurationEdit;
class NumberField;

/// A service's upcaster chain as a small table: the version each step reads
/// (it writes the next) and its CPU cost, with buttons to add and remove
/// steps. The cost is edited as a fixed duration; a distribution from a file
/// shows its mean until it is edited. A version listed twice is refused.
class UpcastersEditor : public RowTableEditor
{
    Q_OBJECT

public:
    explicit UpcastersEditor(QWidget *parent = nullptr);

    /// Shows @p steps, reusing the rows when their number is unchanged.
    void setUpcasters(const std::vector<models::UpcasterSpec> &steps);
    /// The selected services differ: no rows, a note.
    void setMixed();
    /// The rows' steps in ascending order, unless a version is listed twice.
    std::optional<std::vector<models::UpcasterSpec>> upcasters() const;

Q_SIGNALS:
    /// The user typed in a row (successive edits may merge into one step).
    void upcastersEdited(const std::vector<asyncsim::models::UpcasterSpec> &steps);
    /// The user added or removed a row: a step of its own.
    void rowsChanged(const std::vector<asyncsim::models::UpcasterSpec> &steps);

private:
    struct Row
    {
        NumberField *from;
        DurationEdit *cost;
        QToolButton *remove;
    };

    void setRowCount(int count);
    void addStep();
    void removeStep(int row);
    void onRowEdited();
    void check();

    std::vector<Row> m_rows;
    std::vector<sim::Distribution> m_costs; // per row: the cost as given (kept until its row is edited)
};

} // namespace asyncsim::ui
