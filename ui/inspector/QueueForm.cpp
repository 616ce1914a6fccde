#include "QueueForm.h"

#include "CapacityView.h"
#include "DurationEdit.h"
#include "FieldDisplay.h"
#include "NumberField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>

#include <cstdint>
#include <limits>

namespace asyncsim::ui {

using models::DeliveryLimitCounting;
using models::FailureAction;
using models::OverflowPolicy;
using models::QueueDeduplication;
using models::QueueFlavour;
using models::QueueSpec;

namespace {

constexpr double MaxCount = 9e15;

QComboBox *choice(QWidget *parent, const char *name)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->setPlaceholderText(QStringLiteral("\u2014"));
    return combo;
}

QString flavourNote(std::optional<QueueFlavour> flavour)
{
    switch (flavour.value_or(QueueFlavour::Invalid)) {
    case QueueFlavour::Basic:
        return QueueForm::tr("Hands a message over and forgets it: a failed processing loses it.");
    case QueueFlavour::Sqs:
        return QueueForm::tr("A received message stays, invisible, until it is deleted or its visibility "
                             "timeout ends; then it is received again.");
    case QueueFlavour::RabbitMq:
        return QueueForm::tr("A quorum queue: the consumer acknowledges; a failure requeues or rejects the "
                             "message.");
    case QueueFlavour::Invalid:
        break;
    }
    return QString();
}

std::optional<std::uint64_t> toCount(std::optional<double> v)
{
    return v ? std::optional(static_cast<std::uint64_t>(*v)) : std::nullopt;
}

std::optional<int> toInt(std::optional<double> v)
{
    return v ? std::optional(static_cast<int>(*v)) : std::nullopt;
}

} // namespace

