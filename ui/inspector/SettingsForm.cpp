#include "SettingsForm.h"

#include "DurationEdit.h"
#include "FaultsEditor.h"
#include "FieldProblem.h"
#include "NumberField.h"
#include "ui/TopologyDocument.h"

#include <QFontMetrics>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>

#include <algorithm>
#include <cstdint>

namespace asyncsim::ui {

using models::Topology;

SettingsForm::SettingsForm(TopologyDocument *document, QWidget *parent)
    : InspectorForm(parent)
    , m_document(document)
    , m_name(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_duration(new DurationEdit(this))
    , m_warmup(new DurationEdit(this))
    , m_seed(new QLineEdit(this))
    , m_replications(new NumberField(this))
    , m_sampleInterval(new DurationEdit(this))
    , m_faults(new FaultsEditor(this))
{
    addSection(tr("Topology"));
    m_name->setObjectName("documentName");
    m_name->setPlaceholderText(tr("untitled"));
    addRow(tr("Name"), m_name, tr("The topology's title, shown in reports."));
    m_description->setObjectName("description");
    m_description->setTabChangesFocus(true);
    m_description->setPlaceholderText(tr("What this topology shows"));
    m_description->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_description->setFixedHeight(QFontMetrics(m_description->font()).lineSpacing() * 5 + 10);
    addRow(tr("Description"), m_description, tr("Notes for whoever opens the file."));

    addSection(tr("Simulation"));
    m_duration->setObjectName("duration");
    m_duration->setPositive(true);
    addCheckedRow(tr("Duration"), m_duration, tr("How much simulated time a run covers."));
    m_warmup->setObjectName("warmup");
    addCheckedRow(tr("Warm-up"), m_warmup,
                  tr("Statistics from before this time are discarded, so an empty start does not flatter them."));
    m_seed->setObjectName("seed");
    m_seed->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    addCheckedRow(tr("Seed"), m_seed,
                  tr("Every random stream derives from it: the same seed gives the same run, bit for bit."));
    m_replications->setObjectName("replications");
    m_replications->setDecimals(0);
    m_replications->setLimits(1, 10000);
    addRow(tr("Replications"), m_replications, tr("Independent runs, for confidence intervals."));
    m_sampleInterval->setObjectName("sampleInterval");
    m_sampleInterval->setPositive(true);
    m_sampleInterval->setOptional(true, tr("auto (duration / 500)"));
    addCheckedRow(tr("Sample every"), m_sampleInterval,
                  tr("The time-series bin of the charts. Empty: the duration / 500."));

    addSection(tr("Faults"));
    m_faults->setObjectName("faults");
    addWideRow(m_faults);

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_document->changeSettings(tr("Name"), [name = text.toStdString()](Topology &t) { t.name = name; });
    });
    connect(m_description, &QPlainTextEdit::textChanged, this, [this] {
        const std::string text = m_description->toPlainText().toStdString();
        if (text != m_document->topology().description)
            m_document->changeSettings(tr("Description"), [text](Topology &t) { t.description = text; });
    });
    connect(m_duration, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        m_document->changeSettings(tr("Duration"), [d](Topology &t) { t.simulation.duration = d; });
    });
    connect(m_warmup, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        m_document->changeSettings(tr("Warm-up"), [d](Topology &t) { t.simulation.warmup = d; });
    });
    connect(m_seed, &QLineEdit::textEdited, this, &SettingsForm::onSeedEdited);
    connect(m_replications, &NumberField::numberEdited, this, [this](std::optional<double> v) {
        if (v)
            m_document->changeSettings(tr("Replications"),
                                       [n = static_cast<int>(*v)](Topology &t) { t.simulation.replications = n; });
    });
    connect(m_sampleInterval, &DurationEdit::durationEdited, this, [this](sim::Duration d) {
        m_document->changeSettings(tr("Sample interval"), [d](Topology &t) { t.simulation.sampleInterval = d; });
    });
    connect(m_sampleInterval, &DurationEdit::durationCleared, this, [this] {
        m_document->changeSettings(tr("Sample interval"), [](Topology &t) { t.simulation.sampleInterval.reset(); });
    });
    connect(m_faults, &FaultsEditor::faultsEdited, this,
            [this](const std::vector<models::FaultSpec> &faults, const QString &property) {
                m_document->changeFaults(property, faults);
            });
    connect(m_faults, &FaultsEditor::faultsChosen, this, [this](const std::vector<models::FaultSpec> &faults) {
        m_document->changeFaults(tr("Faults"), faults, true);
    });
    refresh();
}

void SettingsForm::onSeedEdited(const QString &text)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    const qulonglong seed = trimmed.toULongLong(&ok);
    // toULongLong takes "0x1f" and "+5" too; a seed is plain digits.
    const bool digits
        = !trimmed.isEmpty() && std::all_of(trimmed.begin(), trimmed.end(), [](QChar c) { return c.isDigit(); });
    if (!ok || !digits) {
        FieldProblem::set(m_seed, tr("a whole number from 0 to 18446744073709551615"));
        return;
    }
    FieldProblem::set(m_seed, QString());
    m_document->changeSettings(tr("Seed"),
                               [seed = static_cast<std::uint64_t>(seed)](Topology &t) { t.simulation.seed = seed; });
}

void SettingsForm::refresh()
{
    const Topology &t = m_document->topology();
    const QString name = QString::fromStdString(t.name);
    if (m_name->text() != name) {
        const QSignalBlocker blocker(m_name);
        m_name->setText(name);
    }
    const QString description = QString::fromStdString(t.description);
    if (m_description->toPlainText() != description) {
        const QSignalBlocker blocker(m_description);
        m_description->setPlainText(description);
    }
    m_duration->setDuration(t.simulation.duration);
    m_warmup->setMaximum(t.simulation.duration);
    m_warmup->setDuration(t.simulation.warmup);
    const QString seed = QString::number(t.simulation.seed);
    if (m_seed->text().trimmed() != seed && FieldProblem::of(m_seed).isEmpty()) {
        m_seed->setText(seed);
    } else if (!FieldProblem::of(m_seed).isEmpty() && !m_seed->hasFocus()) {
        m_seed->setText(seed); // a refused text is dropped once the field is left
        FieldProblem::set(m_seed, QString());
    }
    m_replications->setNumber(t.simulation.replications);
    m_sampleInterval->setOptionalDuration(t.simulation.sampleInterval);

    // Faults hit services, and producers (traffic): those come first to choose from.
    QStringList targets;
    for (models::NodeKind kind : {models::NodeKind::Service, models::NodeKind::Producer})
        for (const models::NodeSpec &n : t.nodes)
            if (n.kind() == kind)
                targets << QString::fromStdString(n.id);
    // A partition cuts a target off from any node it has an edge with.
    QStringList peers = targets;
    for (const models::NodeSpec &n : t.nodes)
        if (n.kind() != models::NodeKind::DeadLetter && !peers.contains(QString::fromStdString(n.id)))
            peers << QString::fromStdString(n.id);
    m_faults->setFaults(t.faults, targets, peers);
}

} // namespace asyncsim::ui
