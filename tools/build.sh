#!/usr/bin/env bash
# Builds the npm package into pkg/ (ignored by git):
#   release wasm32 build -> wasm-opt -Oz -> wasm-bindgen --target web
#   -> the <journey-map> element and its types (www/element) beside it
#   -> tools/pkg-patch.mjs: one shared init(), no `any` in the types
#   -> pkg/package.json from the pkg.json template, version from Cargo.toml,
#      checked against what is in pkg/ (tools/pkg-json.mjs).
#   -> tools/minify.mjs: pkg/'s JavaScript minified in place (esbuild, file
#      by file: the module structure stays); the app (www/ without the
#      element) minified into target/app/, which tools/serve.mjs serves.
# esbuild comes from tools/node_modules (tools/setup.sh installs it).
#
# wasm-opt runs before wasm-bindgen, not after: Debian's binaryen (108)
# rewrites a module with two tables so that wasm-bindgen's externref table
# export points at the function table, and the package then fails to load
# ("WebAssembly.Table.grow(): failed to grow table"). On the raw module it
# is safe, and wasm-bindgen keeps what it optimised.
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
if [ ! -f tools/node_modules/esbuild/package.json ]; then
  echo "tools/build.sh needs esbuild in tools/node_modules: run bash tools/setup.sh first" >&2
  exit 1
fi
cargo build --release --target wasm32-unknown-unknown --lib --quiet
raw="$target_dir/wasm32-unknown-unknown/release/journeygraph.wasm"
opt="$target_dir/wasm32-unknown-unknown/release/journeygraph.opt.wasm"
# The features rustc enables by default for wasm32, and SIMD (.cargo/config.toml), so binaryen keeps them.
wasm-opt -Oz --strip-debug --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
  "$raw" -o "$opt"
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name journeygraph "$opt"
# The <journey-map> element ships in the package beside the module it
# imports, with its hand-written types and custom-elements manifest.
cp -r www/element pkg/element
# journeygraph/collab: binds the element or a Journey to a Y.Doc; yjs is
# its peer dependency (imported, never bundled, so the app's Y.Doc and the
# binding share one yjs).
cp -r www/collab pkg/collab
# journeygraph/mermaid: Mermaid journey diagrams in and out, plain JavaScript
# (no wasm), so the element loads it only when a Mermaid file is used.
cp -r www/mermaid pkg/mermaid
node tools/pkg-patch.mjs
node tools/pkg-json.mjs
cp README.md pkg/README.md
# Minified file by file (esbuild, tools/node_modules): pkg/'s JavaScript in
# place, and the app's copy that tools/serve.mjs serves, in target/app/.
node tools/minify.mjs
echo "built pkg/: $(du -k pkg/journeygraph_bg.wasm | cut -f1) KiB wasm, $(gzip -9c pkg/journeygraph_bg.wasm | wc -c) bytes gzipped"
