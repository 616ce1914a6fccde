#include "FieldDisplay.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSignalBlocker>

namespace asyncsim::ui {

void showDuration(DurationEdit *field, const std::optional<sim::Duration> &common)
{
    if (common)
        field->setDuration(*common);
    else
        field->setMixed();
}

void showOptionalDuration(DurationEdit *field, const std::optional<std::optional<sim::Duration>> &common)
{
    if (common)
        field->setOptionalDuration(*common);
    else
        field->setMixed();
}

void showDistribution(DistributionEditor *field, const std::optional<sim::Distribution> &common)
{
    if (common)
        field->setDistribution(*common);
    else
        field->setMixed();
}

void showChecked(QCheckBox *field, const std::optional<bool> &common)
{
    const QSignalBlocker blocker(field);
    field->setTristate(!common);
    field->setCheckState(!common ? Qt::PartiallyChecked : *common ? Qt::Checked : Qt::Unchecked);
}

void showChoice(QComboBox *field, const std::optional<int> &common)
{
    const QSignalBlocker blocker(field);
    field->setCurrentIndex(common ? field->findData(*common) : -1);
}

} // namespace asyncsim::ui
