// asyncsim-cli run from a shell, as a user or a script would.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Outcome
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class Cli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path()
              / ("asyncsim-cli-test-" + std::to_string(::getpid()) + "-"
                 + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Runs the CLI with @p args (already shell-quoted where needed).
    Outcome cli(const std::string &args) const
    {
        const fs::path out = m_dir / "stdout";
        const fs::path err = m_dir / "stderr";
        const std::string command = std::string("'") + ASYNCSIM_CLI + "' " + args + " >'" + out.string() + "' 2>'"
                                  + err.string() + "' </dev/null";
        const int status = std::system(command.c_str());
        Outcome o;
        o.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        o.out = readFile(out);
        o.err = readFile(err);
        return o;
    }
    std::string example(const std::string &name) const
    {
        return std::string("'") + ASYNCSIM_SOURCE_DIR + "/resources/examples/" + name + "'";
    }
    fs::path path(const std::string &name) const { return m_dir / name; }
    std::string quoted(const std::string &name) const { return "'" + path(name).string() + "'"; }

private:
    fs::path m_dir;
};

} // namespace

TEST_F(Cli, HelpListsTheCommands)
{
    const Outcome o = cli("--help");
    EXPECT_EQ(o.exitCode, 0);
    EXPECT_NE(o.out.find("run"), std::string::npos);
    EXPECT_NE(o.out.find("validate"), std::string::npos);
    const Outcome runHelp = cli("run --help");
    EXPECT_EQ(runHelp.exitCode, 0);
    for (const char *option : {"--duration", "--seed", "--json", "--csv", "--quiet"})
        EXPECT_NE(runHelp.out.find(option), std::string::npos) << option;
}

TEST_F(Cli, VersionPrintsTheVersion)
{
    const Outcome o = cli("--version");
    EXPECT_EQ(o.exitCode, 0);
    EXPECT_NE(o.out.find("asyncsim-cli 0."), std::string::npos);
}

TEST_F(Cli, NoCommandIsBadInput)
{
    EXPECT_EQ(cli("").exitCode, 2);
    EXPECT_EQ(cli("frobnicate x.json").exitCode, 2);
}

TEST_F(Cli, ValidateAcceptsAGoodFile)
{
    const Outcome o = cli("validate " + example("checkout.json"));
    EXPECT_EQ(o.exitCode, 0);
    EXPECT_NE(o.out.find("valid (8 nodes, 7 edges)"), std::string::npos) << o.out;
}

TEST_F(Cli, ValidateNamesEveryProblemByPointer)
{
    std::ofstream(path("bad.json")) << R"({"format": "asyncsim-topology", "version": 1,
      "nodes": [{"id": "p", "kind": "producer", "arrivals": {"dist": "poisson", "rate": 1}},
                {"id": "s", "kind": "service", "workers": 0, "serviceTime": "1s"}],
      "edges": [{"from": "p", "to": "sx"}]})";
    const Outcome o = cli("validate " + quoted("bad.json"));
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_NE(o.err.find("bad.json: /nodes/1/workers: must be an integer from 1 to 1000000"), std::string::npos)
        << o.err;
    EXPECT_TRUE(o.out.empty());
    // The run command refuses it the same way and writes nothing.
    const Outcome run = cli("run " + quoted("bad.json") + " --json " + quoted("r.json"));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_FALSE(std::filesystem::exists(path("r.json")));
}

TEST_F(Cli, MissingFileIsBadInput)
{
    const Outcome o = cli("run " + quoted("nowhere.json"));
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_NE(o.err.find("nowhere.json: cannot open the file"), std::string::npos) << o.err;
}

TEST_F(Cli, BadDurationOptionIsBadInput)
{
    const Outcome o = cli("run " + example("mm1-queue.json") + " --duration 10parsecs");
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_NE(o.err.find("--duration"), std::string::npos);
}

TEST_F(Cli, RunPrintsASummaryAndWritesResults)
{
    const Outcome o
        = cli("run " + example("mm1-queue.json") + " --json " + quoted("r.json") + " --csv " + quoted("csv"));
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_NE(o.out.find("(balanced)"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("worker"), std::string::npos);
    EXPECT_EQ(o.err.find('\r'), std::string::npos) << "no progress bar when stderr is not a terminal";
    const std::string json = readFile(path("r.json"));
    EXPECT_NE(json.find("\"format\": \"asyncsim-results\""), std::string::npos);
    EXPECT_NE(json.find("\"balanced\": true"), std::string::npos);
    const std::string csv = readFile(path("csv") / "timeseries.csv");
    EXPECT_EQ(csv.rfind("time,arrivals.produced,worker.queueLength,worker.busyWorkers,worker.throughput,done."
                        "throughput,done.latency\n",
                        0),
              0u)
        << csv.substr(0, 200);
    // 3 h at one point a minute.
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 180);
}

