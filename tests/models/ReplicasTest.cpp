// A service's replicas behind a load balancer: the waits each strategy makes,
// against queueing theory, and hand-worked traces of a replica's crash.
//
// Theory: with Poisson arrivals (rate λ) spread over k replicas of one
// exponential worker (rate μ),
// - random splitting makes each replica an M/M/1 at λ/k (a random split of
//   a Poisson stream is Poisson): Wq = ρ/(μ - λ/k), ρ = λ/(kμ);
// - round robin gives each replica every k-th arrival, gaps Erlang(k, λ):
//   an E_k/M/1, whose Wq = σ/(μ(1 - σ)), σ the root in (0, 1) of
//   σ = (λ/(λ + μ(1 - σ)))^k (the arrival gap's Laplace transform at μ(1 - σ));
// - one shared line (a queue the replicas consume) is an M/M/k.
// Each test runs independent replications and expects the exact value in the
// 99.9% confidence interval of the replication means (EXPECT_COVERS).

#include "TestTopologies.h"

#include <cmath>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

constexpr int Replications = 10;
constexpr double Lambda = 1.2; // two replicas of one worker at μ = 1: ρ = 0.6
constexpr double Mu = 1.0;

NodeSpec replicated(const std::string &id, int replicas, BalancerStrategy balancer, sim::Distribution serviceTime,
                    int workers = 1)
{
    NodeSpec node = service(id, workers, serviceTime);
    auto &s = std::get<ServiceSpec>(node.params);
    s.replicas = replicas;
    s.balancer = balancer;
    return node;
}

// Poisson arrivals published straight to two exponential replicas.
Topology pushedToTwoReplicas(BalancerStrategy balancer)
{
    return topology({producer("in", Lambda), replicated("s", 2, balancer, sim::Distribution::exponential(1 / Mu))},
                    {publish("in", "s")}, 20000, 500);
}

double meanWait(const RunResults &r)
{
    return r.node("s").waitingTime.mean;
}

// σ of E_k/M/1 by fixed-point iteration: the map is increasing and convex on
// [0, 1) with the root below 1 when the load is below 1, so iterating from 0
// climbs to it.
double erlangArrivalSigma(int k, double lambda, double mu)
{
    double sigma = 0;
    for (int i = 0; i < 10000; ++i)
        sigma = std::pow(lambda / (lambda + mu * (1 - sigma)), k);
    return sigma;
}

} // namespace

TEST(Replicas, RandomSplittingMakesEachReplicaAnMM1)
{
    // Each replica: λ = 0.6, μ = 1, Wq = 0.6/0.4 = 1.5 s; utilisation 0.6.
    const Topology t = pushedToTwoReplicas(BalancerStrategy::Random);
    EXPECT_COVERS(replicate(t, Replications, meanWait), 1.5);
    EXPECT_COVERS(replicate(t, Replications, [](const RunResults &r) { return r.node("s").replicas[1].utilisation; }),
                  0.6);
    EXPECT_COVERS(replicate(t, Replications, [](const RunResults &r) { return r.node("s").utilisation; }), 0.6);
}

TEST(Replicas, RoundRobinMakesEachReplicaAnErlangArrivalQueue)
{
    const double sigma = erlangArrivalSigma(2, Lambda, Mu);
    ASSERT_NEAR(sigma * std::pow(2.2 - sigma, 2), 1.44, 1e-9); // σ(λ + μ - μσ)² = λ² for k = 2
    const double wq = sigma / (Mu * (1 - sigma));
    ASSERT_NEAR(sigma, 0.4958, 0.0001);
    ASSERT_NEAR(wq, 0.9835, 0.0001);
    const Topology t = pushedToTwoReplicas(BalancerStrategy::RoundRobin);
    EXPECT_COVERS(replicate(t, Replications, meanWait), wq);
    // Every other arrival, exactly: the two counts differ by at most one.
    const RunResults r = runChecked(t, 7);
    const auto &replicas = r.node("s").replicas;
    ASSERT_EQ(replicas.size(), 2u);
    EXPECT_LE(std::llabs(static_cast<long long>(replicas[0].arrivals) - static_cast<long long>(replicas[1].arrivals)),
              1);
}

