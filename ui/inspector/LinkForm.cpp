#include "LinkForm.h"

#include "FieldDisplay.h"
#include "LinkCommon.h"
#include "NumberField.h"
#include "ui/Plural.h"
#include "ui/TopologyDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QUndoStack>

#include <algorithm>
#include <map>
#include <string>

namespace asyncsim::ui {

using models::EdgeMode;
using models::EdgeSpec;

namespace {

const QString Mixed = QStringLiteral("\u2014");

QString modeText(EdgeMode mode)
{
    switch (mode) {
    case EdgeMode::Publish:
        return LinkForm::tr("publish");
    case EdgeMode::Consume:
        return LinkForm::tr("consume");
    case EdgeMode::Call:
        return LinkForm::tr("call");
    case EdgeMode::Invalid:
        break;
    }
    return LinkForm::tr("invalid");
}

QString modeNote(EdgeMode mode)
{
    switch (mode) {
    case EdgeMode::Publish:
        return LinkForm::tr("An asynchronous send: the sender hands each message over and moves on.");
    case EdgeMode::Consume:
        return LinkForm::tr("The service takes messages from the queue or topic whenever a worker is free.");
    case EdgeMode::Call:
        return LinkForm::tr("A synchronous request: the calling worker waits for the answer.");
    case EdgeMode::Invalid:
        break;
    }
    return QString();
}

} // namespace

LinkForm::LinkForm(TopologyDocument *document, std::vector<LinkId> ids, QWidget *parent)
    : InspectorForm(parent)
    , m_document(document)
    , m_ids(std::move(ids))
    , m_from(new QLabel(this))
    , m_to(new QLabel(this))
    , m_mode(new QLabel(this))
    , m_modeChoice(new QComboBox(this))
    , m_byProbability(new QCheckBox(tr("Route by probability"), this))
    , m_probability(new NumberField(this))
{
    addSection(m_ids.size() == 1 ? tr("Edge") : countOf(static_cast<qsizetype>(m_ids.size()), tr("edge"), tr("edges")));
    m_from->setObjectName("from");
    m_to->setObjectName("to");
    m_mode->setObjectName("mode");
    for (QLabel *label : {m_from, m_to})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addRow(tr("From"), m_from);
    addRow(tr("To"), m_to);
    addRow(tr("Mode"), m_mode, tr("Follows from the kinds of the two nodes."));
    m_modeChoice->setObjectName("modeChoice");
    m_modeChoice->setPlaceholderText(Mixed);
    m_modeChoice->addItem(tr("publish"), static_cast<int>(EdgeMode::Publish));
    m_modeChoice->addItem(tr("call"), static_cast<int>(EdgeMode::Call));
    addRow(tr("Mode"), m_modeChoice,
           tr("Between two services: publish hands the message over and moves on; call waits for the answer."));
    m_modeNote = addNote(QString(), NotePlace::UnderField);

    m_routingSection = addSection(tr("Routing"));
    m_byProbability->setObjectName("byProbability");
    addRow(QString(), m_byProbability,
           tr("Off: every outgoing edge of the sender gets a copy. On: each message takes one edge, with these "
              "probabilities; the rest ends its flow at the sender."));
    m_probability->setObjectName("probability");
    m_probability->setDecimals(3);
    m_probability->setSingleStep(0.05);
    m_probability->setLimits(0, 1);
    addRow(tr("Probability"), m_probability, tr("The chance that a message takes this edge."));
    m_routingNote = addNote(tr("Consume edges always deliver; probabilities apply to publish edges."));

    buildCallSections();
    buildConsumeSection();

    connect(m_modeChoice, &QComboBox::activated, this,
            [this] { setMode(static_cast<EdgeMode>(m_modeChoice->currentData().toInt())); });
    connectCallFields();
    connectConsumeFields();
    connect(m_byProbability, &QCheckBox::clicked, this, &LinkForm::setProbabilityOn);
    connect(m_probability, &NumberField::numberEdited, this, [this](std::optional<double> p) {
        if (p)
            setProbability(*p);
    });
    refresh();
}

void LinkForm::refresh()
{
    auto nameOf = [this](ComponentId id, const std::string &name) {
        // A dangling edge (a draft file) names a node that is not there.
        return id == InvalidComponentId ? tr("%1 (missing)").arg(QString::fromStdString(name))
                                        : QString::fromStdString(name);
    };
    const auto from = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.from; });
    const auto to = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.to; });
    m_from->setText(from ? nameOf(m_document->source(m_ids.front()), *from) : Mixed);
    m_to->setText(to ? nameOf(m_document->target(m_ids.front()), *to) : Mixed);
    const auto mode = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.mode; });
    m_mode->setText(mode ? modeText(*mode) : Mixed);
    const bool canSwitch = switchable();
    setRowShown(m_mode, !canSwitch);
    setRowShown(m_modeChoice, canSwitch);
    showChoice(m_modeChoice, mode ? std::optional(static_cast<int>(*mode)) : std::nullopt);
    m_modeNote->setText(mode ? modeNote(*mode) : QString());
    setRowShown(m_modeNote, !m_modeNote->text().isEmpty());

    const bool publish = mode == EdgeMode::Publish;
    // A call has no routing: it always goes to its one callee.
    setRowShown(m_routingSection, mode != EdgeMode::Call);
    setRowShown(m_byProbability, publish);
    setRowShown(m_routingNote, !publish && mode != EdgeMode::Call);
    const auto probability = commonOfLinks(m_document, m_ids, [](const EdgeSpec &e) { return e.probability; });
    showChecked(m_byProbability, probability ? std::optional(probability->has_value()) : std::nullopt);
    const bool on = probability ? probability->has_value() : false;
    setRowShown(m_probability, publish && (on || !probability));
    if (probability && *probability)
        m_probability->setNumber(**probability);
    else
        m_probability->setMixed();

    refreshCall();
    refreshConsume();
}

