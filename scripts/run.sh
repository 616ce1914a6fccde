#!/usr/bin/env bash
# Installs what is missing, builds, and opens the editor on a copy of the
# default example. With no display it runs that example headless instead,
# writing its results to results/ (summary on the terminal, JSON and CSV).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
example=resources/examples/checkout.json
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${CI:-}" != "true" ]; then
  exec build/app/gui/asyncsim --example "$(basename "$example")"
fi
echo "No display: running $example headless."
mkdir -p results
build/app/cli/asyncsim-cli run "$example" --json results/checkout.json --csv results/checkout
echo
echo "Results: results/checkout.json (summary, ledger, per-node statistics, time series)"
echo "         results/checkout/timeseries.csv"
