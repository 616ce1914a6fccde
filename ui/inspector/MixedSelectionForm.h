#pragma once

#include "InspectorForm.h"
#include "ui/Ids.h"

#include <vector>

namespace asyncsim::ui {

class TopologyDocument;

/// The inspector's page for a selection with nothing in common to edit:
/// nodes of several kinds, or nodes with edges. It says what is selected.
class MixedSelectionForm : public InspectorForm
{
    Q_OBJECT

public:
    MixedSelectionForm(TopologyDocument *document, std::vector<ComponentId> components, std::vector<LinkId> links,
                       QWidget *parent = nullptr);

    void refresh() override;

private:
    TopologyDocument *m_document; // not owned
    std::vector<ComponentId> m_components;
    std::vector<LinkId> m_links;
    QLabel *m_summary;
    QLabel *m_counts;
};

} // namespace asyncsim::ui
