#include "ReportTestSupport.h"

#include "ui/report/ReportFormat.h"
#include "ui/report/ReportWriter.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace asyncsim;
using namespace asyncsim::ui::report;

namespace {

QString runTool(const QString &tool, const QStringList &arguments)
{
    QProcess process;
    process.start(tool, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

// pdftotext and pdfinfo come from poppler-utils (scripts/install-deps.sh).
TEST(ReportPdf, CheckoutReportHasItsPagesAndText)
{
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (pdftotext.isEmpty() || pdfinfo.isEmpty())
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) not installed";

    const ReportInput input = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/checkout.json"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    QString error;
    ASSERT_TRUE(writeReport(input, path, &error)) << error.toStdString();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.read(5).startsWith("%PDF-"));

    const QRegularExpressionMatch pages
        = QRegularExpression(QStringLiteral(R"(Pages:\s+(\d+))")).match(runTool(pdfinfo, {path}));
    ASSERT_TRUE(pages.hasMatch());
    // Text and tables take two to four pages, the charts two or three more.
    EXPECT_GE(pages.captured(1).toInt(), 3);
    EXPECT_LE(pages.captured(1).toInt(), 10);

    // Lines break where the page ends them: compare with whitespace simplified.
    QString text = runTool(pdftotext, {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    text = text.replace(QChar(0x2009), QLatin1Char(' ')).simplified();
    for (const char *expected : {"Message ledger", "Capacity check", "Nodes and their parameters", "Results per node",
                                 "Charts", "The ledger balances", "checkout.json"})
        EXPECT_TRUE(text.contains(QString::fromLatin1(expected))) << expected;
    EXPECT_TRUE(text.contains(QString::fromStdString(input.topology.name))) << input.topology.name;
    // The produced count as the ledger writes it (thousands apart).
    const QString produced
        = formatCount(double(input.runs.front().ledger.produced)).replace(QChar(0x2009), QLatin1Char(' '));
    EXPECT_TRUE(text.contains(QStringLiteral("produced ") + produced)) << produced.toStdString();
}
