#include "ReportPdf.h"

#include "ReportHtml.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

namespace asyncsim::ui::report {

QByteArray reportPdf(const ReportData &data)
{
    const ReportPictures pictures = drawPictures(data, HtmlFlavour::RichText, 3);

    QTextDocument document;
    document.setDocumentMargin(0);
    if (!pictures.diagram.image.isNull())
        document.addResource(QTextDocument::ImageResource, QUrl(diagramResource()), pictures.diagram.image);
    for (std::size_t i = 0; i < pictures.charts.size(); ++i)
        document.addResource(QTextDocument::ImageResource, QUrl(chartResource(i)), chartImage(pictures.charts[i], 3));
    document.setHtml(reportHtml(data, pictures, HtmlFlavour::RichText));

    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(reportTitle(data));
        writer.setCreator(QStringLiteral("asyncsim"));
        // No margins of our own: QTextDocument::print() adds 2 cm and numbers the pages.
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0),
                                         QPageLayout::Millimeter));
        document.print(&writer);
    }
    return pdf;
}

} // namespace asyncsim::ui::report
