#!/usr/bin/env bash
# Whole-process figures of BENCHMARKS.md, each table from one hyperfine run:
#   1. `cargo xtask generate` against progenitor on the Citrix document (side by side);
#   2. `cargo xtask generate` on the Citrix document and synthetic ones of 64, 500 and
#      4,000 operations (process start to exit, files written);
#   3. build time of the two generated crates (crate only, dependencies prebuilt).
#
# Needs hyperfine (`apt-get install hyperfine`) and, for 1 and 3, cargo-progenitor
# (`cargo install cargo-progenitor --version 0.15.1`). Usage, from anywhere:
#   benchmarks/scripts/compare.sh [WORK_DIR]
# Markdown tables are written to WORK_DIR (default: a new temporary folder).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
target=${CARGO_TARGET_DIR:-$root/target}
jobs=${JOBS:-2}

echo "==> building the release binaries (xtask, synth) into $target"
(cd "$root" && cargo build --release --locked -j "$jobs" -p xtask -p benchmarks --bins)
xtask=$target/release/xtask
synth=$target/release/synth

echo "==> documents in $work"
spec=$root/spec/citrix-cloud-openapi.yml
# progenitor refuses OpenAPI 3.1; the upstream document uses nothing of 3.1 but the version.
sed 's/^openapi: 3\.1\.0/openapi: 3.0.3/' "$spec" > "$work/citrix-3.0.3.yml"
for resources in 16 125 1000; do
    "$synth" --resources "$resources" --out "$work/synthetic-$((resources * 4))ops.yml"
done

have_progenitor=false
if command -v cargo-progenitor > /dev/null; then have_progenitor=true; fi

if $have_progenitor; then
    echo "==> 1. generation, ours against progenitor (Citrix document)"
    hyperfine -N --warmup 3 --runs 30 \
        --prepare "rm -rf $work/gen" \
        --export-markdown "$work/1-generate-vs-progenitor.md" \
        -n "xtask generate (3.1 document + overlay)" \
        "$xtask generate --spec $spec --out $work/gen/citrix-cloud" \
        -n "xtask generate (3.0.3 document, no overlay)" \
        "$xtask generate --spec $work/citrix-3.0.3.yml --out $work/gen/citrix-ours" \
        -n "cargo-progenitor 0.15.1 (3.0.3 document)" \
        "cargo-progenitor progenitor -i $work/citrix-3.0.3.yml -o $work/gen/citrix-progenitor -n citrix-progenitor -v 0.1.0"
fi

echo "==> 2. generation by document size"
hyperfine -N --warmup 1 --runs 10 \
    --prepare "rm -rf $work/gen" \
    --export-markdown "$work/2-generate-by-size.md" \
    -n "citrix (8 operations)" "$xtask generate --spec $spec --out $work/gen/citrix-cloud" \
    -n "synthetic 64 operations" "$xtask generate --spec $work/synthetic-64ops.yml --out $work/gen/s64" \
    -n "synthetic 500 operations" "$xtask generate --spec $work/synthetic-500ops.yml --out $work/gen/s500" \
    -n "synthetic 4000 operations" "$xtask generate --spec $work/synthetic-4000ops.yml --out $work/gen/s4000"

if $have_progenitor; then
    echo "==> 3. build of the generated crates (dependencies prebuilt)"
    rm -rf "$work/build"
    "$xtask" generate --spec "$spec" --out "$work/build/citrix-cloud" > /dev/null
    cargo-progenitor progenitor -i "$work/citrix-3.0.3.yml" -o "$work/build/citrix-progenitor" \
        -n citrix-progenitor -v 0.1.0 > /dev/null
    # progenitor's crate is not a workspace of its own; make it one, as ours is.
    grep -q '^\[workspace\]' "$work/build/citrix-progenitor/Cargo.toml" \
        || printf '\n[workspace]\n' >> "$work/build/citrix-progenitor/Cargo.toml"
    for crate in citrix-cloud citrix-progenitor; do
        (cd "$work/build/$crate" && cargo build -j "$jobs" --quiet)
    done
    hyperfine --warmup 1 --runs 5 \
        --export-markdown "$work/3-crate-build.md" \
        --prepare "touch $work/build/citrix-cloud/src/lib.rs" \
        -n "ours: citrix-cloud (dev build, crate only)" \
        "cargo build -j $jobs --quiet --manifest-path $work/build/citrix-cloud/Cargo.toml" \
        --prepare "touch $work/build/citrix-progenitor/src/lib.rs" \
        -n "progenitor: citrix-progenitor (dev build, crate only)" \
        "cargo build -j $jobs --quiet --manifest-path $work/build/citrix-progenitor/Cargo.toml"
fi

echo "==> tables in $work"
cat "$work"/*.md
