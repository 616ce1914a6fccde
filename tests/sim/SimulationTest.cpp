// The run loop: step(), runUntil(), runEventsUntil(), cancellation, stop(),
// independence of simulations and reproducibility from the seed.

#include "sim/Simulation.h"
#include "sim/Distribution.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <vector>

using namespace asyncsim::sim;

namespace {

/// What a handler saw when an event fired.
struct Fired
{
    std::int64_t nowNs;
    std::uint32_t kind;
    std::uint64_t data;
    bool operator==(const Fired &) const = default;
};

/// Records every event it handles, then runs an optional reaction.
class Recorder : public EventHandler
{
public:
    explicit Recorder(Simulation &sim)
        : m_sim(sim)
    { }

    void handleEvent(const Event &event) override
    {
        EXPECT_EQ(event.time, m_sim.now()) << "now() must equal the event time in its handler";
        fired.push_back({m_sim.now().ns(), event.kind, event.data});
        if (onEvent)
            onEvent(event);
    }

    std::vector<std::uint32_t> kinds() const
    {
        std::vector<std::uint32_t> out;
        for (const Fired &f : fired)
            out.push_back(f.kind);
        return out;
    }

    std::vector<Fired> fired;
    std::function<void(const Event &)> onEvent;

private:
    Simulation &m_sim;
};

/// A tiny stochastic model: arrivals with exponential gaps, each drawing a
/// uniform "size"; it records both, so two runs can be compared draw by draw.
class ArrivalSource : public EventHandler
{
public:
    explicit ArrivalSource(Simulation &sim)
        : m_sim(sim)
        , m_gaps(sim.stream("source", "arrivals"))
        , m_sizes(sim.stream("source", "sizes"))
    {
        scheduleNext();
    }

    void handleEvent(const Event &) override
    {
        trace.push_back(m_sim.now().ns());
        trace.push_back(static_cast<std::int64_t>(m_sizes.below(1000)));
        scheduleNext();
    }

    std::vector<std::int64_t> trace;

private:
    void scheduleNext()
    {
        const double gap = Distribution::exponential(0.01).sample(m_gaps);
        m_sim.schedule(Duration::fromSeconds(gap), *this, 0);
    }

    Simulation &m_sim;
    RandomStream m_gaps;
    RandomStream m_sizes;
};

Time seconds(double s)
{
    return Time::fromSeconds(s);
}

} // namespace

TEST(Simulation, StepReturnsFalseWhenNothingIsPending)
{
    Simulation sim;
    EXPECT_FALSE(sim.step());
    EXPECT_EQ(sim.now(), Time::zero());
    EXPECT_EQ(sim.eventsExecuted(), 0u);

    Recorder r(sim);
    sim.schedule(Duration::seconds(2), r, 1);
    EXPECT_TRUE(sim.step());
    EXPECT_EQ(sim.now(), seconds(2));
    EXPECT_FALSE(sim.step());
    EXPECT_EQ(sim.now(), seconds(2)); // an empty step does not move the clock
    EXPECT_EQ(sim.eventsExecuted(), 1u);
}

