#include "Inspector.h"

#include "DeadLetterForm.h"
#include "LinkForm.h"
#include "MixedSelectionForm.h"
#include "ProducerForm.h"
#include "QueueForm.h"
#include "ServiceForm.h"
#include "SettingsForm.h"
#include "SinkForm.h"
#include "TopicForm.h"
#include "ui/TopologyDocument.h"

#include <QApplication>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace asyncsim::ui {

namespace {

InspectorForm *createComponentForm(TopologyDocument *document, const std::vector<ComponentId> &ids)
{
    switch (document->node(ids.front()).kind()) {
    case models::NodeKind::Producer:
        return new ProducerForm(document, ids);
    case models::NodeKind::Queue:
        return new QueueForm(document, ids);
    case models::NodeKind::Service:
        return new ServiceForm(document, ids);
    case models::NodeKind::Sink:
        return new SinkForm(document, ids);
    case models::NodeKind::DeadLetter:
        return new DeadLetterForm(document, ids);
    case models::NodeKind::Topic:
        return new TopicForm(document, ids);
    }
    return nullptr;
}

} // namespace

Inspector::Inspector(TopologyDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_scroll(new QScrollArea(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll->setObjectName("inspectorScroll");
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_scroll);

    // Any change may show on the page: a renamed dead-letter queue in a
    // queue's target list, a renamed node at an edge's end. Pages only touch
    // fields whose value changed, so refreshing is cheap and keeps the cursor.
    connect(document, &TopologyDocument::componentChanged, this, &Inspector::refresh);
    connect(document, &TopologyDocument::componentAdded, this, &Inspector::refresh);
    connect(document, &TopologyDocument::linkChanged, this, &Inspector::refresh);
    connect(document, &TopologyDocument::settingsChanged, this, &Inspector::refresh);
    connect(document, &TopologyDocument::componentRemoved, this, &Inspector::onComponentRemoved);
    connect(document, &TopologyDocument::linkRemoved, this, &Inspector::onLinkRemoved);
    // Everything was replaced: nothing is selected, and the page is new.
    connect(document, &TopologyDocument::reset, this, [this] {
        m_components.clear();
        m_links.clear();
        rebuild();
    });
    rebuild();
}

void Inspector::addLiveSection(QWidget *section)
{
    section->setParent(this);
    layout()->addWidget(section);
}

void Inspector::setSelection(const std::vector<ComponentId> &components, const std::vector<LinkId> &links)
{
    if (components == m_components && links == m_links && m_form)
        return;
    m_components = components;
    m_links = links;
    rebuild();
}

void Inspector::rebuild()
{
    // A field being typed in (a name) commits before its page goes.
    if (QWidget *focus = QApplication::focusWidget(); focus && m_form && m_form->isAncestorOf(focus))
        focus->clearFocus();

    std::vector<ComponentId> components;
    std::copy_if(m_components.begin(), m_components.end(), std::back_inserter(components),
                 [this](ComponentId id) { return m_document->contains(id); });
    std::vector<LinkId> links;
    std::copy_if(m_links.begin(), m_links.end(), std::back_inserter(links),
                 [this](LinkId id) { return m_document->contains(id); });
    const bool oneKind = !components.empty() && std::all_of(components.begin(), components.end(), [&](ComponentId id) {
        return m_document->node(id).kind() == m_document->node(components.front()).kind();
    });

    InspectorForm *form = nullptr;
    if (components.empty() && links.empty())
        form = new SettingsForm(m_document);
    else if (links.empty() && oneKind)
        form = createComponentForm(m_document, components);
    else if (components.empty())
        form = new LinkForm(m_document, links);
    else
        form = new MixedSelectionForm(m_document, components, links);

    // The old page leaves at once, and is deleted later: this may run in a
    // slot called by one of its own fields.
    if (QWidget *old = m_scroll->takeWidget()) {
        old->hide();
        old->deleteLater();
    }
    m_form = form;
    m_form->setObjectName("inspectorForm");
    m_scroll->setWidget(m_form);
}

void Inspector::refresh()
{
    if (m_form)
        m_form->refresh();
}

void Inspector::onComponentRemoved(ComponentId id)
{
    // A removed node leaves the selection; what remains is shown.
    if (std::find(m_components.begin(), m_components.end(), id) == m_components.end()) {
        refresh();
        return;
    }
    std::erase(m_components, id);
    rebuild();
}

void Inspector::onLinkRemoved(LinkId id)
{
    if (std::find(m_links.begin(), m_links.end(), id) == m_links.end()) {
        refresh();
        return;
    }
    std::erase(m_links, id);
    rebuild();
}

} // namespace asyncsim::ui
