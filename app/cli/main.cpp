// asyncsim-cli: runs and validates topology files without a display.

#include "CapacityTable.h"
#include "Progress.h"
#include "ReplicationTable.h"
#include "ReportOutput.h"
#include "Summary.h"

#include "models/CapacityCheck.h"
#include "models/DurationText.h"
#include "models/ReplicationSummary.h"
#include "models/Replications.h"
#include "models/ResultsJson.h"
#include "models/Run.h"
#include "models/TopologyCheck.h"
#include "models/TopologyJson.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace asyncsim;

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1;
constexpr int ExitBadInput = 2;

void printProblems(const models::TopologyError &e)
{
    for (const models::Problem &p : e.problems())
        std::cerr << e.file() << ": " << p.text() << "\n";
}

// Writes through a temporary file and a rename, so a failed write never
// leaves a half-written file where a good one was.
bool writeFileAtomically(const std::filesystem::path &path, const std::string &content)
{
    const std::filesystem::path temporary = path.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out || !(out << content) || !out.flush()) {
            std::cerr << "asyncsim-cli: cannot write " << path.string() << "\n";
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::cerr << "asyncsim-cli: cannot write " << path.string() << ": " << ec.message() << "\n";
        std::filesystem::remove(temporary, ec);
        return false;
    }
    return true;
}

struct RunOptions
{
    std::string file;
    std::string duration;
    std::optional<std::uint64_t> seed;
    std::optional<int> replications;
    int threads = 0;
    std::string jsonPath;
    std::string csvDir;
    std::string reportPath;
    bool quiet = false;
};

bool writeCsv(const RunOptions &o, const models::RunResults &results)
{
    if (o.csvDir.empty())
        return true;
    std::error_code ec;
    std::filesystem::create_directories(o.csvDir, ec);
    if (ec) {
        std::cerr << "asyncsim-cli: cannot create " << o.csvDir << ": " << ec.message() << "\n";
        return false;
    }
    return writeFileAtomically(std::filesystem::path(o.csvDir) / "timeseries.csv", models::seriesToCsv(results));
}

int runOnce(const models::Topology &topology, const RunOptions &o)
{
    const auto started = std::chrono::steady_clock::now();
    models::Run run(topology, o.seed);
    {
        cli::Progress progress(!o.quiet);
        // Slices keep the progress bar moving without a callback into the kernel.
        const sim::Duration slice = sim::Duration::nanoseconds(std::max<std::int64_t>(run.horizon().ns() / 1000, 1));
        while (!run.isFinished()) {
            run.advanceTo(run.now() + slice);
            progress.update(run.progress(), run.now().toSeconds(), run.eventsExecuted());
        }
    }
    const models::RunResults results = run.finish();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (!o.quiet)
        std::cout << cli::formatSummary(topology, results, wall)
                  << cli::formatCapacity(topology, models::checkCapacity(topology), &results, nullptr);
    if (!o.jsonPath.empty() && !writeFileAtomically(o.jsonPath, models::resultsToJson(results)))
        return ExitFailure;
    if (!writeCsv(o, results))
        return ExitFailure;
    if (!o.reportPath.empty() && !cli::writeReportFile(topology, {results}, o.reportPath, o.file))
        return ExitFailure;
    if (!results.ledger.balances()) {
        std::cerr << "asyncsim-cli: internal error: the message ledger does not balance\n";
        return ExitFailure;
    }
    return ExitOk;
}

