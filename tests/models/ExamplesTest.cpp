// Every example of the teaching library loads, survives a save/load round
// trip, runs, balances its ledger, obeys Little's law at every service, and
// is reproducible from its seed.

#include "TestTopologies.h"

#include "models/ResultsJson.h"
#include "models/TopologyJson.h"

#include <filesystem>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

std::vector<std::string> exampleFiles()
{
    std::vector<std::string> files;
    for (const auto &entry :
         std::filesystem::directory_iterator(std::string(ASYNCSIM_SOURCE_DIR) + "/resources/examples"))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path().filename().string());
    std::sort(files.begin(), files.end());
    return files;
}

std::string examplePath(const std::string &name)
{
    return std::string(ASYNCSIM_SOURCE_DIR) + "/resources/examples/" + name;
}

class Example : public ::testing::TestWithParam<std::string>
{
};

} // namespace

TEST(Examples, TheLibraryIsThere)
{
    const auto files = exampleFiles();
    EXPECT_GE(files.size(), 5u);
    EXPECT_NE(std::find(files.begin(), files.end(), "checkout.json"), files.end()) << "the default example";
}

TEST_P(Example, LoadsWithTitleAndWhatToWatch)
{
    const Topology t = loadTopologyFile(examplePath(GetParam()));
    EXPECT_FALSE(t.name.empty());
    EXPECT_NE(t.description.find("What to watch"), std::string::npos) << "every example tells what to look for";
}

TEST_P(Example, SurvivesASaveLoadRoundTrip)
{
    const Topology t = loadTopologyFile(examplePath(GetParam()));
    const std::string saved = serializeTopology(t);
    EXPECT_EQ(serializeTopology(parseTopology(saved)), saved);
}

TEST_P(Example, RunsBalancedAndReproducibly)
{
    const Topology t = loadTopologyFile(examplePath(GetParam()));
    const RunResults first = runChecked(t, t.simulation.seed);
    EXPECT_GT(first.ledger.produced, 0u);
    EXPECT_GT(first.ledger.completed, 0u);
    EXPECT_EQ(resultsToJson(runChecked(t, t.simulation.seed)), resultsToJson(first)) << "same seed, same bytes";
    EXPECT_NE(resultsToJson(runChecked(t, t.simulation.seed + 1)), resultsToJson(first));

    // Little's law at every service; the slack covers messages present at the
    // ends of the measured period, which is a few over thousands.
    for (const NodeResults &n : first.nodes) {
        if (n.kind != NodeKind::Service || n.arrivals < 1000)
            continue;
        EXPECT_NEAR(n.inSystem.mean, n.arrivalRate * n.responseTime.mean, 0.02 * n.inSystem.mean + 0.01) << n.id;
    }
}

INSTANTIATE_TEST_SUITE_P(Library, Example, ::testing::ValuesIn(exampleFiles()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                             std::string name = info.param.substr(0, info.param.size() - 5);
                             for (char &c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c)))
                                     c = '_';
                             return name;
                         });
