#!/usr/bin/env bash
# Instructions per request of the generated client and of plain reqwest (BENCHMARKS.md,
# section 6): each client makes SMALL and then LARGE calls under callgrind; the difference
# divided by LARGE - SMALL is the cost of one request, start-up and warm-up cancelled out.
# Counts include the loopback server's thread (the same work for both) and no kernel time.
#
# Needs valgrind. Usage: benchmarks/scripts/client-instructions.sh [SMALL LARGE]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
small=${1:-100}
large=${2:-600}
target=${CARGO_TARGET_DIR:-$root/target}
(cd "$root" && cargo build --release --locked --quiet -p benchmarks --bin client-calls)

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$target/release/client-calls" --client "$1" --calls "$2" 2>&1 |
        awk '/Collected :/ {print $NF}'
}

echo "| client | instructions per request | calls counted |"
echo "|---|---:|---:|"
declare -A per_request
for client in plain generated; do
    a=$(count "$client" "$small")
    b=$(count "$client" "$large")
    per_request[$client]=$(( (b - a) / (large - small) ))
    echo "| $client | ${per_request[$client]} | $((large - small)) |"
done
awk -v g="${per_request[generated]}" -v p="${per_request[plain]}" \
    'BEGIN { printf "\ngenerated / plain: %.3f (%+.1f %%)\n", g / p, (g / p - 1) * 100 }'
