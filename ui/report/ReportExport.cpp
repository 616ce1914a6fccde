#include "ReportExport.h"

#include "ReportWriter.h"

#include <QApplication>
#include <QGuiApplication>
#include <QMessageBox>

namespace asyncsim::ui::report {

bool exportReport(QWidget *parent, const models::Topology &topology, const std::vector<models::RunResults> &runs,
                  const QString &filePath, const QString &sourceFile)
{
    ReportInput input;
    input.topology = topology;
    input.runs = runs;
    input.fileName = sourceFile;
    QString error;
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const bool written = writeReport(input, filePath, &error);
    QGuiApplication::restoreOverrideCursor();
    if (!written)
        QMessageBox::warning(parent, QApplication::translate("ReportExport", "Export Report"),
                             QApplication::translate("ReportExport", "The report was not written.\n\n%1").arg(error));
    return written;
}

QString reportFileFilter()
{
    return QApplication::translate("ReportExport", "HTML report (*.html);;PDF report (*.pdf)");
}

} // namespace asyncsim::ui::report
