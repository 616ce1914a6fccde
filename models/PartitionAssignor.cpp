#include "PartitionAssignor.h"

#include <algorithm>

namespace asyncsim::models {

PartitionAssignment rangeAssignment(std::size_t partitions, std::size_t members)
{
    PartitionAssignment assignment(members);
    if (members == 0)
        return assignment;
    const std::size_t each = partitions / members;
    const std::size_t extra = partitions % members;
    std::size_t p = 0;
    for (std::size_t i = 0; i < members; ++i)
        for (std::size_t k = 0; k < each + (i < extra ? 1 : 0); ++k)
            assignment[i].push_back(p++);
    return assignment;
}

PartitionAssignment stickyAssignment(std::size_t partitions, const PartitionAssignment &owned)
{
    const std::size_t members = owned.size();
    PartitionAssignment assignment(members);
    if (members == 0)
        return assignment;
    const std::size_t minQuota = partitions / members;
    const std::size_t maxQuota = minQuota + (partitions % members != 0 ? 1 : 0);
    std::size_t aboveMin = partitions % members; // how many members may still end with maxQuota

    std::vector<bool> taken(partitions, false);
    for (std::size_t i = 0; i < members; ++i) {
        std::vector<std::size_t> mine = owned[i];
        std::sort(mine.begin(), mine.end());
        // Keeping more than the minimum uses up one of the larger shares.
        std::size_t quota = minQuota;
        if (mine.size() > minQuota && aboveMin > 0) {
            quota = maxQuota;
            --aboveMin;
        }
        for (std::size_t k = 0; k < std::min(quota, mine.size()); ++k) {
            assignment[i].push_back(mine[k]);
            taken[mine[k]] = true;
        }
    }
    std::vector<std::size_t> free;
    for (std::size_t p = 0; p < partitions; ++p)
        if (!taken[p])
            free.push_back(p);
    auto next = free.begin();
    // Round robin to the members still below the minimum ...
    for (bool gave = true; gave && next != free.end();) {
        gave = false;
        for (std::size_t i = 0; i < members && next != free.end(); ++i)
            if (assignment[i].size() < minQuota) {
                assignment[i].push_back(*next++);
                gave = true;
            }
    }
    // ... then one more each, in member order, while a larger share is left.
    for (std::size_t i = 0; i < members && next != free.end() && aboveMin > 0; ++i)
        if (assignment[i].size() == minQuota) {
            assignment[i].push_back(*next++);
            --aboveMin;
        }
    for (std::vector<std::size_t> &mine : assignment)
        std::sort(mine.begin(), mine.end());
    return assignment;
}

const char *assignorName(Assignor assignor)
{
    return assignor == Assignor::CooperativeSticky ? "cooperative-sticky" : "range";
}

} // namespace asyncsim::models