bool LinkForm::switchable() const
{
    return std::all_of(m_ids.begin(), m_ids.end(), [this](LinkId id) {
        const ComponentId from = m_document->source(id);
        const ComponentId to = m_document->target(id);
        return from != InvalidComponentId && to != InvalidComponentId
            && m_document->node(from).kind() == models::NodeKind::Service
            && m_document->node(to).kind() == models::NodeKind::Service;
    });
}

void LinkForm::setMode(EdgeMode mode)
{
    // What belongs to the other mode goes, so the file stays valid: a call
    // takes no probability, a publish edge no timeout (both keep their
    // retry, breaker and fallback).
    editAsStep(mode == EdgeMode::Call ? tr("Make Call") : tr("Make Publish"), [mode](EdgeSpec &e) {
        e.mode = mode;
        if (mode == EdgeMode::Call)
            e.probability.reset();
        else
            e.timeout = EdgeSpec{}.timeout;
    });
}

void LinkForm::editAsStep(const QString &action, const std::function<void(EdgeSpec &)> &edit)
{
    const bool changes = std::any_of(m_ids.begin(), m_ids.end(), [&](LinkId id) {
        if (!m_document->contains(id))
            return false;
        EdgeSpec copy = m_document->edge(id);
        edit(copy);
        return !(copy == m_document->edge(id));
    });
    if (!changes)
        return;
    // A macro is never merged into, nor merges (as ComponentForm::editAsStep).
    m_document->undoStack()->beginMacro(action);
    m_document->changeLinks(m_ids, action, edit);
    m_document->undoStack()->endMacro();
}

void LinkForm::setProbabilityOn(bool on)
{
    // Turning it on splits the sender's traffic evenly among its publish edges.
    std::map<std::string, int> outgoing;
    for (const EdgeSpec &e : m_document->topology().edges)
        if (e.mode == EdgeMode::Publish)
            ++outgoing[e.from];
    // A click: a step of its own (a macro), never merged with typing.
    const bool changes = std::any_of(m_ids.begin(), m_ids.end(), [this, on](LinkId id) {
        return m_document->contains(id) && m_document->edge(id).probability.has_value() != on;
    });
    if (!changes)
        return;
    m_document->undoStack()->beginMacro(on ? tr("Route by Probability") : tr("Route to Every Edge"));
    m_document->changeLinks(m_ids, tr("Routing"), [on, outgoing](EdgeSpec &e) {
        if (!on)
            e.probability.reset();
        else if (!e.probability)
            e.probability = 1.0 / std::max(1, outgoing.count(e.from) ? outgoing.at(e.from) : 1);
    });
    m_document->undoStack()->endMacro();
}

void LinkForm::setProbability(double probability)
{
    m_document->changeLinks(m_ids, tr("Probability"), [probability](EdgeSpec &e) { e.probability = probability; });
}

} // namespace asyncsim::ui
