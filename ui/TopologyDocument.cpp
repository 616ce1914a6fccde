#include "TopologyDocument.h"

#include "Plural.h"
#include "commands/DocumentCommands.h"
#include "models/TopologyJson.h"

#include <QUndoStack>

#include <algorithm>
#include <map>
#include <unordered_set>
#include <utility>

namespace asyncsim::ui {

namespace {

std::string baseName(models::NodeKind kind)
{
    switch (kind) {
    case models::NodeKind::Producer:
        return "producer";
    case models::NodeKind::Queue:
        return "queue";
    case models::NodeKind::Service:
        return "service";
    case models::NodeKind::Sink:
        return "sink";
    case models::NodeKind::DeadLetter:
        return "dead-letters";
    case models::NodeKind::Topic:
        return "topic";
    }
    return "node";
}

// A pasted name that is taken gets the next free suffix of its stem
// ("service-2" pasted again becomes "service-3", not "service-2-2").
std::string stemOf(const std::string &name)
{
    const auto dash = name.rfind('-');
    if (dash == std::string::npos || dash + 1 == name.size())
        return name;
    const bool digits
        = std::all_of(name.begin() + long(dash) + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; });
    return digits ? name.substr(0, dash) : name;
}

} // namespace

models::NodeSpec defaultNodeSpec(models::NodeKind kind)
{
    models::NodeSpec node;
    switch (kind) {
    case models::NodeKind::Producer: {
        models::ProducerSpec producer;
        producer.arrivals.rate = 10;
        node.params = producer;
        break;
    }
    case models::NodeKind::Queue:
        node.params = models::QueueSpec{};
        break;
    case models::NodeKind::Service: {
        models::ServiceSpec service;
        service.workers = 2;
        service.serviceTime = sim::Distribution::exponential(0.1);
        node.params = service;
        break;
    }
    case models::NodeKind::Sink:
        node.params = models::SinkSpec{};
        break;
    case models::NodeKind::DeadLetter:
        node.params = models::DeadLetterSpec{};
        break;
    case models::NodeKind::Topic:
        node.params = models::TopicSpec{};
        break;
    }
    return node;
}

TopologyDocument::TopologyDocument(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (!m_unsavedSinceLoad)
            Q_EMIT modifiedChanged(!clean);
    });
}

TopologyDocument::~TopologyDocument() = default;

void TopologyDocument::load(models::Topology topology, const QString &filePath, bool unsaved)
{
    m_undoStack->clear();
    m_topology = std::move(topology);
    m_componentIds.clear();
    m_linkIds.clear();
    for (std::size_t i = 0; i < m_topology.nodes.size(); ++i)
        m_componentIds.push_back(newComponentId());
    for (std::size_t i = 0; i < m_topology.edges.size(); ++i)
        m_linkIds.push_back(newLinkId());
    const bool wasModified = isModified();
    m_unsavedSinceLoad = false;
    m_undoStack->setClean();
    m_unsavedSinceLoad = unsaved;
    if (wasModified != unsaved)
        Q_EMIT modifiedChanged(unsaved);
    m_filePath = filePath;
    Q_EMIT filePathChanged(m_filePath);
    Q_EMIT reset();
    emitChanged();
}

void TopologyDocument::markSaved(const QString &filePath)
{
    const bool wasModified = isModified();
    const bool forced = std::exchange(m_unsavedSinceLoad, false);
    m_undoStack->setClean();
    if (forced && wasModified && !isModified())
        Q_EMIT modifiedChanged(false);
    if (filePath != m_filePath) {
        m_filePath = filePath;
        Q_EMIT filePathChanged(m_filePath);
    }
}

bool TopologyDocument::isModified() const
{
    return m_unsavedSinceLoad || !m_undoStack->isClean();
}

int TopologyDocument::indexOf(ComponentId id) const
{
    const auto it = std::find(m_componentIds.begin(), m_componentIds.end(), id);
    return it == m_componentIds.end() ? -1 : int(it - m_componentIds.begin());
}

int TopologyDocument::indexOf(LinkId id) const
{
    const auto it = std::find(m_linkIds.begin(), m_linkIds.end(), id);
    return it == m_linkIds.end() ? -1 : int(it - m_linkIds.begin());
}

const models::NodeSpec &TopologyDocument::node(ComponentId id) const
{
    Q_ASSERT(contains(id));
    return m_topology.nodes[std::size_t(indexOf(id))];
}

const models::EdgeSpec &TopologyDocument::edge(LinkId id) const
{
    Q_ASSERT(contains(id));
    return m_topology.edges[std::size_t(indexOf(id))];
}

ComponentId TopologyDocument::componentNamed(const std::string &name) const
{
    const int index = m_topology.nodeIndex(name);
    return index < 0 ? InvalidComponentId : m_componentIds[std::size_t(index)];
}

