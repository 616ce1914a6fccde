// Reading a service node: workers, service time, failures, versions it
// accepts and upcasts, replicas behind a balancer.

#include "ServiceReader.h"

#include "DistributionReader.h"

#include <algorithm>

namespace asyncsim::models::internal {

using Need = ObjectReader::Need;

namespace {

constexpr std::int64_t MaxWorkers = 1000000;
const std::vector<std::string> FailureModeNames{"error", "hang"};
constexpr std::int64_t MaxReplicas = 1000;
const std::vector<std::string> BalancerNames{"round-robin", "random", "least-outstanding", "power-of-two"};

// A version name: "v" and a number from 1 to 65535 without leading zeros.
std::optional<int> versionNumber(const Json &value)
{
    if (!value.is_string())
        return std::nullopt;
    const std::string name = value.get<std::string>();
    if (name.size() < 2 || name.size() > 6 || name[0] != 'v' || name[1] == '0'
        || name.find_first_not_of("0123456789", 1) != std::string::npos)
        return std::nullopt;
    const int number = std::stoi(name.substr(1));
    return number <= 65535 ? std::optional(number) : std::nullopt;
}

std::vector<int> readAccepts(const Json &value, const std::string &pointer, Problems &problems)
{
    std::vector<int> accepts;
    if (!value.is_array() || value.empty()) {
        problems.add(pointer, "must be a non-empty array of versions such as [\"v1\", \"v2\"]; leave it out to "
                              "accept every version");
        return accepts;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto v = versionNumber(value[i]);
        if (!v)
            problems.add(childPointer(pointer, i), "must be a version named v1, v2, ... up to v65535");
        else if (std::find(accepts.begin(), accepts.end(), *v) != accepts.end())
            problems.add(childPointer(pointer, i), "names v" + std::to_string(*v) + " twice");
        else
            accepts.push_back(*v);
    }
    std::sort(accepts.begin(), accepts.end());
    return accepts;
}

std::vector<UpcasterSpec> readUpcasters(const Json &value, const std::string &pointer, Problems &problems)
{
    std::vector<UpcasterSpec> upcasters;
    if (!value.is_array()) {
        problems.add(pointer, "must be an array of steps such as [{\"from\": \"v1\", \"cost\": 0.002}]");
        return upcasters;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        ObjectReader u(value[i], childPointer(pointer, i), problems);
        if (!u.isValid())
            continue;
        UpcasterSpec step;
        const Json *from = u.get("from", Need::Required);
        const auto v = from ? versionNumber(*from) : std::nullopt;
        if (from && (!v || *v >= 65535))
            problems.add(u.pointer("from"), "must be a version named v1, v2, ... up to v65534 (the step reads it and "
                                            "writes the next)");
        const auto cost = readDistributionAt(u, "cost", Need::Required);
        u.finish();
        if (!v || *v >= 65535 || !cost)
            continue;
        step.from = *v;
        step.cost = *cost;
        if (std::any_of(upcasters.begin(), upcasters.end(), [&](const UpcasterSpec &o) { return o.from == *v; })) {
            problems.add(u.pointer("from"), "a step from v" + std::to_string(*v) + " is there already");
            continue;
        }
        upcasters.push_back(step);
    }
    std::sort(upcasters.begin(), upcasters.end(),
              [](const UpcasterSpec &a, const UpcasterSpec &b) { return a.from < b.from; });
    return upcasters;
}

} // namespace

ServiceSpec readService(ObjectReader &r)
{
    ServiceSpec s;
    if (const auto workers = r.integer("workers", Need::Required, 1, MaxWorkers))
        s.workers = static_cast<int>(*workers);
    if (auto d = readDistributionAt(r, "serviceTime", Need::Required))
        s.serviceTime = *d;
    if (const Json *failure = r.get("failure")) {
        ObjectReader f(*failure, r.pointer("failure"), r.problems());
        s.failureProbability = f.number("probability", Need::Required, 0, 1).value_or(0);
        f.finish();
    }
    if (const auto capacity = r.integer("capacity", Need::Optional, 0))
        s.capacity = static_cast<std::uint64_t>(*capacity);
    if (const Json *idempotency = r.get("idempotency")) {
        ObjectReader i(*idempotency, r.pointer("idempotency"), r.problems());
        IdempotencySpec spec;
        if (const auto ttl = i.duration("ttl", Need::Optional, true))
            spec.ttl = *ttl;
        if (const auto capacity = i.integer("capacity", Need::Optional, 1))
            spec.capacity = static_cast<std::uint64_t>(*capacity);
        i.finish();
        s.idempotency = spec;
    }
    if (const Json *accepts = r.get("accepts"))
        s.accepts = readAccepts(*accepts, r.pointer("accepts"), r.problems());
    if (const Json *upcasters = r.get("upcasters"))
        s.upcasters = readUpcasters(*upcasters, r.pointer("upcasters"), r.problems());
    if (const auto mode = r.choice("failureMode", Need::Optional, "failure mode", FailureModeNames))
        s.failureMode = *mode == "hang" ? FailureMode::Hang : FailureMode::Error;
    if (const auto replicas = r.integer("replicas", Need::Optional, 1, MaxReplicas))
        s.replicas = static_cast<int>(*replicas);
    if (const auto balancer = r.choice("balancer", Need::Optional, "load-balancing strategy", BalancerNames))
        s.balancer = static_cast<BalancerStrategy>(std::find(BalancerNames.begin(), BalancerNames.end(), *balancer)
                                                   - BalancerNames.begin());
    return s;
}

} // namespace asyncsim::models::internal
