// The structural rules of a topology, shared by the file reader and the
// editor's problems panel. Messages say what is wrong in the user's terms and,
// where it helps, what would be right.

#include "TopologyCheck.h"

#include "DurationText.h"
#include "internal/JsonReader.h"

#include <algorithm>
#include <map>
#include <optional>

namespace asyncsim::models {

namespace {

using internal::childPointer;

class Checker
{
public:
    explicit Checker(const Topology &t)
        : m_t(t)
    {
        for (const NodeSpec &n : t.nodes)
            m_ids.push_back(n.id);
    }

    std::vector<Problem> run()
    {
        if (m_t.nodes.empty()) {
            error("/nodes", "the topology has no nodes: add a producer and the nodes its messages go to");
            return std::move(m_problems);
        }
        if (!uniqueIds())
            return std::move(m_problems); // edges name nodes: with two of a name, every check below would guess
        bool edgesOk = true;
        for (std::size_t e = 0; e < m_t.edges.size(); ++e)
            edgesOk = checkEdge(e) && edgesOk;
        checkDeadLetterTargets();
        checkFaults();
        if (edgesOk) {
            checkRouting();
            checkTopicConsumers();
        }
        if (!hasErrors(m_problems))
            checkReach();
        return std::move(m_problems);
    }

private:
    void error(std::string pointer, std::string message)
    {
        m_problems.push_back({std::move(pointer), std::move(message), Severity::Error});
    }
    void warning(std::string pointer, std::string message)
    {
        m_problems.push_back({std::move(pointer), std::move(message), Severity::Warning});
    }
    static std::string nodePointer(std::size_t n) { return childPointer("/nodes", n); }
    static std::string edgePointer(std::size_t e) { return childPointer("/edges", e); }
    std::string describe(int index) const
    {
        return std::string(nodeKindName(m_t.nodes[std::size_t(index)].kind())) + " \""
             + m_t.nodes[std::size_t(index)].id + "\"";
    }
    NodeKind kindOf(int index) const { return m_t.nodes[std::size_t(index)].kind(); }

    bool uniqueIds()
    {
        std::map<std::string, std::size_t> first;
        bool unique = true;
        for (std::size_t n = 0; n < m_t.nodes.size(); ++n) {
            const std::string &id = m_t.nodes[n].id;
            if (id.empty()) {
                error(childPointer(nodePointer(n), "id"), "must not be empty");
                unique = false;
                continue;
            }
            const auto [it, fresh] = first.emplace(id, n);
            if (!fresh) {
                error(childPointer(nodePointer(n), "id"), "duplicate id \"" + id + "\" (first used at "
                                                              + childPointer(nodePointer(it->second), "id") + ")");
                unique = false;
            }
        }
        return unique;
    }

