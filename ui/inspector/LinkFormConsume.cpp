// The consumer-group section of the edge page: a consume edge from a topic
// may override the topic's commit mode, auto-commit interval and assignor
// for the group it feeds (SEMANTICS §4.2).
#include "LinkForm.h"

#include "DurationEdit.h"
#include "FieldDisplay.h"
#include "LinkCommon.h"
#include "ui/TopologyDocument.h"

#include <QComboBox>

#include <algorithm>

namespace asyncsim::ui {

using models::Assignor;
using models::CommitMode;
using models::EdgeMode;
using models::EdgeSpec;

namespace {

// The choice "as the topic": no override.
constexpr int TopicsCommit = -1;
constexpr int TopicsAssignor = -1;

} // namespace

void LinkForm::buildConsumeSection()
{
    m_consumeSection = addSection(tr("Consumer group"));
    m_groupCommit = new QComboBox(this);
    m_groupCommit->setObjectName("groupCommit");
    m_groupCommit->setPlaceholderText(QStringLiteral("\u2014"));
    m_groupCommit->addItem(tr("as the topic"), TopicsCommit);
    m_groupCommit->addItem(tr("auto-commit"), static_cast<int>(CommitMode::Auto));
    m_groupCommit->addItem(tr("after each record"), static_cast<int>(CommitMode::PerRecord));
    addRow(tr("Commit"), m_groupCommit,
           tr("When this group records how far it has read, overriding the topic's setting. After a consumer "
              "instance crashes, the group reads again from its committed offsets: what was processed since "
              "comes twice."));
    m_groupInterval = new DurationEdit(this);
    m_groupInterval->setObjectName("groupAutoCommitInterval");
    m_groupInterval->setPositive(true);
    m_groupInterval->setOptional(true, tr("the topic's"));
    addRow(tr("Every"), m_groupInterval, tr("This group's auto.commit.interval.ms. Empty: the topic's."));
    m_groupAssignor = new QComboBox(this);
    m_groupAssignor->setObjectName("groupAssignor");
    m_groupAssignor->setPlaceholderText(QStringLiteral("\u2014"));
    m_groupAssignor->addItem(tr("as the topic"), TopicsAssignor);
    m_groupAssignor->addItem(tr("range (eager)"), static_cast<int>(Assignor::Range));
    m_groupAssignor->addItem(tr("cooperative sticky"), static_cast<int>(Assignor::CooperativeSticky));
    addRow(tr("Assignor"), m_groupAssignor,
           tr("How this group rebalances, overriding the topic's setting: range stops all its partitions, "
              "cooperative sticky only those that change owner."));
}

void LinkForm::connectConsumeFields()
{
    connect(m_groupCommit, &QComboBox::activated, this, [this] {
        const int choice = m_groupCommit->currentData().toInt();
        editAsStep(tr("Change Group Commit"), [choice](EdgeSpec &e) {
            if (choice == TopicsCommit) {
                e.commit.reset();
                e.autoCommitInterval.reset();
                return;
            }
            e.commit = static_cast<CommitMode>(choice);
            if (e.commit == CommitMode::PerRecord)
                e.autoCommitInterval.reset(); // an interval belongs to auto-commit only
        });
    });
    connect(m_groupAssignor, &QComboBox::activated, this, [this] {
        const int choice = m_groupAssignor->currentData().toInt();
        editAsStep(tr("Change Group Assignor"), [choice](EdgeSpec &e) {
            e.assignor = choice == TopicsAssignor ? std::nullopt : std::optional(static_cast<Assignor>(choice));
        });
    });
    connect(m_groupInterval, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        m_document->changeLinks(m_ids, tr("Group Auto-commit Interval"),
                                [d](EdgeSpec &e) { e.autoCommitInterval = d; });
    });
    connect(m_groupInterval, &DurationEdit::durationCleared, this, [this] {
        m_document->changeLinks(m_ids, tr("Group Auto-commit Interval"),
                                [](EdgeSpec &e) { e.autoCommitInterval.reset(); });
    });
}

bool LinkForm::consumesTopic() const
{
    return std::all_of(m_ids.begin(), m_ids.end(), [this](LinkId id) {
        const ComponentId from = m_document->source(id);
        return m_document->contains(id) && m_document->edge(id).mode == EdgeMode::Consume && from != InvalidComponentId
            && m_document->node(from).kind() == models::NodeKind::Topic;
    });
}

void LinkForm::refreshConsume()
{
    const bool shown = consumesTopic();
    setRowShown(m_consumeSection, shown);
    setRowShown(m_groupCommit, shown);
    const auto commit = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.commit; });
    if (commit)
        showChoice(m_groupCommit, std::optional(*commit ? static_cast<int>(**commit) : TopicsCommit));
    else
        showChoice(m_groupCommit, std::nullopt);
    setRowShown(m_groupAssignor, shown);
    const auto assignor = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.assignor; });
    if (assignor)
        showChoice(m_groupAssignor, std::optional(*assignor ? static_cast<int>(**assignor) : TopicsAssignor));
    else
        showChoice(m_groupAssignor, std::nullopt);
    const bool automatic = shown && commit && *commit == CommitMode::Auto;
    setRowShown(m_groupInterval, automatic);
    if (automatic)
        showOptionalDuration(m_groupInterval,
                             commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.autoCommitInterval; }));
}

} // namespace asyncsim::ui
