#include "Topology.h"

namespace asyncsim::models {

int Topology::nodeIndex(const std::string &id) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const char *nodeKindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return "producer";
    case NodeKind::Queue:
        return "queue";
    case NodeKind::Service:
        return "service";
    case NodeKind::Sink:
        return "sink";
    case NodeKind::DeadLetter:
        return "deadletter";
    case NodeKind::Topic:
        return "topic";
    }
    return "?";
}

} // namespace asyncsim::models
