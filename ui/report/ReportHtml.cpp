#include "ReportHtml.h"

#include "ReportFormat.h"

#include <QFileInfo>

namespace asyncsim::ui::report {

namespace {

// Print-friendly and narrow enough for a mail client; tables scroll
// sideways on a phone rather than squeezing their numbers.
const char Css[] = R"(
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 14px; color: #1d1d1f;
       max-width: 980px; margin: 24px auto; padding: 0 16px; line-height: 1.4; }
h1 { font-size: 26px; margin-bottom: 4px; }
h2 { font-size: 19px; border-bottom: 1px solid #d0d0d6; padding-bottom: 3px; margin-top: 32px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.meta { color: #555; margin-top: 0; }
p.description { font-style: italic; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #d0d0d6; padding: 3px 8px; vertical-align: top; }
th { background: #f0f0f4; text-align: left; font-weight: 600; }
table.data td, table.capacity td, table.ledger td { text-align: right; white-space: nowrap;
       font-variant-numeric: tabular-nums; }
table.data td:first-child, table.capacity td:first-child, table.ledger td:nth-child(-n+2),
table.data td:nth-child(2) { text-align: left; }
table.parameters td:nth-child(3) { font-size: 12px; }
tr.total td { font-weight: 600; background: #fafafc; }
tr.bad td { background: #fde8e8; }
p.ok { color: #1a7f37; }
p.bad, .warnings li { color: #b42318; }
.warnings { background: #fff6e5; border: 1px solid #f2c46d; padding: 4px 12px; }
.figure svg { max-width: 100%; height: auto; display: block; margin: 8px auto; }
p.caption { color: #555; font-size: 12px; margin-top: 0; }
footer { margin-top: 32px; color: #777; font-size: 12px; }
@media print { h2 { break-after: avoid; } .chart, table { break-inside: avoid; } }
)";

// QTextDocument knows only a small part of CSS.
const char RichTextCss[] = R"(
body { font-family: "DejaVu Sans"; font-size: 9pt; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 14px; } h3 { font-size: 10pt; }
th { background-color: #e8e8ee; font-weight: bold; }
td, th { font-size: 8pt; }
p.meta, p.caption { color: #555555; }
tr.total { background-color: #f4f4f8; }
tr.bad { background-color: #fde8e8; }
p.ok { color: #1a7f37; } p.bad { color: #b42318; }
div.warnings { color: #b42318; }
)";

} // namespace

QString reportTitle(const ReportData &data)
{
    if (!data.input.topology.name.empty())
        return QString::fromStdString(data.input.topology.name);
    if (!data.input.fileName.isEmpty())
        return QFileInfo(data.input.fileName).completeBaseName();
    return QStringLiteral("Untitled topology");
}

ReportPictures drawPictures(const ReportData &data, HtmlFlavour flavour, double imageScale)
{
    ReportPictures p;
    const bool standalone = flavour == HtmlFlavour::Standalone;
    p.diagram = drawDiagram(data.input.topology, standalone ? 0 : imageScale);
    if (!standalone)
        p.diagram.svg.clear();
    p.charts = reportCharts(data);
    if (standalone)
        for (const ChartSpec &chart : p.charts)
            p.chartSvgs.push_back(chartSvg(chart));
    return p;
}

QString reportHtml(const ReportData &data, const ReportPictures &pictures, HtmlFlavour flavour)
{
    const bool standalone = flavour == HtmlFlavour::Standalone;
    const QString title = reportTitle(data);
    QString html;
    if (standalone)
        html += QStringLiteral("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n");
    else
        html += QStringLiteral("<html>");
    html += QStringLiteral("<head><meta charset=\"utf-8\"/><title>") + escaped(title)
          + QStringLiteral(" – asyncsim report</title><style>") + QString::fromUtf8(standalone ? Css : RichTextCss)
          + QStringLiteral("</style></head>\n<body>\n");

    html += QStringLiteral("<h1>") + escaped(title) + QStringLiteral("</h1>\n");
    QStringList meta;
    if (!data.input.fileName.isEmpty())
        meta << QStringLiteral("Topology file: ") + QFileInfo(data.input.fileName).fileName();
    meta << QStringLiteral("report made ")
                + data.input.created.toUTC().toString(QStringLiteral("d MMMM yyyy, HH:mm 'UTC'"));
    meta << (data.input.runs.size() > 1 ? QStringLiteral("%1 replications").arg(data.input.runs.size())
                                        : QStringLiteral("one run"))
                + QStringLiteral(" of ") + formatSeconds(data.firstRun().simulatedTime) + QStringLiteral(" simulated");
    html += QStringLiteral("<p class=\"meta\" id=\"meta\">") + escaped(meta.join(QStringLiteral(" · ")))
          + QStringLiteral("</p>\n");
    if (!data.input.topology.description.empty())
        html += QStringLiteral("<p class=\"description\">") + escaped(data.input.topology.description)
              + QStringLiteral("</p>\n");

    const SectionContext context{data, pictures, flavour};
    for (const ReportSection &section : reportSections()) {
        const QString body = section.body(context);
        if (body.isEmpty())
            continue;
        // Charts start a page in the PDF, so none is split across two.
        const bool newPage = !standalone && section.id == QStringLiteral("charts");
        html += QStringLiteral("<div class=\"section\" id=\"%1\"%2><h2>%3</h2>\n")
                    .arg(section.id, newPage ? QStringLiteral(" style=\"page-break-before: always\"") : QString(),
                         escaped(section.heading));
        html += standalone ? QStringLiteral("<div class=\"scroll\">") + body + QStringLiteral("</div>") : body;
        html += QStringLiteral("</div>\n");
    }
    html += QStringLiteral("<p class=\"meta\">Made with asyncsim, a simulator of asynchronous service "
                           "topologies.</p>\n</body></html>\n");
    return html;
}

} // namespace asyncsim::ui::report
