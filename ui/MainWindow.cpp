#include "MainWindow.h"

#include "Palette.h"
#include "Plural.h"
#include "TopologyDocument.h"
#include "canvas/TopologyScene.h"
#include "canvas/TopologyView.h"
#include "files/Autosave.h"
#include "files/ExampleCatalog.h"
#include "files/RecentFiles.h"
#include "files/SceneExport.h"
#include "files/TopologyFiles.h"
#include "inspector/Inspector.h"
#include "problems/ProblemsPanel.h"
#include "run/LiveStatsView.h"
#include "run/RunController.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollBar>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>

namespace asyncsim::ui {

namespace {

const char *ClipboardMime = "application/x-asyncsim-topology";
const QString FileFilter = QObject::tr("Topologies (*.json);;All files (*)");

bool isTopologyUrl(const QMimeData *data)
{
    if (!data->hasUrls() || data->urls().size() != 1)
        return false;
    const QUrl url = data->urls().front();
    return url.isLocalFile() && url.toLocalFile().endsWith(".json", Qt::CaseInsensitive);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new TopologyDocument(this))
    , m_scene(new TopologyScene(m_document, this))
    , m_view(new TopologyView(m_scene, this))
    , m_palette(new Palette(this))
    , m_inspector(new Inspector(m_document, this))
    , m_problems(new ProblemsPanel(m_document, this))
    , m_undoView(new QUndoView(m_document->undoStack(), this))
    , m_recentFiles(new RecentFiles(this))
    , m_autosave(new Autosave(m_document, Autosave::defaultDirectory(), this))
{
    setObjectName("mainWindow");
    setWindowIcon(QIcon(":/icons/asyncsim.svg"));
    setCentralWidget(m_view);
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createDocks();
    createActions();
    createMenus();
    createStatusBar();
    createRunControls();
    createResultDocks();
    createResultActions();

    connect(m_document, &TopologyDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &TopologyDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &TopologyDocument::settingsChanged, this, &MainWindow::updateTitle);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_problems, &ProblemsPanel::activated, this, &MainWindow::onProblemActivated);
    connect(m_palette, &Palette::componentRequested, this, [this](models::NodeKind kind) {
        // Double-clicked in the palette: place it in the middle of what is shown.
        const QPointF centre = m_view->mapToScene(m_view->viewport()->rect().center());
        const qreal grid = TopologyScene::GridSize;
        const QPointF at(std::round((centre.x() - 80) / grid) * grid, std::round((centre.y() - 32) / grid) * grid);
        const ComponentId id = m_document->addComponent(kind, at);
        m_scene->selectOnly({id});
    });
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, &MainWindow::updateEditActions);
    connect(m_recentFiles, &RecentFiles::changed, this, &MainWindow::rebuildRecentMenu);

    updateTitle();
    updateEditActions();
    resize(1400, 860);
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    auto addDock = [this](QWidget *widget, const QString &title, const QString &name, Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(widget);
        addDockWidget(area, dock);
        return dock;
    };
    addDock(m_palette, tr("Palette"), "paletteDock", Qt::LeftDockWidgetArea);
    addDock(m_inspector, tr("Inspector"), "inspectorDock", Qt::RightDockWidgetArea);
    QDockWidget *problems = addDock(m_problems, tr("Problems"), "problemsDock", Qt::BottomDockWidgetArea);
    QDockWidget *history = addDock(m_undoView, tr("History"), "historyDock", Qt::BottomDockWidgetArea);
    m_undoView->setEmptyLabel(tr("<opened>"));
    tabifyDockWidget(problems, history);
    problems->raise();
    resizeDocks({problems}, {170}, Qt::Vertical);
}

