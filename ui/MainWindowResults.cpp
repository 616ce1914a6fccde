// The main window's results side: the charts and event-log docks fed by the
// run controller, the replications dialog, and exporting a report or results.

#include "MainWindow.h"

#include "ui/TopologyDocument.h"
#include "ui/canvas/TopologyScene.h"
#include "ui/canvas/TopologyView.h"
#include "ui/charts/ChartsPanel.h"
#include "ui/report/ReportExport.h"
#include "ui/results/ReplicationsDialog.h"
#include "ui/run/EventLogPanel.h"
#include "ui/run/RunController.h"

#include "models/Replications.h"
#include "models/ResultsJson.h"
#include "models/TopologyCheck.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStatusBar>
#include <QThread>

#include <atomic>

namespace asyncsim::ui {

namespace {

// The index of the node named @p id in @p topology, or -1.
int indexOfNode(const models::Topology &topology, const std::string &id)
{
    return topology.nodeIndex(id);
}

// The index of the edge @p from → @p to in @p topology, or -1.
int indexOfEdge(const models::Topology &topology, const std::string &from, const std::string &to)
{
    for (std::size_t i = 0; i < topology.edges.size(); ++i)
        if (topology.edges[i].from == from && topology.edges[i].to == to)
            return static_cast<int>(i);
    return -1;
}

bool writeText(const QString &path, const std::string &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

void MainWindow::createResultDocks()
{
    m_charts = new ChartsPanel(this);
    m_eventLog = new EventLogPanel(this);
    m_chartsDock = new QDockWidget(tr("Charts"), this);
    m_chartsDock->setObjectName("chartsDock");
    m_chartsDock->setWidget(m_charts);
    m_logDock = new QDockWidget(tr("Event Log"), this);
    m_logDock->setObjectName("eventLogDock");
    m_logDock->setWidget(m_eventLog);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    // Below the canvas, beside the problems and history tabs: the charts
    // take the width, the log sits next to them.
    if (auto *problems = findChild<QDockWidget *>("problemsDock"))
        splitDockWidget(problems, m_chartsDock, Qt::Horizontal);
    splitDockWidget(m_chartsDock, m_logDock, Qt::Horizontal);
    resizeDocks({m_chartsDock}, {300}, Qt::Vertical);

    connect(m_runController, &RunController::runStarted, this, [this](const models::Topology &topology) {
        m_charts->startRun(topology);
        m_eventLog->startRun(topology);
        focusChartsOnSelection(&topology);
        m_chartsDock->show();
        m_chartsDock->raise();
    });
    connect(m_runController, &RunController::snapshotReady, this,
            [this](std::shared_ptr<const models::RunSnapshot> snapshot) {
                m_charts->applySnapshot(*snapshot);
                m_eventLog->append(snapshot->log);
            });
    connect(m_runController, &RunController::runReset, this, [this] {
        m_charts->clear();
        m_eventLog->clear();
    });
    connect(m_eventLog, &EventLogPanel::entryActivated, this, &MainWindow::onLogEntryActivated);
}

void MainWindow::createResultActions()
{
    m_replicationsAction = new QAction(tr("Re&plications…"), this);
    m_replicationsAction->setObjectName("replications");
    m_replicationsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_replicationsAction->setToolTip(tr("Run independent replications and see every metric with its 95% "
                                        "confidence interval"));
    connect(m_replicationsAction, &QAction::triggered, this, &MainWindow::showReplications);
    m_reportAction = new QAction(tr("Export &Report…"), this);
    m_reportAction->setObjectName("exportReport");
    m_reportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_reportAction, &QAction::triggered, this, &MainWindow::exportReport);
    m_resultsAction = new QAction(tr("Export Res&ults…"), this);
    m_resultsAction->setObjectName("exportResults");
    connect(m_resultsAction, &QAction::triggered, this, &MainWindow::exportResults);

    // File ▸ after Export Image; Run ▸ at its end.
    for (QAction *menuAction : menuBar()->actions()) {
        QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        if (menu->actions().contains(m_exportAction))
            menu->insertActions(m_exportAction, {m_reportAction, m_resultsAction});
        if (menu->actions().contains(m_resetAction)) {
            menu->addSeparator();
            menu->addAction(m_replicationsAction);
        }
    }
}

void MainWindow::focusChartsOnSelection(const models::Topology *starting)
{
    if (!m_charts)
        return;
    if (!starting && !m_runController->hasRun()) {
        m_charts->setFocus(-1, -1);
        return;
    }
    const models::Topology &running = starting ? *starting : m_runController->topology();
    const std::vector<ComponentId> nodes = m_scene->selectedComponents();
    const std::vector<LinkId> links = m_scene->selectedLinks();
    int node = -1;
    int edge = -1;
    if (nodes.size() == 1 && links.empty())
        node = indexOfNode(running, m_document->node(nodes.front()).id);
    else if (links.size() == 1 && nodes.empty()) {
        const models::EdgeSpec &e = m_document->edge(links.front());
        edge = indexOfEdge(running, e.from, e.to);
    }
    m_charts->setFocus(node, edge);
}

void MainWindow::onLogEntryActivated(int nodeIndex, int edgeIndex)
{
    // The entry names the running topology's node or edge; select the
    // document's one with the same name (edits may have moved it).
    const models::Topology &running = m_runController->topology();
    const models::Topology &current = m_document->topology();
    if (edgeIndex >= 0 && edgeIndex < int(running.edges.size())) {
        const models::EdgeSpec &e = running.edges[std::size_t(edgeIndex)];
        if (const int i = indexOfEdge(current, e.from, e.to); i >= 0) {
            m_scene->selectOnly({}, {m_document->linkIds()[std::size_t(i)]});
            return;
        }
    }
    if (nodeIndex >= 0 && nodeIndex < int(running.nodes.size()))
        if (const int i = indexOfNode(current, running.nodes[std::size_t(nodeIndex)].id); i >= 0) {
            const ComponentId id = m_document->componentIds()[std::size_t(i)];
            m_scene->selectOnly({id});
            if (QGraphicsItem *item = m_scene->itemFor(id))
                m_view->ensureVisible(item);
        }
}

void MainWindow::showReplications()
{
    const models::Topology &topology = m_document->topology();
    if (models::hasErrors(models::checkTopology(topology))) {
        statusBar()->showMessage(tr("The topology has errors: fix those in Problems first"), 6000);
        return;
    }
    auto *dialog = new ReplicationsDialog(topology, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->start();
}

std::vector<models::RunResults> MainWindow::runForExport(int count)
{
    QProgressDialog progress(tr("Running %1 replications for the report…").arg(count), tr("Cancel"), 0, count, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    std::atomic<bool> cancel{false};
    std::vector<models::RunResults> runs;
    const models::Topology topology = m_document->topology();
    QThread *thread = QThread::create([&] {
        models::ReplicationOptions options;
        options.cancel = &cancel;
        options.progress = [&progress](int finished, int) {
            QMetaObject::invokeMethod(
                &progress, [&progress, finished] { progress.setValue(finished); }, Qt::QueuedConnection);
        };
        runs = models::runReplications(topology, count, topology.simulation.seed, options);
    });
    QEventLoop loop;
    connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    connect(&progress, &QProgressDialog::canceled, this, [&cancel] { cancel = true; });
    thread->start();
    loop.exec();
    thread->wait();
    delete thread;
    return runs;
}

void MainWindow::exportReport()
{
    const models::Topology &topology = m_document->topology();
    if (models::hasErrors(models::checkTopology(topology))) {
        statusBar()->showMessage(tr("The topology has errors: fix those in Problems first"), 6000);
        return;
    }
    QString suggested = QFileInfo(m_document->filePath()).completeBaseName();
    if (suggested.isEmpty())
        suggested = tr("report");
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export Report"), suggested + ".html", report::reportFileFilter());
    if (path.isEmpty())
        return;
    // The report describes the document as it is: its own runs, with the
    // replications its settings ask for.
    const std::vector<models::RunResults> runs = runForExport(std::max(topology.simulation.replications, 1));
    if (runs.empty())
        return;
    if (report::exportReport(this, topology, runs, path, m_document->filePath()))
        statusBar()->showMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(path)), 6000);
}

void MainWindow::exportResults()
{
    const auto &results = m_runController->lastResults();
    if (!results) {
        QMessageBox::information(this, tr("Export Results"),
                                 tr("There are no results yet: run the topology to its end first (F5), or use "
                                    "Run ▸ Replications to get results with confidence intervals."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Results"), tr("results.json"),
                                                      tr("Results JSON (*.json);;Time series CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const bool csv = QFileInfo(path).suffix().compare(QStringLiteral("csv"), Qt::CaseInsensitive) == 0;
    QString error;
    if (!writeText(path, csv ? models::seriesToCsv(*results) : models::resultsToJson(*results), &error))
        QMessageBox::warning(this, tr("Export Results"), tr("Could not write %1: %2").arg(path, error));
    else
        statusBar()->showMessage(tr("Results written to %1").arg(QDir::toNativeSeparators(path)), 6000);
}

} // namespace asyncsim::ui
