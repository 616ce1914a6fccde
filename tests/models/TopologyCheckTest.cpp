// The structural rules shared by the file reader and the problems panel, on
// topologies built as values, and the draft reading the editor relies on.
#include "models/TopologyCheck.h"
#include "models/TopologyJson.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace asyncsim;
using namespace asyncsim::models;

namespace {

NodeSpec node(std::string id, NodeSpec::Params params)
{
    NodeSpec n;
    n.id = std::move(id);
    n.params = std::move(params);
    return n;
}

EdgeSpec edge(std::string from, std::string to, EdgeMode mode = EdgeMode::Publish)
{
    return EdgeSpec{std::move(from), std::move(to), mode, std::nullopt};
}

// producer -> queue -> service -> sink
Topology pipeline()
{
    Topology t;
    t.nodes = {node("p", ProducerSpec{}), node("q", QueueSpec{}), node("s", ServiceSpec{}), node("out", SinkSpec{})};
    t.edges = {edge("p", "q"), edge("q", "s", EdgeMode::Consume), edge("s", "out")};
    return t;
}

std::vector<std::string> texts(const std::vector<Problem> &problems, Severity severity)
{
    std::vector<std::string> out;
    for (const Problem &p : problems)
        if (p.severity == severity)
            out.push_back(p.text());
    return out;
}

using Texts = std::vector<std::string>;

} // namespace

TEST(TopologyCheck, AWellFormedPipelineHasNoProblems)
{
    EXPECT_TRUE(checkTopology(pipeline()).empty());
}

TEST(TopologyCheck, AnEmptyTopologyCannotRun)
{
    const auto problems = checkTopology(Topology{});
    EXPECT_EQ(texts(problems, Severity::Error),
              Texts{"/nodes: the topology has no nodes: add a producer and the nodes its messages go to"});
}

TEST(TopologyCheck, DuplicateAndEmptyNamesAreErrors)
{
    Topology t = pipeline();
    t.nodes[2].id = "q";
    t.nodes[3].id = "";
    EXPECT_EQ(texts(checkTopology(t), Severity::Error),
              (Texts{"/nodes/2/id: duplicate id \"q\" (first used at /nodes/1/id)", "/nodes/3/id: must not be empty"}));
}

TEST(TopologyCheck, DanglingEdgesNameTheMissingEndAndSuggestAName)
{
    Topology t = pipeline();
    t.edges.push_back(edge("s", "outt"));
    EXPECT_EQ(texts(checkTopology(t), Severity::Error),
              Texts{"/edges/3/to: no node has the id \"outt\" (did you mean \"out\"?)"});
}

TEST(TopologyCheck, EdgesMustJoinKindsThatCanBeJoined)
{
    Topology t = pipeline();
    t.nodes.push_back(node("dlq", DeadLetterSpec{}));
    t.edges.push_back(edge("q", "out", EdgeMode::Consume)); // a sink cannot consume
    t.edges.push_back(edge("out", "s"));                    // a sink sends nothing
    t.edges.push_back(edge("s", "p"));                      // into a producer
    t.edges.push_back(edge("s", "dlq"));                    // into a dead-letter queue
    t.edges.push_back(edge("p", "s", EdgeMode::Consume));   // consume from a producer
    t.edges.push_back(edge("p", "q"));                      // a repeat
    EXPECT_EQ(texts(checkTopology(t), Severity::Error),
              (Texts{"/edges/3/to: a queue can only be consumed by a service, not by sink \"out\"",
                     "/edges/4/from: sink \"out\" ends flows and cannot send messages",
                     "/edges/5/to: producer \"p\" cannot receive messages",
                     "/edges/6: dead-letter queue \"dlq\" takes messages only from queues that name it in "
                     "\"deadLetter\", not over edges",
                     "/edges/7/mode: a consume edge goes from a queue or a topic to a service; this one starts at producer \"p\"",
                     "/edges/8: duplicate edge from \"p\" to \"q\" (first at /edges/0)"}));
}

TEST(TopologyCheck, RoutingProbabilitiesMustBeAllOrNoneAndAtMostOne)
{
    Topology t = pipeline();
    t.nodes.push_back(node("other", SinkSpec{}));
    t.nodes.push_back(node("third", SinkSpec{}));
    t.edges.push_back(edge("s", "other"));
    t.edges.push_back(edge("s", "third"));
    t.edges[2].probability = 0.5;
    t.edges[3].probability = 0.7;
    EXPECT_EQ(texts(checkTopology(t), Severity::Error),
              Texts{"/edges/4: missing \"probability\": other edges leaving \"s\" have one; either every edge leaving "
                    "a node has a probability (each message takes one edge) or none has (every edge gets a copy)"});
    t.edges[4].probability = 0.1;
    EXPECT_EQ(texts(checkTopology(t), Severity::Error),
              Texts{"/edges/3/probability: the probabilities of the edges leaving \"s\" add up to 1.3, more than 1"});
}

