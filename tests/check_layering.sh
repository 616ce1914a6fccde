#!/usr/bin/env bash
# Fails when a lower layer includes a higher one: app -> ui -> models -> sim.
set -u
root=${1:-.}
cd "$root" || exit 1
status=0
report() { echo "layering: $1"; echo "$2" | sed 's/^/  /'; status=1; }
bad=$(grep -rnE '#include *<(Q[A-Za-z]+|Qt[A-Za-z]*/)' sim models 2>/dev/null) && report "Qt in sim/ or models/" "$bad"
bad=$(grep -rnE '#include *[<"](nlohmann|fstream|iostream|cstdio)' sim 2>/dev/null) && report "JSON or I/O in sim/" "$bad"
bad=$(grep -rnE '#include *[<"](\.\./)*(ui|app)/' sim models 2>/dev/null) && report "sim/ or models/ include ui/ or app/" "$bad"
bad=$(grep -rnE '#include *[<"](\.\./)*models/' sim 2>/dev/null) && report "sim/ includes models/" "$bad"
[ $status -eq 0 ] && echo "layering: ok"
exit $status
