#include "ProblemsPanel.h"

#include "models/CapacityCheck.h"
#include "models/TopologyCheck.h"
#include "ui/TopologyDocument.h"

#include <QHeaderView>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace asyncsim::ui {

namespace {

enum Role { ComponentRole = Qt::UserRole, LinkRole, FaultRole };

// "/nodes/3/workers" -> ("nodes", 3); anything else -> ("", -1).
std::pair<std::string, int> placeOf(const std::string &pointer)
{
    for (const char *collection : {"nodes", "edges", "faults"}) {
        const std::string prefix = std::string("/") + collection + "/";
        if (pointer.rfind(prefix, 0) != 0)
            continue;
        const std::size_t end = pointer.find('/', prefix.size());
        const std::string number = pointer.substr(prefix.size(), end - prefix.size());
        if (!number.empty() && number.find_first_not_of("0123456789") == std::string::npos)
            return {collection, std::stoi(number)};
    }
    return {"", -1};
}

} // namespace

ProblemsPanel::ProblemsPanel(TopologyDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_tree(new QTreeWidget(this))
    , m_refreshTimer(new QTimer(this))
{
    m_tree->setObjectName("problems");
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Problem"), tr("Where")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);

    // A drag or typing changes the document many times a second: check once
    // the burst is over, not on every change.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &ProblemsPanel::refresh);
    connect(document, &TopologyDocument::changed, m_refreshTimer, qOverload<>(&QTimer::start));
    connect(m_tree, &QTreeWidget::itemActivated, this, &ProblemsPanel::onItemActivated);
    connect(m_tree, &QTreeWidget::itemClicked, this, &ProblemsPanel::onItemActivated);
    refresh();
}

void ProblemsPanel::refresh()
{
    m_refreshTimer->stop();
    std::vector<models::Problem> problems = models::checkTopology(m_document->topology());
    // Capacity only means something for a topology that could run.
    if (!models::hasErrors(problems))
        for (models::Problem &p : models::checkCapacity(m_document->topology()).warnings)
            problems.push_back(std::move(p));
    m_tree->clear();
    m_errors = 0;
    m_warnings = 0;
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const models::Problem &p : problems) {
        const bool isError = p.severity == models::Severity::Error;
        (isError ? m_errors : m_warnings) += 1;
        auto *item = new QTreeWidgetItem(m_tree);
        item->setIcon(0, isError ? errorIcon : warningIcon);
        item->setText(0, QString::fromStdString(p.message));
        item->setToolTip(0, QString::fromStdString(p.text()));
        const auto [collection, index] = placeOf(p.pointer);
        QString where = QString::fromStdString(p.pointer.empty() ? std::string("topology") : p.pointer);
        if (collection == "nodes" && index < int(m_document->componentIds().size())) {
            const ComponentId id = m_document->componentIds()[std::size_t(index)];
            item->setData(0, ComponentRole, QVariant::fromValue(quint64(id)));
            where = QString::fromStdString(m_document->node(id).id);
        } else if (collection == "edges" && index < int(m_document->linkIds().size())) {
            const LinkId id = m_document->linkIds()[std::size_t(index)];
            item->setData(0, LinkRole, QVariant::fromValue(quint64(id)));
            const models::EdgeSpec &e = m_document->edge(id);
            where = QString::fromStdString(e.from + " → " + e.to);
        } else if (collection == "faults" && index < int(m_document->topology().faults.size())) {
            // The faults table is on the page shown when nothing is selected.
            item->setData(0, FaultRole, index);
            const models::FaultSpec &f = m_document->topology().faults[std::size_t(index)];
            where = tr("fault %1 (%2 of %3)")
                        .arg(index + 1)
                        .arg(QLatin1String(models::faultKindName(f.kind)), QString::fromStdString(f.target));
        }
        item->setText(1, where);
    }
    if (problems.empty()) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setIcon(0, style()->standardIcon(QStyle::SP_DialogApplyButton));
        item->setText(0, tr("No problems: the topology is ready to run."));
        item->setFlags(Qt::ItemIsEnabled);
    }
    Q_EMIT countsChanged(m_errors, m_warnings);
}

void ProblemsPanel::onItemActivated(QTreeWidgetItem *item)
{
    const QVariant component = item->data(0, ComponentRole);
    const QVariant link = item->data(0, LinkRole);
    if (item->data(0, FaultRole).isValid()) {
        Q_EMIT activated(InvalidComponentId, InvalidLinkId); // selects nothing: the faults table shows
        return;
    }
    if (!component.isValid() && !link.isValid())
        return;
    Q_EMIT activated(component.isValid() ? ComponentId{component.toULongLong()} : InvalidComponentId,
                     link.isValid() ? LinkId{link.toULongLong()} : InvalidLinkId);
}

} // namespace asyncsim::ui
