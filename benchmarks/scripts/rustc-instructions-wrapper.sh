#!/usr/bin/env bash
# RUSTC_WRAPPER for compare.sh (table 3c): runs the rustc invocation that compiles the crate
# named $VG_CRATE under callgrind and appends its instruction count to $VG_OUT; every other
# invocation runs as usual.
rustc=$1
shift
prev=
for arg in "$@"; do
    if [ "$prev" = "--crate-name" ] && [ "$arg" = "$VG_CRATE" ]; then
        exec valgrind --tool=callgrind --callgrind-out-file=/dev/null "$rustc" "$@" \
            2> >(tee >(awk '/Collected :/ {print $NF}' >> "$VG_OUT") >&2)
    fi
    prev=$arg
done
exec "$rustc" "$@"