ComponentId TopologyDocument::source(LinkId id) const
{
    return contains(id) ? componentNamed(edge(id).from) : InvalidComponentId;
}

ComponentId TopologyDocument::target(LinkId id) const
{
    return contains(id) ? componentNamed(edge(id).to) : InvalidComponentId;
}

std::vector<LinkId> TopologyDocument::linksOf(ComponentId id) const
{
    std::vector<LinkId> links;
    for (LinkId link : m_linkIds)
        if (source(link) == id || target(link) == id)
            links.push_back(link);
    return links;
}

std::string TopologyDocument::uniqueName(const std::string &base) const
{
    if (m_topology.nodeIndex(base) < 0)
        return base;
    for (int n = 2;; ++n) {
        std::string candidate = base + "-" + std::to_string(n);
        if (m_topology.nodeIndex(candidate) < 0)
            return candidate;
    }
}

ComponentId TopologyDocument::addComponent(models::NodeKind kind, QPointF position)
{
    models::NodeSpec spec = defaultNodeSpec(kind);
    spec.id = uniqueName(baseName(kind));
    spec.position = {position.x(), position.y()};
    const ComponentId id = newComponentId();
    std::vector<PlacedNode> nodes{{int(m_topology.nodes.size()), id, spec}};
    m_undoStack->push(new InsertRemoveCommand(this, InsertRemoveCommand::Direction::Insert, std::move(nodes), {},
                                              tr("Add %1").arg(QString::fromStdString(baseName(kind)))));
    return id;
}

LinkId TopologyDocument::connectComponents(ComponentId from, ComponentId to)
{
    if (from == to || !contains(from) || !contains(to))
        return InvalidLinkId;
    for (LinkId link : m_linkIds)
        if (source(link) == from && target(link) == to)
            return InvalidLinkId;
    models::EdgeSpec spec;
    spec.from = node(from).id;
    spec.to = node(to).id;
    // The mode follows from the kinds: a queue or a topic hands messages to its consumers.
    const models::NodeKind fromKind = node(from).kind();
    spec.mode = fromKind == models::NodeKind::Queue || fromKind == models::NodeKind::Topic ? models::EdgeMode::Consume
                                                                                           : models::EdgeMode::Publish;
    const LinkId id = newLinkId();
    std::vector<PlacedEdge> edges{{int(m_topology.edges.size()), id, spec}};
    m_undoStack->push(
        new InsertRemoveCommand(this, InsertRemoveCommand::Direction::Insert, {}, std::move(edges), tr("Connect")));
    return id;
}

void TopologyDocument::remove(const std::vector<ComponentId> &components, const std::vector<LinkId> &links,
                              const QString &actionText)
{
    std::vector<PlacedNode> nodes;
    std::unordered_set<LinkId> edgeIds(links.begin(), links.end());
    for (ComponentId id : components) {
        if (!contains(id))
            continue;
        nodes.push_back({indexOf(id), id, node(id)});
        for (LinkId link : linksOf(id))
            edgeIds.insert(link);
    }
    std::vector<PlacedEdge> edges;
    for (LinkId id : edgeIds)
        if (contains(id))
            edges.push_back({indexOf(id), id, edge(id)});
    if (nodes.empty() && edges.empty())
        return;
    QString text = actionText;
    if (text.isEmpty())
        text = tr("Delete ")
             + (nodes.empty() ? countOf(qsizetype(edges.size()), tr("Edge"), tr("Edges"))
                              : countOf(qsizetype(nodes.size()), tr("Node"), tr("Nodes")));
    m_undoStack->push(new InsertRemoveCommand(this, InsertRemoveCommand::Direction::Remove, std::move(nodes),
                                              std::move(edges), text));
}

void TopologyDocument::moveComponents(const std::vector<ComponentId> &ids, const std::vector<QPointF> &newPositions)
{
    std::vector<ComponentId> moved;
    std::vector<std::array<double, 2>> from;
    std::vector<std::array<double, 2>> to;
    for (std::size_t i = 0; i < ids.size() && i < newPositions.size(); ++i) {
        if (!contains(ids[i]))
            continue;
        const std::array<double, 2> target{newPositions[i].x(), newPositions[i].y()};
        if (node(ids[i]).position == target)
            continue;
        moved.push_back(ids[i]);
        from.push_back(node(ids[i]).position);
        to.push_back(target);
    }
    if (!moved.empty())
        m_undoStack->push(new MoveComponentsCommand(this, std::move(moved), std::move(from), std::move(to)));
}

