#pragma once

#include "ComponentForm.h"

QT_FORWARD_DECLARE_CLASS(QCheckBox)

namespace asyncsim::ui {

class CapacityView;
class DistributionEditor;
class DurationEdit;
class NumberField;

/// The inspector's page for services: workers, service time, failures, their
/// own waiting line and idempotency.
class ServiceForm : public ComponentForm
{
    Q_OBJECT

public:
    ServiceForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent = nullptr);

protected:
    void refreshFields() override;

private:
    NumberField *m_workers;
    DistributionEditor *m_serviceTime;
    NumberField *m_failure;
    NumberField *m_capacity;
    QCheckBox *m_idempotent;
    DurationEdit *m_idempotencyTtl;
    NumberField *m_idempotencyCapacity;
    QWidget *m_capacitySection;
    CapacityView *m_capacityView;
};

} // namespace asyncsim::ui
