// Producers: arrival processes, rate profiles, keys and versions, checked on
// the messages themselves through a recording component.

#include "TestTopologies.h"

#include "models/Producer.h"

#include <map>

using namespace asyncsim;
using namespace asyncsim::models;
using namespace asyncsim::models::test;

namespace {

// Records every message it is offered, then lets it complete.
class Recorder : public Component
{
public:
    Recorder(RunContext &context, std::size_t index)
        : Component(context, NodeSpec{"rec", {0, 0}, SinkSpec{}}, index)
    { }
    bool offer(MessageRef ref) override
    {
        messages.push_back(m_context.pool[ref]);
        m_context.complete(ref, index());
        return true;
    }
    void resetStatistics() override { }
    void finish(sim::Time) override { }
    NodeResults results(sim::Time, sim::Time) const override { return {}; }
    void collectSeries(std::vector<SeriesResults> &) const override { }

    std::vector<Message> messages;
};

// Runs one producer for @p seconds into a recorder; returns what it recorded.
std::vector<Message> record(const ProducerSpec &spec, double seconds, std::uint64_t seed = 1)
{
    RunContext context(seed, 2, sim::Duration::seconds(1));
    Producer p(context, NodeSpec{"p", {0, 0}, spec}, 0);
    Recorder rec(context, 1);
    p.emitter().addTarget(&rec, std::nullopt);
    p.start();
    context.simulation.runUntil(sim::Time::fromSeconds(seconds));
    return rec.messages;
}

std::size_t countBetween(const std::vector<Message> &ms, double from, double to)
{
    std::size_t n = 0;
    for (const Message &m : ms)
        n += m.created >= sim::Time::fromSeconds(from) && m.created < sim::Time::fromSeconds(to);
    return n;
}

ProducerSpec spec(ArrivalProcess process, double rate)
{
    ProducerSpec s;
    s.arrivals.process = process;
    s.arrivals.rate = rate;
    return s;
}

} // namespace

TEST(Producer, ConstantArrivalsAreEvenlySpaced)
{
    const auto ms = record(spec(ArrivalProcess::Constant, 4), 10);
    ASSERT_EQ(ms.size(), 40u); // at 0.25, 0.5, ..., 10.0
    EXPECT_EQ(ms.front().created, sim::Time::fromSeconds(0.25));
    EXPECT_EQ(ms.back().created, sim::Time::fromSeconds(10));
    for (std::size_t i = 0; i < ms.size(); ++i)
        EXPECT_EQ(ms[i].id, i + 1);
}

TEST(Producer, PoissonCountMatchesRate)
{
    // N(T) ~ Poisson(λT) = Poisson(100,000): 4.5 sd is ±1,423.
    const auto ms = record(spec(ArrivalProcess::Poisson, 100), 1000);
    EXPECT_NEAR(static_cast<double>(ms.size()), 100000, 4.5 * std::sqrt(100000.0));
    // Gaps are exponential: their coefficient of variation is 1 (sd of the
    // estimate is about 1/sqrt(n) relative: 4.5 sd is ±1.5%).
    double sum = 0;
    double sumSq = 0;
    for (std::size_t i = 1; i < ms.size(); ++i) {
        const double gap = (ms[i].created - ms[i - 1].created).toSeconds();
        sum += gap;
        sumSq += gap * gap;
    }
    const double n = static_cast<double>(ms.size() - 1);
    const double mean = sum / n;
    const double cv = std::sqrt(sumSq / n - mean * mean) / mean;
    EXPECT_NEAR(cv, 1.0, 0.015);
}

TEST(Producer, UniformGapsStayWithinTheSpread)
{
    ProducerSpec s = spec(ArrivalProcess::Uniform, 10);
    s.arrivals.spread = 0.5; // gaps in [0.05, 0.15]
    const auto ms = record(s, 100);
    for (std::size_t i = 1; i < ms.size(); ++i) {
        const double gap = (ms[i].created - ms[i - 1].created).toSeconds();
        EXPECT_GE(gap, 0.05 - 1e-9);
        EXPECT_LE(gap, 0.15 + 1e-9);
    }
    EXPECT_NEAR(static_cast<double>(ms.size()), 1000, 10); // mean gap 0.1: within 1% by the renewal CLT
}

TEST(Producer, BurstyRateIsOnShareOfPeak)
{
    // 100/s while on; on 2 s, off 8 s (constant): exactly 20% of the time on.
    ProducerSpec s = spec(ArrivalProcess::Bursty, 100);
    s.arrivals.on = sim::Distribution::constant(2);
    s.arrivals.off = sim::Distribution::constant(8);
    const auto ms = record(s, 1000);
    EXPECT_NEAR(static_cast<double>(ms.size()), 20000, 4.5 * std::sqrt(20000.0));
    // Nothing is produced while off: [2, 10) of each 10 s cycle.
    EXPECT_EQ(countBetween(ms, 2, 10), 0u);
    EXPECT_EQ(countBetween(ms, 502, 510), 0u);
}

