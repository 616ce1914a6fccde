// Golden runs: every example's headline numbers under its own seed, compared
// with a checked-in summary (tests/models/golden/NAME.txt). A change that
// moves any of them must be deliberate: rerun with ASYNCSIM_UPDATE_GOLDEN=1
// to rewrite the files, and say why in the commit.

#include "TestTopologies.h"

#include "models/TopologyJson.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

namespace fs = std::filesystem;

const fs::path SourceDir = ASYNCSIM_SOURCE_DIR;

std::vector<std::string> examples()
{
    std::vector<std::string> names;
    for (const auto &entry : fs::directory_iterator(SourceDir / "resources/examples"))
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string number(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

// Counts exactly; means and percentiles to 6 significant digits.
std::string summary(const RunResults &r)
{
    std::ostringstream out;
    const Ledger &l = r.ledger;
    out << "simulated " << number(r.simulatedTime) << " s, " << r.events << " events\n";
    out << "ledger produced " << l.produced << " forked " << l.forked << " duplicated " << l.duplicated << " completed "
        << l.completed << " failed " << l.failed << " in-flight " << l.inFlight;
    for (const auto &[reason, count] : l.deadLettered)
        out << " dead-lettered:" << reason << " " << count;
    for (const auto &[reason, count] : l.dropped)
        out << " dropped:" << reason << " " << count;
    if (l.lostToRetention > 0)
        out << " lost-to-retention " << l.lostToRetention;
    out << "\n";
    for (const NodeResults &n : r.nodes) {
        out << n.id << ": in " << n.arrivals << " out " << n.departures << " failed " << n.failures << " drops "
            << n.drops;
        if (n.kind == NodeKind::Queue || n.kind == NodeKind::Service || n.kind == NodeKind::Topic)
            out << " queue " << number(n.queueLength.mean) << " wait " << number(n.waitingTime.mean) << " p99 "
                << number(n.waitingTime.p99);
        if (n.kind == NodeKind::Queue)
            out << " redelivered " << n.redeliveries << " duplicates " << n.duplicates << " dead-lettered "
                << n.deadLettered;
        if (n.kind == NodeKind::Service)
            out << " util " << number(n.utilisation) << " response " << number(n.responseTime.mean);
        if (n.kind == NodeKind::Topic)
            for (const ConsumerGroupResults &g : n.groups) {
                out << " group " << g.group << " lost " << g.lostToRetention << " lag " << number(g.lag.mean) << " max "
                    << number(g.lag.max) << " committed";
                for (const PartitionOffsets &p : g.partitions)
                    out << " " << p.committed << "/" << p.logEnd;
                if (g.rebalances > 0)
                    out << " rebalances " << g.rebalances << " stopped " << number(g.stoppedPartitionSeconds);
            }
        out << "\n";
    }
    for (const FlowResults &f : r.flows)
        out << f.from << " -> " << f.to << ": " << f.latency.count << " mean " << number(f.latency.mean) << " p95 "
            << number(f.latency.p95) << "\n";
    if (l.calls > 0)
        out << "calls " << l.calls << "\n";
    for (const EdgeResults &e : r.edges) {
        out << "call " << e.from << " -> " << e.to << ": requests " << e.requests << " attempts " << e.attempts
            << " ok " << e.successes << " failed " << e.failures << " timeouts " << e.timeouts << " late "
            << e.lateAnswers << " rejected " << e.rejectedByBreaker << " fallbacks " << e.fallbacks;
        if (e.breaker) {
            out << " breaker " << e.breaker->state;
            for (const BreakerTransitionResults &t : e.breaker->transitions)
                out << " " << number(t.at) << ":" << t.to;
        }
        out << "\n";
    }
    return out.str();
}

class GoldenRun : public ::testing::TestWithParam<std::string>
{
};

} // namespace

TEST_P(GoldenRun, MatchesTheCheckedInSummary)
{
    const Topology t = loadTopologyFile((SourceDir / "resources/examples" / (GetParam() + ".json")).string());
    const std::string actual = summary(runChecked(t, t.simulation.seed));
    const fs::path golden = SourceDir / "tests/models/golden" / (GetParam() + ".txt");
    if (std::getenv("ASYNCSIM_UPDATE_GOLDEN")) {
        fs::create_directories(golden.parent_path());
        std::ofstream(golden, std::ios::binary) << actual;
        GTEST_SKIP() << "rewrote " << golden;
    }
    std::ifstream in(golden, std::ios::binary);
    ASSERT_TRUE(in) << "no golden summary " << golden << "; run with ASYNCSIM_UPDATE_GOLDEN=1 to write it";
    std::ostringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str());
}

INSTANTIATE_TEST_SUITE_P(Examples, GoldenRun, ::testing::ValuesIn(examples()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                             std::string name = info.param;
                             for (char &c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c)))
                                     c = '_';
                             return name;
                         });
