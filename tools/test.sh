#!/usr/bin/env bash
# Runs every test layer of journeygraph, in the order a change breaks them:
#   0. lint      cargo fmt --check (the crate and fuzz/), cargo clippy with
#                warnings as errors: every native target, and the library
#                for wasm32 (the boundary in src/wasm/ is compiled only there)
#   1. native    cargo test --no-fail-fast: the core's unit, property and
#                golden tests, everything in tests/*.rs, the doc examples
#   2. build     tools/build.sh: the npm package in pkg/
#   3. browser   tests/web.rs through the wasm boundary, in headless Chromium
#                (wasm-bindgen-test-runner + ChromeDriver)
#   4. package   tests/node/: the built package imported as a Node user would,
#                and the README's embed examples run (readme.test.mjs: Node
#                and Chromium)
#   5. e2e       tests/e2e/: the real app driven in Chromium (when present)
#   6. consumers tests/consumers/: the packed package installed into fresh
#                fixtures (plain page, esbuild, Vite, webpack, React 19,
#                Vue 3, Svelte 5, Node, a server-side import of every entry,
#                strict TypeScript) as an embedder would; the fixtures' npm installs
#                happen here, once, and again only when a lockfile or the
#                package's tarball changed (target/consumers/)
#   7. fuzz      fuzz/: each cargo-fuzz target (nightly) for a fixed number
#                of runs from the committed seeds in fuzz/corpus/ (new
#                inputs go to fuzz/target/fuzz-corpus/); a crash fails the
#                layer and its reproducer is kept in fuzz/artifacts/<target>/.
#                FUZZ_RUNS_SCALE=10 runs ten times as many (README, "Fuzzing")
# Every layer runs even when an earlier one failed, except those that need
# the package when the build failed. Ends with a summary; exits non-zero if
# anything failed.
#   bash tools/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -t 1 ]; then bold=$'\033[1m'; red=$'\033[31m'; green=$'\033[32m'; off=$'\033[0m'
else bold=""; red=""; green=""; off=""; fi
heading() { printf '\n%s==> %s%s\n' "$bold" "$*" "$off"; }

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Per layer: status (passed/FAILED/skipped), tests passed, failed, ignored, seconds.
layers=()
declare -A status passed failed ignored seconds

# Sums cargo's "test result:" lines of a log into the layer's counts.
count_cargo() {
  local log=$1 layer=$2
  read -r p f i < <(awk '/^test result:/ {
      for (k = 1; k <= NF; k++) {
        if ($(k+1) ~ /^passed/) p += $k
        if ($(k+1) ~ /^failed/) f += $k
        if ($(k+1) ~ /^ignored/) i += $k
      } } END { print p+0, f+0, i+0 }' "$log")
  passed[$layer]=$p; failed[$layer]=$f; ignored[$layer]=$i
}

# Reads node:test's TAP summary ("# pass N", ...) into the layer's counts.
count_node() {
  local tap=$1 layer=$2
  touch "$tap" # absent when node died before reporting
  read -r p f i < <(awk '/^# pass / {p += $3} /^# (fail|cancelled) / {f += $3}
      /^# (skipped|todo) / {i += $3} END { print p+0, f+0, i+0 }' "$tap")
  passed[$layer]=$p; failed[$layer]=$f; ignored[$layer]=$i
}

# run LAYER KIND COMMAND...: runs one layer, its output both shown and kept
# for counting; records its status without stopping the script.
run() {
  local layer=$1 kind=$2; shift 2
  local log="$logs/$layer.log" start=$SECONDS rc=0
  layers+=("$layer")
  "$@" 2>&1 | tee "$log" || rc=$?
  seconds[$layer]=$((SECONDS - start))
  case $kind in
    cargo) count_cargo "$log" "$layer" ;;
    node) count_node "$logs/$layer.tap" "$layer" ;;
    fuzz) count_fuzz "$log" "$layer" ;;
    *) passed[$layer]=""; failed[$layer]=""; ignored[$layer]="" ;;
  esac
  if [ "$rc" = 0 ]; then status[$layer]=passed; else status[$layer]=FAILED; fi
}

skip() {
  layers+=("$1"); status[$1]="skipped ($2)"
  passed[$1]=""; failed[$1]=""; ignored[$1]=""; seconds[$1]=0
  printf 'skipped: %s\n' "$2"
}

# Counts the fuzz layer's "fuzz: <target> passed|FAILED" lines.
count_fuzz() {
  local log=$1 layer=$2
  read -r p f < <(awk '/^fuzz: .* passed/ {p++} /^fuzz: .* FAILED/ {f++} END { print p+0, f+0 }' "$log")
  passed[$layer]=$p; failed[$layer]=$f; ignored[$layer]=0
}

# The fuzz targets and how many runs each gets: about 20 s each on 2
# shared cores after the first build (BENCHMARKS.md, "Fuzzing").
fuzz_targets=(import_analyze:50000 journey_domain:6000 edits:600 from_paths:20000)

