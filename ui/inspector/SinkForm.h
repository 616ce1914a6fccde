#pragma once

#include "ComponentForm.h"

namespace asyncsim::ui {

/// The inspector's page for sinks, which have no parameters: a note on what
/// a sink is.
class SinkForm : public ComponentForm
{
    Q_OBJECT

public:
    SinkForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent = nullptr);

protected:
    void refreshFields() override { }
};

} // namespace asyncsim::ui
