// The live run through RunController: the same results as a headless run,
// pause, step and reset, stale snapshots ignored, live reconfiguration.
#include "ui/run/RunController.h"
#include "ui/files/ExampleCatalog.h"

#include <QSignalSpy>
#include <QTest>

#include "models/ResultsJson.h"
#include "models/Run.h"

#include <gtest/gtest.h>

#include <functional>

using namespace asyncsim;
using namespace asyncsim::ui;
using State = RunController::State;

namespace {

models::Topology example(const QString &fileName)
{
    return ExampleCatalog::load(*ExampleCatalog::find(fileName));
}

/// Serves the GUI thread's events until @p done or @p ms pass.
bool waitFor(const std::function<bool()> &done, int ms = 30000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > ms)
            return false;
        QTest::qWait(5);
    }
    return true;
}

} // namespace

TEST(RunController, RunsToTheSameResultsAsAHeadlessRun)
{
    for (const char *file : {"redelivery-and-dead-letters.json", "checkout.json", "kafka-consumer-groups.json"}) {
        const models::Topology topology = example(file);
        RunController controller;
        controller.setSpeed(0);
        QSignalSpy finished(&controller, &RunController::runFinished);
        controller.start(topology);
        ASSERT_TRUE(waitFor([&] { return finished.count() == 1; }, 120000)) << file;
        EXPECT_EQ(controller.state(), State::Finished);
        ASSERT_TRUE(controller.lastResults().has_value());
        EXPECT_EQ(models::resultsToJson(*controller.lastResults()),
                  models::resultsToJson(models::Run::execute(topology)))
            << file;
        ASSERT_TRUE(controller.latestSnapshot());
        EXPECT_TRUE(controller.latestSnapshot()->finished);
        EXPECT_EQ(controller.latestSnapshot()->events, controller.lastResults()->events);
    }
}

TEST(RunController, SlicedAndSteppedRunsGiveTheSameResults)
{
    // Paced at ×1000 with steps and intervals in between: the slices differ,
    // the results must not.
    const models::Topology topology = example("checkout.json");
    RunController controller;
    controller.setSpeed(1000);
    QSignalSpy finished(&controller, &RunController::runFinished);
    controller.start(topology, true);
    for (int i = 0; i < 5; ++i)
        controller.stepEvent();
    controller.stepInterval();
    ASSERT_TRUE(waitFor([&] { return controller.state() == State::Paused; }));
    controller.runUntil(sim::Time::fromSeconds(100));
    ASSERT_TRUE(waitFor([&] { return controller.state() == State::Paused; }));
    controller.refresh();
    ASSERT_TRUE(controller.latestSnapshot());
    EXPECT_EQ(controller.latestSnapshot()->now, sim::Time::fromSeconds(100));
    controller.setSpeed(0);
    controller.resume();
    ASSERT_TRUE(waitFor([&] { return finished.count() == 1; }, 120000));
    EXPECT_EQ(models::resultsToJson(*controller.lastResults()), models::resultsToJson(models::Run::execute(topology)));
}

TEST(RunController, StepFiresExactlyOneEvent)
{
    RunController controller;
    controller.start(example("checkout.json"), true);
    EXPECT_EQ(controller.state(), State::Paused);
    ASSERT_TRUE(waitFor([&] {
        controller.refresh();
        return controller.latestSnapshot() != nullptr;
    }));
    EXPECT_EQ(controller.latestSnapshot()->events, 0u);
    for (std::uint64_t n = 1; n <= 3; ++n) {
        controller.stepEvent();
        ASSERT_TRUE(waitFor([&] {
            controller.refresh();
            return controller.latestSnapshot()->events == n;
        }));
        QTest::qWait(30);
        controller.refresh();
        EXPECT_EQ(controller.latestSnapshot()->events, n) << "no more than one event per step";
        EXPECT_EQ(controller.state(), State::Paused);
    }
}

