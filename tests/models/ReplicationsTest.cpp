// Replications and their confidence intervals: the Student-t arithmetic
// against hand-worked values, the seeds, independence from the thread count,
// and the coverage of a true value over many replicated experiments.

#include "TestTopologies.h"

#include "models/Confidence.h"
#include "models/EstimateText.h"
#include "models/ReplicationSummary.h"
#include "models/Replications.h"
#include "models/ResultsJson.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <set>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

// M/M/1 with λ = 0.5, μ = 1: W = 1/(μ − λ) = 2 s.
Topology mm1(double seconds, double warmup)
{
    return topology({producer("in", 0.5), service("s", 1, sim::Distribution::exponential(1.0))}, {publish("in", "s")},
                    seconds, warmup);
}

} // namespace

TEST(Confidence, StudentIntervalOfFiveValues)
{
    // 1..5: mean 3, s² = 10/4, t(0.975; 4) = 2.7764451: half-width 2.7764451 · √2.5 / √5 = 1.9632432.
    const std::vector<double> values{1, 2, 3, 4, 5};
    const Estimate e = estimateMean(values, 0.95);
    EXPECT_EQ(e.n, 5u);
    EXPECT_DOUBLE_EQ(e.mean, 3.0);
    EXPECT_NEAR(e.stddev, 1.5811388, 1e-7);
    EXPECT_NEAR(e.halfWidth, 1.9632432, 1e-6);
    EXPECT_NEAR(e.low(), 1.0367568, 1e-6);
    EXPECT_NEAR(e.relativeHalfWidth(), 1.9632432 / 3, 1e-6);
    // 99%: t(0.995; 4) = 4.6040949.
    EXPECT_NEAR(estimateMean(values, 0.99).halfWidth, 4.6040949 * std::sqrt(0.5), 1e-6);
}

TEST(Confidence, OneValueHasNoIntervalAndEqualValuesAZeroOne)
{
    const std::vector<double> one{4.0};
    const Estimate e = estimateMean(one);
    EXPECT_EQ(e.mean, 4.0);
    EXPECT_EQ(e.halfWidth, std::numeric_limits<double>::infinity());
    const std::vector<double> same{7, 7, 7};
    EXPECT_EQ(estimateMean(same).halfWidth, 0.0);
    EXPECT_TRUE(estimateMean(same).covers(7));
    // Large counts close together keep their precision (two-pass variance).
    const std::vector<double> big{1e12 + 1, 1e12 + 2, 1e12 + 3};
    EXPECT_DOUBLE_EQ(estimateMean(big).stddev, 1.0);
}

TEST(Replications, SeedsStartAtTheBaseAndNeverRepeat)
{
    EXPECT_EQ(replicationSeed(42, 0), 42u);
    std::set<std::uint64_t> seen;
    for (std::uint64_t base : {1u, 2u, 42u})
        for (int i = 0; i < 1000; ++i)
            seen.insert(replicationSeed(base, i));
    EXPECT_EQ(seen.size(), 3000u) << "neighbouring base seeds share no replication";
}

TEST(Replications, FirstReplicationIsTheSingleRunAndThreadsChangeNothing)
{
    const Topology t = mm1(2000, 100);
    int calls = 0;
    int last = 0;
    ReplicationOptions serial;
    serial.threads = 1;
    serial.progress = [&](int finished, int total) {
        ++calls;
        last = finished;
        EXPECT_EQ(total, 5);
    };
    const auto one = runReplications(t, 5, 7, serial);
    EXPECT_EQ(calls, 5);
    EXPECT_EQ(last, 5);
    ReplicationOptions parallel;
    parallel.threads = 2;
    const auto two = runReplications(t, 5, 7, parallel);
    ASSERT_EQ(one.size(), 5u);
    ASSERT_EQ(two.size(), 5u);
    for (std::size_t i = 0; i < one.size(); ++i) {
        EXPECT_EQ(one[i].seed, replicationSeed(7, static_cast<int>(i)));
        EXPECT_EQ(resultsToJson(one[i]), resultsToJson(two[i])) << "replication " << i;
    }
    EXPECT_EQ(resultsToJson(one[0]), resultsToJson(Run::execute(t, 7)));
    EXPECT_NE(one[0].ledger.produced, one[1].ledger.produced) << "replications differ";
}

