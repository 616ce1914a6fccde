#pragma once

#include "ReportCharts.h"
#include "ReportData.h"
#include "ReportDiagram.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace asyncsim::ui::report {

/// How pictures go into the HTML: inline SVG for the self-contained file, or
/// <img> references to resources for QTextDocument (which draws no SVG).
enum class HtmlFlavour { Standalone, RichText };

/// The pictures of a report, drawn once.
struct ReportPictures
{
    ReportDiagram diagram;
    std::vector<ChartSpec> charts;
    std::vector<QString> chartSvgs; ///< Standalone: one per chart
};

/// Resource names the RichText flavour refers to.
QString diagramResource();
QString chartResource(std::size_t index);

/// What a section's writer gets.
struct SectionContext
{
    const ReportData &data;
    const ReportPictures &pictures;
    HtmlFlavour flavour;
};

/// One section of the report: an id (the anchor and what tests look for), a
/// heading, and a writer that returns its XHTML body, or nothing to leave the
/// section out (no data for it). Adding a section is adding an entry.
struct ReportSection
{
    QString id;
    QString heading;
    std::function<QString(const SectionContext &)> body;
};

/// The report's sections in reading order.
const std::vector<ReportSection> &reportSections();

/// @p text with the results' metric names ("waitingTime.mean") in words.
QString readable(QString text);

/// Every warning a reader should see first: unstable nodes, topology check
/// warnings, wide intervals or a single run, a ledger that does not balance.
QStringList reportWarnings(const ReportData &data);

} // namespace asyncsim::ui::report
