#pragma once

#include "Ids.h"
#include "models/RunResults.h"
#include "models/Topology.h"

#include <QList>
#include <QObject>
#include <QPointF>
#include <QString>

#include <functional>
#include <memory>
#include <string>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QUndoStack)

namespace asyncsim::ui {

/// The topology being edited: the single source of truth of the editor.
///
/// It wraps a models::Topology, gives every node and edge a stable id, and
/// owns the undo stack. The scene, the inspector and the problems panel
/// observe its signals; nothing changes the topology except the edit methods
/// below, each of which pushes one undo command (or merges into the last one,
/// for typing in a field). Commands reach the private mutators as friends.
class TopologyDocument : public QObject
{
    Q_OBJECT

public:
    explicit TopologyDocument(QObject *parent = nullptr);
    ~TopologyDocument() override;

    /// The whole topology, as Save writes it.
    const models::Topology &topology() const { return m_topology; }
    QUndoStack *undoStack() const { return m_undoStack; }

    /// Replaces everything (New, Open, an example), clears the undo history
    /// and emits reset(). @p filePath is empty for an untitled document.
    /// @p unsaved marks it modified from the start (recovered work, which
    /// must not look saved).
    void load(models::Topology topology, const QString &filePath = {}, bool unsaved = false);
    /// The file this document was opened from or saved to; empty if untitled.
    QString filePath() const { return m_filePath; }
    /// Records a successful save: the new path, and the undo stack made clean.
    void markSaved(const QString &filePath);
    /// True when there are edits not yet saved.
    bool isModified() const;

    /// @name Reading nodes and edges by id
    /// @{
    const std::vector<ComponentId> &componentIds() const { return m_componentIds; } ///< in file order
    const std::vector<LinkId> &linkIds() const { return m_linkIds; }                ///< in file order
    bool contains(ComponentId id) const { return indexOf(id) >= 0; }
    bool contains(LinkId id) const { return indexOf(id) >= 0; }
    int indexOf(ComponentId id) const; ///< position in topology().nodes, or -1
    int indexOf(LinkId id) const;      ///< position in topology().edges, or -1
    /// @pre contains(id)
    const models::NodeSpec &node(ComponentId id) const;
    /// @pre contains(id)
    const models::EdgeSpec &edge(LinkId id) const;
    /// The first node named @p name, or InvalidComponentId.
    ComponentId componentNamed(const std::string &name) const;
    /// The node an edge starts at / ends at, found by name; InvalidComponentId
    /// for a dangling edge (possible in a draft file).
    ComponentId source(LinkId id) const;
    ComponentId target(LinkId id) const;
    /// The edges that start or end at @p id.
    std::vector<LinkId> linksOf(ComponentId id) const;
    /// A name not used by any node: "service", "service-2", ...
    std::string uniqueName(const std::string &base) const;
    /// @}

    /// @name Edits: each pushes one undo command
    /// @{
    /// Adds a node of @p kind with default parameters at @p position.
    ComponentId addComponent(models::NodeKind kind, QPointF position);
    /// Connects two nodes; the mode follows from their kinds. Returns
    /// InvalidLinkId, pushing nothing, if the two are already connected that
    /// way or @p from == @p to.
    LinkId connectComponents(ComponentId from, ComponentId to);
    /// Removes nodes and edges; the edges of removed nodes go with them.
    void remove(const std::vector<ComponentId> &components, const std::vector<LinkId> &links,
                const QString &actionText = {});
    /// Moves nodes to new positions as one step (a finished drag).
    void moveComponents(const std::vector<ComponentId> &ids, const std::vector<QPointF> &newPositions);
    /// Changes the parameters of nodes. @p edit is applied to a copy of each
    /// node's spec; unchanged nodes are left alone. Successive edits with the
    /// same @p property on the same nodes merge into one undo step (typing).
    /// Renames go through rename() instead.
    void changeComponents(const std::vector<ComponentId> &ids, const QString &property,
                          const std::function<void(models::NodeSpec &)> &edit);
    /// Renames a node and every reference to it (edges, dead-letter targets,
    /// fault targets, fallback routes).
    void rename(ComponentId id, const std::string &newName);
    /// Changes edges, as changeComponents() does for nodes.
    void changeLinks(const std::vector<LinkId> &ids, const QString &property,
                     const std::function<void(models::EdgeSpec &)> &edit);
    /// Changes the document's own fields: name, description, simulation
    /// settings and the faults timeline. Nodes and edges in the copy handed
    /// to @p edit are empty, and changes to them are ignored.
    void changeSettings(const QString &property, const std::function<void(models::Topology &)> &edit);
    /// Replaces the faults timeline. Successive calls with the same
    /// @p property merge (typing in a row); pass @p ownStep for a click (add
    /// or remove a row), which is an undo step of its own named @p property.
    void changeFaults(const QString &property, std::vector<models::FaultSpec> faults, bool ownStep = false);
    /// @}