    bool checkEdge(std::size_t index)
    {
        const EdgeSpec &e = m_t.edges[index];
        const std::string at = edgePointer(index);
        const int from = m_t.nodeIndex(e.from);
        const int to = m_t.nodeIndex(e.to);
        if (from < 0)
            error(childPointer(at, "from"),
                  "no node has the id \"" + e.from + "\"" + internal::didYouMean(e.from, m_ids));
        if (to < 0)
            error(childPointer(at, "to"), "no node has the id \"" + e.to + "\"" + internal::didYouMean(e.to, m_ids));
        if (from < 0 || to < 0)
            return false;
        if (from == to) {
            error(at, "an edge cannot connect \"" + e.from + "\" to itself");
            return false;
        }
        for (std::size_t other = 0; other < index; ++other) {
            if (m_t.edges[other].from == e.from && m_t.edges[other].to == e.to) {
                error(at, "duplicate edge from \"" + e.from + "\" to \"" + e.to + "\" (first at " + edgePointer(other)
                              + ")");
                return false;
            }
        }
        const NodeKind fromKind = kindOf(from);
        const NodeKind toKind = kindOf(to);
        if (fromKind == NodeKind::DeadLetter) {
            error(at, "dead-letter queue \"" + e.from
                          + "\" keeps the messages it takes and passes none on, so no edge leaves it");
            return false;
        }
        if (toKind == NodeKind::DeadLetter) {
            error(at, "dead-letter queue \"" + e.to
                          + "\" takes messages only from queues that name it in \"deadLetter\", not over edges");
            return false;
        }
        if (!checkCommitOverride(index, fromKind))
            return false;
        if (e.mode == EdgeMode::Call)
            return checkCallEdge(index, from, to);
        if (!checkNoCallPolicies(index))
            return false;
        // The mode follows from the kinds; a stated mode must agree.
        const bool fromLog = fromKind == NodeKind::Queue || fromKind == NodeKind::Topic;
        const EdgeMode expected = fromLog ? EdgeMode::Consume : EdgeMode::Publish;
        if (e.mode == EdgeMode::Consume && expected != EdgeMode::Consume) {
            error(childPointer(at, "mode"),
                  "a consume edge goes from a queue or a topic to a service; this one starts at " + describe(from));
            return false;
        }
        if (e.mode == EdgeMode::Publish && expected != EdgeMode::Publish) {
            error(childPointer(at, "mode"), std::string("a ") + nodeKindName(fromKind)
                                                + " passes messages on only over consume edges; use \"consume\"");
            return false;
        }
        if (expected == EdgeMode::Consume && toKind != NodeKind::Service) {
            error(childPointer(at, "to"), std::string("a ") + nodeKindName(fromKind)
                                              + " can only be consumed by a service, not by " + describe(to));
            return false;
        }
        if (expected == EdgeMode::Publish && fromKind == NodeKind::Sink) {
            error(childPointer(at, "from"), describe(from) + " ends flows and cannot send messages");
            return false;
        }
        if (toKind == NodeKind::Producer) {
            error(childPointer(at, "to"), describe(to) + " cannot receive messages");
            return false;
        }
        if (expected == EdgeMode::Consume && e.probability) {
            error(childPointer(at, "probability"), "only publish edges take a probability");
            return false;
        }
        if (expected == EdgeMode::Consume
            && (e.retry || e.circuitBreaker || e.fallback.action != FallbackAction::Fail)) {
            const char *key = e.retry ? "retry" : e.circuitBreaker ? "circuitBreaker" : "fallback";
            error(childPointer(at, key), std::string("only call and publish edges take a ") + key + "; this edge from "
                                             + describe(from) + " is a consume edge");
            return false;
        }
        return checkFallbackRoute(index, from);
    }

    bool checkCallEdge(std::size_t index, int from, int to)
    {
        const EdgeSpec &e = m_t.edges[index];
        const std::string at = edgePointer(index);
        if (kindOf(from) != NodeKind::Service) {
            error(childPointer(at, "from"),
                  "a call edge goes from a service to a service; this one starts at " + describe(from));
            return false;
        }
        if (kindOf(to) != NodeKind::Service) {
            error(childPointer(at, "to"),
                  "a call edge goes from a service to a service; this one ends at " + describe(to));
            return false;
        }
        if (e.probability) {
            error(childPointer(at, "probability"), "only publish edges take a probability");
            return false;
        }
        return checkFallbackRoute(index, from);
    }

    // A routing fallback (of a call or publish edge) names a node that can take messages.
    bool checkFallbackRoute(std::size_t index, int from)
    {
        const EdgeSpec &e = m_t.edges[index];
        const std::string at = edgePointer(index);
        if (e.fallback.action != FallbackAction::Route)
            return true;
        const std::string target = childPointer(childPointer(at, "fallback"), "to");
        const int routed = m_t.nodeIndex(e.fallback.to);
        if (routed < 0) {
            error(target, "no node has the id \"" + e.fallback.to + "\"" + internal::didYouMean(e.fallback.to, m_ids));
            return false;
        }
        const NodeKind kind = kindOf(routed);
        if (kind == NodeKind::Producer || kind == NodeKind::DeadLetter || routed == from) {
            error(target, describe(routed)
                              + " cannot take the messages of a fallback; route them to a queue, a "
                                "topic, a sink or another service");
            return false;
        }
        return true;
    }

    // Timeouts belong to calls, and retries, breakers and fallbacks to calls
    // and publishes: a consume edge with one would silently ignore it.
    bool checkNoCallPolicies(std::size_t index)
    {
        const EdgeSpec &e = m_t.edges[index];
        const std::string at = edgePointer(index);
        const bool consume = e.mode == EdgeMode::Consume;
        const char *key = consume && e.retry                                   ? "retry"
                        : consume && e.circuitBreaker                          ? "circuitBreaker"
                        : consume && e.fallback.action != FallbackAction::Fail ? "fallback"
                        : e.timeout != EdgeSpec{}.timeout                      ? "timeout"
                                                                               : nullptr;
        if (!key)
            return true;
        const std::string takers = std::string(key) == "timeout" ? "only call edges" : "only call and publish edges";
        error(childPointer(at, key),
              takers + " take a " + std::string(key) + "; this is a " + edgeModeName(e.mode) + " edge");
        return false;
    }

