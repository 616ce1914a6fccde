#!/usr/bin/env bash
# Runs the benchmark topologies (mm1, mm8, tandem) through asyncsim-cli at
# 1,000,000 and 10,000,000 customers and reports wall time, model events,
# ns per model event, calendar events and peak RSS. Builds nothing.
#
# usage: run_cli_benchmarks.sh [options] [path/to/asyncsim-cli]
#   default CLI: build/app/cli/asyncsim-cli (relative to the current folder,
#                then to the repository root)
#   --customers LIST   comma-separated customer counts (default 1000000,10000000)
#   --topologies LIST  comma-separated names from this folder (default mm1,mm8,tandem)
#   --repeat N         run each case N times; report the fastest time and the
#                      largest peak RSS (default 1)
#   --keep             keep the work folder (generated topologies, results, time logs)
#
# Each case runs twice: "run FILE --quiet --json OUT" (timed; the counts come
# from OUT) and "run FILE --quiet" (peak RSS only, without the results JSON).
# Model events = customers produced + completions (and failures) at every
# service: one arrival per customer plus one completion per service visit.
# Needs python3 and GNU time (/usr/bin/time -v); installs the "time" package
# with apt-get if GNU time is missing.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

customers="1000000,10000000"
topologies="mm1,mm8,tandem"
repeat=1
keep=0
cli=""

usage() { sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --customers) customers=${2:?--customers needs a list}; shift 2 ;;
        --topologies) topologies=${2:?--topologies needs a list}; shift 2 ;;
        --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "run_cli_benchmarks.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) cli=$1; shift ;;
    esac
done

if [[ -z "$cli" ]]; then
    cli=build/app/cli/asyncsim-cli
    [[ -x "$cli" ]] || cli="$repo/build/app/cli/asyncsim-cli"
fi
if [[ ! -x "$cli" ]]; then
    echo "run_cli_benchmarks.sh: no asyncsim-cli at $cli (build it, or pass its path)" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "run_cli_benchmarks.sh: python3 is required" >&2; exit 2; }