void TopologyDocument::changeComponents(const std::vector<ComponentId> &ids, const QString &property,
                                        const std::function<void(models::NodeSpec &)> &edit)
{
    std::vector<ComponentId> changed;
    std::vector<models::NodeSpec> before;
    std::vector<models::NodeSpec> after;
    for (ComponentId id : ids) {
        if (!contains(id))
            continue;
        models::NodeSpec spec = node(id);
        edit(spec);
        spec.id = node(id).id; // renames go through rename(), which fixes references
        // Every selected node is kept, changed or not, so that successive
        // keystrokes on the same selection merge into one step.
        changed.push_back(id);
        before.push_back(node(id));
        after.push_back(std::move(spec));
    }
    if (changed.empty() || before == after)
        return;
    m_undoStack->push(
        new ChangeComponentsCommand(this, property, std::move(changed), std::move(before), std::move(after)));
}

void TopologyDocument::rename(ComponentId id, const std::string &newName)
{
    if (!contains(id) || newName.empty() || node(id).id == newName)
        return;
    m_undoStack->push(new RenameComponentCommand(this, id, newName));
}

void TopologyDocument::changeLinks(const std::vector<LinkId> &ids, const QString &property,
                                   const std::function<void(models::EdgeSpec &)> &edit)
{
    std::vector<LinkId> changed;
    std::vector<models::EdgeSpec> before;
    std::vector<models::EdgeSpec> after;
    for (LinkId id : ids) {
        if (!contains(id))
            continue;
        models::EdgeSpec spec = edge(id);
        edit(spec);
        spec.from = edge(id).from;
        spec.to = edge(id).to;
        changed.push_back(id);
        before.push_back(edge(id));
        after.push_back(std::move(spec));
    }
    if (changed.empty() || before == after)
        return;
    m_undoStack->push(new ChangeLinksCommand(this, property, std::move(changed), std::move(before), std::move(after)));
}

void TopologyDocument::changeSettings(const QString &property, const std::function<void(models::Topology &)> &edit)
{
    models::Topology edited;
    edited.name = m_topology.name;
    edited.description = m_topology.description;
    edited.simulation = m_topology.simulation;
    edited.faults = m_topology.faults;
    edit(edited);
    ChangeSettingsCommand::Settings before{m_topology.name, m_topology.description, m_topology.simulation,
                                           m_topology.faults};
    ChangeSettingsCommand::Settings after{edited.name, edited.description, edited.simulation, edited.faults};
    if (before == after)
        return;
    m_undoStack->push(new ChangeSettingsCommand(this, property, std::move(before), std::move(after)));
}

void TopologyDocument::changeFaults(const QString &property, std::vector<models::FaultSpec> faults, bool ownStep)
{
    if (faults == m_topology.faults)
        return;
    const auto push
        = [&] { changeSettings(property, [&faults](models::Topology &t) { t.faults = std::move(faults); }); };
    if (!ownStep) {
        push();
        return;
    }
    // A macro is never merged into, nor merges (as ComponentForm::editAsStep).
    m_undoStack->beginMacro(property);
    push();
    m_undoStack->endMacro();
}

namespace {

// Moving a node changes the drawing, not the model that ran.
models::Topology withoutPositions(models::Topology t)
{
    for (models::NodeSpec &node : t.nodes)
        node.position = {0, 0};
    return t;
}

} // namespace

void TopologyDocument::setLastRun(models::RunResults results, models::Topology ran)
{
    m_lastRun = std::make_unique<const models::RunResults>(std::move(results));
    m_lastRunTopology = withoutPositions(std::move(ran));
    Q_EMIT lastRunChanged();
}

const models::RunResults *TopologyDocument::lastRunResults() const
{
    if (!m_lastRun || withoutPositions(m_topology) != m_lastRunTopology)
        return nullptr;
    return m_lastRun.get();
}

std::string TopologyDocument::copy(const std::vector<ComponentId> &ids) const
{
    models::Topology fragment;
    std::unordered_set<ComponentId> chosen;
    for (ComponentId id : m_componentIds) // file order, whatever order the selection came in
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
            fragment.nodes.push_back(node(id));
            chosen.insert(id);
        }
    for (LinkId link : m_linkIds)
        if (chosen.count(source(link)) && chosen.count(target(link)))
            fragment.edges.push_back(edge(link));
    return models::serializeTopology(fragment);
}

