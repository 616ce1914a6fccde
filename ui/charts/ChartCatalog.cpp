#include "ChartCatalog.h"

#include "RunRecorder.h"

#include "models/RunContext.h"
#include "ui/inspector/DurationDisplay.h"

#include <QCoreApplication>

namespace asyncsim::ui::ChartCatalog {

namespace {

using models::NodeKind;

QString tr(const char *text)
{
    return QCoreApplication::translate("asyncsim::ui::ChartCatalog", text);
}

LineSpec line(const QString &name, const SeriesKey &key, LineColour colour)
{
    LineSpec l;
    l.name = name;
    l.key = key;
    l.colour = colour;
    return l;
}

LineSpec rare(LineSpec l)
{
    l.hideWhileZero = true;
    return l;
}

// A line with no role colour of its own: the @p n-th categorical colour.
LineSpec categorical(LineSpec l, int n)
{
    l.category = n;
    return l;
}

QString rateWaitText(const RunRecorder &recorder)
{
    return tr("Rates appear after %1 of simulated time.").arg(durationDisplayText(recorder.rateWindow()));
}

ChartSpec throughput(const RunRecorder &recorder, int node, NodeKind kind)
{
    ChartSpec c;
    c.title = tr("Throughput");
    c.yTitle = tr("messages/s");
    c.emptyText = rateWaitText(recorder);
    c.lines.push_back(line(tr("in"), nodeKey(node, Metric::ArrivalRate), LineColour::In));
    switch (kind) {
    case NodeKind::Queue:
        c.lines.push_back(line(tr("out"), nodeKey(node, Metric::DepartureRate), LineColour::Out));
        c.lines.push_back(rare(line(tr("refused"), nodeKey(node, Metric::DropRate), LineColour::Loss)));
        c.lines.push_back(rare(line(tr("dead-lettered"), nodeKey(node, Metric::DeadLetterRate), LineColour::Dead)));
        c.lines.push_back(rare(line(tr("expired"), nodeKey(node, Metric::ExpiredRate), LineColour::Warning)));
        c.lines.push_back(rare(line(tr("requeued"), nodeKey(node, Metric::RequeueRate), LineColour::Extra)));
        c.lines.push_back(rare(
            categorical(line(tr("deduplicated"), nodeKey(node, Metric::DeduplicatedRate), LineColour::Category), 1)));
        break;
    case NodeKind::Service:
        c.lines.push_back(line(tr("processed"), nodeKey(node, Metric::DepartureRate), LineColour::Out));
        c.lines.push_back(rare(line(tr("failed"), nodeKey(node, Metric::FailureRate), LineColour::Loss)));
        c.lines.push_back(rare(line(tr("refused"), nodeKey(node, Metric::DropRate), LineColour::Warning)));
        c.lines.push_back(
            rare(line(tr("rejected version"), nodeKey(node, Metric::VersionRejectionRate), LineColour::Dead)));
        c.lines.push_back(rare(line(tr("upcast"), nodeKey(node, Metric::UpcastRate), LineColour::Extra)));
        c.lines.push_back(
            rare(categorical(line(tr("hung"), nodeKey(node, Metric::HangRate), LineColour::Category), 1)));
        break;
    case NodeKind::Topic:
        c.lines.push_back(line(tr("delivered"), nodeKey(node, Metric::DepartureRate), LineColour::Out));
        break;
    case NodeKind::Producer:
    case NodeKind::Sink:
    case NodeKind::DeadLetter:
        break;
    }
    return c;
}

ChartSpec backpressure(int node, NodeKind kind)
{
    ChartSpec c;
    c.title = tr("Backpressure");
    c.yTitle = tr("messages");
    if (kind == NodeKind::Queue) {
        c.lines.push_back(line(tr("waiting"), nodeKey(node, Metric::Waiting), LineColour::Level));
        c.lines.push_back(rare(line(tr("unacked"), nodeKey(node, Metric::Unacked), LineColour::Extra)));
    } else {
        c.lines.push_back(line(tr("waiting"), nodeKey(node, Metric::Waiting), LineColour::Level));
        c.lines.push_back(line(tr("busy workers"), nodeKey(node, Metric::BusyWorkers), LineColour::Extra));
        c.lines.push_back(line(tr("workers"), nodeKey(node, Metric::Workers), LineColour::Bound));
    }
    c.lines.push_back(line(tr("capacity"), nodeKey(node, Metric::Capacity), LineColour::Bound));
    return c;
}

ChartSpec offeredLoad(const RunRecorder &recorder, int node)
{
    ChartSpec c;
    c.title = tr("Offered load");
    c.yTitle = tr("messages/s");
    c.emptyText = rateWaitText(recorder);
    c.lines.push_back(line(tr("offered"), nodeKey(node, Metric::ArrivalRate), LineColour::In));
    c.lines.push_back(line(tr("accepted"), nodeKey(node, Metric::AcceptedRate), LineColour::Out));
    c.lines.push_back(rare(line(tr("rejected"), nodeKey(node, Metric::DropRate), LineColour::Loss)));
    return c;
}

ChartSpec responseTimes(int node)
{
    ChartSpec c;
    c.title = tr("Response time");
    c.yTitle = tr("ms");
    for (const auto &[name, metric, colour] : {std::tuple{tr("p50"), Metric::ResponseP50, LineColour::Out},
                                               std::tuple{tr("p95"), Metric::ResponseP95, LineColour::Warning},
                                               std::tuple{tr("p99"), Metric::ResponseP99, LineColour::Loss}}) {
        LineSpec l = line(name, nodeKey(node, metric), colour);
        l.scale = 1000;
        c.lines.push_back(l);
    }
    c.emptyText = tr("No response measured yet.");
    return c;
}

ChartSpec duplicates(int node)
{
    ChartSpec c;
    c.title = tr("Duplicates and out-of-order");
    c.yTitle = tr("messages");
    c.lines.push_back(line(tr("duplicates"), nodeKey(node, Metric::Duplicates), LineColour::Dead));
    c.lines.push_back(line(tr("out of order"), nodeKey(node, Metric::OutOfOrder), LineColour::Warning));
    return c;
}

ChartSpec deadLetters(int node)
{
    ChartSpec c;
    c.title = tr("Dead letters by reason");
    c.yTitle = tr("messages");
    c.emptyText = tr("No dead letters yet.");
    for (int r = 0; r < static_cast<int>(models::DeadLetterReason::Count); ++r) {
        LineSpec l
            = rare(line(QString::fromUtf8(models::deadLetterReasonName(static_cast<models::DeadLetterReason>(r))),
                        nodeKey(node, Metric::DeadLetters, r), LineColour::Category));
        l.category = r;
        c.lines.push_back(l);
    }
    LineSpec held = line(tr("held"), nodeKey(node, Metric::Waiting), LineColour::Bound);
    held.hideWhileZero = true;
    c.lines.push_back(held);
    return c;
}

ChartSpec consumerLag(int node, int partitions)
{
    // A legend of dozens of partitions says nothing: past eight, the eight
    // that lag most are drawn.
    constexpr int mostDrawn = 8;
    ChartSpec c;
    c.title = tr("Consumer lag (worst group)");
    c.yTitle = tr("messages behind");
    if (partitions > mostDrawn) {
        c.topN = mostDrawn;
        c.emptyText = tr("No partition lags.");
    }
    for (int p = 0; p < partitions; ++p) {
        LineSpec l = line(tr("partition %1").arg(p), nodeKey(node, Metric::PartitionLag, p), LineColour::Category);
        l.category = p;
        c.lines.push_back(l);
    }
    return c;
}

} // namespace

std::vector<ChartSpec> forNode(const RunRecorder &recorder, int node)
{
    if (node < 0 || node >= static_cast<int>(recorder.nodes().size()))
        return overview(recorder);
    const RunRecorder::NodeInfo &info = recorder.nodes()[static_cast<std::size_t>(node)];
    switch (info.kind) {
    case NodeKind::Producer:
        return {offeredLoad(recorder, node)};
    case NodeKind::Queue:
        return {backpressure(node, info.kind), throughput(recorder, node, info.kind)};
    case NodeKind::Service:
        return {backpressure(node, info.kind), throughput(recorder, node, info.kind), responseTimes(node),
                duplicates(node)};
    case NodeKind::Sink:
        return {throughput(recorder, node, info.kind)};
    case NodeKind::DeadLetter:
        return {deadLetters(node)};
    case NodeKind::Topic:
        return {consumerLag(node, info.partitions), throughput(recorder, node, info.kind)};
    }
    return {};
}

std::vector<ChartSpec> forEdge(const RunRecorder &recorder, int edge)
{
    if (edge < 0 || edge >= static_cast<int>(recorder.edges().size()))
        return overview(recorder);
    const bool breaker = recorder.edges()[static_cast<std::size_t>(edge)].hasBreaker;
    std::vector<ChartSpec> charts;
    if (breaker) {
        ChartSpec c;
        c.title = tr("Circuit breaker");
        c.yAxis = ChartSpec::YAxis::BreakerStates;
        c.yTitle = tr("state");
        // A coloured timeline per state, the state as a step line over them,
        // and a mark at each snapshot in which the breaker changed state.
        for (const auto &[name, level, colour] :
             {std::tuple{tr("closed"), 0, LineColour::Out}, std::tuple{tr("half-open"), 1, LineColour::Warning},
              std::tuple{tr("open"), 2, LineColour::Loss}}) {
            LineSpec band = line(name, edgeKey(edge, Metric::BreakerState), colour);
            band.style = LineSpec::Style::Band;
            band.bandLevel = level;
            c.lines.push_back(band);
        }
        LineSpec state = line(tr("state"), edgeKey(edge, Metric::BreakerState), LineColour::Text);
        state.style = LineSpec::Style::Step;
        c.lines.push_back(state);
        LineSpec changes = line(tr("transition"), edgeKey(edge, Metric::BreakerTransition), LineColour::Text);
        changes.style = LineSpec::Style::Markers;
        c.lines.push_back(changes);
        charts.push_back(c);
    }
    ChartSpec traffic;
    traffic.title = tr("Traffic");
    traffic.yTitle = tr("messages/s");
    traffic.emptyText = rateWaitText(recorder);
    using models::MessageClass;
    traffic.lines.push_back(
        line(tr("first deliveries"), edgeKey(edge, Metric::CarriedRate, int(MessageClass::Normal)), LineColour::In));
    traffic.lines.push_back(
        rare(line(tr("retries"), edgeKey(edge, Metric::CarriedRate, int(MessageClass::Retry)), LineColour::Warning)));
    traffic.lines.push_back(rare(
        line(tr("duplicates"), edgeKey(edge, Metric::CarriedRate, int(MessageClass::Duplicate)), LineColour::Dead)));
    traffic.lines.push_back(
        rare(line(tr("poison"), edgeKey(edge, Metric::CarriedRate, int(MessageClass::Poison)), LineColour::Loss)));
    traffic.lines.push_back(
        rare(line(tr("rejected version"), edgeKey(edge, Metric::CarriedRate, int(MessageClass::RejectedVersion)),
                  LineColour::Extra)));
    if (breaker)
        traffic.lines.push_back(
            rare(line(tr("rejected by the breaker"), edgeKey(edge, Metric::RejectedCallRate), LineColour::Loss)));
    charts.push_back(traffic);
    return charts;
}

std::vector<ChartSpec> overview(const RunRecorder &recorder)
{
    ChartSpec ledger;
    ledger.title = tr("Ledger (whole run)");
    ledger.yTitle = tr("messages");
    ledger.lines = {line(tr("produced"), ledgerKey(Metric::Produced), LineColour::In),
                    line(tr("completed"), ledgerKey(Metric::Completed), LineColour::Out),
                    line(tr("in flight"), ledgerKey(Metric::InFlight), LineColour::Extra),
                    rare(line(tr("dead-lettered"), ledgerKey(Metric::DeadLettered), LineColour::Dead)),
                    rare(line(tr("dropped"), ledgerKey(Metric::Dropped), LineColour::Loss)),
                    rare(line(tr("failed"), ledgerKey(Metric::Failed), LineColour::Warning)),
                    rare(line(tr("expired"), ledgerKey(Metric::Expired), LineColour::Bound))};

    ChartSpec busiest;
    busiest.title = tr("Busiest queues");
    busiest.yTitle = tr("waiting");
    busiest.topN = 5;
    busiest.emptyText = tr("Every queue is empty.");
    for (std::size_t i = 0; i < recorder.nodes().size(); ++i) {
        const NodeKind kind = recorder.nodes()[i].kind;
        if (kind == NodeKind::Queue || kind == NodeKind::Service || kind == NodeKind::Topic)
            busiest.lines.push_back(
                line(recorder.nodes()[i].name, nodeKey(static_cast<int>(i), Metric::Waiting), LineColour::Category));
    }
    return {ledger, busiest};
}

} // namespace asyncsim::ui::ChartCatalog