QueueForm::QueueForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent)
    : ComponentForm(document, std::move(ids), parent)
    , m_flavour(choice(this, "flavour"))
    , m_capacity(new NumberField(this))
    , m_overflow(choice(this, "overflow"))
    , m_deduplication(new DurationEdit(this))
    , m_extendOnDuplicate(new QCheckBox(tr("A duplicate starts the interval again"), this))
    , m_visibilityTimeout(new DurationEdit(this))
    , m_maxReceiveCount(new NumberField(this))
    , m_retention(new DurationEdit(this))
    , m_deliveryDelay(new DurationEdit(this))
    , m_fifo(new QCheckBox(tr("FIFO: in order per key"), this))
    , m_deliveryLimit(new NumberField(this))
    , m_onFailure(choice(this, "onFailure"))
    , m_messageTtl(new DurationEdit(this))
    , m_prefetch(new NumberField(this))
    , m_consumerTimeout(new DurationEdit(this))
    , m_deliveryLimitCounts(choice(this, "deliveryLimitCounts"))
    , m_deadLetter(choice(this, "deadLetter"))
{
    addSection(tr("Behaviour"));
    m_flavour->addItem(tr("Basic"), static_cast<int>(QueueFlavour::Basic));
    m_flavour->addItem(tr("Amazon SQS"), static_cast<int>(QueueFlavour::Sqs));
    m_flavour->addItem(tr("RabbitMQ"), static_cast<int>(QueueFlavour::RabbitMq));
    addRow(tr("Flavour"), m_flavour, tr("Whose acknowledgement semantics the queue follows."));
    m_flavourNote = addNote(QString(), NotePlace::UnderField);
    m_capacity->setObjectName("capacity");
    m_capacity->setDecimals(0);
    m_capacity->setLimits(0, MaxCount);
    m_capacity->setNoneText(tr("unbounded"));
    m_capacity->setSuffix(tr(" msgs"));
    addRow(tr("Capacity"), m_capacity, tr("How many ready messages may wait; a full queue overflows."));
    addRow(tr("When full"), m_overflow, tr("What a full queue does with a new message."));
    m_deduplication->setObjectName("deduplication");
    m_deduplication->setPositive(true);
    m_deduplication->setOptional(true, tr("off"));
    addCheckedRow(tr("Deduplication"), m_deduplication,
                  tr("A send of a message id accepted within this interval is acknowledged but not enqueued "
                     "(SQS FIFO: 5m). Empty: off."));
    m_extendOnDuplicate->setObjectName("extendOnDuplicate");
    addRow(QString(), m_extendOnDuplicate,
           tr("Whether a suppressed duplicate starts the interval again; SQS does not say, so by default it does "
              "not."));

    m_sqsSection = addSection(tr("SQS delivery"));
    m_visibilityTimeout->setObjectName("visibilityTimeout");
    m_visibilityTimeout->setPositive(true);
    m_visibilityTimeout->setMaximum(sim::Duration::seconds(12 * 3600));
    addCheckedRow(tr("Visibility"), m_visibilityTimeout,
                  tr("How long a received message stays invisible; unless deleted by then, it is received again "
                     "(default 30s, at most 12h)."));
    m_maxReceiveCount->setObjectName("maxReceiveCount");
    m_maxReceiveCount->setDecimals(0);
    m_maxReceiveCount->setLimits(1, 1000);
    m_maxReceiveCount->setNoneText(tr("never"));
    m_maxReceiveCount->setSuffix(tr(" receives"));
    addRow(tr("Dead-letter after"), m_maxReceiveCount,
           tr("Redrive policy: a message received this many times goes to the dead-letter target instead "
              "(needs a target)."));
    m_retention->setObjectName("retention");
    m_retention->setMinimum(sim::Duration::seconds(60));
    m_retention->setMaximum(sim::Duration::seconds(14 * 86400));
    addCheckedRow(tr("Retention"), m_retention,
                  tr("Older messages are deleted, never dead-lettered (1m to 14d, default 4d)."));
    m_deliveryDelay->setObjectName("deliveryDelay");
    m_deliveryDelay->setMaximum(sim::Duration::seconds(900));
    addCheckedRow(tr("Delivery delay"), m_deliveryDelay,
                  tr("A new message is hidden this long before it can be received (0 to 15m)."));
    m_fifo->setObjectName("fifo");
    addRow(QString(), m_fifo,
           tr("A FIFO queue: while a message of a group (a producer's key) is in flight, no later message of "
              "that group is received; sends are deduplicated over 5m unless set otherwise."));

    m_rabbitSection = addSection(tr("RabbitMQ delivery"));
    m_deliveryLimit->setObjectName("deliveryLimit");
    m_deliveryLimit->setDecimals(0);
    m_deliveryLimit->setLimits(0, std::numeric_limits<int>::max());
    m_deliveryLimit->setNoneText(tr("no limit"));
    addRow(tr("Delivery limit"), m_deliveryLimit,
           tr("A returned message delivered more often than this is dead-lettered (RabbitMQ 4 defaults to 20)."));
    m_onFailure->addItem(tr("requeue (nack)"), static_cast<int>(FailureAction::Requeue));
    m_onFailure->addItem(tr("reject"), static_cast<int>(FailureAction::Reject));
    addRow(tr("On failure"), m_onFailure,
           tr("Requeue: back to the head of the queue, counting toward the delivery limit. Reject: "
              "dead-lettered, or dropped without a target."));
    m_messageTtl->setObjectName("messageTtl");
    m_messageTtl->setOptional(true, tr("none"));
    addCheckedRow(tr("Message TTL"), m_messageTtl,
                  tr("A message older than this expires when it reaches the head (a requeue keeps its age). "
                     "Empty: no TTL."));
    m_prefetch->setObjectName("prefetch");
    m_prefetch->setDecimals(0);
    m_prefetch->setLimits(0, 65535);
    m_prefetch->setSuffix(tr(" msgs"));
    addRow(tr("Prefetch"), m_prefetch,
           tr("basic.qos per consumer: the most unacknowledged deliveries a consuming service holds, buffering "
              "those its workers cannot start yet. 0: it takes messages as its workers become free."));
    m_consumerTimeout->setObjectName("consumerTimeout");
    m_consumerTimeout->setPositive(true);
    addCheckedRow(tr("Consumer timeout"), m_consumerTimeout,
                  tr("consumer_timeout: a delivery held unacknowledged longer (a hung consumer) closes the channel "
                     "and is requeued (default 30m)."));
    m_deliveryLimitCounts->addItem(tr("every return (4.0 to 4.2)"), static_cast<int>(DeliveryLimitCounting::All));
    m_deliveryLimitCounts->addItem(tr("failed returns only (4.3)"), static_cast<int>(DeliveryLimitCounting::Failed));
    addRow(tr("Limit counts"), m_deliveryLimitCounts,
           tr("Which returns count toward the delivery limit. From RabbitMQ 4.3 a nack with requeue does not, so "
              "a requeue loop never dead-letters."));

    m_deadLetterSection = addSection(tr("Dead letters"));
    addRow(tr("Target"), m_deadLetter, tr("The dead-letter queue that takes this queue's dead letters."));

    m_capacitySection = addSection(tr("Capacity"));
    m_capacityView = new CapacityView(this);
    addWideRow(m_capacityView);

    connect(m_flavour, &QComboBox::activated, this, [this] {
        const auto flavour = static_cast<QueueFlavour>(m_flavour->currentData().toInt());
        edit<QueueSpec>(tr("Flavour"), [flavour](QueueSpec &q) { q.flavour = flavour; });
    });
    connect(m_capacity, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        edit<QueueSpec>(tr("Capacity"), [c = toCount(v)](QueueSpec &q) { q.capacity = c; });
    });
    connect(m_overflow, &QComboBox::activated, this, [this] {
        const auto policy = static_cast<OverflowPolicy>(m_overflow->currentData().toInt());
        edit<QueueSpec>(tr("When full"), [policy](QueueSpec &q) { q.overflow = policy; });
    });
    connect(m_deduplication, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        edit<QueueSpec>(tr("Deduplication"), [d](QueueSpec &q) {
            QueueDeduplication window = q.deduplicationWindow().value_or(QueueDeduplication{});
            window.interval = d;
            q.deduplication = window;
        });
    });
    connect(m_deduplication, &DurationEdit::durationCleared, this,
            [this] { edit<QueueSpec>(tr("Deduplication"), [](QueueSpec &q) { q.deduplication.reset(); }); });
    connect(m_extendOnDuplicate, &QCheckBox::clicked, this, [this](bool on) {
        editAsStep<QueueSpec>(on ? tr("Extend Deduplication on Duplicates") : tr("Anchor Deduplication at First Send"),
                              tr("Extend on duplicate"), [on](QueueSpec &q) {
                                  QueueDeduplication window = q.deduplicationWindow().value_or(QueueDeduplication{});
                                  window.extendOnDuplicate = on;
                                  q.deduplication = window;
                              });
    });
    connect(m_fifo, &QCheckBox::clicked, this, [this](bool on) {
        editAsStep<QueueSpec>(on ? tr("Make FIFO") : tr("Make Standard"), tr("FIFO"),
                              [on](QueueSpec &q) { q.fifo = on; });
    });
    connect(m_prefetch, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        const auto prefetch = static_cast<std::uint32_t>(v.value_or(0));
        edit<QueueSpec>(tr("Prefetch"), [prefetch](QueueSpec &q) { q.prefetch = prefetch; });
    });
    connect(m_consumerTimeout, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        edit<QueueSpec>(tr("Consumer timeout"), [d](QueueSpec &q) { q.consumerTimeout = d; });
    });
    connect(m_deliveryLimitCounts, &QComboBox::activated, this, [this] {
        const auto counting = static_cast<DeliveryLimitCounting>(m_deliveryLimitCounts->currentData().toInt());
        edit<QueueSpec>(tr("Limit counts"), [counting](QueueSpec &q) { q.deliveryLimitCounts = counting; });
    });
    connect(m_visibilityTimeout, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        edit<QueueSpec>(tr("Visibility timeout"), [d](QueueSpec &q) { q.visibilityTimeout = d; });
    });
    connect(m_maxReceiveCount, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        edit<QueueSpec>(tr("Max receives"), [n = toInt(v)](QueueSpec &q) { q.maxReceiveCount = n; });
    });
    connect(m_retention, &DurationEdit::durationEdited, this,
            [this](sim::Duration d) { edit<QueueSpec>(tr("Retention"), [d](QueueSpec &q) { q.retention = d; }); });
    connect(m_deliveryDelay, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        edit<QueueSpec>(tr("Delivery delay"), [d](QueueSpec &q) { q.deliveryDelay = d; });
    });
    connect(m_deliveryLimit, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        edit<QueueSpec>(tr("Delivery limit"), [n = toInt(v)](QueueSpec &q) { q.deliveryLimit = n; });
    });
    connect(m_onFailure, &QComboBox::activated, this, [this] {
        const auto action = static_cast<FailureAction>(m_onFailure->currentData().toInt());
        edit<QueueSpec>(tr("On failure"), [action](QueueSpec &q) { q.onFailure = action; });
    });
    connect(m_messageTtl, &DurationEdit::durationEdited, this,
            [this](sim::Duration d) { edit<QueueSpec>(tr("Message TTL"), [d](QueueSpec &q) { q.messageTtl = d; }); });
    connect(m_messageTtl, &DurationEdit::durationCleared, this,
            [this] { edit<QueueSpec>(tr("Message TTL"), [](QueueSpec &q) { q.messageTtl.reset(); }); });
    connect(m_deadLetter, &QComboBox::activated, this, [this] {
        const std::string target = m_deadLetter->currentData().toString().toStdString();
        edit<QueueSpec>(tr("Dead-letter target"), [target](QueueSpec &q) { q.deadLetter = target; });
    });
    refresh();
}

