#include "VersionSharesEditor.h"

#include "FieldProblem.h"
#include "NumberField.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace asyncsim::ui {

using models::VersionShare;

VersionSharesEditor::VersionSharesEditor(QWidget *parent)
    : RowTableEditor(parent)
{
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, 1);
    addColumnTitle(tr("version"), 0, tr("The schema version its messages carry."));
    addColumnTitle(tr("share"), 1, tr("The fraction of its messages with this version; the shares add up to 1."));
    QPushButton *add = addAddButton(tr("Add version"), "addVersion");
    connect(add, &QPushButton::clicked, this, &VersionSharesEditor::addVersion);
    setVersions({});
}

void VersionSharesEditor::setRowCount(int count)
{
    while (static_cast<int>(m_rows.size()) > count) {
        Row row = m_rows.back();
        m_rows.pop_back();
        // Later: this may run in the clicked() of the row's own button.
        for (QWidget *w : {static_cast<QWidget *>(row.version), static_cast<QWidget *>(row.share),
                           static_cast<QWidget *>(row.remove)}) {
            m_grid->removeWidget(w);
            w->hide();
            w->deleteLater();
        }
    }
    while (static_cast<int>(m_rows.size()) < count) {
        const int index = static_cast<int>(m_rows.size());
        Row row{new NumberField(this), new NumberField(this), new QToolButton(this)};
        row.version->setObjectName(QStringLiteral("version%1").arg(index));
        row.version->setDecimals(0);
        row.version->setLimits(1, 65535);
        row.version->setPrefix(QStringLiteral("v"));
        row.share->setObjectName(QStringLiteral("share%1").arg(index));
        row.share->setDecimals(3);
        row.share->setSingleStep(0.05);
        row.share->setLimits(0, 1);
        row.remove->setText(QStringLiteral("\u2715"));
        row.remove->setAutoRaise(true);
        row.remove->setToolTip(tr("Remove this version"));
        m_grid->addWidget(row.version, index + 1, 0);
        m_grid->addWidget(row.share, index + 1, 1);
        m_grid->addWidget(row.remove, index + 1, 2);
        connect(row.version, &NumberField::numberEdited, this, &VersionSharesEditor::onRowEdited);
        connect(row.share, &NumberField::numberEdited, this, &VersionSharesEditor::onRowEdited);
        connect(row.remove, &QToolButton::clicked, this, [this, index] { removeVersion(index); });
        m_rows.push_back(row);
    }
    setTitlesShown(count > 0);
}

void VersionSharesEditor::setVersions(const std::vector<VersionShare> &versions)
{
    setRowCount(static_cast<int>(versions.size()));
    for (std::size_t i = 0; i < versions.size(); ++i) {
        m_rows[i].version->setNumber(versions[i].version);
        m_rows[i].share->setNumber(versions[i].share);
    }
    m_note->setText(tr("Every message is v1."));
    m_note->setVisible(versions.empty());
    check();
}

void VersionSharesEditor::setMixed()
{
    setRowCount(0);
    m_note->setText(tr("Differs between the selected producers; adding a version gives them all one list."));
    m_note->show();
    m_reason->hide();
}

std::optional<std::vector<VersionShare>> VersionSharesEditor::versions() const
{
    std::vector<VersionShare> result;
    for (const Row &row : m_rows) {
        const int version = static_cast<int>(row.version->value());
        if (std::any_of(result.begin(), result.end(),
                        [version](const VersionShare &v) { return v.version == version; }))
            return std::nullopt;
        result.push_back({version, row.share->value()});
    }
    return result;
}

void VersionSharesEditor::check()
{
    QString reason;
    double total = 0;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const int version = static_cast<int>(m_rows[i].version->value());
        bool twice = false;
        for (std::size_t j = 0; j < i; ++j)
            twice = twice || static_cast<int>(m_rows[j].version->value()) == version;
        const QString problem = twice ? tr("v%1 is listed twice").arg(version) : QString();
        FieldProblem::set(m_rows[i].version, problem);
        if (reason.isEmpty())
            reason = problem;
        total += m_rows[i].share->value();
    }
    if (reason.isEmpty() && !m_rows.empty() && std::abs(total - 1) > 1e-6)
        reason = tr("The shares add up to %1; they must add up to 1.").arg(total);
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

void VersionSharesEditor::onRowEdited()
{
    check();
    if (const auto list = versions())
        Q_EMIT versionsEdited(*list);
}

void VersionSharesEditor::addVersion()
{
    auto list = versions();
    if (!list)
        return; // a version listed twice: fix it first
    int next = 1;
    for (const VersionShare &v : *list)
        next = std::max(next, v.version + 1);
    // A first row stands for the implicit v1 (everything), a later one starts at 0.
    list->push_back({next, list->empty() ? 1.0 : 0.0});
    setVersions(*list);
    Q_EMIT rowsChanged(*list);
}

void VersionSharesEditor::removeVersion(int row)
{
    for (int i = row; i + 1 < static_cast<int>(m_rows.size()); ++i) {
        m_rows[i].version->setNumber(m_rows[i + 1].version->value());
        m_rows[i].share->setNumber(m_rows[i + 1].share->value());
    }
    setRowCount(static_cast<int>(m_rows.size()) - 1);
    m_note->setVisible(m_rows.empty());
    check();
    if (const auto list = versions())
        Q_EMIT rowsChanged(*list);
}

} // namespace asyncsim::ui
