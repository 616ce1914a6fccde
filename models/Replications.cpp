#include "Replications.h"

#include "Run.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace asyncsim::models {

std::uint64_t replicationSeed(std::uint64_t base, int index)
{
    if (index == 0)
        return base;
    // SplitMix64's finaliser (Steele, Lea and Flood 2014) on base + index·γ.
    std::uint64_t z = base + static_cast<std::uint64_t>(index) * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::vector<RunResults> runReplications(const Topology &topology, int count, std::uint64_t baseSeed,
                                        const ReplicationOptions &options)
{
    std::vector<RunResults> results(static_cast<std::size_t>(std::max(count, 0)));
    if (results.empty())
        return results;
    int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, count);

    std::atomic<int> next{0};
    std::mutex progressMutex;
    int finished = 0;
    std::exception_ptr failure;
    const auto cancelled = [&options] { return options.cancel && options.cancel->load(); };
    // Each worker takes the next replication not yet started, so a slow one
    // never leaves a thread idle while others wait.
    auto work = [&] {
        for (int i = next++; i < count; i = next++) {
            try {
                Run run(topology, replicationSeed(baseSeed, i));
                // Slices of a thousandth of the run, so a cancel is noticed soon.
                const sim::Duration slice
                    = sim::Duration::nanoseconds(std::max<std::int64_t>(run.horizon().ns() / 1000, 1));
                while (!run.isFinished() && !cancelled())
                    run.advanceTo(run.now() + slice);
                if (cancelled())
                    return;
                results[static_cast<std::size_t>(i)] = run.finish();
            } catch (...) {
                const std::lock_guard lock(progressMutex);
                if (!failure)
                    failure = std::current_exception();
                next = count;
                return;
            }
            const std::lock_guard lock(progressMutex);
            ++finished;
            if (options.progress)
                options.progress(finished, count);
        }
    };
    std::vector<std::jthread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    pool.clear(); // joins
    if (failure)
        std::rethrow_exception(failure);
    if (cancelled())
        return {};
    return results;
}

} // namespace asyncsim::models