std::vector<ComponentId> TopologyDocument::paste(const std::string &text, QPointF offset, const QString &actionText)
{
    models::Topology fragment;
    try {
        fragment = models::parseTopology(text, {}, models::Strictness::Draft);
    } catch (const std::exception &) {
        return {};
    }
    if (fragment.nodes.empty())
        return {};

    // Rename against the document and against the names already given in
    // this paste, then point the fragment's own references at the new names.
    std::map<std::string, std::string> renamed;
    std::unordered_set<std::string> taken;
    for (const models::NodeSpec &n : m_topology.nodes)
        taken.insert(n.id);
    for (models::NodeSpec &n : fragment.nodes) {
        std::string name = n.id;
        if (taken.count(name)) {
            const std::string stem = stemOf(name);
            for (int k = 2; taken.count(name); ++k)
                name = stem + "-" + std::to_string(k);
        }
        taken.insert(name);
        renamed.emplace(n.id, name);
        n.id = name;
        n.position = {n.position[0] + offset.x(), n.position[1] + offset.y()};
    }
    for (models::NodeSpec &n : fragment.nodes)
        if (auto *queue = std::get_if<models::QueueSpec>(&n.params))
            if (const auto it = renamed.find(queue->deadLetter); it != renamed.end())
                queue->deadLetter = it->second;

    std::vector<PlacedNode> nodes;
    std::vector<ComponentId> added;
    for (models::NodeSpec &n : fragment.nodes) {
        const ComponentId id = newComponentId();
        nodes.push_back({int(m_topology.nodes.size() + nodes.size()), id, std::move(n)});
        added.push_back(id);
    }
    std::vector<PlacedEdge> edges;
    for (models::EdgeSpec &e : fragment.edges) {
        const auto from = renamed.find(e.from);
        const auto to = renamed.find(e.to);
        if (from == renamed.end() || to == renamed.end())
            continue; // copy() only writes edges inside the fragment; skip anything else
        e.from = from->second;
        e.to = to->second;
        if (const auto routed = renamed.find(e.fallback.to); routed != renamed.end())
            e.fallback.to = routed->second; // a fallback to a pasted node follows it
        edges.push_back({int(m_topology.edges.size() + edges.size()), newLinkId(), std::move(e)});
    }
    const QString pasteText
        = actionText.isEmpty() ? tr("Paste ") + countOf(qsizetype(nodes.size()), tr("Node"), tr("Nodes")) : actionText;
    m_undoStack->push(new InsertRemoveCommand(this, InsertRemoveCommand::Direction::Insert, std::move(nodes),
                                              std::move(edges), pasteText));
    return added;
}

void TopologyDocument::insertItems(const std::vector<PlacedNode> &nodes, const std::vector<PlacedEdge> &edges)
{
    // Ascending order: each index is where the item sits once all before it are back.
    for (const PlacedNode &n : nodes) {
        m_topology.nodes.insert(m_topology.nodes.begin() + n.index, n.spec);
        m_componentIds.insert(m_componentIds.begin() + n.index, n.id);
        Q_EMIT componentAdded(n.id);
    }
    for (const PlacedEdge &e : edges) {
        m_topology.edges.insert(m_topology.edges.begin() + e.index, e.spec);
        m_linkIds.insert(m_linkIds.begin() + e.index, e.id);
        Q_EMIT linkAdded(e.id);
    }
    emitChanged();
}

void TopologyDocument::removeItems(const std::vector<PlacedNode> &nodes, const std::vector<PlacedEdge> &edges)
{
    // Edges first, so no observer ever sees an edge whose node is gone; each
    // list from the back, so the indices stay valid.
    for (auto e = edges.rbegin(); e != edges.rend(); ++e) {
        Q_EMIT linkAboutToBeRemoved(e->id);
        const int index = indexOf(e->id);
        m_topology.edges.erase(m_topology.edges.begin() + index);
        m_linkIds.erase(m_linkIds.begin() + index);
        Q_EMIT linkRemoved(e->id);
    }
    for (auto n = nodes.rbegin(); n != nodes.rend(); ++n) {
        Q_EMIT componentAboutToBeRemoved(n->id);
        const int index = indexOf(n->id);
        m_topology.nodes.erase(m_topology.nodes.begin() + index);
        m_componentIds.erase(m_componentIds.begin() + index);
        Q_EMIT componentRemoved(n->id);
    }
    emitChanged();
}

void TopologyDocument::setNodeSpec(ComponentId id, const models::NodeSpec &spec)
{
    m_topology.nodes[std::size_t(indexOf(id))] = spec;
    Q_EMIT componentChanged(id);
    emitChanged();
}

void TopologyDocument::setEdgeSpec(LinkId id, const models::EdgeSpec &spec)
{
    m_topology.edges[std::size_t(indexOf(id))] = spec;
    Q_EMIT linkChanged(id);
    emitChanged();
}

void TopologyDocument::setSettings(const std::string &name, const std::string &description,
                                   const models::SimulationSettings &simulation,
                                   const std::vector<models::FaultSpec> &faults)
{
    m_topology.name = name;
    m_topology.description = description;
    m_topology.simulation = simulation;
    m_topology.faults = faults;
    Q_EMIT settingsChanged();
    emitChanged();
}

void TopologyDocument::emitChanged()
{
    Q_EMIT changed();
}

} // namespace asyncsim::ui
