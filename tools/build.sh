#!/usr/bin/env bash
# Builds the npm package into pkg/ (ignored by git):
#   release wasm32 build -> wasm-bindgen --target web -> wasm-opt -Oz
#   -> pkg/package.json from the pkg.json template, version from Cargo.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --target wasm32-unknown-unknown --lib --quiet
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name journeygraph \
  target/wasm32-unknown-unknown/release/journeygraph.wasm
# The features rustc enables by default for wasm32, so binaryen keeps them.
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/journeygraph_bg.wasm -o pkg/journeygraph_bg.wasm
node tools/pkg-json.mjs
cp README.md pkg/README.md
echo "built pkg/ ($(du -k pkg/journeygraph_bg.wasm | cut -f1) KiB wasm)"
