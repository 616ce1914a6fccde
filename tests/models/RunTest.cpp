// Driving a run: stepping event by event (as the GUI will) gives exactly what
// running straight through gives (as the CLI does); horizons and drained runs.

#include "TestTopologies.h"

#include "models/ResultsJson.h"
#include "models/TopologyJson.h"

#include <algorithm>
#include <cmath>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

Topology checkout()
{
    return loadTopologyFile(std::string(ASYNCSIM_SOURCE_DIR) + "/resources/examples/checkout.json");
}

} // namespace

TEST(ModelRun, SteppingGivesTheSameResultsAsRunningThrough)
{
    const Topology t = checkout();
    models::Run stepped(t);
    std::uint64_t steps = 0;
    while (!stepped.isFinished())
        steps += stepped.step() ? 1 : 0;
    const RunResults a = stepped.finish();
    const RunResults b = Run::execute(t);
    EXPECT_EQ(steps, a.events);
    EXPECT_EQ(resultsToJson(a), resultsToJson(b));
}

TEST(ModelRun, SlicesGiveTheSameResultsAsOneGo)
{
    // The CLI advances in slices to draw its progress bar; slicing must not
    // change anything.
    const Topology t = checkout();
    models::Run sliced(t);
    while (!sliced.isFinished())
        sliced.advanceTo(sliced.now() + sim::Duration::milliseconds(1234));
    EXPECT_EQ(resultsToJson(sliced.finish()), resultsToJson(Run::execute(t)));
}

TEST(ModelRun, EndsAtTheHorizonEvenWhenTrafficStops)
{
    // The rate drops to zero for good after 10 s; the run still covers its
    // 100 s, so the busy fraction is averaged over all of them.
    Topology t
        = topology({producer("in", 10, ArrivalProcess::Constant), service("s", 1, sim::Distribution::constant(0.05))},
                   {publish("in", "s")}, 100);
    std::get<ProducerSpec>(t.nodes[0].params).profile = {{sim::Duration::seconds(10), 0, false}};
    const RunResults r = runChecked(t, 1);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 100);
    EXPECT_EQ(r.ledger.produced, 100u); // at 0.1, 0.2, ..., 10.0
    EXPECT_NEAR(r.node("s").utilisation, 100 * 0.05 / 100, 1e-12);
}

TEST(ModelRun, DrainedRunEndsWithItsLastEvent)
{
    Topology t
        = topology({producer("in", 1, ArrivalProcess::Constant), service("s", 1, sim::Distribution::constant(0.5))},
                   {publish("in", "s")}, 1e6);
    std::get<ProducerSpec>(t.nodes[0].params).limit = 3;
    const RunResults r = runChecked(t, 1);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 3.5); // arrivals at 1, 2, 3; the last leaves at 3.5
    EXPECT_DOUBLE_EQ(r.node("s").utilisation, 1.5 / 3.5);
}

TEST(ModelRun, StepStopsAtTheHorizon)
{
    Topology t = topology({producer("in", 1, ArrivalProcess::Constant), sink("out")}, {publish("in", "out")}, 2.5);
    models::Run run(t);
    int fired = 0;
    while (!run.isFinished())
        fired += run.step() ? 1 : 0;
    EXPECT_EQ(fired, 2); // arrivals at 1 and 2; the one at 3 is beyond the horizon
    EXPECT_EQ(run.now(), sim::Time::fromSeconds(2.5));
    EXPECT_FALSE(run.step());
    const RunResults r = run.finish();
    EXPECT_EQ(r.ledger.produced, 2u);
    EXPECT_DOUBLE_EQ(r.simulatedTime, 2.5);
}

TEST(ModelRun, WarmupDiscardsEarlyStatisticsButNotTheLedger)
{
    // Constant arrivals every second into a sink, warm-up 10 s of 100 s. The
    // measured period [10, 100] is closed at both ends (the warm-up reset was
    // scheduled before the arrival at 10, and events at the horizon run), so
    // the sink counts the 91 arrivals at 10, 11, ..., 100; the ledger all 100.
    Topology t = topology({producer("in", 1, ArrivalProcess::Constant), sink("out")}, {publish("in", "out")}, 100, 10);
    const RunResults r = runChecked(t, 1);
    EXPECT_EQ(r.ledger.produced, 100u);
    EXPECT_EQ(r.node("out").arrivals, 91u);
    EXPECT_DOUBLE_EQ(r.node("out").throughput, 91.0 / 90);
    EXPECT_DOUBLE_EQ(r.warmup, 10);
}

TEST(ModelRun, CsvQuotesNodeIdsThatNeedIt)
{
    Topology t = topology({producer("in", 1, ArrivalProcess::Constant), sink("say \"hi\", then go")},
                          {publish("in", "say \"hi\", then go")}, 3);
    const std::string csv = seriesToCsv(runChecked(t, 1));
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "time,in.produced,\"say \"\"hi\"\", then go.throughput\",\"say \"\"hi\"\", then go.latency\"");
}

TEST(ModelRun, LatencySeriesIsTheMeanEndToEndLatencyOfEachInterval)
{
    // One message a second (at 1, 2, ...), 0.25 s of service: each ends its
    // flow at the sink 0.25 s after it was made. With 0.5 s intervals, the
    // intervals [k, k + 0.5) hold one completion (k ≥ 1) and the others none.
    Topology t = topology(
        {producer("in", 1, ArrivalProcess::Constant), service("s", 1, sim::Distribution::constant(0.25)), sink("out")},
        {publish("in", "s"), publish("s", "out")}, 4);
    t.simulation.sampleInterval = sim::Duration::fromSeconds(0.5);
    const RunResults r = runChecked(t, 1);
    const auto latency = std::find_if(r.series.begin(), r.series.end(),
                                      [](const SeriesResults &s) { return s.quantity == "latency"; });
    ASSERT_NE(latency, r.series.end());
    EXPECT_EQ(latency->node, "out") << "the flow ends at the sink";
    ASSERT_EQ(latency->points.size(), 8u);
    for (std::size_t i = 0; i < 8; ++i) {
        if (i >= 2 && i % 2 == 0)
            EXPECT_DOUBLE_EQ(latency->points[i], 0.25) << "interval " << i;
        else
            EXPECT_TRUE(std::isnan(latency->points[i])) << "interval " << i << ": nothing ended in it";
    }
    EXPECT_EQ(
        std::count_if(r.series.begin(), r.series.end(), [](const SeriesResults &s) { return s.quantity == "latency"; }),
        1)
        << "no flow ends at the service";
    // CSV leaves an interval without a mean empty; JSON writes null.
    const std::string csv = seriesToCsv(r);
    EXPECT_NE(csv.find("\n1.5,0,0,0,0,0,\n"), std::string::npos) << csv;
    EXPECT_NE(resultsToJson(r).find("\"quantity\":\"latency\",\"points\":[null,null,0.25,null"), std::string::npos);
}
