#include "ReportHtmlParts.h"

#include "ReportFormat.h"

#include <utility>

namespace asyncsim::ui::report {

QString tableHtml(const SectionContext &c, const QStringList &headers, const std::vector<Row> &rows,
                  const QString &klass)
{
    // QTextDocument knows table attributes, not CSS borders.
    // Tables of numbers take the width their numbers need; text tables the page's.
    const bool numeric = klass.isEmpty() || klass == QStringLiteral("capacity") || klass == QStringLiteral("ledger");
    QString html = c.flavour == HtmlFlavour::RichText
                     ? QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"%1>")
                           .arg(numeric ? QString() : QStringLiteral(" width=\"100%\""))
                     : QStringLiteral("<table class=\"%1\">").arg(klass.isEmpty() ? QStringLiteral("data") : klass);
    html += QStringLiteral("<thead><tr>");
    for (const QString &h : headers)
        html += QStringLiteral("<th>") + escaped(h) + QStringLiteral("</th>");
    html += QStringLiteral("</tr></thead><tbody>");
    for (const Row &row : rows) {
        html += QStringLiteral("<tr");
        if (!row.id.isEmpty())
            html += QStringLiteral(" id=\"") + escaped(row.id) + QLatin1Char('"');
        if (!row.klass.isEmpty())
            html += QStringLiteral(" class=\"") + escaped(row.klass) + QLatin1Char('"');
        html += QLatin1Char('>');
        for (qsizetype i = 0; i < row.cells.size(); ++i) {
            const QString &cell = row.cells[i];
            const bool bold = row.klass == QStringLiteral("total") && c.flavour == HtmlFlavour::RichText;
            // QTextDocument squeezes columns to fit the page; node ids stay whole.
            // Numbers with their intervals, too: "19.95 ± 0.09/s" broken in two reads badly.
            const bool keepWhole = (i == 0 || numeric) && c.flavour == HtmlFlavour::RichText;
            // QTextDocument breaks at spaces despite nowrap: make them non-breaking.
            QString text = cell.isEmpty() ? QStringLiteral("–") : escaped(cell);
            if (keepWhole)
                text.replace(QLatin1Char(' '), QChar(0x00A0));
            html += (keepWhole ? QStringLiteral("<td nowrap=\"nowrap\">") : QStringLiteral("<td>"))
                  + (bold ? QStringLiteral("<b>") : QString()) + text + (bold ? QStringLiteral("</b>") : QString())
                  + QStringLiteral("</td>");
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</tbody></table>");
}

QString paragraph(const QString &text, const QString &klass)
{
    return (klass.isEmpty() ? QStringLiteral("<p>") : QStringLiteral("<p class=\"%1\">").arg(klass)) + escaped(text)
         + QStringLiteral("</p>");
}

QString list(const QStringList &items)
{
    QString html = QStringLiteral("<ul>");
    for (const QString &item : items)
        html += QStringLiteral("<li>") + escaped(item) + QStringLiteral("</li>");
    return html + QStringLiteral("</ul>");
}

QString nodeId(const ReportData &d, std::size_t i)
{
    return QString::fromStdString(d.input.topology.nodes[i].id);
}

} // namespace asyncsim::ui::report
