// asyncsim: the desktop editor. Opens a topology file, or a copy of the
// default example, and offers to recover work left by a crash.

#include "ui/MainWindow.h"
#include "ui/files/ExampleCatalog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("asyncsim");
    QApplication::setApplicationName("asyncsim");
    QApplication::setApplicationVersion(ASYNCSIM_VERSION);
    QApplication::setWindowIcon(QIcon(":/icons/asyncsim.svg"));

    QCommandLineParser parser;
    parser.setApplicationDescription("Simulator of asynchronous service topologies: the editor.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("FILE", "Topology file to open (default: a copy of the default example).", "[FILE]");
    QCommandLineOption example("example", "Open a copy of the example NAME (e.g. checkout.json).", "NAME");
    parser.addOption(example);
    parser.process(app);

    asyncsim::ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    bool opened = false;
    if (!files.isEmpty())
        opened = window.openFile(files.front());
    else if (parser.isSet(example))
        opened = window.openExample(parser.value(example));
    if (!opened && files.isEmpty())
        window.openExample(asyncsim::ui::ExampleCatalog::defaultFileName());
    // After the window is up, so the question has something to belong to.
    QTimer::singleShot(0, &window, &asyncsim::ui::MainWindow::offerRecovery);
    return QApplication::exec();
}
