#pragma once

#include "ui/Ids.h"

#include <QWidget>

#include <vector>

QT_FORWARD_DECLARE_CLASS(QScrollArea)

namespace asyncsim::ui {

class InspectorForm;
class TopologyDocument;

/// The editor's property panel: the fields of what is selected (one node,
/// several nodes of one kind, edges) or, with nothing selected, of the
/// document itself. Every edit goes through the document's edit methods; the
/// fields follow the document's signals (undo, edits elsewhere).
class Inspector : public QWidget
{
    Q_OBJECT

public:
    explicit Inspector(TopologyDocument *document, QWidget *parent = nullptr);

    /// Shows the fields of the selected nodes and edges. The page is rebuilt
    /// only when the selection really changes.
    void setSelection(const std::vector<ComponentId> &components, const std::vector<LinkId> &links);
    const std::vector<ComponentId> &selectedComponents() const { return m_components; }
    const std::vector<LinkId> &selectedLinks() const { return m_links; }
    /// Puts @p section (the live run's numbers) under the fields; the
    /// inspector takes ownership. The section shows and hides itself.
    void addLiveSection(QWidget *section);

private:
    void rebuild();
    void refresh();
    void onComponentRemoved(ComponentId id);
    void onLinkRemoved(LinkId id);

    TopologyDocument *m_document; // not owned
    QScrollArea *m_scroll;
    InspectorForm *m_form = nullptr; // owned by m_scroll
    std::vector<ComponentId> m_components;
    std::vector<LinkId> m_links;
};

} // namespace asyncsim::ui
