#include "CapacityCheck.h"

#include "RateProfile.h"
#include "StationTheory.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <tuple>

namespace asyncsim::models {

namespace {

constexpr double Infinity = std::numeric_limits<double>::infinity();

std::string format(const char *fmt, auto... args)
{
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

/// The edges of a topology resolved to node indices (unresolved ones left out).
struct Graph
{
    struct Edge
    {
        std::size_t from;
        std::size_t to;
        const EdgeSpec *spec;
    };
    std::vector<std::vector<Edge>> out;
    std::vector<std::vector<Edge>> in;

    explicit Graph(const Topology &t)
        : out(t.nodes.size())
        , in(t.nodes.size())
    {
        for (const EdgeSpec &e : t.edges) {
            const int from = t.nodeIndex(e.from);
            const int to = t.nodeIndex(e.to);
            if (from < 0 || to < 0)
                continue;
            const Edge edge{static_cast<std::size_t>(from), static_cast<std::size_t>(to), &e};
            out[edge.from].push_back(edge);
            in[edge.to].push_back(edge);
        }
    }
};

const ServiceSpec *serviceAt(const Topology &t, std::size_t i)
{
    return std::get_if<ServiceSpec>(&t.nodes[i].params);
}

/// The workers of all of a service's replicas.
int allWorkers(const ServiceSpec &s)
{
    return s.workers * std::max(s.replicas, 1);
}

/// A RabbitMQ queue with a prefetch window per consumer channel.
bool prefetches(const QueueSpec &q)
{
    return q.flavour == QueueFlavour::RabbitMq && q.prefetch > 0;
}

/// The workers of consumer @p s that queue @p q can keep busy: a RabbitMQ
/// prefetch below the workers caps them, on each replica's channel.
int consumingWorkers(const QueueSpec &q, const ServiceSpec &s)
{
    if (prefetches(q))
        return std::max(s.replicas, 1) * std::min(s.workers, static_cast<int>(q.prefetch));
    return allWorkers(s);
}

/// A service's processing rate c·μ, counting only the consumer instances a
/// topic can keep busy when topics are all it reads. Infinite for zero service time.
double serviceCapacity(const Topology &t, const Graph &g, std::size_t i)
{
    const ServiceSpec &s = *serviceAt(t, i);
    int instances = allWorkers(s);
    bool onlyTopics = !g.in[i].empty();
    int partitions = std::numeric_limits<int>::max();
    for (const Graph::Edge &e : g.in[i]) {
        if (const auto *topic = std::get_if<TopicSpec>(&t.nodes[e.from].params))
            partitions = std::min(partitions, topic->partitions);
        else
            onlyTopics = false;
    }
    if (onlyTopics)
        instances = std::min(instances, partitions);
    // Fed only by queues, it runs at most the workers their prefetch lets it.
    if (!g.in[i].empty() && std::all_of(g.in[i].begin(), g.in[i].end(), [&](const Graph::Edge &e) {
            return e.spec->mode == EdgeMode::Consume && std::holds_alternative<QueueSpec>(t.nodes[e.from].params);
        })) {
        int fed = 0;
        for (const Graph::Edge &e : g.in[i])
            fed += consumingWorkers(std::get<QueueSpec>(t.nodes[e.from].params), s);
        instances = std::min(instances, fed);
    }
    const double mean = s.serviceTime.mean();
    return mean > 0 ? instances / mean : Infinity;
}

/// Mean rate of a producer over a run of @p duration, and its peak rate.
std::pair<double, double> producerRates(const ProducerSpec &p, sim::Duration duration)
{
    double base = p.arrivals.rate;
    if (p.arrivals.process == ArrivalProcess::Bursty) {
        const double on = p.arrivals.on.mean();
        const double off = p.arrivals.off.mean();
        if (on + off > 0)
            base = p.arrivals.rate * on / (on + off);
    }
    const RateProfile profile(p.profile);
    const double seconds = duration.toSeconds();
    double mean = base;
    if (seconds > 0) {
        mean = base * profile.operationalTime(sim::Time::zero() + duration) / seconds;
        if (p.limit)
            mean = std::min(mean, static_cast<double>(*p.limit) / seconds);
    }
    return {mean, p.arrivals.rate * profile.peakFactor()};
}

class Solver
{
public:
    Solver(const Topology &t)
        : m_t(t)
        , m_g(t)
        , m_capacity(t.nodes.size(), 0)
    {
        for (std::size_t i = 0; i < t.nodes.size(); ++i)
            if (serviceAt(t, i))
                m_capacity[i] = serviceCapacity(t, m_g, i);
    }

    /// Arrival rates from the traffic equations λ = γ + λP, by iteration, with
    /// each service's output capped at its capacity (the routing is
    /// substochastic but for fan-out, so it converges unless a cycle copies
    /// messages faster than they are processed; such nodes end up infinite).
    std::vector<double> solve(const std::vector<double> &external) const
    {
        const std::size_t n = m_t.nodes.size();
        std::vector<double> lambda = external;
        for (int iteration = 0; iteration < 10000; ++iteration) {
            std::vector<double> next = external;
            for (std::size_t i = 0; i < n; ++i)
                route(i, lambda[i], next);
            double change = 0;
            for (std::size_t i = 0; i < n; ++i)
                change = std::max(change, std::abs(next[i] - lambda[i]) / std::max(1.0, std::abs(next[i])));
            lambda = std::move(next);
            if (change < 1e-12)
                return lambda;
        }
        // Still growing: a cycle multiplies the load.
        std::vector<double> previous = lambda;
        std::vector<double> next = external;
        for (std::size_t i = 0; i < n; ++i)
            route(i, lambda[i], next);
        for (std::size_t i = 0; i < n; ++i)
            if (next[i] > previous[i] * (1 + 1e-9))
                lambda[i] = Infinity;
        return lambda;
    }

    /// Poisson arrivals at each node: from Poisson producers, through splits
    /// and merges, and out of unbounded exponential stations without failures
    /// (Burke). Starts from "no" and only moves to "yes", so cycles stay "no".
    std::vector<bool> poisson() const
    {
        const std::size_t n = m_t.nodes.size();
        std::vector<bool> out(n, false); // the node's output stream is Poisson
        std::vector<bool> in(n, false);
        for (std::size_t round = 0; round <= n; ++round) {
            for (std::size_t i = 0; i < n; ++i) {
                bool all = !m_g.in[i].empty();
                for (const Graph::Edge &e : m_g.in[i])
                    all = all && out[e.from] && m_t.nodes[e.from].kind() != NodeKind::Topic;
                in[i] = all;
                out[i] = emitsPoisson(i, in[i]);
            }
        }
        return in;
    }

    const Graph &graph() const { return m_g; }
    double capacity(std::size_t i) const { return m_capacity[i]; }

private:
    void route(std::size_t i, double lambda, std::vector<double> &into) const
    {
        if (lambda == 0)
            return;
        double out = lambda;
        // An overloaded service passes on only what it can process: its
        // backlog grows, and downstream sees its capacity, not its arrivals.
        if (const ServiceSpec *s = serviceAt(m_t, i))
            out = std::min(lambda, m_capacity[i]) * (1 - s->failureProbability);
        const NodeKind kind = m_t.nodes[i].kind();
        double shares = 0;
        if (kind == NodeKind::Queue)
            for (const Graph::Edge &e : m_g.out[i])
                if (e.spec->mode == EdgeMode::Consume && serviceAt(m_t, e.to))
                    shares += m_capacity[e.to];
        for (const Graph::Edge &e : m_g.out[i]) {
            if (e.spec->mode == EdgeMode::Consume) {
                if (!serviceAt(m_t, e.to))
                    continue;
                if (kind == NodeKind::Topic)
                    into[e.to] += out; // every group reads everything
                else if (kind == NodeKind::Queue && shares > 0)
                    into[e.to] += std::isinf(shares) ? out / countConsumers(i) : out * m_capacity[e.to] / shares;
            } else if (kind == NodeKind::Producer || kind == NodeKind::Service) {
                into[e.to] += out * e.spec->probability.value_or(1.0);
            }
        }
    }

    double countConsumers(std::size_t queue) const
    {
        double n = 0;
        for (const Graph::Edge &e : m_g.out[queue])
            n += e.spec->mode == EdgeMode::Consume;
        return std::max(n, 1.0);
    }

    bool emitsPoisson(std::size_t i, bool poissonIn) const
    {
        const NodeSpec &node = m_t.nodes[i];
        if (const auto *p = std::get_if<ProducerSpec>(&node.params))
            return p->arrivals.process == ArrivalProcess::Poisson && p->profile.empty() && !p->limit;
        if (const auto *s = std::get_if<ServiceSpec>(&node.params))
            return poissonIn && s->serviceTime.kind() == sim::DistributionKind::Exponential && !s->capacity
                && s->failureProbability == 0;
        if (const auto *q = std::get_if<QueueSpec>(&node.params))
            return poissonIn && !q->capacity && !q->messageTtl;
        return false;
    }

    const Topology &m_t;
    Graph m_g;
    std::vector<double> m_capacity;
};

/// Why the station of a service (or of a queue) has no exact prediction, or
/// an empty string; fills @p station and @p servers when it has one.
std::string stationOf(const Topology &t, const Graph &g, std::size_t node, std::vector<std::size_t> &station,
                      int &servers)
{
    station.clear();
    servers = 0;
    std::size_t queue = node;
    if (serviceAt(t, node)) {
        std::vector<std::size_t> queues;
        bool direct = false;
        for (const Graph::Edge &e : g.in[node]) {
            if (t.nodes[e.from].kind() == NodeKind::Topic)
                return "a topic's partitions split its arrivals";
            if (e.spec->mode == EdgeMode::Consume)
                queues.push_back(e.from);
            else
                direct = true;
        }
        if (direct && !queues.empty())
            return "it takes work both from a queue and directly";
        if (queues.size() > 1)
            return "it consumes from several queues";
        if (queues.empty()) {
            const ServiceSpec &s = *serviceAt(t, node);
            if (s.capacity)
                return "its waiting line is bounded";
            if (s.replicas > 1)
                return "a load balancer splits its arrivals over its replicas' own lines";
            station = {node};
            servers = s.workers;
            return {};
        }
        queue = queues.front();
    }
    const auto *q = std::get_if<QueueSpec>(&t.nodes[queue].params);
    if (!q)
        return "it is not a queueing station";
    if (q->capacity)
        return "its queue is bounded";
    if (q->messageTtl || q->deliveryDelay.ns() > 0)
        return "its queue delays or expires messages";
    if (q->fifo && q->flavour == QueueFlavour::Sqs)
        return "its FIFO queue serves each message group one message at a time";
    station = {queue};
    const ServiceSpec *first = nullptr;
    for (const Graph::Edge &e : g.out[queue]) {
        if (e.spec->mode != EdgeMode::Consume || !serviceAt(t, e.to))
            continue;
        const ServiceSpec &s = *serviceAt(t, e.to);
        if (first && !(s.serviceTime == first->serviceTime))
            return "its queue's consumers differ in service time";
        if (g.in[e.to].size() != 1)
            return "a consumer of its queue also has other work";
        if (s.failureProbability > 0 && q->flavour != QueueFlavour::Basic)
            return "failed messages come back to its queue (redeliveries are not counted)";
        // A window wider than the workers pushes messages into the
        // consumers' buffers: the line is no longer one, and part of the wait
        // is spent where the queue does not see it.
        if (prefetches(*q) && static_cast<int>(q->prefetch) > s.workers)
            return format("its prefetch (%u) is more than a consumer's workers (%d) take, so messages also wait in "
                          "the consumers' buffers",
                          q->prefetch, s.workers);
        first = &s;
        station.push_back(e.to);
        servers += consumingWorkers(*q, s);
    }
    if (!first)
        return "its queue has no consumer";
    return {};
}

std::string rate(double perSecond)
{
    if (std::isinf(perSecond))
        return "unbounded";
    return format("%.4g/s", perSecond);
}

} // namespace

CapacityCheck checkCapacity(const Topology &t)
{
    CapacityCheck check;
    const std::size_t n = t.nodes.size();
    check.nodes.resize(n);
    const Solver solver(t);

    std::vector<double> mean(n, 0);
    std::vector<double> peak(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (const auto *p = std::get_if<ProducerSpec>(&t.nodes[i].params))
            std::tie(mean[i], peak[i]) = producerRates(*p, t.simulation.duration);
    const std::vector<double> lambda = solver.solve(mean);
    const std::vector<double> lambdaPeak = solver.solve(peak);
    const std::vector<bool> poisson = solver.poisson();

    for (std::size_t i = 0; i < n; ++i) {
        NodeLoad &load = check.nodes[i];
        load.arrivalRate = lambda[i];
        load.peakArrivalRate = lambdaPeak[i];
        load.poissonArrivals = poisson[i];
        const NodeKind kind = t.nodes[i].kind();
        if (kind == NodeKind::Service) {
            load.capacity = solver.capacity(i);
        } else if (kind == NodeKind::Queue) {
            double sum = 0;
            for (const Graph::Edge &e : solver.graph().out[i])
                if (e.spec->mode == EdgeMode::Consume && serviceAt(t, e.to))
                    sum += solver.capacity(e.to);
            if (sum > 0)
                load.capacity = sum;
        }
        if (load.capacity)
            load.utilisation = std::isinf(*load.capacity) ? 0.0 : load.arrivalRate / *load.capacity;
    }

    // Predictions, per station (a queue with its consumers, or a service with its own line).
    for (std::size_t i = 0; i < n; ++i) {
        const NodeKind kind = t.nodes[i].kind();
        if (kind != NodeKind::Service && kind != NodeKind::Queue)
            continue;
        NodeLoad &load = check.nodes[i];
        std::vector<std::size_t> station;
        int servers = 0;
        std::string why = stationOf(t, solver.graph(), i, station, servers);
        const std::size_t waiting = station.empty() ? i : station.front();
        const ServiceSpec *service = station.size() > 1 ? serviceAt(t, station[1]) : serviceAt(t, waiting);
        const double lambdaIn = lambda[waiting];
        if (why.empty() && !poisson[waiting])
            why = "its arrivals are not Poisson";
        if (why.empty() && (!service || service->serviceTime.mean() <= 0))
            why = "its service takes no time";
        if (why.empty() && lambdaIn * service->serviceTime.mean() >= servers)
            why = "it is overloaded (ρ ≥ 1): no steady state";
        if (why.empty() && lambdaIn <= 0)
            why = "nothing arrives";
        const bool exponential = service && service->serviceTime.kind() == sim::DistributionKind::Exponential;
        if (why.empty() && servers > 1 && !exponential)
            why = format("M/G/%d has no exact formula", servers);
        if (!why.empty()) {
            load.noPrediction = why;
            continue;
        }
        QueueingPrediction p;
        const double meanService = service->serviceTime.mean();
        p.arrivalRate = lambdaIn;
        p.serviceRate = 1 / meanService;
        p.servers = servers;
        p.waitingNode = waiting;
        p.station = station;
        StationMeans m;
        if (servers == 1) {
            m = mg1(lambdaIn, meanService, service->serviceTime.variance());
            p.model = exponential                                                    ? "M/M/1"
                    : service->serviceTime.kind() == sim::DistributionKind::Constant ? "M/D/1"
                                                                                     : "M/G/1";
        } else {
            m = mmc(lambdaIn, p.serviceRate, servers);
            p.model = format("M/M/%d", servers);
        }
        p.waitingTime = m.waitingTime;
        p.queueLength = m.queueLength;
        p.responseTime = m.responseTime;
        p.inSystem = m.inSystem;
        load.prediction = p;
    }

    for (std::size_t i = 0; i < n; ++i) {
        const NodeLoad &load = check.nodes[i];
        if (t.nodes[i].kind() != NodeKind::Service || !load.capacity || std::isinf(*load.capacity))
            continue;
        const std::string pointer = format("/nodes/%zu", i);
        const double cap = *load.capacity;
        const double rho = *load.utilisation;
        if (rho >= 1)
            check.warnings.push_back(Problem{pointer,
                                             t.nodes[i].id + " is overloaded: utilisation ρ = " + format("%.3g", rho)
                                                 + " ≥ 1 (" + rate(load.arrivalRate)
                                                 + " arrive on average, it can process " + rate(cap)
                                                 + "); its backlog grows for as long as the run lasts",
                                             Severity::Warning});
        else if (load.peakArrivalRate / cap >= 1)
            check.warnings.push_back(Problem{
                pointer,
                t.nodes[i].id + " is overloaded at the producers' peak: ρ = " + format("%.3g", rho) + " on average but "
                    + format("%.3g", load.peakArrivalRate / cap) + " at the peak (" + rate(load.peakArrivalRate)
                    + " against " + rate(cap) + "); a backlog builds during the peak",
                Severity::Warning});
    }

    check.assumptions = {
        "Arrival rates are means over the whole run: rate profiles and bursts are averaged, and a producer's "
        "limit is spread over the run.",
        "Retries, redeliveries and dead-letter redrives are ignored: they add load this check does not count.",
        "An overloaded service passes on only what it can process, so the nodes after it see its capacity.",
        "A queue's consumers share its messages in proportion to their capacity; every consumer group of a topic "
        "reads every record, with at most one busy instance per partition.",
        "Key skew is ignored: a hot key can saturate one partition's consumer while the group looks fine.",
        "Predictions are exact steady-state means (Erlang C for M/M/c, Pollaczek-Khinchine for M/G/1); the "
        "simulated values differ by warm-up and sampling error, which replications measure.",
    };
    return check;
}

} // namespace asyncsim::models