TEST(Replications, SummaryEstimatesEachMetricFromTheRuns)
{
    const Topology t = mm1(2000, 100);
    const auto runs = runReplications(t, 4, 3);
    const ReplicationSummary s = summarizeReplications(runs);
    EXPECT_EQ(s.replications, 4);
    EXPECT_EQ(s.seeds.size(), 4u);
    EXPECT_TRUE(s.ledgerBalancedInEveryRun);
    ASSERT_EQ(s.nodes.size(), 2u);
    const Metric *util = s.nodes[1].find("utilisation");
    ASSERT_NE(util, nullptr);
    std::vector<double> values;
    for (const RunResults &r : runs)
        values.push_back(r.node("s").utilisation);
    EXPECT_EQ(util->estimate.mean, estimateMean(values).mean);
    EXPECT_EQ(util->estimate.halfWidth, estimateMean(values).halfWidth);
    ASSERT_EQ(s.flows.size(), 1u);
    EXPECT_EQ(s.flows[0].id, "in -> s");
    EXPECT_NE(s.flows[0].find("latency.p95"), nullptr);
    EXPECT_NE(s.ledger.find("produced"), nullptr);
}

TEST(Replications, WarnsWhenIntervalsAreTooWideOrMissing)
{
    // A 200-second M/M/1 run holds about 100 customers: its mean wait is known to far worse than 10%.
    const auto shortRuns = runReplications(mm1(200, 0), 3, 1);
    const ReplicationSummary s = summarizeReplications(shortRuns);
    bool wide = false;
    for (const std::string &w : s.warnings)
        wide = wide || w.find("s: responseTime.mean is known only to ±") == 0;
    EXPECT_TRUE(wide) << "warnings: " << s.warnings.size();
    const ReplicationSummary single = summarizeReplications({shortRuns.front()});
    ASSERT_EQ(single.warnings.size(), 1u);
    EXPECT_NE(single.warnings[0].find("no confidence interval"), std::string::npos);
}

TEST(Replications, JsonCarriesTheIntervalsAndEveryRun)
{
    const auto runs = runReplications(mm1(1000, 50), 3, 11);
    const auto j = nlohmann::json::parse(replicationsToJson(summarizeReplications(runs), runs));
    EXPECT_EQ(j["replications"], 3);
    EXPECT_EQ(j["seeds"].size(), 3u);
    EXPECT_EQ(j["runs"].size(), 3u);
    EXPECT_EQ(j["runs"][1]["seed"], replicationSeed(11, 1));
    const auto &wait = j["summary"]["nodes"][1]["metrics"]["responseTime.mean"];
    EXPECT_DOUBLE_EQ(wait["high"].get<double>() - wait["mean"].get<double>(), wait["halfWidth"].get<double>());
    EXPECT_EQ(wait["n"], 3);
    EXPECT_TRUE(j["timeSeries"]["series"].size() > 0) << "the first replication's time series";
}

TEST(Replications, NinetyFivePercentIntervalsCoverTheMM1ResponseTime)
{
    // 100 experiments, each 10 replications of an M/M/1 (ρ = 0.5) long enough
    // (≈ 2,500 customers after a warm-up of many relaxation times) for its
    // mean response time to be nearly normal and unbiased. Each 95% interval
    // then covers W = 2 with probability ≈ 0.95: the covering count is
    // Binomial(100, 0.95), mean 95, sd 2.2, so ≥ 90 fails a correct model
    // with probability ≈ 3%, and the fixed seeds make the outcome reproducible.
    const Topology t = mm1(5000, 100);
    int covered = 0;
    for (int experiment = 0; experiment < 100; ++experiment) {
        const auto runs = runReplications(t, 10, 1000 + static_cast<std::uint64_t>(experiment));
        const Metric *w = summarizeReplications(runs).nodes[1].find("responseTime.mean");
        ASSERT_NE(w, nullptr);
        covered += w->estimate.covers(2.0);
    }
    RecordProperty("covered", covered);
    EXPECT_GE(covered, 90);
    std::printf("M/M/1 W = 2: %d of 100 intervals cover it\n", covered);
}

TEST(Replications, CancelStopsEarlyAndReturnsNothing)
{
    std::atomic<bool> cancel{false};
    ReplicationOptions options;
    options.threads = 2;
    options.cancel = &cancel;
    int finished = 0;
    options.progress = [&](int done, int) {
        finished = done;
        cancel = true; // after the first replication
    };
    const auto runs = runReplications(mm1(200000, 0), 50, 1, options);
    EXPECT_TRUE(runs.empty());
    EXPECT_GE(finished, 1);
    EXPECT_LT(finished, 50) << "the remaining replications never started";
}

