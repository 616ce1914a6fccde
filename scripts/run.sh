#!/usr/bin/env bash
# Installs what is missing, builds, and runs the default example headless,
# writing its results to results/ (summary on the terminal, JSON and CSV files).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
mkdir -p results
example=resources/examples/checkout.json
build/app/cli/asyncsim-cli run "$example" --json results/checkout.json --csv results/checkout
echo
echo "Results: results/checkout.json (summary, ledger, per-node statistics, time series)"
echo "         results/checkout/timeseries.csv"