# GNU time, for the peak RSS ("Maximum resident set size").
if ! /usr/bin/time --version 2>&1 | grep -qi gnu; then
    echo "GNU time not found: installing the \"time\" package" >&2
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get install -y time || { $sudo apt-get update && $sudo apt-get install -y time; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/asyncsim-bench.XXXXXX")
if [[ $keep -eq 1 ]]; then
    echo "work folder: $work"
else
    trap 'rm -rf "$work"' EXIT
fi
rows="$work/rows.tsv"
: > "$rows"

echo "asyncsim-cli: $cli ($("$cli" --version 2>/dev/null || echo "version unknown"))"
echo "host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

IFS=',' read -r -a topologyList <<< "$topologies"
IFS=',' read -r -a customerList <<< "$customers"

for topology in "${topologyList[@]}"; do
    source_file="$here/$topology.json"
    [[ -f "$source_file" ]] || { echo "run_cli_benchmarks.sh: no $source_file" >&2; exit 2; }
    for n in "${customerList[@]}"; do
        variant="$work/$topology-$n.json"
        # The committed files hold 1,000,000 customers; every producer gets "limit": n.
        python3 - "$source_file" "$variant" "$n" <<'PY'
import json, sys
source, target, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(source) as f:
    t = json.load(f)
for node in t["nodes"]:
    if node.get("kind") == "producer":
        node["limit"] = n
with open(target, "w") as f:
    json.dump(t, f, indent=2)
PY
        for ((r = 1; r <= repeat; ++r)); do
            echo "running $topology with $n customers (run $r of $repeat) ..." >&2
            results="$work/$topology-$n-$r.results.json"
            timelog="$work/$topology-$n-$r.time"
            bare="$work/$topology-$n-$r.bare.time"
            started=$(date +%s%N)
            if ! /usr/bin/time -v -o "$timelog" "$cli" run "$variant" --quiet --json "$results"; then
                echo "run_cli_benchmarks.sh: asyncsim-cli failed on $variant" >&2
                cat "$timelog" >&2 || true
                exit 1
            fi
            wall_ns=$(( $(date +%s%N) - started ))
            /usr/bin/time -v -o "$bare" "$cli" run "$variant" --quiet
            python3 - "$topology" "$n" "$results" "$timelog" "$wall_ns" "$bare" >> "$rows" <<'PY'
import json, re, sys
topology, n, results_path, time_path, bare_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[6]
wall = int(sys.argv[5]) * 1e-9  # measured around /usr/bin/time: finer than its 10 ms
with open(results_path) as f:
    r = json.load(f)
produced = sum(node["produced"] for node in r["nodes"] if node["kind"] == "producer")
visits = sum(node["completions"] + node.get("failures", 0) for node in r["nodes"] if node["kind"] == "service")
events = r["events"]
ledger = r["ledger"]
if produced != n or ledger["inFlight"] != 0:
    print(f"warning: {topology}: produced {produced} of {n}, {ledger['inFlight']} in flight "
          "(is the duration long enough?)", file=sys.stderr)
def field(path, label):
    text = open(path).read()
    m = re.search(re.escape(label) + r".*?:\s*([0-9:.]+)\s*$", text, re.M)
    if not m:
        sys.exit(f"cannot find '{label}' in {path}")
    return m.group(1)
cpu = float(field(time_path, "User time (seconds)")) + float(field(time_path, "System time (seconds)"))
rss_kib = int(field(time_path, "Maximum resident set size (kbytes)"))
bare_rss_kib = int(field(bare_path, "Maximum resident set size (kbytes)"))
print("\t".join(str(x) for x in (topology, n, wall, cpu, produced + visits, events, rss_kib, bare_rss_kib)))
PY
        done
    done
done

python3 - "$rows" <<'PY'
import sys

rows = {}  # insertion-ordered
for line in open(sys.argv[1]):
    topology, n, wall, cpu, model, events, rss, bare = line.rstrip("\n").split("\t")
    row = dict(wall=float(wall), cpu=float(cpu), model=int(model), events=int(events), rss=int(rss), bare=int(bare))
    best = rows.setdefault((topology, int(n)), row)
    if best is not row:  # repeated runs: fastest times, largest RSS
        for k in ("wall", "cpu"):
            best[k] = min(best[k], row[k])
        for k in ("rss", "bare"):
            best[k] = max(best[k], row[k])

header = ("topology", "customers", "wall s", "cpu s", "model events", "ns/model ev", "(cpu)",
          "calendar events", "peak RSS MiB", "(no --json)")
table = [header]
for (topology, n), r in rows.items():
    table.append((topology, f"{n:,}", f"{r['wall']:.2f}", f"{r['cpu']:.2f}", f"{r['model']:,}",
                  f"{r['wall'] * 1e9 / r['model']:.1f}", f"{r['cpu'] * 1e9 / r['model']:.1f}",
                  f"{r['events']:,}", f"{r['rss'] / 1024:.1f}", f"{r['bare'] / 1024:.1f}"))
widths = [max(len(row[i]) for row in table) for i in range(len(header))]
print()
for i, row in enumerate(table):
    print("  ".join(cell.ljust(w) if j == 0 else cell.rjust(w) for j, (cell, w) in enumerate(zip(row, widths))))
    if i == 0:
        print("  ".join("-" * w for w in widths))

print()
print("targets: <= 100 ns per model event (wall clock) for mm1, mm8 and tandem; peak RSS at the largest count "
      "within 10% of the smallest")
for topology in dict.fromkeys(t for t, _ in rows):
    counts = sorted(n for t, n in rows if t == topology)
    worst = max(rows[(topology, n)]["wall"] * 1e9 / rows[(topology, n)]["model"] for n in counts)
    # The 100 ns target is the plain stations'; "everything" is measured, not judged.
    verdict = ('ok' if worst <= 100 else 'MISSED') if topology in ("mm1", "mm8", "tandem") else "no target"
    line = f"  {topology:8} worst {worst:6.1f} ns/model event: {verdict}"
    if len(counts) > 1:
        small, large = rows[(topology, counts[0])], rows[(topology, counts[-1])]
        growth = (large["rss"] - small["rss"]) / small["rss"] * 100
        bare = (large["bare"] - small["bare"]) / small["bare"] * 100
        line += (f"; RSS {counts[-1]:,} vs {counts[0]:,}: {growth:+.1f}% {'ok' if growth <= 10 else 'MISSED'}"
                 f" (no --json: {bare:+.1f}% {'ok' if bare <= 10 else 'MISSED'})")
    print(line)
busy = [f"{t} {n:,}" for (t, n), r in rows.items() if r["wall"] > 1.2 * r["cpu"] + 0.02]
if busy:
    print(f"note: wall time exceeds cpu time by more than 20% for {', '.join(busy)}: the machine was busy "
          "(see the load average above); the (cpu) column is the better measure there")
PY
