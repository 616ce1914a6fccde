#include "DocumentCommands.h"

#include <algorithm>

namespace asyncsim::ui {

InsertRemoveCommand::InsertRemoveCommand(TopologyDocument *document, Direction direction, std::vector<PlacedNode> nodes,
                                         std::vector<PlacedEdge> edges, const QString &text)
    : m_document(document)
    , m_direction(direction)
    , m_nodes(std::move(nodes))
    , m_edges(std::move(edges))
{
    std::sort(m_nodes.begin(), m_nodes.end(), [](const auto &a, const auto &b) { return a.index < b.index; });
    std::sort(m_edges.begin(), m_edges.end(), [](const auto &a, const auto &b) { return a.index < b.index; });
    setText(text);
}

void InsertRemoveCommand::redo()
{
    apply(m_direction);
}

void InsertRemoveCommand::undo()
{
    apply(m_direction == Direction::Insert ? Direction::Remove : Direction::Insert);
}

void InsertRemoveCommand::apply(Direction direction)
{
    if (direction == Direction::Insert)
        m_document->insertItems(m_nodes, m_edges);
    else
        m_document->removeItems(m_nodes, m_edges);
}

MoveComponentsCommand::MoveComponentsCommand(TopologyDocument *document, std::vector<ComponentId> ids,
                                             std::vector<std::array<double, 2>> from,
                                             std::vector<std::array<double, 2>> to)
    : m_document(document)
    , m_ids(std::move(ids))
    , m_from(std::move(from))
    , m_to(std::move(to))
{
    setText(m_ids.size() == 1 ? QObject::tr("Move Node") : QObject::tr("Move %n Nodes", "", int(m_ids.size())));
}

void MoveComponentsCommand::apply(const std::vector<std::array<double, 2>> &positions)
{
    for (std::size_t i = 0; i < m_ids.size(); ++i) {
        models::NodeSpec spec = m_document->node(m_ids[i]);
        spec.position = positions[i];
        m_document->setNodeSpec(m_ids[i], spec);
    }
}

RenameComponentCommand::RenameComponentCommand(TopologyDocument *document, ComponentId id, std::string newName)
    : m_document(document)
    , m_id(id)
    , m_oldName(document->node(id).id)
    , m_newName(std::move(newName))
{
    // The references are resolved now, while the old name still points at
    // this node; with duplicate names (a draft) only this node's are taken.
    for (LinkId link : document->linkIds()) {
        if (document->source(link) == id)
            m_outgoing.push_back(link);
        if (document->target(link) == id)
            m_incoming.push_back(link);
    }
    if (document->componentNamed(m_oldName) == id) {
        for (ComponentId other : document->componentIds()) {
            const auto *queue = std::get_if<models::QueueSpec>(&document->node(other).params);
            if (queue && queue->deadLetter == m_oldName)
                m_deadLetterUsers.push_back(other);
        }
        for (LinkId link : document->linkIds()) {
            const models::FallbackSpec &fallback = document->edge(link).fallback;
            if (fallback.action == models::FallbackAction::Route && fallback.to == m_oldName)
                m_fallbackUsers.push_back(link);
        }
        const std::vector<models::FaultSpec> &faults = document->topology().faults;
        for (std::size_t i = 0; i < faults.size(); ++i)
            if (faults[i].target == m_oldName)
                m_faultUsers.push_back(i);
    }
    setText(QObject::tr("Rename %1 to %2").arg(QString::fromStdString(m_oldName), QString::fromStdString(m_newName)));
}

void RenameComponentCommand::apply(const std::string &to)
{
    models::NodeSpec spec = m_document->node(m_id);
    spec.id = to;
    m_document->setNodeSpec(m_id, spec);
    for (LinkId link : m_outgoing) {
        models::EdgeSpec edge = m_document->edge(link);
        edge.from = to;
        m_document->setEdgeSpec(link, edge);
    }
    for (LinkId link : m_incoming) {
        models::EdgeSpec edge = m_document->edge(link);
        edge.to = to;
        m_document->setEdgeSpec(link, edge);
    }
    for (ComponentId user : m_deadLetterUsers) {
        models::NodeSpec queue = m_document->node(user);
        std::get<models::QueueSpec>(queue.params).deadLetter = to;
        m_document->setNodeSpec(user, queue);
    }
    for (LinkId link : m_fallbackUsers) {
        models::EdgeSpec edge = m_document->edge(link);
        edge.fallback.to = to;
        m_document->setEdgeSpec(link, edge);
    }
    if (!m_faultUsers.empty()) {
        const models::Topology &t = m_document->topology();
        std::vector<models::FaultSpec> faults = t.faults;
        for (std::size_t i : m_faultUsers)
            faults[i].target = to;
        m_document->setSettings(t.name, t.description, t.simulation, faults);
    }
}

ChangeSettingsCommand::ChangeSettingsCommand(TopologyDocument *document, QString property, Settings before,
                                             Settings after)
    : m_document(document)
    , m_property(std::move(property))
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QObject::tr("Change %1").arg(m_property));
}

void ChangeSettingsCommand::apply(const Settings &settings)
{
    m_document->setSettings(settings.name, settings.description, settings.simulation, settings.faults);
}

bool ChangeSettingsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const ChangeSettingsCommand *>(other);
    if (o->m_document != m_document || o->m_property != m_property)
        return false;
    m_after = o->m_after;
    setObsolete(m_after == m_before);
    return true;
}

} // namespace asyncsim::ui
