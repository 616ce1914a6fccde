// Every message produced ends in exactly one place. These tests work traces
// out by hand (constant arrivals and service times, so nothing is random) and
// check each entry of the ledger, then check the balance on a topology that
// exercises every way of leaving.

#include "TestTopologies.h"

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

// Ten messages at t = 1, 2, ..., 10 s into a queue holding one waiting
// message, consumed by one worker taking 1.5 s each.
Topology tenIntoASmallQueue(OverflowPolicy overflow)
{
    Topology t = topology({producer("in", 1.0, ArrivalProcess::Constant), queue("q", 1, overflow),
                           service("s", 1, sim::Distribution::constant(1.5))},
                          {publish("in", "q"), consume("q", "s")}, 100);
    std::get<ProducerSpec>(t.nodes[0].params).limit = 10;
    return t;
}

} // namespace

TEST(Ledger, RejectNewTraceWorkedByHand)
{
    // The worker is busy 1-2.5 (#1), 2.5-4 (#2), 4-5.5 (#3), 5.5-7 (#4), 7-8.5 (#6), 8.5-10 (#7),
    // 10-11.5 (#9), 11.5-13 (#10). At t = 4, 7 and 10 a completion and an
    // arrival tie: the completion was scheduled first, so it runs first and the
    // newcomer finds the queue with room. #5 (t=5) and #8 (t=8) find it full.
    const RunResults r = runChecked(tenIntoASmallQueue(OverflowPolicy::RejectNew), 1);
    EXPECT_EQ(r.ledger.produced, 10u);
    EXPECT_EQ(r.ledger.completed, 8u);
    EXPECT_EQ(r.ledger.dropped.at("queue-full"), 2u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 13.0); // drained: ends with the last completion
    const NodeResults &q = r.node("q");
    EXPECT_EQ(q.arrivals, 10u);
    EXPECT_EQ(q.drops, 2u);
    EXPECT_EQ(q.departures, 8u);
    // Waits: #1 0, #2 0.5, #3 1, #4 1.5, #6 1, #7 1.5, #9 1, #10 1.5: 8 s in all.
    EXPECT_DOUBLE_EQ(q.waitingTime.mean, 1.0);
    EXPECT_DOUBLE_EQ(q.waitingTime.max, 1.5);
    // Queue length: one waiting during [2,2.5), [3,4), [4,5.5), [6,7), [7,8.5),
    // [9,10), [10,11.5): 8 s of the 13 (Little: L = 8/13 = λW with λ = 8/13, W = 1).
    EXPECT_DOUBLE_EQ(q.queueLength.mean, 8.0 / 13);
    EXPECT_DOUBLE_EQ(r.node("s").utilisation, 12.0 / 13);
}

TEST(Ledger, DropOldestTraceWorkedByHand)
{
    // As above, but at t = 5 #5 pushes out #4 (waiting since 4), and at t = 8
    // #8 pushes out #7 (waiting since 7). Waits: 0, 0.5, 1, #5 0.5, #6 1,
    // #8 0.5, #9 1, #10 1.5: 6 s in all.
    const RunResults r = runChecked(tenIntoASmallQueue(OverflowPolicy::DropOldest), 1);
    EXPECT_EQ(r.ledger.completed, 8u);
    EXPECT_EQ(r.ledger.dropped.at("drop-oldest"), 2u);
    EXPECT_EQ(r.ledger.dropped.count("queue-full"), 0u);
    EXPECT_EQ(r.ledger.inFlight, 0u);
    EXPECT_EQ(r.node("q").drops, 2u);
    EXPECT_DOUBLE_EQ(r.node("q").waitingTime.mean, 6.0 / 8);
}

TEST(Ledger, FanOutCopiesAreForked)
{
    // One producer publishing to three sinks: each message becomes three.
    Topology t = topology({producer("in", 10), sink("a"), sink("b"), sink("c")},
                          {publish("in", "a"), publish("in", "b"), publish("in", "c")}, 100);
    const RunResults r = runChecked(t, 5);
    EXPECT_EQ(r.ledger.forked, 2 * r.ledger.produced);
    EXPECT_EQ(r.ledger.completed, 3 * r.ledger.produced);
    EXPECT_EQ(r.node("a").arrivals, r.ledger.produced);
    EXPECT_EQ(r.flows.size(), 3u);
}

TEST(Ledger, FailuresLeaveAsFailed)
{
    // Failure probability p: the failed count is Binomial(n, p).
    Topology t = topology({producer("in", 100), service("s", 50, sim::Distribution::exponential(0.1)), sink("out")},
                          {publish("in", "s"), publish("s", "out")}, 200);
    std::get<ServiceSpec>(t.nodes[1].params).failureProbability = 0.2;
    const RunResults r = runChecked(t, 11);
    const double n = static_cast<double>(r.node("s").departures + r.node("s").failures);
    const double p = static_cast<double>(r.node("s").failures) / n;
    EXPECT_NEAR(p, 0.2, 4.5 * std::sqrt(0.2 * 0.8 / n)); // 4.5 binomial sd
    EXPECT_EQ(r.ledger.failed, r.node("s").failures);
}

TEST(Ledger, BalancesWithEveryWayOfLeavingAndMessagesLeftInFlight)
{
    // Overloaded on purpose: a bounded queue refuses, another drops its
    // oldest, a service with a bounded line refuses, a service fails some,
    // fan-out forks, a probabilistic branch ends some flows early, and the
    // run stops with messages still queued.
    Topology t = topology(
        {producer("in", 50), queue("q1", 20, OverflowPolicy::RejectNew), queue("q2", 5, OverflowPolicy::DropOldest),
         service("a", 2, sim::Distribution::exponential(0.05)), service("b", 1, sim::Distribution::exponential(0.1), 3),
         service("c", 3, sim::Distribution::lognormal(0.1, 2)), sink("out")},
        {publish("in", "q1"), publish("in", "q2"), consume("q1", "a"), consume("q2", "c"), publish("a", "b", 0.7),
         publish("a", "out", 0.2), publish("b", "out"), publish("c", "out")},
        300);
    std::get<ServiceSpec>(t.nodes[5].params).failureProbability = 0.05;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const RunResults r = runChecked(t, seed);
        EXPECT_GT(r.ledger.forked, 0u);
        EXPECT_GT(r.ledger.failed, 0u);
        EXPECT_GT(r.ledger.dropped.at("queue-full"), 0u);
        EXPECT_GT(r.ledger.dropped.at("drop-oldest"), 0u);
        EXPECT_GT(r.ledger.dropped.at("service-full"), 0u);
        EXPECT_GT(r.ledger.inFlight, 0u);
        EXPECT_TRUE(r.ledger.balances());
    }
}