TEST(RunController, PauseStopsTheClock)
{
    RunController controller;
    controller.setSpeed(1);
    controller.start(example("checkout.json"));
    EXPECT_EQ(controller.state(), State::Running);
    ASSERT_TRUE(waitFor(
        [&] { return controller.latestSnapshot() && controller.latestSnapshot()->now > sim::Time::fromSeconds(0.2); }));
    controller.pause();
    EXPECT_EQ(controller.state(), State::Paused);
    QTest::qWait(100);
    controller.refresh();
    const sim::Time pausedAt = controller.latestSnapshot()->now;
    QTest::qWait(300);
    controller.refresh();
    EXPECT_EQ(controller.latestSnapshot()->now, pausedAt);
    // Played at ×1: about as much simulated time as wall time went by.
    EXPECT_LT(pausedAt.toSeconds(), 5.0);
}

TEST(RunController, ResetForgetsTheRunAndIgnoresItsStaleSnapshots)
{
    RunController controller;
    QSignalSpy resets(&controller, &RunController::runReset);
    QSignalSpy snapshots(&controller, &RunController::snapshotReady);
    controller.start(example("checkout.json"), true);
    ASSERT_TRUE(waitFor([&] {
        controller.refresh();
        return controller.latestSnapshot() != nullptr;
    }));
    const std::shared_ptr<const models::RunSnapshot> old = controller.latestSnapshot();
    controller.reset();
    EXPECT_EQ(resets.count(), 1);
    EXPECT_EQ(controller.state(), State::Idle);
    EXPECT_FALSE(controller.latestSnapshot());
    const int before = snapshots.count();
    // A snapshot of the old generation still on its way is dropped.
    controller.acceptSnapshot(old);
    controller.refresh();
    QTest::qWait(50);
    EXPECT_FALSE(controller.latestSnapshot());
    EXPECT_EQ(snapshots.count(), before);

    // A new run: its own generation, its snapshots go through.
    controller.start(example("checkout.json"), true);
    EXPECT_GT(controller.generation(), old->runGeneration);
    controller.acceptSnapshot(old);
    controller.refresh();
    EXPECT_TRUE(!controller.latestSnapshot() || controller.latestSnapshot()->runGeneration == controller.generation());
    ASSERT_TRUE(waitFor([&] {
        controller.refresh();
        return controller.latestSnapshot() != nullptr;
    }));
    EXPECT_EQ(controller.latestSnapshot()->runGeneration, controller.generation());
}

TEST(RunController, ReconfigureChangesWorkersOfTheRunningSimulation)
{
    const models::Topology topology = example("checkout.json");
    const int payments = topology.nodeIndex("payments");
    ASSERT_GE(payments, 0);
    RunController controller;
    controller.start(topology, true);
    models::Topology changed = topology;
    std::get<models::ServiceSpec>(changed.nodes[static_cast<std::size_t>(payments)].params).workers = 17;
    controller.reconfigure(changed);
    controller.stepEvent();
    ASSERT_TRUE(waitFor([&] {
        controller.refresh();
        return controller.latestSnapshot() && controller.latestSnapshot()->events == 1;
    }));
    EXPECT_EQ(controller.latestSnapshot()->nodes[static_cast<std::size_t>(payments)].workers, 17);
    EXPECT_EQ(controller.topology(), changed);
}

TEST(RunController, ASnapshotReplacedUnseenPassesItsLogOn)
{
    RunController controller;
    controller.start(example("checkout.json"), true);
    ASSERT_TRUE(waitFor([&] {
        controller.refresh();
        return controller.latestSnapshot() != nullptr;
    }));
    auto first = std::make_shared<models::RunSnapshot>();
    first->runGeneration = controller.generation();
    first->events = 10;
    first->log.push_back({sim::Time::fromSeconds(1), models::RunLogKind::WarmupEnded, -1, -1, "a"});
    auto second = std::make_shared<models::RunSnapshot>();
    second->runGeneration = controller.generation();
    second->events = 20;
    second->log.push_back({sim::Time::fromSeconds(2), models::RunLogKind::Redriven, 3, -1, "b"});
    controller.acceptSnapshot(first);
    controller.acceptSnapshot(second);
    controller.refresh();
    const auto &latest = controller.latestSnapshot();
    EXPECT_EQ(latest->events, 20u);
    ASSERT_EQ(latest->log.size(), 2u);
    EXPECT_EQ(latest->log[0].text, "a");
    EXPECT_EQ(latest->log[1].text, "b");
}
