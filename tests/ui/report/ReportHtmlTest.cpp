#include "ReportTestSupport.h"

#include "ui/report/ReportFormat.h"
#include "ui/report/ReportWriter.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

using namespace asyncsim;
using namespace asyncsim::ui::report;

namespace {

/// What a test needs of a parsed report: the ids of its elements, the text of
/// each row with an id (cells joined by "|"), and how many SVG pictures it has.
struct ParsedReport
{
    QString error;
    std::set<QString> ids;
    std::map<QString, QStringList> rows;
    std::map<QString, QString> text; ///< text of elements with an id that are not rows
    int svgs = 0;
};

ParsedReport parse(const QByteArray &xhtml)
{
    ParsedReport r;
    QXmlStreamReader xml(xhtml);
    QString row;
    QString cell;
    bool inCell = false;
    QString textId;
    int textDepth = 0;
    int depth = 0;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement: {
            ++depth;
            const QString id = xml.attributes().value(QStringLiteral("id")).toString();
            if (!id.isEmpty())
                r.ids.insert(id);
            if (xml.name() == QStringLiteral("svg"))
                ++r.svgs;
            if (xml.name() == QStringLiteral("tr"))
                row = id;
            else if (xml.name() == QStringLiteral("td") && !row.isEmpty())
                inCell = true, cell.clear();
            else if (!id.isEmpty() && xml.name() == QStringLiteral("p"))
                textId = id, textDepth = depth;
            break;
        }
        case QXmlStreamReader::EndElement:
            if (xml.name() == QStringLiteral("td") && inCell)
                r.rows[row] << cell, inCell = false;
            else if (xml.name() == QStringLiteral("tr"))
                row.clear();
            if (depth == textDepth)
                textId.clear(), textDepth = 0;
            --depth;
            break;
        case QXmlStreamReader::Characters:
            if (inCell)
                cell += xml.text();
            if (!textId.isEmpty())
                r.text[textId] += xml.text();
            break;
        default:
            break;
        }
    }
    if (xml.hasError())
        r.error = xml.errorString() + QStringLiteral(" at line ") + QString::number(xml.lineNumber());
    return r;
}

QByteArray writeHtml(const ReportInput &input)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.html"));
    QString error;
    EXPECT_TRUE(writeReport(input, path, &error)) << error.toStdString();
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

// Counts are written with thin spaces between thousands: compare digits.
std::uint64_t digitsOf(const QString &text)
{
    QString digits;
    for (QChar c : text)
        if (c.isDigit())
            digits += c;
    return digits.toULongLong();
}

} // namespace

TEST(ReportHtml, EveryExampleGivesAWellFormedReportWithItsSectionsAndLedger)
{
    const QStringList files = test::exampleFiles();
    ASSERT_GE(files.size(), 8);
    for (const QString &file : files) {
        SCOPED_TRACE(file.toStdString());
        const ReportInput input = test::inputFor(file);
        const ParsedReport report = parse(writeHtml(input));
        ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();

        for (const char *section :
             {"meta", "warnings", "diagram", "settings", "nodes", "results", "ledger", "charts", "glossary"})
            EXPECT_TRUE(report.ids.count(QString::fromLatin1(section))) << section;
        EXPECT_GE(report.svgs, 2) << "the diagram and at least one chart";

        const models::RunResults &run = input.runs.front();
        ASSERT_TRUE(report.rows.count(QStringLiteral("ledger-produced")));
        EXPECT_EQ(digitsOf(report.rows.at(QStringLiteral("ledger-produced")).at(2)), run.ledger.produced);
        EXPECT_EQ(digitsOf(report.rows.at(QStringLiteral("ledger-completed")).value(2)), run.ledger.completed);
        EXPECT_TRUE(report.text.at(QStringLiteral("ledger-verdict")).startsWith(QStringLiteral("✓")));
        // Every node has a parameter row and a result row.
        for (const models::NodeSpec &n : input.topology.nodes) {
            EXPECT_TRUE(report.ids.count(QStringLiteral("node-") + QString::fromStdString(n.id))) << n.id;
            EXPECT_TRUE(report.ids.count(QStringLiteral("result-") + QString::fromStdString(n.id))) << n.id;
        }
    }
}

TEST(ReportHtml, OneRunShowsExactValuesAndSaysItHasNoIntervals)
{
    const ReportInput input = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/mm1-queue.json"));
    const QByteArray html = writeHtml(input);
    const ParsedReport report = parse(html);
    ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();
    EXPECT_TRUE(html.contains("One run gives no confidence intervals"));
    const QStringList row
        = report.rows.at(QStringLiteral("result-") + QString::fromStdString(input.topology.nodes[1].id));
    for (const QString &cell : row)
        EXPECT_FALSE(cell.contains(QStringLiteral("±"))) << cell.toStdString();
    // The capacity check compares theory and simulation where the waiting happens.
    EXPECT_TRUE(report.ids.count(QStringLiteral("capacity")));
}

