#include "SinkForm.h"

namespace asyncsim::ui {

SinkForm::SinkForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent)
    : ComponentForm(document, std::move(ids), parent)
{
    addNote(tr("An external system that accepts everything at once: messages published to it end their flow "
               "there. It has nothing to set."));
    refresh();
}

} // namespace asyncsim::ui
