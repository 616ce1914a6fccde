#include "ReportWriter.h"

#include "ReportData.h"
#include "ReportHtml.h"
#include "ReportPdf.h"

#include <QFileInfo>
#include <QSaveFile>

namespace asyncsim::ui::report {

std::optional<ReportFileType> reportFileTypeFor(const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("html") || suffix == QStringLiteral("htm") || suffix == QStringLiteral("xhtml"))
        return ReportFileType::Html;
    if (suffix == QStringLiteral("pdf"))
        return ReportFileType::Pdf;
    if (error)
        *error = QStringLiteral("%1: a report is written as .html or .pdf, not \"%2\"")
                     .arg(path, suffix.isEmpty() ? QStringLiteral("(no suffix)") : QStringLiteral(".") + suffix);
    return std::nullopt;
}

bool writeReport(const ReportInput &input, const QString &path, QString *error)
{
    const std::optional<ReportFileType> format = reportFileTypeFor(path, error);
    if (!format)
        return false;
    if (input.runs.empty()) {
        if (error)
            *error = QStringLiteral("nothing to report: no run has finished");
        return false;
    }
    const ReportData data = gatherReportData(input);
    QByteArray content;
    if (*format == ReportFileType::Html)
        content = reportHtml(data, drawPictures(data, HtmlFlavour::Standalone), HtmlFlavour::Standalone).toUtf8();
    else
        content = reportPdf(data);
    if (content.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1: the report could not be made").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace asyncsim::ui::report
