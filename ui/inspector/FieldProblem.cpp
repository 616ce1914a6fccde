#include "FieldProblem.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace asyncsim::ui {

namespace {

// Readable on light and dark backgrounds alike.
const QColor ProblemColor(0xe0, 0x4a, 0x3f);

} // namespace

FieldProblem::FieldProblem(QWidget *field)
    : QWidget(field)
    , m_field(field)
{
    setObjectName("fieldProblem");
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::NoFocus);
    setGeometry(field->rect());
    hide();
    field->installEventFilter(this);
}

FieldProblem *FieldProblem::find(const QWidget *field)
{
    return field->findChild<FieldProblem *>("fieldProblem", Qt::FindDirectChildrenOnly);
}

void FieldProblem::set(QWidget *field, const QString &reason)
{
    FieldProblem *overlay = find(field);
    if (!overlay) {
        if (reason.isEmpty())
            return;
        overlay = new FieldProblem(field);
    }
    if (overlay->m_reason == reason)
        return;
    if (overlay->m_reason.isEmpty())
        overlay->m_ownToolTip = field->toolTip();
    overlay->m_reason = reason;
    field->setToolTip(reason.isEmpty() ? overlay->m_ownToolTip : reason);
    overlay->setVisible(!reason.isEmpty());
    overlay->raise();
    if (overlay->m_reasonLabel) {
        overlay->m_reasonLabel->setText(reason);
        overlay->m_reasonLabel->setVisible(!reason.isEmpty());
    }
}

QString FieldProblem::of(const QWidget *field)
{
    const FieldProblem *overlay = find(field);
    return overlay ? overlay->m_reason : QString();
}

void FieldProblem::setReasonLabel(QWidget *field, QLabel *label)
{
    FieldProblem *overlay = find(field);
    if (!overlay) {
        overlay = new FieldProblem(field);
        overlay->m_ownToolTip = field->toolTip();
    }
    overlay->m_reasonLabel = label;
    label->setText(overlay->m_reason);
    label->setVisible(!overlay->m_reason.isEmpty());
}

QLabel *FieldProblem::createReasonLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName("reason");
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, ProblemColor);
    label->setPalette(palette);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    label->hide();
    return label;
}

QWidget *FieldProblem::withReasonLabel(QWidget *field)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    QLabel *reason = createReasonLabel(box);
    layout->addWidget(reason);
    setReasonLabel(field, reason);
    return box;
}

bool FieldProblem::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::Resize)
        setGeometry(m_field->rect());
    else if (watched == m_field && event->type() == QEvent::ChildAdded)
        raise(); // stay above a spin box's line edit, created after us
    return QWidget::eventFilter(watched, event);
}

void FieldProblem::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ProblemColor, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.75, 0.75, -0.75, -0.75), 2.5, 2.5);
}

} // namespace asyncsim::ui
