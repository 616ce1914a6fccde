#pragma once

#include "RunContext.h"
#include "Topology.h"
#include "sim/Event.h"

#include <vector>

namespace asyncsim::models {

class Component;

/// The faults timeline of a run: starts and ends each fault at its time,
/// applying it to its target, and notes both in the run log. A traffic fault
/// is folded into its producer's rate profile when the schedule is made (the
/// producer then draws its arrivals on the combined profile); it is logged
/// like the others.
///
/// Each fault sets its effect when it starts and restores the specified
/// value when it ends (faults of one kind on one node do not overlap: the
/// topology check sees to it).
class FaultSchedule : public sim::EventHandler
{
public:
    /// @p components by node index (not owned); @p faults must have passed checkTopology().
    FaultSchedule(RunContext &context, const Topology &topology, const std::vector<Component *> &components);

    void handleEvent(const sim::Event &event) override;

    /// Switches fault number @p fault on or off from now on (an edit during
    /// a run). Off: its pending start and end are cancelled and, if it is
    /// under way, it ends now. On: if its span has not begun it is scheduled
    /// as in the file; if now is inside its span it starts now and ends as
    /// planned; if its span is over, nothing happens. Returns whether the
    /// switch changed anything.
    bool setEnabled(std::size_t fault, bool enabled);
    /// The timeline as it runs (with the switches made during the run).
    const std::vector<FaultSpec> &faults() const { return m_faults; }

private:
    enum EventKind : std::uint32_t { Start, End };

    void apply(const FaultSpec &fault, std::size_t target, bool starting);
    void schedule(std::size_t fault);
    void cancelPending(std::size_t fault);
    /// Folds a traffic fault into (factor) or out of (1 / factor) its producer's profile from @p from on.
    void changeTraffic(std::size_t fault, sim::Time from, bool on);
    sim::Time startOf(std::size_t fault) const { return sim::Time::zero() + m_faults[fault].at; }
    sim::Time endOf(std::size_t fault) const
    {
        return m_faults[fault].duration ? startOf(fault) + *m_faults[fault].duration : sim::Time::max();
    }

    /// What a fault is doing in the run.
    struct Progress
    {
        sim::EventId start = sim::InvalidEventId; ///< pending start, if any
        sim::EventId end = sim::InvalidEventId;   ///< pending end, if any
        bool active = false;                      ///< started and not ended
    };
    /// Starts or ends fault @p fault (a partition or any other kind).
    void applyFault(std::size_t fault, bool starting);
    /// A partition between nodes @p a and @p b starts or ends.
    void partition(std::size_t a, std::size_t b, bool starting);

    RunContext &m_context; // not owned
    std::vector<FaultSpec> m_faults;
    std::vector<std::size_t> m_targets;    // node index per fault
    std::vector<std::size_t> m_peers;      // Partition: the other node's index per fault
    std::vector<Component *> m_components; // not owned
    std::vector<Progress> m_progress;      // by fault
};

} // namespace asyncsim::models
