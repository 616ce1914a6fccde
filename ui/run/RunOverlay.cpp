#include "RunOverlay.h"

#include "LinkOverlayItem.h"
#include "NodeOverlayItem.h"
#include "RunController.h"
#include "ui/TopologyDocument.h"
#include "ui/canvas/TopologyScene.h"

namespace asyncsim::ui {

namespace {

constexpr qint64 WindowMs = 500;

template <typename Overlay> Overlay *childOverlay(const QGraphicsItem *parent)
{
    if (!parent)
        return nullptr;
    for (QGraphicsItem *child : parent->childItems())
        if (child->type() == Overlay::Type)
            return static_cast<Overlay *>(child);
    return nullptr;
}

std::uint64_t total(const std::array<std::uint64_t, static_cast<std::size_t>(models::MessageClass::Count)> &counts)
{
    std::uint64_t n = 0;
    for (std::uint64_t c : counts)
        n += c;
    return n;
}

} // namespace

RunOverlay::RunOverlay(RunController *controller, TopologyScene *scene, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_scene(scene)
{
    connect(controller, &RunController::runStarted, this, &RunOverlay::onRunStarted);
    connect(controller, &RunController::runReset, this, [this] {
        clear();
        m_componentIds.clear();
        m_linkIds.clear();
    });
    connect(controller, &RunController::snapshotReady, this,
            [this](const std::shared_ptr<const models::RunSnapshot> &snapshot) { apply(*snapshot); });
    // A new document: its items are new, and the run's ids mean nothing there.
    connect(scene->document(), &TopologyDocument::reset, this, [this] {
        m_componentIds.clear();
        m_linkIds.clear();
    });
}

void RunOverlay::onRunStarted()
{
    clear();
    const TopologyDocument *document = m_scene->document();
    m_componentIds = document->componentIds();
    m_linkIds = document->linkIds();
    m_carried.assign(m_linkIds.size(), {});
    m_windowCarried.assign(m_linkIds.size(), 0);
    m_rates.assign(m_linkIds.size(), 0.0);
    m_windowWaiting.assign(m_componentIds.size(), 0);
    m_growingFor.assign(m_componentIds.size(), 0);
    const models::Topology &topology = m_controller->topology();
    m_sources.assign(topology.nodes.size(), {});
    for (const models::EdgeSpec &e : topology.edges) {
        const int from = topology.nodeIndex(e.from);
        const int to = topology.nodeIndex(e.to);
        if (e.mode == models::EdgeMode::Consume && from >= 0 && to >= 0)
            m_sources[static_cast<std::size_t>(to)].push_back(static_cast<std::size_t>(from));
    }
    m_window.invalidate();
    m_sinceApply.invalidate();
}

NodeOverlayItem *RunOverlay::overlayFor(ComponentId id) const
{
    return childOverlay<NodeOverlayItem>(m_scene->itemFor(id));
}

LinkOverlayItem *RunOverlay::overlayFor(LinkId id) const
{
    return childOverlay<LinkOverlayItem>(m_scene->itemFor(id));
}

void RunOverlay::updateRates(const models::RunSnapshot &snapshot)
{
    const bool first = !m_window.isValid();
    if (!first && m_window.elapsed() < WindowMs)
        return;
    const double simSeconds = (snapshot.now - m_windowStart).toSeconds();
    for (std::size_t e = 0; e < m_linkIds.size() && e < snapshot.edges.size(); ++e) {
        const std::uint64_t now = total(snapshot.edges[e].carried);
        if (!first && simSeconds > 0)
            m_rates[e] = static_cast<double>(now - m_windowCarried[e]) / simSeconds;
        m_windowCarried[e] = now;
    }
    for (std::size_t n = 0; n < m_componentIds.size() && n < snapshot.nodes.size(); ++n) {
        std::uint64_t level = snapshot.nodes[n].waiting;
        for (std::uint64_t lag : snapshot.nodes[n].partitionLag)
            level += lag;
        if (!first)
            m_growingFor[n] = level > m_windowWaiting[n] ? m_growingFor[n] + 1 : 0;
        m_windowWaiting[n] = level;
    }
    m_windowStart = snapshot.now;
    m_window.start();
}

void RunOverlay::apply(const models::RunSnapshot &snapshot)
{
    if (m_componentIds.empty() && m_linkIds.empty())
        return;
    const double wallSeconds = m_sinceApply.isValid() ? static_cast<double>(m_sinceApply.nsecsElapsed()) * 1e-9 : 0.0;
    m_sinceApply.start();
    updateRates(snapshot);

    for (std::size_t n = 0; n < m_componentIds.size() && n < snapshot.nodes.size(); ++n) {
        ComponentItem *card = m_scene->itemFor(m_componentIds[n]);
        if (!card)
            continue; // removed from the canvas during the run
        NodeOverlayItem *overlay = childOverlay<NodeOverlayItem>(card);
        if (!overlay)
            overlay = new NodeOverlayItem(card);
        const models::NodeSnapshot &node = snapshot.nodes[n];
        // Overloaded: a backlog out of hand; for a service, one it cannot
        // work off (every worker busy) in its own line or a queue it consumes.
        bool overloaded = false;
        if (node.kind == models::NodeKind::Queue || node.kind == models::NodeKind::Topic) {
            overloaded = isBacklogged(node, n);
        } else if (node.kind == models::NodeKind::Service && node.workers > 0 && node.busyWorkers >= node.workers) {
            overloaded = isBacklogged(node, n);
            for (std::size_t source : m_sources[n])
                overloaded
                    = overloaded || (source < snapshot.nodes.size() && isBacklogged(snapshot.nodes[source], source));
        }
        overlay->setState(node, overloaded && !snapshot.finished);
    }
    for (std::size_t e = 0; e < m_linkIds.size() && e < snapshot.edges.size(); ++e) {
        LinkItem *link = m_scene->itemFor(m_linkIds[e]);
        if (!link)
            continue;
        LinkOverlayItem *overlay = childOverlay<LinkOverlayItem>(link);
        if (!overlay)
            overlay = new LinkOverlayItem(link);
        overlay->setVisible(!link->isDangling());
        overlay->setCurve(link->curve(), link->middle());
        const models::EdgeSnapshot &edge = snapshot.edges[e];
        std::array<std::uint64_t, static_cast<std::size_t>(models::MessageClass::Count)> crossed{};
        for (std::size_t c = 0; c < crossed.size(); ++c)
            crossed[c] = edge.carried[c] - std::min(edge.carried[c], m_carried[e][c]);
        m_carried[e] = edge.carried;
        overlay->advance(wallSeconds, crossed, m_rates[e]);
        overlay->setBreaker(edge.breaker, edge.breakerTransitions);
    }
}

bool RunOverlay::isBacklogged(const models::NodeSnapshot &node, std::size_t n) const
{
    // Two windows in a row (a second) and more than a handful: not a passing burst.
    constexpr int Windows = 2;
    constexpr std::uint64_t Handful = 10;
    if (node.capacity && *node.capacity > 0 && node.waiting >= *node.capacity)
        return true;
    std::uint64_t level = node.waiting;
    for (std::uint64_t lag : node.partitionLag)
        level += lag;
    return n < m_growingFor.size() && m_growingFor[n] >= Windows && level >= Handful;
}

void RunOverlay::clear()
{
    // Collected first: deleting while walking the scene's list would invalidate it.
    std::vector<QGraphicsItem *> overlays;
    for (QGraphicsItem *item : m_scene->items())
        if (item->type() == NodeOverlayItem::Type || item->type() == LinkOverlayItem::Type)
            overlays.push_back(item);
    for (QGraphicsItem *item : overlays)
        delete item;
    m_carried.assign(m_linkIds.size(), {});
    m_sinceApply.invalidate();
    m_window.invalidate();
}

} // namespace asyncsim::ui
