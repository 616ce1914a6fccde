#include "DeadLetterForm.h"

#include "DurationEdit.h"
#include "FieldDisplay.h"

namespace asyncsim::ui {

using models::DeadLetterSpec;

DeadLetterForm::DeadLetterForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent)
    : ComponentForm(document, std::move(ids), parent)
    , m_redriveAt(new DurationEdit(this))
{
    addNote(tr("Keeps every dead letter with its reason and the time it arrived."));
    addSection(tr("Redrive"));
    m_redriveAt->setObjectName("redriveAt");
    m_redriveAt->setOptional(true, tr("never"));
    addCheckedRow(tr("Redrive at"), m_redriveAt,
                  tr("At this time every dead letter held goes back to the queue it came from, as a new message "
                     "(SQS redrive: new id, new enqueue time). Empty: never."));
    connect(m_redriveAt, &DurationEdit::durationEdited, this, [this](sim::Duration at) {
        edit<DeadLetterSpec>(tr("Redrive time"), [at](DeadLetterSpec &d) { d.redriveAt = at; });
    });
    connect(m_redriveAt, &DurationEdit::durationCleared, this,
            [this] { edit<DeadLetterSpec>(tr("Redrive time"), [](DeadLetterSpec &d) { d.redriveAt.reset(); }); });
    refresh();
}

void DeadLetterForm::refreshFields()
{
    showOptionalDuration(m_redriveAt, common<DeadLetterSpec>([](const DeadLetterSpec &d) { return d.redriveAt; }));
}

} // namespace asyncsim::ui
