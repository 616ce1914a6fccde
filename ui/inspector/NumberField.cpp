#include "NumberField.h"

#include <QLineEdit>
#include <QSignalBlocker>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace asyncsim::ui {

namespace {

const QString MixedText = QStringLiteral("\u2014");

} // namespace

NumberField::NumberField(QWidget *parent)
    : QDoubleSpinBox(parent)
{
    // The wheel scrolls the inspector unless the field was clicked first.
    setFocusPolicy(Qt::StrongFocus);
    setAccelerated(true);
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    applyRange();
    connect(this, &QDoubleSpinBox::valueChanged, this, &NumberField::onValueChanged);
}

void NumberField::setLimits(double min, double max)
{
    m_min = min;
    m_max = max;
    const QSignalBlocker blocker(this);
    applyRange();
}

void NumberField::setNoneText(const QString &text)
{
    m_noneText = text;
    const QSignalBlocker blocker(this);
    applyRange();
}

void NumberField::applyRange()
{
    // Both special states sit below the range, where QAbstractSpinBox shows
    // the special value text at the minimum.
    setRange(m_mixed ? mixedValue() : m_noneText.isEmpty() ? m_min : noneValue(), m_max);
    setSpecialValueText(m_mixed ? MixedText : m_noneText);
}

void NumberField::setNumber(std::optional<double> value)
{
    const QSignalBlocker blocker(this);
    const bool wasMixed = m_mixed;
    if (m_mixed) {
        m_mixed = false;
        applyRange();
    }
    const double target = value ? std::clamp(*value, m_min, m_max) : noneValue();
    const double tolerance = 0.5 * std::pow(10.0, -decimals());
    if (!wasMixed && std::abs(this->value() - target) < tolerance)
        return;
    setValue(target);
}

void NumberField::setMixed()
{
    if (m_mixed)
        return;
    const QSignalBlocker blocker(this);
    m_mixed = true;
    applyRange();
    setValue(mixedValue());
}

std::optional<double> NumberField::number() const
{
    if (m_mixed || value() < m_min - 0.5 * std::pow(10.0, -decimals()))
        return std::nullopt;
    return value();
}

void NumberField::onValueChanged(double value)
{
    if (m_mixed) {
        if (value <= mixedValue())
            return;
        m_mixed = false;
        // Changing the range re-formats the text; keep what the user typed.
        const QString typed = lineEdit()->text();
        const int cursor = lineEdit()->cursorPosition();
        {
            const QSignalBlocker blocker(this);
            applyRange();
            setValue(value);
        }
        if (lineEdit()->text() != typed && hasFocus()) {
            lineEdit()->setText(typed);
            lineEdit()->setCursorPosition(cursor);
        }
    }
    Q_EMIT numberEdited(number());
}

QSize NumberField::sizeHint() const
{
    QSize hint = QDoubleSpinBox::sizeHint();
    hint.setWidth(std::min(hint.width(), fontMetrics().horizontalAdvance(QLatin1Char('0')) * 16));
    return hint;
}

QSize NumberField::minimumSizeHint() const
{
    QSize hint = QDoubleSpinBox::minimumSizeHint();
    hint.setWidth(std::min(hint.width(), fontMetrics().horizontalAdvance(QLatin1Char('0')) * 8));
    return hint;
}

QString NumberField::textFromValue(double value) const
{
    QString text = QDoubleSpinBox::textFromValue(value);
    const QString point = locale().decimalPoint();
    if (decimals() > 0 && text.contains(point)) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
    }
    return text;
}

void NumberField::wheelEvent(QWheelEvent *event)
{
    if (hasFocus())
        QDoubleSpinBox::wheelEvent(event);
    else
        event->ignore();
}

} // namespace asyncsim::ui
