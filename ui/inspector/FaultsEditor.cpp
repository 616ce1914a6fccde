#include "FaultsEditor.h"

#include "DurationEdit.h"
#include "FieldProblem.h"
#include "NumberField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>

#include <algorithm>

namespace asyncsim::ui {

using models::FaultKind;
using models::FaultSpec;
using models::OutageMode;

namespace {

enum Column { OnColumn, AtColumn, ForColumn, TargetColumn, KindColumn, ParameterColumn, RemoveColumn };

constexpr FaultKind Kinds[] = {FaultKind::Outage, FaultKind::Latency, FaultKind::Errors, FaultKind::Traffic,
                               FaultKind::Scale,  FaultKind::Poison,  FaultKind::Crash,  FaultKind::Partition};

// A new poison fault's share, until one is typed (a share of 0 is no fault).
constexpr double DefaultPoisonShare = 0.1;

QString kindText(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Outage:
        return FaultsEditor::tr("outage");
    case FaultKind::Latency:
        return FaultsEditor::tr("latency");
    case FaultKind::Errors:
        return FaultsEditor::tr("errors");
    case FaultKind::Traffic:
        return FaultsEditor::tr("traffic");
    case FaultKind::Scale:
        return FaultsEditor::tr("scale");
    case FaultKind::Poison:
        return FaultsEditor::tr("poison");
    case FaultKind::Crash:
        return FaultsEditor::tr("crash");
    case FaultKind::Partition:
        return FaultsEditor::tr("partition");
    }
    return QString();
}

QString kindTip(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Outage:
        return FaultsEditor::tr("The service takes no new work: calls fail (or hang), published messages are refused.");
    case FaultKind::Latency:
        return FaultsEditor::tr("The service's service times are multiplied by the factor.");
    case FaultKind::Errors:
        return FaultsEditor::tr("The service's failure probability becomes this.");
    case FaultKind::Traffic:
        return FaultsEditor::tr("The producer's rate is multiplied by the factor.");
    case FaultKind::Scale:
        return FaultsEditor::tr("The service runs with this many workers.");
    case FaultKind::Poison:
        return FaultsEditor::tr("This share of the producer's new messages are poison: every processing of them "
                                "fails, and their queue dead-letters them as poison in the end.");
    case FaultKind::Crash:
        return FaultsEditor::tr("This many of the service's instances crash, losing their work in progress, and "
                                "restart when the fault ends. A topic's consumer group rebalances and reads again "
                                "from its committed offsets.");
    case FaultKind::Partition:
        return FaultsEditor::tr("Nothing crosses an edge between the target and the chosen node: publishes are "
                                "refused, calls get no answer, consumers see an empty queue.");
    }
    return QString();
}

} // namespace

FaultsEditor::FaultsEditor(QWidget *parent)
    : RowTableEditor(parent)
{
    // Durations are short ("2m", "30s"): the room goes to the names in the combos.
    m_grid->setColumnStretch(AtColumn, 0);
    m_grid->setColumnStretch(ForColumn, 0);
    m_grid->setColumnStretch(TargetColumn, 3);
    m_grid->setColumnStretch(KindColumn, 2);
    m_grid->setColumnStretch(ParameterColumn, 2);
    addColumnTitle(tr("on"), OnColumn,
                   tr("Whether the fault is applied. Switching it during a run starts or ends it at once."));
    addColumnTitle(tr("at"), AtColumn, tr("When the fault starts, from the start of the run."));
    addColumnTitle(tr("for"), ForColumn, tr("How long it lasts; empty: to the end of the run."));
    addColumnTitle(tr("target"), TargetColumn, tr("The node it hits: a service, or a producer for traffic."));
    addColumnTitle(tr("kind"), KindColumn, tr("What it does to the target."));
    addColumnTitle(tr("how"), ParameterColumn,
                   tr("Outage: error (fail at once) or hang (until the caller's timeout). Latency and traffic: "
                      "the factor. Errors: the failure probability. Scale: the workers. Poison: the share of new "
                      "messages (or their count, from a file). Crash: the instances. Partition: the node cut "
                      "off from the target."));
    QPushButton *add = addAddButton(tr("Add fault"), "addFault", tr("Adds a fault after the last one."));
    connect(add, &QPushButton::clicked, this, &FaultsEditor::addFault);
    setFaults({}, {});
}