TEST(Replicas, QueueConsumedByReplicasIsOneSharedLine)
{
    // Two replicas pulling from one queue: an M/M/2, Wq = C(2, 1.2)/(2μ - λ) = 0.45/0.8.
    const Topology t = topology({producer("in", Lambda), queue("q"),
                                 replicated("s", 2, BalancerStrategy::Random, sim::Distribution::exponential(1 / Mu))},
                                {publish("in", "q"), consume("q", "s")}, 20000, 500);
    EXPECT_COVERS(replicate(t, Replications, [](const RunResults &r) { return r.node("q").waitingTime.mean; }), 0.5625);
    // Nothing waits in a replica's own line: they pull only when free.
    const RunResults r = runChecked(t, 3);
    EXPECT_EQ(r.node("s").queueLength.max, 0);
    EXPECT_EQ(r.node("s").replicas[0].arrivals + r.node("s").replicas[1].arrivals, r.node("s").arrivals);
}

TEST(Replicas, LoadAwareStrategiesWaitLessThanBlindOnes)
{
    // Join-the-shortest-queue has no closed form, but with two replicas
    // power-of-two choices compares both replicas, as least-outstanding
    // does; they differ only in how ties break, which cannot change the
    // total in system of two identical replicas. So their means agree, and
    // both lie between the shared line (M/M/2, 0.5625 s) and round robin (0.9835 s).
    const auto least = replicate(pushedToTwoReplicas(BalancerStrategy::LeastOutstanding), Replications, meanWait);
    const auto two = replicate(pushedToTwoReplicas(BalancerStrategy::PowerOfTwo), Replications, meanWait);
    const auto a = confidenceInterval(least, 0.999);
    const auto b = confidenceInterval(two, 0.999);
    EXPECT_NEAR(a.mean, b.mean, a.halfWidth + b.halfWidth);
    for (const Estimate &e : {a, b}) {
        EXPECT_GT(e.mean - e.halfWidth, 0.5625);
        EXPECT_LT(e.mean + e.halfWidth, 0.98);
    }
}

namespace {

// A crash of @p instances replicas of service "s" at @p at for @p span seconds.
FaultSpec crashOfS(int instances, double at, double span)
{
    FaultSpec crash;
    crash.kind = FaultKind::Crash;
    crash.target = "s";
    crash.at = sim::Duration::fromSeconds(at);
    crash.duration = sim::Duration::fromSeconds(span);
    crash.instances = instances;
    return crash;
}

// Arrivals every 0.1 s (at 0.1, 0.2, ..., 3.0) to three round-robin replicas
// of one worker taking exactly 0.25 s: replica i takes arrivals i+1, i+4, ...
// and never has a line.
Topology threeReplicasWithACrash(int instances, double at, double span)
{
    NodeSpec in = producer("in", 10, ArrivalProcess::Constant);
    std::get<ProducerSpec>(in.params).limit = 30;
    Topology t = topology({in, replicated("s", 3, BalancerStrategy::RoundRobin, sim::Distribution::constant(0.25))},
                          {publish("in", "s")}, 10);
    t.faults.push_back(crashOfS(instances, at, span));
    return t;
}

std::vector<std::uint64_t> arrivalsPerReplica(const RunResults &r)
{
    std::vector<std::uint64_t> out;
    for (const ReplicaResults &replica : r.node("s").replicas)
        out.push_back(replica.arrivals);
    return out;
}

} // namespace

