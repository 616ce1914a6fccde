#pragma once

#include "InspectorForm.h"
#include "ui/Ids.h"

#include <vector>

QT_FORWARD_DECLARE_CLASS(QCheckBox)

namespace asyncsim::ui {

class NumberField;
class TopologyDocument;

/// The inspector's page for one or more edges: their ends and mode
/// (read-only) and the probability of a publish edge.
class LinkForm : public InspectorForm
{
    Q_OBJECT

public:
    LinkForm(TopologyDocument *document, std::vector<LinkId> ids, QWidget *parent = nullptr);

    const std::vector<LinkId> &ids() const { return m_ids; }
    void refresh() override;

private:
    void setProbabilityOn(bool on);
    void setProbability(double probability);

    TopologyDocument *m_document; // not owned
    std::vector<LinkId> m_ids;
    QLabel *m_from;
    QLabel *m_to;
    QLabel *m_mode;
    QLabel *m_modeNote;
    QWidget *m_routingSection;
    QLabel *m_routingNote;
    QCheckBox *m_byProbability;
    NumberField *m_probability;
};

} // namespace asyncsim::ui