TEST_F(Cli, SameSeedGivesIdenticalBytes)
{
    ASSERT_EQ(cli("run " + example("checkout.json") + " --quiet --json " + quoted("a.json")).exitCode, 0);
    ASSERT_EQ(cli("run " + example("checkout.json") + " --quiet --json " + quoted("b.json")).exitCode, 0);
    ASSERT_EQ(cli("run " + example("checkout.json") + " --quiet --seed 43 --json " + quoted("c.json")).exitCode, 0);
    EXPECT_EQ(readFile(path("a.json")), readFile(path("b.json")));
    EXPECT_NE(readFile(path("a.json")), readFile(path("c.json")));
    EXPECT_NE(readFile(path("c.json")).find("\"seed\": 43"), std::string::npos);
}

TEST_F(Cli, DurationOptionOverridesTheFile)
{
    const Outcome o = cli("run " + example("mm1-queue.json") + " --quiet --duration 20m --json " + quoted("r.json"));
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_TRUE(o.out.empty()) << "--quiet prints nothing";
    EXPECT_NE(readFile(path("r.json")).find("\"simulatedTime\": 1200.0"), std::string::npos);
}

TEST_F(Cli, UnwritableOutputFails)
{
    const Outcome o = cli("run " + example("mm1-queue.json") + " --quiet --json /nonexistent-dir/r.json");
    EXPECT_EQ(o.exitCode, 1);
    EXPECT_NE(o.err.find("cannot write /nonexistent-dir/r.json"), std::string::npos) << o.err;
}

