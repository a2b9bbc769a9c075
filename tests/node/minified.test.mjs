// The package's and the app's JavaScript are minified by the build
// (tools/minify.mjs, issue 11), file by file: every module of the element
// in pkg/ is its source in www/element minified at the same path,
// wasm-bindgen's glue too, and the app tools/serve.mjs serves (target/app/)
// is www/ minified. Needs `bash tools/build.sh` first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync, gunzipSync } from "node:zlib";
import { get } from "node:http";
import { serve } from "../../tools/serve.mjs";
import { join, relative } from "node:path";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pkg = join(root, "pkg");
const modules = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith(".js"))
  .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)));
const read = (...parts) => readFileSync(join(...parts), "utf8");

/** Lines that are a JavaScript statement after indentation: what a minifier never writes (CSS and text in strings never look so). */
const indentedStatements = (text) => text.split("\n").filter((line) => /^\s+(?:(?:const|let|var|return|await)\s|if \(|for \(|function[\s(])/.test(line));
/** The `//` comments of a source, of three words or more. */
const lineComments = (text) => [...text.matchAll(/^\s*\/\/ (\S+ \S+ \S+.*)$/gm)].map(([, c]) => c.trim());

test("every module of the element in pkg/ is its www/element source, minified", () => {
  const built = modules(join(pkg, "element"));
  assert.deepEqual(built.sort(), modules(join(root, "www", "element")).sort(), "the same modules at the same paths");
  for (const file of built) {
    const source = read(root, "www", "element", file);
    const code = read(pkg, "element", file);
    assert.ok(code.length < source.length, `pkg/element/${file} is not smaller than its source`);
    assert.deepEqual(indentedStatements(code), [], `pkg/element/${file} keeps its indentation`);
    const kept = lineComments(source).filter((c) => code.includes(c));
    assert.deepEqual(kept, [], `pkg/element/${file} keeps its source's comments`);
  }
});

test("wasm-bindgen's glue and its snippets are minified too", () => {
  for (const file of modules(pkg).filter((f) => !f.startsWith("element"))) {
    const code = read(pkg, file);
    assert.deepEqual(indentedStatements(code), [], `pkg/${file} keeps its indentation`);
    assert.ok(!code.includes("/**"), `pkg/${file} keeps its doc comments`);
  }
  // Its exports keep their names (the classes' own names too).
  const glue = read(pkg, "journeygraph.js");
  for (const name of ["Journey", "PathsReader", "Simulator"]) assert.match(glue, new RegExp(`export class ${name}\\b`));
});

test("the package's JavaScript is at most two thirds of its sources, gzipped", () => {
  const gz = (text) => gzipSync(text, { level: 9 }).length;
  const sources = modules(join(root, "www", "element")).reduce((n, f) => n + gz(read(root, "www", "element", f)), 0);
  const built = modules(join(pkg, "element")).reduce((n, f) => n + gz(read(pkg, "element", f)), 0);
  assert.ok(built <= (2 / 3) * sources, `element: ${built} bytes gzipped against ${sources} for the sources`);
});

test("the app served (target/app/) is www/ minified: app.js and the stylesheets", () => {
  assert.ok(existsSync(join(root, "target", "app", "index.html")), "target/app/ is built");
  const app = read(root, "target", "app", "app.js");
  const source = read(root, "www", "app.js");
  assert.ok(app.length < 0.75 * source.length, "app.js");
  assert.deepEqual(indentedStatements(app), []);
  // The page is copied, with the preload hints of what its first map needs
  // (tools/minify.mjs; e2e/lazy.test.mjs checks the browser uses them).
  const page = read(root, "target", "app", "index.html");
  const hints = page.split("\n").filter((line) => /<link rel="(module)?preload"/.test(line));
  assert.equal(page.split("\n").filter((line) => !hints.includes(line)).join("\n"), read(root, "www", "index.html"), "the page itself is copied");
  assert.ok(hints.some((h) => h.includes('href="./pkg/journeygraph_bg.wasm" as="fetch"')), "the wasm is preloaded");
  assert.ok(hints.some((h) => h.includes('href="./pkg/element/journey-map.js"')), "the element's modules are preloaded");
  for (const css of ["style.css", "print.css"]) {
    const text = read(root, "target", "app", css);
    assert.ok(text.length < read(root, "www", css).length, css);
    assert.ok(!/\n\s+\S/.test(text), `${css} keeps its indentation`);
  }
});

// tools/serve.mjs sends text and wasm gzipped to a client that accepts it,
// as a host would, so a throttled benchmark fetches what SPEC section 6
// counts (tests/bench/first-map.mjs: 981.8 → 394.8 KiB by the first map).
/** The body as sent (no decoding) and its content-encoding. */
const sent = (url, headers = {}) => new Promise((done, fail) => {
  get(url, { headers }, (res) => {
    const parts = [];
    res.on("data", (d) => parts.push(d)).on("end", () => done({ body: Buffer.concat(parts), encoding: res.headers["content-encoding"] })).on("error", fail);
  }).on("error", fail);
});

test("tools/serve.mjs sends the wasm and the modules gzipped when asked, and as they are when not", async () => {
  const { server, url } = await serve({ port: 0, quiet: true });
  try {
    for (const path of ["journeygraph_bg.wasm", "element/journey-map.js"]) {
      const want = readFileSync(join(pkg, path));
      const zipped = await sent(`${url}pkg/${path}`, { "accept-encoding": "gzip, deflate, br" });
      assert.equal(zipped.encoding, "gzip", path);
      assert.ok(zipped.body.length < want.length * 0.6, `${path}: ${zipped.body.length} bytes sent for ${want.length}`);
      assert.ok(gunzipSync(zipped.body).equals(want), `${path}: the same bytes once unzipped`);
      const plain = await sent(`${url}pkg/${path}`);
      assert.equal(plain.encoding, undefined, `${path}: no encoding when none is accepted`);
      assert.ok(plain.body.equals(want), `${path}: as it is`);
    }
  } finally {
    server.closeAllConnections?.();
    await new Promise((done) => server.close(done));
  }
});
