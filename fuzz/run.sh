#!/usr/bin/env bash
# Runs every fuzz target for SECONDS_PER_TARGET seconds (default 30: the CI smoke run).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain is enough with
# RUSTC_BOOTSTRAP=1, which lets cargo-fuzz pass its sanitizer flags.
# The real exports beside the project seed the import target when present; new
# inputs go to a scratch folder, so nothing derived from them is committed.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${SECONDS_PER_TARGET:-30}
export RUSTC_BOOTSTRAP=1
scratch=$(mktemp -d)
extra=()
if [ -d ../../shared/real-exports ]; then
    mkdir -p "$scratch/real"
    find ../../shared/real-exports -type f -name '*.csv' | while read -r f; do
        { printf '\000'; head -c 20000 "$f"; } > "$scratch/real/$(basename "$f" | tr ' ' '_')"
    done
    extra=("$scratch/real")
fi
for target in import config; do
    mkdir -p "$scratch/$target" artifacts/$target
    seeds=(corpus/$target)
    [ "$target" = import ] && seeds+=("${extra[@]}")
    cargo fuzz run -O "$target" "$scratch/$target" "${seeds[@]}" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
        -artifact_prefix="artifacts/$target/"
done
rm -rf "$scratch"
