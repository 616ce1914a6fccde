#include "RateProfileEditor.h"

#include "DurationDisplay.h"
#include "DurationEdit.h"
#include "FieldProblem.h"
#include "NumberField.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace asyncsim::ui {

using models::RatePoint;

RateProfileEditor::RateProfileEditor(QWidget *parent)
    : RowTableEditor(parent)
{
    m_grid->setColumnStretch(0, 3);
    m_grid->setColumnStretch(1, 2);
    addColumnTitle(tr("from"), 0, tr("When the factor takes effect, from the start of the run."));
    addColumnTitle(tr("rate \u00d7"), 1, tr("The producer's rate is multiplied by this."));
    addColumnTitle(tr("ramp"), 2, tr("Move linearly from the previous point's factor instead of jumping."));
    QPushButton *add = addAddButton(tr("Add point"), "addPoint", tr("Adds a point after the last one."));
    connect(add, &QPushButton::clicked, this, &RateProfileEditor::addPoint);
    setProfile({});
}

void RateProfileEditor::setRowCount(int count)
{
    while (static_cast<int>(m_rows.size()) > count) {
        Row row = m_rows.back();
        m_rows.pop_back();
        // Later: this may run in the clicked() of the row's own button.
        for (QWidget *w : {static_cast<QWidget *>(row.at), static_cast<QWidget *>(row.factor),
                           static_cast<QWidget *>(row.ramp), static_cast<QWidget *>(row.remove)}) {
            m_grid->removeWidget(w);
            w->hide();
            w->deleteLater();
        }
    }
    while (static_cast<int>(m_rows.size()) < count) {
        const int index = static_cast<int>(m_rows.size());
        Row row{new DurationEdit(this), new NumberField(this), new QCheckBox(this), new QToolButton(this)};
        row.at->setObjectName(QStringLiteral("pointAt%1").arg(index));
        row.factor->setObjectName(QStringLiteral("pointFactor%1").arg(index));
        row.factor->setDecimals(2);
        row.factor->setSingleStep(0.1);
        row.factor->setLimits(0, 1e6);
        row.factor->setSuffix(QStringLiteral("\u00d7"));
        row.ramp->setToolTip(tr("Ramp from the previous point"));
        row.remove->setText(QStringLiteral("\u2715"));
        row.remove->setAutoRaise(true);
        row.remove->setToolTip(tr("Remove this point"));
        const int gridRow = index + 1;
        m_grid->addWidget(row.at, gridRow, 0);
        m_grid->addWidget(row.factor, gridRow, 1);
        m_grid->addWidget(row.ramp, gridRow, 2, Qt::AlignCenter);
        m_grid->addWidget(row.remove, gridRow, 3);
        connect(row.at, &QLineEdit::textEdited, this, &RateProfileEditor::onRowEdited);
        connect(row.factor, &NumberField::numberEdited, this, &RateProfileEditor::onRowEdited);
        connect(row.ramp, &QCheckBox::clicked, this, &RateProfileEditor::onRowEdited);
        connect(row.remove, &QToolButton::clicked, this, [this, index] { removePoint(index); });
        m_rows.push_back(row);
    }
    setTitlesShown(count > 0);
}

void RateProfileEditor::setProfile(const std::vector<RatePoint> &points)
{
    setRowCount(static_cast<int>(points.size()));
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Row &row = m_rows[i];
        row.at->setDuration(points[i].at);
        row.factor->setNumber(points[i].factor);
        const QSignalBlocker blocker(row.ramp);
        row.ramp->setChecked(points[i].ramp);
        row.ramp->setEnabled(i > 0); // the first point has nothing to ramp from
    }
    m_note->setText(tr("Constant rate. Add points to vary it over the run."));
    m_note->setVisible(points.empty());
    checkOrder();
}

void RateProfileEditor::setMixed()
{
    setRowCount(0);
    m_note->setText(tr("Differs between the selected producers; adding a point gives them all one profile."));
    m_note->show();
    m_reason->hide();
}

std::optional<std::vector<RatePoint>> RateProfileEditor::profile() const
{
    std::vector<RatePoint> points;
    for (const Row &row : m_rows) {
        const auto at = row.at->duration();
        if (!at || !FieldProblem::of(row.at).isEmpty())
            return std::nullopt;
        points.push_back({*at, row.factor->value(), row.ramp->isChecked()});
    }
    return points;
}

void RateProfileEditor::checkOrder()
{
    QString first;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        QString reason = row.at->problem();
        if (reason.isEmpty() && i > 0) {
            const auto previous = m_rows[i - 1].at->duration();
            const auto at = row.at->duration();
            if (previous && at && *at <= *previous)
                reason = tr("must be later than the previous point (%1)").arg(durationDisplayText(*previous));
        }
        FieldProblem::set(row.at, reason);
        if (first.isEmpty() && !reason.isEmpty())
            first = tr("Point %1: %2").arg(i + 1).arg(reason);
    }
    m_reason->setText(first);
    m_reason->setVisible(!first.isEmpty());
}

void RateProfileEditor::onRowEdited()
{
    checkOrder();
    if (const auto points = profile())
        Q_EMIT profileEdited(*points);
}

void RateProfileEditor::addPoint()
{
    std::vector<RatePoint> points = profile().value_or(std::vector<RatePoint>{});
    if (points.size() != m_rows.size())
        return; // a refused row: fix it first
    if (points.empty())
        points.push_back({sim::Duration::seconds(10), 2.0, false});
    else
        points.push_back({points.back().at + sim::Duration::seconds(10), points.back().factor, false});
    setProfile(points);
    Q_EMIT rowsChanged(points);
}

void RateProfileEditor::removePoint(int row)
{
    // The rows below move up with their text as typed, refused or not.
    for (int i = row; i + 1 < static_cast<int>(m_rows.size()); ++i) {
        const Row &to = m_rows[i];
        const Row &from = m_rows[i + 1];
        to.at->setEditText(from.at->text());
        to.factor->setNumber(from.factor->value());
        const QSignalBlocker blocker(to.ramp);
        to.ramp->setChecked(from.ramp->isChecked() && i > 0);
    }
    setRowCount(static_cast<int>(m_rows.size()) - 1);
    m_note->setVisible(m_rows.empty());
    checkOrder();
    if (const auto points = profile())
        Q_EMIT rowsChanged(*points);
}

} // namespace asyncsim::ui