TEST(ReportHtml, ReplicationsShowMeansWithIntervalsAndTheFirstReplicationsLedger)
{
    const ReportInput input
        = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/mm1-queue.json"), 3);
    const ParsedReport report = parse(writeHtml(input));
    ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();
    const QStringList produced = report.rows.at(QStringLiteral("ledger-produced"));
    ASSERT_EQ(produced.size(), 4);
    EXPECT_EQ(digitsOf(produced[2]), input.runs[0].ledger.produced);
    EXPECT_TRUE(produced[3].contains(QStringLiteral("±")));
    bool anyInterval = false;
    for (const auto &[id, cells] : report.rows)
        if (id.startsWith(QStringLiteral("result-")))
            for (const QString &cell : cells)
                anyInterval = anyInterval || cell.contains(QStringLiteral("±"));
    EXPECT_TRUE(anyInterval);
    EXPECT_TRUE(report.text.at(QStringLiteral("ledger-verdict")).contains(QStringLiteral("every replication")));
}

TEST(ReportWriter, RefusesAnUnknownSuffixAndWritesNothing)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.docx"));
    QString error;
    ReportInput input;
    EXPECT_FALSE(writeReport(input, path, &error));
    EXPECT_TRUE(error.contains(QStringLiteral(".html or .pdf"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral(".docx"))) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(path));
    EXPECT_EQ(reportFileTypeFor(QStringLiteral("a/b.PDF"), nullptr), ReportFileType::Pdf);
    EXPECT_EQ(reportFileTypeFor(QStringLiteral("b.htm"), nullptr), ReportFileType::Html);
}

TEST(ReportHtml, CallsShowTheirBreakerTransitionsAndTheFaultsTimeline)
{
    const ReportInput input
        = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/flaky-payments.json"));
    const models::RunResults &run = input.runs.front();
    ASSERT_EQ(run.edges.size(), 1u);
    const models::EdgeResults &edge = run.edges.front();
    const QByteArray html = writeHtml(input);
    const ParsedReport report = parse(html);
    ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();
    EXPECT_TRUE(report.ids.count(QStringLiteral("calls")));
    EXPECT_TRUE(report.ids.count(QStringLiteral("faults")));
    const QStringList row = report.rows.at(QStringLiteral("call-orders-payments"));
    ASSERT_EQ(row.size(), 8);
    EXPECT_EQ(row[0], QStringLiteral("orders → payments"));
    EXPECT_EQ(digitsOf(row[1]), edge.requests);
    EXPECT_EQ(digitsOf(row[2]), edge.attempts);
    EXPECT_EQ(digitsOf(row[5]), edge.rejectedByBreaker);
    EXPECT_EQ(row[7], QString::fromStdString(edge.breaker->state));
    // One line of the transition log per transition of the results.
    ASSERT_TRUE(edge.breaker && !edge.breaker->transitions.empty());
    EXPECT_EQ(html.count("orders → payments</td><td>closed → open"),
              std::count_if(edge.breaker->transitions.begin(), edge.breaker->transitions.end(),
                            [](const auto &t) { return t.from == "closed" && t.to == "open"; }));
}

TEST(ReportHtml, CallsOverReplicationsEstimateTheAmplificationAndRejections)
{
    const ReportInput input
        = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/flaky-payments.json"), 3);
    const ParsedReport report = parse(writeHtml(input));
    ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();
    // The first run's own counts, as without replications.
    const QStringList first = report.rows.at(QStringLiteral("call-orders-payments"));
    ASSERT_EQ(first.size(), 8);
    EXPECT_EQ(digitsOf(first[5]), input.runs.front().edges.front().rejectedByBreaker);
    // Then the estimates over the three runs.
    const QStringList row = report.rows.at(QStringLiteral("call-over-runs-orders-payments"));
    ASSERT_EQ(row.size(), 6);
    double amplification = 0;
    double rejected = 0;
    for (const models::RunResults &r : input.runs) {
        amplification += r.edges.front().retryAmplification / 3;
        rejected += static_cast<double>(r.edges.front().rejectedByBreaker) / 3;
    }
    ASSERT_TRUE(row[1].contains(QStringLiteral("±"))) << row[1].toStdString();
    // Each mean is shown rounded to the decimals its half-width allows.
    const auto shown = [](const QString &cell) {
        return cell.section(QStringLiteral("±"), 0, 0).remove(QChar(0x2009)).trimmed().toDouble();
    };
    const auto halfWidth = [](const QString &cell) {
        return cell.section(QStringLiteral("±"), 1).remove(QChar(0x2009)).trimmed().toDouble();
    };
    EXPECT_NEAR(shown(row[1]), amplification, std::max(0.005, halfWidth(row[1]) / 10)) << row[1].toStdString();
    EXPECT_NEAR(shown(row[3]), rejected, std::max(0.5, halfWidth(row[3]) / 10)) << row[3].toStdString();
    // The time the breaker spent open, in seconds (the outage hangs payments).
    double open = 0;
    for (const models::RunResults &r : input.runs)
        open += r.edges.front().breaker->timeInState.at("open") / 3;
    ASSERT_TRUE(row[5].endsWith(QStringLiteral(" s"))) << row[5].toStdString();
    EXPECT_GT(open, 0.0);
    EXPECT_NEAR(shown(row[5]), open, std::max(0.005, halfWidth(row[5].chopped(2)) / 10)) << row[5].toStdString();
}

