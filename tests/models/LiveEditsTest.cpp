// Edits made while a run goes on (the GUI's Run::reconfigure): faults
// switched on and off take effect at once; a switched-off fault in a file is
// kept but never applied. (Breaker edits: CallScenariosTest and CircuitBreakerTest.)

#include "TestTopologies.h"

#include "models/Run.h"
#include "models/TopologyJson.h"

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

// One message a second (at 1, 2, ..., 10 s) published to a service of 100 ms;
// an outage of the service from 0 s to the end, switched off in the file.
Topology outageSwitchedOff()
{
    Topology t = topology(
        {producer("in", 1, ArrivalProcess::Constant), service("s", 1, sim::Distribution::constant(0.1)), sink("out")},
        {publish("in", "s"), publish("s", "out")}, 10);
    FaultSpec outage;
    outage.target = "s";
    outage.kind = FaultKind::Outage;
    outage.enabled = false;
    t.faults.push_back(outage);
    return t;
}

} // namespace

TEST(LiveEdits, ASwitchedOffFaultIsNotApplied)
{
    const RunResults r = models::Run::execute(outageSwitchedOff());
    EXPECT_EQ(r.ledger.dropped.count("unavailable"), 0u);
    EXPECT_EQ(r.ledger.completed, 9u); // the message of 10 s is still in service at the end
    EXPECT_TRUE(r.ledger.balances());
}

TEST(LiveEdits, SwitchingAFaultOnAndOffTakesEffectAtOnce)
{
    // On at 3.5 s, inside its span: the service is out at once, so the
    // messages of 4 s and 5 s are refused (dropped, unavailable). Off at
    // 5.5 s: those of 6 s … 9 s complete; the one of 10 s is in service.
    Topology t = outageSwitchedOff();
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(3.5));
    t.faults[0].enabled = true;
    EXPECT_EQ(run.reconfigure(t), 1u);
    EXPECT_EQ(run.reconfigure(t), 0u) << "already on";
    run.advanceTo(sim::Time::fromSeconds(5.5));
    t.faults[0].enabled = false;
    EXPECT_EQ(run.reconfigure(t), 1u);
    run.runToEnd();
    const RunResults r = run.finish();
    EXPECT_EQ(r.ledger.dropped.at("unavailable"), 2u);
    EXPECT_EQ(r.ledger.completed, 7u);
    EXPECT_EQ(r.ledger.inFlight, 1u);
    EXPECT_TRUE(r.ledger.balances());
}

TEST(LiveEdits, SwitchingOnAFaultThatHasNotBegunSchedulesItAsInTheFile)
{
    // An outage from 6.5 s for 2 s, switched on at 2 s: the messages of 7 s
    // and 8 s are refused, as if it had been on from the start.
    Topology t = outageSwitchedOff();
    t.faults[0].at = sim::Duration::fromSeconds(6.5);
    t.faults[0].duration = sim::Duration::seconds(2);
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(2));
    t.faults[0].enabled = true;
    EXPECT_EQ(run.reconfigure(t), 1u);
    run.runToEnd();
    const RunResults live = run.finish();
    t.faults[0].enabled = true;
    const RunResults fromFile = models::Run::execute(t);
    EXPECT_EQ(live.ledger.dropped.at("unavailable"), 2u);
    EXPECT_EQ(live.ledger.completed, fromFile.ledger.completed);
    EXPECT_EQ(live.ledger.dropped, fromFile.ledger.dropped);
}

TEST(LiveEdits, OtherFaultEditsWaitForTheNextRun)
{
    Topology t = outageSwitchedOff();
    models::Run run(t);
    run.advanceTo(sim::Time::fromSeconds(1.5));
    t.faults[0].enabled = true;
    t.faults[0].mode = OutageMode::Hang; // not only the switch: not live
    EXPECT_EQ(run.reconfigure(t), 0u);
    run.runToEnd();
    EXPECT_EQ(run.finish().ledger.dropped.count("unavailable"), 0u);
}

TEST(LiveEdits, TheSwitchIsWrittenOnlyWhenOff)
{
    Topology t = outageSwitchedOff();
    const std::string off = serializeTopology(t);
    EXPECT_NE(off.find("\"enabled\": false"), std::string::npos) << off;
    EXPECT_EQ(parseTopology(off), t);
    t.faults[0].enabled = true;
    EXPECT_EQ(serializeTopology(t).find("enabled"), std::string::npos);
}