    /// @name The last run that reached its end
    /// What the inspector shows as "simulated" beside the capacity check's
    /// prediction. Not part of the file, and not an edit.
    /// @{
    /// Records @p results of a run of @p ran (the topology as it ran) and emits lastRunChanged().
    void setLastRun(models::RunResults results, models::Topology ran);
    /// Those results while the topology still describes the model that ran
    /// (positions aside); null when there are none or after an edit to the model.
    const models::RunResults *lastRunResults() const;
    /// @}

    /// @name Clipboard: the same JSON serializer as Save
    /// @{
    /// The nodes and the edges among them, as a topology file's text.
    std::string copy(const std::vector<ComponentId> &ids) const;
    /// Inserts the nodes and edges of @p text (as copy() writes it), renamed
    /// where their names are taken and moved by @p offset, as one step.
    /// Returns the new nodes; nothing (and no step) if the text is not a
    /// topology. @throws nothing.
    std::vector<ComponentId> paste(const std::string &text, QPointF offset, const QString &actionText = {});
    /// @}

Q_SIGNALS:
    void componentAdded(asyncsim::ui::ComponentId id);
    void componentAboutToBeRemoved(asyncsim::ui::ComponentId id);
    void componentRemoved(asyncsim::ui::ComponentId id);
    /// Parameters, name or position changed.
    void componentChanged(asyncsim::ui::ComponentId id);
    void linkAdded(asyncsim::ui::LinkId id);
    void linkAboutToBeRemoved(asyncsim::ui::LinkId id);
    void linkRemoved(asyncsim::ui::LinkId id);
    void linkChanged(asyncsim::ui::LinkId id);
    /// Name, description, simulation settings or faults changed.
    void settingsChanged();
    /// Everything was replaced (load()).
    void reset();
    /// Anything at all changed; for observers that recompute from the whole.
    void changed();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &filePath);
    /// setLastRun() recorded a new run.
    void lastRunChanged();

private:
    friend class InsertRemoveCommand;
    friend class MoveComponentsCommand;
    template <typename, typename, int> friend class ChangeSpecsCommand;
    friend class RenameComponentCommand;
    friend class ChangeSettingsCommand;

    /// A node or edge with its id and place, as commands keep them.
    struct PlacedNode
    {
        int index;
        ComponentId id;
        models::NodeSpec spec;
    };
    struct PlacedEdge
    {
        int index;
        LinkId id;
        models::EdgeSpec spec;
    };

    // Mutators used by commands only; each emits the matching signals.
    void insertItems(const std::vector<PlacedNode> &nodes, const std::vector<PlacedEdge> &edges);
    void removeItems(const std::vector<PlacedNode> &nodes, const std::vector<PlacedEdge> &edges);
    void setNodeSpec(ComponentId id, const models::NodeSpec &spec);
    void setEdgeSpec(LinkId id, const models::EdgeSpec &spec);
    void setSpec(ComponentId id, const models::NodeSpec &spec) { setNodeSpec(id, spec); }
    void setSpec(LinkId id, const models::EdgeSpec &spec) { setEdgeSpec(id, spec); }
    void setSettings(const std::string &name, const std::string &description,
                     const models::SimulationSettings &simulation, const std::vector<models::FaultSpec> &faults);
    void emitChanged();

    ComponentId newComponentId() { return ComponentId{++m_lastId}; }
    LinkId newLinkId() { return LinkId{++m_lastId}; }

    models::Topology m_topology;
    std::vector<ComponentId> m_componentIds; // parallel to m_topology.nodes
    std::vector<LinkId> m_linkIds;           // parallel to m_topology.edges
    std::uint64_t m_lastId = 0;
    QString m_filePath;
    bool m_unsavedSinceLoad = false; // modified without a step to undo (load(..., unsaved))
    QUndoStack *m_undoStack;         // owned (child)
    std::unique_ptr<const models::RunResults> m_lastRun;
    models::Topology m_lastRunTopology; // positions cleared: only the model counts
};

/// Default parameters for a new node of @p kind, as the palette places it.
models::NodeSpec defaultNodeSpec(models::NodeKind kind);

} // namespace asyncsim::ui