TEST(Replicas, ACrashedReplicaLosesItsWorkAndTheBalancerSkipsItUntilItRestarts)
{
    // Crash of one replica (the last, replica 3) at 1.05 s for 1 s. It is
    // processing arrival 9 (0.9 to 1.15): lost, dropped as crashed. Arrivals
    // 11 to 20 go round robin over replicas 1 and 2 (the turn goes on:
    // 11 → 2, 12 → 1, ...), five each; from 2.05 s all three again, arrival
    // 21 → 2, 22 → 3, 23 → 1, ... So replica 1 took 4 + 5 + 3 = 12, replica
    // 2 took 3 + 5 + 4 = 12 and replica 3 took 3 + 0 + 3 = 6.
    const RunResults r = runChecked(threeReplicasWithACrash(1, 1.05, 1.0), 1);
    EXPECT_EQ(arrivalsPerReplica(r), (std::vector<std::uint64_t>{12, 12, 6}));
    EXPECT_EQ(countOf(r.ledger.dropped, "crashed"), 1u);
    EXPECT_EQ(r.ledger.completed, 29u);
    EXPECT_EQ(r.ledger.produced, 30u);
}

TEST(Replicas, WithEveryReplicaDownTheServiceIsUnavailable)
{
    // All three crash at 1.08 s for 0.5 s: arrival 9 (replica 3, 0.9 to
    // 1.15) and arrival 10 (replica 1, 1.0 to 1.25) are lost (arrival 8
    // ended at 1.05); arrivals 11 to 15 find no replica up and are dropped
    // as unavailable. From 1.58 s the three take the rest.
    const RunResults r = runChecked(threeReplicasWithACrash(3, 1.08, 0.5), 1);
    EXPECT_EQ(countOf(r.ledger.dropped, "crashed"), 2u);
    EXPECT_EQ(countOf(r.ledger.dropped, "unavailable"), 5u);
    EXPECT_EQ(r.ledger.completed, 23u);
}

TEST(Replicas, ACrashLosesWhatWaitsInTheReplicasLine)
{
    // One replica of 0.25 s per message, round robin over two, arrivals
    // every 0.1 s: each replica gets one every 0.2 s and falls behind by
    // 0.05 s per message. Replica 2 takes arrivals 2, 4, 6, ...: arrival 2k
    // starts at 0.2 + 0.25(k - 1), so at 1.0 s it has finished arrivals 2, 4, 6
    // (ends 0.45, 0.7, 0.95), is on arrival 8 (0.95 to 1.2) and holds 10 in
    // its line (arrived 1.0 — the crash at 1.01 comes after it). Both are
    // lost: 2 dropped as crashed. The service counts as its own drops only
    // the one in its line (as for any crash, work in progress is lost, not refused).
    NodeSpec in = producer("in", 10, ArrivalProcess::Constant);
    std::get<ProducerSpec>(in.params).limit = 10;
    Topology t = topology({in, replicated("s", 2, BalancerStrategy::RoundRobin, sim::Distribution::constant(0.25))},
                          {publish("in", "s")}, 10);
    t.faults.push_back(crashOfS(1, 1.01, 1));
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(countOf(r.ledger.dropped, "crashed"), 2u);
    EXPECT_EQ(r.ledger.completed, 8u);
    EXPECT_EQ(r.node("s").drops, 1u);
}

TEST(Replicas, ATopicGroupsMembersAreEveryReplicasWorkers)
{
    // Two replicas of two workers read a topic of four partitions: the group
    // has four members, one partition each, so all four workers are busy
    // when every partition has records.
    NodeSpec topic{"t", {0, 0}, TopicSpec{}};
    std::get<TopicSpec>(topic.params).partitions = 4;
    const Topology t
        = topology({producer("in", 3.0), topic,
                    replicated("s", 2, BalancerStrategy::RoundRobin, sim::Distribution::exponential(1.0), 2)},
                   {publish("in", "t"), consume("t", "s")}, 5000, 200);
    const RunResults r = runChecked(t, 5);
    EXPECT_EQ(r.node("s").busyWorkers.max, 4);
    // Load 3 on four workers: utilisation 0.75, and every replica works.
    EXPECT_NEAR(r.node("s").utilisation, 0.75, 0.05);
    for (const ReplicaResults &replica : r.node("s").replicas)
        EXPECT_GT(replica.arrivals, 0u);
}

