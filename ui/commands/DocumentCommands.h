#pragma once

#include "ui/TopologyDocument.h"

#include <QUndoCommand>

#include <array>
#include <string>
#include <vector>

namespace asyncsim::ui {

/// Undo command that inserts nodes and edges into the topology, or removes
/// them: add, connect, paste and duplicate insert; delete and cut remove. It
/// holds the items as values with their places and ids, so undoing a removal
/// puts them back exactly where they were.
class InsertRemoveCommand : public QUndoCommand
{
public:
    enum class Direction { Insert, Remove };
    using PlacedNode = TopologyDocument::PlacedNode;
    using PlacedEdge = TopologyDocument::PlacedEdge;

    InsertRemoveCommand(TopologyDocument *document, Direction direction, std::vector<PlacedNode> nodes,
                        std::vector<PlacedEdge> edges, const QString &text);

    void redo() override;
    void undo() override;

private:
    void apply(Direction direction);

    TopologyDocument *m_document; // not owned
    Direction m_direction;
    std::vector<PlacedNode> m_nodes; // ascending index
    std::vector<PlacedEdge> m_edges; // ascending index
};

/// Undo command that moves nodes: one finished drag.
class MoveComponentsCommand : public QUndoCommand
{
public:
    MoveComponentsCommand(TopologyDocument *document, std::vector<ComponentId> ids,
                          std::vector<std::array<double, 2>> from, std::vector<std::array<double, 2>> to);

    void redo() override { apply(m_to); }
    void undo() override { apply(m_from); }

private:
    void apply(const std::vector<std::array<double, 2>> &positions);

    TopologyDocument *m_document; // not owned
    std::vector<ComponentId> m_ids;
    std::vector<std::array<double, 2>> m_from;
    std::vector<std::array<double, 2>> m_to;
};

/// Undo command that changes one property of nodes or of edges, for every
/// inspector edit (Tiled's ChangeValue): redo and undo swap stored and current
/// specs, and successive edits of the same property on the same items merge,
/// so typing in a field is one step. A net no-op makes itself obsolete.
template <typename Id, typename Spec, int CommandId> class ChangeSpecsCommand : public QUndoCommand
{
public:
    ChangeSpecsCommand(TopologyDocument *document, QString property, std::vector<Id> ids, std::vector<Spec> before,
                       std::vector<Spec> after)
        : m_document(document)
        , m_property(std::move(property))
        , m_ids(std::move(ids))
        , m_before(std::move(before))
        , m_after(std::move(after))
    {
        setText(QObject::tr("Change %1").arg(m_property));
    }

    void redo() override { apply(m_after); }
    void undo() override { apply(m_before); }
    int id() const override { return CommandId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const ChangeSpecsCommand *>(other);
        if (o->m_document != m_document || o->m_property != m_property || o->m_ids != m_ids)
            return false;
        m_after = o->m_after;
        setObsolete(m_after == m_before);
        return true;
    }

private:
    void apply(const std::vector<Spec> &specs)
    {
        for (std::size_t i = 0; i < m_ids.size(); ++i)
            m_document->setSpec(m_ids[i], specs[i]);
    }

    TopologyDocument *m_document; // not owned
    QString m_property;
    std::vector<Id> m_ids;
    std::vector<Spec> m_before;
    std::vector<Spec> m_after;
};

using ChangeComponentsCommand = ChangeSpecsCommand<ComponentId, models::NodeSpec, 1>;
using ChangeLinksCommand = ChangeSpecsCommand<LinkId, models::EdgeSpec, 2>;

/// Undo command that renames a node and every reference to it, edges and
/// dead-letter targets alike, as one step.
class RenameComponentCommand : public QUndoCommand
{
public:
    RenameComponentCommand(TopologyDocument *document, ComponentId id, std::string newName);

    void redo() override { apply(m_newName); }
    void undo() override { apply(m_oldName); }

private:
    void apply(const std::string &name);

    TopologyDocument *m_document; // not owned
    ComponentId m_id;
    std::string m_oldName;
    std::string m_newName;
    std::vector<LinkId> m_outgoing; // the edges that named the node, fixed at construction
    std::vector<LinkId> m_incoming;
    std::vector<ComponentId> m_deadLetterUsers; // queues whose deadLetter named it
    std::vector<LinkId> m_fallbackUsers;        // call edges whose fallback routed to it
    std::vector<std::size_t> m_faultUsers;      // faults (by index) that targeted it
};

/// Undo command that changes the document's name, description, simulation
/// settings or faults timeline; merges like ChangeComponentsCommand.
class ChangeSettingsCommand : public QUndoCommand
{
public:
    /// The document's own fields.
    struct Settings
    {
        std::string name;
        std::string description;
        models::SimulationSettings simulation;
        std::vector<models::FaultSpec> faults;

        bool operator==(const Settings &) const = default;
    };

    ChangeSettingsCommand(TopologyDocument *document, QString property, Settings before, Settings after);

    void redo() override { apply(m_after); }
    void undo() override { apply(m_before); }
    int id() const override { return 3; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    void apply(const Settings &settings);

    TopologyDocument *m_document; // not owned
    QString m_property;
    Settings m_before;
    Settings m_after;
};

} // namespace asyncsim::ui
