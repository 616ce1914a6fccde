#include "InspectorForm.h"

#include "FieldProblem.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

namespace asyncsim::ui {

InspectorForm::InspectorForm(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
{
    // The rows keep their height and the space left stays below them, even
    // with a field that could grow (a text box).
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 4, 10, 10);
    layout->addLayout(m_form);
    layout->addStretch(1);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setHorizontalSpacing(10);
    m_form->setVerticalSpacing(6);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
}

InspectorForm::~InspectorForm()
{
    // ~QWidget deletes the fields after this page's own part is gone (and
    // perhaps after its document): nothing they emit then may reach it.
    for (QObject *child : findChildren<QObject *>())
        child->blockSignals(true);
}

QWidget *InspectorForm::addSection(const QString &title)
{
    auto *section = new QWidget(this);
    auto *layout = new QVBoxLayout(section);
    // More room above than below: the title belongs to the rows under it.
    layout->setContentsMargins(0, m_form->rowCount() == 0 ? 6 : 14, 0, 2);
    layout->setSpacing(3);
    auto *text = new QLabel(title, section);
    QFont font = text->font();
    font.setBold(true);
    text->setFont(font);
    layout->addWidget(text);
    auto *rule = new QFrame(section);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Plain);
    rule->setForegroundRole(QPalette::Mid);
    layout->addWidget(rule);
    m_form->addRow(section);
    return section;
}

QLabel *InspectorForm::addRow(const QString &label, QWidget *field, const QString &tip)
{
    auto *text = new QLabel(label, this);
    text->setBuddy(field);
    if (!tip.isEmpty()) {
        text->setToolTip(tip);
        field->setToolTip(tip);
    }
    guardWheel(field);
    m_form->addRow(text, field);
    return text;
}

QLabel *InspectorForm::addCheckedRow(const QString &label, QWidget *field, const QString &tip)
{
    // The tooltip first: the problem overlay keeps it for when the text is valid.
    if (!tip.isEmpty())
        field->setToolTip(tip);
    QWidget *box = FieldProblem::withReasonLabel(field);
    QLabel *text = addRow(label, box, QString());
    text->setBuddy(field);
    text->setToolTip(tip);
    return text;
}

void InspectorForm::addWideRow(QWidget *field)
{
    guardWheel(field);
    m_form->addRow(field);
}

QLabel *InspectorForm::addNote(const QString &text, NotePlace place)
{
    auto *note = new QLabel(text, this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    if (place == NotePlace::UnderField)
        m_form->addRow(static_cast<QWidget *>(nullptr), note);
    else
        m_form->addRow(note);
    return note;
}

QWidget *InspectorForm::rowWidget(QWidget *field) const
{
    // A checked row's field sits in a box with its reason label.
    for (QWidget *w = field; w && w != this; w = w->parentWidget()) {
        QFormLayout::ItemRole role;
        int row = -1;
        m_form->getWidgetPosition(w, &row, &role);
        if (row >= 0)
            return w;
    }
    return field;
}

void InspectorForm::setRowShown(QWidget *field, bool shown)
{
    m_form->setRowVisible(rowWidget(field), shown);
}

void InspectorForm::guardWheel(QWidget *field)
{
    QList<QWidget *> widgets = field->findChildren<QWidget *>();
    widgets.append(field);
    for (QWidget *w : widgets) {
        if (auto *combo = qobject_cast<QComboBox *>(w)) {
            // Sized by a few characters, not the longest item: the dock may be narrow.
            combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            combo->setMinimumContentsLength(8);
        }
        if (qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)) {
            w->setFocusPolicy(Qt::StrongFocus);
            w->installEventFilter(this);
        }
    }
}

bool InspectorForm::eventFilter(QObject *watched, QEvent *event)
{
    // The wheel scrolls the inspector, not a field the pointer passes over.
    if (event->type() == QEvent::Wheel) {
        if (auto *w = qobject_cast<QWidget *>(watched); w && !w->hasFocus()) {
            event->ignore();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace asyncsim::ui