TEST(TopologyCheck, AProducerNeedsSomewhereToSend)
{
    Topology t = pipeline();
    t.edges.erase(t.edges.begin());
    EXPECT_EQ(texts(checkTopology(t), Severity::Error), Texts{"/nodes/0: producer \"p\" has no outgoing edge"});
}

TEST(TopologyCheck, IdleNodesAreWarningsNotErrors)
{
    Topology t = pipeline();
    t.nodes.push_back(node("lonely", ServiceSpec{})); // no source
    t.nodes.push_back(node("backlog", QueueSpec{}));  // no consumer
    t.nodes.push_back(node("dlq", DeadLetterSpec{})); // nobody's target
    t.nodes.push_back(node("island", QueueSpec{}));   // nothing reaches it
    t.nodes.push_back(node("island-worker", ServiceSpec{}));
    t.edges.push_back(edge("p", "backlog"));
    t.edges.push_back(edge("island", "island-worker", EdgeMode::Consume));
    const auto problems = checkTopology(t);
    EXPECT_FALSE(hasErrors(problems));
    EXPECT_EQ(texts(problems, Severity::Warning),
              (Texts{"/nodes/4: service \"lonely\" has no source: connect a queue to it, or publish to it",
                     "/nodes/5: queue \"backlog\" has no consumer: messages sent to it only pile up",
                     "/nodes/6: dead-letter queue \"dlq\" is the dead-letter target of no queue, so it never receives "
                     "anything",
                     "/nodes/7: queue \"island\" is not reachable from any producer, so no message ever gets there",
                     "/nodes/8: service \"island-worker\" is not reachable from any producer, so no message ever gets "
                     "there"}));
}

TEST(TopologyCheck, ADeadLetterQueueIsReachedThroughItsQueue)
{
    Topology t = pipeline();
    t.nodes.push_back(node("dlq", DeadLetterSpec{}));
    std::get<QueueSpec>(t.nodes[1].params).deadLetter = "dlq";
    EXPECT_TRUE(checkTopology(t).empty());
    std::get<QueueSpec>(t.nodes[1].params).deadLetter = "s";
    EXPECT_EQ(texts(checkTopology(t), Severity::Error),
              Texts{"/nodes/1/deadLetter: \"s\" is a service, not a dead-letter queue"});
}

TEST(TopologyCheck, NoProducerIsOneWarning)
{
    Topology t;
    t.nodes = {node("q", QueueSpec{}), node("s", ServiceSpec{})};
    t.edges = {edge("q", "s", EdgeMode::Consume)};
    EXPECT_EQ(texts(checkTopology(t), Severity::Warning),
              Texts{"/nodes: there is no producer, so no message is ever sent"});
}

TEST(TopologyCheck, EveryExampleIsFreeOfWarnings)
{
    for (const auto &entry : std::filesystem::directory_iterator(ASYNCSIM_SOURCE_DIR "/resources/examples")) {
        const Topology t = loadTopologyFile(entry.path().string());
        EXPECT_TRUE(checkTopology(t).empty()) << entry.path() << ": " << checkTopology(t).front().text();
    }
}

TEST(DraftReading, KeepsWorkInProgressThatAWholeReadRefuses)
{
    const std::string unconnected = R"({"format": "asyncsim-topology", "version": 1, "nodes": [
        {"id": "p", "kind": "producer", "arrivals": {"dist": "poisson", "rate": 1}},
        {"id": "p", "kind": "sink"}],
      "edges": [{"from": "p", "to": "nowhere"}]})";
    EXPECT_THROW(parseTopology(unconnected), TopologyError);
    const Topology draft = parseTopology(unconnected, {}, Strictness::Draft);
    ASSERT_EQ(draft.nodes.size(), 2u);
    ASSERT_EQ(draft.edges.size(), 1u);
    EXPECT_EQ(draft.edges[0].to, "nowhere");
    EXPECT_TRUE(hasErrors(checkTopology(draft)));

    const std::string empty = R"({"format": "asyncsim-topology", "version": 1, "nodes": []})";
    EXPECT_TRUE(parseTopology(empty, {}, Strictness::Draft).nodes.empty());
    EXPECT_THROW(parseTopology(empty), TopologyError);
}

TEST(DraftReading, StillRefusesBadValues)
{
    const std::string text = R"({"format": "asyncsim-topology", "version": 1, "nodes": [
        {"id": "s", "kind": "service", "workers": 0, "serviceTime": "1s"}]})";
    try {
        parseTopology(text, "f.json", Strictness::Draft);
        FAIL() << "a draft with workers 0 loaded";
    } catch (const TopologyError &e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_EQ(e.problems()[0].pointer, "/nodes/0/workers");
    }
}

TEST(DraftReading, AnEditorDraftRoundTrips)
{
    Topology t = pipeline();
    t.edges.erase(t.edges.begin()); // the producer is not connected yet
    const Topology back = parseTopology(serializeTopology(t), {}, Strictness::Draft);
    EXPECT_EQ(serializeTopology(back), serializeTopology(t));
}
