// Hold-model benchmarks of the event calendar and of Simulation dispatch.
//
// The hold model: fill the pending set with N events, then repeat
//   pop the minimum t; insert t + X, X ~ Exp(1)
// so the set keeps N events. One iteration is one hold (one pop + one insert).
//
// Unless the name says "Draw", the Exp(1) increments are drawn from
// sim::RandomStream before the timed loop into a table of 2^16 values that the
// loop walks through cyclically: the time reported is the calendar alone (plus
// one table load). The "Draw" variants draw each increment inside the loop
// (-log(U) with U from RandomStream), and BM_ExpDraw times a draw on its own.
//
// Each run first performs 4N untimed holds so the pending set reaches the
// steady-state shape of the hold model before it is timed.

#include "sim/EventCalendar.h"
#include "sim/RandomStream.h"
#include "sim/Simulation.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using namespace asyncsim;

constexpr std::size_t TableSize = std::size_t{1} << 16;
constexpr std::size_t TableMask = TableSize - 1;

sim::RandomStream makeStream()
{
    return sim::RandomStream(20240601, "calendar-bench", "hold");
}

double drawExp1(sim::RandomStream &rng)
{
    return -std::log(rng.uniformPositive());
}

/// Exp(1) increments (one second mean), converted to integer-nanosecond durations.
std::vector<sim::Duration> makeIncrements()
{
    sim::RandomStream rng = makeStream();
    std::vector<sim::Duration> table(TableSize);
    for (sim::Duration &d : table)
        d = sim::Duration::fromSeconds(drawExp1(rng));
    return table;
}

const std::vector<sim::Duration> &increments()
{
    static const std::vector<sim::Duration> table = makeIncrements();
    return table;
}

void reportHolds(benchmark::State &state)
{
    state.SetItemsProcessed(state.iterations());
    // Seconds per hold; shown with an SI prefix, e.g. "35.2n" = 35.2 ns.
    state.counters["per_hold"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.counters["pending"] = static_cast<double>(state.range(0));
}

// --- EventCalendar alone -----------------------------------------------------

struct CalendarHold
{
    sim::EventCalendar calendar;
    sim::EventId nextSequence = 0;
    std::size_t cursor = 0;
    const std::vector<sim::Duration> &table = increments();

    explicit CalendarHold(std::size_t n)
    {
        for (std::size_t i = 0; i < n; ++i)
            calendar.insert(sim::Event{sim::Time::zero() + next(), nextSequence++, nullptr, 0, 0});
        for (std::size_t i = 0; i < 4 * n; ++i)
            hold();
    }
    sim::Duration next() { return table[cursor++ & TableMask]; }
    sim::Event hold()
    {
        sim::Event e = calendar.pop();
        e.time += next();
        e.sequence = nextSequence++;
        calendar.insert(e);
        return e;
    }
};

void BM_CalendarHold(benchmark::State &state)
{
    CalendarHold model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        const sim::Event e = model.hold();
        benchmark::DoNotOptimize(e.time);
    }
    if (model.calendar.size() != static_cast<std::size_t>(state.range(0)))
        state.SkipWithError("the pending set changed size");
    reportHolds(state);
}

void BM_CalendarHoldDraw(benchmark::State &state)
{
    CalendarHold model(static_cast<std::size_t>(state.range(0)));
    sim::RandomStream rng = makeStream();
    for (auto _ : state) {
        sim::Event e = model.calendar.pop();
        e.time += sim::Duration::fromSeconds(drawExp1(rng));
        e.sequence = model.nextSequence++;
        model.calendar.insert(e);
        benchmark::DoNotOptimize(e.time);
    }
    reportHolds(state);
}

// --- Simulation: schedule + step through a virtual EventHandler ---------------

/// Each event it receives schedules its successor Exp(1) later.
class Rescheduler final : public sim::EventHandler
{
public:
    Rescheduler(sim::Simulation &simulation, bool drawInline)
        : m_simulation(simulation)
        , m_rng(makeStream())
        , m_drawInline(drawInline)
    { }
    sim::Duration next()
    {
        if (m_drawInline)
            return sim::Duration::fromSeconds(drawExp1(m_rng));
        return m_table[m_cursor++ & TableMask];
    }
    void handleEvent(const sim::Event &event) override
    {
        m_simulation.schedule(next(), *this, event.kind, event.data + 1);
        if (++m_handled == m_stopAfter)
            m_simulation.stop();
    }
    /// For the runEventsUntil variant: ask the run to stop after @p n more events.
    void stopAfter(std::uint64_t n) { m_stopAfter = m_handled + n; }

private:
    sim::Simulation &m_simulation;
    const std::vector<sim::Duration> &m_table = increments();
    std::size_t m_cursor = 0;
    sim::RandomStream m_rng;
    bool m_drawInline;
    std::uint64_t m_handled = 0;
    std::uint64_t m_stopAfter = ~std::uint64_t{0};
};

void fill(sim::Simulation &simulation, Rescheduler &handler, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        simulation.schedule(handler.next(), handler, 0);
    for (std::size_t i = 0; i < 4 * n; ++i)
        simulation.step();
}

void simulationStep(benchmark::State &state, bool drawInline)
{
    const auto n = static_cast<std::size_t>(state.range(0));
    sim::Simulation simulation(1);
    Rescheduler handler(simulation, drawInline);
    fill(simulation, handler, n);
    for (auto _ : state)
        benchmark::DoNotOptimize(simulation.step());
    if (simulation.pendingEvents() != n)
        state.SkipWithError("the pending set changed size");
    reportHolds(state);
}

void BM_SimulationStep(benchmark::State &state)
{
    simulationStep(state, false);
}
void BM_SimulationStepDraw(benchmark::State &state)
{
    simulationStep(state, true);
}

// The loop the CLI runs: runEventsUntil (peek, pop, dispatch), here in batches
// of 1024 events per iteration, stopped from the handler.
void BM_SimulationRunBatch(benchmark::State &state)
{
    constexpr std::uint64_t Batch = 1024;
    const auto n = static_cast<std::size_t>(state.range(0));
    sim::Simulation simulation(1);
    Rescheduler handler(simulation, false);
    fill(simulation, handler, n);
    for (auto _ : state) {
        handler.stopAfter(Batch);
        simulation.runEventsUntil(sim::Time::max());
    }
    if (simulation.pendingEvents() != n)
        state.SkipWithError("the pending set changed size");
    const auto holds = static_cast<double>(state.iterations() * Batch);
    state.SetItemsProcessed(static_cast<std::int64_t>(holds));
    state.counters["per_hold"] = benchmark::Counter(holds, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.counters["pending"] = static_cast<double>(n);
}

// --- The draw on its own --------------------------------------------------------

void BM_ExpDraw(benchmark::State &state)
{
    sim::RandomStream rng = makeStream();
    for (auto _ : state)
        benchmark::DoNotOptimize(sim::Duration::fromSeconds(drawExp1(rng)));
    state.SetItemsProcessed(state.iterations());
}

} // namespace

BENCHMARK(BM_CalendarHold)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_CalendarHoldDraw)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_SimulationStep)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_SimulationStepDraw)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_SimulationRunBatch)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(BM_ExpDraw);

BENCHMARK_MAIN();