// R independent replications in parallel threads; every metric as a mean
// with its 95% confidence interval. The time series CSV is the first
// replication's (the one a single run with the same seed gives); summary.csv
// beside it holds every metric's interval.
int runReplicated(const models::Topology &topology, const RunOptions &o)
{
    const int count = topology.simulation.replications;
    const int threads
        = std::clamp(o.threads > 0 ? o.threads : static_cast<int>(std::thread::hardware_concurrency()), 1, count);
    const auto started = std::chrono::steady_clock::now();
    std::vector<models::RunResults> runs;
    {
        cli::Progress progress(!o.quiet);
        models::ReplicationOptions options;
        options.threads = threads;
        options.progress
            = [&progress](int finished, int total) { progress.updateCount(finished, total, "replications"); };
        runs = models::runReplications(topology, count, o.seed.value_or(topology.simulation.seed), options);
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const models::ReplicationSummary summary = models::summarizeReplications(runs);

    if (!o.quiet)
        std::cout << cli::formatReplicationSummary(summary, wall, threads)
                  << cli::formatCapacity(topology, models::checkCapacity(topology), nullptr, &summary);
    if (!o.jsonPath.empty() && !writeFileAtomically(o.jsonPath, models::replicationsToJson(summary, runs)))
        return ExitFailure;
    if (!writeCsv(o, runs.front()))
        return ExitFailure;
    if (!o.csvDir.empty()
        && !writeFileAtomically(std::filesystem::path(o.csvDir) / "summary.csv", models::summaryToCsv(summary)))
        return ExitFailure;
    if (!o.reportPath.empty() && !cli::writeReportFile(topology, runs, o.reportPath, o.file))
        return ExitFailure;
    if (!summary.ledgerBalancedInEveryRun) {
        std::cerr << "asyncsim-cli: internal error: the message ledger does not balance\n";
        return ExitFailure;
    }
    return ExitOk;
}

int runCommand(const RunOptions &o)
{
    if (!o.reportPath.empty()) {
        if (const std::string problem = cli::checkReportPath(o.reportPath); !problem.empty()) {
            std::cerr << "asyncsim-cli: " << problem << "\n";
            return ExitBadInput;
        }
    }
    models::Topology topology;
    try {
        topology = models::loadTopologyFile(o.file);
    } catch (const models::TopologyError &e) {
        printProblems(e);
        return ExitBadInput;
    }
    if (!o.duration.empty()) {
        const auto d = models::parseDuration(o.duration);
        if (!d || d->ns() <= 0) {
            std::cerr << "asyncsim-cli: --duration: \"" << o.duration
                      << "\" is not a duration > 0 (write e.g. 90s, 10m, 1.5h)\n";
            return ExitBadInput;
        }
        topology.simulation.duration = *d;
        if (topology.simulation.warmup >= *d) {
            std::cerr << "asyncsim-cli: --duration: must be longer than the warm-up ("
                      << models::formatDuration(topology.simulation.warmup) << ")\n";
            return ExitBadInput;
        }
    }
    if (o.replications)
        topology.simulation.replications = *o.replications;
    if (topology.simulation.replications > 1)
        return runReplicated(topology, o);
    return runOnce(topology, o);
}

int validateCommand(const std::string &file)
{
    try {
        const models::Topology t = models::loadTopologyFile(file);
        std::cout << file << ": valid (" << t.nodes.size() << " nodes, " << t.edges.size() << " edges)\n";
        // Only warnings are left once the file loaded: it runs, perhaps not as meant.
        for (const models::Problem &p : models::checkTopology(t))
            std::cout << file << ": warning: " << p.text() << "\n";
        for (const models::Problem &p : models::checkCapacity(t).warnings)
            std::cout << file << ": warning: " << p.text() << "\n";
        return ExitOk;
    } catch (const models::TopologyError &e) {
        printProblems(e);
        return ExitBadInput;
    }
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app{"asyncsim-cli: simulate asynchronous service topologies without a display."};
    app.set_version_flag("--version", std::string("asyncsim-cli ") + ASYNCSIM_VERSION);
    app.require_subcommand(1);

    RunOptions runOptions;
    CLI::App *run = app.add_subcommand("run", "Run a topology file and report what happened.");
    run->add_option("FILE", runOptions.file, "Topology file (JSON)")->required();
    run->add_option("--duration", runOptions.duration, "Simulated time, overriding the file (e.g. 90s, 10m)");
    run->add_option("--seed", runOptions.seed, "Random seed, overriding the file");
    run->add_option("--replications", runOptions.replications,
                    "Independent replications, overriding the file; with 2 or more every metric gets a 95% "
                    "confidence interval")
        ->check(CLI::Range(1, 100000));
    run->add_option("--threads", runOptions.threads, "Threads for replications (default: one per core)")
        ->check(CLI::Range(1, 1024));
    run->add_option("--json", runOptions.jsonPath, "Write the results as JSON to this file");
    run->add_option("--csv", runOptions.csvDir,
                    "Write the time series as CSV into this folder (and, with replications, summary.csv)");
    run->add_option("--report", runOptions.reportPath,
                    "Write a self-contained report (diagram, parameters, results, ledger, capacity check, charts) "
                    "to this file: .html or .pdf");
    run->add_flag("--quiet,-q", runOptions.quiet, "Print nothing but errors");

    std::string validateFile;
    CLI::App *validate = app.add_subcommand("validate", "Check a topology file and report every problem.");
    validate->add_option("FILE", validateFile, "Topology file (JSON)")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        const int code = app.exit(e);
        return code == 0 ? ExitOk : ExitBadInput;
    }
    if (*run)
        return runCommand(runOptions);
    return validateCommand(validateFile);
}
