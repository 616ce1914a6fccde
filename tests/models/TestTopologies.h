#pragma once

// Small builders for topologies used across the model tests, and helpers
// that every run in the tests goes through (so every run checks its ledger).

#include "models/Confidence.h"
#include "models/Run.h"
#include "models/Topology.h"
#include "models/TopologyJson.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <string>
#include <vector>

namespace asyncsim::models::test {

inline NodeSpec producer(const std::string &id, double rate, ArrivalProcess process = ArrivalProcess::Poisson)
{
    ProducerSpec p;
    p.arrivals.process = process;
    p.arrivals.rate = rate;
    return NodeSpec{id, {0, 0}, p};
}

inline NodeSpec service(const std::string &id, int workers, sim::Distribution serviceTime,
                        std::optional<std::uint64_t> capacity = std::nullopt)
{
    ServiceSpec s;
    s.workers = workers;
    s.serviceTime = serviceTime;
    s.capacity = capacity;
    return NodeSpec{id, {0, 0}, s};
}

inline NodeSpec queue(const std::string &id, std::optional<std::uint64_t> capacity = std::nullopt,
                      OverflowPolicy overflow = OverflowPolicy::RejectNew)
{
    QueueSpec q;
    q.capacity = capacity;
    q.overflow = overflow;
    return NodeSpec{id, {0, 0}, q};
}

inline NodeSpec sink(const std::string &id)
{
    return NodeSpec{id, {0, 0}, SinkSpec{}};
}

inline EdgeSpec publish(const std::string &from, const std::string &to, std::optional<double> p = std::nullopt)
{
    return EdgeSpec{from, to, EdgeMode::Publish, p};
}

inline EdgeSpec consume(const std::string &from, const std::string &to)
{
    return EdgeSpec{from, to, EdgeMode::Consume, std::nullopt};
}

/// The scenario file tests/models/scenarios/@p name.json (the CLI runs these too).
inline Topology scenario(const std::string &name)
{
    return loadTopologyFile(std::string(ASYNCSIM_SOURCE_DIR) + "/tests/models/scenarios/" + name + ".json");
}

/// How many of @p byReason have @p reason (0 when absent).
inline std::uint64_t countOf(const std::map<std::string, std::uint64_t> &byReason, const std::string &reason)
{
    const auto it = byReason.find(reason);
    return it == byReason.end() ? 0 : it->second;
}

inline Topology topology(std::vector<NodeSpec> nodes, std::vector<EdgeSpec> edges, double durationSeconds,
                         double warmupSeconds = 0)
{
    Topology t;
    t.name = "test";
    t.nodes = std::move(nodes);
    t.edges = std::move(edges);
    t.simulation.duration = sim::Duration::fromSeconds(durationSeconds);
    t.simulation.warmup = sim::Duration::fromSeconds(warmupSeconds);
    return t;
}

/// Little's law, L = λW, over a finite run that has drained (nothing left in
/// flight at the end): the area under the number in the node (L·T) and the
/// total time of the messages that left it (n·W) differ only by the messages
/// present when the measured period began (after a warm-up), whose recorded
/// times include what they spent before it; each is at most the longest time
/// recorded. So |L·T - n·W| <= N_start · max <= (max in node) · (max time).
/// (With messages left at the end, their unrecorded partial times have no
/// such bound, so undrained runs are not checked here.)
inline void expectLittlesLaw(const std::string &what, double meanLevel, double maxLevel, const LatencySummary &times,
                             double span)
{
    const double area = meanLevel * span;
    const double total = static_cast<double>(times.count) * times.mean;
    EXPECT_LE(std::abs(area - total), maxLevel * times.max + 1e-6 * area) << "Little's law at " << what;
}

/// Runs @p t with @p seed and checks that every message is accounted for
/// (the in-flight count comes from the message pool, the rest from counters)
/// and, when the run drained, that Little's law holds at every queue and service.
inline RunResults runChecked(const Topology &t, std::uint64_t seed)
{
    RunResults r = Run::execute(t, seed);
    const Ledger &l = r.ledger;
    EXPECT_EQ(l.produced + l.forked + l.duplicated + l.redriven + l.calls,
              l.completed + l.failed + l.deadLetteredTotal() + l.droppedTotal() + l.expired + l.lostToRetention
                  + l.inFlight)
        << "ledger does not balance for seed " << seed;
    if (l.inFlight > 0)
        return r;
    const double span = r.simulatedTime - r.warmup;
    // A processing a crash cut short leaves its service without a response time.
    const bool crashes
        = std::any_of(t.faults.begin(), t.faults.end(), [](const FaultSpec &f) { return f.kind == FaultKind::Crash; });
    for (const NodeResults &n : r.nodes) {
        if (n.kind == NodeKind::Service && !crashes)
            expectLittlesLaw(n.id, n.inSystem.mean, n.inSystem.max, n.responseTime, span);
        // Messages pushed out of a drop-oldest queue leave without a waiting time.
        const bool pushedOut = l.dropped.count("drop-oldest") > 0 || l.deadLettered.count("maxlen") > 0;
        // Copies lost to a topic's retention leave without a waiting time too.
        const bool lost = l.lostToRetention > 0;
        if ((n.kind == NodeKind::Queue || n.kind == NodeKind::Service || n.kind == NodeKind::Topic) && !pushedOut
            && !lost)
            expectLittlesLaw(n.id + " (waiting)", n.queueLength.mean, n.queueLength.max, n.waitingTime, span);
    }
    return r;
}

/// scenario(@p name) run with its own seed, checked as runChecked() checks.
inline RunResults runScenario(const std::string &name)
{
    const Topology t = scenario(name);
    return runChecked(t, t.simulation.seed);
}

/// The mean and the half-width of a two-sided confidence interval at
/// @p confidence for the mean of @p samples (Student t, n-1 degrees of freedom).
inline Estimate confidenceInterval(const std::vector<double> &samples, double confidence)
{
    return estimateMean(samples, confidence);
}

/// Runs @p replications of @p t with seeds 1..R and collects one number per run.
inline std::vector<double> replicate(const Topology &t, int replications,
                                     const std::function<double(const RunResults &)> &measure)
{
    std::vector<double> values;
    for (int i = 1; i <= replications; ++i)
        values.push_back(measure(runChecked(t, static_cast<std::uint64_t>(i))));
    return values;
}

/// Expects @p exact inside the 99.9% confidence interval of the replications.
/// With independent replications a correct model fails this 1 time in 1000;
/// the seeds are fixed, so the outcome is reproducible.
#define EXPECT_COVERS(samples, exact)                                                                                  \
    do {                                                                                                               \
        const auto ci_ = ::asyncsim::models::test::confidenceInterval((samples), 0.999);                               \
        EXPECT_NEAR(ci_.mean, (exact), ci_.halfWidth) << "99.9% CI half-width " << ci_.halfWidth;                      \
    } while (0)

} // namespace asyncsim::models::test
