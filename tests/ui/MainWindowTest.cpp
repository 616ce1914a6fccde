// The editor's window as a user drives it: examples, files, clipboard
// commands, the problems panel, and what reaches the screen.
#include "ui/MainWindow.h"
#include "models/TopologyJson.h"
#include "ui/TopologyDocument.h"
#include "ui/canvas/TopologyScene.h"
#include "ui/files/Autosave.h"
#include "ui/files/ExampleCatalog.h"
#include "ui/problems/ProblemsPanel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui;

namespace {

// Answers the next modal dialog with @p button and keeps its text, so a test
// can check what the user would have read.
class DialogAnswerer
{
public:
    explicit DialogAnswerer(QMessageBox::StandardButton button)
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            m_timer.stop(); // one dialog only
            m_text = box->text() + "\n" + box->informativeText() + "\n" + box->detailedText();
            if (QAbstractButton *b = box->button(button))
                b->click(); // as the user would: the static QMessageBox functions read the clicked button
            else
                box->reject();
        });
        m_timer.start();
    }
    const QString &text() const { return m_text; }

private:
    QTimer m_timer; // stops with the answerer, so it never answers a later dialog
    QString m_text;
};

QAction *action(MainWindow &w, const QString &text)
{
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text().remove('&') == text)
            return a;
    return nullptr;
}

std::string json(const MainWindow &w)
{
    return models::serializeTopology(w.document()->topology());
}

} // namespace

TEST(MainWindow, OpensTheDefaultExampleAsAnUntitledCopy)
{
    MainWindow w;
    w.show();
    ASSERT_TRUE(w.openExample(ExampleCatalog::defaultFileName()));
    const models::Topology &t = w.document()->topology();
    EXPECT_FALSE(t.nodes.empty());
    EXPECT_TRUE(w.document()->filePath().isEmpty()); // Save must ask for a name
    EXPECT_FALSE(w.document()->isModified());
    for (ComponentId id : w.document()->componentIds())
        EXPECT_NE(w.scene()->itemFor(id), nullptr);
    for (LinkId id : w.document()->linkIds())
        EXPECT_NE(w.scene()->itemFor(id), nullptr);
    EXPECT_TRUE(w.windowTitle().contains(QString::fromStdString(t.name)));
    w.problemsPanel()->refresh();
    EXPECT_EQ(w.problemsPanel()->errorCount(), 0);
    // The example's traffic ramp is meant to back up orders-q; the capacity check says so.
    ASSERT_EQ(w.problemsPanel()->warningCount(), 1);
    auto *tree = w.problemsPanel()->findChild<QTreeWidget *>("problems");
    ASSERT_NE(tree, nullptr);
    EXPECT_TRUE(tree->topLevelItem(0)->text(0).startsWith("orders is overloaded at the producers' peak"))
        << tree->topLevelItem(0)->text(0).toStdString();
}

TEST(MainWindow, ABadFileShowsItsProblemsAndLeavesTheDocumentAlone)
{
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.json");
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "asyncsim-topology", "version": 1, "nodes": [
        {"id": "s", "kind": "service", "workers": 0, "serviceTime": "1s"}]})");
    f.close();

    MainWindow w;
    w.openExample(ExampleCatalog::defaultFileName());
    w.document()->moveComponents({w.document()->componentIds()[0]}, {QPointF(1000, 1000)});
    const std::string before = json(w);
    DialogAnswerer answer(QMessageBox::Ok);
    EXPECT_FALSE(w.openFile(bad));
    EXPECT_TRUE(answer.text().contains("/nodes/0/workers")) << answer.text().toStdString();
    EXPECT_EQ(json(w), before);
    EXPECT_TRUE(w.document()->isModified());
    EXPECT_TRUE(w.document()->undoStack()->canUndo());
}

TEST(MainWindow, SaveThenOpenGivesBackTheSameTopology)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("copy.json");
    MainWindow w;
    w.openExample("redelivery-and-dead-letters.json");
    w.document()->changeSettings("Seed", [](models::Topology &t) { t.simulation.seed = 4242; });
    ASSERT_TRUE(w.isWindowModified() || w.document()->isModified());
    const std::string saved = json(w);
    ASSERT_TRUE(w.saveTo(path));
    EXPECT_FALSE(w.document()->isModified());
    EXPECT_EQ(w.document()->filePath(), QFileInfo(path).absoluteFilePath());

    MainWindow other;
    ASSERT_TRUE(other.openFile(path));
    EXPECT_EQ(json(other), saved);
}

TEST(MainWindow, DuplicateCopyPasteAndDeleteAreOneStepEach)
{
    MainWindow w;
    w.show();
    w.openExample(ExampleCatalog::defaultFileName());
    TopologyDocument *doc = w.document();
    const std::size_t nodes = doc->topology().nodes.size();
    const ComponentId first = doc->componentIds()[1];
    w.scene()->selectOnly({first});

    action(w, "Duplicate")->trigger();
    EXPECT_EQ(doc->topology().nodes.size(), nodes + 1);
    EXPECT_EQ(doc->undoStack()->count(), 1);
    EXPECT_EQ(w.scene()->selectedComponents().size(), 1u); // the copy is selected
    EXPECT_NE(w.scene()->selectedComponents()[0], first);

    action(w, "Copy")->trigger();
    action(w, "Paste")->trigger();
    EXPECT_EQ(doc->topology().nodes.size(), nodes + 2);
    EXPECT_EQ(doc->undoStack()->count(), 2);

    action(w, "Delete")->trigger();
    EXPECT_EQ(doc->topology().nodes.size(), nodes + 1);
    EXPECT_EQ(doc->undoStack()->count(), 3);

    while (doc->undoStack()->canUndo())
        doc->undoStack()->undo();
    EXPECT_EQ(doc->topology().nodes.size(), nodes);
    EXPECT_FALSE(doc->isModified());
}

