#include "RowTableEditor.h"

#include "FieldProblem.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace asyncsim::ui {

RowTableEditor::RowTableEditor(QWidget *parent)
    : QWidget(parent)
    , m_grid(new QGridLayout)
    , m_note(new QLabel(this))
    , m_reason(FieldProblem::createReasonLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_note);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(6);
    m_grid->setVerticalSpacing(4);
    layout->addLayout(m_grid);
    layout->addWidget(m_reason);
}

void RowTableEditor::addColumnTitle(const QString &text, int column, const QString &toolTip)
{
    auto *label = new QLabel(text, this);
    label->setToolTip(toolTip);
    label->setForegroundRole(QPalette::PlaceholderText);
    m_grid->addWidget(label, 0, column);
    m_titles.append(label);
}

QPushButton *RowTableEditor::addAddButton(const QString &text, const QString &objectName, const QString &toolTip)
{
    auto *add = new QPushButton(text, this);
    add->setObjectName(objectName);
    add->setToolTip(toolTip);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addStretch(1);
    static_cast<QVBoxLayout *>(layout())->addLayout(buttons);
    return add;
}

void RowTableEditor::setTitlesShown(bool shown)
{
    for (QLabel *title : m_titles)
        title->setVisible(shown);
}

} // namespace asyncsim::ui
