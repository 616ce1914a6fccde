#pragma once

#include "ComponentForm.h"

namespace asyncsim::ui {

class DurationEdit;

/// The inspector's page for dead-letter queues: when to redrive.
class DeadLetterForm : public ComponentForm
{
    Q_OBJECT

public:
    DeadLetterForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent = nullptr);

protected:
    void refreshFields() override;

private:
    DurationEdit *m_redriveAt;
};

} // namespace asyncsim::ui
