#pragma once

#include "InspectorForm.h"
#include "ui/Ids.h"
#include "ui/TopologyDocument.h"

#include <functional>
#include <optional>
#include <type_traits>
#include <variant>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QLineEdit)

namespace asyncsim::ui {

/// The base of the pages for one or more nodes of one kind: their name and
/// kind on top, then the kind's own fields; an edit applies to all of them.
class ComponentForm : public InspectorForm
{
    Q_OBJECT

public:
    ComponentForm(TopologyDocument *document, std::vector<ComponentId> ids, QWidget *parent = nullptr);

    const std::vector<ComponentId> &ids() const { return m_ids; }
    void refresh() final;

protected:
    /// Shows the kind's own fields; refresh() has shown the name.
    virtual void refreshFields() = 0;

    TopologyDocument *document() const { return m_document; }
    models::NodeKind kind() const;

    /// The value @p get reads from every selected node, or nothing when they
    /// differ (the field's mixed state).
    template <typename Spec, typename Get>
    auto common(Get get) const -> std::optional<std::decay_t<std::invoke_result_t<Get, const Spec &>>>
    {
        std::optional<std::decay_t<std::invoke_result_t<Get, const Spec &>>> result;
        for (ComponentId id : m_ids) {
            if (!m_document->contains(id))
                continue;
            const auto *spec = std::get_if<Spec>(&m_document->node(id).params);
            if (!spec)
                return std::nullopt;
            auto value = get(*spec);
            if (!result)
                result = std::move(value);
            else if (!(*result == value))
                return std::nullopt;
        }
        return result;
    }

    /// Applies @p edit to every selected node as one undo step named
    /// @p property; successive edits of one property merge (typing).
    template <typename Spec> void edit(const QString &property, std::function<void(Spec &)> edit)
    {
        m_document->changeComponents(m_ids, property, [edit](models::NodeSpec &node) {
            if (auto *spec = std::get_if<Spec>(&node.params))
                edit(*spec);
        });
    }

    /// As edit(), but a step of its own named @p action, never merged with
    /// the edits around it: for clicks (add a row, tick a box), not typing.
    template <typename Spec>
    void editAsStep(const QString &action, const QString &property, std::function<void(Spec &)> edit)
    {
        const auto apply = [edit](models::NodeSpec &node) {
            if (auto *spec = std::get_if<Spec>(&node.params))
                edit(*spec);
        };
        bool changes = false;
        for (ComponentId id : m_ids) {
            if (m_document->contains(id)) {
                models::NodeSpec copy = m_document->node(id);
                apply(copy);
                changes = changes || !(copy == m_document->node(id));
            }
        }
        if (changes)
            asOwnStep(action, [&] { m_document->changeComponents(m_ids, property, apply); });
    }

private:
    void asOwnStep(const QString &action, const std::function<void()> &push);
    void commitName();
    QString nameProblem(const QString &name) const;

    TopologyDocument *m_document; // not owned
    std::vector<ComponentId> m_ids;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameReason = nullptr;
    QLabel *m_kind;
};

} // namespace asyncsim::ui
