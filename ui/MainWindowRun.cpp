// The main window's Run menu, run toolbar and run status (the live run);
// the rest of the window is in MainWindow.cpp.
#include "MainWindow.h"

#include "TopologyDocument.h"
#include "canvas/TopologyScene.h"
#include "inspector/Inspector.h"
#include "problems/ProblemsPanel.h"
#include "run/LiveStatsView.h"
#include "run/LiveStyle.h"
#include "run/RunController.h"
#include "run/RunOverlay.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolBar>

#include "models/TopologyCheck.h"

#include <cmath>

namespace asyncsim::ui {

namespace {

// Playback speeds: simulated seconds per wall second; 0 runs flat out.
struct Speed
{
    const char *label;
    double factor;
};
constexpr Speed Speeds[] = {{"×0.1", 0.1}, {"×0.5", 0.5},   {"×1", 1},
                            {"×2", 2},     {"×5", 5},       {"×10", 10},
                            {"×100", 100}, {"×1000", 1000}, {"As fast as possible", 0}};
constexpr int DefaultSpeed = 5; // ×10: most examples run for minutes of simulated time

QString secondsText(double seconds)
{
    if (seconds < 60)
        return QString::number(seconds, 'f', seconds < 10 ? 3 : 2) + " s";
    const int whole = static_cast<int>(seconds);
    return QString("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QChar('0')) + QString(" min");
}

// Copies into @p running the parameters a running simulation can change
// from @p edited; true if @p edited differs in anything else (which waits
// for the next run). The canvas position never matters.
bool takeLiveParameters(models::NodeSpec &running, const models::NodeSpec &edited)
{
    if (running.kind() != edited.kind())
        return true;
    if (auto *s = std::get_if<models::ServiceSpec>(&running.params)) {
        const int workers = std::get<models::ServiceSpec>(edited.params).workers;
        if (workers >= 1)
            s->workers = workers;
    } else if (auto *p = std::get_if<models::ProducerSpec>(&running.params)) {
        const double rate = std::get<models::ProducerSpec>(edited.params).arrivals.rate;
        if (std::isfinite(rate) && rate >= 0)
            p->arrivals.rate = rate;
    } else if (auto *q = std::get_if<models::QueueSpec>(&running.params)) {
        q->capacity = std::get<models::QueueSpec>(edited.params).capacity;
    }
    models::NodeSpec compared = edited;
    compared.position = running.position;
    return !(compared == running);
}

// The same for an edge: a call edge's timeout, retry and breaker settings
// change live, as long as the retry and the breaker are neither added nor
// removed and the fallback stays (Run::reconfigure).
bool takeLiveParameters(models::EdgeSpec &running, const models::EdgeSpec &edited)
{
    if (running.mode == models::EdgeMode::Call && edited.mode == models::EdgeMode::Call
        && running.retry.has_value() == edited.retry.has_value()
        && running.circuitBreaker.has_value() == edited.circuitBreaker.has_value()
        && running.fallback == edited.fallback) {
        running.timeout = edited.timeout;
        running.retry = edited.retry;
        running.circuitBreaker = edited.circuitBreaker;
    }
    return !(running == edited);
}

// Faults switched on or off change the running simulation; any other edit
// of the timeline waits for the next run (true then).
bool takeLiveFaults(std::vector<models::FaultSpec> &running, const std::vector<models::FaultSpec> &edited)
{
    if (running.size() != edited.size())
        return true;
    bool other = false;
    for (std::size_t f = 0; f < running.size(); ++f) {
        models::FaultSpec same = edited[f];
        same.enabled = running[f].enabled;
        if (same == running[f])
            running[f].enabled = edited[f].enabled;
        else
            other = true;
    }
    return other;
}

} // namespace

QAction *MainWindow::runAction(const QString &name) const
{
    for (QAction *a :
         {m_runAction, m_pauseAction, m_stepEventAction, m_stepIntervalAction, m_resetAction, m_runUntilAction})
        if (a->objectName() == name)
            return a;
    return nullptr;
}

void MainWindow::createRunControls()
{
    m_runController = new RunController(this);
    m_runOverlay = new RunOverlay(m_runController, m_scene, this);
    m_liveStats = new LiveStatsView(m_runController, m_document);
    m_inspector->addLiveSection(m_liveStats);

    auto make
        = [this](const QString &name, const QString &text, const QKeySequence &key, const QString &icon, auto slot) {
              auto *action = new QAction(QIcon::fromTheme(icon), text, this);
              action->setObjectName(name);
              action->setShortcut(key);
              connect(action, &QAction::triggered, this, slot);
              return action;
          };
    m_runAction = make("run", tr("&Run"), QKeySequence(Qt::Key_F5), "media-playback-start", &MainWindow::runOrContinue);
    m_pauseAction = make("pause", tr("&Pause"), QKeySequence(Qt::Key_F6), "media-playback-pause",
                         [this] { m_runController->pause(); });
    m_stepEventAction
        = make("stepEvent", tr("Step One &Event"), QKeySequence(Qt::Key_F10), "go-next", &MainWindow::stepEvent);
    m_stepIntervalAction = make("stepInterval", tr("Step One &Interval"), QKeySequence(Qt::SHIFT | Qt::Key_F10),
                                "go-last", &MainWindow::stepInterval);
    m_runUntilAction
        = make("runUntil", tr("Run &Until…"), QKeySequence(Qt::CTRL | Qt::Key_F10), "go-jump", &MainWindow::runUntil);
    m_resetAction = make("reset", tr("Re&set"), QKeySequence(Qt::CTRL | Qt::Key_F5), "media-playback-stop",
                         [this] { m_runController->reset(); });

    m_speedCombo = new QComboBox(this);
    m_speedCombo->setObjectName("speedCombo");
    m_speedCombo->setToolTip(tr("Playback speed: simulated time per real second"));
    for (const Speed &s : Speeds)
        m_speedCombo->addItem(tr(s.label), s.factor);
    connect(m_speedCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_runController->setSpeed(m_speedCombo->itemData(index).toDouble()); });
    m_speedCombo->setCurrentIndex(DefaultSpeed);

