// Every file in tests/models/broken/ is a topology with something wrong, next
// to the exact problems a user must be shown for it (NAME.expected, one
// "pointer: message" line per problem, as `asyncsim-cli validate` prints them
// after the file name).

#include "models/TopologyJson.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace asyncsim::models;

namespace {

const std::filesystem::path BrokenDir = std::filesystem::path(ASYNCSIM_SOURCE_DIR) / "tests" / "models" / "broken";

// The names (without .json) of every broken file, sorted so test names are stable.
std::vector<std::string> brokenFiles()
{
    std::vector<std::string> names;
    if (!std::filesystem::is_directory(BrokenDir))
        return names;
    for (const auto &entry : std::filesystem::directory_iterator(BrokenDir))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string readText(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A test name may hold only letters, digits and underscores.
std::string testName(const ::testing::TestParamInfo<std::string> &info)
{
    std::string name = info.param;
    std::replace_if(
        name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    return name;
}

class BrokenFile : public ::testing::TestWithParam<std::string>
{
};

} // namespace

TEST(BrokenFiles, ThereAreEnoughOfThem)
{
    EXPECT_GE(brokenFiles().size(), 20u) << "in " << BrokenDir;
}

TEST(BrokenFiles, EveryFileHasItsExpectedProblems)
{
    for (const std::string &name : brokenFiles())
        EXPECT_TRUE(std::filesystem::exists(BrokenDir / (name + ".expected"))) << name << ".json has no .expected";
}

TEST_P(BrokenFile, IsRejectedWithExactlyTheExpectedProblems)
{
    const std::filesystem::path json = BrokenDir / (GetParam() + ".json");
    const std::filesystem::path expectedPath = BrokenDir / (GetParam() + ".expected");
    ASSERT_TRUE(std::filesystem::exists(expectedPath)) << expectedPath;
    std::string expected = readText(expectedPath);
    if (!expected.empty() && expected.back() == '\n')
        expected.pop_back();

    try {
        loadTopologyFile(json.string());
        FAIL() << json << " loaded, but it is broken";
    } catch (const TopologyError &e) {
        EXPECT_EQ(e.file(), json.string());
        std::string actual;
        for (const Problem &p : e.problems())
            actual += (actual.empty() ? "" : "\n") + p.text();
        EXPECT_EQ(actual, expected);
    }
}

INSTANTIATE_TEST_SUITE_P(Broken, BrokenFile, ::testing::ValuesIn(brokenFiles()), testName);