    // A commit setting or an assignor on an edge is a consumer group's: only
    // a topic's consume edge has one to override.
    bool checkCommitOverride(std::size_t index, NodeKind fromKind)
    {
        const EdgeSpec &e = m_t.edges[index];
        const bool commits = e.commit || e.autoCommitInterval;
        if (!commits && !e.assignor)
            return true;
        if (e.mode == EdgeMode::Consume && fromKind == NodeKind::Topic)
            return true;
        const std::string setting = commits ? "commit" : "assignor";
        error(childPointer(edgePointer(index), setting),
              "only a consume edge from a topic takes " + std::string(commits ? "a commit setting" : "an assignor")
                  + " (its consumer group's); this is a " + edgeModeName(e.mode) + " edge from a "
                  + nodeKindName(fromKind));
        return false;
    }

    // The faults timeline: each fault hits a node of a kind it applies to,
    // starts within the run, and does not overlap another of its kind on the
    // same node (each fault restores the value it found when it ends).
    void checkFaults()
    {
        for (std::size_t f = 0; f < m_t.faults.size(); ++f) {
            const FaultSpec &fault = m_t.faults[f];
            const std::string at = childPointer("/faults", f);
            const int target = m_t.nodeIndex(fault.target);
            if (target < 0) {
                error(childPointer(at, "target"),
                      "no node has the id \"" + fault.target + "\"" + internal::didYouMean(fault.target, m_ids));
                continue;
            }
            if (fault.kind == FaultKind::Partition && !checkPartition(f, target))
                continue;
            const bool onProducer = fault.kind == FaultKind::Traffic || fault.kind == FaultKind::Poison;
            const NodeKind wanted = onProducer ? NodeKind::Producer : NodeKind::Service;
            if (fault.kind != FaultKind::Partition && kindOf(target) != wanted) {
                error(childPointer(at, "target"), std::string("a ") + faultKindName(fault.kind) + " fault applies to a "
                                                      + nodeKindName(wanted) + ", not to " + describe(target));
                continue;
            }
            if (fault.at >= m_t.simulation.duration) {
                error(childPointer(at, "at"), "must be within the run (shorter than its duration, "
                                                  + formatDuration(m_t.simulation.duration) + ")");
                continue;
            }
            if (fault.kind == FaultKind::Scale && consumesTopic(fault.target)) {
                error(childPointer(at, "target"), "service \"" + fault.target
                                                      + "\" consumes a topic: its workers are the group's consumer "
                                                        "instances, which a scale fault cannot change");
                continue;
            }
            if (fault.kind == FaultKind::Crash) {
                // The instances of a replicated service are its replicas; otherwise its workers.
                const auto &service = std::get<ServiceSpec>(m_t.nodes[std::size_t(target)].params);
                const bool replicated = service.replicas > 1;
                const int instances = replicated ? service.replicas : service.workers;
                const char *noun = replicated ? (instances == 1 ? " replica" : " replicas")
                                              : (instances == 1 ? " worker" : " workers");
                if (fault.instances > instances) {
                    error(childPointer(at, "instances"), "service \"" + fault.target + "\" has "
                                                             + std::to_string(instances) + noun
                                                             + ", so at most that many instances can crash");
                    continue;
                }
            }
            for (std::size_t other = 0; other < f; ++other) {
                const FaultSpec &o = m_t.faults[other];
                if (o.kind != fault.kind || !sameTargets(o, fault))
                    continue;
                const sim::Time start = sim::Time::zero() + fault.at;
                const sim::Time otherStart = sim::Time::zero() + o.at;
                const sim::Time end = fault.duration ? start + *fault.duration : sim::Time::max();
                const sim::Time otherEnd = o.duration ? otherStart + *o.duration : sim::Time::max();
                if (start < otherEnd && otherStart < end) {
                    error(at, std::string("overlaps the ") + faultKindName(o.kind) + " fault of \"" + o.target
                                  + "\" at " + childPointer("/faults", other));
                    break;
                }
            }
        }
    }

