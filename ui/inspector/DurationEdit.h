#pragma once

#include <QLineEdit>

#include "sim/Time.h" // after Qt: moc needs the Qt headers first

#include <optional>

namespace asyncsim::ui {

/// A line edit for a duration as the files write it ("250ms", "1.5s", "2m30s"),
/// checked as it is typed: a refused text gets a red frame and the reason.
///
/// Optional durations (setOptional) may be left empty, which reads as the
/// placeholder ("none", "auto").
class DurationEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit DurationEdit(QWidget *parent = nullptr);

    /// Shows @p duration, unless the text already reads as it (keeps "1.5s"
    /// as typed, and the cursor). Emits nothing.
    void setDuration(sim::Duration duration);
    /// Shows the empty (off) state of an optional duration, or @p duration.
    void setOptionalDuration(std::optional<sim::Duration> duration);
    /// Shows @p text as if typed, checked, but emits nothing (moving rows).
    void setEditText(const QString &text);
    /// Shows "—": the selected nodes differ.
    void setMixed();
    bool isMixed() const { return m_mixed; }

    /// The duration typed, if the text is one within the limits.
    std::optional<sim::Duration> duration() const;
    /// Why the text is refused; empty when it is accepted.
    QString problem() const { return m_problem; }

    /// Allows the empty text, which shows @p offText as a placeholder.
    void setOptional(bool optional, const QString &offText = tr("none"));
    bool isOptional() const { return m_optional; }
    /// Limits, each with its own reason; the default minimum is 0.
    void setMinimum(sim::Duration minimum);
    void setMaximum(sim::Duration maximum);
    /// Refuses 0 too ("must be more than 0").
    void setPositive(bool positive);

    /// The reason @p text would be refused for, with these limits; empty if none.
    QString check(const QString &text) const;

Q_SIGNALS:
    /// The user typed a valid duration (each keystroke that makes one).
    void durationEdited(asyncsim::sim::Duration duration);
    /// The user emptied an optional field.
    void durationCleared();

private:
    void onTextEdited(const QString &text);
    void updateProblem();

    std::optional<sim::Duration> m_minimum = sim::Duration::zero();
    std::optional<sim::Duration> m_maximum;
    bool m_positive = false;
    bool m_optional = false;
    bool m_mixed = false;
    QString m_offText;
    QString m_problem;
};

} // namespace asyncsim::ui
