#pragma once

// Internal to models/: reading a Kafka topic node and a commit setting.

#include "JsonReader.h"
#include "models/Topology.h"

#include <optional>
#include <string>

namespace asyncsim::models::internal {

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
/// Reads the assignor named at @p key of @p r ("range" or "cooperative-sticky"), if there.
std::optional<Assignor> readAssignor(ObjectReader &r, const char *key);
/// A topic's parameters, read from its node object @p r.
TopicSpec readTopic(ObjectReader &r);

} // namespace asyncsim::models::internal