void FaultsEditor::setRowCount(int count)
{
    while (static_cast<int>(m_rows.size()) > count) {
        Row row = m_rows.back();
        m_rows.pop_back();
        // Later: this may run in the clicked() of the row's own button.
        for (QWidget *w : std::initializer_list<QWidget *>{row.on, row.at, row.length, row.target, row.kind, row.mode,
                                                           row.value, row.peer, row.remove}) {
            m_grid->removeWidget(w);
            w->hide();
            w->deleteLater();
        }
    }
    while (static_cast<int>(m_rows.size()) < count) {
        const int index = static_cast<int>(m_rows.size());
        Row row{new DurationEdit(this), new DurationEdit(this), new QComboBox(this), new QComboBox(this),
                new QComboBox(this),    new NumberField(this),  new QComboBox(this), new QToolButton(this)};
        row.on = new QCheckBox(this);
        row.on->setObjectName(QStringLiteral("faultOn%1").arg(index));
        row.on->setToolTip(tr("Applied; switch it off to keep the fault in the timeline without it"));
        row.at->setObjectName(QStringLiteral("faultAt%1").arg(index));
        row.length->setObjectName(QStringLiteral("faultFor%1").arg(index));
        row.length->setOptional(true, tr("to end"));
        row.length->setPositive(true);
        row.target->setObjectName(QStringLiteral("faultTarget%1").arg(index));
        row.kind->setObjectName(QStringLiteral("faultKind%1").arg(index));
        for (FaultKind kind : Kinds) {
            row.kind->addItem(kindText(kind), static_cast<int>(kind));
            row.kind->setItemData(row.kind->count() - 1, kindTip(kind), Qt::ToolTipRole);
        }
        row.mode->setObjectName(QStringLiteral("faultMode%1").arg(index));
        row.mode->addItem(tr("error"), static_cast<int>(OutageMode::Error));
        row.mode->addItem(tr("hang"), static_cast<int>(OutageMode::Hang));
        row.value->setObjectName(QStringLiteral("faultValue%1").arg(index));
        row.peer->setObjectName(QStringLiteral("faultPeer%1").arg(index));
        // Every field gets a small minimum width, so a row fits a narrow
        // dock (the size hints of combos and spin boxes would not).
        const QFontMetrics metrics = row.at->fontMetrics();
        const int durationWidth = metrics.horizontalAdvance(QStringLiteral("1m30s")) + 8;
        for (DurationEdit *edit : {row.at, row.length}) {
            edit->setMinimumWidth(durationWidth);
            edit->setMaximumWidth(durationWidth * 3 / 2);
        }
        for (QComboBox *combo : {row.target, row.kind, row.mode, row.peer}) {
            combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            combo->setMinimumContentsLength(3);
            combo->setMinimumWidth(metrics.horizontalAdvance(QStringLiteral("hang")) + 24);
        }
        row.value->setMinimumWidth(metrics.horizontalAdvance(QStringLiteral("0.25")) + 28);
        row.remove->setObjectName(QStringLiteral("faultRemove%1").arg(index));
        row.remove->setText(QStringLiteral("\u2715"));
        row.remove->setAutoRaise(true);
        row.remove->setToolTip(tr("Remove this fault"));
        const int gridRow = index + 1;
        m_grid->addWidget(row.on, gridRow, OnColumn);
        m_grid->addWidget(row.at, gridRow, AtColumn);
        m_grid->addWidget(row.length, gridRow, ForColumn);
        m_grid->addWidget(row.target, gridRow, TargetColumn);
        m_grid->addWidget(row.kind, gridRow, KindColumn);
        m_grid->addWidget(row.mode, gridRow, ParameterColumn);
        m_grid->addWidget(row.value, gridRow, ParameterColumn);
        m_grid->addWidget(row.peer, gridRow, ParameterColumn);
        m_grid->addWidget(row.remove, gridRow, RemoveColumn);
        connect(row.at, &QLineEdit::textEdited, this, [this, index] { onTyped(tr("Fault %1 Start").arg(index + 1)); });
        connect(row.length, &QLineEdit::textEdited, this,
                [this, index] { onTyped(tr("Fault %1 Length").arg(index + 1)); });
        connect(row.value, &NumberField::numberEdited, this,
                [this, index] { onTyped(tr("Fault %1 Parameter").arg(index + 1)); });
        for (QComboBox *combo : {row.target, row.kind, row.mode, row.peer})
            connect(combo, &QComboBox::activated, this, &FaultsEditor::onChosen);
        connect(row.on, &QCheckBox::clicked, this, &FaultsEditor::onChosen);
        connect(row.remove, &QToolButton::clicked, this, [this, index] { removeFault(index); });
        m_rows.push_back(row);
    }
    setTitlesShown(count > 0);
}

