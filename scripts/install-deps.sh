#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages asyncsim needs to build and test, and
# only those that are missing. Uses sudo when not run as root.
set -euo pipefail

packages=(
  g++ cmake ninja-build       # compiler and build
  nlohmann-json3-dev          # topology and results files
  libpcg-cpp-dev              # random number engines
  libcli11-dev                # command-line parsing of asyncsim-cli
  libboost-math-dev           # Student-t quantiles for confidence intervals
  libgtest-dev                # unit tests
  libbenchmark-dev            # benchmarks under tests/bench
  qt6-base-dev libgl-dev      # the desktop editor (Qt Widgets; Qt's CMake files need the GL headers)
  qt6-svg-dev                 # SVG icons and canvas export
  qt6-charts-dev              # live charts during a run, and the report's charts
  qt6-qpa-plugins             # platform plugins (xcb, wayland) for the window
  fonts-dejavu-core           # a font for text drawn offscreen (GUI tests, exports)
  xvfb xauth                  # xvfb-run: screenshots and GUI checks without a display
  poppler-utils               # pdftotext/pdfinfo: the report tests read the PDF report back
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
