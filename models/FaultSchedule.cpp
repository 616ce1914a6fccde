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
    case FaultKind::Poison:
        if (f.count > 0)
            text += " (next " + std::to_string(f.count) + " messages)";
        else {
            std::snprintf(buffer, sizeof buffer, " (share %g)", f.share);
            text += buffer;
        }
        break;
    case FaultKind::Crash:
        text += " of " + std::to_string(f.instances) + (f.instances == 1 ? " instance" : " instances");
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
    m_progress.resize(m_faults.size());
    for (std::size_t f = 0; f < m_faults.size(); ++f) {
        const FaultSpec &fault = m_faults[f];
        const auto target = static_cast<std::size_t>(topology.nodeIndex(fault.target));
        m_targets.push_back(target);
        m_peers.push_back(fault.kind == FaultKind::Partition ? static_cast<std::size_t>(topology.nodeIndex(fault.peer))
                                                             : target);
        if (fault.kind == FaultKind::Crash) // also when switched off: it may be switched on during the run
            static_cast<Service *>(components[target])->trackWorkInProgress();
        if (!fault.enabled)
            continue;
        if (fault.kind == FaultKind::Traffic)
            static_cast<Producer *>(components[target])->applyTraffic(startOf(f), endOf(f), fault.factor);
        schedule(f);
    }
}

void FaultSchedule::schedule(std::size_t f)
{
    const auto data = static_cast<std::uint32_t>(f);
    const sim::Time now = m_context.now();
    if (startOf(f) >= now)
        m_progress[f].start = m_context.simulation.scheduleAt(startOf(f), *this, Start, data);
    if (m_faults[f].duration && endOf(f) >= now)
        m_progress[f].end = m_context.simulation.scheduleAt(endOf(f), *this, End, data);
}

void FaultSchedule::cancelPending(std::size_t f)
{
    for (sim::EventId *id : {&m_progress[f].start, &m_progress[f].end})
        if (*id != sim::InvalidEventId) {
            m_context.simulation.cancel(*id);
            *id = sim::InvalidEventId;
        }
}

void FaultSchedule::changeTraffic(std::size_t f, sim::Time from, bool on)
{
    const double factor = m_faults[f].factor;
    static_cast<Producer *>(m_components[m_targets[f]])->changeTraffic(from, endOf(f), on ? factor : 1 / factor);
}

void FaultSchedule::handleEvent(const sim::Event &event)
{
    const FaultSpec &fault = m_faults[event.data];
    const std::size_t target = m_targets[event.data];
    const bool starting = event.kind == Start;
    Progress &progress = m_progress[event.data];
    (starting ? progress.start : progress.end) = sim::InvalidEventId;
    progress.active = starting;
    applyFault(event.data, starting);
    m_context.note(starting ? RunLogKind::FaultStarted : RunLogKind::FaultEnded, static_cast<std::int32_t>(target),
                   describe(fault));
}

bool FaultSchedule::setEnabled(std::size_t f, bool enabled)
{
    FaultSpec &fault = m_faults[f];
    if (fault.enabled == enabled)
        return false;
    fault.enabled = enabled;
    const sim::Time now = m_context.now();
    const auto target = static_cast<std::int32_t>(m_targets[f]);
    if (!enabled) {
        cancelPending(f);
        if (fault.kind == FaultKind::Traffic && now < endOf(f))
            changeTraffic(f, std::max(now, startOf(f)), false); // what is left of it, undone
        if (m_progress[f].active) {
            m_progress[f].active = false;
            applyFault(f, false);
            m_context.note(RunLogKind::FaultEnded, target, describe(fault) + ", switched off");
        }
        return true;
    }
    if (now >= endOf(f))
        return true; // its span is over: switched on for the next run only
    if (fault.kind == FaultKind::Traffic)
        changeTraffic(f, std::max(now, startOf(f)), true);
    schedule(f);
    if (startOf(f) < now) { // inside its span: it starts now
        m_progress[f].active = true;
        applyFault(f, true);
        m_context.note(RunLogKind::FaultStarted, target, describe(fault) + ", switched on");
    }
    return true;
}

void FaultSchedule::applyFault(std::size_t f, bool starting)
{
    if (m_faults[f].kind == FaultKind::Partition)
        partition(m_targets[f], m_peers[f], starting);
    else
        apply(m_faults[f], m_targets[f], starting);
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
    if (fault.kind == FaultKind::Poison) {
        auto &producer = static_cast<Producer &>(*m_components[target]);
        if (starting)
            producer.startPoison(fault.share, fault.count);
        else
            producer.stopPoison();
        return;
    }
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
    case FaultKind::Crash:
        if (starting)
            service.crash(fault.instances);
        else
            service.restart(fault.instances);
        break;
    case FaultKind::Traffic:
    case FaultKind::Poison:
    case FaultKind::Partition:
        break;
    }
}

} // namespace asyncsim::models
