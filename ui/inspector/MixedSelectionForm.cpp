#include "MixedSelectionForm.h"

#include "ui/Plural.h"
#include "ui/TopologyDocument.h"

#include <QLabel>

#include <array>

namespace asyncsim::ui {

MixedSelectionForm::MixedSelectionForm(TopologyDocument *document, std::vector<ComponentId> components,
                                       std::vector<LinkId> links, QWidget *parent)
    : InspectorForm(parent)
    , m_document(document)
    , m_components(std::move(components))
    , m_links(std::move(links))
{
    addSection(tr("Selection"));
    m_summary = addNote(QString());
    m_summary->setObjectName("summary");
    m_summary->setForegroundRole(QPalette::WindowText);
    m_counts = addNote(QString());
    m_counts->setObjectName("counts");
    refresh();
}

void MixedSelectionForm::refresh()
{
    std::array<int, 5> perKind{};
    int nodes = 0;
    for (ComponentId id : m_components) {
        if (m_document->contains(id)) {
            ++perKind[static_cast<std::size_t>(m_document->node(id).kind())];
            ++nodes;
        }
    }
    int kinds = 0;
    for (int n : perKind)
        kinds += n > 0 ? 1 : 0;
    int edges = 0;
    for (LinkId id : m_links)
        edges += m_document->contains(id) ? 1 : 0;

    const QString nodeCount = countOf(nodes, tr("node"), tr("nodes"));
    const QString edgeCount = countOf(edges, tr("edge"), tr("edges"));
    if (kinds > 1)
        m_summary->setText(tr("%1 of different kinds selected").arg(nodeCount));
    else
        m_summary->setText(tr("%1 and %2 selected").arg(nodeCount, edgeCount));

    // What the selection holds, kind by kind.
    const std::array<std::pair<QString, QString>, 5> names{{{tr("producer"), tr("producers")},
                                                            {tr("queue"), tr("queues")},
                                                            {tr("service"), tr("services")},
                                                            {tr("sink"), tr("sinks")},
                                                            {tr("dead-letter queue"), tr("dead-letter queues")}}};
    QStringList parts;
    for (std::size_t k = 0; k < perKind.size(); ++k)
        if (perKind[k] > 0)
            parts << countOf(perKind[k], names[k].first, names[k].second);
    if (edges > 0)
        parts << edgeCount;
    m_counts->setText(parts.join(QStringLiteral(", ")) + tr(".\nSelect nodes of one kind to edit them together."));
}

} // namespace asyncsim::ui
