#include "ServiceForm.h"

#include "CapacityView.h"
#include "DistributionEditor.h"
#include "DurationEdit.h"
#include "FieldDisplay.h"
#include "NumberField.h"

#include <QCheckBox>

#include <cstdint>

namespace asyncsim::ui {

using models::ServiceSpec;

namespace {

constexpr double MaxCount = 9e15; // whole numbers a double holds exactly, and then some

} // namespace

ServiceForm::ServiceForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent)
    : ComponentForm(document, std::move(ids), parent)
    , m_workers(new NumberField(this))
    , m_serviceTime(new DistributionEditor(this))
    , m_failure(new NumberField(this))
    , m_capacity(new NumberField(this))
    , m_idempotent(new QCheckBox(tr("Skip duplicates"), this))
    , m_idempotencyTtl(new DurationEdit(this))
    , m_idempotencyCapacity(new NumberField(this))
{
    addSection(tr("Processing"));
    m_workers->setObjectName("workers");
    m_workers->setDecimals(0);
    m_workers->setLimits(1, 1e6);
    m_workers->setSuffix(tr(" workers"));
    addRow(tr("Workers"), m_workers, tr("How many messages it processes at the same time."));
    m_serviceTime->setObjectName("serviceTime");
    addRow(tr("Service time"), m_serviceTime, tr("How long one processing takes."));
    m_failure->setObjectName("failureProbability");
    m_failure->setDecimals(3);
    m_failure->setSingleStep(0.01);
    m_failure->setLimits(0, 1);
    addRow(tr("Failure chance"), m_failure,
           tr("The probability that one processing fails. What happens to the message then depends on the queue "
              "it came from: lost (basic), seen again after the visibility timeout (SQS), requeued or rejected "
              "(RabbitMQ)."));
    m_capacity->setObjectName("capacity");
    m_capacity->setDecimals(0);
    m_capacity->setLimits(0, MaxCount);
    m_capacity->setNoneText(tr("unbounded"));
    m_capacity->setSuffix(tr(" msgs"));
    addRow(tr("Waiting line"), m_capacity,
           tr("How many published messages may wait for a free worker; more are refused. Messages it consumes "
              "from a queue wait in the queue instead."));

    addSection(tr("Idempotency"));
    m_idempotent->setObjectName("idempotent");
    addRow(QString(), m_idempotent,
           tr("Remember the ids of processed messages and skip a message seen before (an idempotent consumer), "
              "so a redelivered duplicate has no second effect."));
    m_idempotencyTtl->setObjectName("idempotencyTtl");
    m_idempotencyTtl->setPositive(true);
    addCheckedRow(tr("Remember for"), m_idempotencyTtl, tr("How long a processed id is remembered."));
    m_idempotencyCapacity->setObjectName("idempotencyCapacity");
    m_idempotencyCapacity->setDecimals(0);
    m_idempotencyCapacity->setLimits(1, MaxCount);
    m_idempotencyCapacity->setNoneText(tr("no limit"));
    m_idempotencyCapacity->setSuffix(tr(" ids"));
    addRow(tr("Ids kept"), m_idempotencyCapacity,
           tr("The most ids remembered at once; the oldest are forgotten first."));

    m_capacitySection = addSection(tr("Capacity"));
    m_capacityView = new CapacityView(this);
    addWideRow(m_capacityView);

    connect(m_workers, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            edit<ServiceSpec>(tr("Workers"), [n = static_cast<int>(*v)](ServiceSpec &s) { s.workers = n; });
    });
    connect(m_serviceTime, &DistributionEditor::distributionEdited, this, [this](const sim::Distribution &d) {
        edit<ServiceSpec>(tr("Service time"), [d](ServiceSpec &s) { s.serviceTime = d; });
    });
    connect(m_failure, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            edit<ServiceSpec>(tr("Failure chance"), [p = *v](ServiceSpec &s) { s.failureProbability = p; });
    });
    connect(m_capacity, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        std::optional<std::uint64_t> capacity;
        if (v)
            capacity = static_cast<std::uint64_t>(*v);
        edit<ServiceSpec>(tr("Waiting line"), [capacity](ServiceSpec &s) { s.capacity = capacity; });
    });
    connect(m_idempotent, &QCheckBox::clicked, this, [this](bool on) {
        editAsStep<ServiceSpec>(on ? tr("Turn On Idempotency") : tr("Turn Off Idempotency"), tr("Idempotency"),
                                [on](ServiceSpec &s) {
                                    if (!on)
                                        s.idempotency.reset();
                                    else if (!s.idempotency)
                                        s.idempotency = models::IdempotencySpec{};
                                });
    });
    connect(m_idempotencyTtl, &DurationEdit::durationEdited, this, [this](sim::Duration ttl) {
        edit<ServiceSpec>(tr("Idempotency time"), [ttl](ServiceSpec &s) {
            if (s.idempotency)
                s.idempotency->ttl = ttl;
        });
    });
    connect(m_idempotencyCapacity, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        std::optional<std::uint64_t> capacity;
        if (v)
            capacity = static_cast<std::uint64_t>(*v);
        edit<ServiceSpec>(tr("Ids kept"), [capacity](ServiceSpec &s) {
            if (s.idempotency)
                s.idempotency->capacity = capacity;
        });
    });
    refresh();
}

void ServiceForm::refreshFields()
{
    // The capacity check is about one node in its topology.
    const int index = ids().size() == 1 ? document()->indexOf(ids().front()) : -1;
    setRowShown(m_capacitySection, index >= 0);
    setRowShown(m_capacityView, index >= 0);
    if (index >= 0)
        m_capacityView->showNode(*document(), static_cast<std::size_t>(index));
    showNumber(m_workers, common<ServiceSpec>([](const ServiceSpec &s) { return s.workers; }));
    showDistribution(m_serviceTime, common<ServiceSpec>([](const ServiceSpec &s) { return s.serviceTime; }));
    showNumber(m_failure, common<ServiceSpec>([](const ServiceSpec &s) { return s.failureProbability; }));
    showOptionalNumber(m_capacity, common<ServiceSpec>([](const ServiceSpec &s) { return s.capacity; }));

    const auto idempotent = common<ServiceSpec>([](const ServiceSpec &s) { return s.idempotency.has_value(); });
    showChecked(m_idempotent, idempotent);
    // The store's settings apply when every selected service has one.
    const bool settings = idempotent.value_or(false);
    setRowShown(m_idempotencyTtl, settings);
    setRowShown(m_idempotencyCapacity, settings);
    if (settings) {
        showDuration(m_idempotencyTtl, common<ServiceSpec>([](const ServiceSpec &s) { return s.idempotency->ttl; }));
        showOptionalNumber(m_idempotencyCapacity,
                           common<ServiceSpec>([](const ServiceSpec &s) { return s.idempotency->capacity; }));
    }
}

} // namespace asyncsim::ui
