// Reading a Kafka topic node, and the commit and assignor settings a topic
// or a consume edge writes.

#include "TopicReader.h"

namespace asyncsim::models::internal {

using Need = ObjectReader::Need;

namespace {

constexpr std::int64_t MaxPartitions = 10000;
const std::vector<std::string> AssignorNames{"range", "cooperative-sticky"};

} // namespace

std::optional<CommitSetting> readCommit(const Json &value, const std::string &pointer, Problems &problems,
                                        bool allowAuto)
{
    if (value.is_string() && value.get<std::string>() == "per-record")
        return CommitSetting{CommitMode::PerRecord, std::nullopt};
    if (allowAuto && value.is_string() && value.get<std::string>() == "auto")
        return CommitSetting{CommitMode::Auto, std::nullopt};
    if (!value.is_object()) {
        problems.add(pointer, allowAuto ? "must be \"per-record\", \"auto\" (the topic's interval) or "
                                          "{\"autoCommitInterval\": duration}"
                                        : "must be \"per-record\" or {\"autoCommitInterval\": duration}");
        return std::nullopt;
    }
    ObjectReader c(value, pointer, problems);
    const std::size_t before = problems.size();
    CommitSetting setting;
    setting.autoCommitInterval = c.duration("autoCommitInterval", Need::Required, true);
    c.finish();
    return problems.size() == before ? std::optional(setting) : std::nullopt;
}

std::optional<Assignor> readAssignor(ObjectReader &r, const char *key)
{
    const auto name = r.choice(key, Need::Optional, "assignor", AssignorNames);
    if (!name)
        return std::nullopt;
    return *name == AssignorNames[1] ? Assignor::CooperativeSticky : Assignor::Range;
}

TopicSpec readTopic(ObjectReader &r)
{
    TopicSpec t;
    if (const auto partitions = r.integer("partitions", Need::Optional, 1, MaxPartitions))
        t.partitions = static_cast<int>(*partitions);
    if (const auto retention = r.duration("retention", Need::Optional, true))
        t.retention = *retention;
    if (const Json *commit = r.get("commit"))
        if (const auto setting = readCommit(*commit, r.pointer("commit"), r.problems())) {
            t.commit = setting->mode;
            if (setting->autoCommitInterval)
                t.autoCommitInterval = *setting->autoCommitInterval;
        }
    if (const auto pause = r.duration("rebalancePause", Need::Optional, false))
        t.rebalancePause = *pause;
    if (const auto assignor = readAssignor(r, "assignor"))
        t.assignor = *assignor;
    return t;
}

} // namespace asyncsim::models::internal
