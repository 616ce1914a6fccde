#include "RunController.h"

#include "RunWorker.h"

#include <QMetaObject>
#include <QTimer>

namespace asyncsim::ui {

namespace {

// The refresh looks for a new snapshot twice per snapshot interval, so one
// is applied soon after it arrives (at most ~30 a second: the worker's rate).
constexpr int RefreshMs = 15;
// Events per second are averaged over at least this much wall time.
constexpr qint64 RateWindowMs = 500;

} // namespace

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_worker(new RunWorker)
    , m_refreshTimer(new QTimer(this))
{
    qRegisterMetaType<std::shared_ptr<const models::RunSnapshot>>();
    qRegisterMetaType<std::shared_ptr<const models::RunResults>>();
    qRegisterMetaType<std::uint64_t>("std::uint64_t");

    m_thread.setObjectName("asyncsim-run");
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &RunWorker::snapshotReady, this, &RunController::acceptSnapshot);
    connect(m_worker, &RunWorker::finished, this, &RunController::onFinished);
    connect(m_worker, &RunWorker::paused, this, &RunController::onWorkerPaused);
    m_thread.start();

    m_refreshTimer->setInterval(RefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &RunController::refresh);
}

RunController::~RunController()
{
    m_worker->requestStop();
    m_thread.quit();
    m_thread.wait();
}

template <typename F> void RunController::send(F command)
{
    QMetaObject::invokeMethod(m_worker, std::move(command), Qt::QueuedConnection);
}

void RunController::start(const models::Topology &topology, bool paused)
{
    ++m_generation;
    m_topology = topology;
    m_pending.reset();
    m_latest.reset();
    m_eventsPerSecond = 0;
    m_rateClock.invalidate();
    m_worker->requestStop();
    RunWorker *worker = m_worker;
    send([worker, topology, generation = m_generation] { worker->start(topology, generation); });
    if (!paused)
        send([worker] { worker->resume(); });
    m_refreshTimer->start();
    Q_EMIT runStarted(m_topology);
    setState(paused ? State::Paused : State::Running);
}

void RunController::resume()
{
    if (m_state != State::Paused)
        return;
    RunWorker *worker = m_worker;
    send([worker] { worker->resume(); });
    setState(State::Running);
}

void RunController::pause()
{
    if (m_state != State::Running)
        return;
    m_worker->requestStop();
    RunWorker *worker = m_worker;
    send([worker] { worker->pause(); });
    setState(State::Paused);
}

void RunController::stepEvent()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_worker->requestStop();
    RunWorker *worker = m_worker;
    send([worker] { worker->stepEvent(); });
    setState(State::Paused);
}

void RunController::stepInterval()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_worker->requestStop();
    RunWorker *worker = m_worker;
    send([worker] { worker->stepInterval(); });
    setState(State::Running);
}

void RunController::runUntil(sim::Time t)
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_worker->requestStop();
    RunWorker *worker = m_worker;
    send([worker, t] { worker->resume(t); });
    setState(State::Running);
}

void RunController::reset()
{
    if (m_state == State::Idle)
        return;
    ++m_generation; // whatever the worker still sends is stale from here
    m_worker->requestStop();
    RunWorker *worker = m_worker;
    send([worker] { worker->reset(); });
    m_refreshTimer->stop();
    m_pending.reset();
    m_latest.reset();
    m_eventsPerSecond = 0;
    Q_EMIT runReset();
    setState(State::Idle);
}

void RunController::setSpeed(double speed)
{
    m_speed = speed;
    RunWorker *worker = m_worker;
    send([worker, speed] { worker->setSpeed(speed); });
}

void RunController::reconfigure(const models::Topology &topology)
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_topology = topology; // what runs from now on
    RunWorker *worker = m_worker;
    send([worker, topology] { worker->reconfigure(topology); });
}

void RunController::acceptSnapshot(std::shared_ptr<const models::RunSnapshot> snapshot)
{
    if (!snapshot || snapshot->runGeneration != m_generation || m_state == State::Idle)
        return;
    if (m_pending && !m_pending->log.empty()) {
        // The newer one replaces it unseen: carry its log entries over, so
        // the event log misses nothing (levels and counters are simply newer).
        auto merged = std::make_shared<models::RunSnapshot>(*snapshot);
        merged->log.insert(merged->log.begin(), m_pending->log.begin(), m_pending->log.end());
        snapshot = std::move(merged);
    }
    m_pending = std::move(snapshot);
}

void RunController::refresh()
{
    if (!m_pending)
        return;
    if (!m_rateClock.isValid()) {
        m_rateClock.start();
        m_rateEvents = m_pending->events;
    } else if (m_rateClock.elapsed() >= RateWindowMs) {
        const double seconds = static_cast<double>(m_rateClock.nsecsElapsed()) * 1e-9;
        m_eventsPerSecond = static_cast<double>(m_pending->events - m_rateEvents) / seconds;
        m_rateClock.start();
        m_rateEvents = m_pending->events;
    }
    m_latest = std::move(m_pending);
    m_pending.reset();
    Q_EMIT snapshotReady(m_latest);
}

void RunController::onFinished(std::uint64_t generation, std::shared_ptr<const models::RunResults> results)
{
    if (generation != m_generation || m_state == State::Idle)
        return;
    m_results = *results;
    refresh();
    m_refreshTimer->stop();
    setState(State::Finished);
    Q_EMIT runFinished();
}

void RunController::onWorkerPaused(std::uint64_t generation)
{
    if (generation != m_generation || m_state != State::Running)
        return;
    refresh();
    setState(State::Paused);
}

void RunController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace asyncsim::ui
