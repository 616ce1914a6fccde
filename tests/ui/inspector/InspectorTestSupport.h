#pragma once

// Shared set-up of the inspector tests: documents built through the edit
// methods, and finding the inspector's fields by object name.

#include "ui/TopologyDocument.h"

#include <QApplication>
#include <QString>
#include <QWidget>

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace asyncsim::ui::test {

/// Adds a node of @p kind named @p name, with @p edit applied to its spec.
template <typename Spec>
ComponentId addNode(TopologyDocument &document, models::NodeKind kind, const std::string &name,
                    std::function<void(Spec &)> edit = {}, QPointF position = {})
{
    const ComponentId id = document.addComponent(kind, position);
    document.rename(id, name);
    if (edit)
        document.changeComponents({id}, "Setup", [edit](models::NodeSpec &node) { edit(std::get<Spec>(node.params)); });
    return id;
}

/// The child of @p parent named @p name, of type @p T; fails the test if none.
template <typename T> T *field(QWidget *parent, const QString &name)
{
    T *child = parent->findChild<T *>(name);
    EXPECT_NE(child, nullptr) << "no field named " << name.toStdString();
    return child;
}

} // namespace asyncsim::ui::test
