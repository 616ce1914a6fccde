#!/usr/bin/env bash
# Replications in parallel: runs the tandem benchmark topology (tandem.json)
# with 1,000,000 customers per replication, 20 replications, once on one
# thread and once on every core, and reports both wall times and their ratio
# (issue 6 asks for parallel ≤ 0.6 × serial on two cores). Builds nothing.
#
# usage: run_replication_benchmark.sh [--replications R] [--customers N] [path/to/asyncsim-cli]

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
replications=20
customers=1000000
cli=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --replications) replications=${2:?}; shift 2 ;;
        --customers) customers=${2:?}; shift 2 ;;
        -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run_replication_benchmark.sh: unknown option $1" >&2; exit 2 ;;
        *) cli=$1; shift ;;
    esac
done
[[ -n "$cli" ]] || cli="$repo/build/app/cli/asyncsim-cli"
[[ -x "$cli" ]] || { echo "run_replication_benchmark.sh: no asyncsim-cli at $cli" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s/\"limit\": 1000000/\"limit\": $customers/" "$here/tandem.json" > "$work/tandem.json"

seconds() { # wall seconds of one replicated run on $1 threads
    local start end
    start=$(date +%s.%N)
    "$cli" run "$work/tandem.json" --quiet --replications "$replications" --threads "$1" --json "$work/r$1.json"
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.2f}')"
}

cores=$(nproc)
serial=$(seconds 1)
parallel=$(seconds "$cores")
cmp -s "$work/r1.json" "$work/r$cores.json" || { echo "results differ between 1 and $cores threads" >&2; exit 1; }
python3 - "$serial" "$parallel" "$cores" "$replications" "$customers" <<'PY'
import sys
serial, parallel, cores, r, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
print(f"tandem, {r} replications x {n} customers")
print(f"  1 thread:   {serial:7.2f} s")
print(f"  {cores} threads:  {parallel:7.2f} s   ratio {parallel / serial:.2f} (identical results JSON)")
PY