    // A partition cuts the edges between its target and its peer: both
    // exist, differ, and some edge joins them.
    bool checkPartition(std::size_t f, int target)
    {
        const FaultSpec &fault = m_t.faults[f];
        const std::string at = childPointer(childPointer("/faults", f), "peer");
        const int peer = m_t.nodeIndex(fault.peer);
        if (peer < 0) {
            error(at, "no node has the id \"" + fault.peer + "\"" + internal::didYouMean(fault.peer, m_ids));
            return false;
        }
        if (peer == target) {
            error(at, "a partition is between two different nodes; this one names \"" + fault.peer + "\" twice");
            return false;
        }
        for (const EdgeSpec &e : m_t.edges)
            if ((e.from == fault.target && e.to == fault.peer) || (e.from == fault.peer && e.to == fault.target))
                return true;
        error(at, "no edge joins \"" + fault.target + "\" and \"" + fault.peer
                      + "\", so a partition between them would change nothing");
        return false;
    }

    // Two faults of one kind hit the same place: the same node, or for
    // partitions the same pair of nodes (either way round).
    static bool sameTargets(const FaultSpec &a, const FaultSpec &b)
    {
        if (a.kind != FaultKind::Partition)
            return a.target == b.target;
        return (a.target == b.target && a.peer == b.peer) || (a.target == b.peer && a.peer == b.target);
    }

    bool consumesTopic(const std::string &service) const
    {
        for (const EdgeSpec &e : m_t.edges)
            if (e.to == service && e.mode == EdgeMode::Consume) {
                const int from = m_t.nodeIndex(e.from);
                if (from >= 0 && kindOf(from) == NodeKind::Topic)
                    return true;
            }
        return false;
    }

    void checkDeadLetterTargets()
    {
        for (std::size_t n = 0; n < m_t.nodes.size(); ++n) {
            const auto *q = std::get_if<QueueSpec>(&m_t.nodes[n].params);
            if (!q || q->deadLetter.empty())
                continue;
            const std::string at = childPointer(nodePointer(n), "deadLetter");
            const int target = m_t.nodeIndex(q->deadLetter);
            if (target < 0)
                error(at, "no node has the id \"" + q->deadLetter + "\"" + internal::didYouMean(q->deadLetter, m_ids));
            else if (kindOf(target) != NodeKind::DeadLetter)
                error(at,
                      "\"" + q->deadLetter + "\" is a " + nodeKindName(kindOf(target)) + ", not a dead-letter queue");
        }
    }

    void checkRouting()
    {
        for (std::size_t n = 0; n < m_t.nodes.size(); ++n) {
            const NodeSpec &node = m_t.nodes[n];
            std::vector<std::size_t> out;
            for (std::size_t e = 0; e < m_t.edges.size(); ++e)
                if (m_t.edges[e].from == node.id && m_t.edges[e].mode == EdgeMode::Publish)
                    out.push_back(e);
            if (node.kind() == NodeKind::Producer && out.empty())
                error(nodePointer(n), "producer \"" + node.id + "\" has no outgoing edge");
            std::optional<std::size_t> firstWithout;
            std::size_t withProbability = 0;
            double total = 0;
            for (std::size_t e : out) {
                if (m_t.edges[e].probability) {
                    ++withProbability;
                    total += *m_t.edges[e].probability;
                } else if (!firstWithout) {
                    firstWithout = e;
                }
            }
            if (withProbability > 0 && firstWithout) {
                error(edgePointer(*firstWithout),
                      "missing \"probability\": other edges leaving \"" + node.id
                          + "\" have one; either every edge leaving a node has a probability (each message "
                            "takes one edge) or none has (every edge gets a copy)");
            } else if (withProbability > 0 && total > 1 + 1e-9) {
                // Point at the edge that takes the sum past 1.
                double sum = 0;
                for (std::size_t e : out) {
                    sum += *m_t.edges[e].probability;
                    if (sum > 1 + 1e-9) {
                        error(childPointer(edgePointer(e), "probability"),
                              "the probabilities of the edges leaving \"" + node.id + "\" add up to "
                                  + internal::formatNumber(total) + ", more than 1");
                        break;
                    }
                }
            }
        }
    }