void FaultsEditor::setFaults(const std::vector<FaultSpec> &faults, const QStringList &targets, const QStringList &peers)
{
    m_faults = faults;
    m_targets = targets;
    m_peers = peers.isEmpty() ? targets : peers;
    setRowCount(static_cast<int>(faults.size()));
    for (std::size_t i = 0; i < faults.size(); ++i)
        showRow(i);
    m_note->setText(tr("No faults: every node behaves as configured for the whole run. Add faults to inject "
                       "outages, slowdowns, errors, traffic spikes, scaling or crashes."));
    m_note->setVisible(faults.empty());
    checkRows();
}

void FaultsEditor::showRow(std::size_t index)
{
    const Row &row = m_rows[index];
    const FaultSpec &fault = m_faults[index];
    {
        const QSignalBlocker blocker(row.on);
        row.on->setChecked(fault.enabled);
    }
    row.at->setDuration(fault.at);
    row.length->setOptionalDuration(fault.duration);
    fillTargets(row.target, m_targets, QString::fromStdString(fault.target));
    const QSignalBlocker kindBlocker(row.kind);
    row.kind->setCurrentIndex(row.kind->findData(static_cast<int>(fault.kind)));
    showParameter(row, fault);
}

void FaultsEditor::fillTargets(QComboBox *combo, const QStringList &choices, const QString &current) const
{
    QStringList names = choices;
    if (!current.isEmpty() && !names.contains(current))
        names << current; // a deleted node stays named; the problems panel explains it
    const QSignalBlocker blocker(combo);
    QStringList shown;
    for (int i = 0; i < combo->count(); ++i)
        shown << combo->itemData(i).toString();
    if (shown != names) {
        combo->clear();
        for (const QString &name : names)
            combo->addItem(name, name);
    }
    combo->setCurrentIndex(combo->findData(current));
}

void FaultsEditor::showParameter(const Row &row, const FaultSpec &fault) const
{
    row.mode->setVisible(fault.kind == FaultKind::Outage);
    row.peer->setVisible(fault.kind == FaultKind::Partition);
    row.value->setVisible(fault.kind != FaultKind::Outage && fault.kind != FaultKind::Partition);
    if (fault.kind == FaultKind::Partition)
        fillTargets(row.peer, m_peers, QString::fromStdString(fault.peer));
    {
        const QSignalBlocker blocker(row.mode);
        row.mode->setCurrentIndex(row.mode->findData(static_cast<int>(fault.mode)));
    }
    switch (fault.kind) {
    case FaultKind::Outage:
        break;
    case FaultKind::Latency:
    case FaultKind::Traffic:
        row.value->setDecimals(2);
        row.value->setSingleStep(0.5);
        row.value->setLimits(0.01, 1e6);
        row.value->setSuffix(QStringLiteral("\u00d7"));
        row.value->setNumber(fault.factor);
        break;
    case FaultKind::Errors:
        row.value->setDecimals(3);
        row.value->setSingleStep(0.05);
        row.value->setLimits(0, 1);
        row.value->setSuffix(QString());
        row.value->setNumber(fault.probability);
        break;
    case FaultKind::Scale:
        row.value->setDecimals(0);
        row.value->setSingleStep(1);
        row.value->setLimits(1, 100000);
        row.value->setSuffix(tr(" workers"));
        row.value->setNumber(fault.workers);
        break;
    case FaultKind::Poison:
        // A count from a file is shown and edited as a count; else the share.
        if (fault.count > 0) {
            row.value->setDecimals(0);
            row.value->setSingleStep(1);
            row.value->setLimits(1, 1e9);
            row.value->setSuffix(tr(" msgs"));
            row.value->setNumber(static_cast<double>(fault.count));
        } else {
            row.value->setDecimals(3);
            row.value->setSingleStep(0.05);
            row.value->setLimits(0.001, 1);
            row.value->setSuffix(QString());
            row.value->setNumber(fault.share > 0 ? fault.share : DefaultPoisonShare);
        }
        break;
    case FaultKind::Crash:
        row.value->setDecimals(0);
        row.value->setSingleStep(1);
        row.value->setLimits(1, 100000);
        row.value->setSuffix(tr(" instances"));
        row.value->setNumber(fault.instances);
        break;
    case FaultKind::Partition:
        break;
    }
}

