#include "Summary.h"

#include "models/LoadBalancer.h"
#include "models/PartitionAssignor.h"

#include <algorithm>
#include <cstdio>
#include <variant>

namespace asyncsim::cli {

namespace {

std::string format(const char *fmt, auto... args)
{
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

// Seconds with a unit a person reads at a glance.
std::string seconds(double s)
{
    if (s == 0)
        return "0";
    if (s < 1e-3)
        return format("%.3gus", s * 1e6);
    if (s < 1)
        return format("%.3gms", s * 1e3);
    return format("%.3gs", s);
}

} // namespace

std::string formatSummary(const models::Topology &topology, const models::RunResults &r, double wallSeconds)
{
    using models::NodeKind;
    std::string out;
    out += format("%s: %.6g s simulated (seed %llu), %llu events in %.2f s\n",
                  r.topology.empty() ? "topology" : r.topology.c_str(), r.simulatedTime,
                  static_cast<unsigned long long>(r.seed), static_cast<unsigned long long>(r.events), wallSeconds);
    if (r.warmup > 0)
        out += format("statistics from %.6g s on (warm-up discarded)\n", r.warmup);

    const models::Ledger &l = r.ledger;
    auto count = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
    // Calls appear in the sum only in topologies that make them.
    const std::string calls = l.calls > 0 ? format(" + calls %llu", count(l.calls)) : std::string();
    out += format(
        "ledger: produced %llu + forked %llu + duplicated %llu + redriven %llu%s = completed %llu + failed "
        "%llu + dead-lettered %llu + dropped %llu + expired %llu + lost to retention %llu + in flight %llu  %s\n",
        count(l.produced), count(l.forked), count(l.duplicated), count(l.redriven), calls.c_str(), count(l.completed),
        count(l.failed), count(l.deadLetteredTotal()), count(l.droppedTotal()), count(l.expired),
        count(l.lostToRetention), count(l.inFlight), l.balances() ? "(balanced)" : "(DOES NOT BALANCE)");
    for (const auto &[reason, n] : l.deadLettered)
        out += format("  dead-lettered, %s: %llu\n", reason.c_str(), count(n));
    for (const auto &[reason, n] : l.dropped)
        out += format("  dropped, %s: %llu\n", reason.c_str(), count(n));

    std::size_t width = 4;
    for (const models::NodeResults &n : r.nodes)
        width = std::max(width, n.id.size());
    const int w = static_cast<int>(width);
    out += format("\n%-*s  %-8s %10s %10s %6s %9s %9s %9s %9s\n", w, "node", "kind", "in/s", "out/s", "util", "queue",
                  "wait", "resp", "resp p99");
    for (const models::NodeResults &n : r.nodes) {
        const bool service = n.kind == NodeKind::Service;
        const bool queue
            = n.kind == NodeKind::Queue || n.kind == NodeKind::Topic; // a topic: unread copies, time in the log
        out += format("%-*s  %-8s %10.4g %10.4g %6s %9s %9s %9s %9s\n", w, n.id.c_str(), models::nodeKindName(n.kind),
                      n.arrivalRate, n.throughput, service ? format("%.3f", n.utilisation).c_str() : "",
                      service || queue ? format("%.4g", n.queueLength.mean).c_str() : "",
                      service || queue ? seconds(n.waitingTime.mean).c_str() : "",
                      service ? seconds(n.responseTime.mean).c_str() : "",
                      service ? seconds(n.responseTime.p99).c_str() : "");
    }
    // Delivery semantics, only where something happened: redelivery,
    // requeues, duplicates, deduplication, dead letters, expiry, ordering.
    std::string delivery;
    for (const models::NodeResults &n : r.nodes) {
        std::string facts;
        auto add = [&](const char *what, std::uint64_t value) {
            if (value > 0)
                facts += format("%s%s %llu", facts.empty() ? "" : ", ", what, count(value));
        };
        add("redelivered", n.redeliveries);
        add("requeued", n.requeues);
        add("duplicate copies", n.duplicates);
        add("deduplicated", n.deduplicated);
        add("dead-lettered", n.deadLettered);
        add("expired", n.expired);
        add("duplicates skipped", n.duplicatesSuppressed);
        add("duplicate side effects", n.duplicateSideEffects);
        add("out of order", n.outOfOrder);
        add("redriven", n.redriven);
        add("lost to retention", n.lostToRetention);
        add("version rejections", n.versionRejections);
        add("upcasts", n.upcasts);
        add("hangs", n.hangs);
        for (const auto &[reason, value] : n.deadLettersByReason)
            add(reason.c_str(), value);
        if (!facts.empty())
            delivery += format("%-*s  %s\n", w, n.id.c_str(), facts.c_str());
    }
    if (!delivery.empty())
        out += "\ndelivery\n" + delivery;

    // Kafka consumer groups: lag (log end - committed) per topic and group.
    std::string groups;
    for (const models::NodeResults &n : r.nodes)
        for (const models::ConsumerGroupResults &g : n.groups) {
            std::uint64_t lag = 0;
            for (const models::PartitionOffsets &p : g.partitions)
                lag += p.lag;
            groups
                += format("%-*s  group %s: lag at end %llu, mean %.4g, max %.4g, lost to retention %llu", w,
                          n.id.c_str(), g.group.c_str(), count(lag), g.lag.mean, g.lag.max, count(g.lostToRetention));
            // Crashes only: a run without one keeps its line as it was.
            if (g.rebalances > 0)
                groups += format(", rebalances %llu (%s), partition-seconds stopped %.4g, duplicates %llu, read "
                                 "again %llu",
                                 count(g.rebalances), models::assignorName(g.assignor), g.stoppedPartitionSeconds,
                                 count(g.duplicates), count(g.reread));
            groups += "\n";
        }
    if (!groups.empty())
        out += "\nconsumer groups\n" + groups;

    // RabbitMQ prefetch: what each consumer hoarded. Without a limit a
    // consumer holds no more than its free workers take, so nothing to show.
    std::string prefetch;
    for (const models::NodeResults &n : r.nodes) {
        const int index = topology.nodeIndex(n.id);
        const auto *spec = index < 0 ? nullptr : std::get_if<models::QueueSpec>(&topology.nodes[index].params);
        if (!spec || spec->prefetch == 0 || n.consumers.empty())
            continue;
        std::string held;
        for (const models::QueueConsumerResults &c : n.consumers)
            held += format("%s%s%s %llu", held.empty() ? "" : ", ", c.consumer.c_str(),
                           c.replica > 0 ? format(" (replica %u)", unsigned(c.replica)).c_str() : "",
                           count(c.unackedMax));
        prefetch += format("%-*s  prefetch %u; most held unacknowledged: %s\n", w, n.id.c_str(), spec->prefetch,
                           held.c_str());
    }
    if (!prefetch.empty())
        out += "\nconsumers\n" + prefetch;

    // Replicas: how evenly the load balancer (or the pulls) shared the work.
    std::string replicas;
    for (const models::NodeResults &n : r.nodes) {
        const int index = topology.nodeIndex(n.id);
        const auto *spec = index < 0 ? nullptr : std::get_if<models::ServiceSpec>(&topology.nodes[index].params);
        if (!spec || n.replicas.empty())
            continue;
        std::string arrivals, utilisation, line;
        for (const models::ReplicaResults &replica : n.replicas) {
            const char *separator = arrivals.empty() ? "" : " / ";
            arrivals += format("%s%llu", separator, count(replica.arrivals));
            utilisation += format("%s%.3f", separator, replica.utilisation);
            line += format("%s%.3g", separator, replica.queueLength.mean);
        }
        // A service that only consumes never uses its balancer: its replicas pull.
        const bool pulls = std::all_of(topology.edges.begin(), topology.edges.end(), [&](const models::EdgeSpec &e) {
            return e.to != n.id || e.mode == models::EdgeMode::Consume;
        });
        replicas += format("%-*s  %zu, %s: in %s; util %s; line %s\n", w, n.id.c_str(), n.replicas.size(),
                           pulls ? "pulling" : models::balancerStrategyName(spec->balancer), arrivals.c_str(),
                           utilisation.c_str(), line.c_str());
    }
    if (!replicas.empty())
        out += "\nreplicas (each: messages taken; utilisation; mean waiting in its line)\n" + replicas;

    // Call edges: retries, timeouts, the breaker and its fallbacks.
    if (!r.edges.empty()) {
        out += "\ncalls\n";
        for (const models::EdgeResults &e : r.edges) {
            out += format("%s -> %s: %llu requests, %llu attempts (x%.3f), %llu ok, %llu failed, %llu timed out, "
                          "%llu late answers, %llu rejected by breaker, %llu fallbacks, latency mean %s p99 %s\n",
                          e.from.c_str(), e.to.c_str(), count(e.requests), count(e.attempts), e.retryAmplification,
                          count(e.successes), count(e.failures), count(e.timeouts), count(e.lateAnswers),
                          count(e.rejectedByBreaker), count(e.fallbacks), seconds(e.callLatency.mean).c_str(),
                          seconds(e.callLatency.p99).c_str());
            if (e.breaker) {
                std::string times;
                for (const auto &[state, secs] : e.breaker->timeInState)
                    times += format("%s%s %.6gs", times.empty() ? "" : ", ", state.c_str(), secs);
                out += format("  breaker: %s at the end, %zu transitions; time in %s\n", e.breaker->state.c_str(),
                              e.breaker->transitions.size(), times.c_str());
            }
        }
    }

    if (!r.flows.empty()) {
        out += format("\n%-*s  %9s %9s %9s %9s %9s\n", w * 2 + 4, "flow (end to end)", "count", "mean", "p50", "p95",
                      "p99");
        for (const models::FlowResults &f : r.flows) {
            const std::string name = f.from + " -> " + f.to;
            out += format("%-*s  %9llu %9s %9s %9s %9s\n", w * 2 + 4, name.c_str(),
                          static_cast<unsigned long long>(f.latency.count), seconds(f.latency.mean).c_str(),
                          seconds(f.latency.p50).c_str(), seconds(f.latency.p95).c_str(),
                          seconds(f.latency.p99).c_str());
        }
    }
    return out;
}

} // namespace asyncsim::cli
