// Reading topology files: every problem is reported at its JSON pointer, and
// a file with any problem yields no topology at all.

#include "DurationText.h"
#include "TopologyCheck.h"
#include "TopologyJson.h"
#include "internal/JsonReader.h"
#include "internal/NodeReader.h"
#include "internal/ResilienceReader.h"
#include "internal/TopicReader.h"

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

// Reads the edges' values only; whether they join the right nodes is
// checkTopology's business. Returns true when every edge was read, so that
// t.edges[i] is the file's /edges/i.
bool readEdges(const Json &value, const std::string &pointer, Topology &t, Problems &problems)
{
    if (!value.is_array()) {
        problems.add(pointer, "must be an array of edges");
        return false;
    }
    bool complete = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
        ObjectReader r(value[i], internal::childPointer(pointer, i), problems);
        if (!r.isValid()) {
            complete = false;
            continue;
        }
        const std::size_t before = problems.size();
        EdgeSpec e;
        e.from = r.string("from", Need::Required).value_or("");
        e.to = r.string("to", Need::Required).value_or("");
        const auto mode = r.choice("mode", Need::Optional, "edge mode", internal::EdgeModeNames);
        e.probability = r.number("probability", Need::Optional, 0, 1);
        // The call policies; checkTopology says when they sit on the wrong kind of edge.
        if (const auto timeout = r.duration("timeout", Need::Optional, true))
            e.timeout = *timeout;
        if (const Json *retry = r.get("retry"))
            e.retry = internal::readRetry(*retry, r.pointer("retry"), problems);
        if (const Json *breaker = r.get("circuitBreaker"))
            e.circuitBreaker = internal::readCircuitBreaker(*breaker, r.pointer("circuitBreaker"), problems);
        if (const Json *fallback = r.get("fallback"))
            e.fallback = internal::readFallback(*fallback, r.pointer("fallback"), problems).value_or(FallbackSpec{});
        // A consume edge from a topic may override the topic's commit and assignor for its group (checked there).
        if (const Json *commit = r.get("commit"))
            if (const auto setting = internal::readCommit(*commit, r.pointer("commit"), problems, true)) {
                e.commit = setting->mode;
                e.autoCommitInterval = setting->autoCommitInterval;
            }
        e.assignor = internal::readAssignor(r, "assignor");
        r.finish();
        if (problems.size() != before) {
            complete = false;
            continue;
        }
        // Unstated, the mode follows from the kinds: a queue or a topic is consumed.
        const int from = t.nodeIndex(e.from);
        const bool fromLog = from >= 0
                          && (t.nodes[std::size_t(from)].kind() == NodeKind::Queue
                              || t.nodes[std::size_t(from)].kind() == NodeKind::Topic);
        if (mode)
            e.mode = *mode == "consume" ? EdgeMode::Consume : *mode == "call" ? EdgeMode::Call : EdgeMode::Publish;
        else
            e.mode = fromLog ? EdgeMode::Consume : EdgeMode::Publish;
        t.edges.push_back(e);
    }
    return complete;
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
    bool nodesEmpty = false;
    if (const Json *nodes = r.get("nodes", Need::Required)) {
        if (!nodes->is_array()) {
            problems.add("/nodes", "must be a non-empty array of nodes");
        } else if (nodes->empty()) {
            // A draft may be an empty canvas; a run needs something to run.
            nodesEmpty = true;
            if (strictness == Strictness::Whole)
                problems.add("/nodes", "must be a non-empty array of nodes");
        } else if (nodes->size() > MaxNodes) {
            problems.add("/nodes", "has " + std::to_string(nodes->size()) + " nodes; at most "
                                       + std::to_string(MaxNodes) + " are supported");
        } else {
            nodesComplete = true;
            for (std::size_t i = 0; i < nodes->size(); ++i) {
                auto node = readNode((*nodes)[i], internal::childPointer("/nodes", i), problems);
                if (!node) {
                    nodesComplete = false;
                    continue;
                }
                t.nodes.push_back(std::move(*node));
            }
        }
    }
    // Edges refer to nodes by id and kind: check them when every node has an
    // id and a known kind, even if some parameters are wrong, so that one pass
    // reports as much as it can. Otherwise an edge to a node whose id could
    // not be read would be reported as pointing nowhere.
    // Faults too are checked against the nodes, by index: only when all were read.
    bool faultsComplete = true;
    if (const Json *faults = r.get("faults")) {
        const std::size_t before = problems.size();
        internal::readFaults(*faults, "/faults", t.faults, problems);
        faultsComplete = problems.size() == before;
    }
    const Json *edges = r.get("edges");
    if (nodesComplete || nodesEmpty) {
        const bool edgesComplete = !edges || readEdges(*edges, "/edges", t, problems);
        if (strictness == Strictness::Whole && edgesComplete && nodesComplete && faultsComplete)
            for (Problem &p : checkTopology(t))
                if (p.severity == Severity::Error)
                    problems.add(std::move(p.pointer), std::move(p.message));
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
