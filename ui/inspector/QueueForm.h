#pragma once

#include "ComponentForm.h"

QT_FORWARD_DECLARE_CLASS(QCheckBox)
QT_FORWARD_DECLARE_CLASS(QComboBox)

namespace asyncsim::ui {

class CapacityView;
class DurationEdit;
class NumberField;

/// The inspector's page for queues: flavour, capacity and overflow,
/// deduplication, the flavour's delivery settings (SQS FIFO; RabbitMQ
/// prefetch and delivery-limit rule) and the dead-letter target.
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
    void refreshDeduplication(bool sqs);

    QComboBox *m_flavour;
    QLabel *m_flavourNote;
    NumberField *m_capacity;
    QComboBox *m_overflow;
    DurationEdit *m_deduplication;
    QCheckBox *m_extendOnDuplicate;
    QWidget *m_sqsSection;
    DurationEdit *m_visibilityTimeout;
    NumberField *m_maxReceiveCount;
    DurationEdit *m_retention;
    DurationEdit *m_deliveryDelay;
    QCheckBox *m_fifo;
    QWidget *m_rabbitSection;
    NumberField *m_deliveryLimit;
    QComboBox *m_onFailure;
    DurationEdit *m_messageTtl;
    NumberField *m_prefetch;
    DurationEdit *m_consumerTimeout;
    QComboBox *m_deliveryLimitCounts;
    QWidget *m_deadLetterSection;
    QComboBox *m_deadLetter;
    QWidget *m_capacitySection;
    CapacityView *m_capacityView;
};

} // namespace asyncsim::ui
