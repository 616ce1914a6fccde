// Reading one node of a topology file: its id, position and kind, then its
// parameters by the reader of that kind (ProducerReader, MessageQueueReader,
// ServiceReader, TopicReader), every problem at its JSON pointer.

#include "NodeReader.h"

#include "MessageQueueReader.h"
#include "ProducerReader.h"
#include "ServiceReader.h"
#include "TopicReader.h"

namespace asyncsim::models::internal {

using Need = ObjectReader::Need;

namespace {

const std::vector<std::string> NodeKindNames{"producer", "queue", "service", "sink", "deadletter", "topic"};

} // namespace

// The node, when its id and kind could be read (its parameters may still have
// problems, reported to @p problems): enough to check the edges against it.
std::optional<NodeSpec> readNode(const Json &value, const std::string &pointer, Problems &problems)
{
    ObjectReader r(value, pointer, problems);
    if (!r.isValid())
        return std::nullopt;
    NodeSpec node;
    const auto id = r.string("id", Need::Required);
    if (id && id->empty())
        problems.add(r.pointer("id"), "must not be empty");
    node.id = id.value_or("");
    if (const Json *pos = r.get("position")) {
        if (pos->is_array() && pos->size() == 2 && (*pos)[0].is_number() && (*pos)[1].is_number())
            node.position = {(*pos)[0].get<double>(), (*pos)[1].get<double>()};
        else
            problems.add(r.pointer("position"), "must be [x, y], two numbers");
    }
    r.allow({"description"});
    const auto kind = r.choice("kind", Need::Required, "node kind", NodeKindNames);
    if (kind == "producer")
        node.params = readProducer(r);
    else if (kind == "queue")
        node.params = readQueue(r);
    else if (kind == "service")
        node.params = readService(r);
    else if (kind == "sink")
        node.params = SinkSpec{};
    else if (kind == "deadletter")
        node.params = readDeadLetter(r);
    else if (kind == "topic")
        node.params = readTopic(r);
    if (!kind)
        return std::nullopt; // without a kind, unknown keys cannot be told from the kind's own
    r.finish();
    if (node.id.empty())
        return std::nullopt;
    return node;
}

} // namespace asyncsim::models::internal
