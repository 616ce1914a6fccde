#pragma once

#include "Component.h"
#include "Emitter.h"
#include "RateProfile.h"
#include "sim/TimeSeries.h"

#include <vector>

namespace asyncsim::models {

/// Offered load: creates messages with keys and schema versions and publishes
/// them along its edges, following an arrival process and a rate profile.
class Producer : public Component
{
public:
    Producer(RunContext &context, const NodeSpec &spec, std::size_t index);

    Emitter &emitter() { return m_emitter; }
    /// Messages this producer will create at most (empty: unlimited).
    const std::optional<std::uint64_t> &limit() const { return m_spec.limit; }
    std::uint64_t producedTotal() const { return m_producedTotal; }
    /// A traffic fault: the rate is multiplied by @p factor on [@p start,
    /// @p end), on top of the rate profile. Call before start().
    void applyTraffic(sim::Time start, sim::Time end, double factor) { m_profile.scale(start, end, factor); }
    /// The same during a run (a traffic fault switched on or off): from
    /// @p start (not before now) to @p end; the next arrival is drawn afresh.
    void changeTraffic(sim::Time start, sim::Time end, double factor);
    /// A poison fault starts: each new message is poison with chance @p share,
    /// or (@p count > 0) the next @p count messages are.
    void startPoison(double share, std::uint64_t count)
    {
        m_poisonShare = share;
        m_poisonLeft = count;
        m_poisonOn = true;
    }
    /// The poison fault ends.
    void stopPoison() { m_poisonOn = false; }

    void start() override;
    bool offer(MessageRef) override { return false; } // producers have no inputs
    void handleEvent(const sim::Event &event) override;
    void resetStatistics() override;
    void finish(sim::Time end) override;
    NodeResults results(sim::Time measuredFrom, sim::Time end) const override;
    void collectSeries(std::vector<SeriesResults> &out) const override;
    void snapshot(NodeSnapshot &out) const override;
    /// Live reconfiguration: the base rate (messages per second) from now on.
    /// The next arrival is drawn afresh at the new rate (exact for Poisson
    /// arrivals, which are memoryless).
    void setRate(double rate);
    double rate() const { return m_spec.arrivals.rate; }

private:
    enum EventKind : std::uint32_t { Arrival, BurstOn, BurstOff };

    void produceOne();
    void scheduleNextArrival();
    /// The rate changed from now on: the pending arrival is drawn again.
    void redrawNextArrival();
    /// The gap to the next arrival at the base rate, in operational seconds.
    double drawGap();
    std::uint32_t drawKey();
    std::uint16_t drawVersion();
    /// Whether the next message is poison (while a poison fault lasts).
    bool drawPoison();

    ProducerSpec m_spec;
    Emitter m_emitter;
    sim::RandomStream m_arrivalRng;
    sim::RandomStream m_keyRng;
    sim::RandomStream m_versionRng;
    sim::RandomStream m_poisonRng; // drawn only during a poison fault given as a share
    bool m_poisonOn = false;
    double m_poisonShare = 0;
    std::uint64_t m_poisonLeft = 0;
    std::vector<double> m_keyCdf;             // Zipf keys only
    std::vector<std::uint32_t> m_keySequence; // next sequence number per key
    std::vector<double> m_versionCdf;
    RateProfile m_profile;
    double m_operationalNow = 0; // Λ(time of the last arrival or restart)
    sim::EventId m_pendingArrival = sim::InvalidEventId;
    std::uint64_t m_producedTotal = 0;
    std::uint64_t m_produced = 0; // since the last statistics reset
    sim::TimeSeries m_rateSeries;
};

} // namespace asyncsim::models
