#include "DurationEdit.h"

#include "DurationDisplay.h"
#include "FieldProblem.h"
#include "models/DurationText.h"

namespace asyncsim::ui {

DurationEdit::DurationEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setPlaceholderText(tr("e.g. 250ms"));
    connect(this, &QLineEdit::textEdited, this, &DurationEdit::onTextEdited);
}

void DurationEdit::setDuration(sim::Duration duration)
{
    m_mixed = false;
    setPlaceholderText(m_optional ? m_offText : tr("e.g. 250ms"));
    // A text that already reads as the value stays as typed ("1.5s"), and
    // a refused one stays while it is being fixed.
    if ((this->duration() == duration && !text().isEmpty()) || (hasFocus() && !m_problem.isEmpty()))
        return;
    setText(durationDisplayText(duration));
    updateProblem();
}

void DurationEdit::setOptionalDuration(std::optional<sim::Duration> duration)
{
    if (duration) {
        setDuration(*duration);
        return;
    }
    m_mixed = false;
    setPlaceholderText(m_offText);
    if (!text().isEmpty())
        setText(QString());
    updateProblem();
}

void DurationEdit::setEditText(const QString &text)
{
    m_mixed = false;
    setText(text);
    updateProblem();
}

void DurationEdit::setMixed()
{
    m_mixed = true;
    setPlaceholderText(QStringLiteral("\u2014"));
    setText(QString());
    updateProblem();
}

std::optional<sim::Duration> DurationEdit::duration() const
{
    if (!check(text()).isEmpty())
        return std::nullopt;
    return models::parseDuration(text().toStdString());
}

void DurationEdit::setOptional(bool optional, const QString &offText)
{
    m_optional = optional;
    m_offText = offText;
    if (optional && text().isEmpty())
        setPlaceholderText(offText);
}

void DurationEdit::setMinimum(sim::Duration minimum)
{
    m_minimum = minimum;
    updateProblem();
}

void DurationEdit::setMaximum(sim::Duration maximum)
{
    m_maximum = maximum;
    updateProblem();
}

void DurationEdit::setPositive(bool positive)
{
    m_positive = positive;
    updateProblem();
}

QString DurationEdit::check(const QString &text) const
{
    if (text.trimmed().isEmpty())
        return m_optional ? QString() : tr("enter a duration, e.g. 250ms, 1.5s, 2m");
    const auto d = models::parseDuration(text.toStdString());
    if (!d)
        return tr("not a duration: use a number with a unit, e.g. 250ms, 1.5s, 2m");
    if (m_positive && d->ns() <= 0)
        return tr("must be more than 0");
    if (m_minimum && *d < *m_minimum)
        return m_minimum->ns() == 0 ? tr("must not be negative")
                                    : tr("must be at least %1").arg(durationDisplayText(*m_minimum));
    if (m_maximum && *d > *m_maximum)
        return tr("must be at most %1").arg(durationDisplayText(*m_maximum));
    return QString();
}

void DurationEdit::updateProblem()
{
    // Empty is no answer in the mixed state, even for a required field.
    m_problem = m_mixed && text().isEmpty() ? QString() : check(text());
    FieldProblem::set(this, m_problem);
}

void DurationEdit::onTextEdited(const QString &text)
{
    if (m_mixed) {
        m_mixed = false;
        setPlaceholderText(m_optional ? m_offText : tr("e.g. 250ms"));
    }
    updateProblem();
    if (!m_problem.isEmpty())
        return;
    if (text.trimmed().isEmpty()) {
        if (m_optional)
            Q_EMIT durationCleared();
        return;
    }
    if (const auto d = duration())
        Q_EMIT durationEdited(*d);
}

} // namespace asyncsim::ui
