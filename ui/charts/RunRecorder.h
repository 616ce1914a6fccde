#pragma once

#include "SeriesBuffer.h"
#include "SeriesKey.h"

#include "models/RunSnapshot.h"
#include "models/Topology.h"

#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace asyncsim::ui {

/// The history of a live run as chart series: every snapshot adds points for
/// every node and edge (so a chart opened later shows the past), each series
/// bounded (SeriesBuffer). Rates come from counter differences between
/// snapshots at least rateWindow() apart and of the same statistics epoch.
class RunRecorder
{
public:
    /// What the charts need to know of a node.
    struct NodeInfo
    {
        QString name;
        models::NodeKind kind = models::NodeKind::Sink;
        std::optional<std::uint64_t> capacity; ///< queue or service line bound
        int workers = 0;                       ///< services
        int partitions = 0;                    ///< topics
    };
    /// What the charts need to know of an edge.
    struct EdgeInfo
    {
        QString name; ///< "from → to"
        int from = -1;
        int to = -1;
        bool hasBreaker = false; ///< seen with a breaker in a snapshot
    };

    explicit RunRecorder(std::size_t pointsPerSeries = 2000);

    /// Forgets everything and takes the names, kinds and bounds of @p topology.
    void start(const models::Topology &topology);
    void clear();
    /// Adds the points of @p snapshot (ignored when it does not fit the
    /// topology or goes back in time).
    void apply(const models::RunSnapshot &snapshot);

    /// The shortest span of simulated time a rate is measured over: the
    /// results' sample interval (the duration / 500 unless set), but not
    /// shorter than a second or a fiftieth of the duration, whichever is less
    /// (at 30 snapshots a second, rates over single snapshots are mostly noise).
    sim::Duration rateWindow() const { return m_rateWindow; }
    void setRateWindow(sim::Duration window) { m_rateWindow = window; }

    /// The series named @p key, or null if nothing was recorded for it.
    const SeriesBuffer *series(const SeriesKey &key) const;
    std::size_t seriesCount() const { return m_series.size(); }
    /// The most points any series holds.
    std::size_t largestSeries() const;

    const std::vector<NodeInfo> &nodes() const { return m_nodes; }
    const std::vector<EdgeInfo> &edges() const { return m_edges; }
    bool hasRun() const { return m_started; }
    bool hasSnapshots() const { return m_last.has_value(); }
    /// The newest snapshot applied (without its log), if any.
    const std::optional<models::RunSnapshot> &lastSnapshot() const { return m_last; }
    /// The simulated time of the newest snapshot, in seconds.
    double now() const { return m_last ? m_last->now.toSeconds() : 0; }
    /// The run's end in seconds, or 0 if it has none.
    double horizon() const { return m_horizon; }
    /// Incremented by every change; charts redraw when it moved.
    std::uint64_t revision() const { return m_revision; }

    /// The chart level of a breaker state: 0 admits calls (closed, disabled,
    /// metrics only), 1 probes (half-open), 2 rejects (open, forced open).
    static int breakerLevel(models::CircuitBreakerState state);

private:
    void add(const SeriesKey &key, double x, double y);
    void recordLevels(const models::RunSnapshot &s, double x);
    void recordRates(const models::RunSnapshot &s, double x);

    std::size_t m_pointsPerSeries;
    bool m_started = false;
    std::vector<NodeInfo> m_nodes;
    std::vector<EdgeInfo> m_edges;
    sim::Duration m_rateWindow = sim::Duration::seconds(1);
    double m_horizon = 0;
    std::map<SeriesKey, SeriesBuffer> m_series;
    std::optional<models::RunSnapshot> m_last;
    std::optional<models::RunSnapshot> m_rateBase; // counters the next rates are measured from
    std::uint64_t m_revision = 0;
};

} // namespace asyncsim::ui
