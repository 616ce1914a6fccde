#include "RunWorker.h"

#include "models/Run.h"

#include <QTimer>

#include <algorithm>

namespace asyncsim::ui {

namespace {

// Wall time of one slice: about a frame at 60 Hz, so commands wait no longer.
constexpr std::int64_t SliceNs = 16'000'000;
// Snapshots: at most about 30 a second.
constexpr qint64 SnapshotMs = 33;
// While paced and ahead of the clock, look again after this long.
constexpr int PacedWaitMs = 5;

} // namespace

RunWorker::RunWorker(QObject *parent)
    : QObject(parent)
{ }

RunWorker::~RunWorker() = default;

void RunWorker::start(const models::Topology &topology, std::uint64_t generation)
{
    m_stopRequested = false;
    if (!m_sliceTimer) {
        // Created here, on the worker's thread, so its events arrive here.
        m_sliceTimer = new QTimer(this);
        m_sliceTimer->setSingleShot(true);
        connect(m_sliceTimer, &QTimer::timeout, this, &RunWorker::runSlice);
    }
    m_sliceTimer->stop();
    m_log = models::RunLog();
    m_logSeen = 0;
    m_generation = generation;
    m_running = false;
    m_until.reset();
    m_flatOut = false;
    m_finishedReported = false;
    m_run = std::make_unique<models::Run>(topology);
    m_run->setLog(&m_log);
    emitSnapshot();
}

void RunWorker::resume(std::optional<sim::Time> until)
{
    play(until, false);
}

void RunWorker::play(std::optional<sim::Time> until, bool flatOut)
{
    m_stopRequested = false;
    if (!m_run || m_run->isFinished())
        return;
    m_until = until;
    m_flatOut = flatOut;
    m_running = true;
    anchorPace();
    scheduleSlice(0);
}

void RunWorker::pause()
{
    m_stopRequested = false;
    if (m_sliceTimer)
        m_sliceTimer->stop();
    if (!m_run || !m_running)
        return;
    m_running = false;
    emitSnapshot();
}

void RunWorker::stepEvent()
{
    m_stopRequested = false;
    if (m_sliceTimer)
        m_sliceTimer->stop();
    m_running = false;
    if (!m_run || m_run->isFinished())
        return;
    m_run->step();
    emitSnapshot();
    finishIfDone();
}

void RunWorker::stepInterval()
{
    if (m_run)
        play(m_run->now() + m_run->sampleInterval(), true);
}

void RunWorker::setSpeed(double speed)
{
    m_speed = std::max(speed, 0.0);
    anchorPace();
}

void RunWorker::reconfigure(const models::Topology &topology)
{
    if (m_run && !m_run->isFinished())
        m_run->reconfigure(topology);
}

void RunWorker::reset()
{
    m_stopRequested = false;
    if (m_sliceTimer)
        m_sliceTimer->stop();
    m_running = false;
    m_until.reset();
    m_run.reset();
}

void RunWorker::anchorPace()
{
    m_anchorWall.start();
    if (m_run)
        m_anchorSim = m_run->now();
}

void RunWorker::scheduleSlice(int delayMs)
{
    if (m_sliceTimer)
        m_sliceTimer->start(delayMs);
}

bool RunWorker::runEventsUntil(sim::Time target, std::int64_t budgetNs)
{
    QElapsedTimer wall;
    wall.start();
    std::uint32_t fired = 0;
    while (!m_stopRequested.load(std::memory_order_relaxed)) {
        if (m_run->isFinished())
            return true;
        if (m_run->nextEventTime() > target) {
            // No event left before it: only the clock moves (never back:
            // a run-until time may already be past).
            if (target > m_run->now())
                m_run->advanceTo(target);
            return true;
        }
        m_run->step();
        // Reading the clock costs more than a small event: look every 64.
        if ((++fired & 63) == 0 && wall.nsecsElapsed() > budgetNs)
            return false;
    }
    return false;
}

void RunWorker::runSlice()
{
    if (!m_run || !m_running || m_stopRequested.load(std::memory_order_relaxed))
        return;
    sim::Time target = m_run->horizon();
    if (m_until)
        target = std::min(target, *m_until);
    const bool paced = m_speed > 0 && !m_flatOut;
    if (paced) {
        const double playedSeconds = static_cast<double>(m_anchorWall.nsecsElapsed()) * 1e-9 * m_speed;
        target = std::min(target, m_anchorSim + sim::Duration::fromSeconds(playedSeconds));
    }
    // End the slice when the next snapshot is due, so snapshots keep their
    // ~30 Hz instead of waiting for the end of a later slice.
    std::int64_t budget = SliceNs;
    if (m_sinceSnapshot.isValid())
        budget = std::clamp<std::int64_t>(SnapshotMs * 1'000'000 - m_sinceSnapshot.nsecsElapsed(), 1'000'000, SliceNs);
    const bool reached = runEventsUntil(target, budget);
    // Behind the playback clock: play on from here rather than race to catch up.
    if (paced && !reached)
        anchorPace();

    if (m_run->isFinished()) {
        finishIfDone();
        return;
    }
    if (m_until && m_run->now() >= *m_until) {
        m_running = false;
        m_until.reset();
        m_flatOut = false;
        emitSnapshot();
        Q_EMIT paused(m_generation);
        return;
    }
    if (!m_sinceSnapshot.isValid() || m_sinceSnapshot.elapsed() >= SnapshotMs)
        emitSnapshot();
    scheduleSlice(paced && reached ? PacedWaitMs : 0);
}

void RunWorker::emitSnapshot()
{
    if (!m_run)
        return;
    auto snapshot = std::make_shared<models::RunSnapshot>(m_run->snapshot());
    snapshot->runGeneration = m_generation;
    snapshot->log = m_log.since(m_logSeen);
    m_logSeen = m_log.total();
    m_sinceSnapshot.start();
    Q_EMIT snapshotReady(std::move(snapshot));
}

void RunWorker::finishIfDone()
{
    if (!m_run->isFinished() || m_finishedReported)
        return;
    m_running = false;
    m_until.reset();
    m_flatOut = false;
    auto results = std::make_shared<const models::RunResults>(m_run->finish());
    m_finishedReported = true;
    emitSnapshot();
    Q_EMIT finished(m_generation, std::move(results));
}

} // namespace asyncsim::ui