void MainWindow::createActions()
{
    auto make = [this](const QString &text, QKeySequence::StandardKey key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_newAction = make(tr("&New"), QKeySequence::New, &MainWindow::newDocument);
    m_openAction = make(tr("&Open…"), QKeySequence::Open, &MainWindow::open);
    m_saveAction = make(tr("&Save"), QKeySequence::Save, &MainWindow::save);
    m_saveAsAction = make(tr("Save &As…"), QKeySequence::SaveAs, &MainWindow::saveAs);
    m_exportAction = make(tr("&Export Image…"), QKeySequence::UnknownKey, &MainWindow::exportImage);
    m_exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_quitAction = make(tr("&Quit"), QKeySequence::Quit, &QWidget::close);

    m_undoAction = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcut(QKeySequence::Redo);
    m_cutAction = make(tr("Cu&t"), QKeySequence::Cut, &MainWindow::cut);
    m_copyAction = make(tr("&Copy"), QKeySequence::Copy, &MainWindow::copy);
    m_pasteAction = make(tr("&Paste"), QKeySequence::Paste, &MainWindow::paste);
    m_duplicateAction = make(tr("D&uplicate"), QKeySequence::UnknownKey, &MainWindow::duplicate);
    m_duplicateAction->setShortcut(QKeySequence(tr("Ctrl+D")));
    m_deleteAction = make(tr("&Delete"), QKeySequence::Delete, &MainWindow::deleteSelection);
    m_deleteAction->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    m_selectAllAction = make(tr("Select &All"), QKeySequence::SelectAll, &MainWindow::selectAll);
    // Canvas shortcuts must not steal Delete or Ctrl+A from a text field in the inspector.
    for (QAction *a : {m_cutAction, m_copyAction, m_pasteAction, m_duplicateAction, m_deleteAction, m_selectAllAction})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addActions(
        {m_cutAction, m_copyAction, m_pasteAction, m_duplicateAction, m_deleteAction, m_selectAllAction});

    m_zoomInAction = make(tr("Zoom &In"), QKeySequence::ZoomIn, [this] { m_view->zoomIn(); });
    m_zoomInAction->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    m_zoomOutAction = make(tr("Zoom &Out"), QKeySequence::ZoomOut, [this] { m_view->zoomOut(); });
    m_zoomResetAction = make(tr("&Actual Size"), QKeySequence::UnknownKey, [this] { m_view->resetZoom(); });
    m_zoomResetAction->setShortcut(QKeySequence(tr("Ctrl+0")));
    m_fitAction = make(tr("&Fit to Window"), QKeySequence::UnknownKey, [this] { m_view->fitToContents(); });
    m_fitAction->setShortcut(QKeySequence(tr("Ctrl+1")));
    m_snapAction = new QAction(tr("&Snap to Grid"), this);
    m_snapAction->setCheckable(true);
    m_snapAction->setChecked(m_scene->snapToGrid());
    connect(m_snapAction, &QAction::toggled, m_scene, &TopologyScene::setSnapToGrid);

    m_newAction->setIcon(QIcon::fromTheme("document-new"));
    m_openAction->setIcon(QIcon::fromTheme("document-open"));
    m_saveAction->setIcon(QIcon::fromTheme("document-save"));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_newAction, m_openAction});
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_examplesMenu = file->addMenu(tr("E&xamples"));
    file->addSeparator();
    file->addActions({m_saveAction, m_saveAsAction});
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_undoAction, m_redoAction});
    edit->addSeparator();
    edit->addActions({m_cutAction, m_copyAction, m_pasteAction, m_duplicateAction, m_deleteAction});
    edit->addSeparator();
    edit->addAction(m_selectAllAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addActions({m_zoomInAction, m_zoomOutAction, m_zoomResetAction, m_fitAction});
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_snapAction);
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About asyncsim"), this, [this] {
        QMessageBox::about(this, tr("About asyncsim"),
                           tr("<b>asyncsim</b> %1<br>A simulator of asynchronous service topologies: queues, "
                              "topics, retries, circuit breakers and dead letters.")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName("mainToolBar");
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({m_newAction, m_openAction, m_saveAction});
    bar->addSeparator();
    bar->addActions({m_undoAction, m_redoAction});
    bar->addSeparator();
    bar->addActions({m_zoomOutAction, m_zoomInAction, m_fitAction});

    rebuildRecentMenu();
    rebuildExamplesMenu();
}

void MainWindow::createStatusBar()
{
    m_selectionLabel = new QLabel(this);
    m_problemsLabel = new QLabel(this);
    m_zoomLabel = new QLabel(this);
    statusBar()->addWidget(m_selectionLabel, 1);
    statusBar()->addPermanentWidget(m_problemsLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    auto showCounts = [this](int errors, int warnings) {
        if (errors == 0 && warnings == 0)
            m_problemsLabel->setText(tr("Ready to run"));
        else
            m_problemsLabel->setText(countOf(errors, tr("error"), tr("errors")) + ", "
                                     + countOf(warnings, tr("warning"), tr("warnings")));
    };
    connect(m_problems, &ProblemsPanel::countsChanged, this, showCounts);
    showCounts(m_problems->errorCount(), m_problems->warningCount());
    auto showZoom = [this](double zoom) { m_zoomLabel->setText(tr("%1 %").arg(qRound(zoom * 100))); };
    connect(m_view, &TopologyView::zoomChanged, this, showZoom);
    showZoom(m_view->zoom());
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_recentFiles->files();
    for (const QString &path : files)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (maybeSave())
                                openFile(path);
                        })
            ->setToolTip(path);
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), m_recentFiles, &RecentFiles::clear);
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::rebuildExamplesMenu()
{
    m_examplesMenu->setToolTipsVisible(true);
    for (const ExampleCatalog::Example &example : ExampleCatalog::examples()) {
        QAction *action = m_examplesMenu->addAction(example.title, this, [this, name = example.fileName] {
            if (maybeSave())
                openExample(name);
        });
        action->setToolTip(
            example.summary
            + (example.whatToWatch.isEmpty() ? "" : "\n\n" + tr("What to watch: ") + example.whatToWatch));
        action->setStatusTip(example.summary);
    }
}

