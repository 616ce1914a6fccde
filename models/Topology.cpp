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

const char *edgeModeName(EdgeMode mode)
{
    switch (mode) {
    case EdgeMode::Publish:
        return "publish";
    case EdgeMode::Consume:
        return "consume";
    case EdgeMode::Call:
        return "call";
    case EdgeMode::Invalid:
        break;
    }
    return "?";
}

const char *faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Outage:
        return "outage";
    case FaultKind::Latency:
        return "latency";
    case FaultKind::Errors:
        return "errors";
    case FaultKind::Traffic:
        return "traffic";
    case FaultKind::Scale:
        return "scale";
    case FaultKind::Poison:
        return "poison";
    case FaultKind::Crash:
        return "crash";
    case FaultKind::Partition:
        return "partition";
    }
    return "?";
}

} // namespace asyncsim::models
