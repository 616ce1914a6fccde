#pragma once

#include "ComponentForm.h"

QT_FORWARD_DECLARE_CLASS(QCheckBox)
QT_FORWARD_DECLARE_CLASS(QComboBox)
QT_FORWARD_DECLARE_CLASS(QLineEdit)

namespace asyncsim::ui {

class CapacityView;
class DistributionEditor;
class DurationEdit;
class NumberField;
class UpcastersEditor;

/// The inspector's page for services: workers, service time, failures and
/// their mode, their own waiting line, idempotency, and the schema versions
/// they read (accepted versions and the upcaster chain).
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
    QComboBox *m_failureMode;
    NumberField *m_capacity;
    NumberField *m_replicas;
    QComboBox *m_balancer;
    QCheckBox *m_idempotent;
    DurationEdit *m_idempotencyTtl;
    NumberField *m_idempotencyCapacity;
    QLineEdit *m_accepts;
    UpcastersEditor *m_upcasters;
    QWidget *m_capacitySection;
    CapacityView *m_capacityView;
};

} // namespace asyncsim::ui
