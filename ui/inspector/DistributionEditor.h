#pragma once

#include <QWidget>

#include "sim/Distribution.h" // after Qt: moc needs the Qt headers first

#include <optional>

QT_FORWARD_DECLARE_CLASS(QComboBox)
QT_FORWARD_DECLARE_CLASS(QFormLayout)
QT_FORWARD_DECLARE_CLASS(QLabel)

namespace asyncsim::ui {

class DurationEdit;
class NumberField;

/// Edits a distribution of durations: a kind picker, the parameters of that
/// kind (durations as "250ms", shapes as numbers) and the resulting mean.
///
/// Empirical and histogram distributions are shown read-only (they are edited
/// in the file); picking another kind replaces them.
class DistributionEditor : public QWidget
{
    Q_OBJECT

public:
    explicit DistributionEditor(QWidget *parent = nullptr);

    /// Shows @p distribution. Emits nothing; fields that already show their
    /// value are left alone, so refreshing while typing keeps the cursor.
    void setDistribution(const sim::Distribution &distribution);
    /// Shows "—": the selected nodes differ. Picking a kind ends it.
    void setMixed();
    bool isMixed() const { return m_mixed; }

    /// The distribution the fields describe, if they are all valid.
    std::optional<sim::Distribution> distribution() const;
    /// Why the fields describe no distribution; empty when they do.
    QString problem() const;

Q_SIGNALS:
    /// The user changed the kind or a parameter, and the result is valid.
    void distributionEdited(const asyncsim::sim::Distribution &distribution);

private:
    void showKind(sim::DistributionKind kind);
    void onKindPicked();
    void onParameterEdited();
    void validate();
    void updateSummary();
    sim::DistributionKind currentKind() const;

    QComboBox *m_kind;
    QFormLayout *m_parameters;
    DurationEdit *m_timeA;        // value, mean, low, scale
    DurationEdit *m_timeB;        // high, sd
    NumberField *m_number;        // cv, shape
    QLabel *m_fixed;              // empirical or histogram: what it holds
    QLabel *m_summary;            // the resulting mean
    sim::Distribution m_readOnly; // the empirical or histogram shown
    sim::Distribution m_last;     // the last valid one shown or emitted
    bool m_mixed = false;
};

} // namespace asyncsim::ui
