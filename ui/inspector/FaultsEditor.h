#pragma once

#include "RowTableEditor.h"

#include "models/Topology.h" // after Qt: moc needs the Qt headers first

#include <QStringList>

#include <optional>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QCheckBox)
QT_FORWARD_DECLARE_CLASS(QComboBox)
QT_FORWARD_DECLARE_CLASS(QToolButton)

namespace asyncsim::ui {

class DurationEdit;
class NumberField;

/// The faults timeline as a small table: a switched-on fault, from "at", for
/// "for" (empty: to the end of the run), of some kind hits a target node; the last column
/// holds the kind's parameter (an outage's mode, a factor, a probability, a
/// number of workers, or a partition's peer node). Rows are added and removed with buttons.
class FaultsEditor : public RowTableEditor
{
    Q_OBJECT

public:
    explicit FaultsEditor(QWidget *parent = nullptr);

    /// Shows @p faults, with @p targets (the node ids) to choose from; reuses
    /// the rows when their number is unchanged. Emits nothing.
    /// A partition's peer is chosen from @p peers (empty: from @p targets).
    void setFaults(const std::vector<models::FaultSpec> &faults, const QStringList &targets,
                   const QStringList &peers = {});
    /// The faults the rows describe, if every duration in them is valid.
    std::optional<std::vector<models::FaultSpec>> faults() const;

Q_SIGNALS:
    /// The user typed in a field of a row, named by @p property ("fault 2
    /// start"): successive edits of one field merge into one step.
    void faultsEdited(const std::vector<asyncsim::models::FaultSpec> &faults, const QString &property);
    /// The user added or removed a row or made a choice: a step of its own.
    void faultsChosen(const std::vector<asyncsim::models::FaultSpec> &faults);

private:
    struct Row
    {
        DurationEdit *at;
        DurationEdit *length;
        QComboBox *target;
        QComboBox *kind;
        QComboBox *mode;    // Outage
        NumberField *value; // Latency, Traffic: factor; Errors: probability; Scale: workers
        QComboBox *peer;    // Partition: the node cut off from the target
        QToolButton *remove;
        QCheckBox *on = nullptr; // switched on (applied); toggling it during a run takes effect at once
    };

    void setRowCount(int count);
    void showRow(std::size_t index);
    /// Fills @p combo with @p names (plus @p current if missing) and selects @p current.
    void fillTargets(QComboBox *combo, const QStringList &names, const QString &current) const;
    void showParameter(const Row &row, const models::FaultSpec &fault) const;
    /// The peer a partition row names: its choice, else the fault's, else the first other node.
    std::string peerOf(const Row &row, const models::FaultSpec &fault) const;
    void addFault();
    void removeFault(int row);
    void onTyped(const QString &property);
    void onChosen();
    void checkRows();

    std::vector<Row> m_rows;
    std::vector<models::FaultSpec> m_faults; // as last shown, for the fields a row does not show
    QStringList m_targets;
    QStringList m_peers;
};

} // namespace asyncsim::ui