namespace {

ParsedReport reportOfScenario(const char *name)
{
    const ReportInput input = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/tests/models/scenarios/")
                                             + QString::fromLatin1(name) + QStringLiteral(".json"));
    return parse(writeHtml(input));
}

} // namespace

// The scenarios' exact counts (see their descriptions and the model tests),
// each at the node where it happened; nothing of the kind in a plain queue.
TEST(ReportHtml, DeliveryEventsAndPrefetchShowWhereTheyHappened)
{
    const std::pair<const char *, std::vector<std::pair<const char *, QStringList>>> cases[] = {
        {"deduplicated-redelivery", {{"counter-q2-deduplicated", {"q2", "deduplicated sends", "1"}}}},
        {"delivery-limit-43", {{"counter-q-requeues", {"q", "requeued (nacked back)", "99"}}}},
        {"rolling-upgrade-producers-first",
         {{"counter-billing-versionRejections", {"billing", "version rejections", "50"}},
          {"counter-orders-dlq-deadLetters-rejected-version", {"orders-dlq", "dead letters: rejected-version", "50"}}}},
        {"upcast-on-read", {{"counter-billing-upcasts", {"billing", "upcasts", "50"}}}},
        {"hanging-callee", {{"counter-payments-hangs", {"payments", "hangs", "3"}}}},
        {"prefetch-hoarding",
         {{"consumer-q-slow", {"q", "slow", "10", "5"}}, {"consumer-q-fast", {"q", "fast", "10", "5"}}}},
    };
    for (const auto &[scenario, rows] : cases) {
        SCOPED_TRACE(scenario);
        const ParsedReport report = reportOfScenario(scenario);
        ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();
        for (const auto &[id, cells] : rows) {
            ASSERT_TRUE(report.rows.count(QString::fromLatin1(id))) << id;
            EXPECT_EQ(report.rows.at(QString::fromLatin1(id)), cells) << id;
        }
    }
    // Only where it happened: the service that upcasts rejects nothing, and a
    // queue without a prefetch limit has no prefetch table.
    const ParsedReport upcast = reportOfScenario("upcast-on-read");
    EXPECT_FALSE(upcast.rows.count(QStringLiteral("counter-billing-versionRejections")));
    for (const auto &[id, cells] : upcast.rows)
        EXPECT_FALSE(id.startsWith(QStringLiteral("consumer-"))) << id.toStdString();

    const ReportInput plain = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/mm1-queue.json"));
    const QByteArray html = writeHtml(plain);
    for (const auto &[id, cells] : parse(html).rows)
        EXPECT_FALSE(id.startsWith(QStringLiteral("counter-")) || id.startsWith(QStringLiteral("consumer-")))
            << id.toStdString();
    EXPECT_FALSE(html.contains("Delivery and processing events"));
    EXPECT_FALSE(html.contains("<h3>Prefetch</h3>"));
}