TEST_F(Cli, SummaryShowsDeliverySemanticsWhereTheyHappened)
{
    const Outcome o = cli("run " + example("at-least-once-and-idempotency.json"));
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_NE(o.out.find("\ndelivery\n"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("duplicate side effects"), std::string::npos);
    EXPECT_NE(o.out.find("duplicates skipped"), std::string::npos);
    // Nothing of the kind happens in the textbook queue: no section at all.
    EXPECT_EQ(cli("run " + example("mm1-queue.json")).out.find("\ndelivery\n"), std::string::npos);
}

TEST_F(Cli, ReplicationsPrintIntervalsAndWriteEveryRun)
{
    const Outcome o = cli("run " + example("mm1-queue.json") + " --replications 4 --threads 2 --json "
                          + quoted("r.json") + " --csv " + quoted("csv"));
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_NE(o.out.find("4 replications of"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("95% confidence intervals"), std::string::npos);
    EXPECT_NE(o.out.find(" ± "), std::string::npos);
    EXPECT_NE(o.out.find("balanced in every run"), std::string::npos);
    const std::string json = readFile(path("r.json"));
    EXPECT_NE(json.find("\"replications\": 4"), std::string::npos);
    EXPECT_NE(json.find("\"halfWidth\""), std::string::npos);
    EXPECT_NE(readFile(path("csv") / "timeseries.csv").find("worker.queueLength"), std::string::npos);
    EXPECT_EQ(readFile(path("csv") / "summary.csv").rfind("group,kind,metric,mean,halfWidth,low,high,n\nledger,", 0),
              0u);
    // The same study twice gives the same bytes, whatever the thread count.
    ASSERT_EQ(
        cli("run " + example("mm1-queue.json") + " --quiet --replications 4 --threads 1 --json " + quoted("s.json"))
            .exitCode,
        0);
    EXPECT_EQ(json, readFile(path("s.json")));
}

TEST_F(Cli, ReplicationsGiveEachEdgeAndEachEventCounterAnInterval)
{
    const Outcome o = cli("run " + example("flaky-payments.json") + " --replications 3 --threads 2");
    ASSERT_EQ(o.exitCode, 0) << o.err;
    // The edge table: requests, attempts per request, timeouts, rejected,
    // fallbacks and the time the breaker was open.
    const auto edge = o.out.find("\norders -> payments  call ");
    ASSERT_NE(edge, std::string::npos) << o.out;
    const std::string line = o.out.substr(edge + 1, o.out.find('\n', edge + 1) - edge - 1);
    EXPECT_EQ(std::count(line.begin(), line.end(), '\xb1'), 6) << line; // six "mean ± half-width" cells
    // The nodes' event counters, here the calls payments refused in its outage.
    const auto events = o.out.find("\nevents, mean per run\n");
    ASSERT_NE(events, std::string::npos) << o.out;
    const auto drops = o.out.find("\n  payments ", events);
    ASSERT_NE(drops, std::string::npos) << o.out;
    EXPECT_NE(o.out.substr(drops, o.out.find('\n', drops + 1) - drops).find("drops"), std::string::npos) << o.out;
}

// Over replications, each consumer group's rebalance cost is an interval
// too. The eager group of the example stops all 6 partitions for two 5 s
// rounds in every run: exactly 60 s (a survivor would need a record of
// over 5 s to hold a round up). The cooperative one stops 2 partitions for
// a round at the crash and 2 for a round and a little at the return (until
// the revoked partitions' records in progress end): 20 s and a little.
TEST_F(Cli, ReplicationsGiveEachGroupThePartitionSecondsItsRebalancesStopped)
{
    const Outcome o = cli("run " + example("kafka-rebalance-protocols.json") + " --replications 3 --threads 2");
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const auto events = o.out.find("\nevents, mean per run\n");
    ASSERT_NE(events, std::string::npos) << o.out;
    const auto value = [&](const std::string &group) {
        const auto line = o.out.find("stoppedPartitionSeconds." + group + " ", events);
        EXPECT_NE(line, std::string::npos) << o.out;
        const std::string text = o.out.substr(line, o.out.find('\n', line) - line);
        return text.substr(text.find_first_not_of(' ', text.find(' ')));
    };
    EXPECT_EQ(value("eager"), "60s");
    const std::string cooperative = value("cooperative");
    EXPECT_EQ(cooperative.rfind("20", 0), 0u) << cooperative;
}

TEST_F(Cli, ZeroReplicationsIsBadInput)
{
    const Outcome o = cli("run " + example("mm1-queue.json") + " --replications 0");
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_NE(o.err.find("--replications"), std::string::npos) << o.err;
}

#ifdef ASYNCSIM_HAVE_REPORT

TEST_F(Cli, ReportIsWrittenAsHtmlOrPdfBySuffix)
{
    const Outcome html
        = cli("run --quiet --duration 11m " + example("mm1-queue.json") + " --report " + quoted("r.html"));
    ASSERT_EQ(html.exitCode, 0) << html.err;
    const std::string page = readFile(path("r.html"));
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(page.find("id=\"ledger\""), std::string::npos);
    EXPECT_NE(page.find("<svg"), std::string::npos);
    EXPECT_FALSE(fs::exists(path("r.html.tmp")));

    const Outcome pdf = cli("run --quiet --duration 11m --replications 2 " + example("mm1-queue.json") + " --report "
                            + quoted("r.pdf"));
    ASSERT_EQ(pdf.exitCode, 0) << pdf.err;
    EXPECT_EQ(readFile(path("r.pdf")).rfind("%PDF-", 0), 0u);
}

TEST_F(Cli, ReportWithAnUnknownSuffixIsBadInputBeforeTheRun)
{
    const Outcome o = cli("run " + example("mm1-queue.json") + " --report " + quoted("r.docx"));
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_NE(o.err.find("--report"), std::string::npos);
    EXPECT_NE(o.err.find(".html or .pdf"), std::string::npos);
    EXPECT_TRUE(o.out.empty()) << "no run before the check";
    EXPECT_FALSE(fs::exists(path("r.docx")));
}

#else

TEST_F(Cli, ReportIsNotAvailableWithoutTheGui)
{
    const Outcome o = cli("run " + example("mm1-queue.json") + " --report " + quoted("r.html"));
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_NE(o.err.find("not available"), std::string::npos);
}

#endif

// Every call-edge scenario of the model tests runs from the command line, and
// its summary shows the calls and a balanced ledger with the calls in it.
TEST_F(Cli, CallScenariosRunAndShowTheirCalls)
{
    for (const char *name : {"breaker-trace", "retries-flaky-callee", "outage-retries", "timeouts-and-late-answers",
                             "fallback-route", "partitions"}) {
        SCOPED_TRACE(name);
        const std::string file = std::string("'") + ASYNCSIM_SOURCE_DIR + "/tests/models/scenarios/" + name + ".json'";
        const Outcome o = cli("run " + file + " --json " + quoted("results.json"));
        ASSERT_EQ(o.exitCode, 0) << o.err;
        EXPECT_NE(o.out.find("(balanced)"), std::string::npos) << o.out;
        EXPECT_NE(o.out.find(" + calls "), std::string::npos) << o.out;
        EXPECT_NE(o.out.find("\ncalls\n"), std::string::npos) << o.out;
        const std::string json = readFile(path("results.json"));
        EXPECT_NE(json.find("\"edges\": ["), std::string::npos);
        EXPECT_NE(json.find("\"retryAmplification\""), std::string::npos);
    }
    const Outcome trace
        = cli("run '" + std::string(ASYNCSIM_SOURCE_DIR) + "/tests/models/scenarios/breaker-trace.json'");
    EXPECT_NE(trace.out.find("orders -> payments: 59 requests, 59 attempts (x1.000), 35 ok, 4 failed, 0 timed out, 0 "
                             "late answers, 20 rejected by breaker, 24 fallbacks"),
              std::string::npos)
        << trace.out;
    EXPECT_NE(trace.out.find("breaker: closed at the end, 5 transitions"), std::string::npos) << trace.out;
    for (const char *name : {"publish-retry-full-queue", "publish-breaker-trace"}) {
        SCOPED_TRACE(name);
        const Outcome o
            = cli("run '" + std::string(ASYNCSIM_SOURCE_DIR) + "/tests/models/scenarios/" + name + ".json'");
        ASSERT_EQ(o.exitCode, 0) << o.err;
        EXPECT_NE(o.out.find("(balanced)"), std::string::npos) << o.out;
        EXPECT_NE(o.out.find("web -> orders"), std::string::npos) << o.out;
    }
}

// The Kafka crash scenarios run from the command line, and the summary
// gives each group's rebalance rounds, its assignor and the partition-seconds
// they stopped (the hand-worked figures of the scenarios' descriptions).
TEST_F(Cli, KafkaScenariosShowHowEachGroupRebalanced)
{
    const std::pair<const char *, const char *> cases[] = {
        {"kafka-crash-auto-commit", "rebalances 1 (range), partition-seconds stopped 6, duplicates 1, read again 1"},
        {"kafka-crash-per-record", "rebalances 1 (range), partition-seconds stopped 8, duplicates 0, read again 1"},
        {"kafka-cooperative-rebalance",
         "rebalances 3 (cooperative-sticky), partition-seconds stopped 12.4, duplicates 0, read again 1"},
    };
    for (const auto &[name, line] : cases) {
        SCOPED_TRACE(name);
        const Outcome o = cli("run '" + std::string(ASYNCSIM_SOURCE_DIR) + "/tests/models/scenarios/" + name
                              + ".json' --json " + quoted("k.json"));
        ASSERT_EQ(o.exitCode, 0) << o.err;
        EXPECT_NE(o.out.find("(balanced)"), std::string::npos) << o.out;
        EXPECT_NE(o.out.find(line), std::string::npos) << o.out;
        EXPECT_NE(readFile(path("k.json")).find("\"stoppedPartitionSeconds\": "), std::string::npos);
    }
}

// Every queue-option scenario of the model tests runs from the command line
// with a balanced ledger, and its results carry the queue counters.
TEST_F(Cli, QueueOptionScenariosRun)
{
    for (const char *name : {"prefetch-hoarding", "fifo-groups", "deduplicated-redelivery", "delivery-limit-43",
                             "rabbitmq-replicas-prefetch"}) {
        SCOPED_TRACE(name);
        const std::string file = std::string("'") + ASYNCSIM_SOURCE_DIR + "/tests/models/scenarios/" + name + ".json'";
        const Outcome o = cli("run " + file + " --json " + quoted("results.json"));
        ASSERT_EQ(o.exitCode, 0) << o.err;
        EXPECT_NE(o.out.find("(balanced)"), std::string::npos) << o.out;
        const std::string json = readFile(path("results.json"));
        EXPECT_NE(json.find("\"deduplicated\": "), std::string::npos);
        EXPECT_NE(json.find("\"requeues\": "), std::string::npos);
    }
    const Outcome dedup = cli("run '" + std::string(ASYNCSIM_SOURCE_DIR)
                              + "/tests/models/scenarios/deduplicated-redelivery.json' --json " + quoted("d.json"));
    ASSERT_EQ(dedup.exitCode, 0) << dedup.err;
    EXPECT_NE(readFile(path("d.json")).find("\"deduplicated\": 1"), std::string::npos);
    const Outcome prefetch = cli("run '" + std::string(ASYNCSIM_SOURCE_DIR)
                                 + "/tests/models/scenarios/prefetch-hoarding.json' --json " + quoted("p.json"));
    ASSERT_EQ(prefetch.exitCode, 0) << prefetch.err;
    EXPECT_NE(readFile(path("p.json")).find("\"unackedMax\": 5"), std::string::npos);
    // A replicated consumer: one channel, and one line of the summary, per replica.
    const Outcome replicas
        = cli("run '" + std::string(ASYNCSIM_SOURCE_DIR)
              + "/tests/models/scenarios/rabbitmq-replicas-prefetch.json' --json " + quoted("r.json"));
    ASSERT_EQ(replicas.exitCode, 0) << replicas.err;
    EXPECT_NE(replicas.out.find("most held unacknowledged: worker (replica 1) 2, worker (replica 2) 2"),
              std::string::npos)
        << replicas.out;
    EXPECT_NE(readFile(path("r.json")).find("\"replica\": 2"), std::string::npos);
}

// The counters of the queue options and schema versions, in the summary's
// delivery lines at the node where they happened (the scenarios' exact
// counts: see their descriptions), and RabbitMQ prefetch per consumer.
TEST_F(Cli, SummaryShowsQueueAndServiceCountersWhereTheyHappened)
{
    const std::pair<const char *, std::vector<const char *>> cases[] = {
        {"deduplicated-redelivery", {"\nq2    deduplicated 1\n"}},
        {"delivery-limit-43", {"\nq     redelivered 99, requeued 99\n"}},
        {"rolling-upgrade-producers-first", {"\nbilling     version rejections 50\n"}},
        {"upcast-on-read", {"\nbilling     upcasts 50\n"}},
        {"hanging-callee", {"\npayments  hangs 3\n"}},
        {"prefetch-hoarding", {"\nconsumers\nq     prefetch 10; most held unacknowledged: slow 5, fast 5\n"}},
    };
    for (const auto &[name, lines] : cases) {
        SCOPED_TRACE(name);
        const Outcome o
            = cli("run '" + std::string(ASYNCSIM_SOURCE_DIR) + "/tests/models/scenarios/" + name + ".json'");
        ASSERT_EQ(o.exitCode, 0) << o.err;
        for (const char *line : lines)
            EXPECT_NE(o.out.find(line), std::string::npos) << o.out << "wants " << line;
    }
    // Without a prefetch limit a RabbitMQ queue's consumers hold only what
    // their workers take: no consumers section.
    const Outcome redelivery = cli("run " + example("redelivery-and-dead-letters.json"));
    ASSERT_EQ(redelivery.exitCode, 0) << redelivery.err;
    EXPECT_NE(redelivery.out.find(", requeued "), std::string::npos) << redelivery.out;
    EXPECT_EQ(redelivery.out.find("\nconsumers\n"), std::string::npos) << redelivery.out;
    const Outcome plain = cli("run " + example("mm1-queue.json"));
    EXPECT_EQ(plain.out.find("\nconsumers\n"), std::string::npos) << plain.out;
}

// Each replica's share: round robin hands out exactly a third each (the
// example's seed gives 13,017 requests over the measured period); a service
// that only consumes has its replicas pull.
TEST_F(Cli, SummaryShowsHowTheReplicasSharedTheWork)
{
    const Outcome o = cli("run " + example("load-balancing.json"));
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_NE(o.out.find("\nreplicas (each: messages taken; utilisation; mean waiting in its line)\n"),
              std::string::npos)
        << o.out;
    EXPECT_NE(o.out.find("round-robin   3, round-robin: in 4339 / 4339 / 4339; util "), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("shared-queue  3, pulling: in "), std::string::npos) << o.out;
    const Outcome plain = cli("run " + example("mm1-queue.json"));
    EXPECT_EQ(plain.out.find("\nreplicas"), std::string::npos) << plain.out;
}

TEST_F(Cli, FlakyPaymentsExampleRuns)
{
    const Outcome o = cli("run " + example("flaky-payments.json"));
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_NE(o.out.find("(balanced)"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("orders -> payments: "), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("dropped, unavailable"), std::string::npos) << o.out;
}
