#pragma once

#include "RunResults.h"
#include "Topology.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace asyncsim::models {

/// The seed of replication @p index (0, 1, ...) of a study with base seed
/// @p base. Replication 0 uses the base seed itself, so its results are those
/// of a single run; the others take well-mixed seeds (SplitMix64 of base and
/// index), so neighbouring base seeds never share a replication.
std::uint64_t replicationSeed(std::uint64_t base, int index);

struct ReplicationOptions
{
    /// Worker threads; 0: one per hardware thread. Never more than replications.
    int threads = 0;
    /// Called after each finished replication with (finished, total), from
    /// the worker thread that finished it; calls never overlap.
    std::function<void(int, int)> progress;
    /// When set and it becomes true, replications stop early (the one
    /// running in each thread within a slice of its run) and
    /// runReplications() returns no results. Not owned.
    const std::atomic<bool> *cancel = nullptr;
};

/// Runs @p count independent replications of @p topology (seeds from
/// replicationSeed() on @p baseSeed) in parallel threads and returns their
/// results in replication order. Each replication is a whole Run of its own,
/// so the results do not depend on the number of threads. Empty if cancelled.
std::vector<RunResults> runReplications(const Topology &topology, int count, std::uint64_t baseSeed,
                                        const ReplicationOptions &options = {});

} // namespace asyncsim::models
