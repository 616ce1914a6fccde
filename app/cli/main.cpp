// asyncsim-cli: runs and validates topology files without a display.

#include "Progress.h"
#include "Summary.h"

#include "models/DurationText.h"
#include "models/ResultsJson.h"
#include "models/Run.h"
#include "models/TopologyCheck.h"
#include "models/TopologyJson.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

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
    std::string jsonPath;
    std::string csvDir;
    bool quiet = false;
};

int runCommand(const RunOptions &o)
{
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
    if (topology.simulation.replications > 1 && !o.quiet)
        std::cerr << "asyncsim-cli: note: this version runs one replication; the file asks for "
                  << topology.simulation.replications << "\n";

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
        std::cout << cli::formatSummary(results, wall);
    if (!o.jsonPath.empty() && !writeFileAtomically(o.jsonPath, models::resultsToJson(results)))
        return ExitFailure;
    if (!o.csvDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(o.csvDir, ec);
        if (ec) {
            std::cerr << "asyncsim-cli: cannot create " << o.csvDir << ": " << ec.message() << "\n";
            return ExitFailure;
        }
        if (!writeFileAtomically(std::filesystem::path(o.csvDir) / "timeseries.csv", models::seriesToCsv(results)))
            return ExitFailure;
    }
    if (!results.ledger.balances()) {
        std::cerr << "asyncsim-cli: internal error: the message ledger does not balance\n";
        return ExitFailure;
    }
    return ExitOk;
}

int validateCommand(const std::string &file)
{
    try {
        const models::Topology t = models::loadTopologyFile(file);
        std::cout << file << ": valid (" << t.nodes.size() << " nodes, " << t.edges.size() << " edges)\n";
        // Only warnings are left once the file loaded: it runs, perhaps not as meant.
        for (const models::Problem &p : models::checkTopology(t))
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
    run->add_option("--json", runOptions.jsonPath, "Write the results as JSON to this file");
    run->add_option("--csv", runOptions.csvDir, "Write the time series as CSV into this folder");
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
