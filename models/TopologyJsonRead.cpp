// Reading topology files: every problem is reported at its JSON pointer, and
// a file with any problem yields no topology at all.

#include "DurationText.h"
#include "TopologyJson.h"
#include "internal/JsonReader.h"
#include "internal/NodeReader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace asyncsim::models {

using internal::Json;
using internal::ObjectReader;
using internal::Problems;
using internal::readNode;
using Need = ObjectReader::Need;

namespace {

// Messages name their producer in 16 bits (Message::producer).
constexpr std::size_t MaxNodes = 65535;
const std::vector<std::string> EdgeModeNames{"publish", "consume"};

SimulationSettings readSimulation(const Json &value, const std::string &pointer, Problems &problems)
{
    SimulationSettings s;
    ObjectReader r(value, pointer, problems);
    const std::size_t before = problems.size();
    const auto duration = r.duration("duration", Need::Optional, true);
    if (duration)
        s.duration = *duration;
    // A bad duration is reported already; comparing the warm-up with the
    // default instead would only add a confusing second problem.
    const bool durationKnown = problems.size() == before;
    if (const auto w = r.duration("warmup", Need::Optional, false)) {
        s.warmup = *w;
        if (durationKnown && *w >= s.duration)
            problems.add(r.pointer("warmup"), "must be shorter than the duration (" + formatDuration(s.duration)
                                                  + (duration ? ")" : " by default)"));
    }
    if (const auto seed = r.unsignedInteger("seed", Need::Optional))
        s.seed = *seed;
    if (const auto reps = r.integer("replications", Need::Optional, 1, 10000))
        s.replications = static_cast<int>(*reps);
    if (const auto interval = r.duration("sampleInterval", Need::Optional, true))
        s.sampleInterval = *interval;
    r.finish();
    return s;
}

std::string describe(const Topology &t, int index)
{
    return std::string(nodeKindName(t.nodes[index].kind())) + " \"" + t.nodes[index].id + "\"";
}

void readEdges(const Json &value, const std::string &pointer, Topology &t, Problems &problems)
{
    if (!value.is_array()) {
        problems.add(pointer, "must be an array of edges");
        return;
    }
    std::vector<std::string> ids;
    for (const NodeSpec &n : t.nodes)
        ids.push_back(n.id);
    std::map<std::pair<std::string, std::string>, std::string> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string at = internal::childPointer(pointer, i);
        ObjectReader r(value[i], at, problems);
        if (!r.isValid())
            continue;
        const std::size_t before = problems.size();
        EdgeSpec e;
        e.from = r.string("from", Need::Required).value_or("");
        e.to = r.string("to", Need::Required).value_or("");
        const auto mode = r.choice("mode", Need::Optional, "edge mode", EdgeModeNames);
        e.probability = r.number("probability", Need::Optional, 0, 1);
        r.finish();
        if (problems.size() != before)
            continue;
        const int from = t.nodeIndex(e.from);
        const int to = t.nodeIndex(e.to);
        if (from < 0)
            problems.add(r.pointer("from"),
                         "no node has the id \"" + e.from + "\"" + internal::didYouMean(e.from, ids));
        if (to < 0)
            problems.add(r.pointer("to"), "no node has the id \"" + e.to + "\"" + internal::didYouMean(e.to, ids));
        if (from < 0 || to < 0)
            continue;
        if (from == to) {
            problems.add(at, "an edge cannot connect \"" + e.from + "\" to itself");
            continue;
        }
        const auto [it, fresh] = seen.emplace(std::pair(e.from, e.to), at);
        if (!fresh) {
            problems.add(at,
                         "duplicate edge from \"" + e.from + "\" to \"" + e.to + "\" (first at " + it->second + ")");
            continue;
        }
        const NodeKind fromKind = t.nodes[from].kind();
        const NodeKind toKind = t.nodes[to].kind();
        if (fromKind == NodeKind::DeadLetter) {
            problems.add(at, "dead-letter queue \"" + e.from
                                 + "\" keeps the messages it takes and passes none on, so no edge leaves it");
            continue;
        }
        if (toKind == NodeKind::DeadLetter) {
            problems.add(at, "dead-letter queue \"" + e.to
                                 + "\" takes messages only from queues that name it in \"deadLetter\", not over edges");
            continue;
        }
        // The mode follows from the kinds; a stated mode must agree.
        e.mode = fromKind == NodeKind::Queue ? EdgeMode::Consume : EdgeMode::Publish;
        if (mode && *mode == "consume" && e.mode != EdgeMode::Consume) {
            problems.add(r.pointer("mode"),
                         "a consume edge goes from a queue to a service; this one starts at " + describe(t, from));
            continue;
        }
        if (mode && *mode == "publish" && e.mode != EdgeMode::Publish) {
            problems.add(r.pointer("mode"), "a queue passes messages on only over consume edges; use \"consume\"");
            continue;
        }
        if (e.mode == EdgeMode::Consume && toKind != NodeKind::Service) {
            problems.add(r.pointer("to"), "a queue can only be consumed by a service, not by " + describe(t, to));
            continue;
        }
        if (e.mode == EdgeMode::Publish && (fromKind == NodeKind::Sink)) {
            problems.add(r.pointer("from"), describe(t, from) + " ends flows and cannot send messages");
            continue;
        }
        if (toKind == NodeKind::Producer) {
            problems.add(r.pointer("to"), describe(t, to) + " cannot receive messages");
            continue;
        }
        if (e.mode == EdgeMode::Consume && e.probability) {
            problems.add(r.pointer("probability"), "only publish edges take a probability");
            continue;
        }
        t.edges.push_back(e);
    }
}

