#include "Producer.h"

#include <algorithm>
#include <cmath>

namespace asyncsim::models {

Producer::Producer(RunContext &context, const NodeSpec &spec, std::size_t index)
    : Component(context, spec, index)
    , m_spec(std::get<ProducerSpec>(spec.params))
    , m_emitter(context, index, context.simulation.stream(spec.id, "routing"))
    , m_arrivalRng(context.simulation.stream(spec.id, "arrivals"))
    , m_keyRng(context.simulation.stream(spec.id, "keys"))
    , m_versionRng(context.simulation.stream(spec.id, "versions"))
    , m_poisonRng(context.simulation.stream(spec.id, "poison"))
    , m_profile(m_spec.profile)
    , m_rateSeries(sim::TimeSeries::Kind::Rate, context.seriesInterval)
{
    const KeySpec &keys = m_spec.keys;
    if (keys.count > 0) {
        m_keySequence.assign(keys.count, 0);
        if (keys.zipf > 0) {
            m_keyCdf.resize(keys.count);
            double total = 0;
            for (std::uint32_t k = 0; k < keys.count; ++k) {
                total += 1.0 / std::pow(static_cast<double>(k + 1), keys.zipf);
                m_keyCdf[k] = total;
            }
            for (double &c : m_keyCdf)
                c /= total;
        }
    }
    double total = 0;
    for (const VersionShare &v : m_spec.versions)
        m_versionCdf.push_back(total += v.share);
    for (double &c : m_versionCdf)
        c /= total;
}

void Producer::start()
{
    if (m_spec.arrivals.process == ArrivalProcess::Bursty)
        m_context.simulation.schedule(sim::Duration::fromSeconds(m_spec.arrivals.on.sample(m_arrivalRng)), *this,
                                      BurstOff);
    scheduleNextArrival();
}

double Producer::drawGap()
{
    const ArrivalSpec &a = m_spec.arrivals;
    switch (a.process) {
    case ArrivalProcess::Constant:
        return 1.0 / a.rate;
    case ArrivalProcess::Uniform:
        return (1 - a.spread + 2 * a.spread * m_arrivalRng.uniform01()) / a.rate;
    default: // Poisson, and Bursty while on
        return -std::log(m_arrivalRng.uniformPositive()) / a.rate;
    }
}

void Producer::scheduleNextArrival()
{
    m_pendingArrival = sim::InvalidEventId;
    if (m_spec.limit && m_producedTotal >= *m_spec.limit)
        return;
    if (m_spec.arrivals.rate <= 0)
        return;
    m_operationalNow += drawGap();
    const sim::Time at
        = m_profile.isFlat() ? sim::Time::fromSeconds(m_operationalNow) : m_profile.realTime(m_operationalNow);
    if (at == sim::Time::max())
        return; // the rate stays at zero from here on
    m_pendingArrival = m_context.simulation.scheduleAt(std::max(at, now()), *this, Arrival);
}

void Producer::handleEvent(const sim::Event &event)
{
    switch (event.kind) {
    case Arrival:
        m_pendingArrival = sim::InvalidEventId;
        produceOne();
        scheduleNextArrival();
        break;
    case BurstOff:
        if (m_pendingArrival != sim::InvalidEventId) {
            m_context.simulation.cancel(m_pendingArrival);
            m_pendingArrival = sim::InvalidEventId;
        }
        m_context.simulation.schedule(sim::Duration::fromSeconds(m_spec.arrivals.off.sample(m_arrivalRng)), *this,
                                      BurstOn);
        break;
    case BurstOn:
        // Poisson arrivals are memoryless: restart the clock at the burst's start.
        m_operationalNow = m_profile.isFlat() ? now().toSeconds() : m_profile.operationalTime(now());
        m_context.simulation.schedule(sim::Duration::fromSeconds(m_spec.arrivals.on.sample(m_arrivalRng)), *this,
                                      BurstOff);
        scheduleNextArrival();
        break;
    }
}

std::uint32_t Producer::drawKey()
{
    const std::uint32_t count = m_spec.keys.count;
    if (count == 0)
        return NoKey;
    if (m_keyCdf.empty())
        return static_cast<std::uint32_t>(m_keyRng.below(count));
    const double u = m_keyRng.uniform01();
    const auto it = std::upper_bound(m_keyCdf.begin(), m_keyCdf.end(), u);
    return static_cast<std::uint32_t>(std::min<std::size_t>(it - m_keyCdf.begin(), count - 1));
}

std::uint16_t Producer::drawVersion()
{
    if (m_versionCdf.size() <= 1)
        return static_cast<std::uint16_t>(m_spec.versions.empty() ? 1 : m_spec.versions.front().version);
    const double u = m_versionRng.uniform01();
    const auto it = std::upper_bound(m_versionCdf.begin(), m_versionCdf.end(), u);
    const std::size_t i = std::min<std::size_t>(it - m_versionCdf.begin(), m_versionCdf.size() - 1);
    return static_cast<std::uint16_t>(m_spec.versions[i].version);
}

bool Producer::drawPoison()
{
    if (!m_poisonOn)
        return false;
    if (m_poisonLeft > 0) {
        if (--m_poisonLeft == 0)
            m_poisonOn = false; // the count is spent; the fault's end changes nothing more
        return true;
    }
    return m_poisonShare > 0 && m_poisonRng.uniform01() < m_poisonShare;
}

void Producer::produceOne()
{
    const MessageRef ref = m_context.pool.acquire();
    Message &m = m_context.pool[ref];
    m.id = m_context.nextMessageId++;
    m.rootId = m.id;
    m.created = now();
    m.enteredNode = now();
    m.producer = static_cast<std::uint16_t>(index());
    m.key = drawKey();
    if (m.key != NoKey)
        m.keySequence = ++m_keySequence[m.key];
    m.version = drawVersion();
    m.poison = drawPoison();
    ++m_context.produced;
    ++m_producedTotal;
    ++m_produced;
    m_rateSeries.addCount(now());
    m_emitter.emit(ref);
}

void Producer::resetStatistics()
{
    m_produced = 0;
}

void Producer::finish(sim::Time end)
{
    m_rateSeries.finish(end);
}

NodeResults Producer::results(sim::Time measuredFrom, sim::Time end) const
{
    return countedResults(measuredFrom, end, m_produced, m_produced);
}

void Producer::collectSeries(std::vector<SeriesResults> &out) const
{
    out.push_back({id(), "produced", m_rateSeries.points()});
}

void Producer::snapshot(NodeSnapshot &out) const
{
    out.arrivals = m_produced;
    out.departures = m_produced;
}

void Producer::setRate(double rate)
{
    if (rate == m_spec.arrivals.rate)
        return;
    const bool bursty = m_spec.arrivals.process == ArrivalProcess::Bursty;
    // A bursty producer between bursts has no arrival pending: the next burst picks the rate up.
    const bool waitingForArrival = m_pendingArrival != sim::InvalidEventId || (!bursty && m_spec.arrivals.rate <= 0);
    m_spec.arrivals.rate = rate;
    if (waitingForArrival)
        redrawNextArrival();
}

void Producer::changeTraffic(sim::Time start, sim::Time end, double factor)
{
    m_profile.scale(std::max(start, now()), end, factor);
    if (m_pendingArrival != sim::InvalidEventId)
        redrawNextArrival();
}

void Producer::redrawNextArrival()
{
    if (m_pendingArrival != sim::InvalidEventId)
        m_context.simulation.cancel(m_pendingArrival);
    m_operationalNow = m_profile.isFlat() ? now().toSeconds() : m_profile.operationalTime(now());
    scheduleNextArrival();
}

} // namespace asyncsim::models