void MainWindow::updateTitle()
{
    const QString path = m_document->filePath();
    QString name = path.isEmpty() ? QString::fromStdString(m_document->topology().name) : QFileInfo(path).fileName();
    if (name.isEmpty())
        name = tr("Untitled");
    setWindowFilePath(path);
    setWindowTitle(name + "[*] — asyncsim");
    setWindowModified(m_document->isModified());
}

void MainWindow::updateEditActions()
{
    const bool hasNodes = !m_scene->selectedComponents().empty();
    const bool hasAny = hasNodes || !m_scene->selectedLinks().empty();
    m_cutAction->setEnabled(hasNodes);
    m_copyAction->setEnabled(hasNodes);
    m_duplicateAction->setEnabled(hasNodes);
    m_deleteAction->setEnabled(hasAny);
    const QMimeData *clip = QApplication::clipboard()->mimeData();
    m_pasteAction->setEnabled(clip && (clip->hasFormat(ClipboardMime) || clip->hasText()));
}

void MainWindow::fitSoon()
{
    // Now, and again once a window that is opening has its final size.
    m_view->fitToContents();
    QTimer::singleShot(0, m_view, &TopologyView::fitToContents);
}

void MainWindow::loadIntoDocument(const models::Topology &topology, const QString &path)
{
    m_runController->reset(); // the run belongs to the topology being replaced
    m_document->load(topology, path);
    m_pasteCount = 0;
    fitSoon();
}

