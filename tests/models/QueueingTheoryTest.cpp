// The simulator against exact results of queueing theory. Each test runs
// independent replications (seeds 1..R) and expects the exact value inside the
// 99.9% Student-t confidence interval of the replication means; see
// EXPECT_COVERS. Warm-up removes the start from empty; its length is many
// relaxation times of the system under test.

#include "TestTopologies.h"

#include <cmath>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

constexpr int Replications = 10;

double factorial(int n)
{
    return n <= 1 ? 1.0 : n * factorial(n - 1);
}

// Erlang C: probability that an arrival waits in M/M/c with offered load a.
double erlangC(int c, double a)
{
    const double rho = a / c;
    double sum = 0;
    for (int k = 0; k < c; ++k)
        sum += std::pow(a, k) / factorial(k);
    const double last = std::pow(a, c) / factorial(c) / (1 - rho);
    return last / (sum + last);
}

// Mean number in an M/M/c system.
double mmcL(int c, double lambda, double mu)
{
    const double a = lambda / mu;
    const double rho = a / c;
    return erlangC(c, a) * rho / (1 - rho) + a;
}

} // namespace

TEST(QueueingTheory, MM1WaitAndLengthMatchTheory)
{
    // λ = 0.5, μ = 1: Wq = ρ/(μ-λ) = 1, W = 2, L = ρ/(1-ρ) = 1, utilisation 0.5.
    const Topology t = topology({producer("in", 0.5), service("s", 1, sim::Distribution::exponential(1.0))},
                                {publish("in", "s")}, 40000, 1000);
    const auto wait = replicate(t, Replications, [](const RunResults &r) { return r.node("s").waitingTime.mean; });
    const auto length = replicate(t, Replications, [](const RunResults &r) { return r.node("s").inSystem.mean; });
    const auto util = replicate(t, Replications, [](const RunResults &r) { return r.node("s").utilisation; });
    EXPECT_COVERS(wait, 1.0);
    EXPECT_COVERS(length, 1.0);
    EXPECT_COVERS(util, 0.5);
}

TEST(QueueingTheory, MM4ThroughAQueueMatchesErlangC)
{
    // λ = 3, μ = 1, c = 4 workers behind a queue: Wq = C(4, 3) / (cμ - λ).
    const double wq = erlangC(4, 3.0) / (4 - 3.0);
    ASSERT_NEAR(wq, 0.509434, 1e-6); // 27/53, worked by hand
    const Topology t = topology({producer("in", 3), queue("q"), service("s", 4, sim::Distribution::exponential(1.0))},
                                {publish("in", "q"), consume("q", "s")}, 20000, 500);
    const auto wait = replicate(t, Replications, [](const RunResults &r) { return r.node("q").waitingTime.mean; });
    const auto waiting = replicate(t, Replications, [](const RunResults &r) { return r.node("q").queueLength.mean; });
    EXPECT_COVERS(wait, wq);
    EXPECT_COVERS(waiting, 3 * wq); // Lq = λ Wq
}

TEST(QueueingTheory, FourCompetingConsumersActAsOneMM4)
{
    // Four single-worker services competing for one queue are the same M/M/4:
    // the queue hands each message to whichever consumer is free.
    const Topology t = topology(
        {producer("in", 3), queue("q"), service("a", 1, sim::Distribution::exponential(1.0)),
         service("b", 1, sim::Distribution::exponential(1.0)), service("c", 1, sim::Distribution::exponential(1.0)),
         service("d", 1, sim::Distribution::exponential(1.0))},
        {publish("in", "q"), consume("q", "a"), consume("q", "b"), consume("q", "c"), consume("q", "d")}, 20000, 500);
    const auto wait = replicate(t, Replications, [](const RunResults &r) { return r.node("q").waitingTime.mean; });
    EXPECT_COVERS(wait, erlangC(4, 3.0));
    // Round-robin among free consumers shares the work evenly: each gets λ/4.
    const RunResults one = runChecked(t, 1);
    for (const char *id : {"a", "b", "c", "d"})
        EXPECT_NEAR(one.node(id).throughput, 0.75, 0.03) << id; // ±4 sd of a Poisson count over 19,500 s
}

