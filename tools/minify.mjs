// Minifies the package's JavaScript in pkg/ in place, and builds the app's
// minified copy in target/app/ (tools/build.sh runs it last). esbuild, a
// build-only dependency (tools/package.json, installed by tools/setup.sh).
//
//   node tools/minify.mjs
//
// File by file, never bundled: every module stays a module of its own at
// its own path, so the package's "exports" map, deep imports such as
// journeygraph/element/engine/client.js, the element's import() of what it
// loads on first use, and the `new URL("./worker.js", import.meta.url)` and
// `new URL("journeygraph_bg.wasm", import.meta.url)` of the worker and the
// wasm all keep working unchanged. ES2022, as the sources are written. No
// output format is set, so esbuild keeps each module's import/export
// statements as they are and renames only what is local to a function or
// block: exported names and every top-level declaration keep their names
// (`Journey.name`, `JourneyMapElement.name` stay, for consoles, stack
// traces and wasm-bindgen's debug formatting) without keepNames' helper
// calls. The sources in www/ stay as they are; no source maps are shipped.
//
// target/app/ is what tools/serve.mjs serves at "/": www/ without the
// element (which the page loads from "/pkg/"), its .js and .css minified.
import { transform, build } from "esbuild";
import { readFileSync, writeFileSync, readdirSync, rmSync, mkdirSync, copyFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startGraph } from "./start-graph.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const app = join(root, "target", "app");
const www = join(root, "www");

const JS = { loader: "js", target: "es2022", minify: true, keepNames: false, legalComments: "none", charset: "utf8" };
const CSS = { loader: "css", minify: true, legalComments: "none", charset: "utf8" };

let before = 0;
let after = 0;
async function minify(from, to, options) {
  const source = readFileSync(from, "utf8");
  const { code, warnings } = await transform(source, { ...options, sourcefile: relative(root, from) });
  for (const w of warnings) console.warn(`minify: ${relative(root, from)}: ${w.text}`);
  writeFileSync(to, code);
  before += gzipSync(source, { level: 9 }).length;
  after += gzipSync(code, { level: 9 }).length;
}

// The package: every .js in pkg/ (wasm-bindgen's glue, its snippets, the element).
const modules = readdirSync(pkg, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.m?js$/.test(e.name))
  .map((e) => join(e.parentPath ?? e.path, e.name));
for (const file of modules) await minify(file, file, JS);
const pkgLine = `${modules.length} modules in pkg/, ${(before / 1024).toFixed(1)} → ${(after / 1024).toFixed(1)} KiB gzipped`;

// The app.
before = after = 0;
rmSync(app, { recursive: true, force: true });
mkdirSync(app, { recursive: true });
// Everything in www/ but the element (the page loads it from /pkg/): .js and
// .css minified, the rest (index.html) copied.
const pages = readdirSync(www, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => relative(www, join(e.parentPath ?? e.path, e.name)))
  .filter((f) => !f.startsWith(`element${sep}`))
  // collab/, share/ and rate/ are bundled below, with yjs and its providers.
  .filter((f) => !f.startsWith(`collab${sep}`) && !f.startsWith(`share${sep}`) && !f.startsWith(`rate${sep}`));
for (const f of pages) {
  const to = join(app, f);
  mkdirSync(dirname(to), { recursive: true });
  if (/\.m?js$/.test(f)) await minify(join(www, f), to, JS);
  else if (f.endsWith(".css")) await minify(join(www, f), to, CSS);
  else copyFileSync(join(www, f), to);
}
// Two bundles with yjs and its providers (from tools/node_modules):
//   share/index.js  shared journeys, on first use: yjs, y-indexeddb,
//                   y-websocket and journeygraph/collab's binding; the app
//                   imports it only after its first map;
//   rate/index.js   the participant's page (rate.html): yjs, y-websocket,
//                   the room and the document's reading, nothing of the
//                   engine (a phone computes nothing).
async function bundle(dir, what) {
  const out = join(app, dir, "index.js");
  const result = await build({
    entryPoints: [join(www, dir, "index.js")], bundle: true, format: "esm", outfile: out,
    nodePaths: [join(root, "tools", "node_modules")], target: JS.target, minify: true, legalComments: "none", charset: "utf8", write: true,
  });
  const bytes = gzipSync(readFileSync(out), { level: 9 }).length;
  console.log(`minify: ${what} (${dir}/index.js) ${(bytes / 1024).toFixed(1)} KiB gzipped${result.warnings.length ? `, ${result.warnings.length} warnings` : ""}`);
}
await bundle("share", "the shared-journey bundle, loaded on first use");
await bundle("rate", "the participant's page");
// The built page names everything it loads before its first map, so the
// browser fetches it all at once instead of one level of imports per round
// trip: the wasm (as the fetch wasm-bindgen's init() makes: same origin,
// CORS mode) and each module of the start graph (tools/start-graph.mjs).
const { html, scripts, startJs } = await startGraph({ root, app, pkg });
const href = (f) => (f.startsWith(pkg + sep) ? `./pkg/${relative(pkg, f)}` : `./${relative(app, f)}`).split(sep).join("/");
const hints = [
  `<link rel="preload" href="./pkg/journeygraph_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
  ...[...startJs].filter((f) => !scripts.includes(f)).map((f) => `<link rel="modulepreload" href="${href(f)}">`),
];
const script = html.match(/^([ \t]*)<script type="module"[^>]*><\/script>/m);
if (!script) throw new Error("minify: target/app/index.html has no module script to put the preload hints before");
writeFileSync(join(app, "index.html"), html.replace(script[0], `${hints.map((h) => script[1] + h).join("\n")}\n${script[0]}`));
console.log(`minify: target/app/index.html preloads the wasm and ${hints.length - 1} modules`);
console.log(`minify: ${pkgLine}; the app in target/app/, ${(before / 1024).toFixed(1)} → ${(after / 1024).toFixed(1)} KiB`);