# Builds every fuzz target once, then runs each from its seeds; goes on
# after a crash so every target reports.
fuzz_layer() {
  local bad=0 t n scale=${FUZZ_RUNS_SCALE:-1}
  (cd fuzz && cargo +nightly fuzz build --sanitizer none) || return 1
  for entry in "${fuzz_targets[@]}"; do
    t=${entry%%:*}; n=$((${entry##*:} * scale))
    mkdir -p "fuzz/target/fuzz-corpus/$t"
    echo "fuzz: $t, $n runs"
    touch "fuzz/target/fuzz-corpus/.$t.started"
    if (cd fuzz && cargo +nightly fuzz run --sanitizer none "$t" "target/fuzz-corpus/$t" "corpus/$t" \
        -- -runs="$n" -seed=1 -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 2>&1) \
        | grep -v '^#[0-9]*	\(NEW\|REDUCE\|pulse\)'; then
      echo "fuzz: $t passed"
    else
      bad=1
      echo "fuzz: $t FAILED; reproducer(s):"
      find "fuzz/artifacts/$t" -type f -newer "fuzz/target/fuzz-corpus/.$t.started" 2>/dev/null | sed 's|^|  |'
    fi
  done
  return $bad
}

# Formatting, then clippy natively (lib, tests, benches, examples) and for
# the wasm target; goes on after a failure so every check reports.
lint_layer() {
  local bad=0
  cargo fmt --check || bad=1
  (cd fuzz && cargo fmt --check) || bad=1
  cargo clippy --all-targets -- -D warnings || bad=1
  cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings || bad=1
  return $bad
}

# node:test with the readable spec report on screen and TAP kept for counting.
node_tests() {
  local layer=$1 dir=$2
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$logs/$layer.tap" "$dir"
}

heading "setup (tools/setup.sh --test)"
bash tools/setup.sh --test

heading "0. lint: rustfmt and clippy (warnings are errors)"
run lint plain lint_layer

heading "1. native: cargo test (unit, integration, doc tests)"
# Property tests draw from a fixed seed here, so that a red run is
# reproducible (PROPTEST_RNG_SEED=... to explore others; the fuzz layer and
# its documented long run are where new inputs are searched for).
run native cargo env PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261201}" cargo test --no-fail-fast

heading "2. build: tools/build.sh (pkg/)"
run build plain bash tools/build.sh

heading "3. browser: tests/web.rs in headless Chromium"
# wasm-bindgen-test-runner starts ChromeDriver and asks it for headless
# Chromium with --no-sandbox and --disable-dev-shm-usage itself (works as
# root, no webdriver.json needed). ChromeDriver finds /usr/bin/chromium.
run browser cargo env \
  CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
  cargo test --target wasm32-unknown-unknown --test web

heading "4. package: tests/node/ against the built pkg/"
if [ "${status[build]}" != passed ]; then
  skip package "the build failed"
else
  run package node node_tests package tests/node/
fi

heading "5. e2e: tests/e2e/ (the app in Chromium)"
if ! compgen -G 'tests/e2e/*.test.mjs' >/dev/null; then
  skip e2e "no tests/e2e/*.test.mjs yet"
elif [ "${status[build]}" != passed ]; then
  skip e2e "the build failed"
else
  run e2e node node_tests e2e tests/e2e/
fi

heading "6. consumers: tests/consumers/ (the packed package, installed)"
if [ "${status[build]}" != passed ]; then
  skip consumers "the build failed"
else
  run consumers node node_tests consumers tests/consumers/
fi

heading "7. fuzz: fuzz/ (cargo-fuzz, a fixed number of runs per target)"
if ! rustup toolchain list | grep -q '^nightly' || ! cargo fuzz --version >/dev/null 2>&1; then
  skip fuzz "no nightly toolchain or cargo-fuzz (tools/setup.sh --test installs them)"
else
  run fuzz fuzz fuzz_layer
fi

heading "summary"
total_p=0; total_f=0; total_i=0; bad=0
printf '%-9s %-40s %7s %7s %8s %6s\n' layer status passed failed ignored secs
for layer in "${layers[@]}"; do
  s=${status[$layer]}
  colour=$green; case $s in FAILED) colour=$red; bad=1 ;; skipped*) colour="" ;; esac
  printf '%-9s %s%-40s%s %7s %7s %8s %5ss\n' "$layer" "$colour" "$s" "$off" \
    "${passed[$layer]}" "${failed[$layer]}" "${ignored[$layer]}" "${seconds[$layer]}"
  total_p=$((total_p + ${passed[$layer]:-0}))
  total_f=$((total_f + ${failed[$layer]:-0}))
  total_i=$((total_i + ${ignored[$layer]:-0}))
done
# A layer can fail without a failed test (a compile error, a crash); count it.
if [ $bad = 1 ] && [ $total_f = 0 ]; then total_f=1; fi
echo
if [ $bad = 0 ]; then printf '%sall test layers passed%s\n' "$green$bold" "$off"
else printf '%ssome test layers FAILED (see above)%s\n' "$red$bold" "$off"; fi
echo "tests: $total_p passed, $total_f failed, $total_i skipped"

# The failures' own words last, where a shortened log still shows them: for
# each failed node layer, every "not ok" test with its error and location.
for layer in "${layers[@]}"; do
  [ "${status[$layer]}" = FAILED ] && [ -f "$logs/$layer.tap" ] || continue
  echo
  echo "failures in $layer:"
  awk '/^ *not ok / { on = 1; n = 0 }
       on && /^ *(ok|not ok) / && !/^ *not ok / { on = 0 }
       on && n < 40 { print; n++ }
       on && /^ *\.\.\.$/ { on = 0 }' "$logs/$layer.tap" | grep -v "^ *duration_ms" | head -120
done
exit $bad