TEST(Producer, ProfileStepsAndRampsShapeTheRate)
{
    // 50/s, tripled from 100 s, ramping back to 1x between 200 and 300 s.
    ProducerSpec s = spec(ArrivalProcess::Poisson, 50);
    s.profile = {{sim::Duration::seconds(100), 3, false},
                 {sim::Duration::seconds(200), 3, false},
                 {sim::Duration::seconds(300), 1, true}};
    const auto ms = record(s, 400);
    // Expected counts: 5,000; 15,000; (3+1)/2·50·100 = 10,000; 5,000.
    EXPECT_NEAR(static_cast<double>(countBetween(ms, 0, 100)), 5000, 4.5 * std::sqrt(5000.0));
    EXPECT_NEAR(static_cast<double>(countBetween(ms, 100, 200)), 15000, 4.5 * std::sqrt(15000.0));
    EXPECT_NEAR(static_cast<double>(countBetween(ms, 200, 300)), 10000, 4.5 * std::sqrt(10000.0));
    EXPECT_NEAR(static_cast<double>(countBetween(ms, 300, 400)), 5000, 4.5 * std::sqrt(5000.0));
    // Within the ramp, the first half carries (3 + 2)/2 / ((3+1)/2) = 62.5% of it.
    EXPECT_NEAR(static_cast<double>(countBetween(ms, 200, 250)), 6250, 4.5 * std::sqrt(6250.0));
}

TEST(Producer, LimitStopsProduction)
{
    ProducerSpec s = spec(ArrivalProcess::Poisson, 100);
    s.limit = 123;
    EXPECT_EQ(record(s, 100).size(), 123u);
}

TEST(Producer, UniformKeysWithPerKeySequences)
{
    ProducerSpec s = spec(ArrivalProcess::Poisson, 1000);
    s.keys.count = 10;
    const auto ms = record(s, 100);
    std::map<std::uint32_t, std::uint32_t> lastSequence;
    std::vector<double> counts(10, 0);
    for (const Message &m : ms) {
        ASSERT_LT(m.key, 10u);
        EXPECT_EQ(m.keySequence, lastSequence[m.key] + 1) << "sequences count up per key";
        lastSequence[m.key] = m.keySequence;
        counts[m.key] += 1;
    }
    // Chi-square with 9 degrees of freedom; its 0.999 quantile is 27.88.
    const double expected = static_cast<double>(ms.size()) / 10;
    double chi2 = 0;
    for (double c : counts)
        chi2 += (c - expected) * (c - expected) / expected;
    EXPECT_LT(chi2, 27.88);
}

TEST(Producer, ZipfKeysMakeAHotKey)
{
    // With s = 1 over 100 keys, P(first key) = 1 / H(100) = 1 / 5.18738 = 0.19278.
    ProducerSpec s = spec(ArrivalProcess::Poisson, 1000);
    s.keys = {100, 1.0};
    const auto ms = record(s, 100);
    double first = 0;
    double second = 0;
    for (const Message &m : ms) {
        first += m.key == 0;
        second += m.key == 1;
    }
    const double n = static_cast<double>(ms.size());
    EXPECT_NEAR(first / n, 0.19278, 4.5 * std::sqrt(0.19278 * 0.80722 / n));
    EXPECT_NEAR(second / n, 0.19278 / 2, 4.5 * std::sqrt(0.09639 * 0.90361 / n));
}

TEST(Producer, VersionMix)
{
    ProducerSpec s = spec(ArrivalProcess::Poisson, 1000);
    s.versions = {{1, 0.9}, {2, 0.1}};
    const auto ms = record(s, 100);
    double v2 = 0;
    for (const Message &m : ms) {
        ASSERT_TRUE(m.version == 1 || m.version == 2);
        v2 += m.version == 2;
    }
    const double n = static_cast<double>(ms.size());
    EXPECT_NEAR(v2 / n, 0.1, 4.5 * std::sqrt(0.09 / n));
    // Without a mix, everything is v1.
    for (const Message &m : record(spec(ArrivalProcess::Poisson, 100), 10))
        EXPECT_EQ(m.version, 1);
}

TEST(Producer, KeylessMessagesCarryNoKey)
{
    for (const Message &m : record(spec(ArrivalProcess::Poisson, 100), 10))
        EXPECT_EQ(m.key, NoKey);
}

TEST(Producer, MessagesStartTheirFlow)
{
    const auto ms = record(spec(ArrivalProcess::Constant, 2), 2);
    ASSERT_EQ(ms.size(), 4u);
    for (const Message &m : ms) {
        EXPECT_EQ(m.rootId, m.id); // each starts its own flow
        EXPECT_EQ(m.producer, 0u);
        EXPECT_EQ(m.attempts, 1u); // sent once on its first hop
        EXPECT_EQ(m.deliveries, 0u);
        EXPECT_EQ(m.enteredNode, m.created);
    }
}