// Called only when every node was read, so t.nodes[i] is the file's /nodes/i.
void checkDeadLetters(const Topology &t, Problems &problems)
{
    std::vector<std::string> ids;
    for (const NodeSpec &n : t.nodes)
        ids.push_back(n.id);
    for (std::size_t n = 0; n < t.nodes.size(); ++n) {
        const auto *q = std::get_if<QueueSpec>(&t.nodes[n].params);
        if (!q || q->deadLetter.empty())
            continue;
        const std::string at = internal::childPointer(internal::childPointer("/nodes", n), "deadLetter");
        const int target = t.nodeIndex(q->deadLetter);
        if (target < 0)
            problems.add(at, "no node has the id \"" + q->deadLetter + "\"" + internal::didYouMean(q->deadLetter, ids));
        else if (t.nodes[target].kind() != NodeKind::DeadLetter)
            problems.add(at, "\"" + q->deadLetter + "\" is a " + nodeKindName(t.nodes[target].kind())
                                 + ", not a dead-letter queue");
    }
}

// Called only when every edge was read without a problem, so t.edges[i] is
// the file's edgesPointer/i.
void checkRouting(const Topology &t, const std::string &edgesPointer, Problems &problems)
{
    for (std::size_t n = 0; n < t.nodes.size(); ++n) {
        const NodeSpec &node = t.nodes[n];
        std::vector<std::size_t> out;
        for (std::size_t e = 0; e < t.edges.size(); ++e)
            if (t.edges[e].from == node.id && t.edges[e].mode == EdgeMode::Publish)
                out.push_back(e);
        if (node.kind() == NodeKind::Producer && out.empty())
            problems.add(internal::childPointer("/nodes", n), "producer \"" + node.id + "\" has no outgoing edge");
        std::optional<std::size_t> firstWithout;
        std::size_t withProbability = 0;
        double total = 0;
        for (std::size_t e : out) {
            if (t.edges[e].probability) {
                ++withProbability;
                total += *t.edges[e].probability;
            } else if (!firstWithout) {
                firstWithout = e;
            }
        }
        if (withProbability > 0 && firstWithout) {
            problems.add(internal::childPointer(edgesPointer, *firstWithout),
                         "missing \"probability\": other edges leaving \"" + node.id
                             + "\" have one; either every edge leaving a node has a probability (each message "
                               "takes one edge) or none has (every edge gets a copy)");
        } else if (withProbability > 0 && total > 1 + 1e-9) {
            // Point at the edge that takes the sum past 1.
            double sum = 0;
            for (std::size_t e : out) {
                sum += *t.edges[e].probability;
                if (sum > 1 + 1e-9) {
                    problems.add(internal::childPointer(internal::childPointer(edgesPointer, e), "probability"),
                                 "the probabilities of the edges leaving \"" + node.id + "\" add up to "
                                     + internal::formatNumber(total) + ", more than 1");
                    break;
                }
            }
        }
    }
}

// Columns count characters, not bytes, as editors do.
std::string lineAndColumn(std::string_view text, std::size_t byte)
{
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann reports an unexpected token after reading all of it; a person
// looks for where it starts. @p last is the token's last byte.
std::size_t tokenStart(std::string_view text, std::size_t last)
{
    if (last >= text.size())
        return last;
    auto isWordChar
        = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'; };
    if (text[last] == '"') {
        for (std::size_t i = last; i-- > 0;) {
            if (text[i] != '"')
                continue;
            std::size_t backslashes = 0;
            while (backslashes < i && text[i - 1 - backslashes] == '\\')
                ++backslashes;
            if (backslashes % 2 == 0)
                return i;
        }
        return last;
    }
    std::size_t start = last;
    if (isWordChar(text[last]))
        while (start > 0 && isWordChar(text[start - 1]))
            --start;
    return start;
}

// Describes a JSON syntax error from nlohmann's parse_error, at the place a
// person would look.
Problem syntaxProblem(std::string_view text, const nlohmann::json::parse_error &e)
{
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line L, column C: what".
    std::string what = e.what();
    const auto colon = what.find(": ", what.find("column"));
    what = colon == std::string::npos ? what : what.substr(colon + 2);
    std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    if (what.find("- unexpected ") != std::string::npos && what.find("unexpected end of input") == std::string::npos)
        byte = tokenStart(text, byte);
    // After a member or an element nlohmann names only the closing bracket,
    // but a comma is just as valid there, and a missing comma is the usual
    // mistake.
    for (const std::string_view closing : {"'}'", "']'"}) {
        const std::string expected = "; expected " + std::string(closing);
        if (what.size() >= expected.size() && what.ends_with(expected))
            what.insert(what.size() - closing.size(), "',' or ");
    }
    return {"", lineAndColumn(text, byte) + ": not valid JSON: " + what};
}

} // namespace

