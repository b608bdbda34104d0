#!/usr/bin/env bash
# Whole-process figures of BENCHMARKS.md, each table from one hyperfine run:
#   1. `cargo xtask generate` against progenitor on the Citrix document (side by side);
#   2. `cargo xtask generate` on the Citrix document and synthetic ones of 64, 500 and
#      4,000 operations (process start to exit, files written);
#   3. build of the generated crates (crate only, dependencies prebuilt): ours, progenitor's
#      as generated, and progenitor's with TLS; whole `cargo build`, rustc alone (3b) and,
#      with valgrind, the instructions rustc executes (3c).
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
    # progenitor's output has no TLS (reqwest without a TLS feature): it cannot call an
    # https:// server. The same crate with reqwest's `rustls` feature is what a user needs to
    # reach the real service; it is built too, for a like-for-like comparison.
    cp -r "$work/build/citrix-progenitor" "$work/build/citrix-progenitor-tls"
    sed -i 's/^name = "citrix-progenitor"/name = "citrix-progenitor-tls"/; s/features = \["json", "query", "stream"\]/features = ["json", "query", "stream", "rustls"]/' \
        "$work/build/citrix-progenitor-tls/Cargo.toml"
    crates="citrix-cloud citrix-progenitor citrix-progenitor-tls"
    for crate in $crates; do
        (cd "$work/build/$crate" && cargo build -j "$jobs" --quiet)
    done
    # Whole `cargo build` after touching the crate root: what a developer waits for.
    hyperfine --warmup 2 --runs 15 \
        --export-markdown "$work/3-crate-build.md" \
        --prepare "touch $work/build/citrix-cloud/src/lib.rs" \
        -n "ours: citrix-cloud (dev build, crate only)" \
        "cargo build -j $jobs --quiet --manifest-path $work/build/citrix-cloud/Cargo.toml" \
        --prepare "touch $work/build/citrix-progenitor/src/lib.rs" \
        -n "progenitor: citrix-progenitor as generated (no TLS)" \
        "cargo build -j $jobs --quiet --manifest-path $work/build/citrix-progenitor/Cargo.toml" \
        --prepare "touch $work/build/citrix-progenitor-tls/src/lib.rs" \
        -n "progenitor + reqwest rustls (can call https)" \
        "cargo build -j $jobs --quiet --manifest-path $work/build/citrix-progenitor-tls/Cargo.toml"
    # The compiler alone on the crate (rustc's own total, without cargo's bookkeeping):
    # the median of 7 incremental rebuilds after a touch, and a full rebuild of the crate.
    {
        echo "| crate | rustc, incremental after touch (median of 7) [s] | rustc, whole crate [s] | lines of Rust in the crate |"
        echo "|---|---:|---:|---:|"
        for crate in $crates; do
            dir=$work/build/$crate
            total() { RUSTC_BOOTSTRAP=1 cargo rustc -j "$jobs" --quiet --manifest-path "$dir/Cargo.toml" --lib -- -Z time-passes 2>&1 | awk '/\ttotal$/ {sub(";", "", $2); print $2}' | tail -1; }
            touch "$dir/src/lib.rs"; total > /dev/null   # the flags change once: a full build
            incremental=$(for _ in 1 2 3 4 5 6 7; do touch "$dir/src/lib.rs"; total; done | sort -n | sed -n 4p)
            full=$(CARGO_INCREMENTAL=0 bash -c "touch $dir/src/lib.rs; RUSTC_BOOTSTRAP=1 cargo rustc -j $jobs --quiet --manifest-path $dir/Cargo.toml --lib -- -Z time-passes 2>&1" | awk '/\ttotal$/ {sub(";", "", $2); print $2}' | tail -1)
            lines=$(cat "$dir"/src/*.rs | wc -l)
            echo "| $crate | $incremental | $full | $lines |"
        done
    } > "$work/3b-crate-rustc.md"
    # Instructions rustc executes for a whole (non-incremental) build of each crate, under
    # callgrind: unlike time, the same on a busy machine. The wrapper changes cargo's
    # fingerprints, so the dependencies are built again first (not counted).
    if command -v valgrind > /dev/null; then
        {
            echo "| crate | rustc instructions, whole crate |"
            echo "|---|---:|"
            for crate in $crates; do
                dir=$work/build/$crate
                out=$work/3c-$crate.count
                rm -f "$out"
                touch "$dir/src/lib.rs"
                CARGO_INCREMENTAL=0 RUSTC_WRAPPER="$root/benchmarks/scripts/rustc-instructions-wrapper.sh" \
                    VG_CRATE="${crate//-/_}" VG_OUT="$out" \
                    cargo build -j "$jobs" --quiet --manifest-path "$dir/Cargo.toml" 2> /dev/null
                echo "| $crate | $(tail -1 "$out") |"
            done
        } > "$work/3c-crate-rustc-instructions.md"
    fi
fi

echo "==> tables in $work"
cat "$work"/*.md
