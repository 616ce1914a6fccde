#pragma once

#include "Message.h"
#include "RunContext.h"
#include "RunResults.h"
#include "RunSnapshot.h"
#include "Topology.h"
#include "sim/Event.h"

#include <string>
#include <vector>

namespace asyncsim::models {

/// A node of a running topology. Components pass messages by MessageRef and
/// own nothing of each other (links are non-owning pointers set up by Run).
class Component : public sim::EventHandler
{
public:
    Component(RunContext &context, const NodeSpec &spec, std::size_t index)
        : m_context(context)
        , m_id(spec.id)
        , m_kind(spec.kind())
        , m_index(index)
    { }

    const std::string &id() const { return m_id; }
    NodeKind kind() const { return m_kind; }
    /// Position of the node in the topology; names the node in flows.
    std::size_t index() const { return m_index; }

    /// Called once before the run starts (schedule first events here).
    virtual void start() { }
    /// A message arrives over a publish edge. Returns false to refuse it;
    /// the sender then disposes of it (the message stays the sender's).
    virtual bool offer(MessageRef message) = 0;
    /// Why this node refuses messages, for the ledger.
    virtual DropReason refusalReason() const { return DropReason::QueueFull; }
    /// Warm-up deletion: forget statistics gathered so far.
    virtual void resetStatistics() = 0;
    /// The run stops at @p end; bring levels and series up to date.
    virtual void finish(sim::Time end) = 0;
    /// What was measured, over [measuredFrom, end].
    virtual NodeResults results(sim::Time measuredFrom, sim::Time end) const = 0;
    /// Appends this node's time series to @p out.
    virtual void collectSeries(std::vector<SeriesResults> &out) const = 0;

    /// Fills @p out with the node's live state (its kind is set already):
    /// levels now, counters since the last statistics reset. Only called when
    /// someone watches (the GUI), never on the hot path. Every component of
    /// a run overrides it; the default (nothing) serves test doubles.
    virtual void snapshot(NodeSnapshot &out) const { (void)out; }

    void handleEvent(const sim::Event &) override { }

protected:
    RunContext &m_context; // not owned
    sim::Time now() const { return m_context.now(); }
    /// Results with id and kind, @p arrivals and @p departures, and their
    /// rates per second over [measuredFrom, end].
    NodeResults countedResults(sim::Time measuredFrom, sim::Time end, std::uint64_t arrivals,
                               std::uint64_t departures) const
    {
        NodeResults r;
        r.id = m_id;
        r.kind = m_kind;
        r.arrivals = arrivals;
        r.departures = departures;
        const double span = (end - measuredFrom).toSeconds();
        r.arrivalRate = span > 0 ? static_cast<double>(arrivals) / span : 0.0;
        r.throughput = span > 0 ? static_cast<double>(departures) / span : 0.0;
        return r;
    }

private:
    std::string m_id;
    NodeKind m_kind;
    std::size_t m_index;
};

} // namespace asyncsim::models
