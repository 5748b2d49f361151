#!/usr/bin/env bash
# Builds the committed seed corpora from our own fixtures and examples. Run from fuzz/.
set -euo pipefail
mkdir -p corpus/import corpus/config
for f in ../fixtures/*/*.csv ../fixtures/*/*.json ../examples/*/exports/*.csv ../examples/*/data/*.csv ../examples/*/exports/*/*.csv; do
    [ -f "$f" ] || continue
    name=$(basename "$f" | tr ' ' '_')
    # The first byte picks the extension in the import target: even → .csv, odd → .json.
    case "$f" in
        *.json) { printf '\001'; cat "$f"; } > "corpus/import/$name" ;;
        *)      { printf '\000'; head -c 20000 "$f"; } > "corpus/import/$name" ;;
    esac
done
for f in ../examples/*/roi.toml ../fixtures/*/roi.toml ../src/starter*.toml; do
    cp "$f" "corpus/config/$(echo "$f" | tr '/.' '__')"
done
