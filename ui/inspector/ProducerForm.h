#pragma once

#include "ComponentForm.h"

QT_FORWARD_DECLARE_CLASS(QComboBox)

namespace asyncsim::ui {

class DistributionEditor;
class NumberField;
class RateProfileEditor;
class VersionSharesEditor;

/// The inspector's page for producers: arrivals (with only the fields of the
/// chosen process), rate profile, keys, versions and a message limit.
class ProducerForm : public ComponentForm
{
    Q_OBJECT

public:
    ProducerForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent = nullptr);

protected:
    void refreshFields() override;

private:
    QComboBox *m_process;
    NumberField *m_rate;
    NumberField *m_spread;
    DistributionEditor *m_on;
    DistributionEditor *m_off;
    RateProfileEditor *m_profile;
    NumberField *m_keys;
    NumberField *m_zipf;
    VersionSharesEditor *m_versions;
    NumberField *m_limit;
};

} // namespace asyncsim::ui