    // A service that consumes a topic is that topic's consumer group, and its
    // workers are the group's consumer instances: it takes no other input, so
    // that every worker is always free for its partitions.
    void checkTopicConsumers()
    {
        for (std::size_t e = 0; e < m_t.edges.size(); ++e) {
            const EdgeSpec &edge = m_t.edges[e];
            if (edge.mode != EdgeMode::Consume || kindOf(m_t.nodeIndex(edge.from)) != NodeKind::Topic)
                continue;
            for (std::size_t other = 0; other < m_t.edges.size(); ++other) {
                if (other == e || m_t.edges[other].to != edge.to)
                    continue;
                error(edgePointer(other), "service \"" + edge.to + "\" consumes topic \"" + edge.from + "\" (at "
                                              + edgePointer(e)
                                              + "), so it takes no other input: its workers are the consumer "
                                                "instances of the topic's group");
                break;
            }
        }
    }

    // Warnings: the run works, but part of the topology would stay idle.
    void checkReach()
    {
        const std::size_t count = m_t.nodes.size();
        std::vector<std::vector<int>> next(count);
        std::vector<int> incoming(count, 0);
        std::vector<int> consumers(count, 0);
        for (const EdgeSpec &e : m_t.edges) {
            const int from = m_t.nodeIndex(e.from);
            const int to = m_t.nodeIndex(e.to);
            next[std::size_t(from)].push_back(to);
            ++incoming[std::size_t(to)];
            if (e.mode != EdgeMode::Consume && e.fallback.action == FallbackAction::Route) {
                const int routed = m_t.nodeIndex(e.fallback.to);
                next[std::size_t(from)].push_back(routed);
                ++incoming[std::size_t(routed)];
            }
            if (e.mode == EdgeMode::Consume)
                ++consumers[std::size_t(from)];
        }
        std::vector<bool> namedAsDeadLetter(count, false);
        for (std::size_t n = 0; n < count; ++n)
            if (const auto *q = std::get_if<QueueSpec>(&m_t.nodes[n].params); q && !q->deadLetter.empty()) {
                const int target = m_t.nodeIndex(q->deadLetter);
                next[n].push_back(target);
                namedAsDeadLetter[std::size_t(target)] = true;
            }

        std::vector<bool> reached(count, false);
        std::vector<int> stack;
        for (std::size_t n = 0; n < count; ++n)
            if (m_t.nodes[n].kind() == NodeKind::Producer) {
                reached[n] = true;
                stack.push_back(int(n));
            }
        const bool hasProducer = !stack.empty();
        if (!hasProducer)
            warning("/nodes", "there is no producer, so no message is ever sent");
        while (!stack.empty()) {
            const int n = stack.back();
            stack.pop_back();
            for (int m : next[std::size_t(n)])
                if (!reached[std::size_t(m)]) {
                    reached[std::size_t(m)] = true;
                    stack.push_back(m);
                }
        }

        for (std::size_t n = 0; n < count; ++n) {
            const NodeSpec &node = m_t.nodes[n];
            const std::string at = nodePointer(n);
            if (node.kind() == NodeKind::Service && incoming[n] == 0) {
                warning(at, "service \"" + node.id + "\" has no source: connect a queue to it, or publish to it");
                continue;
            }
            if (node.kind() == NodeKind::DeadLetter && !namedAsDeadLetter[n]) {
                warning(at, "dead-letter queue \"" + node.id
                                + "\" is the dead-letter target of no queue, so it never receives anything");
                continue;
            }
            if (hasProducer && !reached[n]) {
                warning(at, describe(int(n)) + " is not reachable from any producer, so no message ever gets there");
                continue;
            }
            if (node.kind() == NodeKind::Queue && consumers[n] == 0 && reached[n])
                warning(at, "queue \"" + node.id + "\" has no consumer: messages sent to it only pile up");
            if (node.kind() == NodeKind::Topic && consumers[n] == 0 && reached[n])
                warning(at, "topic \"" + node.id
                                + "\" has no consumer group: records sent to it are kept until "
                                  "retention deletes them, and end their flow there");
        }
    }

    const Topology &m_t;
    std::vector<std::string> m_ids;
    std::vector<Problem> m_problems;
};

} // namespace

std::vector<Problem> checkTopology(const Topology &topology)
{
    return Checker(topology).run();
}

bool hasErrors(const std::vector<Problem> &problems)
{
    return std::any_of(problems.begin(), problems.end(),
                       [](const Problem &p) { return p.severity == Severity::Error; });
}

} // namespace asyncsim::models
