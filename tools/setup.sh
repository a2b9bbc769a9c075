#!/usr/bin/env bash
# Installs what journeygraph needs on a fresh machine of this kind, and does
# nothing (quickly) where it is already there.
#   tools/setup.sh          what building and serving the app needs (the Rust
#                           target, wasm-bindgen, binaryen, esbuild in tools/)
#   tools/setup.sh --test   that, plus what the tests need (Chromium, ChromeDriver, npm packages,
#                           Python's ChannelAttribution and DuckDB (in target/duckdb-venv),
#                           and for the fuzz layer the nightly toolchain and cargo-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Rust target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The lint layer of the tests (tools/test.sh "0. lint") needs rustfmt and
# clippy on the stable toolchain; a minimal rustup profile lacks them.
if [ $want_test = 1 ]; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "adding the $component component"
      rustup component add "$component"
    fi
  done
fi

# The wasm-bindgen CLI must be exactly the crate's pinned version.
wb_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
if [ -z "$wb_version" ]; then echo "Cargo.toml must pin wasm-bindgen with =" >&2; exit 1; fi
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (about 4 minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version" --locked
fi

# Debian packages: binaryen for wasm-opt; Chromium and its driver for tests.
debs=(binaryen)
[ $want_test = 1 ] && debs+=(chromium chromium-driver)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# ChannelAttribution (PyPI), the reference implementation of first-order
# Markov attribution that tests/node/paths.test.mjs compares the fitted
# journeys with. PyPI has only its source: building it takes about 5
# minutes, once. Its import needs matplotlib, which it does not declare.
# Without it (no network, no compiler) the comparison is skipped, saying so.
if [ $want_test = 1 ] && ! python3 -c "import ChannelAttribution" >/dev/null 2>&1; then
  say "installing ChannelAttribution 2.2.5 for the attribution comparison (about 5 minutes, once)"
  if ! python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
      ChannelAttribution==2.2.5 pandas==3.1.1 numpy==2.4.6 matplotlib==3.11.2; then
    say "could not install ChannelAttribution: the comparison with it will be skipped"
  fi
fi

# DuckDB (PyPI), the embedded SQL engine that tests/node/counts.test.mjs
# runs the README's counts SQL (tests/paths/counts.sql) in, in a venv of
# its own under target/ so that nothing else's Python packages change. A
# second run only asks the venv's Python for the version. Without it (no
# network) the DuckDB comparison is skipped, saying so.
duckdb_version=2.0.0
duckdb_venv=target/duckdb-venv
if [ $want_test = 1 ] && [ "$("$duckdb_venv/bin/python" -c 'import duckdb; print(duckdb.__version__)' 2>/dev/null)" != "$duckdb_version" ]; then
  say "installing duckdb $duckdb_version into $duckdb_venv for the counts SQL test"
  if ! { [ -x "$duckdb_venv/bin/python" ] || python3 -m venv "$duckdb_venv"; } \
    || ! "$duckdb_venv/bin/python" -m pip install --quiet --disable-pip-version-check "duckdb==$duckdb_version"; then
    say "could not install duckdb: the counts SQL test will be skipped"
  fi
fi

# npm packages of the build (esbuild minifies the package's and the app's
# JavaScript: tools/build.sh, tools/minify.mjs; tools/payload.mjs reads the
# module graph with it). Build-only: nothing of it ships in pkg/.
if [ ! -d tools/node_modules ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  say "installing the build's npm packages (esbuild)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

# npm packages of the test suites (playwright-core drives Debian's Chromium).
if [ $want_test = 1 ]; then
  if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    say "installing the tests' npm packages"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

# The fuzz layer (fuzz/, tools/test.sh "7. fuzz"): cargo-fuzz needs a
# nightly toolchain (the product itself stays on stable) and cargo-fuzz at
# exactly this version. Without them (no network) the layer is skipped,
# saying so.
cargo_fuzz_version=0.13.2
if [ $want_test = 1 ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain for the fuzz targets"
    rustup toolchain install nightly --profile minimal || say "could not install nightly: the fuzz layer will be skipped"
  fi
  if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$cargo_fuzz_version" ]; then
    say "installing cargo-fuzz $cargo_fuzz_version (about 2 minutes, once)"
    cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked \
      || say "could not install cargo-fuzz: the fuzz layer will be skipped"
  fi
fi