void QueueForm::refreshFields()
{
    // The capacity check is about one node in its topology.
    const int index = ids().size() == 1 ? document()->indexOf(ids().front()) : -1;
    setRowShown(m_capacitySection, index >= 0);
    setRowShown(m_capacityView, index >= 0);
    if (index >= 0)
        m_capacityView->showNode(*document(), static_cast<std::size_t>(index));
    const auto flavour = common<QueueSpec>([](const QueueSpec &q) { return q.flavour; });
    showChoice(m_flavour, flavour ? std::optional(static_cast<int>(*flavour)) : std::nullopt);
    m_flavourNote->setText(flavourNote(flavour));
    setRowShown(m_flavourNote, !m_flavourNote->text().isEmpty());

    const auto capacity = common<QueueSpec>([](const QueueSpec &q) { return q.capacity; });
    showOptionalNumber(m_capacity, capacity);
    // Only a bounded queue overflows.
    setRowShown(m_overflow, !capacity || capacity->has_value());
    refreshOverflowChoices(flavour == QueueFlavour::RabbitMq);

    const bool sqs = flavour == QueueFlavour::Sqs;
    const bool rabbit = flavour == QueueFlavour::RabbitMq;
    for (QWidget *w :
         {m_sqsSection, static_cast<QWidget *>(m_visibilityTimeout), static_cast<QWidget *>(m_maxReceiveCount),
          static_cast<QWidget *>(m_retention), static_cast<QWidget *>(m_deliveryDelay), static_cast<QWidget *>(m_fifo)})
        setRowShown(w, sqs);
    for (QWidget *w : {m_rabbitSection, static_cast<QWidget *>(m_deliveryLimit), static_cast<QWidget *>(m_onFailure),
                       static_cast<QWidget *>(m_messageTtl), static_cast<QWidget *>(m_prefetch),
                       static_cast<QWidget *>(m_consumerTimeout), static_cast<QWidget *>(m_deliveryLimitCounts)})
        setRowShown(w, rabbit);
    refreshDeduplication(sqs);
    // A basic queue never dead-letters.
    setRowShown(m_deadLetterSection, sqs || rabbit);
    setRowShown(m_deadLetter, sqs || rabbit);
    if (sqs) {
        showDuration(m_visibilityTimeout, common<QueueSpec>([](const QueueSpec &q) { return q.visibilityTimeout; }));
        showOptionalNumber(m_maxReceiveCount, common<QueueSpec>([](const QueueSpec &q) { return q.maxReceiveCount; }));
        showDuration(m_retention, common<QueueSpec>([](const QueueSpec &q) { return q.retention; }));
        showDuration(m_deliveryDelay, common<QueueSpec>([](const QueueSpec &q) { return q.deliveryDelay; }));
        showChecked(m_fifo, common<QueueSpec>([](const QueueSpec &q) { return q.fifo; }));
    }
    if (rabbit) {
        showOptionalNumber(m_deliveryLimit, common<QueueSpec>([](const QueueSpec &q) { return q.deliveryLimit; }));
        const auto action = common<QueueSpec>([](const QueueSpec &q) { return q.onFailure; });
        showChoice(m_onFailure, action ? std::optional(static_cast<int>(*action)) : std::nullopt);
        showOptionalDuration(m_messageTtl, common<QueueSpec>([](const QueueSpec &q) { return q.messageTtl; }));
        showNumber(m_prefetch, common<QueueSpec>([](const QueueSpec &q) { return q.prefetch; }));
        showDuration(m_consumerTimeout, common<QueueSpec>([](const QueueSpec &q) { return q.consumerTimeout; }));
        const auto counting = common<QueueSpec>([](const QueueSpec &q) { return q.deliveryLimitCounts; });
        showChoice(m_deliveryLimitCounts, counting ? std::optional(static_cast<int>(*counting)) : std::nullopt);
    }
    if (sqs || rabbit)
        refreshDeadLetterChoices();
}

