#pragma once

// Internal to models/: reading one node of a topology file.

#include "JsonReader.h"
#include "models/Topology.h"

#include <optional>
#include <string>

namespace asyncsim::models::internal {

/// The node at @p pointer, when its id and kind could be read (its
/// parameters may still have problems, added to @p problems): enough to check
/// the edges against it. References to other nodes (a queue's deadLetter) are
/// checked by the caller once every node is known.
std::optional<NodeSpec> readNode(const Json &value, const std::string &pointer, Problems &problems);

/// A Kafka commit setting, as a topic or a consume edge writes it.
struct CommitSetting
{
    CommitMode mode = CommitMode::Auto;
    std::optional<sim::Duration> autoCommitInterval; ///< Auto only
};
/// Reads "per-record" or {"autoCommitInterval": duration} at @p pointer, and
/// with @p allowAuto also "auto" (auto-commit at an interval set elsewhere: a
/// consume edge's group at its topic's); empty (with a problem added) when it
/// is none of these.
std::optional<CommitSetting> readCommit(const Json &value, const std::string &pointer, Problems &problems,
                                        bool allowAuto = false);

} // namespace asyncsim::models::internal
