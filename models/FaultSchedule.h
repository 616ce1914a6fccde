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

private:
    enum EventKind : std::uint32_t { Start, End };

    void apply(const FaultSpec &fault, std::size_t target, bool starting);
    /// A partition between nodes @p a and @p b starts or ends.
    void partition(std::size_t a, std::size_t b, bool starting);

    RunContext &m_context; // not owned
    std::vector<FaultSpec> m_faults;
    std::vector<std::size_t> m_targets;    // node index per fault
    std::vector<std::size_t> m_peers;      // Partition: the other node's index per fault
    std::vector<Component *> m_components; // not owned
};

} // namespace asyncsim::models
