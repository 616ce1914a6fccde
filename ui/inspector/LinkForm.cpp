#include "LinkForm.h"

#include "FieldDisplay.h"
#include "NumberField.h"
#include "ui/Plural.h"
#include "ui/TopologyDocument.h"

#include <QCheckBox>
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

// The value @p get reads from every edge, or nothing when they differ.
template <typename Get>
auto common(const TopologyDocument *document, const std::vector<LinkId> &ids, Get get)
    -> std::optional<std::decay_t<std::invoke_result_t<Get, const EdgeSpec &>>>
{
    std::optional<std::decay_t<std::invoke_result_t<Get, const EdgeSpec &>>> result;
    for (LinkId id : ids) {
        if (!document->contains(id))
            continue;
        auto value = get(document->edge(id));
        if (!result)
            result = std::move(value);
        else if (!(*result == value))
            return std::nullopt;
    }
    return result;
}

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
        return LinkForm::tr("The service takes messages from the queue whenever a worker is free.");
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
    const auto from = common(m_document, m_ids, [](const EdgeSpec &e) { return e.from; });
    const auto to = common(m_document, m_ids, [](const EdgeSpec &e) { return e.to; });
    m_from->setText(from ? nameOf(m_document->source(m_ids.front()), *from) : Mixed);
    m_to->setText(to ? nameOf(m_document->target(m_ids.front()), *to) : Mixed);
    const auto mode = common(m_document, m_ids, [](const EdgeSpec &e) { return e.mode; });
    m_mode->setText(mode ? modeText(*mode) : Mixed);
    m_modeNote->setText(mode ? modeNote(*mode) : QString());
    setRowShown(m_modeNote, !m_modeNote->text().isEmpty());

    const bool publish = mode == EdgeMode::Publish;
    setRowShown(m_byProbability, publish);
    setRowShown(m_routingNote, !publish);
    const auto probability = common(m_document, m_ids, [](const EdgeSpec &e) { return e.probability; });
    showChecked(m_byProbability, probability ? std::optional(probability->has_value()) : std::nullopt);
    const bool on = probability ? probability->has_value() : false;
    setRowShown(m_probability, publish && (on || !probability));
    if (probability && *probability)
        m_probability->setNumber(**probability);
    else
        m_probability->setMixed();
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
