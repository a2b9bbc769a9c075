// The app's payload as SPEC section 6 counts it, gzipped (level 9), after
// tools/build.sh: what loads before the first map, what loads later, and the
// whole package.
//   node tools/payload.mjs [--app DIR] [--check]
//
//   start       what the page needs before its first map is drawn: the
//               page, its stylesheets (not the print one), its module
//               scripts and every module they import statically, what app.js
//               imports at start (its dynamic imports, all made before the
//               first map: the package and the element), and the wasm.
//               The target is wasm + JS + CSS ≤ 150 KB (150,000 bytes).
//   worker      the figures worker the first map starts (engine/client.js,
//               new URL("./worker.js", import.meta.url)): its modules not
//               already loaded; it runs the module the page compiled,
//               handed over by client.js, so the wasm is not fetched again.
//   after the first map  what the element imports (afterFirstMap() in
//               www/element/lazy.js) as soon as its first map is painted:
//               not needed to draw it, loaded right after.
//   first use   each other module the element imports dynamically (import()
//               at the point of first use), with what it alone brings.
//   package     every file pkg/ ships, and its runtime part (wasm + JS).
//   app total   the package's runtime, the app's JS and its CSS: everything
//               the app could ever load.
// The module graph is tools/start-graph.mjs's (esbuild's metafile).
// --app DIR: the app's files from DIR instead of the built app (target/app),
// e.g. --app www to measure a checkout built before the app was minified.
// --check: exit 1 when the start is over its target.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startGraph, attr } from "./start-graph.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argAt = process.argv.indexOf("--app");
const app = resolve(root, argAt > 0 ? process.argv[argAt + 1] : "target/app");
const pkg = join(root, "pkg");
const TARGET = 150 * 1000;
for (const need of [join(app, "index.html"), join(pkg, "journeygraph_bg.wasm")]) {
  if (!existsSync(need)) {
    console.error(`payload: ${relative(root, need)} is missing: run bash tools/build.sh first`);
    process.exit(2);
  }
}

const gz = new Map();
const gzip = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
  return gz.get(file);
};
const kindOf = (f) => (f.endsWith(".wasm") ? "wasm" : f.endsWith(".css") ? "css" : f.endsWith(".html") ? "html" : /\.m?js$/.test(f) ? "js" : "other");
const sum = (files) => {
  const by = { wasm: 0, js: 0, css: 0, html: 0, other: 0 };
  for (const f of files) by[kindOf(f)] += gzip(f);
  return { ...by, code: by.wasm + by.js + by.css, files: files.length };
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});
// ---- What the page loads at start (tools/start-graph.mjs) ----
const { html, nodes, closure, startJs } = await startGraph({ root, app, pkg });
const styles = [...html.matchAll(/<link\b[^>]*>/g)].map(([t]) => t).filter((t) => attr(t, "rel") === "stylesheet");
const startCss = styles.filter((t) => !/^print$/.test(attr(t, "media") ?? "")).map((t) => join(app, attr(t, "href")));
const laterCss = styles.filter((t) => /^print$/.test(attr(t, "media") ?? "")).map((t) => join(app, attr(t, "href")));
const wasm = join(pkg, "journeygraph_bg.wasm");
const start = [join(app, "index.html"), ...startCss, ...startJs, wasm];

const workerJs = [...closure([join(pkg, "element", "engine", "worker.js")])].filter((f) => !startJs.has(f));

// ---- What loads on first use: each dynamic import of the element ----
const lazyEntries = [...new Set([...startJs].flatMap((f) => (f.startsWith(pkg) ? nodes.get(f)?.dynamic ?? [] : [])))];
// afterFirstMap(() => import("./x.js")) in the element's lazy.js: read from its source, where they are named.
const lazySource = readFileSync(join(root, "www", "element", "lazy.js"), "utf8");
const afterFirst = new Set([...lazySource.matchAll(/\bafterFirstMap\(\s*\(\)\s*=>\s*import\(\s*"([^"]+)"\s*\)\s*\)/g)]
  .map(([, spec]) => resolve(pkg, "element", spec)));
const lazy = lazyEntries.map((entry) => ({ entry, files: [...closure([entry])].filter((f) => !startJs.has(f)) }));
const afterFirstFiles = new Set(lazy.filter((l) => afterFirst.has(l.entry)).flatMap((l) => l.files));
if ([...afterFirst].some((f) => !lazyEntries.includes(f))) throw new Error(`payload: an afterFirstMap() import of www/element/lazy.js is not a dynamic import of the element (${[...afterFirst]})`);

// ---- The whole package ----
const shipped = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).files
  .flatMap((f) => (f.endsWith("/") ? walk(join(pkg, f)) : [join(pkg, f)]));
const runtime = shipped.filter((f) => /\.(m?js|wasm)$/.test(f));
const appFiles = [...[...startJs].filter((f) => !f.startsWith(pkg)), ...startCss, ...laterCss];
const reachedFromPkg = new Set([...startJs, ...workerJs, ...lazy.flatMap((l) => l.files)].filter((f) => f.startsWith(pkg)));
const unreached = runtime.filter((f) => /\.m?js$/.test(f) && !reachedFromPkg.has(f));

// ---- Report ----
const s = sum(start);
const over = s.code - TARGET;
console.log(`payload (gzip -9) of ${relative(root, app) || "."} and pkg/:`);
console.log(`  start (before the first map): wasm ${kib(s.wasm)}, JS ${kib(s.js)} (${startJs.size} modules), CSS ${kib(s.css)}; ` +
  `wasm+JS+CSS ${kib(s.code)} = ${(s.code / 1000).toFixed(1)} KB against the target of 150 KB: ${over <= 0 ? "met" : `NOT met, ${(over / 1000).toFixed(1)} KB over`}; html ${kib(s.html)}`);
console.log(`  worker (started by the first map, not needed to draw it): JS ${kib(sum(workerJs).js)} (${workerJs.length} modules); the wasm is the page's, handed over compiled`);
if (afterFirst.size) {
  console.log(`  after the first map (loaded once it is drawn): JS ${kib(sum([...afterFirstFiles]).js)} (${afterFirstFiles.size} modules: ` +
    `${[...afterFirst].map((f) => relative(pkg, f)).join(", ")} and what ${afterFirst.size > 1 ? "they import" : "it imports"})`);
}
for (const { entry, files } of lazy.filter((l) => !afterFirst.has(l.entry))) {
  // What the first map's afterwards already brought is not counted again.
  const own = files.filter((f) => !afterFirstFiles.has(f));
  console.log(`  first use: ${relative(pkg, entry)}: JS ${kib(sum(own).js)} (${own.length} modules)`);
}
if (laterCss.length) console.log(`  print: CSS ${kib(sum(laterCss).css)} (${laterCss.map((f) => relative(app, f)).join(", ")})`);
if (unreached.length) console.log(`  package JS not loaded by the app: ${kib(sum(unreached).js)} (${unreached.map((f) => relative(pkg, f)).join(", ")})`);
const r = sum(runtime);
console.log(`  package: runtime wasm ${kib(r.wasm)} + JS ${kib(r.js)} = ${kib(r.code)}; every shipped file ${kib(shipped.reduce((n, f) => n + gzip(f), 0))} (${shipped.length} files, types and docs included)`);
const total = sum([...runtime, ...appFiles]);
console.log(`  app total (package runtime + the app's JS and CSS): wasm ${kib(total.wasm)}, JS ${kib(total.js)}, CSS ${kib(total.css)}; wasm+JS+CSS ${kib(total.code)}`);
if (process.argv.includes("--check") && over > 0) process.exit(1);
