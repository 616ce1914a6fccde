#pragma once

#include "ui/Ids.h"

#include <QMainWindow>

#include <vector>

QT_FORWARD_DECLARE_CLASS(QAction)
QT_FORWARD_DECLARE_CLASS(QDockWidget)
QT_FORWARD_DECLARE_CLASS(QComboBox)
QT_FORWARD_DECLARE_CLASS(QProgressBar)
QT_FORWARD_DECLARE_CLASS(QLabel)
QT_FORWARD_DECLARE_CLASS(QMenu)
QT_FORWARD_DECLARE_CLASS(QUndoView)

namespace asyncsim::models {
struct RunResults;
struct Topology;
} // namespace asyncsim::models

namespace asyncsim::ui {

class Autosave;
class ChartsPanel;
class EventLogPanel;
class Inspector;
class LiveStatsView;
class RunController;
class RunOverlay;
class Palette;
class ProblemsPanel;
class RecentFiles;
class TopologyDocument;
class TopologyScene;
class TopologyView;

/// The editor's window: palette, canvas, inspector, problems and undo history
/// around one document, with the file, edit and view commands.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    TopologyDocument *document() const { return m_document; }
    TopologyScene *scene() const { return m_scene; }
    TopologyView *view() const { return m_view; }
    Inspector *inspector() const { return m_inspector; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    /// The live run (for the charts and event-log docks to connect to).
    RunController *runController() const { return m_runController; }
    RunOverlay *runOverlay() const { return m_runOverlay; }
    LiveStatsView *liveStats() const { return m_liveStats; }
    /// The Run menu's actions, by name: "run", "pause", "stepEvent",
    /// "stepInterval", "reset", "runUntil" (for tests).
    QAction *runAction(const QString &name) const;
    QComboBox *speedCombo() const { return m_speedCombo; }

    /// Opens @p path; on failure shows the loader's problems and keeps the
    /// current document. Returns whether it opened.
    bool openFile(const QString &path);
    /// Opens a copy of the compiled-in example @p fileName ("checkout.json"),
    /// untitled, so saving it asks for a new name.
    bool openExample(const QString &fileName);
    /// Saves to @p path (atomically); returns whether it worked.
    bool saveTo(const QString &path);
    /// Offers to recover a file left by a session that crashed, if any.
    void offerRecovery();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    void createStatusBar();
    void rebuildRecentMenu();
    void rebuildExamplesMenu();
    void updateTitle();
    void updateEditActions();
    void loadIntoDocument(const models::Topology &topology, const QString &path);
    void fitSoon();

    // The live run (MainWindowRun.cpp).
    void createRunControls();
    /// Starts a run of the document, paused if @p paused; false (and says
    /// why) when the document has errors.
    bool startRun(bool paused);
    void runOrContinue();
    void stepEvent();
    void stepInterval();
    void runUntil();
    void updateRunActions();
    void showRunStatus();
    /// Edits during a run: workers, rates and capacities go to the running
    /// simulation; anything else waits for the next run (said in the status bar).
    void onEditDuringRun();
    void onStructureEditDuringRun();

    // Charts, the event log, replications and exports of results (MainWindowResults.cpp).
    void createResultDocks();
    void createResultActions();
    /// The charts follow the selection: a node or an edge of the running
    /// topology (@p starting when a run is starting, else the controller's).
    void focusChartsOnSelection(const models::Topology *starting = nullptr);
    void onLogEntryActivated(int nodeIndex, int edgeIndex);
    void showReplications();
    void exportReport();
    void exportResults();
    /// Runs the document @p count times in the background behind a modal
    /// progress dialog; empty if cancelled.
    std::vector<models::RunResults> runForExport(int count);

    bool maybeSave();
    void newDocument();
    void open();
    bool save();
    bool saveAs();
    void exportImage();

    void cut();
    void copy();
    void paste();
    void duplicate();
    void deleteSelection();
    void selectAll();
    void onSelectionChanged();
    void onProblemActivated(ComponentId component, LinkId link);

    TopologyDocument *m_document;
    TopologyScene *m_scene;
    TopologyView *m_view;
    Palette *m_palette;
    Inspector *m_inspector;
    ProblemsPanel *m_problems;
    QUndoView *m_undoView;
    RecentFiles *m_recentFiles;
    Autosave *m_autosave;

    QMenu *m_recentMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_problemsLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_selectionLabel = nullptr;
    int m_pasteCount = 0; // each paste of the same clipboard lands a step further

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_cutAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_zoomResetAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_snapAction = nullptr;

    RunController *m_runController = nullptr;
    RunOverlay *m_runOverlay = nullptr;
    LiveStatsView *m_liveStats = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stepEventAction = nullptr;
    QAction *m_stepIntervalAction = nullptr;
    QAction *m_resetAction = nullptr;
    QAction *m_runUntilAction = nullptr;
    QComboBox *m_speedCombo = nullptr;
    QLabel *m_clockLabel = nullptr;
    QLabel *m_eventRateLabel = nullptr;
    QProgressBar *m_progressBar = nullptr;

    ChartsPanel *m_charts = nullptr;
    EventLogPanel *m_eventLog = nullptr;
    QDockWidget *m_chartsDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QAction *m_replicationsAction = nullptr;
    QAction *m_reportAction = nullptr;
    QAction *m_resultsAction = nullptr;

public:
    ChartsPanel *chartsPanel() const { return m_charts; }
    EventLogPanel *eventLog() const { return m_eventLog; }
};

} // namespace asyncsim::ui
