#!/usr/bin/env bash
# Configures and builds asyncsim (Release) into build/. Warnings are errors
# under CI, where the compiler is known.
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DASYNCSIM_WERROR=$werror >/dev/null
cmake --build build
