#include "ServiceForm.h"

#include "CapacityView.h"
#include "DistributionEditor.h"
#include "DurationEdit.h"
#include "FieldDisplay.h"
#include "FieldProblem.h"
#include "NumberField.h"
#include "UpcastersEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QRegularExpression>

#include <cstdint>

namespace asyncsim::ui {

using models::ServiceSpec;

namespace {

constexpr double MaxCount = 9e15; // whole numbers a double holds exactly, and then some

QString acceptsText(const std::vector<int> &accepts)
{
    QStringList names;
    for (int v : accepts)
        names << QStringLiteral("v%1").arg(v);
    return names.join(QStringLiteral(", "));
}

// "v1, v2" (or "1 2"): the versions in ascending order; empty: every version.
// Empty optional when a name is not a version.
std::optional<std::vector<int>> parseAccepts(const QString &text)
{
    std::vector<int> versions;
    static const QRegularExpression separator(QStringLiteral("[,\\s]+"));
    for (const QString &part : text.split(separator, Qt::SkipEmptyParts)) {
        QString digits = part.trimmed();
        if (digits.startsWith(QLatin1Char('v')) || digits.startsWith(QLatin1Char('V')))
            digits.remove(0, 1);
        bool ok = false;
        const int v = digits.toInt(&ok);
        if (!ok || v < 1 || v > 65535 || digits.startsWith(QLatin1Char('0')))
            return std::nullopt;
        if (std::find(versions.begin(), versions.end(), v) == versions.end())
            versions.push_back(v);
    }
    std::sort(versions.begin(), versions.end());
    return versions;
}

} // namespace

ServiceForm::ServiceForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent)
    : ComponentForm(document, std::move(ids), parent)
    , m_workers(new NumberField(this))
    , m_serviceTime(new DistributionEditor(this))
    , m_failure(new NumberField(this))
    , m_failureMode(new QComboBox(this))
    , m_capacity(new NumberField(this))
    , m_replicas(new NumberField(this))
    , m_balancer(new QComboBox(this))
    , m_idempotent(new QCheckBox(tr("Skip duplicates"), this))
    , m_idempotencyTtl(new DurationEdit(this))
    , m_idempotencyCapacity(new NumberField(this))
    , m_accepts(new QLineEdit(this))
    , m_upcasters(new UpcastersEditor(this))
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
    m_failureMode->setObjectName("failureMode");
    m_failureMode->setPlaceholderText(QStringLiteral("\u2014"));
    m_failureMode->addItem(tr("error: fails at once"), static_cast<int>(models::FailureMode::Error));
    m_failureMode->addItem(tr("hang: never answers"), static_cast<int>(models::FailureMode::Hang));
    addRow(tr("A failure"), m_failureMode,
           tr("How a failed processing ends. Error: it fails at the end of its service time. Hang: it never "
              "answers, and the worker is held until whoever waits gives up: a caller at its timeout, an SQS "
              "queue at the visibility timeout, RabbitMQ at its consumer timeout (30 min by default); with nobody "
              "waiting, for good."));
    m_capacity->setObjectName("capacity");
    m_capacity->setDecimals(0);
    m_capacity->setLimits(0, MaxCount);
    m_capacity->setNoneText(tr("unbounded"));
    m_capacity->setSuffix(tr(" msgs"));
    addRow(tr("Waiting line"), m_capacity,
           tr("How many published messages may wait for a free worker; more are refused. Messages it consumes "
              "from a queue wait in the queue instead."));

    addSection(tr("Replicas"));
    m_replicas->setObjectName("replicas");
    m_replicas->setDecimals(0);
    m_replicas->setLimits(1, 1000);
    m_replicas->setSuffix(tr(" replicas"));
    addRow(tr("Instances"), m_replicas,
           tr("Copies of the service, each with the workers and the waiting line above. What is published to it "
              "or called goes through a load balancer and waits at the replica it was sent to, even while "
              "another is idle; from a queue or topic each replica takes work as a consumer of its own. A crash "
              "fault takes whole replicas down."));
    m_balancer->setObjectName("balancer");
    m_balancer->setPlaceholderText(QStringLiteral("\u2014"));
    m_balancer->addItem(tr("round robin"), static_cast<int>(models::BalancerStrategy::RoundRobin));
    m_balancer->addItem(tr("random"), static_cast<int>(models::BalancerStrategy::Random));
    m_balancer->addItem(tr("least outstanding"), static_cast<int>(models::BalancerStrategy::LeastOutstanding));
    m_balancer->addItem(tr("power of two choices"), static_cast<int>(models::BalancerStrategy::PowerOfTwo));
    addRow(tr("Load balancer"), m_balancer,
           tr("How requests are spread over the replicas. Round robin: each in turn. Random: any, uniformly. Least "
              "outstanding: the one with the fewest requests in service or waiting. Power of two choices: the "
              "less loaded of two drawn at random. Only the last two look at the load."));

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

    addSection(tr("Schema versions"));
    m_accepts->setObjectName("accepts");
    m_accepts->setPlaceholderText(tr("every version"));
    addRow(tr("Reads"), m_accepts,
           tr("The schema versions it reads, such as \"v1, v2\"; empty: every version. Another version is "
              "upcast through the chain below if it can be, else rejected: dead-lettered by a RabbitMQ queue at "
              "once, by an SQS queue after maxReceiveCount receives, dropped otherwise."));
    m_upcasters->setObjectName("upcasters");
    addRow(tr("Upcasters"), m_upcasters,
           tr("Steps that turn a message of one version into the next on read, each at a CPU cost added to the "
              "service time."));

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
    connect(m_failureMode, &QComboBox::activated, this, [this] {
        const auto mode = static_cast<models::FailureMode>(m_failureMode->currentData().toInt());
        edit<ServiceSpec>(tr("Failure mode"), [mode](ServiceSpec &s) { s.failureMode = mode; });
    });
    connect(m_accepts, &QLineEdit::textEdited, this, [this](const QString &text) {
        const auto versions = parseAccepts(text);
        FieldProblem::set(m_accepts, versions ? QString() : tr("Versions are named v1, v2, ... up to v65535."));
        if (versions)
            edit<ServiceSpec>(tr("Versions read"), [v = *versions](ServiceSpec &s) { s.accepts = v; });
    });
    connect(m_upcasters, &UpcastersEditor::upcastersEdited, this,
            [this](const std::vector<models::UpcasterSpec> &steps) {
                edit<ServiceSpec>(tr("Upcasters"), [steps](ServiceSpec &s) { s.upcasters = steps; });
            });
    connect(m_upcasters, &UpcastersEditor::rowsChanged, this, [this](const std::vector<models::UpcasterSpec> &steps) {
        editAsStep<ServiceSpec>(tr("Change Upcasters"), tr("Upcasters"),
                                [steps](ServiceSpec &s) { s.upcasters = steps; });
    });
    connect(m_capacity, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        std::optional<std::uint64_t> capacity;
        if (v)
            capacity = static_cast<std::uint64_t>(*v);
        edit<ServiceSpec>(tr("Waiting line"), [capacity](ServiceSpec &s) { s.capacity = capacity; });
    });
    connect(m_replicas, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            edit<ServiceSpec>(tr("Replicas"), [n = static_cast<int>(*v)](ServiceSpec &s) { s.replicas = n; });
    });
    connect(m_balancer, &QComboBox::activated, this, [this] {
        const auto strategy = static_cast<models::BalancerStrategy>(m_balancer->currentData().toInt());
        edit<ServiceSpec>(tr("Load balancer"), [strategy](ServiceSpec &s) { s.balancer = strategy; });
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
    showNumber(m_replicas, common<ServiceSpec>([](const ServiceSpec &s) { return s.replicas; }));
    const auto balancer = common<ServiceSpec>([](const ServiceSpec &s) { return s.balancer; });
    showChoice(m_balancer, balancer ? std::optional(static_cast<int>(*balancer)) : std::nullopt);
    // The balancer matters only with two replicas or more.
    const auto replicas = common<ServiceSpec>([](const ServiceSpec &s) { return s.replicas; });
    setRowShown(m_balancer, !replicas || *replicas > 1);
    const auto mode = common<ServiceSpec>([](const ServiceSpec &s) { return s.failureMode; });
    showChoice(m_failureMode, mode ? std::optional(static_cast<int>(*mode)) : std::nullopt);

    // A text being typed that reads as the same versions stays as typed.
    const auto accepts = common<ServiceSpec>([](const ServiceSpec &s) { return s.accepts; });
    if (!accepts) {
        m_accepts->clear();
        m_accepts->setPlaceholderText(tr("differs"));
    } else {
        m_accepts->setPlaceholderText(tr("every version"));
        if (!m_accepts->hasFocus() || parseAccepts(m_accepts->text()) != *accepts)
            m_accepts->setText(acceptsText(*accepts));
        if (!m_accepts->hasFocus())
            FieldProblem::set(m_accepts, QString());
    }
    if (const auto steps = common<ServiceSpec>([](const ServiceSpec &s) { return s.upcasters; }))
        m_upcasters->setUpcasters(*steps);
    else
        m_upcasters->setMixed();

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