namespace {

// A RabbitMQ queue "q" with prefetch @p prefetch.
NodeSpec rabbitQueue(std::uint32_t prefetch)
{
    NodeSpec q = queue("q");
    auto &spec = std::get<QueueSpec>(q.params);
    spec.flavour = QueueFlavour::RabbitMq;
    spec.prefetch = prefetch;
    return q;
}

} // namespace

TEST(Replicas, WithAPrefetchOfOneEachReplicasChannelHoldsOnlyItsWorkAndTheLineIsShared)
{
    // Each replica is a consumer of its own with a window of 1: it holds only
    // the message its one worker processes, so the queue is again one
    // shared line, an M/M/2: Wq = 0.5625 s.
    const Topology t = topology({producer("in", Lambda), rabbitQueue(1),
                                 replicated("s", 2, BalancerStrategy::Random, sim::Distribution::exponential(1 / Mu))},
                                {publish("in", "q"), consume("q", "s")}, 20000, 500);
    EXPECT_COVERS(replicate(t, Replications, [](const RunResults &r) { return r.node("q").waitingTime.mean; }), 0.5625);
    const RunResults r = runChecked(t, 3);
    const auto &consumers = r.node("q").consumers;
    ASSERT_EQ(consumers.size(), 2u);
    for (std::uint16_t i = 0; i < 2; ++i) {
        EXPECT_EQ(consumers[i].consumer, "s");
        EXPECT_EQ(consumers[i].replica, i + 1);
        EXPECT_EQ(consumers[i].unackedMax, 1u);
    }
}

namespace {

// Arrivals every 0.1 s (0.1 to 0.8 s) to a RabbitMQ queue with prefetch 2,
// consumed by two replicas of one worker taking exactly 1 s.
Topology prefetchingReplicas()
{
    NodeSpec in = producer("in", 10, ArrivalProcess::Constant);
    std::get<ProducerSpec>(in.params).limit = 8;
    return topology(
        {in, rabbitQueue(2), replicated("s", 2, BalancerStrategy::RoundRobin, sim::Distribution::constant(1))},
        {publish("in", "q"), consume("q", "s")}, 20);
}

} // namespace

TEST(Replicas, EachReplicaHasAPrefetchWindowOfItsOwn)
{
    // The channels take turns: 1 → replica 1 (starts), 2 → replica 2
    // (starts), 3 → replica 1's buffer, 4 → replica 2's; both windows are
    // then full, so 5 to 8 wait in the queue. Each ack opens the window for
    // the next: at 1.1 s replica 1 starts 3 and buffers 5, at 1.2 s replica 2
    // starts 4 and buffers 6, at 2.1 s and 2.2 s 7 and 8 are buffered. The
    // queue waits are 0, 0, 0, 0, 0.6, 0.6, 1.4 and 1.4 s: mean 0.5 s.
    const RunResults r = runChecked(prefetchingReplicas(), 1);
    EXPECT_EQ(arrivalsPerReplica(r), (std::vector<std::uint64_t>{4, 4}));
    EXPECT_NEAR(r.node("q").waitingTime.mean, 0.5, 1e-9);
    EXPECT_EQ(r.node("q").waitingTime.count, 8u);
    ASSERT_EQ(r.node("q").consumers.size(), 2u);
    EXPECT_EQ(r.node("q").consumers[0].unackedMax, 2u);
    EXPECT_EQ(r.node("q").consumers[1].unackedMax, 2u);
    // Started from the buffer, a message does not wait at the service.
    EXPECT_EQ(r.node("s").waitingTime.mean, 0.0);
    EXPECT_EQ(r.ledger.completed, 8u);
}