TEST(QueueingTheory, MD1WaitMatchesPollaczekKhinchine)
{
    // λ = 0.5, D = 1: Wq = ρ / (2μ(1-ρ)) = 0.5, half the M/M/1 wait.
    const Topology t = topology({producer("in", 0.5), service("s", 1, sim::Distribution::constant(1.0))},
                                {publish("in", "s")}, 40000, 1000);
    const auto wait = replicate(t, Replications, [](const RunResults &r) { return r.node("s").waitingTime.mean; });
    EXPECT_COVERS(wait, 0.5);
    // Every response is the wait plus exactly one second of service. With a
    // limited producer the run drains, so both means cover the same messages.
    Topology drained = t;
    std::get<ProducerSpec>(drained.nodes[0].params).limit = 10000;
    drained.simulation.warmup = sim::Duration::zero();
    drained.simulation.duration = sim::Duration::seconds(1000000);
    const RunResults one = runChecked(drained, 3);
    EXPECT_EQ(one.node("s").responseTime.count, 10000u);
    EXPECT_EQ(one.ledger.inFlight, 0u);
    EXPECT_NEAR(one.node("s").responseTime.mean - one.node("s").waitingTime.mean, 1.0, 1e-9);
}

TEST(QueueingTheory, MM1KBlockingProbability)
{
    // λ = 1, μ = 1.25, K = 5 in the system (4 waiting in the queue + 1 in service).
    const double rho = 0.8;
    const int k = 5;
    const double pBlock = (1 - rho) * std::pow(rho, k) / (1 - std::pow(rho, k + 1));
    ASSERT_NEAR(pBlock, 0.088819, 1e-6);
    const double l = rho / (1 - rho) - (k + 1) * std::pow(rho, k + 1) / (1 - std::pow(rho, k + 1));
    const Topology t = topology({producer("in", 1), queue("q", 4, OverflowPolicy::RejectNew),
                                 service("s", 1, sim::Distribution::exponential(0.8))},
                                {publish("in", "q"), consume("q", "s")}, 40000, 500);
    const auto blocked = replicate(t, Replications, [](const RunResults &r) {
        const NodeResults &q = r.node("q");
        return static_cast<double>(q.drops) / static_cast<double>(q.arrivals);
    });
    const auto inSystem = replicate(t, Replications, [](const RunResults &r) {
        return r.node("q").queueLength.mean + r.node("s").busyWorkers.mean;
    });
    EXPECT_COVERS(blocked, pBlock);
    EXPECT_COVERS(inSystem, l);
    // Refused messages are in the ledger as dropped because the queue was full.
    const RunResults one = runChecked(t, 1);
    EXPECT_GT(one.ledger.dropped.at("queue-full"), 0u);
}

