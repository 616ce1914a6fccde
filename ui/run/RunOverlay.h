#pragma once

#include "ui/Ids.h"

#include <QElapsedTimer>
#include <QObject>

#include "models/RunSnapshot.h"
#include "models/Topology.h"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace asyncsim::ui {

class LinkOverlayItem;
class NodeOverlayItem;
class RunController;
class TopologyDocument;
class TopologyScene;

/// Puts the live run on the canvas: keeps a NodeOverlayItem on every node's
/// card and a LinkOverlayItem on every edge of the running topology, fed from
/// the controller's newest snapshot; removes them all on Reset. Nodes and
/// edges are matched by their position in the topology at the run's start
/// (the document's ids then), so edits during the run do not confuse them.
class RunOverlay : public QObject
{
    Q_OBJECT

public:
    RunOverlay(RunController *controller, TopologyScene *scene, QObject *parent = nullptr);

    /// The overlay of a node or edge, or nullptr (no run, or not on the canvas).
    NodeOverlayItem *overlayFor(ComponentId id) const;
    LinkOverlayItem *overlayFor(LinkId id) const;

    /// Applies @p snapshot (what the controller's snapshotReady does).
    void apply(const models::RunSnapshot &snapshot);
    /// Removes every overlay.
    void clear();

private:
    void onRunStarted();
    void updateRates(const models::RunSnapshot &snapshot);

    RunController *m_controller;             // not owned
    TopologyScene *m_scene;                  // not owned
    std::vector<ComponentId> m_componentIds; // by node index at the run's start
    std::vector<LinkId> m_linkIds;           // by edge index at the run's start
    // The previous snapshot's edge counts (the dots are what crossed since).
    std::vector<std::array<std::uint64_t, static_cast<std::size_t>(models::MessageClass::Count)>> m_carried;
    QElapsedTimer m_sinceApply;
    // Rates and trends over windows of about half a second of wall time.
    QElapsedTimer m_window;
    sim::Time m_windowStart;
    std::vector<std::uint64_t> m_windowCarried;      // per edge, at the window's start
    std::vector<double> m_rates;                     // per edge, messages per simulated second
    std::vector<std::uint64_t> m_windowWaiting;      // per node, at the window's start
    std::vector<int> m_growingFor;                   // per node: windows in a row its backlog grew
    std::vector<std::vector<std::size_t>> m_sources; // per node: the queues and topics it consumes

    /// Whether @p node (index @p n) has a backlog out of hand: growing for
    /// a second, or a bounded queue full.
    bool isBacklogged(const models::NodeSnapshot &node, std::size_t n) const;
};

} // namespace asyncsim::ui
