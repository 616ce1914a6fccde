#pragma once

// Shared set-up of the inspector tests: documents built through the edit
// methods, and finding the inspector's fields by object name.

#include "ui/TopologyDocument.h"

#include <QApplication>
#include <QPalette>
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

/// A dark scheme, as a desktop in dark mode hands it over (for screenshots).
inline QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x25, 0x27, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1d, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x25, 0x27, 0x2b));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x2f, 0x32, 0x36));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    p.setColor(QPalette::Mid, QColor(80, 80, 84));
    return p;
}

} // namespace asyncsim::ui::test
