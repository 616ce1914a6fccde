#pragma once

#include <QDoubleSpinBox>

#include <optional>

namespace asyncsim::ui {

/// A spin box for one number of the inspector: optionally with a "none" state
/// just below its range ("unbounded", "no limit"), and a mixed state ("—")
/// for a field whose value differs between the selected nodes.
///
/// Whole numbers use setDecimals(0); a double holds them exactly up to 2^53.
class NumberField : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit NumberField(QWidget *parent = nullptr);

    /// The values a user may choose (the none state comes below @p min).
    void setLimits(double min, double max);
    /// Makes the field optional: one step below the minimum reads @p text.
    void setNoneText(const QString &text);

    /// Shows @p value, or the none state for nothing. Emits nothing, and leaves
    /// the text alone when it already shows that value (keeps the cursor).
    void setNumber(std::optional<double> value);
    /// Shows the mixed state until the user picks a value.
    void setMixed();
    bool isMixed() const { return m_mixed; }
    /// The value shown; nothing in the none (or mixed) state.
    std::optional<double> number() const;

Q_SIGNALS:
    /// The user changed the value (each keystroke or step), or chose none.
    void numberEdited(std::optional<double> value);

protected:
    void wheelEvent(QWheelEvent *event) override;
    /// Narrower than QDoubleSpinBox's, which makes room for the largest value
    /// allowed (sixteen digits for a count): the inspector fits a narrow dock.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /// Without trailing zeros: "120 msg/s", "0.9", not "120.000", "0.900".
    QString textFromValue(double value) const override;

private:
    void applyRange();
    void onValueChanged(double value);
    double noneValue() const { return m_min - singleStep(); }
    double mixedValue() const { return m_min - singleStep() * (m_noneText.isEmpty() ? 1 : 2); }

    double m_min = 0;
    double m_max = 99;
    QString m_noneText;
    bool m_mixed = false;
};

} // namespace asyncsim::ui
