#pragma once

#include "ComponentForm.h"

QT_FORWARD_DECLARE_CLASS(QComboBox)

namespace asyncsim::ui {

class CapacityView;
class DurationEdit;
class NumberField;

/// The inspector's page for queues: flavour, capacity and overflow, the
/// flavour's delivery settings and the dead-letter target.
class QueueForm : public ComponentForm
{
    Q_OBJECT

public:
    QueueForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent = nullptr);

protected:
    void refreshFields() override;

private:
    void refreshOverflowChoices(bool rabbit);
    void refreshDeadLetterChoices();

    QComboBox *m_flavour;
    QLabel *m_flavourNote;
    NumberField *m_capacity;
    QComboBox *m_overflow;
    QWidget *m_sqsSection;
    DurationEdit *m_visibilityTimeout;
    NumberField *m_maxReceiveCount;
    DurationEdit *m_retention;
    DurationEdit *m_deliveryDelay;
    QWidget *m_rabbitSection;
    NumberField *m_deliveryLimit;
    QComboBox *m_onFailure;
    DurationEdit *m_messageTtl;
    QWidget *m_deadLetterSection;
    QComboBox *m_deadLetter;
    QWidget *m_capacitySection;
    CapacityView *m_capacityView;
};

} // namespace asyncsim::ui
