#!/usr/bin/env bash
# Benchmarks: the engine natively (cargo bench), the built package and the
# <journey-map> editor in headless Chromium, on the SPEC section 6
# reference journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --test
echo "== native"; cargo bench --bench engine 2>/dev/null
bash tools/build.sh >/dev/null
echo "== wasm in Chromium"; (cd tests && node bench/wasm.mjs)
echo "== editor in Chromium"; (cd tests && node bench/editor.mjs)
echo "== payload"; node tools/payload.mjs
echo "== the app's first map in Chromium"; (cd tests && node bench/first-map.mjs)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
