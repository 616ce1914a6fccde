#include "TopicForm.h"

#include "DurationEdit.h"
#include "FieldDisplay.h"
#include "NumberField.h"

#include <QComboBox>

namespace asyncsim::ui {

using models::Assignor;
using models::CommitMode;
using models::TopicSpec;

TopicForm::TopicForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent)
    : ComponentForm(document, std::move(ids), parent)
    , m_partitions(new NumberField(this))
    , m_retention(new DurationEdit(this))
    , m_commit(new QComboBox(this))
    , m_interval(new DurationEdit(this))
    , m_rebalancePause(new DurationEdit(this))
    , m_assignor(new QComboBox(this))
{
    addNote(tr("A partitioned log. Every consuming service is a consumer group and sees every record; within a "
               "group each partition belongs to one worker and is read in order."));
    addSection(tr("Log"));
    m_partitions->setObjectName("partitions");
    m_partitions->setDecimals(0);
    m_partitions->setLimits(1, 100000);
    m_partitions->setSuffix(tr(" partitions"));
    addRow(tr("Partitions"), m_partitions,
           tr("A keyed record goes to the partition Kafka's murmur2 hash of its key picks; keyless records take "
              "turns. More workers than partitions leaves some idle."));
    m_retention->setObjectName("retention");
    m_retention->setPositive(true);
    addRow(tr("Retention"), m_retention,
           tr("Records older than this are deleted; a group that had not read them yet loses them "
              "(Kafka's retention.ms, 7 days by default)."));

    addSection(tr("Offsets"));
    m_commit->setObjectName("commit");
    m_commit->setPlaceholderText(QStringLiteral("\u2014"));
    m_commit->addItem(tr("auto-commit"), static_cast<int>(CommitMode::Auto));
    m_commit->addItem(tr("after each record"), static_cast<int>(CommitMode::PerRecord));
    addRow(tr("Commit"), m_commit,
           tr("When a group records how far it has read. Lag is what it has not committed yet; after a crash it "
              "starts again from the committed offset."));
    m_interval->setObjectName("autoCommitInterval");
    m_interval->setPositive(true);
    addRow(tr("Every"), m_interval, tr("Kafka's auto.commit.interval.ms (5 s by default)."));
    addSection(tr("Rebalancing"));
    m_assignor->setObjectName("assignor");
    m_assignor->setPlaceholderText(QStringLiteral("\u2014"));
    m_assignor->addItem(tr("range (eager)"), static_cast<int>(Assignor::Range));
    m_assignor->addItem(tr("cooperative sticky"), static_cast<int>(Assignor::CooperativeSticky));
    addRow(tr("Assignor"), m_assignor,
           tr("How a group shares the partitions out when a consumer instance crashes or comes back. Range (Kafka's "
              "default): every partition of the group stops while it rebalances. Cooperative sticky: the others "
              "read on, and only the partitions that change owner stop."));
    m_rebalancePause->setObjectName("rebalancePause");
    addRow(tr("Round"), m_rebalancePause,
           tr("How long a rebalance round takes (3 s, Kafka's heartbeat interval, by default). A cooperative move "
              "takes two rounds: one to revoke, one to hand out. Model a crash only found by the session timeout "
              "with 45 s or more."));

    connect(m_partitions, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            edit<TopicSpec>(tr("Partitions"), [n = static_cast<int>(*v)](TopicSpec &t) { t.partitions = n; });
    });
    connect(m_retention, &DurationEdit::durationEdited, this,
            [this](sim::Duration d) { edit<TopicSpec>(tr("Retention"), [d](TopicSpec &t) { t.retention = d; }); });
    connect(m_commit, &QComboBox::activated, this, [this] {
        const auto mode = static_cast<CommitMode>(m_commit->currentData().toInt());
        edit<TopicSpec>(tr("Commit"), [mode](TopicSpec &t) { t.commit = mode; });
    });
    connect(m_interval, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        edit<TopicSpec>(tr("Auto-commit interval"), [d](TopicSpec &t) { t.autoCommitInterval = d; });
    });
    connect(m_assignor, &QComboBox::activated, this, [this] {
        const auto assignor = static_cast<Assignor>(m_assignor->currentData().toInt());
        edit<TopicSpec>(tr("Assignor"), [assignor](TopicSpec &t) { t.assignor = assignor; });
    });
    connect(m_rebalancePause, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        edit<TopicSpec>(tr("Rebalance pause"), [d](TopicSpec &t) { t.rebalancePause = d; });
    });
    refresh();
}

void TopicForm::refreshFields()
{
    showNumber(m_partitions, common<TopicSpec>([](const TopicSpec &t) { return t.partitions; }));
    showDuration(m_retention, common<TopicSpec>([](const TopicSpec &t) { return t.retention; }));
    const auto mode = common<TopicSpec>([](const TopicSpec &t) { return t.commit; });
    showChoice(m_commit, mode ? std::optional(static_cast<int>(*mode)) : std::nullopt);
    const bool automatic = mode == CommitMode::Auto;
    setRowShown(m_interval, automatic);
    if (automatic)
        showDuration(m_interval, common<TopicSpec>([](const TopicSpec &t) { return t.autoCommitInterval; }));
    const auto assignor = common<TopicSpec>([](const TopicSpec &t) { return t.assignor; });
    showChoice(m_assignor, assignor ? std::optional(static_cast<int>(*assignor)) : std::nullopt);
    showDuration(m_rebalancePause, common<TopicSpec>([](const TopicSpec &t) { return t.rebalancePause; }));
}

} // namespace asyncsim::ui