TEST(Replications, EstimatesReadAtThePrecisionTheirIntervalAllows)
{
    EXPECT_EQ(formatEstimate(69012.3, 190.4), "69012 ± 190");
    EXPECT_EQ(formatEstimate(0.92271, 0.0024), "0.9227 ± 0.0024");
    EXPECT_EQ(formatEstimate(5.29195, 0.31085, "s"), "5.29 ± 0.31s");
    EXPECT_EQ(formatEstimate(3, std::numeric_limits<double>::infinity()), "3");
    EXPECT_EQ(formatEstimate(7, 0), "7");
    Estimate wait;
    wait.mean = 0.0128;
    wait.halfWidth = 0.0026;
    EXPECT_EQ(formatDurationEstimate(wait), "12.8 ± 2.6ms");
}

TEST(Replications, SummaryCsvHasOneRowPerMetric)
{
    const auto runs = runReplications(mm1(1000, 50), 3, 2);
    const ReplicationSummary s = summarizeReplications(runs);
    const std::string csv = summaryToCsv(s);
    std::size_t metrics = s.ledger.metrics.size();
    for (const MetricGroup &g : s.nodes)
        metrics += g.metrics.size();
    for (const MetricGroup &g : s.flows)
        metrics += g.metrics.size();
    for (const MetricGroup &g : s.edges)
        metrics += g.metrics.size();
    EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), 1 + metrics);
    EXPECT_NE(csv.find("\ns,service,utilisation,"), std::string::npos);
    EXPECT_NE(csv.find("\nin -> s,flow,latency.p95,"), std::string::npos);
}

namespace {

// The estimate over @p runs of one value per run, as the summary must give it.
Estimate expectedEstimate(const std::vector<RunResults> &runs, const std::function<double(const RunResults &)> &of)
{
    std::vector<double> values;
    for (const RunResults &r : runs)
        values.push_back(of(r));
    return estimateMean(values);
}

} // namespace

TEST(Replications, SummaryEstimatesTheRetryAmplificationOfEachEdge)
{
    // retries-flaky-callee.json: 20000 requests per run against a callee that
    // fails with p = 0.4, at most 4 attempts: E[A] = 1 + p + p² + p³ = 1.624
    // attempts per request, Var A = 0.8106 (worked in CallScenariosTest).
    const auto runs = runReplications(scenario("retries-flaky-callee"), 5, 11);
    const ReplicationSummary s = summarizeReplications(runs);
    ASSERT_EQ(s.edges.size(), 1u);
    const MetricGroup &edge = s.edges.front();
    EXPECT_EQ(edge.id, "orders -> payments");
    EXPECT_EQ(edge.kind, "call");
    const Metric *amplification = edge.find("retryAmplification");
    ASSERT_NE(amplification, nullptr);
    EXPECT_EQ(amplification->unit, MetricUnit::Number);
    const Estimate expected
        = expectedEstimate(runs, [](const RunResults &r) { return r.edges.front().retryAmplification; });
    EXPECT_EQ(amplification->estimate.mean, expected.mean);
    EXPECT_EQ(amplification->estimate.halfWidth, expected.halfWidth);
    // Each run stops producing at 20000 or at 1000 s, whichever comes first,
    // so the runs make about 100000 requests between them. The mean of the
    // runs' ratios is close to the ratio over all those independent requests,
    // whose sd is √(0.8106 / n) ≈ 0.00285; 4 sd is a false alarm once in 16000.
    double requests = 0;
    for (const RunResults &r : runs)
        requests += static_cast<double>(r.edges.front().requests);
    ASSERT_GT(requests, 99000);
    EXPECT_NEAR(amplification->estimate.mean, 1.624, 4 * std::sqrt(0.8106 / requests));
    const Metric *requestCount = edge.find("requests");
    ASSERT_NE(requestCount, nullptr);
    EXPECT_EQ(requestCount->unit, MetricUnit::Count);
    EXPECT_DOUBLE_EQ(requestCount->estimate.mean, requests / 5);
    for (const char *name : {"attempts", "successes", "failures", "timeouts", "fallbacks", "rejectedByBreaker"})
        EXPECT_NE(edge.find(name), nullptr) << name;
    ASSERT_NE(edge.find("callLatency.mean"), nullptr);
    EXPECT_EQ(edge.find("callLatency.mean")->unit, MetricUnit::Seconds);
    EXPECT_EQ(edge.find("breaker.openTime"), nullptr) << "the edge has no breaker";
    // The results' edges in JSON and CSV.
    const auto j = nlohmann::json::parse(replicationsToJson(s, runs));
    EXPECT_EQ(j["summary"]["edges"][0]["edge"], "orders -> payments");
    EXPECT_EQ(j["summary"]["edges"][0]["mode"], "call");
    EXPECT_DOUBLE_EQ(j["summary"]["edges"][0]["metrics"]["retryAmplification"]["mean"].get<double>(), expected.mean);
    EXPECT_NE(summaryToCsv(s).find("\norders -> payments,call,retryAmplification,"), std::string::npos);
}

