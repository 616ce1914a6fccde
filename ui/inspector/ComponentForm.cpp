#include "ComponentForm.h"

#include "FieldProblem.h"
#include "ui/Plural.h"

#include <QFile>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QUndoStack>

namespace asyncsim::ui {

namespace {

QString kindTitle(models::NodeKind kind, int count)
{
    switch (kind) {
    case models::NodeKind::Producer:
        return countOf(count, ComponentForm::tr("producer"), ComponentForm::tr("producers"));
    case models::NodeKind::Queue:
        return countOf(count, ComponentForm::tr("queue"), ComponentForm::tr("queues"));
    case models::NodeKind::Service:
        return countOf(count, ComponentForm::tr("service"), ComponentForm::tr("services"));
    case models::NodeKind::Sink:
        return countOf(count, ComponentForm::tr("sink"), ComponentForm::tr("sinks"));
    case models::NodeKind::DeadLetter:
        return countOf(count, ComponentForm::tr("dead-letter queue"), ComponentForm::tr("dead-letter queues"));
    case models::NodeKind::Topic:
        return countOf(count, ComponentForm::tr("topic"), ComponentForm::tr("topics"));
    }
    return QString();
}

QString kindName(models::NodeKind kind)
{
    switch (kind) {
    case models::NodeKind::Producer:
        return ComponentForm::tr("Producer");
    case models::NodeKind::Queue:
        return ComponentForm::tr("Queue");
    case models::NodeKind::Service:
        return ComponentForm::tr("Service");
    case models::NodeKind::Sink:
        return ComponentForm::tr("Sink");
    case models::NodeKind::DeadLetter:
        return ComponentForm::tr("Dead-letter queue");
    case models::NodeKind::Topic:
        return ComponentForm::tr("Topic");
    }
    return QString();
}

} // namespace

ComponentForm::ComponentForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent)
    : InspectorForm(parent)
    , m_document(document)
    , m_ids(std::move(ids))
    , m_kind(new QLabel(this))
{
    const bool single = m_ids.size() == 1;
    addSection(single ? kindName(kind()) : tr("Selection"));
    if (single) {
        m_name = new QLineEdit(this);
        m_name->setObjectName("name");
        addCheckedRow(tr("Name"), m_name,
                      tr("The node's id in the file; edges and dead-letter targets follow a rename."));
        m_nameReason = m_name->parentWidget()->findChild<QLabel *>("reason");
        connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
            const QString problem = nameProblem(text.trimmed());
            FieldProblem::set(m_name, problem);
            m_nameReason->setVisible(!problem.isEmpty()); // also drops a "Not renamed" note
        });
        connect(m_name, &QLineEdit::editingFinished, this, &ComponentForm::commitName);
    }

    // The kind, with its palette icon when the resources have one.
    auto *kindBox = new QWidget(this);
    auto *kindLayout = new QHBoxLayout(kindBox);
    kindLayout->setContentsMargins(0, 0, 0, 0);
    kindLayout->setSpacing(6);
    const QString iconPath = QStringLiteral(":/icons/%1.svg").arg(QLatin1String(models::nodeKindName(kind())));
    if (QFile::exists(iconPath)) {
        auto *icon = new QLabel(kindBox);
        icon->setPixmap(QIcon(iconPath).pixmap(QSize(16, 16), devicePixelRatioF()));
        kindLayout->addWidget(icon);
    }
    m_kind->setObjectName("kind");
    m_kind->setText(single ? kindName(kind()).toLower() : kindTitle(kind(), int(m_ids.size())));
    kindLayout->addWidget(m_kind, 1);
    addRow(tr("Kind"), kindBox);
    if (!single)
        addNote(tr("A field showing \u201c\u2014\u201d differs between them; editing it sets it on all."),
                NotePlace::UnderField);
}

void ComponentForm::asOwnStep(const QString &action, const std::function<void()> &push)
{
    // A macro is never merged into, nor merges: the document merges every
    // edit of the same property on the same nodes, which suits typing only.
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(action);
    push();
    stack->endMacro();
}

models::NodeKind ComponentForm::kind() const
{
    for (ComponentId id : m_ids)
        if (m_document->contains(id))
            return m_document->node(id).kind();
    return models::NodeKind::Sink;
}

void ComponentForm::refresh()
{
    if (m_name && m_document->contains(m_ids.front())) {
        const QString name = QString::fromStdString(m_document->node(m_ids.front()).id);
        // A name being typed stays until it is committed.
        if (!m_name->isModified() && m_name->text() != name) {
            const QSignalBlocker blocker(m_name);
            m_name->setText(name);
        }
    }
    refreshFields();
}

QString ComponentForm::nameProblem(const QString &name) const
{
    if (name.isEmpty())
        return tr("a node needs a name");
    const ComponentId owner = m_document->componentNamed(name.toStdString());
    if (owner != InvalidComponentId && owner != m_ids.front())
        return tr("\u201c%1\u201d is already the name of another node").arg(name);
    return QString();
}

void ComponentForm::commitName()
{
    if (!m_document->contains(m_ids.front()))
        return;
    const QString old = QString::fromStdString(m_document->node(m_ids.front()).id);
    const QString name = m_name->text().trimmed();
    m_name->setModified(false);
    if (name == old) {
        m_name->setText(old); // drops stray spaces
        FieldProblem::set(m_name, QString());
        return;
    }
    if (const QString problem = nameProblem(name); !problem.isEmpty()) {
        // Refused: the old name is back, and the reason stays in view.
        FieldProblem::set(m_name, QString());
        m_name->setText(old);
        m_nameReason->setText(tr("Not renamed: %1.").arg(problem));
        m_nameReason->show();
        return;
    }
    FieldProblem::set(m_name, QString());
    m_nameReason->hide();
    m_document->rename(m_ids.front(), name.toStdString());
}

} // namespace asyncsim::ui