TEST(QueueingTheory, JacksonNetworkWithBranchAndFeedback)
{
    // External arrivals γ = 1 into A (c=1, μ=2). A sends each message to B or
    // C with probability 1/2. B (c=1, μ=1) sends 1/5 back to A, the rest
    // leaves. C (c=2, μ=1/2) always leaves.
    // Traffic equations: λA = 1 + 0.2 λB, λB = λC = 0.5 λA, so λA = 10/9.
    const double lambdaA = 10.0 / 9;
    const double lambdaB = lambdaA / 2;
    const double lambdaC = lambdaA / 2;
    const double lA = mmcL(1, lambdaA, 2);
    const double lB = mmcL(1, lambdaB, 1);
    const double lC = mmcL(2, lambdaC, 0.5);
    const double endToEnd = (lA + lB + lC) / 1.0; // Little's law over the whole network
    const Topology t = topology(
        {producer("in", 1), service("A", 1, sim::Distribution::exponential(0.5)),
         service("B", 1, sim::Distribution::exponential(1.0)), service("C", 2, sim::Distribution::exponential(2.0))},
        {publish("in", "A"), publish("A", "B", 0.5), publish("A", "C", 0.5), publish("B", "A", 0.2)}, 40000, 1000);
    auto rate = [](const char *id) { return [id](const RunResults &r) { return r.node(id).arrivalRate; }; };
    EXPECT_COVERS(replicate(t, Replications, rate("A")), lambdaA);
    EXPECT_COVERS(replicate(t, Replications, rate("B")), lambdaB);
    EXPECT_COVERS(replicate(t, Replications, rate("C")), lambdaC);
    EXPECT_COVERS(replicate(t, Replications, [](const RunResults &r) { return r.node("A").inSystem.mean; }), lA);
    EXPECT_COVERS(replicate(t, Replications, [](const RunResults &r) { return r.node("C").inSystem.mean; }), lC);
    // End to end: flows end at B (the 4/5 that leave there) and at C.
    const auto e2e = replicate(t, Replications, [](const RunResults &r) {
        double weighted = 0;
        double count = 0;
        for (const FlowResults &f : r.flows) {
            weighted += f.latency.mean * static_cast<double>(f.latency.count);
            count += static_cast<double>(f.latency.count);
        }
        return weighted / count;
    });
    EXPECT_COVERS(e2e, endToEnd);
}

TEST(QueueingTheory, LittlesLawHoldsAtEveryNode)
{
    // L = λW on each node of a mixed topology, measured over one long run.
    // The only discrepancy is edge effects (messages present at the start and
    // end of the measured period), of order L/(λT): here below 1e-3.
    Topology t = topology({producer("in", 8), queue("q", 50, OverflowPolicy::RejectNew),
                           service("s", 4, sim::Distribution::lognormal(0.45, 1.5)),
                           service("t", 3, sim::Distribution::uniform(0.1, 0.5), 10), sink("out")},
                          {publish("in", "q"), consume("q", "s"), publish("s", "t"), publish("t", "out")}, 20000, 200);
    const RunResults r = runChecked(t, 7);
    const NodeResults &q = r.node("q");
    // The queue: L = (admitted rate) x (mean wait). Refused messages never enter.
    const double admitted = static_cast<double>(q.arrivals - q.drops) / (r.simulatedTime - r.warmup);
    EXPECT_NEAR(q.queueLength.mean, admitted * q.waitingTime.mean, 2e-3 * q.queueLength.mean + 1e-3);
    for (const char *id : {"s", "t"}) {
        const NodeResults &n = r.node(id);
        EXPECT_NEAR(n.inSystem.mean, n.arrivalRate * n.responseTime.mean, 2e-3 * n.inSystem.mean) << id;
        EXPECT_NEAR(n.queueLength.mean, n.arrivalRate * n.waitingTime.mean, 2e-3 * n.queueLength.mean + 1e-3) << id;
    }
}

TEST(QueueingTheory, ErlangBLossSystemIsInsensitiveToServiceShape)
{
    // Four workers and no waiting line (capacity 0): M/G/4/4, λ = 3, mean service 1 s.
    // Erlang B: B(4, 3) = (3⁴/4!) / Σ_{k≤4} 3ᵏ/k! = 3.375 / 16.375, whatever the
    // shape of the service time; try exponential and a lognormal with cv 2.
    const double erlangB = 3.375 / 16.375;
    for (const sim::Distribution &serviceTime :
         {sim::Distribution::exponential(1.0), sim::Distribution::lognormal(1.0, 2.0)}) {
        const Topology t
            = topology({producer("in", 3), service("s", 4, serviceTime, 0)}, {publish("in", "s")}, 20000, 200);
        const auto blocked = replicate(t, Replications, [](const RunResults &r) {
            const NodeResults &s = r.node("s");
            return static_cast<double>(s.drops) / static_cast<double>(s.drops + s.arrivals);
        });
        EXPECT_COVERS(blocked, erlangB);
    }
}
