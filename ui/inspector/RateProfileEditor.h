#pragma once

#include "RowTableEditor.h"

#include "models/Topology.h" // after Qt: moc needs the Qt headers first

#include <vector>

QT_FORWARD_DECLARE_CLASS(QCheckBox)
QT_FORWARD_DECLARE_CLASS(QGridLayout)
QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QToolButton)

namespace asyncsim::ui {

class DurationEdit;
class NumberField;

/// A producer's rate profile as a small table: from "at" on, the rate is
/// multiplied by "factor" (reached by a ramp from the previous point when
/// ticked). Rows are added and removed with buttons.
class RateProfileEditor : public RowTableEditor
{
    Q_OBJECT

public:
    explicit RateProfileEditor(QWidget *parent = nullptr);

    /// Shows @p points, reusing the rows (and keeping a cursor) when their
    /// number is unchanged. Emits nothing.
    void setProfile(const std::vector<models::RatePoint> &points);
    /// The selected producers differ: no rows, a note; adding a point starts
    /// a new profile for all.
    void setMixed();
    /// The points the rows describe, if every "at" is a duration.
    std::optional<std::vector<models::RatePoint>> profile() const;

Q_SIGNALS:
    /// The user typed in a row (successive edits may merge into one step).
    void profileEdited(const std::vector<asyncsim::models::RatePoint> &points);
    /// The user added or removed a row: a step of its own.
    void rowsChanged(const std::vector<asyncsim::models::RatePoint> &points);

private:
    struct Row
    {
        DurationEdit *at;
        NumberField *factor;
        QCheckBox *ramp;
        QToolButton *remove;
    };

    void setRowCount(int count);
    void addPoint();
    void removePoint(int row);
    void onRowEdited();
    void checkOrder();

    std::vector<Row> m_rows;
};

} // namespace asyncsim::ui
