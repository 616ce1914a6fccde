#include "EventLogPanel.h"

#include "EventLogFilter.h"
#include "EventLogModel.h"
#include "ui/Plural.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace asyncsim::ui {

EventLogPanel::EventLogPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(this))
    , m_filter(new EventLogFilter(this))
    , m_view(new QTableView(this))
    , m_kinds(new QToolButton(this))
    , m_search(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
{
    m_filter->setSourceModel(m_model);
    m_view->setObjectName("eventLog");
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: thousands of rows stay cheap to lay out.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(EventLogModel::TimeColumn, m_view->fontMetrics().horizontalAdvance("00h 00m 00.000s") + 12);
    header->resizeSection(EventLogModel::KindColumn, m_view->fontMetrics().horizontalAdvance("fault-start") + 20);
    header->resizeSection(EventLogModel::WhereColumn,
                          m_view->fontMetrics().horizontalAdvance("payments → orders-dlq") + 12);

    m_kinds->setObjectName("eventLogKinds");
    m_kinds->setPopupMode(QToolButton::InstantPopup);
    m_kinds->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(m_kinds);
    for (int k = 0; k < static_cast<int>(models::RunLogKind::Count); ++k) {
        const auto kind = static_cast<models::RunLogKind>(k);
        QAction *action = menu->addAction(QString::fromUtf8(models::runLogKindName(kind)));
        action->setCheckable(true);
        action->setChecked(true);
        action->setData(k);
        connect(action, &QAction::toggled, this, [this, kind](bool on) { setKindShown(kind, on); });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Show all kinds")), &QAction::triggered, this, [this] {
        for (int k = 0; k < static_cast<int>(models::RunLogKind::Count); ++k)
            setKindShown(static_cast<models::RunLogKind>(k), true);
    });
    m_kinds->setMenu(menu);
    m_kinds->setToolTip(tr("Show or hide entries by kind"));

    m_search->setObjectName("eventLogSearch");
    m_search->setPlaceholderText(tr("Filter by node or text"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &EventLogPanel::setFilterText);

    m_placeholder->setObjectName("eventLogPlaceholder");
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(m_view);

    m_status->setForegroundRole(QPalette::PlaceholderText);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_kinds);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_pages, 1);

    // Following the newest entry stops when the user scrolls up and resumes
    // when they scroll back to the bottom.
    QScrollBar *scroll = m_view->verticalScrollBar();
    connect(scroll, &QScrollBar::actionTriggered, this,
            [this, scroll] { m_following = scroll->sliderPosition() >= scroll->maximum(); });
    connect(scroll, &QScrollBar::sliderReleased, this,
            [this, scroll] { m_following = scroll->value() >= scroll->maximum(); });
    connect(m_view, &QTableView::activated, this, &EventLogPanel::onActivated);
    connect(m_view, &QTableView::clicked, this, &EventLogPanel::onClicked);
    updateKindButton();
    updateStatus();
}

void EventLogPanel::startRun(const models::Topology &topology)
{
    m_model->startRun(topology);
    m_following = true;
    updateStatus();
}

void EventLogPanel::append(const std::vector<models::RunLogEntry> &entries)
{
    if (entries.empty())
        return;
    m_model->append(entries);
    updateStatus();
    if (m_following)
        m_view->scrollToBottom();
}

void EventLogPanel::clear()
{
    m_model->clear();
    m_following = true;
    updateStatus();
}

void EventLogPanel::setKindShown(models::RunLogKind kind, bool shown)
{
    m_filter->setKindShown(kind, shown);
    for (QAction *action : m_kinds->menu()->actions())
        if (action->isCheckable() && action->data().toInt() == static_cast<int>(kind) && action->isChecked() != shown)
            action->setChecked(shown);
    updateKindButton();
    updateStatus();
    if (m_following)
        m_view->scrollToBottom();
}

void EventLogPanel::setFilterText(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text); // comes back here through textChanged
    m_filter->setText(text);
    updateStatus();
    if (m_following)
        m_view->scrollToBottom();
}

QString EventLogPanel::statusText() const
{
    return m_status->text();
}

void EventLogPanel::onClicked(const QModelIndex &index)
{
    m_clicked = index;
    m_sinceClick.start();
    emitFor(index);
}

void EventLogPanel::onActivated(const QModelIndex &index)
{
    const bool fromClick = m_sinceClick.isValid() && m_clicked.isValid() && m_clicked.row() == index.row()
                        && m_sinceClick.elapsed() <= QApplication::doubleClickInterval();
    if (!fromClick)
        emitFor(index);
}

void EventLogPanel::emitFor(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex source = m_filter->mapToSource(index);
    const models::RunLogEntry &e = m_model->entry(source.row());
    // An entry about an edge (a breaker) names its caller too: the edge is the more precise.
    Q_EMIT entryActivated(e.edge >= 0 ? -1 : e.node, e.edge);
}

void EventLogPanel::updateStatus()
{
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    QString text
        = shown == total ? countOf(total, tr("entry"), tr("entries")) : tr("%1 of %2 shown").arg(shown).arg(total);
    if (m_model->droppedCount() > 0)
        text += tr(" · %1 older dropped").arg(m_model->droppedCount());
    m_status->setText(text);
    if (total == 0)
        m_placeholder->setText(tr("No events yet. Breaker transitions, dead letters, overflows, faults, "
                                  "rebalances and the end of the warm-up appear here as a run goes."));
    else
        m_placeholder->setText(tr("No entry matches the filter. Clear the text or show more kinds."));
    m_pages->setCurrentWidget(shown > 0 ? static_cast<QWidget *>(m_view) : m_placeholder);
}

void EventLogPanel::updateKindButton()
{
    int hidden = 0;
    for (int k = 0; k < static_cast<int>(models::RunLogKind::Count); ++k)
        hidden += m_filter->isKindShown(static_cast<models::RunLogKind>(k)) ? 0 : 1;
    m_kinds->setText(hidden == 0 ? tr("All kinds") : tr("Kinds (%1 hidden)").arg(hidden));
}

} // namespace asyncsim::ui
