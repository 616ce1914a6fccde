#pragma once

#include "RowTableEditor.h"

#include "models/Topology.h" // after Qt: moc needs the Qt headers first

#include <optional>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QGridLayout)
QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QToolButton)

namespace asyncsim::ui {

class NumberField;

/// A producer's schema versions as a small table of version and share, with
/// buttons to add and remove rows. Shares that do not add up to 1 are
/// applied with a warning (fixing them takes two edits); a version listed
/// twice is refused.
class VersionSharesEditor : public RowTableEditor
{
    Q_OBJECT

public:
    explicit VersionSharesEditor(QWidget *parent = nullptr);

    /// Shows @p versions, reusing the rows when their number is unchanged.
    void setVersions(const std::vector<models::VersionShare> &versions);
    /// The selected producers differ: no rows, a note.
    void setMixed();
    /// The rows' versions, unless one is listed twice.
    std::optional<std::vector<models::VersionShare>> versions() const;

Q_SIGNALS:
    /// The user typed in a row (successive edits may merge into one step).
    void versionsEdited(const std::vector<asyncsim::models::VersionShare> &versions);
    /// The user added or removed a row: a step of its own.
    void rowsChanged(const std::vector<asyncsim::models::VersionShare> &versions);

private:
    struct Row
    {
        NumberField *version;
        NumberField *share;
        QToolButton *remove;
    };

    void setRowCount(int count);
    void addVersion();
    void removeVersion(int row);
    void onRowEdited();
    void check();

    std::vector<Row> m_rows;
};

} // namespace asyncsim::ui
