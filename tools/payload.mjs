// The app's payload as SPEC section 6 counts it: the wasm, JS and CSS the
// page loads (pkg/ after tools/build.sh, and www/), each gzipped (level 9).
//   node tools/payload.mjs
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});
const files = [
  join(root, "pkg/journeygraph_bg.wasm"),
  join(root, "pkg/journeygraph.js"),
  ...walk(join(root, "pkg/snippets")),
  ...walk(join(root, "pkg/element")).filter((f) => f.endsWith(".js")),
  ...["www/app.js", "www/style.css", "www/print.css", "www/index.html"].map((f) => join(root, f)),
];
const groups = { wasm: 0, js: 0, css: 0, html: 0 };
let raw = 0;
for (const f of files) {
  const bytes = readFileSync(f);
  raw += bytes.length;
  const gz = gzipSync(bytes, { level: 9 }).length;
  const kind = f.endsWith(".wasm") ? "wasm" : f.endsWith(".css") ? "css" : f.endsWith(".html") ? "html" : "js";
  groups[kind] += gz;
}
const total = groups.wasm + groups.js + groups.css;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`payload (gzip -9): wasm ${kb(groups.wasm)}, JS ${kb(groups.js)}, CSS ${kb(groups.css)}; wasm+JS+CSS ${kb(total)} (target ≤ 150 KB: ${total <= 150 * 1000 ? "met" : "not met"}); html ${kb(groups.html)}; ${files.length} files, ${kb(raw)} uncompressed`);