TopologyError::TopologyError(std::string file, std::vector<Problem> problems)
    : std::runtime_error((file.empty() ? "" : file + ": ")
                         + (problems.empty() ? "invalid topology" : problems.front().text()))
    , m_file(std::move(file))
    , m_problems(std::move(problems))
{ }

Topology parseTopology(std::string_view text, const std::string &fileName, Strictness strictness)
{
    (void)strictness; // TODO(draft): replaced in this change
    Json root;
    try {
        root = Json::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        throw TopologyError(fileName, {syntaxProblem(text, e)});
    }

    Problems problems;
    Topology t;
    ObjectReader r(root, "", problems);
    if (!r.isValid())
        throw TopologyError(fileName, {{"", "the document must be a JSON object, not " + internal::typeName(root)}});

    const auto format = r.string("format", Need::Required);
    if (format && *format != TopologyFormatName)
        problems.add("/format", "must be \"" + std::string(TopologyFormatName) + "\", not \"" + *format + "\"");
    const auto version = r.integer("version", Need::Required, 1);
    if (version && *version != TopologyFormatVersion)
        problems.add("/version", "this build reads version " + std::to_string(TopologyFormatVersion) + ", not "
                                     + std::to_string(*version));
    if (!problems.empty())
        throw TopologyError(fileName, std::move(problems.list())); // not our format: say nothing more

    t.name = r.string("name").value_or("");
    t.description = r.string("description").value_or("");
    if (const Json *s = r.get("simulation"))
        t.simulation = readSimulation(*s, "/simulation", problems);

    bool nodesComplete = false;
    if (const Json *nodes = r.get("nodes", Need::Required)) {
        if (!nodes->is_array() || nodes->empty()) {
            problems.add("/nodes", "must be a non-empty array of nodes");
        } else if (nodes->size() > MaxNodes) {
            problems.add("/nodes", "has " + std::to_string(nodes->size()) + " nodes; at most "
                                       + std::to_string(MaxNodes) + " are supported");
        } else {
            nodesComplete = true;
            std::map<std::string, std::string> firstUse;
            for (std::size_t i = 0; i < nodes->size(); ++i) {
                const std::string at = internal::childPointer("/nodes", i);
                auto node = readNode((*nodes)[i], at, problems);
                if (!node) {
                    nodesComplete = false;
                    continue;
                }
                const auto [it, fresh] = firstUse.emplace(node->id, at + "/id");
                if (!fresh) {
                    problems.add(at + "/id", "duplicate id \"" + node->id + "\" (first used at " + it->second + ")");
                    nodesComplete = false;
                    continue;
                }
                t.nodes.push_back(std::move(*node));
            }
        }
    }
    // Edges refer to nodes by id and kind: check them when every node has a
    // unique id and a known kind, even if some parameters are wrong, so that
    // one pass reports as much as it can. Otherwise an edge to a node whose id
    // could not be read would be reported as pointing nowhere.
    const Json *edges = r.get("edges");
    if (nodesComplete) {
        checkDeadLetters(t, problems);
        const std::size_t before = problems.size();
        if (edges)
            readEdges(*edges, "/edges", t, problems);
        if (problems.size() == before)
            checkRouting(t, "/edges", problems);
    }
    if (const Json *faults = r.get("faults")) {
        if (!faults->is_array())
            problems.add("/faults", "must be an array");
        else if (!faults->empty())
            problems.add("/faults/0", "faults are not simulated by this version yet; leave \"faults\" empty");
    }
    r.finish();
    if (!problems.empty())
        throw TopologyError(fileName, std::move(problems.list()));
    return t;
}

Topology loadTopologyFile(const std::string &path, Strictness strictness)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw TopologyError(path, {{"", "cannot open the file"}});
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw TopologyError(path, {{"", "cannot read the file"}});
    return parseTopology(buffer.str(), path, strictness);
}

} // namespace asyncsim::models