void QueueForm::refreshDeduplication(bool sqs)
{
    // Any flavour may deduplicate; a FIFO queue always does, 5m unless set.
    const auto fifo = common<QueueSpec>([](const QueueSpec &q) { return q.fifo; });
    m_deduplication->setOptional(true, sqs && fifo == true ? tr("5m (FIFO)") : tr("off"));
    const auto interval = common<QueueSpec>([](const QueueSpec &q) -> std::optional<sim::Duration> {
        return q.deduplication ? std::optional(q.deduplication->interval) : std::nullopt;
    });
    showOptionalDuration(m_deduplication, interval);
    const auto effective = common<QueueSpec>([](const QueueSpec &q) { return q.deduplicationWindow(); });
    setRowShown(m_extendOnDuplicate, !effective || effective->has_value());
    const auto extend = common<QueueSpec>([](const QueueSpec &q) {
        const auto window = q.deduplicationWindow();
        return window && window->extendOnDuplicate;
    });
    showChecked(m_extendOnDuplicate, extend);
}

void QueueForm::refreshOverflowChoices(bool rabbit)
{
    const auto policy = common<QueueSpec>([](const QueueSpec &q) { return q.overflow; });
    // Refusing into the dead-letter queue is RabbitMQ's; shown elsewhere only
    // when a file has it, so the value is not hidden.
    const bool withDeadLetter = rabbit || policy == OverflowPolicy::RejectNewDeadLetter;
    const QSignalBlocker blocker(m_overflow);
    if (m_overflow->count() != (withDeadLetter ? 3 : 2)) {
        m_overflow->clear();
        m_overflow->addItem(tr("reject new"), static_cast<int>(OverflowPolicy::RejectNew));
        m_overflow->addItem(tr("drop oldest"), static_cast<int>(OverflowPolicy::DropOldest));
        if (withDeadLetter)
            m_overflow->addItem(tr("reject to dead letters"), static_cast<int>(OverflowPolicy::RejectNewDeadLetter));
        m_overflow->setItemData(0, tr("Refuse the newcomer; its publisher drops it."), Qt::ToolTipRole);
        m_overflow->setItemData(1, tr("Discard the oldest waiting message to make room."), Qt::ToolTipRole);
        m_overflow->setItemData(2, tr("Refuse the newcomer and dead-letter it (reject-publish-dlx)."), Qt::ToolTipRole);
    }
    showChoice(m_overflow, policy ? std::optional(static_cast<int>(*policy)) : std::nullopt);
}

void QueueForm::refreshDeadLetterChoices()
{
    // "none", then the document's dead-letter queues by name; a target that
    // names no dead-letter queue (a draft file) is listed too, so it shows.
    QStringList names;
    for (ComponentId id : document()->componentIds())
        if (document()->node(id).kind() == models::NodeKind::DeadLetter)
            names << QString::fromStdString(document()->node(id).id);
    const auto target = common<QueueSpec>([](const QueueSpec &q) { return q.deadLetter; });
    const QString current = target ? QString::fromStdString(*target) : QString();
    if (!current.isEmpty() && !names.contains(current))
        names << current;

    QStringList shown;
    for (int i = 1; i < m_deadLetter->count(); ++i)
        shown << m_deadLetter->itemData(i).toString();
    const QSignalBlocker blocker(m_deadLetter);
    if (m_deadLetter->count() == 0 || shown != names) {
        m_deadLetter->clear();
        m_deadLetter->addItem(tr("none"), QString());
        for (const QString &name : names)
            m_deadLetter->addItem(name, name);
    }
    m_deadLetter->setCurrentIndex(target ? m_deadLetter->findData(current) : -1);
}

} // namespace asyncsim::ui