bool MainWindow::openFile(const QString &path)
{
    const LoadResult result = loadTopology(path);
    if (!result.isOk()) {
        QMessageBox box(QMessageBox::Warning, tr("Cannot open %1").arg(QFileInfo(path).fileName()), result.error,
                        QMessageBox::Ok, this);
        if (!result.problems.isEmpty())
            box.setDetailedText(result.problems.join('\n'));
        box.setInformativeText(tr("The current topology is unchanged."));
        box.exec();
        return false;
    }
    loadIntoDocument(*result.topology, QFileInfo(path).absoluteFilePath());
    m_recentFiles->add(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool MainWindow::openExample(const QString &fileName)
{
    const std::optional<ExampleCatalog::Example> example = ExampleCatalog::find(fileName);
    if (!example)
        return false;
    loadIntoDocument(ExampleCatalog::load(*example), {});
    statusBar()->showMessage(tr("Opened a copy of the example “%1”: Save asks for a new name").arg(example->title),
                             6000);
    return true;
}

bool MainWindow::saveTo(const QString &path)
{
    const QString error = saveTopology(m_document->topology(), path);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot save"), error);
        return false;
    }
    m_document->markSaved(QFileInfo(path).absoluteFilePath());
    m_recentFiles->add(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

void MainWindow::offerRecovery()
{
    const std::optional<Autosave::Recovery> recovery = Autosave::pending();
    if (!recovery)
        return;
    const QString from
        = recovery->originalPath.isEmpty() ? tr("an untitled topology") : QFileInfo(recovery->originalPath).fileName();
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved work?"),
        tr("asyncsim did not close properly last time. Unsaved changes to %1 from %2 were kept. Recover them?")
            .arg(from, QLocale().toString(recovery->savedAt, QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes) {
        const LoadResult result = recovery->load();
        if (result.isOk()) {
            m_document->load(*result.topology, recovery->originalPath, true);
            fitSoon();
            statusBar()->showMessage(tr("Recovered: save it under a name to keep it"), 8000);
        }
    }
    recovery->discard();
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer
        = QMessageBox::warning(this, tr("Unsaved changes"), tr("The topology has unsaved changes. Save them first?"),
                               QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newDocument()
{
    if (maybeSave())
        loadIntoDocument(models::Topology{}, {});
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Topology"), {}, FileFilter);
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::save()
{
    return m_document->filePath().isEmpty() ? saveAs() : saveTo(m_document->filePath());
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Topology As"), m_document->filePath(), FileFilter);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += ".json";
    return saveTo(path);
}

void MainWindow::exportImage()
{
    QString selectedFilter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Canvas"), {},
                                                tr("PNG image (*.png);;SVG drawing (*.svg)"), &selectedFilter);
    if (path.isEmpty())
        return;
    const bool svg = path.endsWith(".svg", Qt::CaseInsensitive)
                  || (QFileInfo(path).suffix().isEmpty() && selectedFilter.contains("svg"));
    if (QFileInfo(path).suffix().isEmpty())
        path += svg ? ".svg" : ".png";
    const QString title = QString::fromStdString(m_document->topology().name);
    const bool ok = svg ? exportSvg(m_scene, m_scene->contentsRect(), path, title)
                        : exportPng(m_scene, m_scene->contentsRect(), path);
    if (!ok)
        QMessageBox::warning(this, tr("Cannot export"), tr("Could not write %1.").arg(path));
    else
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 4000);
}

void MainWindow::cut()
{
    copy();
    m_document->remove(m_scene->selectedComponents(), m_scene->selectedLinks(), tr("Cut"));
}

void MainWindow::copy()
{
    const std::vector<ComponentId> nodes = m_scene->selectedComponents();
    if (nodes.empty())
        return;
    auto *data = new QMimeData;
    const QByteArray text = QByteArray::fromStdString(m_document->copy(nodes));
    data->setData(ClipboardMime, text);
    data->setText(QString::fromUtf8(text)); // readable when pasted into a text editor
    QApplication::clipboard()->setMimeData(data);
    m_pasteCount = 0;
}

void MainWindow::paste()
{
    const QMimeData *data = QApplication::clipboard()->mimeData();
    if (!data)
        return;
    const QByteArray text = data->hasFormat(ClipboardMime) ? data->data(ClipboardMime) : data->text().toUtf8();
    const qreal step = 2 * TopologyScene::GridSize * ++m_pasteCount;
    const std::vector<ComponentId> added = m_document->paste(text.toStdString(), {step, step});
    if (added.empty())
        statusBar()->showMessage(tr("The clipboard holds no topology to paste"), 4000);
    else
        m_scene->selectOnly(added);
}

void MainWindow::duplicate()
{
    const std::vector<ComponentId> nodes = m_scene->selectedComponents();
    if (nodes.empty())
        return;
    const qreal step = 2 * TopologyScene::GridSize;
    const std::vector<ComponentId> added = m_document->paste(m_document->copy(nodes), {step, step}, tr("Duplicate"));
    m_scene->selectOnly(added);
}

void MainWindow::deleteSelection()
{
    m_document->remove(m_scene->selectedComponents(), m_scene->selectedLinks());
}

void MainWindow::selectAll()
{
    m_scene->selectOnly(m_document->componentIds(), m_document->linkIds());
}

void MainWindow::onSelectionChanged()
{
    const std::vector<ComponentId> nodes = m_scene->selectedComponents();
    const std::vector<LinkId> links = m_scene->selectedLinks();
    m_inspector->setSelection(nodes, links);
    m_liveStats->setComponent(nodes.size() == 1 ? nodes.front() : InvalidComponentId);
    focusChartsOnSelection();
    updateEditActions();
    if (nodes.size() == 1 && links.empty())
        m_selectionLabel->setText(QString::fromStdString(m_document->node(nodes.front()).id));
    else if (!nodes.empty() || !links.empty())
        m_selectionLabel->setText(countOf(qsizetype(nodes.size()), tr("node"), tr("nodes")) + ", "
                                  + countOf(qsizetype(links.size()), tr("edge"), tr("edges")) + tr(" selected"));
    else
        m_selectionLabel->clear();
}

void MainWindow::onProblemActivated(ComponentId component, LinkId link)
{
    std::vector<ComponentId> nodes;
    std::vector<LinkId> links;
    if (component != InvalidComponentId)
        nodes.push_back(component);
    if (link != InvalidLinkId)
        links.push_back(link);
    m_scene->selectOnly(nodes, links);
    if (QGraphicsItem *item = component != InvalidComponentId
                                ? static_cast<QGraphicsItem *>(m_scene->itemFor(component))
                                : static_cast<QGraphicsItem *>(m_scene->itemFor(link)))
        m_view->ensureVisible(item);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_autosave->discard(); // a clean exit leaves nothing to recover
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (isTopologyUrl(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (!isTopologyUrl(event->mimeData()))
        return;
    event->acceptProposedAction();
    const QString path = event->mimeData()->urls().front().toLocalFile();
    if (maybeSave())
        openFile(path);
}

} // namespace asyncsim::ui