std::optional<std::vector<FaultSpec>> FaultsEditor::faults() const
{
    std::vector<FaultSpec> faults;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        FaultSpec fault = i < m_faults.size() ? m_faults[i] : FaultSpec{};
        const auto at = row.at->duration();
        if (!at || !row.at->problem().isEmpty() || !row.length->problem().isEmpty())
            return std::nullopt;
        fault.at = *at;
        fault.duration = row.length->text().trimmed().isEmpty() ? std::nullopt : row.length->duration();
        fault.target = row.target->currentData().toString().toStdString();
        fault.kind = static_cast<FaultKind>(row.kind->currentData().toInt());
        fault.mode = static_cast<OutageMode>(row.mode->currentData().toInt());
        fault.enabled = row.on->isChecked();
        // Only the kind's own parameter comes from the field; the others keep
        // their values, so switching the kind back restores them. Right after
        // a switch the field still shows the old kind's parameter: keep the new one's.
        if (i < m_faults.size() && m_faults[i].kind != fault.kind) {
            if (fault.kind == FaultKind::Poison && fault.count == 0 && fault.share <= 0)
                fault.share = DefaultPoisonShare;
            if (fault.kind == FaultKind::Partition)
                fault.peer = peerOf(row, fault);
            faults.push_back(fault);
            continue;
        }
        const double value = row.value->value();
        switch (fault.kind) {
        case FaultKind::Outage:
            break;
        case FaultKind::Latency:
        case FaultKind::Traffic:
            fault.factor = value;
            break;
        case FaultKind::Errors:
            fault.probability = value;
            break;
        case FaultKind::Scale:
            fault.workers = static_cast<int>(value);
            break;
        case FaultKind::Poison:
            if (fault.count > 0)
                fault.count = static_cast<std::uint64_t>(std::max(value, 1.0));
            else
                fault.share = value > 0 ? value : DefaultPoisonShare;
            break;
        case FaultKind::Crash:
            fault.instances = static_cast<int>(value);
            break;
        case FaultKind::Partition:
            fault.peer = peerOf(row, fault);
            break;
        }
        faults.push_back(fault);
    }
    return faults;
}

std::string FaultsEditor::peerOf(const Row &row, const FaultSpec &fault) const
{
    if (row.peer->currentIndex() >= 0)
        return row.peer->currentData().toString().toStdString();
    if (!fault.peer.empty())
        return fault.peer;
    // Just turned into a partition: the first other node, to start from.
    for (const QString &name : m_peers)
        if (name.toStdString() != fault.target)
            return name.toStdString();
    return std::string();
}

void FaultsEditor::checkRows()
{
    QString first;
    for (std::size_t i = 0; i < m_rows.size() && first.isEmpty(); ++i) {
        for (const DurationEdit *field : {m_rows[i].at, m_rows[i].length})
            if (first.isEmpty() && !field->problem().isEmpty())
                first = tr("Fault %1: %2").arg(i + 1).arg(field->problem());
    }
    m_reason->setText(first);
    m_reason->setVisible(!first.isEmpty());
}

void FaultsEditor::onTyped(const QString &property)
{
    checkRows();
    if (const auto faults = this->faults()) {
        m_faults = *faults;
        Q_EMIT faultsEdited(*faults, property);
    }
}

void FaultsEditor::onChosen()
{
    checkRows();
    const auto faults = this->faults();
    if (!faults)
        return; // a refused duration: fix it first
    // A new kind shows its own parameter, with the value it had.
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        showParameter(m_rows[i], (*faults)[i]);
    m_faults = *faults;
    Q_EMIT faultsChosen(*faults);
}

void FaultsEditor::addFault()
{
    std::vector<FaultSpec> faults = this->faults().value_or(std::vector<FaultSpec>{});
    if (faults.size() != m_rows.size())
        return; // a refused row: fix it first
    FaultSpec fault;
    fault.at = faults.empty() ? sim::Duration::seconds(10) : faults.back().at + sim::Duration::seconds(10);
    fault.duration = sim::Duration::seconds(10);
    fault.target = faults.empty() ? (m_targets.isEmpty() ? std::string() : m_targets.front().toStdString())
                                  : faults.back().target;
    faults.push_back(fault);
    setFaults(faults, m_targets, m_peers);
    Q_EMIT faultsChosen(faults);
}

void FaultsEditor::removeFault(int row)
{
    std::vector<FaultSpec> faults = m_faults;
    if (const auto typed = this->faults())
        faults = *typed;
    if (row < 0 || row >= static_cast<int>(faults.size()))
        return;
    faults.erase(faults.begin() + row);
    setFaults(faults, m_targets, m_peers);
    Q_EMIT faultsChosen(faults);
}

} // namespace asyncsim::ui
