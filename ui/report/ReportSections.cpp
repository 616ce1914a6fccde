#include "ReportSections.h"

#include "models/LoadBalancer.h"

#include "ReportFormat.h"
#include "ReportHtmlParts.h"
#include "ReportParameters.h"
#include "ReportResilienceSections.h"
#include "ReportValues.h"

#include "models/TopologyCheck.h"

#include <QFileInfo>

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

#include <cmath>
#include <utility>
#include <variant>

namespace asyncsim::ui::report {

namespace {

QString kindName(models::NodeKind k)
{
    return k == models::NodeKind::DeadLetter ? QStringLiteral("dead-letter queue")
                                             : QString::fromUtf8(models::nodeKindName(k));
}

// Inline SVG without its XML prolog, sized to its view box and free to shrink.
QString inlineSvg(const QString &svg, const QSizeF &size, const QString &label, const QString &prefix)
{
    const qsizetype start = svg.indexOf(QStringLiteral("<svg"));
    if (start < 0)
        return {};
    const qsizetype tagEnd = svg.indexOf(QLatin1Char('>'), start);
    QString tag = svg.mid(start, tagEnd - start);
    // QSvgGenerator states the size in millimetres; the report lays out in CSS pixels.
    static const QRegularExpression sizeAttribute(QStringLiteral(R"(\s(width|height)="[^"]*")"));
    tag.remove(sizeAttribute);
    tag += QStringLiteral(" width=\"%1\" height=\"%2\" role=\"img\" aria-label=\"%3\"")
               .arg(std::ceil(size.width()))
               .arg(std::ceil(size.height()))
               .arg(escaped(label));
    // Every QSvgGenerator document names its gradients alike ("gradient1"):
    // prefix the ids so the pictures of one page never share one.
    QString body = svg.mid(tagEnd);
    body.replace(QStringLiteral("id=\""), QStringLiteral("id=\"") + prefix + QLatin1Char('-'));
    body.replace(QStringLiteral("url(#"), QStringLiteral("url(#") + prefix + QLatin1Char('-'));
    body.replace(QStringLiteral("href=\"#"), QStringLiteral("href=\"#") + prefix + QLatin1Char('-'));
    return tag + body;
}

QString picture(const SectionContext &c, const QString &svg, const QString &resource, const QSizeF &size,
                const QString &label)
{
    if (c.flavour == HtmlFlavour::Standalone)
        return QStringLiteral("<div class=\"figure\">") + inlineSvg(svg, size, label, QFileInfo(resource).baseName())
             + QStringLiteral("</div>");
    // The PDF's text is 17 cm wide, 642 of QTextDocument's 96-dpi pixels:
    // wider pictures are scaled down to it.
    const double scale = std::min(1.0, 620.0 / size.width());
    return QStringLiteral("<p align=\"center\"><img src=\"%1\" width=\"%2\" height=\"%3\" alt=\"%4\"/></p>")
        .arg(resource)
        .arg(std::round(size.width() * scale))
        .arg(std::round(size.height() * scale))
        .arg(escaped(label));
}

// --- sections ---

QString warningsSection(const SectionContext &c)
{
    const QStringList warnings = reportWarnings(c.data);
    if (warnings.isEmpty())
        return paragraph(QStringLiteral("No warnings: every node has spare capacity, the estimates are precise and the "
                                        "ledger balances."),
                         QStringLiteral("ok"));
    return QStringLiteral("<div class=\"warnings\">") + list(warnings) + QStringLiteral("</div>");
}

QString diagramSection(const SectionContext &c)
{
    const ReportDiagram &d = c.pictures.diagram;
    if (d.svg.isEmpty() && d.image.isNull())
        return {};
    return picture(c, d.svg, diagramResource(), d.size, QStringLiteral("Diagram of the topology"));
}

QString settingsSection(const SectionContext &c)
{
    const ReportData &d = c.data;
    std::vector<Row> rows;
    for (const Parameter &p : simulationParameters(d.input.topology.simulation)) {
        if (p.first == QStringLiteral("seed") || p.first == QStringLiteral("replications"))
            continue; // the runs say what was used (the command line may override the file)
        rows.push_back({{p.first, p.second}});
    }
    rows.insert(rows.begin() + 1, Row{{QStringLiteral("replications"), QString::number(d.input.runs.size())}});
    QStringList seeds;
    for (std::size_t i = 0; i < d.input.runs.size() && i < 10; ++i)
        seeds << QString::number(d.input.runs[i].seed);
    if (d.input.runs.size() > 10)
        seeds << QStringLiteral("…");
    rows.push_back({{d.input.runs.size() > 1 ? QStringLiteral("seeds (one per replication)") : QStringLiteral("seed"),
                     seeds.join(QStringLiteral(", "))}});
    if (d.hasReplications())
        rows.push_back({{QStringLiteral("confidence level"), formatNumber(d.summary->confidence * 100) + "%"}});
    rows.push_back({{QStringLiteral("events simulated (first run)"), formatCount(double(d.firstRun().events))}});
    return tableHtml(c, {QStringLiteral("setting"), QStringLiteral("value")}, rows, QStringLiteral("settings"));
}

QString nodesSection(const SectionContext &c)
{
    const models::Topology &t = c.data.input.topology;
    std::vector<Row> rows;
    for (const models::NodeSpec &n : t.nodes) {
        QStringList lines;
        for (const Parameter &p : nodeParameters(n))
            lines << p.first + QStringLiteral(": ") + p.second;
        rows.push_back({{QString::fromStdString(n.id), kindName(n.kind()), lines.join(QStringLiteral("; "))},
                        QStringLiteral("node-") + QString::fromStdString(n.id)});
    }
    QString html = tableHtml(c, {QStringLiteral("node"), QStringLiteral("kind"), QStringLiteral("parameters")}, rows,
                             QStringLiteral("parameters"));
    std::vector<Row> edges;
    for (const models::EdgeSpec &e : t.edges)
        edges.push_back({{QString::fromStdString(e.from), QString::fromStdString(e.to), describeEdge(e)}});
    if (!edges.empty())
        html += QStringLiteral("<h3>Edges</h3>")
              + tableHtml(c, {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("how")}, edges,
                          QStringLiteral("edges"));
    return html;
}

QString resultsSection(const SectionContext &c)
{
    const ReportData &d = c.data;
    const std::size_t count = d.input.topology.nodes.size();
    QString html;
    if (d.hasReplications())
        html += paragraph(QStringLiteral("Each value is the mean of %1 replications ± the half-width of its %2% "
                                         "confidence interval (Student t).")
                              .arg(d.input.runs.size())
                              .arg(formatNumber(d.summary->confidence * 100)));
    else
        html
            += paragraph(QStringLiteral("The values of one run (no confidence intervals: run replications for them)."));
    if (d.firstRun().warmup > 0)
        html += paragraph(QStringLiteral("Statistics cover the run after the warm-up of %1.")
                              .arg(formatSeconds(d.firstRun().warmup)));

    std::vector<Row> load;
    std::vector<Row> waiting;
    for (std::size_t i = 0; i < count; ++i) {
        const models::NodeKind kind = d.input.topology.nodes[i].kind();
        const bool producer = kind == models::NodeKind::Producer;
        load.push_back({{nodeId(d, i), kindName(kind),
                         formatValue(nodeValue(d, i, producer ? "rate" : "arrivalRate"), ReportUnit::Count),
                         producer ? QString() : formatValue(nodeValue(d, i, "throughput"), ReportUnit::Count),
                         formatValue(nodeValue(d, i, "utilisation"), ReportUnit::Ratio),
                         formatValue(nodeValue(d, i, "queueLength.mean"), ReportUnit::Count),
                         formatValue(nodeValue(d, i, "queueLength.max"), ReportUnit::Count)},
                        QStringLiteral("result-") + nodeId(d, i)});
        if (nodeValue(d, i, "waitingTime.mean").measured)
            waiting.push_back({{nodeId(d, i), formatValue(nodeValue(d, i, "waitingTime.mean"), ReportUnit::Seconds),
                                formatValue(nodeValue(d, i, "waitingTime.p50"), ReportUnit::Seconds),
                                formatValue(nodeValue(d, i, "waitingTime.p95"), ReportUnit::Seconds),
                                formatValue(nodeValue(d, i, "waitingTime.p99"), ReportUnit::Seconds),
                                formatValue(nodeValue(d, i, "responseTime.p99"), ReportUnit::Seconds)}});
    }
    html += QStringLiteral("<h3>Load</h3>")
          + tableHtml(c,
                      {QStringLiteral("node"), QStringLiteral("kind"), QStringLiteral("arrivals (msg/s)"),
                       QStringLiteral("throughput (msg/s)"), QStringLiteral("utilisation"),
                       QStringLiteral("queue length, mean"), QStringLiteral("queue length, max")},
                      load);
    if (!waiting.empty())
        html += QStringLiteral("<h3>Waiting time</h3>")
              + paragraph(QStringLiteral("Time a message waited before a consumer or worker took it; the last column "
                                         "adds the service time (services only)."))
              + tableHtml(c,
                          {QStringLiteral("node"), QStringLiteral("mean"), QStringLiteral("p50"), QStringLiteral("p95"),
                           QStringLiteral("p99"), QStringLiteral("response time p99")},
                          waiting);

    // Delivery and processing events, only at nodes where they happened:
    // a simple topology gets no table.
    std::vector<Row> events;
    for (std::size_t i = 0; i < count; ++i)
        for (const CounterLine &line : nodeCounters(d, i)) {
            Row row{{nodeId(d, i), line.label, formatCount(line.first)},
                    QStringLiteral("counter-") + nodeId(d, i) + QLatin1Char('-') + line.key};
            if (d.hasReplications())
                row.cells << formatValue(line.overRuns, ReportUnit::Count);
            events.push_back(row);
        }
    if (!events.empty()) {
        QStringList headers{QStringLiteral("node"), QStringLiteral("what happened"),
                            d.hasReplications() ? QStringLiteral("first replication") : QStringLiteral("count")};
        if (d.hasReplications())
            headers << QStringLiteral("mean per run");
        html += QStringLiteral("<h3>Delivery and processing events</h3>")
              + paragraph(QStringLiteral("Redeliveries, duplicates, dead letters and the like, counted at the node "
                                         "where they happened; nodes where none happened are left out."))
              + tableHtml(c, headers, events);
    }

    std::vector<Row> flows;
    for (std::size_t f = 0; f < d.firstRun().flows.size(); ++f) {
        const models::FlowResults &flow = d.firstRun().flows[f];
        flows.push_back({{QString::fromStdString(flow.from) + QStringLiteral(" → ") + QString::fromStdString(flow.to),
                          formatValue(flowValue(d, f, "latency.mean"), ReportUnit::Seconds),
                          formatValue(flowValue(d, f, "latency.p50"), ReportUnit::Seconds),
                          formatValue(flowValue(d, f, "latency.p95"), ReportUnit::Seconds),
                          formatValue(flowValue(d, f, "latency.p99"), ReportUnit::Seconds)}});
    }
    if (!flows.empty())
        html += QStringLiteral("<h3>End-to-end latency</h3>")
              + paragraph(QStringLiteral("From the moment a producer created a message to the end of its flow."))
              + tableHtml(c,
                          {QStringLiteral("flow"), QStringLiteral("mean"), QStringLiteral("p50"), QStringLiteral("p95"),
                           QStringLiteral("p99")},
                          flows);

    // Consumer lag of topics, per group (the first run's: groups are per run).
    std::vector<Row> lag;
    for (const models::NodeResults &n : d.firstRun().nodes)
        for (const models::ConsumerGroupResults &g : n.groups)
            lag.push_back({{QString::fromStdString(n.id), QString::fromStdString(g.group), formatNumber(g.lag.mean),
                            formatNumber(g.lag.max), formatCount(double(g.lostToRetention))}});
    if (!lag.empty())
        html += QStringLiteral("<h3>Consumer lag</h3>")
              + paragraph(QStringLiteral("Records not yet committed by each consumer group (first run)."))
              + tableHtml(c,
                          {QStringLiteral("topic"), QStringLiteral("consumer group"), QStringLiteral("lag, mean"),
                           QStringLiteral("lag, max"), QStringLiteral("lost to retention")},
                          lag);

    // Rebalances, where a crash caused some: what each protocol stopped.
    std::vector<Row> rebalances;
    for (const models::NodeResults &n : d.firstRun().nodes)
        for (const models::ConsumerGroupResults &g : n.groups)
            if (g.rebalances > 0)
                rebalances.push_back(
                    {{QString::fromStdString(n.id), QString::fromStdString(g.group), describeAssignor(g.assignor),
                      formatCount(double(g.rebalances)), formatNumber(g.stoppedPartitionSeconds),
                      formatCount(double(g.duplicates)), formatCount(double(g.reread))},
                     QStringLiteral("rebalance-") + QString::fromStdString(n.id + "-" + g.group)});
    if (!rebalances.empty())
        html += QStringLiteral("<h3>Rebalances</h3>")
              + paragraph(QStringLiteral(
                  "Rounds of each consumer group's rebalances after consumer crashes (first run). An eager group "
                  "stops all its partitions for a round; a cooperative one only those that change owner. "
                  "Partition-seconds stopped add up the time each partition could not be read; duplicates are "
                  "records processed again because their offsets were not committed."))
              + tableHtml(c,
                          {QStringLiteral("topic"), QStringLiteral("consumer group"), QStringLiteral("assignor"),
                           QStringLiteral("rounds"), QStringLiteral("partition-seconds stopped"),
                           QStringLiteral("duplicates"), QStringLiteral("read again")},
                          rebalances);

    // RabbitMQ prefetch: how many deliveries each consumer hoarded. Without
    // a limit a consumer holds only what its free workers take: left out.
    std::vector<Row> consumers;
    for (std::size_t i = 0; i < count && i < d.firstRun().nodes.size(); ++i) {
        const auto *queue = std::get_if<models::QueueSpec>(&d.input.topology.nodes[i].params);
        if (!queue || queue->prefetch == 0)
            continue;
        for (const models::QueueConsumerResults &consumer : d.firstRun().nodes[i].consumers) {
            // Each replica of a replicated consumer has a window of its own.
            const QString replica = consumer.replica > 0 ? QString::number(consumer.replica) : QString();
            consumers.push_back({{nodeId(d, i),
                                  QString::fromStdString(consumer.consumer)
                                      + (replica.isEmpty() ? QString() : QStringLiteral(", replica ") + replica),
                                  formatCount(double(queue->prefetch)), formatCount(double(consumer.unackedMax))},
                                 QStringLiteral("consumer-") + nodeId(d, i) + QLatin1Char('-')
                                     + QString::fromStdString(consumer.consumer)
                                     + (replica.isEmpty() ? QString() : QLatin1Char('-') + replica)});
        }
    }
    if (!consumers.empty())
        html += QStringLiteral("<h3>Prefetch</h3>")
              + paragraph(QStringLiteral("Deliveries each consumer of a RabbitMQ queue held unacknowledged at most at "
                                         "once, processing or waiting in its prefetch buffer (first run, whole run)."))
              + tableHtml(c,
                          {QStringLiteral("queue"), QStringLiteral("consumer"), QStringLiteral("prefetch"),
                           QStringLiteral("most held unacknowledged")},
                          consumers);

    // Replicas: how evenly the load balancer (or the pulls) shared the work.
    std::vector<Row> replicas;
    for (std::size_t i = 0; i < count && i < d.firstRun().nodes.size(); ++i) {
        const auto *service = std::get_if<models::ServiceSpec>(&d.input.topology.nodes[i].params);
        if (!service)
            continue;
        const auto &measured = d.firstRun().nodes[i].replicas;
        // A service that only consumes never uses its balancer: its replicas pull.
        const std::string &id = d.input.topology.nodes[i].id;
        const auto &edges = d.input.topology.edges;
        const bool pulls = std::all_of(edges.begin(), edges.end(), [&](const models::EdgeSpec &e) {
            return e.to != id || e.mode == models::EdgeMode::Consume;
        });
        const QString balancer = pulls ? QStringLiteral("none (pulling)")
                                       : QString::fromLatin1(models::balancerStrategyName(service->balancer));
        for (std::size_t r = 0; r < measured.size(); ++r) {
            Row row{{nodeId(d, i), QString::number(r + 1), balancer, formatCount(double(measured[r].arrivals)),
                     formatValue(ReportValue::exact(measured[r].utilisation), ReportUnit::Ratio),
                     formatNumber(measured[r].queueLength.mean)},
                    QStringLiteral("replica-") + nodeId(d, i) + QLatin1Char('-') + QString::number(r + 1)};
            if (d.hasReplications()) {
                const std::string metric = "replicas." + std::to_string(r + 1) + ".utilisation";
                row.cells << formatValue(nodeValue(d, i, metric.c_str()), ReportUnit::Ratio);
            }
            replicas.push_back(row);
        }
    }
    QStringList replicaHeaders{QStringLiteral("service"),       QStringLiteral("replica"),
                               QStringLiteral("load balancer"), QStringLiteral("messages taken"),
                               QStringLiteral("utilisation"),   QStringLiteral("waiting, mean")};
    if (d.hasReplications())
        replicaHeaders << QStringLiteral("utilisation, over runs");
    if (!replicas.empty())
        html += QStringLiteral("<h3>Replicas</h3>")
              + paragraph(QStringLiteral("Each replica of a replicated service: the messages it took (sent by the "
                                         "load balancer, or pulled from a queue or topic), its utilisation and the "
                                         "mean number waiting in its own line (first run%1).")
                              .arg(d.hasReplications() ? QStringLiteral("; the last column estimates the "
                                                                        "utilisation over every replication")
                                                       : QString()))
              + tableHtml(c, replicaHeaders, replicas);
    return html;
}

QString ledgerSection(const SectionContext &c)
{
    const ReportData &d = c.data;
    const bool replicated = d.hasReplications();
    std::vector<Row> rows;
    for (const LedgerLine &line : ledgerLines(d)) {
        // Lines that are zero in every run say nothing; the totals always show.
        if (!line.total && line.first == 0 && (!replicated || line.overRuns.mean == 0) && line.key != "produced")
            continue;
        Row row{{line.incoming ? QStringLiteral("in") : QStringLiteral("out"), line.label, formatCount(line.first)},
                QStringLiteral("ledger-") + line.key,
                line.total ? QStringLiteral("total") : QString()};
        if (replicated)
            row.cells << formatValue(line.overRuns, ReportUnit::Count);
        rows.push_back(row);
    }
    QStringList headers{QStringLiteral(""), QStringLiteral("messages"),
                        replicated ? QStringLiteral("first replication") : QStringLiteral("count")};
    if (replicated)
        headers << QStringLiteral("mean per run");
    QString html = paragraph(QStringLiteral("Where every message ended up. Copies made by fan-out and redelivery enter "
                                            "the ledger like produced messages; each leaves in exactly one way."))
                 + tableHtml(c, headers, rows, QStringLiteral("ledger"));
    const QString verdict = d.ledgerBalances
                              ? QStringLiteral("✓ The ledger balances%1: total in = total out.")
                                    .arg(replicated ? QStringLiteral(" in every replication") : QString())
                              : QStringLiteral("✗ The ledger does NOT balance: messages were lost or counted twice.");
    return html + QStringLiteral("<p id=\"ledger-verdict\" class=\"%1\">").arg(d.ledgerBalances ? "ok" : "bad")
         + escaped(verdict) + QStringLiteral("</p>");
}

QString capacitySection(const SectionContext &c)
{
    const ReportData &d = c.data;
    const models::CapacityCheck &check = d.capacity;
    std::vector<Row> rows;
    QStringList noPrediction;
    for (std::size_t i = 0; i < check.nodes.size() && i < d.input.topology.nodes.size(); ++i) {
        const models::NodeLoad &load = check.nodes[i];
        if (!load.capacity)
            continue;
        const auto &p = load.prediction;
        // The waiting happens at one node of a station: compare there only.
        const bool here = p && p->waitingNode == i;
        const bool overloaded = load.utilisation && *load.utilisation >= 1;
        rows.push_back(
            {{nodeId(d, i), formatNumber(load.arrivalRate),
              std::isinf(*load.capacity) ? QStringLiteral("unbounded") : formatNumber(*load.capacity),
              load.utilisation ? formatNumber(*load.utilisation) : QString(),
              p ? QString::fromStdString(p->model) : QString(), here ? formatSeconds(p->waitingTime) : QString(),
              here ? formatValue(nodeValue(d, i, "waitingTime.mean"), ReportUnit::Seconds) : QString(),
              here ? formatNumber(p->queueLength) : QString(),
              here ? formatValue(nodeValue(d, i, "queueLength.mean"), ReportUnit::Count) : QString()},
             QStringLiteral("capacity-") + nodeId(d, i),
             overloaded ? QStringLiteral("bad") : QString()});
        if (!p && !load.noPrediction.empty())
            noPrediction << nodeId(d, i) + QStringLiteral(": ") + QString::fromStdString(load.noPrediction);
    }
    if (rows.empty())
        return {};
    QString html
        = paragraph(QStringLiteral("The load on each node from the traffic equations, before any run, and "
                                   "what queueing theory predicts where it applies exactly, next to the "
                                   "simulation."))
        + tableHtml(c,
                    {QStringLiteral("node"), QStringLiteral("λ (msg/s)"), QStringLiteral("capacity (msg/s)"),
                     QStringLiteral("ρ"), QStringLiteral("model"), QStringLiteral("Wq predicted"),
                     QStringLiteral("Wq simulated"), QStringLiteral("Lq predicted"), QStringLiteral("Lq simulated")},
                    rows, QStringLiteral("capacity"));
    if (!noPrediction.isEmpty())
        html += QStringLiteral("<h3>Where no prediction applies</h3>") + list(noPrediction);
    QStringList assumptions;
    for (const std::string &a : check.assumptions)
        assumptions << QString::fromStdString(a);
    if (!assumptions.isEmpty())
        html += QStringLiteral("<h3>Assumptions of the check</h3>") + list(assumptions);
    return html;
}

QString chartsSection(const SectionContext &c)
{
    const ReportPictures &p = c.pictures;
    if (p.charts.empty())
        return {};
    const models::RunResults &first = c.data.firstRun();
    QString html = paragraph(
        QStringLiteral("Time series of the %1 (seed %2), one point every %3 of simulated time, warm-up included.")
            .arg(c.data.input.runs.size() > 1 ? QStringLiteral("first replication") : QStringLiteral("run"))
            .arg(first.seed)
            .arg(formatSeconds(first.seriesInterval)));
    for (std::size_t i = 0; i < p.charts.size(); ++i) {
        const ChartSpec &chart = p.charts[i];
        html += QStringLiteral("<div class=\"chart\" id=\"chart-%1\">").arg(escaped(chart.id));
        html += picture(c, i < p.chartSvgs.size() ? p.chartSvgs[i] : QString(), chartResource(i), QSizeF(ChartSize),
                        chart.title);
        if (!chart.caption.isEmpty())
            html += paragraph(chart.caption, QStringLiteral("caption"));
        html += QStringLiteral("</div>");
    }
    return html;
}

QString glossarySection(const SectionContext &c)
{
    std::vector<Row> rows{
        {{QStringLiteral("msg/s"), QStringLiteral("messages per second of simulated time")}},
        {{QStringLiteral("λ"), QStringLiteral("arrival rate: messages reaching a node per second")}},
        {{QStringLiteral("capacity"), QStringLiteral("messages per second a node can process: workers × 1 / mean "
                                                     "service time (for a queue, the sum over its consumers)")}},
        {{QStringLiteral("ρ"), QStringLiteral("utilisation = λ / capacity; at 1 or more the queue grows without "
                                              "bound")}},
        {{QStringLiteral("Wq, Lq"), QStringLiteral("mean time a message waits, and mean number of messages waiting")}},
        {{QStringLiteral("M/M/c, M/D/1, M/G/1"),
          QStringLiteral("Kendall notation: Poisson arrivals / exponential (M), constant (D) or general (G) service "
                         "times / c workers")}},
        {{QStringLiteral("p50, p95, p99"), QStringLiteral("percentiles: 50%, 95%, 99% of the messages took at most "
                                                          "this long")}},
        {{QStringLiteral("±"), QStringLiteral("half-width of the confidence interval of a mean over replications")}},
        {{QStringLiteral("warm-up"), QStringLiteral("simulated time at the start left out of the statistics")}},
    };
    return tableHtml(c, {QStringLiteral("term"), QStringLiteral("meaning")}, rows, QStringLiteral("glossary"));
}

} // namespace

QString readable(QString text)
{
    // The summary names metrics as the results JSON does; a reader gets words.
    static const std::pair<const char *, const char *> Names[] = {
        {"waitingTime.mean", "the mean waiting time"},   {"responseTime.mean", "the mean response time"},
        {"latency.mean", "the mean end-to-end latency"}, {": throughput", ": the throughput"},
        {": utilisation", ": the utilisation"},          {" -> ", " → "},
    };
    for (const auto &[name, words] : Names)
        text.replace(QString::fromUtf8(name), QString::fromUtf8(words));
    return text;
}

QString diagramResource()
{
    return QStringLiteral("report-diagram.png");
}

QString chartResource(std::size_t index)
{
    return QStringLiteral("report-chart-%1.png").arg(index);
}

QStringList reportWarnings(const ReportData &d)
{
    QStringList warnings;
    if (!d.ledgerBalances)
        warnings << QStringLiteral("The message ledger does not balance: the results are not to be trusted.");
    for (const models::Problem &p : d.capacity.warnings)
        warnings << QString::fromStdString(p.message);
    for (const models::Problem &p : models::checkTopology(d.input.topology))
        warnings << QString::fromStdString(p.text());
    if (d.hasReplications())
        for (const std::string &w : d.summary->warnings)
            warnings << readable(QString::fromStdString(w));
    else
        warnings << QStringLiteral("One run gives no confidence intervals: its values are a single sample. Run 5 or "
                                   "more replications to know how precise they are.");
    return warnings;
}

const std::vector<ReportSection> &reportSections()
{
    static const std::vector<ReportSection> sections{
        {QStringLiteral("warnings"), QStringLiteral("Warnings"), warningsSection},
        {QStringLiteral("diagram"), QStringLiteral("Topology"), diagramSection},
        {QStringLiteral("settings"), QStringLiteral("Simulation settings"), settingsSection},
        {QStringLiteral("nodes"), QStringLiteral("Nodes and their parameters"), nodesSection},
        {QStringLiteral("results"), QStringLiteral("Results per node"), resultsSection},
        {QStringLiteral("ledger"), QStringLiteral("Message ledger"), ledgerSection},
        {QStringLiteral("faults"), QStringLiteral("Faults timeline"), faultsSection},
        {QStringLiteral("calls"), QStringLiteral("Calls and circuit breakers"), callsSection},
        {QStringLiteral("capacity"), QStringLiteral("Capacity check"), capacitySection},
        {QStringLiteral("charts"), QStringLiteral("Charts"), chartsSection},
        {QStringLiteral("glossary"), QStringLiteral("Terms and abbreviations"), glossarySection},
    };
    return sections;
}

} // namespace asyncsim::ui::report