    // The Run menu goes before Help.
    auto *menu = new QMenu(tr("&Run"), this);
    menu->addActions({m_runAction, m_pauseAction});
    menu->addSeparator();
    menu->addActions({m_stepEventAction, m_stepIntervalAction, m_runUntilAction});
    menu->addSeparator();
    menu->addAction(m_resetAction);
    const QList<QAction *> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.back(), menu);

    QToolBar *bar = addToolBar(tr("Run"));
    bar->setObjectName("runToolBar");
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({m_runAction, m_pauseAction, m_stepEventAction, m_stepIntervalAction, m_resetAction});
    bar->addWidget(m_speedCombo);

    m_clockLabel = new QLabel(this);
    m_clockLabel->setObjectName("runClock");
    m_eventRateLabel = new QLabel(this);
    m_eventRateLabel->setObjectName("runEventRate");
    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName("runProgress");
    m_progressBar->setRange(0, 1000);
    m_progressBar->setMaximumWidth(140);
    m_progressBar->setTextVisible(false);
    statusBar()->addPermanentWidget(m_clockLabel);
    statusBar()->addPermanentWidget(m_eventRateLabel);
    statusBar()->addPermanentWidget(m_progressBar);

    connect(m_runController, &RunController::stateChanged, this, &MainWindow::updateRunActions);
    connect(m_runController, &RunController::snapshotReady, this, &MainWindow::showRunStatus);
    connect(m_runController, &RunController::runReset, this, &MainWindow::showRunStatus);
    connect(m_runController, &RunController::runFinished, this, [this] {
        statusBar()->showMessage(tr("The run has ended: Run starts a new one"), 6000);
        // The inspector shows what the run measured beside the capacity check's prediction.
        if (const auto &results = m_runController->lastResults())
            m_document->setLastRun(*results, m_runController->topology());
    });
    connect(m_document, &TopologyDocument::componentChanged, this, &MainWindow::onEditDuringRun);
    connect(m_document, &TopologyDocument::linkChanged, this, &MainWindow::onEditDuringRun);
    connect(m_document, &TopologyDocument::settingsChanged, this, &MainWindow::onEditDuringRun);
    for (auto signal : {&TopologyDocument::componentAdded, &TopologyDocument::componentRemoved})
        connect(m_document, signal, this, &MainWindow::onStructureEditDuringRun);
    for (auto signal : {&TopologyDocument::linkAdded, &TopologyDocument::linkRemoved})
        connect(m_document, signal, this, &MainWindow::onStructureEditDuringRun);
    updateRunActions();
    showRunStatus();
}

bool MainWindow::startRun(bool paused)
{
    const models::Topology &topology = m_document->topology();
    if (models::hasErrors(models::checkTopology(topology))) {
        statusBar()->showMessage(tr("The topology has errors: fix those in Problems, then run"), 6000);
        if (auto *dock = qobject_cast<QDockWidget *>(m_problems->parentWidget())) {
            dock->show();
            dock->raise();
        }
        return false;
    }
    m_runController->start(topology, paused);
    return true;
}

