#pragma once

#include "ComponentForm.h"

QT_FORWARD_DECLARE_CLASS(QComboBox)

namespace asyncsim::ui {

class DurationEdit;
class NumberField;

/// The inspector's page for Kafka topics: partitions, retention, how its
/// consumer groups commit their offsets, and how they rebalance.
class TopicForm : public ComponentForm
{
    Q_OBJECT

public:
    TopicForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent = nullptr);

protected:
    void refreshFields() override;

private:
    NumberField *m_partitions;
    DurationEdit *m_retention;
    QComboBox *m_commit;
    DurationEdit *m_interval;
    DurationEdit *m_rebalancePause;
    QComboBox *m_assignor;
};

} // namespace asyncsim::ui
