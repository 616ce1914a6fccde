#include "FaultSchedule.h"

#include "DurationText.h"
#include "Producer.h"
#include "Service.h"

#include <cstdio>

namespace asyncsim::models {

namespace {

std::string describe(const FaultSpec &f)
{
    std::string text = faultKindName(f.kind);
    char buffer[64];
    switch (f.kind) {
    case FaultKind::Outage:
        text += f.mode == OutageMode::Hang ? " (hang)" : " (error)";
        break;
    case FaultKind::Latency:
    case FaultKind::Traffic:
        std::snprintf(buffer, sizeof buffer, " ×%g", f.factor);
        text += buffer;
        break;
    case FaultKind::Errors:
        std::snprintf(buffer, sizeof buffer, " p = %g", f.probability);
        text += buffer;
        break;
    case FaultKind::Scale:
        text += " to " + std::to_string(f.workers) + " workers";
        break;
    case FaultKind::Partition:
        text += " from " + f.peer;
        break;
    }
    if (f.duration)
        text += " for " + formatDuration(*f.duration);
    return text;
}

} // namespace

FaultSchedule::FaultSchedule(RunContext &context, const Topology &topology, const std::vector<Component *> &components)
    : m_context(context)
    , m_faults(topology.faults)
    , m_components(components)
{
    for (std::size_t f = 0; f < m_faults.size(); ++f) {
        const FaultSpec &fault = m_faults[f];
        const auto target = static_cast<std::size_t>(topology.nodeIndex(fault.target));
        m_targets.push_back(target);
        m_peers.push_back(fault.kind == FaultKind::Partition ? static_cast<std::size_t>(topology.nodeIndex(fault.peer))
                                                             : target);
        const sim::Time start = sim::Time::zero() + fault.at;
        const sim::Time end = fault.duration ? start + *fault.duration : sim::Time::max();
        if (fault.kind == FaultKind::Traffic)
            static_cast<Producer *>(components[target])->applyTraffic(start, end, fault.factor);
        const auto data = static_cast<std::uint32_t>(f);
        context.simulation.scheduleAt(start, *this, Start, data);
        if (fault.duration)
            context.simulation.scheduleAt(end, *this, End, data);
    }
}

void FaultSchedule::handleEvent(const sim::Event &event)
{
    const FaultSpec &fault = m_faults[event.data];
    const std::size_t target = m_targets[event.data];
    const bool starting = event.kind == Start;
    if (fault.kind == FaultKind::Partition)
        partition(target, m_peers[event.data], starting);
    else
        apply(fault, target, starting);
    m_context.note(starting ? RunLogKind::FaultStarted : RunLogKind::FaultEnded, static_cast<std::int32_t>(target),
                   describe(fault));
}

void FaultSchedule::partition(std::size_t a, std::size_t b, bool starting)
{
    m_context.setPartitioned(a, b, starting);
    if (starting)
        return;
    // Healed: a consumer takes the work that waited across the cut meanwhile.
    for (const std::size_t node : {a, b})
        if (m_components[node]->kind() == NodeKind::Service)
            static_cast<Service *>(m_components[node])->resumeWork();
}

void FaultSchedule::apply(const FaultSpec &fault, std::size_t target, bool starting)
{
    if (fault.kind == FaultKind::Traffic || fault.kind == FaultKind::Partition)
        return; // already in the producer's rate profile; partitions: see partition()
    auto &service = static_cast<Service &>(*m_components[target]);
    switch (fault.kind) {
    case FaultKind::Outage:
        service.setOutage(starting ? std::optional(fault.mode) : std::nullopt);
        break;
    case FaultKind::Latency:
        service.setLatencyFactor(starting ? fault.factor : 1.0);
        break;
    case FaultKind::Errors:
        service.setFailureProbability(starting ? std::optional(fault.probability) : std::nullopt);
        break;
    case FaultKind::Scale:
        service.setWorkers(starting ? fault.workers : service.specifiedWorkers());
        break;
    case FaultKind::Traffic:
    case FaultKind::Partition:
        break;
    }
}

} // namespace asyncsim::models
