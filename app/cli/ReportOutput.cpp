#include "ReportOutput.h"

#include <iostream>

#ifdef ASYNCSIM_HAVE_REPORT
#include "ui/report/ReportWriter.h"

#include <QApplication>

#include <memory>
#endif

namespace asyncsim::cli {

#ifdef ASYNCSIM_HAVE_REPORT

namespace {

// Charts and the diagram are widgets drawn offscreen, so a report needs a
// QApplication; runs without --report never start Qt.
void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    const bool display = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && !display)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // QApplication keeps references to argc and argv for its whole life.
    static int argc = 1;
    static char name[] = "asyncsim-cli";
    static char *argv[] = {name, nullptr};
    static std::unique_ptr<QApplication> application = std::make_unique<QApplication>(argc, argv);
}

} // namespace

std::string checkReportPath(const std::string &path)
{
    QString error;
    if (!ui::report::reportFileTypeFor(QString::fromStdString(path), &error))
        return "--report: " + error.toStdString();
    return {};
}

bool writeReportFile(const models::Topology &topology, const std::vector<models::RunResults> &runs,
                     const std::string &path, const std::string &topologyFile)
{
    ensureApplication();
    ui::report::ReportInput input;
    input.topology = topology;
    input.runs = runs;
    input.fileName = QString::fromStdString(topologyFile);
    QString error;
    if (!ui::report::writeReport(input, QString::fromStdString(path), &error)) {
        std::cerr << "asyncsim-cli: " << error.toStdString() << "\n";
        return false;
    }
    return true;
}

#else

std::string checkReportPath(const std::string &)
{
    return "--report: not available: this asyncsim-cli was built without Qt (ASYNCSIM_BUILD_GUI=OFF)";
}

bool writeReportFile(const models::Topology &, const std::vector<models::RunResults> &, const std::string &,
                     const std::string &)
{
    std::cerr << "asyncsim-cli: " << checkReportPath({}) << "\n";
    return false;
}

#endif

} // namespace asyncsim::cli