TEST(Simulation, StepFiresEventsInTimeOrderWithKindAndData)
{
    Simulation sim;
    Recorder r(sim);
    sim.schedule(Duration::seconds(3), r, 30, 300);
    sim.schedule(Duration::seconds(1), r, 10, 100);
    sim.scheduleAt(seconds(2), r, 20, 200);
    EXPECT_EQ(sim.pendingEvents(), 3u);
    while (sim.step()) { }
    const std::vector<Fired> expected = {{1'000'000'000, 10, 100}, {2'000'000'000, 20, 200}, {3'000'000'000, 30, 300}};
    EXPECT_EQ(r.fired, expected);
    EXPECT_EQ(sim.eventsExecuted(), 3u);
    EXPECT_EQ(sim.pendingEvents(), 0u);
}

TEST(Simulation, ScheduleIsRelativeToNow)
{
    Simulation sim;
    Recorder r(sim);
    r.onEvent = [&](const Event &e) {
        if (e.kind == 1)
            sim.schedule(Duration::milliseconds(500), r, 2);
    };
    sim.schedule(Duration::seconds(1), r, 1);
    sim.runUntil(Time::max());
    ASSERT_EQ(r.fired.size(), 2u);
    EXPECT_EQ(r.fired[1].nowNs, 1'500'000'000);
}

TEST(Simulation, ScheduleReturnsDistinctIncreasingIds)
{
    Simulation sim;
    Recorder r(sim);
    const EventId a = sim.schedule(Duration::seconds(1), r, 0);
    const EventId b = sim.schedule(Duration::seconds(1), r, 0);
    const EventId c = sim.scheduleAt(seconds(0.5), r, 0);
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_NE(a, InvalidEventId);
}

TEST(Simulation, RunUntilFiresEventsUpToTheHorizonAndSetsTheClock)
{
    Simulation sim;
    Recorder r(sim);
    for (std::uint32_t s : {1u, 2u, 3u, 5u})
        sim.schedule(Duration::seconds(s), r, s);

    sim.runUntil(seconds(3)); // inclusive: the event at exactly 3 s fires
    EXPECT_EQ(r.kinds(), (std::vector<std::uint32_t>{1, 2, 3}));
    EXPECT_EQ(sim.now(), seconds(3));
    EXPECT_EQ(sim.pendingEvents(), 1u);

    sim.runUntil(seconds(4.5)); // nothing due: only the clock moves
    EXPECT_EQ(r.fired.size(), 3u);
    EXPECT_EQ(sim.now(), seconds(4.5));

    sim.runUntil(seconds(10));
    EXPECT_EQ(r.kinds(), (std::vector<std::uint32_t>{1, 2, 3, 5}));
    EXPECT_EQ(sim.now(), seconds(10));
    EXPECT_EQ(sim.nextEventTime(), Time::max());
}

TEST(Simulation, RunUntilTheEndOfTimeLeavesTheClockAtTheLastEvent)
{
    Simulation sim;
    Recorder r(sim);
    sim.schedule(Duration::seconds(7), r, 0);
    sim.runUntil(Time::max());
    EXPECT_EQ(sim.now(), seconds(7));
}

TEST(Simulation, RunEventsUntilLeavesTheClockAtTheLastEvent)
{
    Simulation sim;
    Recorder r(sim);
    sim.schedule(Duration::seconds(1), r, 1);
    sim.schedule(Duration::seconds(2), r, 2);
    sim.schedule(Duration::seconds(5), r, 5);
    sim.runEventsUntil(seconds(3));
    EXPECT_EQ(r.kinds(), (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(sim.now(), seconds(2));
    EXPECT_EQ(sim.nextEventTime(), seconds(5));
}

TEST(Simulation, AdvanceClockMovesTimeWithoutFiringAndNeverBackwards)
{
    Simulation sim;
    Recorder r(sim);
    sim.schedule(Duration::seconds(10), r, 0);
    sim.advanceClock(seconds(4));
    EXPECT_EQ(sim.now(), seconds(4));
    EXPECT_TRUE(r.fired.empty());
    sim.advanceClock(seconds(3));
    EXPECT_EQ(sim.now(), seconds(4));
    sim.advanceClock(seconds(10)); // up to, and including, the next event's time
    EXPECT_EQ(sim.now(), seconds(10));
    EXPECT_TRUE(r.fired.empty());
    // Later schedules are relative to the advanced clock.
    sim.schedule(Duration::seconds(1), r, 1);
    EXPECT_EQ(sim.pendingEvents(), 2u);
}

TEST(Simulation, SameTimeEventsScheduledFromAHandlerRunAfterThoseAlreadyScheduled)
{
    // A and B are due at 1 s; A schedules C with zero delay. C is also due at
    // 1 s but was scheduled later, so it runs after B, in the same runUntil.
    Simulation sim;
    Recorder r(sim);
    r.onEvent = [&](const Event &e) {
        if (e.kind == 'A')
            sim.schedule(Duration::zero(), r, 'C');
    };
    sim.schedule(Duration::seconds(1), r, 'A');
    sim.schedule(Duration::seconds(1), r, 'B');
    sim.schedule(Duration::seconds(2), r, 'D');
    sim.runUntil(seconds(1));
    EXPECT_EQ(r.kinds(), (std::vector<std::uint32_t>{'A', 'B', 'C'}));
    for (const Fired &f : r.fired)
        EXPECT_EQ(f.nowNs, 1'000'000'000);
    EXPECT_EQ(sim.pendingEvents(), 1u);
}

TEST(Simulation, CancelledEventsDoNotFire)
{
    Simulation sim;
    Recorder r(sim);
    sim.schedule(Duration::seconds(1), r, 1);
    const EventId second = sim.schedule(Duration::seconds(2), r, 2);
    const EventId fourth = sim.schedule(Duration::seconds(4), r, 4);
    sim.schedule(Duration::seconds(3), r, 3);
    // The event at 1 s cancels the one at 4 s: a timeout disarmed by a reply.
    r.onEvent = [&](const Event &e) {
        if (e.kind == 1)
            sim.cancel(fourth);
    };
    sim.cancel(second);
    EXPECT_EQ(sim.pendingEvents(), 3u);
    sim.runUntil(seconds(10));
    EXPECT_EQ(r.kinds(), (std::vector<std::uint32_t>{1, 3}));
    EXPECT_EQ(sim.eventsExecuted(), 2u);
}

TEST(Simulation, NextEventTimeSkipsCancelledEvents)
{
    Simulation sim;
    Recorder r(sim);
    EXPECT_EQ(sim.nextEventTime(), Time::max());
    const EventId first = sim.schedule(Duration::seconds(1), r, 0);
    sim.schedule(Duration::seconds(2), r, 0);
    EXPECT_EQ(sim.nextEventTime(), seconds(1));
    sim.cancel(first);
    EXPECT_EQ(sim.nextEventTime(), seconds(2));
}

TEST(Simulation, StopFromAHandlerEndsRunUntilAfterThatEvent)
{
    Simulation sim;
    Recorder r(sim);
    r.onEvent = [&](const Event &e) {
        if (e.kind == 2)
            sim.stop();
    };
    for (std::uint32_t s : {1u, 2u, 3u})
        sim.schedule(Duration::seconds(s), r, s);

    sim.runUntil(seconds(10));
    EXPECT_EQ(r.kinds(), (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(sim.now(), seconds(2)); // not the horizon
    EXPECT_EQ(sim.pendingEvents(), 1u);

    // The request is consumed: the next run goes on to its horizon.
    sim.runUntil(seconds(10));
    EXPECT_EQ(r.kinds(), (std::vector<std::uint32_t>{1, 2, 3}));
    EXPECT_EQ(sim.now(), seconds(10));
}

TEST(Simulation, TwoSimulationsAreIndependent)
{
    Simulation a(1);
    Simulation b(2);
    Recorder ra(a);
    Recorder rb(b);
    a.schedule(Duration::seconds(1), ra, 1);
    b.schedule(Duration::seconds(5), rb, 5);
    a.schedule(Duration::seconds(2), ra, 2);

    a.runUntil(seconds(3));
    EXPECT_EQ(ra.kinds(), (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(a.now(), seconds(3));
    EXPECT_TRUE(rb.fired.empty());
    EXPECT_EQ(b.now(), Time::zero());
    EXPECT_EQ(b.pendingEvents(), 1u);
    EXPECT_EQ(b.eventsExecuted(), 0u);

    b.runUntil(seconds(6));
    EXPECT_EQ(rb.kinds(), (std::vector<std::uint32_t>{5}));
    EXPECT_EQ(a.now(), seconds(3));
    EXPECT_EQ(a.seed(), 1u);
    EXPECT_EQ(b.seed(), 2u);
}

TEST(Simulation, SameSeedGivesTheSameRun)
{
    const auto run = [](std::uint64_t seed) {
        Simulation sim(seed);
        ArrivalSource source(sim);
        sim.runUntil(seconds(20));
        return source.trace;
    };
    const std::vector<std::int64_t> first = run(7);
    ASSERT_GT(first.size(), 2000u); // about 2000 arrivals at 100 per second
    EXPECT_EQ(run(7), first);
    EXPECT_NE(run(8), first);
}

TEST(Simulation, StreamsComeFromTheSimulationSeed)
{
    Simulation a(11);
    Simulation b(11);
    Simulation c(12);
    RandomStream sa = a.stream("db", "service");
    RandomStream sb = b.stream("db", "service");
    RandomStream sc = c.stream("db", "service");
    RandomStream direct(11, "db", "service");
    for (int i = 0; i < 100; ++i) {
        const std::uint64_t x = sa.nextBits();
        EXPECT_EQ(sb.nextBits(), x);
        EXPECT_EQ(direct.nextBits(), x);
        EXPECT_NE(sc.nextBits(), x);
    }
}
