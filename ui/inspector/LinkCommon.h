#pragma once

#include "ui/Ids.h"
#include "ui/TopologyDocument.h"

#include <optional>
#include <type_traits>
#include <vector>

namespace asyncsim::ui {

/// The value @p get reads from every selected edge, or nothing when they
/// differ (the field's mixed state).
template <typename Get>
auto commonOfLinks(const TopologyDocument *document, const std::vector<LinkId> &ids, Get get)
    -> std::optional<std::decay_t<std::invoke_result_t<Get, const models::EdgeSpec &>>>
{
    std::optional<std::decay_t<std::invoke_result_t<Get, const models::EdgeSpec &>>> result;
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

} // namespace asyncsim::ui