TEST(ReportHtml, ReplicasShowHowTheWorkWasShared)
{
    // Each replica's row gives the run's own counts; round robin hands the
    // three replicas of the example's round-robin service a third each.
    const ReportInput input
        = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/load-balancing.json"));
    const ParsedReport report = parse(writeHtml(input));
    ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();
    const models::NodeResults &measured = input.runs.front().node("round-robin");
    ASSERT_EQ(measured.replicas.size(), 3u);
    for (std::size_t r = 0; r < 3; ++r) {
        const QString id = QStringLiteral("replica-round-robin-%1").arg(r + 1);
        ASSERT_TRUE(report.rows.count(id)) << id.toStdString();
        const QStringList &cells = report.rows.at(id);
        EXPECT_EQ(cells.at(0), "round-robin");
        EXPECT_EQ(cells.at(2), "round-robin");
        EXPECT_EQ(cells.at(3), formatCount(double(measured.replicas[r].arrivals)));
        EXPECT_LE(std::abs(static_cast<double>(measured.replicas[r].arrivals) - measured.arrivals / 3.0), 1.0);
    }
    EXPECT_TRUE(report.rows.count(QStringLiteral("replica-least-loaded-3")));
    ASSERT_TRUE(report.rows.count(QStringLiteral("replica-shared-queue-1")));
    EXPECT_EQ(report.rows.at(QStringLiteral("replica-shared-queue-1")).at(2), "none (pulling)");
    EXPECT_FALSE(report.rows.count(QStringLiteral("replica-round-robin-4")));
    const QByteArray plain
        = writeHtml(test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/mm1-queue.json")));
    EXPECT_FALSE(plain.contains("<h3>Replicas</h3>"));
}

TEST(ReportHtml, RebalancesGiveEachGroupsAssignorRoundsAndStoppedPartitionSeconds)
{
    // The example's eager group stops all 6 partitions for two 5 s rounds;
    // the cooperative one 2 partitions a round at the crash, and 2 for a
    // round and a little (until a revoked record in progress ends) at the return.
    // The whole run: the crash is at 2 min, where test::inputFor would cut it.
    ReportInput input = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/mm1-queue.json"));
    input.fileName = QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/kafka-rebalance-protocols.json");
    input.topology = models::loadTopologyFile(input.fileName.toStdString());
    input.runs = {models::Run::execute(input.topology)};
    const QByteArray html = writeHtml(input);
    const ParsedReport report = parse(html);
    ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();
    ASSERT_TRUE(report.rows.count(QStringLiteral("rebalance-orders-eager")));
    const QStringList &eager = report.rows.at(QStringLiteral("rebalance-orders-eager"));
    EXPECT_EQ(eager.at(2), "range (eager)");
    EXPECT_EQ(eager.at(3), "2");
    EXPECT_EQ(eager.at(4), "60");
    const QStringList &cooperative = report.rows.at(QStringLiteral("rebalance-orders-cooperative"));
    EXPECT_EQ(cooperative.at(2), "cooperative sticky");
    EXPECT_EQ(cooperative.at(3), "3");
    const models::ConsumerGroupResults &measured = input.runs.front().node("orders").groups[1];
    EXPECT_EQ(cooperative.at(4), formatNumber(measured.stoppedPartitionSeconds));
    EXPECT_GE(measured.stoppedPartitionSeconds, 20.0);
    EXPECT_LT(measured.stoppedPartitionSeconds, 21.0);
    // The edge that chose the assignor says so; the topic gives its own.
    EXPECT_TRUE(html.contains("consume; the group&#39;s assignor is cooperative sticky")
                || html.contains("consume; the group's assignor is cooperative sticky"));
    EXPECT_TRUE(html.contains("rebalancing: range (eager), rounds of 5 s"));
    const QByteArray plain
        = writeHtml(test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/mm1-queue.json")));
    EXPECT_FALSE(plain.contains("<h3>Rebalances</h3>"));
}

TEST(ReportHtml, DeliveryEventsOverReplicationsGiveTheFirstCountAndTheMean)
{
    const ReportInput input
        = test::inputFor(QStringLiteral(ASYNCSIM_SOURCE_DIR "/resources/examples/redelivery-and-dead-letters.json"), 3);
    const ParsedReport report = parse(writeHtml(input));
    ASSERT_TRUE(report.error.isEmpty()) << report.error.toStdString();
    int checked = 0;
    for (const models::NodeResults &n : input.runs[0].nodes) {
        if (n.requeues == 0)
            continue;
        const QString id = QStringLiteral("counter-") + QString::fromStdString(n.id) + QStringLiteral("-requeues");
        ASSERT_TRUE(report.rows.count(id)) << id.toStdString();
        const QStringList &cells = report.rows.at(id);
        ASSERT_EQ(cells.size(), 4);
        EXPECT_EQ(digitsOf(cells[2]), n.requeues);
        double mean = 0;
        for (const models::RunResults &r : input.runs)
            mean += static_cast<double>(r.node(n.id).requeues) / static_cast<double>(input.runs.size());
        // The mean is shown rounded to the decimals of its half-width: at
        // most 0.5 off (exact when every run counted the same).
        const QString shown = cells[3].section(QStringLiteral("±"), 0, 0).remove(QChar(0x2009)).trimmed();
        EXPECT_NEAR(shown.toDouble(), mean, 0.5) << cells[3].toStdString();
        ++checked;
    }
    EXPECT_GE(checked, 1) << "the example requeues at its RabbitMQ queue";
}
