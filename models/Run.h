#pragma once

#include "CircuitBreaker.h"
#include "Component.h"
#include "RunContext.h"
#include "RunResults.h"
#include "RunSnapshot.h"
#include "Topology.h"

#include <memory>
#include <vector>

namespace asyncsim::models {

class ResilientEdge;
class FaultSchedule;

/// One run of a topology: builds the components from a (validated) Topology,
/// drives them, and gathers the results. The CLI and the GUI drive the same
/// object through advanceTo() / step().
class Run : private sim::EventHandler
{
public:
    /// @p topology must have passed validation; @p seed overrides its seed.
    explicit Run(const Topology &topology, std::optional<std::uint64_t> seed = std::nullopt);
    ~Run() override;
    Run(const Run &) = delete;
    Run &operator=(const Run &) = delete;

    /// The end of the run: the topology's duration.
    sim::Time horizon() const { return m_horizon; }
    sim::Time now() const { return m_context.now(); }
    /// True when the horizon is reached, or when every producer has made its
    /// last message and nothing is left to happen.
    bool isFinished();

    /// Fires the next event if it is due by the horizon; otherwise moves the
    /// clock to the horizon. Returns whether an event fired.
    bool step();
    /// Runs every event up to min(@p t, horizon).
    void advanceTo(sim::Time t);
    /// Runs to the end.
    void runToEnd() { advanceTo(m_horizon); }

    /// Fraction done in [0, 1]: simulated time, or messages produced where
    /// every producer has a limit and that is further along.
    double progress() const;
    std::uint64_t eventsExecuted() const { return m_context.simulation.eventsExecuted(); }
    /// When the next event is due (sim::Time::max() when none is pending).
    sim::Time nextEventTime() { return m_context.simulation.nextEventTime(); }
    /// The interval of the time series (the settings' sample interval, or the default).
    sim::Duration sampleInterval() const { return m_context.seriesInterval; }

    /// The circuit breaker of edge @p edgeIndex (into Topology::edges), or
    /// nullptr if that edge has none. Valid as long as the run.
    const CircuitBreaker *breakerOfEdge(std::size_t edgeIndex) const;

    /// Stops the run (no further events) and gathers its results.
    RunResults finish();

    /// @name Watching a run live (the GUI; a headless run uses none of these)
    ///@{
    /// The state now, as a value (RunSnapshot::log and runGeneration are left
    /// for the caller, who owns the log and knows the generation).
    RunSnapshot snapshot() const;
    /// Records notable events (breaker transitions, faults, dead letters, ...)
    /// in @p log (not owned; null: none, as in a headless run) from now on.
    void setLog(RunLog *log) { m_context.log = log; }
    /// Applies the live-editable parameters of @p topology (service workers,
    /// producer rate, queue capacity; a call edge's timeout, retry and breaker
    /// thresholds; a fault switched on or off) to the running components. Nodes and edges are matched by
    /// index and ids; anything else that differs (structure, distributions,
    /// adding or removing a retry or breaker) waits for the next run. Returns
    /// how many nodes and edges changed.
    std::size_t reconfigure(const Topology &topology);
    ///@}

    /// Runs @p topology to the end and returns its results.
    static RunResults execute(const Topology &topology, std::optional<std::uint64_t> seed = std::nullopt);

private:
    void handleEvent(const sim::Event &event) override; // warm-up
    /// Every producer has a limit, has reached it, and nothing is pending.
    bool isDrained() const;
    void connect(const Topology &topology);

    std::string m_name;
    RunContext m_context;
    sim::Time m_horizon;
    sim::Time m_warmupEnd;
    std::vector<std::unique_ptr<Component>> m_components;
    // By edge index: call edges, and publish edges with a retry or a breaker;
    // null for other edges (not owned).
    std::vector<ResilientEdge *> m_policyEdges;
    std::unique_ptr<FaultSchedule> m_faults;
    std::uint64_t m_producerLimitTotal = 0; // 0 unless every producer has a limit
    bool m_finished = false;
    std::uint32_t m_statisticsEpoch = 0; // warm-up ends: +1
};

} // namespace asyncsim::models
