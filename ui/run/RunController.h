#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

#include "models/RunResults.h"
#include "models/RunSnapshot.h"
#include "models/Topology.h"

#include <cstdint>
#include <memory>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace asyncsim::ui {

class RunWorker;

/// The live run, seen from the GUI thread (STYLE §5): owns the run thread
/// and its RunWorker, sends it commands, and hands on only the newest
/// snapshot of the current run, on a refresh timer (never a backlog).
/// Snapshots of an older generation (before a Reset or a new Run) are dropped.
class RunController : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Running, Paused, Finished };
    Q_ENUM(State)

    explicit RunController(QObject *parent = nullptr);
    /// Stops the run and waits for its thread.
    ~RunController() override;

    State state() const { return m_state; }
    /// Whether a run exists (started and not reset): Running, Paused or Finished.
    bool hasRun() const { return m_state != State::Idle; }
    /// The topology of the current run, as copied at its start.
    const models::Topology &topology() const { return m_topology; }
    /// The generation of the current run; snapshots of any other are stale.
    std::uint64_t generation() const { return m_generation; }
    /// The newest snapshot handed on (null before the first and after Reset).
    const std::shared_ptr<const models::RunSnapshot> &latestSnapshot() const { return m_latest; }
    /// The results of the last run that reached its end.
    const std::optional<models::RunResults> &lastResults() const { return m_results; }
    /// Simulated events per wall second, over the last snapshots.
    double eventsPerSecond() const { return m_eventsPerSecond; }
    /// Simulated seconds per wall second; 0: as fast as possible.
    double speed() const { return m_speed; }

    /// @name Controls
    /// @{
    /// Starts a new run of @p topology (validated), replacing any, running
    /// unless @p paused.
    void start(const models::Topology &topology, bool paused = false);
    /// Continues a paused run.
    void resume();
    void pause();
    /// Fires exactly one event.
    void stepEvent();
    /// Runs one sample interval of simulated time.
    void stepInterval();
    /// Runs until simulated time @p t (or the end), then pauses.
    void runUntil(sim::Time t);
    /// Forgets the run: overlays and numbers go, state Idle.
    void reset();
    void setSpeed(double speed);
    /// Applies the live-editable parameters of @p topology (the running
    /// topology with new workers, rates or capacities) to the running
    /// simulation; topology() becomes @p topology.
    void reconfigure(const models::Topology &topology);
    /// @}

    /// Takes a snapshot from the worker: kept if it belongs to the current
    /// generation, to be handed on at the next refresh; one not yet handed
    /// on is replaced, its log entries carried over. (Public for tests.)
    void acceptSnapshot(std::shared_ptr<const models::RunSnapshot> snapshot);
    /// Hands on the pending snapshot now, if any (the refresh timer does this).
    void refresh();

Q_SIGNALS:
    void runStarted(const asyncsim::models::Topology &topology);
    /// The newest snapshot of the current run (applied at most ~30 times a second).
    void snapshotReady(std::shared_ptr<const asyncsim::models::RunSnapshot> snapshot);
    void runFinished();
    void runReset();
    void stateChanged(asyncsim::ui::RunController::State state);

private:
    void setState(State state);
    void onFinished(std::uint64_t generation, std::shared_ptr<const models::RunResults> results);
    void onWorkerPaused(std::uint64_t generation);
    /// Runs @p command on the worker's thread, after the commands sent before.
    template <typename F> void send(F command);

    QThread m_thread;
    RunWorker *m_worker; // lives on m_thread; deleted when it finishes
    QTimer *m_refreshTimer;
    State m_state = State::Idle;
    std::uint64_t m_generation = 0;
    double m_speed = 1.0;
    models::Topology m_topology;
    std::shared_ptr<const models::RunSnapshot> m_pending;
    std::shared_ptr<const models::RunSnapshot> m_latest;
    std::optional<models::RunResults> m_results;
    // Events per second: measured between handed-on snapshots.
    QElapsedTimer m_rateClock;
    std::uint64_t m_rateEvents = 0;
    double m_eventsPerSecond = 0;
};

} // namespace asyncsim::ui
