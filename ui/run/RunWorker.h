#pragma once

#include <QElapsedTimer>
#include <QObject>

#include "models/RunLog.h"
#include "models/RunResults.h"
#include "models/RunSnapshot.h"
#include "models/Topology.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace asyncsim::models {
class Run;
}

namespace asyncsim::ui {

/// Runs one models::Run on the run thread (STYLE §5): events in slices of
/// about 16 ms of wall time, paced by the playback speed or flat out, with
/// the thread's event loop (and so the controller's queued commands) served
/// between slices. Snapshots go out at most ~30 times a second, and at once
/// after a pause, a step or the end. Every public slot runs on the worker's
/// thread (the controller invokes them queued); only the stop flag is shared.
class RunWorker : public QObject
{
    Q_OBJECT

public:
    explicit RunWorker(QObject *parent = nullptr);
    ~RunWorker() override;

    /// Asks a slice in progress to return at once; set from any thread. The
    /// next command clears it.
    void requestStop() { m_stopRequested.store(true, std::memory_order_relaxed); }

    /// @name Commands (worker thread)
    /// @{
    /// Builds a run of @p topology (validated) for @p generation, paused at
    /// time zero, and reports its first snapshot.
    void start(const models::Topology &topology, std::uint64_t generation);
    /// Runs (paced or flat out) until the end, @p until if given, or a pause.
    void resume(std::optional<sim::Time> until = std::nullopt);
    void pause();
    /// Fires exactly one event (or, with none left before the horizon, ends the run).
    void stepEvent();
    /// Runs one sample interval of simulated time, then pauses.
    void stepInterval();
    /// Simulated seconds per wall second; 0 runs as fast as possible.
    void setSpeed(double speed);
    /// Applies the live-editable parameters of @p topology (Run::reconfigure).
    void reconfigure(const models::Topology &topology);
    /// Forgets the run.
    void reset();
    /// @}

Q_SIGNALS:
    void snapshotReady(std::shared_ptr<const asyncsim::models::RunSnapshot> snapshot);
    /// The run reached its end: its results (Run::finish()).
    void finished(std::uint64_t generation, std::shared_ptr<const asyncsim::models::RunResults> results);
    /// The worker paused by itself (a run-until time or an interval reached).
    void paused(std::uint64_t generation);

private:
    void play(std::optional<sim::Time> until, bool flatOut);
    void runSlice();
    void scheduleSlice(int delayMs);
    /// Runs events due by @p target, for at most @p budgetNs of wall time;
    /// false if it stopped for the budget or the stop flag.
    bool runEventsUntil(sim::Time target, std::int64_t budgetNs);
    void emitSnapshot();
    void finishIfDone();
    void anchorPace();

    std::unique_ptr<models::Run> m_run;
    models::RunLog m_log;
    std::uint64_t m_logSeen = 0; // entries already sent
    std::uint64_t m_generation = 0;
    bool m_running = false;
    std::optional<sim::Time> m_until; // pause when the clock gets there
    double m_speed = 1.0;             // 0: as fast as possible
    bool m_flatOut = false;           // this stretch ignores the speed (a step of an interval)
    bool m_finishedReported = false;
    // Pacing: the simulated time at m_anchorWall's start.
    QElapsedTimer m_anchorWall;
    sim::Time m_anchorSim;
    QElapsedTimer m_sinceSnapshot;
    QTimer *m_sliceTimer = nullptr; // created on the worker's thread
    std::atomic<bool> m_stopRequested{false};
};

} // namespace asyncsim::ui
