#pragma once

#include <QtGlobal>

namespace asyncsim::ui {

/// Stable identity of a node in the editor. Unlike the node's name (the id in
/// the file) it survives renames, and it is never reused within a session, so
/// undo commands can refer to nodes they removed and put back.
enum class ComponentId : quint64 {};
inline constexpr ComponentId InvalidComponentId{0};

/// Stable identity of an edge in the editor.
/// (quint64, not std::uint64_t: moc streams signal arguments with QDataStream.)
enum class LinkId : quint64 {};
inline constexpr LinkId InvalidLinkId{0};

} // namespace asyncsim::ui