TEST(Replications, SummaryGivesEachBreakerItsTransitionsAndTimeOpen)
{
    // breaker-trace.json is deterministic: every replication runs the same
    // hand-worked trace, so each estimate is exact with a zero half-width.
    const auto runs = runReplications(scenario("breaker-trace"), 3, 1);
    const ReplicationSummary s = summarizeReplications(runs);
    ASSERT_EQ(s.edges.size(), 1u);
    const BreakerResults &breaker = *runs.front().edges.front().breaker;
    const Metric *transitions = s.edges.front().find("breaker.transitions");
    const Metric *open = s.edges.front().find("breaker.openTime");
    ASSERT_NE(transitions, nullptr);
    ASSERT_NE(open, nullptr);
    EXPECT_EQ(transitions->estimate.mean, static_cast<double>(breaker.transitions.size()));
    EXPECT_EQ(transitions->estimate.halfWidth, 0.0);
    ASSERT_TRUE(breaker.timeInState.count("open"));
    EXPECT_GT(breaker.timeInState.at("open"), 0.0);
    EXPECT_EQ(open->estimate.mean, breaker.timeInState.at("open"));
    EXPECT_EQ(open->unit, MetricUnit::Seconds);
    EXPECT_EQ(s.edges.front().find("rejectedByBreaker")->estimate.mean,
              static_cast<double>(runs.front().edges.front().rejectedByBreaker));
}

TEST(Replications, SummaryCoversServiceCountersReplicasAndConsumerGroups)
{
    // Services: versioning and hangs, and each replica's share of the work.
    const Topology balanced
        = loadTopologyFile(std::string(ASYNCSIM_SOURCE_DIR) + "/resources/examples/load-balancing.json");
    const auto runs = runReplications(balanced, 3, 5);
    const ReplicationSummary s = summarizeReplications(runs);
    std::size_t rr = 0;
    while (rr < balanced.nodes.size() && balanced.nodes[rr].id != "round-robin")
        ++rr;
    ASSERT_LT(rr, balanced.nodes.size());
    const MetricGroup &service = s.nodes[rr];
    for (const char *name : {"versionRejections", "upcasts", "hangs"})
        ASSERT_NE(service.find(name), nullptr) << name;
    ASSERT_NE(service.find("replicas.3.utilisation"), nullptr);
    EXPECT_EQ(service.find("replicas.4.utilisation"), nullptr) << "three replicas";
    const Estimate expected
        = expectedEstimate(runs, [rr](const RunResults &r) { return r.nodes[rr].replicas[1].utilisation; });
    EXPECT_EQ(service.find("replicas.2.utilisation")->estimate.mean, expected.mean);
    EXPECT_EQ(service.find("replicas.2.arrivals")->unit, MetricUnit::Count);

    // Topics: what a crash cost each group.
    const Topology crash = scenario("kafka-crash-per-record");
    const auto crashRuns = runReplications(crash, 2, 1);
    const ReplicationSummary k = summarizeReplications(crashRuns);
    bool found = false;
    for (std::size_t i = 0; i < crash.nodes.size(); ++i)
        for (std::size_t group = 0; group < crashRuns.front().nodes[i].groups.size(); ++group) {
            const ConsumerGroupResults &g = crashRuns.front().nodes[i].groups[group];
            const Metric *duplicates = k.nodes[i].find("duplicates." + g.group);
            const Metric *rebalances = k.nodes[i].find("rebalances." + g.group);
            ASSERT_NE(duplicates, nullptr) << g.group;
            ASSERT_NE(rebalances, nullptr) << g.group;
            EXPECT_EQ(duplicates->estimate.mean,
                      static_cast<double>(g.duplicates + crashRuns[1].nodes[i].groups[group].duplicates) / 2);
            EXPECT_GE(rebalances->estimate.mean, 1.0) << "the crash makes the group rebalance";
            // Deterministic: both runs stop 2 partitions for the 4 s round.
            const Metric *stopped = k.nodes[i].find("stoppedPartitionSeconds." + g.group);
            ASSERT_NE(stopped, nullptr) << g.group;
            EXPECT_EQ(stopped->unit, MetricUnit::Seconds);
            EXPECT_DOUBLE_EQ(stopped->estimate.mean, 8.0);
            EXPECT_DOUBLE_EQ(stopped->estimate.halfWidth, 0.0);
            found = true;
        }
    EXPECT_TRUE(found);
}
