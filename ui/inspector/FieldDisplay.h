#pragma once

#include "DistributionEditor.h"
#include "DurationEdit.h"
#include "NumberField.h"
#include "sim/Time.h"

#include <optional>

QT_FORWARD_DECLARE_CLASS(QCheckBox)
QT_FORWARD_DECLARE_CLASS(QComboBox)

// Showing the value the selected nodes share in a field, or the field's mixed
// state when they differ (the common value is then empty).
namespace asyncsim::ui {

template <typename T> void showNumber(NumberField *field, const std::optional<T> &common)
{
    if (common)
        field->setNumber(static_cast<double>(*common));
    else
        field->setMixed();
}

/// For an optional field: the inner empty value is its none state.
template <typename T> void showOptionalNumber(NumberField *field, const std::optional<std::optional<T>> &common)
{
    if (!common)
        field->setMixed();
    else if (*common)
        field->setNumber(static_cast<double>(**common));
    else
        field->setNumber(std::nullopt);
}

void showDuration(DurationEdit *field, const std::optional<sim::Duration> &common);
void showOptionalDuration(DurationEdit *field, const std::optional<std::optional<sim::Duration>> &common);
void showDistribution(DistributionEditor *field, const std::optional<sim::Distribution> &common);
/// Mixed is the partially checked state; a click then checks the box.
void showChecked(QCheckBox *field, const std::optional<bool> &common);
/// Selects the item whose data is @p common; no item (the placeholder) when mixed.
void showChoice(QComboBox *field, const std::optional<int> &common);

} // namespace asyncsim::ui