TEST(MainWindow, AProblemEntrySelectsItsNode)
{
    MainWindow w;
    w.show();
    w.openExample(ExampleCatalog::defaultFileName());
    const ComponentId lonely = w.document()->addComponent(models::NodeKind::Service, {0, 600});
    w.problemsPanel()->refresh();
    EXPECT_EQ(w.problemsPanel()->warningCount(), 2); // and the example's peak overload
    auto *tree = w.problemsPanel()->findChild<QTreeWidget *>("problems");
    ASSERT_NE(tree, nullptr);
    ASSERT_EQ(tree->topLevelItemCount(), 2);
    EXPECT_TRUE(tree->topLevelItem(0)->text(0).contains("has no source"));
    Q_EMIT tree->itemActivated(tree->topLevelItem(0), 0);
    EXPECT_EQ(w.scene()->selectedComponents(), std::vector<ComponentId>{lonely});
}

TEST(MainWindow, NewAsksBeforeLosingUnsavedWork)
{
    MainWindow w;
    w.openExample(ExampleCatalog::defaultFileName());
    w.document()->addComponent(models::NodeKind::Sink, {0, 0});
    const std::string before = json(w);
    {
        DialogAnswerer answer(QMessageBox::Cancel);
        action(w, "New")->trigger();
        EXPECT_TRUE(answer.text().contains("unsaved"));
    }
    EXPECT_EQ(json(w), before);
    DialogAnswerer discard(QMessageBox::Discard);
    action(w, "New")->trigger();
    EXPECT_TRUE(w.document()->topology().nodes.empty());
}

// Set ASYNCSIM_SCREENSHOT_DIR to keep pictures of the window to look at.
TEST(MainWindow, RendersWithAnExampleOpen)
{
    MainWindow w;
    w.resize(1400, 860);
    w.show();
    w.openExample(ExampleCatalog::defaultFileName());
    QTest::qWait(50);
    const QImage shot = w.grab().toImage();
    EXPECT_EQ(shot.width(), 1400);
    // Something was drawn: more than a handful of distinct colours.
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    EXPECT_GT(colours.size(), 20);
    const QString dir = qEnvironmentVariable("ASYNCSIM_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        shot.save(dir + "/main-window.png");
        w.scene()->selectOnly({w.document()->componentIds()[2]});
        QTest::qWait(20);
        w.grab().save(dir + "/main-window-selection.png");
        const ComponentId extra = w.document()->addComponent(models::NodeKind::Producer, {80, 400});
        w.scene()->selectOnly({extra});
        w.problemsPanel()->refresh();
        QTest::qWait(20);
        w.grab().save(dir + "/main-window-problem.png");
        // The same in a dark scheme, as a desktop in dark mode hands it over.
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(45, 45, 48));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Base, QColor(30, 30, 32));
        dark.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        dark.setColor(QPalette::Button, QColor(55, 55, 58));
        dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
        dark.setColor(QPalette::Highlight, QColor(64, 128, 230));
        dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
        dark.setColor(QPalette::Mid, QColor(80, 80, 84));
        QApplication::setPalette(dark);
        QTest::qWait(20);
        w.grab().save(dir + "/main-window-dark.png");
        QApplication::setPalette(light);
        w.openExample("kafka-consumer-groups.json");
        for (ComponentId id : w.document()->componentIds())
            if (w.document()->node(id).kind() == models::NodeKind::Topic)
                w.scene()->selectOnly({id});
        QTest::qWait(20);
        w.grab().save(dir + "/main-window-kafka.png");
    }
}

TEST(MainWindow, OffersToRecoverWorkLeftByACrash)
{
    {
        // A session that "crashes": its autosave wrote, and it never discarded.
        TopologyDocument crashed;
        crashed.load(ExampleCatalog::load(*ExampleCatalog::find("mm1-queue.json")), "/somewhere/mm1.json");
        crashed.changeSettings("Seed", [](models::Topology &t) { t.simulation.seed = 777; });
        Autosave autosave(&crashed);
        ASSERT_TRUE(autosave.saveNow());
    }
    MainWindow w;
    DialogAnswerer answer(QMessageBox::Yes);
    w.offerRecovery();
    EXPECT_TRUE(answer.text().contains("mm1.json")) << answer.text().toStdString();
    EXPECT_EQ(w.document()->topology().simulation.seed, 777u);
    EXPECT_TRUE(w.document()->isModified());       // recovered work is not saved work
    EXPECT_FALSE(Autosave::pending().has_value()); // offered once, then gone
}

TEST(MainWindow, DroppingATopologyFileOpensIt)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("dropped.json");
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    QFile example(":/examples/mm1-queue.json");
    ASSERT_TRUE(example.open(QIODevice::ReadOnly));
    f.write(example.readAll());
    f.close();

    MainWindow w;
    w.show();
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    EXPECT_EQ(w.document()->filePath(), QFileInfo(path).absoluteFilePath());
    EXPECT_EQ(w.document()->topology().name, ExampleCatalog::find("mm1-queue.json")->title.toStdString());

    QMimeData text;
    text.setText("not a file");
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(&w, &refused);
    EXPECT_FALSE(refused.isAccepted());
}
