#include "UpcastersEditor.h"

#include "DurationEdit.h"
#include "FieldProblem.h"
#include "NumberField.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

#include <algorithm>

namespace asyncsim::ui {

using models::UpcasterSpec;

UpcastersEditor::UpcastersEditor(QWidget *parent)
    : RowTableEditor(parent)
{
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, 1);
    addColumnTitle(tr("from"), 0, tr("The version this step reads; it writes the next one."));
    addColumnTitle(tr("cost"), 1, tr("The CPU time one step takes, added to the service time."));
    QPushButton *add = addAddButton(tr("Add upcaster"), "addUpcaster");
    connect(add, &QPushButton::clicked, this, &UpcastersEditor::addStep);
    setUpcasters({});
}

void UpcastersEditor::setRowCount(int count)
{
    while (static_cast<int>(m_rows.size()) > count) {
        Row row = m_rows.back();
        m_rows.pop_back();
        // Later: this may run in the clicked() of the row's own button.
        for (QWidget *w :
             {static_cast<QWidget *>(row.from), static_cast<QWidget *>(row.cost), static_cast<QWidget *>(row.remove)}) {
            m_grid->removeWidget(w);
            w->hide();
            w->deleteLater();
        }
    }
    while (static_cast<int>(m_rows.size()) < count) {
        const int index = static_cast<int>(m_rows.size());
        Row row{new NumberField(this), new DurationEdit(this), new QToolButton(this)};
        row.from->setObjectName(QStringLiteral("upcastFrom%1").arg(index));
        row.from->setDecimals(0);
        row.from->setLimits(1, 65534);
        row.from->setPrefix(QStringLiteral("v"));
        row.cost->setObjectName(QStringLiteral("upcastCost%1").arg(index));
        row.remove->setText(QStringLiteral("\u2715"));
        row.remove->setAutoRaise(true);
        row.remove->setToolTip(tr("Remove this upcaster"));
        m_grid->addWidget(row.from, index + 1, 0);
        m_grid->addWidget(row.cost, index + 1, 1);
        m_grid->addWidget(row.remove, index + 1, 2);
        connect(row.from, &NumberField::numberEdited, this, &UpcastersEditor::onRowEdited);
        connect(row.cost, &DurationEdit::durationEdited, this, [this, index](sim::Duration d) {
            m_costs[static_cast<std::size_t>(index)] = sim::Distribution::constant(d.toSeconds());
            onRowEdited();
        });
        connect(row.remove, &QToolButton::clicked, this, [this, index] { removeStep(index); });
        m_rows.push_back(row);
    }
    m_costs.resize(m_rows.size(), sim::Distribution::constant(0));
    setTitlesShown(count > 0);
}

void UpcastersEditor::setUpcasters(const std::vector<UpcasterSpec> &steps)
{
    setRowCount(static_cast<int>(steps.size()));
    for (std::size_t i = 0; i < steps.size(); ++i) {
        m_rows[i].from->setNumber(steps[i].from);
        m_rows[i].cost->setDuration(sim::Duration::fromSeconds(steps[i].cost.mean()));
        m_costs[i] = steps[i].cost;
    }
    m_note->setText(tr("No upcasters: a version it does not accept is rejected."));
    m_note->setVisible(steps.empty());
    check();
}

void UpcastersEditor::setMixed()
{
    setRowCount(0);
    m_note->setText(tr("Differs between the selected services; adding an upcaster gives them all one chain."));
    m_note->show();
    m_reason->hide();
}

std::optional<std::vector<UpcasterSpec>> UpcastersEditor::upcasters() const
{
    std::vector<UpcasterSpec> result;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const int from = static_cast<int>(m_rows[i].from->value());
        if (std::any_of(result.begin(), result.end(), [from](const UpcasterSpec &u) { return u.from == from; }))
            return std::nullopt;
        result.push_back({from, m_costs[i]});
    }
    std::sort(result.begin(), result.end(),
              [](const UpcasterSpec &a, const UpcasterSpec &b) { return a.from < b.from; });
    return result;
}

void UpcastersEditor::check()
{
    QString reason;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const int from = static_cast<int>(m_rows[i].from->value());
        bool twice = false;
        for (std::size_t j = 0; j < i; ++j)
            twice = twice || static_cast<int>(m_rows[j].from->value()) == from;
        const QString problem = twice ? tr("a step from v%1 is listed twice").arg(from) : QString();
        FieldProblem::set(m_rows[i].from, problem);
        if (reason.isEmpty())
            reason = problem;
    }
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

void UpcastersEditor::onRowEdited()
{
    check();
    if (const auto list = upcasters())
        Q_EMIT upcastersEdited(*list);
}

void UpcastersEditor::addStep()
{
    auto list = upcasters();
    if (!list)
        return; // a version listed twice: fix it first
    int next = 1;
    for (const UpcasterSpec &u : *list)
        next = std::max(next, u.from + 1);
    list->push_back({std::min(next, 65534), sim::Distribution::constant(0.001)});
    setUpcasters(*list);
    Q_EMIT rowsChanged(*list);
}

void UpcastersEditor::removeStep(int row)
{
    std::vector<UpcasterSpec> rows;
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (static_cast<int>(i) != row)
            rows.push_back({static_cast<int>(m_rows[i].from->value()), m_costs[i]});
    setUpcasters(rows);
    if (const auto steps = upcasters())
        Q_EMIT rowsChanged(*steps);
}

} // namespace asyncsim::ui