void MainWindow::runOrContinue()
{
    switch (m_runController->state()) {
    case RunController::State::Paused:
        m_runController->resume();
        break;
    case RunController::State::Running:
        break;
    case RunController::State::Idle:
    case RunController::State::Finished:
        startRun(false);
        break;
    }
}

void MainWindow::stepEvent()
{
    if (m_runController->state() == RunController::State::Finished)
        return;
    if (m_runController->hasRun() || startRun(true))
        m_runController->stepEvent();
}

void MainWindow::stepInterval()
{
    if (m_runController->state() == RunController::State::Finished)
        return;
    if (m_runController->hasRun() || startRun(true))
        m_runController->stepInterval();
}

void MainWindow::runUntil()
{
    if (m_runController->state() == RunController::State::Finished)
        return;
    const models::Topology &topology = m_runController->hasRun() ? m_runController->topology() : m_document->topology();
    const double horizon = topology.simulation.duration.toSeconds();
    const double now = m_runController->latestSnapshot() ? m_runController->latestSnapshot()->now.toSeconds() : 0.0;
    bool ok = false;
    const double until = QInputDialog::getDouble(this, tr("Run Until"), tr("Simulated time (seconds):"),
                                                 std::min(horizon, now + horizon / 10), now, horizon, 3, &ok);
    if (!ok)
        return;
    if (m_runController->hasRun() || startRun(true))
        m_runController->runUntil(sim::Time::fromSeconds(until));
}

void MainWindow::updateRunActions()
{
    using State = RunController::State;
    const State state = m_runController->state();
    m_runAction->setText(state == State::Paused ? tr("&Continue") : tr("&Run"));
    m_runAction->setEnabled(state != State::Running);
    m_pauseAction->setEnabled(state == State::Running);
    m_stepEventAction->setEnabled(state != State::Finished);
    m_stepIntervalAction->setEnabled(state != State::Finished);
    m_runUntilAction->setEnabled(state != State::Finished);
    m_resetAction->setEnabled(state != State::Idle);
}

void MainWindow::showRunStatus()
{
    const auto &snapshot = m_runController->latestSnapshot();
    if (!m_runController->hasRun() || !snapshot) {
        m_clockLabel->setText(tr("Not running"));
        m_eventRateLabel->clear();
        m_progressBar->setValue(0);
        return;
    }
    m_clockLabel->setText(
        tr("t = %1 of %2").arg(secondsText(snapshot->now.toSeconds()), secondsText(snapshot->horizon.toSeconds())));
    const double rate = m_runController->eventsPerSecond();
    m_eventRateLabel->setText(m_runController->state() == RunController::State::Running
                                  ? tr("%1 events/s").arg(live::formatCount(static_cast<std::uint64_t>(rate)))
                                  : tr("%1 events").arg(live::formatCount(snapshot->events)));
    m_progressBar->setValue(static_cast<int>(std::lround(snapshot->progress * 1000)));
}

void MainWindow::onEditDuringRun()
{
    using State = RunController::State;
    if (m_runController->state() != State::Running && m_runController->state() != State::Paused)
        return;
    models::Topology running = m_runController->topology();
    bool waitsForNextRun = false;
    for (models::NodeSpec &node : running.nodes) {
        const ComponentId id = m_document->componentNamed(node.id);
        if (id == InvalidComponentId)
            continue; // renamed or removed: a structural change, reported as such
        waitsForNextRun = takeLiveParameters(node, m_document->node(id)) || waitsForNextRun;
    }
    for (models::EdgeSpec &edge : running.edges)
        for (LinkId id : m_document->linkIds()) {
            const models::EdgeSpec &edited = m_document->edge(id);
            if (edited.from == edge.from && edited.to == edge.to && edited.mode == edge.mode) {
                waitsForNextRun = takeLiveParameters(edge, edited) || waitsForNextRun;
                break;
            }
        }
    waitsForNextRun = takeLiveFaults(running.faults, m_document->topology().faults) || waitsForNextRun;
    if (!(running == m_runController->topology()))
        m_runController->reconfigure(running);
    if (waitsForNextRun)
        statusBar()->showMessage(tr("Workers, rates, capacities, call timeouts, retries, breaker thresholds and "
                                    "faults switched on or off change the running simulation; other changes take "
                                    "effect on the next run"),
                                 6000);
}

void MainWindow::onStructureEditDuringRun()
{
    if (m_runController->state() == RunController::State::Running
        || m_runController->state() == RunController::State::Paused)
        statusBar()->showMessage(tr("Added and removed nodes and edges take effect on the next run"), 6000);
}

} // namespace asyncsim::ui
