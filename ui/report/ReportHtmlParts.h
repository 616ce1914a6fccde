#pragma once

// The pieces the report's sections build their HTML from (ReportSections.cpp).

#include "ReportSections.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <utility>
#include <vector>

namespace asyncsim::ui::report {

/// One table row: its cells, and optionally an id (anchors, tests) and a CSS class.
struct Row
{
    Row(QStringList cells, QString id = {}, QString klass = {})
        : cells(std::move(cells))
        , id(std::move(id))
        , klass(std::move(klass))
    { }
    QStringList cells;
    QString id;    ///< optional, for anchors and tests
    QString klass; ///< optional CSS class
};

/// A table in the context's flavour of HTML (QTextDocument's attributes, or CSS classes).
QString tableHtml(const SectionContext &c, const QStringList &headers, const std::vector<Row> &rows,
                  const QString &klass = {});
/// A paragraph of escaped text.
QString paragraph(const QString &text, const QString &klass = {});
/// A bulleted list of escaped items.
QString list(const QStringList &items);
/// The id of node @p i of the report's topology.
QString nodeId(const ReportData &d, std::size_t i);

} // namespace asyncsim::ui::report