TEST(Replicas, ACrashedReplicasPrefetchedMessagesGoBackToTheQueueInOrder)
{
    // rabbitmq-replicas-prefetch.json is prefetchingReplicas() with a crash
    // of replica 2 at 0.45 s (for 10 s), holding 2 (in progress since 0.2 s)
    // and 4 (prefetched). Its channel closes: 4 goes back to the head of the
    // queue, then 2 ahead of it, so the queue holds 2, 4 and then 5 to 8 as
    // they arrive. Replica 1 (3 prefetched, working on 1) takes them one per
    // ack: 2 is buffered at 1.1 s and starts at 2.1 s, 4 at 3.1 s, then 5 to
    // 8 at 4.1 to 7.1 s. Queue waits, one per delivery: 0 for the first
    // four, then 2 (ready again at 0.45 s, out at 1.1 s) 0.65, 4 1.65, 5 2.6,
    // 6 3.5, 7 4.4, 8 5.3: 18.1 s over 10 deliveries.
    const RunResults r = runScenario("rabbitmq-replicas-prefetch");
    std::vector<std::uint64_t> perReplica;
    for (const ReplicaResults &replica : r.node("worker").replicas)
        perReplica.push_back(replica.arrivals);
    EXPECT_EQ(perReplica, (std::vector<std::uint64_t>{8, 1}));
    EXPECT_EQ(r.node("q").redeliveries, 2u);
    EXPECT_EQ(r.node("q").waitingTime.count, 10u);
    EXPECT_NEAR(r.node("q").waitingTime.mean, 1.81, 1e-9);
    EXPECT_EQ(r.ledger.completed, 8u);
    EXPECT_EQ(r.ledger.droppedTotal(), 0u);
    // Each started from a buffer: no wait at the service, 1 s of work.
    EXPECT_NEAR(r.node("worker").responseTime.max, 1.0, 1e-9);
    // Replica 1 held at most its window, replica 2 its two before the crash.
    ASSERT_EQ(r.node("q").consumers.size(), 2u);
    EXPECT_EQ(r.node("q").consumers[0].unackedMax, 2u);
    EXPECT_EQ(r.node("q").consumers[1].unackedMax, 2u);
    EXPECT_EQ(r.node("q").consumers[1].replica, 2u);
}

TEST(Replicas, AClosedChannelsPrefetchedMessagesCountTowardTheDeliveryLimit)
{
    // With a delivery limit of 0 every return exceeds it: the crash
    // dead-letters (drops, without a target) both messages replica 2 held,
    // the one in progress and the one prefetched.
    Topology t = prefetchingReplicas();
    std::get<QueueSpec>(t.nodes[1].params).deliveryLimit = 0;
    t.faults.push_back(crashOfS(1, 0.45, 10));
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(countOf(r.ledger.dropped, "delivery-limit"), 2u);
    EXPECT_EQ(r.ledger.completed, 6u);
}

TEST(Replicas, ACrashedReplicasWorkInProgressGoesBackInTheOrderItWasDelivered)
{
    // Prefetch 3, two replicas of two workers taking exactly 1 s, arrivals
    // every 0.1 s (1 to 6): replica 1 works on 1 and 3 and buffers 5,
    // replica 2 works on 2 and 4 and buffers 6. Replica 2 crashes at
    // 0.65 s: the queue takes back 6, then 4 and 2 ahead of it, so it holds
    // 2, 4, 6 in the order they were sent. Replica 1's acks let them in one
    // at a time: 5 starts at 1.1 s (2 buffered), 2 at 1.3 s, 4 at 2.1 s, 6 at
    // 2.3 s. End to end, 2 takes 2.3 − 0.2 = 2.1 s, 4 3.1 − 0.4 = 2.7 s and
    // 6 3.3 − 0.6 = 2.7 s, the longest. (Taken back oldest first, 4 would
    // be ahead of 2, and 2 would take 3.1 − 0.2 = 2.9 s.)
    NodeSpec in = producer("in", 10, ArrivalProcess::Constant);
    std::get<ProducerSpec>(in.params).limit = 6;
    Topology t
        = topology({in, rabbitQueue(3),
                    replicated("s", 2, BalancerStrategy::RoundRobin, sim::Distribution::constant(1), 2), sink("out")},
                   {publish("in", "q"), consume("q", "s"), publish("s", "out")}, 20);
    t.faults.push_back(crashOfS(1, 0.65, 10));
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.completed, 6u);
    EXPECT_EQ(r.node("q").redeliveries, 3u);
    ASSERT_EQ(r.flows.size(), 1u);
    EXPECT_NEAR(r.flows.front().latency.max, 2.7, 1e-9);
}
