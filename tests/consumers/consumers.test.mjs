// The packed package (`npm pack` of pkg/) installed into fresh consumer
// fixtures exactly as an embedder would, then used: a plain
// <script type="module"> page, an esbuild bundle, a Vite build, a webpack 5
// bundle, a Node script and a strict TypeScript check; React 19, Vue 3 and
// Svelte 5 apps (Vite), each also rendered on the server; and every entry
// point imported in Node with no DOM. Each page must draw the map in
// Chromium with no console error, fire the documented events and survive a
// mount/unmount loop without growing memory; the custom-elements manifest
// must describe the element that really runs.
//   bash tools/build.sh && node --test tests/consumers/
// The Vite and webpack pages also run the element's figures worker (checkWorker).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { launch, openPage } from "../e2e/browser.mjs";
import { prepare, PKG } from "./prepare.mjs";
import { serveDir } from "./server.mjs";
import { heavyLoop } from "../node/heavy-loop.mjs";

const run = promisify(execFile);
const sample = JSON.parse(readFileSync(new URL("../../src/format/sample.json", import.meta.url), "utf8"));
/**
 * Mount/unmount cycles measured after WARM_UP cycles: the full loop on the
 * plain page, a shorter one on the bundled pages (the same element code;
 * a cycle costs about 0.1 s of rendering).
 */
const CYCLES = 200;
const BUNDLED_CYCLES = 50;
const WARM_UP = 20;

let fx;
let browser;
before(async () => {
  const start = Date.now();
  fx = await prepare();
  console.log(`prepared the fixtures in ${((Date.now() - start) / 1000).toFixed(1)} s: ${fx.log.join("; ")}`);
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Runs `node args…` in a fixture; resolves to stdout. */
async function node(fixture, args) {
  try {
    const { stdout } = await run(process.execPath, args, { cwd: fx.work[fixture], maxBuffer: 64 << 20 });
    return stdout;
  } catch (error) {
    throw new Error(`node ${args.join(" ")} failed in the ${fixture} fixture:\n${error.stdout}${error.stderr}`);
  }
}

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join("/"))
    .sort();
const sha = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

// ---- In the page (these functions run in Chromium) ----

/** Waits for the fixture's app and its map; returns what is shown. */
async function shown(page, tag) {
  await page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 30000 });
  await page.waitForSelector(`${tag}[data-state=ready] svg.jg-map g.jg-card`, { timeout: 30000 });
  return page.evaluate((tag) => {
    const root = document.querySelector(tag).shadowRoot;
    return {
      cards: root.querySelectorAll("svg.jg-map g.jg-card").length,
      title: root.querySelector("[part=title]").textContent,
      success: document.querySelector("#success").value,
    };
  }, tag);
}

/** Sets JSON, edits, undoes, sets bad JSON, makes a refused edit; returns the events heard on document. */
function exerciseEvents(tag) {
  const { JourneyChangeEvent, JourneyErrorEvent } = window.consumer;
  const el = document.querySelector(tag);
  const heard = [];
  const onChange = (e) => heard.push({
    type: e.type, reason: e.detail.reason, edit: e.detail.edit, title: JSON.parse(e.detail.json).title,
    typed: e instanceof JourneyChangeEvent, bubbles: e.bubbles, composed: e.composed, fromElement: e.target === el,
  });
  const onError = (e) => heard.push({
    type: e.type, code: e.detail.error.code, path: e.detail.error.path, isError: e.detail.error instanceof Error,
    message: e.detail.error.message, action: e.detail.action,
    typed: e instanceof JourneyErrorEvent, bubbles: e.bubbles, composed: e.composed, fromElement: e.target === el,
  });
  document.addEventListener("journey-change", onChange);
  document.addEventListener("journey-error", onError);
  const tick = () => new Promise((done) => setTimeout(done, 0));
  const tiny = {
    format: "journeygraph", version: 1, title: "Tiny",
    stages: [{ id: "s", name: "Stage" }],
    touchpoints: [{ id: "a", name: "Ad", stage: "s", entry: 1 }, { id: "b", name: "Buy", stage: "s", goal: true }],
    transitions: [{ from: "a", to: "b" }],
  };
  return (async () => {
    const steps = {};
    el.journey = JSON.stringify(tiny);
    await tick();
    steps.cardsAfterLoad = el.shadowRoot.querySelectorAll("svg.jg-map g.jg-card").length;
    steps.applied = el.edit({ op: "setTitle", title: "Edited" });
    steps.undone = el.undo();
    el.journey = "{ not json";
    await tick();
    steps.refused = el.edit({ op: "removeTouchpoint", id: "no-such-touchpoint" });
    steps.titleAfter = el.journey.title;
    el.readonly = true;
    steps.readonlyEdit = el.edit({ op: "setTitle", title: "Not allowed" });
    steps.readonlyButtons = [...el.shadowRoot.querySelectorAll("[data-action=add-stage], [data-action=undo]")].every((b) => b.hidden);
    el.readonly = false;
    document.removeEventListener("journey-change", onChange);
    document.removeEventListener("journey-error", onError);
    return { heard, steps };
  })();
}

/** Mounts and unmounts `cycles` elements showing the sample (JSON, so each owns and frees its Journey). */
async function mountLoop({ tag, cycles }) {
  const text = JSON.stringify(window.consumer.sample ??= (() => {
    const j = window.consumer.Journey.sample();
    const file = j.toObject();
    j.free();
    return file;
  })());
  const host = document.createElement("div");
  document.body.append(host);
  const tick = () => new Promise((done) => setTimeout(done, 0));
  let drawn = 0;
  for (let i = 0; i < cycles; i++) {
    const el = document.createElement(tag);
    el.journey = text;
    host.append(el);
    await tick();
    if (el.shadowRoot.querySelector("svg.jg-map g.jg-card")) drawn += 1;
    el.remove();
    await tick(); // the element frees its Journey in a microtask after removal
  }
  host.remove();
  return { drawn, wasmBytes: window.consumer.wasmBytes() };
}

/** The negative control: `count` Journeys parsed and never freed. */
function leak({ count }) {
  const text = JSON.stringify(window.consumer.sample);
  window.consumer.leaked = [];
  for (let i = 0; i < count; i++) window.consumer.leaked.push(window.consumer.Journey.fromJSON(text));
  return window.consumer.wasmBytes();
}

/** The JS heap after a full garbage collection, in bytes. */
async function heapAfterGc(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

/** Everything a browser fixture must do; `url` serves its built page. */
async function checkPage(t, url, tag, { cycles = CYCLES } = {}) {
  const { page, problems } = await openPage(browser);
  try {
    await page.goto(url);

    await t.test("draws the sample map", async () => {
      const s = await shown(page, tag);
      assert.equal(s.title, sample.title);
      assert.equal(s.cards, sample.touchpoints.length, "one card per touchpoint");
      assert.match(s.success, /^\d+\.\d%$/, "the page's own figure from the API");
    });

    await t.test("fires journey-change and journey-error with the documented details", async () => {
      const { heard, steps } = await page.evaluate(exerciseEvents, tag);
      assert.equal(steps.cardsAfterLoad, 2, "the JSON journey is drawn");
      assert.equal(steps.applied, true);
      assert.equal(steps.undone, true);
      assert.equal(steps.refused, false, "a refused edit returns false");
      assert.equal(steps.titleAfter, "Tiny", "bad JSON and a refused edit leave the journey as it was");
      assert.equal(steps.readonlyEdit, false, "readonly refuses edits");
      assert.equal(steps.readonlyButtons, true, "readonly hides the editing buttons");
      const kinds = heard.map((e) => `${e.type}:${e.reason ?? e.code}`);
      assert.deepEqual(kinds, ["journey-change:load", "journey-change:edit", "journey-change:undo", "journey-error:parse", "journey-error:unknown_touchpoint"]);
      const [load, edit, undo, bad, refused] = heard;
      assert.equal(load.title, "Tiny");
      assert.equal(load.edit, null);
      assert.deepEqual(edit.edit, { op: "setTitle", title: "Edited" });
      assert.equal(edit.title, "Edited", "detail.json is the journey after the edit");
      assert.equal(undo.title, "Tiny");
      for (const e of heard) {
        assert.ok(e.typed && e.bubbles && e.composed && e.fromElement, `${e.type} is a typed, bubbling, composed event from the element`);
      }
      for (const e of [bad, refused]) {
        assert.ok(e.isError, "detail.error is an Error");
        assert.equal(typeof e.path, "string");
        assert.ok(e.message.length > 0 && e.action.length > 0);
      }
    });

    await t.test(`a mount/unmount loop (${cycles} elements) does not grow memory`, async () => {
      const cdp = await page.context().newCDPSession(page);
      const warm = await page.evaluate(mountLoop, { tag, cycles: WARM_UP });
      const heapBefore = await heapAfterGc(cdp);
      const loop = await page.evaluate(mountLoop, { tag, cycles });
      const heapAfter = await heapAfterGc(cdp);
      const leaked = await page.evaluate(leak, { count: cycles });
      const wasmGrowth = loop.wasmBytes - warm.wasmBytes;
      const leakGrowth = leaked - loop.wasmBytes;
      const heapGrowth = heapAfter - heapBefore;
      t.diagnostic(`wasm memory ${warm.wasmBytes} → ${loop.wasmBytes} B over ${cycles} cycles; ` +
        `${cycles} unfreed Journeys grow it by ${leakGrowth} B; JS heap ${heapBefore} → ${heapAfter} B`);
      assert.equal(loop.drawn, cycles, "every mounted element drew its map");
      // The control proves the measure can see a leak of one Journey per cycle.
      assert.ok(leakGrowth > 4 * 65536, `the control leak is visible (${leakGrowth} B)`);
      assert.ok(wasmGrowth <= 65536, `wasm memory grew by ${wasmGrowth} B (at most one 64 KiB page allowed)`);
      assert.ok(heapGrowth < 2 * 1024 * 1024, `JS heap grew by ${heapGrowth} B after GC`);
      await cdp.detach();
    });

    assert.deepEqual(problems, [], "no console error, page error or failed request");
  } finally {
    await page.close();
  }
}

/**
 * A journey whose simulation takes about 12 million moments goes to the
 * element's worker (element/engine/worker.js, which the bundler must have
 * emitted with the wasm it loads); the figures bar must end "done" (a full
 * run), not "cut" (the budgeted run on the page, when no worker starts).
 */
async function checkWorker(url, tag) {
  const { page, problems } = await openPage(browser);
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    await page.evaluate(([json, tag]) => { document.querySelector(tag).journey = json; }, [heavyLoop(200, 1000, 1_000_000), tag]);
    const state = await page.waitForFunction((tag) => {
      const s = document.querySelector(tag).shadowRoot.querySelector(".jg-figures").dataset.simulation;
      return s !== "pending" && s;
    }, tag, { timeout: 60000 });
    assert.equal(await state.jsonValue(), "done", "the worker simulated every customer");
    assert.deepEqual(problems, [], "no console error, page error or failed request");
  } finally {
    await page.close();
  }
}

// ---- The tests ----

test("the tarball ships exactly the built package", () => {
  assert.deepEqual(fx.tarball.files, filesUnder(PKG), "npm pack packs every file of pkg/ and nothing else");
  const manifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  for (const entry of [".", "./define", "./element", "./events", "./react"]) {
    assert.deepEqual(Object.keys(manifest.exports[entry]), ["types", "default"], `${entry}: types first`);
  }
  assert.deepEqual(manifest.sideEffects, ["./element/define.js"]);
  for (const [fixture, dir] of Object.entries(fx.work)) {
    const installed = join(dir, "node_modules", "journeygraph");
    assert.equal(sha(join(installed, "journeygraph_bg.wasm")), sha(join(PKG, "journeygraph_bg.wasm")), `${fixture} has the package just built`);
    assert.equal(sha(join(installed, "journeygraph.js")), sha(join(PKG, "journeygraph.js")));
  }
});

test("a plain <script type=module> page", { timeout: 180000 }, async (t) => {
  const server = await serveDir(fx.work.plain);
  try {
    await checkPage(t, server.url, "journey-map");

    await t.test("custom-elements.json describes the element that runs", async () => {
      await checkManifest(server.url);
    });
  } finally {
    await server.close();
  }
});

test("an esbuild bundle (own tag via define())", { timeout: 180000 }, async (t) => {
  await node("esbuild", ["build.mjs"]);
  const server = await serveDir(join(fx.work.esbuild, "dist"));
  try {
    await checkPage(t, server.url, "jg-map", { cycles: BUNDLED_CYCLES });
    await t.test("only the app's own tag is registered", async () => {
      const { page, problems } = await openPage(browser);
      await page.goto(server.url);
      await page.waitForFunction(() => document.body.dataset.ready === "true");
      assert.deepEqual(await page.evaluate(() => window.consumer.registered), { "journey-map": false, "jg-map": true });
      assert.deepEqual(problems, []);
      await page.close();
    });
  } finally {
    await server.close();
  }
  await t.test("sideEffects: esbuild keeps journeygraph/define and drops unused entries", async () => {
    assertSideEffects(JSON.parse(await node("esbuild", ["side-effects.mjs"])));
  });
});

test("a Vite build", { timeout: 180000 }, async (t) => {
  await node("vite", ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"]);
  const assets = readdirSync(join(fx.work.vite, "dist", "assets"));
  assert.ok(assets.some((f) => /^journeygraph_bg-.*\.wasm$/.test(f)), `Vite emitted the wasm as an asset: ${assets}`);
  const server = await serveDir(join(fx.work.vite, "dist"));
  try {
    await checkPage(t, server.url, "journey-map", { cycles: BUNDLED_CYCLES });
    await t.test("the bundle carries the figures worker: an expensive simulation runs in full off the page", async () => {
      await checkWorker(server.url, "journey-map");
    });
  } finally {
    await server.close();
  }
  await t.test("sideEffects: Vite keeps journeygraph/define and drops unused entries", async () => {
    assertSideEffects(JSON.parse(await node("vite", ["side-effects.mjs"])));
  });
});

/** `r`: what a fixture's side-effects.mjs found in three tiny bundles. */
test("a webpack 5 bundle", { timeout: 180000 }, async (t) => {
  await node("webpack", ["build.mjs"]);
  const dist = readdirSync(join(fx.work.webpack, "dist"));
  assert.ok(dist.some((f) => f.endsWith(".wasm")), `webpack emitted the wasm as an asset: ${dist}`);
  const server = await serveDir(join(fx.work.webpack, "dist"));
  try {
    await checkPage(t, server.url, "journey-map", { cycles: BUNDLED_CYCLES });
    await t.test("the bundle carries the figures worker: an expensive simulation runs in full off the page", async () => {
      await checkWorker(server.url, "journey-map");
    });
  } finally {
    await server.close();
  }
  await t.test("sideEffects: webpack keeps journeygraph/define and drops unused entries", async () => {
    assertSideEffects(JSON.parse(await node("webpack", ["side-effects.mjs"])));
  });
});

function assertSideEffects(r) {
  assert.ok(r.define.defines, "a bare import of journeygraph/define registers the element");
  // Nothing but the bundler's own wrapper (webpack: an empty bootstrap).
  assert.ok(r.unused.bytes < 200 && !r.unused.element, `bare imports of the other entries leave nothing (${r.unused.bytes} B)`);
  assert.ok(!r.apiOnly.element && !r.apiOnly.defines, "the API alone brings no element code");
}

test("a Node script with initSync", { timeout: 60000 }, async () => {
  const out = JSON.parse(await node("node", ["main.mjs"]));
  assert.equal(out.title, sample.title);
  assert.equal(out.touchpoints, sample.touchpoints.length);
  assert.equal(out.perTouchpoint, sample.touchpoints.length);
  assert.ok(out.success > 0 && out.success < 1 && out.dropout > 0 && out.dropout < 1);
  assert.ok(out.remembered.halfWidth > 0 && Math.abs(out.remembered.mean) <= 1);
  assert.equal(out.simulationAgain, true, "same seed, same numbers");
  assert.ok(out.best.successGain > 0);
  assert.equal(out.removalEffects, sample.touchpoints.length);
  assert.deepEqual(out.comparisonKeys, ["baseline", "delta", "name", "scenario", "scenarioId", "touchpoints"]);
  assert.deepEqual(out.diagnostics, []);
  assert.equal(out.roundTrip, true);
  assert.deepEqual({ ...out.refused, message: undefined }, { isError: true, code: "parse", path: "", message: undefined });
  assert.equal(out.sameInstance, true, "init() after initSync reuses the instance");

  const concurrent = JSON.parse(await node("node", ["concurrent.mjs"]));
  assert.deepEqual(concurrent, { same: true, title: sample.title }, "two init() calls at once share one instance");
});

test("strict TypeScript (bundler and nodenext resolution; the default lib of ES2020 and ES2022)", { timeout: 120000 }, async () => {
  for (const project of ["tsconfig.json", "tsconfig.nodenext.json", "tsconfig.es2020.json", "tsconfig.es2022.json"]) {
    try {
      await node("ts", ["node_modules/typescript/bin/tsc", "-p", project, "--noEmit", "--strict"]);
    } catch (error) {
      assert.fail(`tsc -p ${project} reported errors:\n${error.message}`);
    }
  }
});

// ---- Frameworks: React 19, Vue 3, Svelte 5 (each with Vite), and the server ----

/**
 * The framework's own wiring of <journey-map>: its listener hears the
 * element's events (#changes, #last-error are the framework's state), and
 * its `readonly` binding reaches the element's property.
 */
async function checkFramework(url, framework) {
  const { page, problems } = await openPage(browser);
  try {
    await page.goto(url);
    await shown(page, "journey-map");
    const text = (sel) => page.evaluate((sel) => document.querySelector(sel).textContent, sel);
    const before = Number(await text("#changes"));
    const applied = await page.evaluate(() => document.querySelector("journey-map").edit({ op: "setTitle", title: "Edited" }));
    assert.equal(applied, true);
    await page.waitForFunction((n) => Number(document.querySelector("#changes").textContent) === n + 1, before, { timeout: 5000 })
      .catch(() => assert.fail(`${framework}'s journey-change listener did not hear the edit (#changes stayed ${before})`));
    await page.evaluate(() => document.querySelector("journey-map").edit({ op: "removeTouchpoint", id: "no-such-touchpoint" }));
    await page.waitForFunction(() => document.querySelector("#last-error").textContent === "unknown_touchpoint", null, { timeout: 5000 })
      .catch(() => assert.fail(`${framework}'s journey-error listener did not hear the refused edit`));
    const readonly = () => page.evaluate(() => {
      const el = document.querySelector("journey-map");
      const hidden = [...el.shadowRoot.querySelectorAll("[data-action=add-stage], [data-action=undo]")].every((b) => b.hidden);
      return { property: el.readonly, hidden };
    });
    assert.deepEqual(await readonly(), { property: false, hidden: false });
    await page.click("#readonly");
    await page.waitForFunction(() => document.querySelector("journey-map").readonly === true, null, { timeout: 5000 })
      .catch(() => assert.fail(`${framework}'s readonly binding did not reach the element`));
    assert.deepEqual(await readonly(), { property: true, hidden: true }, `${framework} set readonly: the editing buttons hide`);
    await page.click("#readonly");
    await page.waitForFunction(() => document.querySelector("journey-map").readonly === false, null, { timeout: 5000 });
    assert.deepEqual(problems, [], "no console error, page error or failed request");
  } finally {
    await page.close();
  }
}

/** Builds the fixture's server entry (vite build --ssr) and renders its App in Node (ssr.mjs). */
async function checkServerRender(fixture) {
  await node(fixture, ["node_modules/vite/bin/vite.js", "build", "--ssr", `src/server.${fixture === "react" ? "tsx" : "js"}`,
    "--outDir", "dist-server", "--logLevel", "warn"]);
  const bundle = readFileSync(join(fx.work[fixture], "dist-server", "server.js"), "utf8");
  assert.ok(/^import (?:[^"'\n]* from )?["']journeygraph\/define["'];?$/m.test(bundle),
    "the server bundle leaves journeygraph/define to Node (an external import), so Node itself imports it");
  const { dom, html } = JSON.parse(await node(fixture, ["ssr.mjs"]));
  assert.deepEqual(dom, [], "no DOM on the server");
  const tag = /<journey-map\b(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(html)?.[0]; // a quoted value may hold ">"
  assert.ok(tag, `the HTML has a <journey-map> tag: ${html.slice(0, 300)}`);
  assert.match(tag, /\breadonly(=""|\b)/, "readonly rendered as an attribute");
  assert.ok(!html.includes("Server <rendered>"), "the journey's text is escaped in the HTML");
}

for (const [fixture, name] of [["react", "React 19"], ["vue", "Vue 3"], ["svelte", "Svelte 5"]]) {
  test(`${name} with Vite`, { timeout: 240000 }, async (t) => {
    if (fixture === "react") {
      await t.test("the TSX type-checks with tsc --strict (journeygraph/react's JSX types)", async () => {
        await node("react", ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"]);
      });
    }
    await node(fixture, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"]);
    const assets = readdirSync(join(fx.work[fixture], "dist", "assets"));
    assert.ok(assets.some((f) => /^journeygraph_bg-.*\.wasm$/.test(f)), `Vite emitted the wasm as an asset: ${assets}`);
    const server = await serveDir(join(fx.work[fixture], "dist"));
    try {
      await checkPage(t, server.url, "journey-map", { cycles: BUNDLED_CYCLES });
      await t.test(`${name} sets the element's properties and hears its events`, async () => {
        await checkFramework(server.url, name);
      });
    } finally {
      await server.close();
    }
    await t.test(`server-side rendering: ${name} renders <journey-map> to HTML in Node`, async () => {
      await checkServerRender(fixture);
    });
  });
}

test("a server-side import: every entry point in Node, with no DOM", { timeout: 60000 }, async (t) => {
  const manifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  const jsEntries = Object.entries(manifest.exports).filter(([, v]) => typeof v === "object" && v.default.endsWith(".js")).map(([k]) => k);
  assert.deepEqual(jsEntries, [".", "./define", "./element", "./events", "./react", "./collab", "./mermaid"]);
  for (const [label, args] of [["Node", ["main.mjs"]], ["a runtime without Event, EventTarget or CustomEvent", ["--import", "./bare-runtime.mjs", "main.mjs"]]]) {
    await t.test(label, async () => {
      const out = JSON.parse(await node("server", args));
      assert.deepEqual(out.dom, [], "no DOM globals, and no shim");
      assert.equal(out.specifiers.length, jsEntries.length, "every JavaScript entry of exports");
      for (const [specifier, exports] of Object.entries(out.entries)) {
        assert.ok(Array.isArray(exports), `import "${specifier}" threw ${exports.error}`);
      }
      assert.deepEqual(out.entries["journeygraph/element"], ["JourneyMapElement", "OPPORTUNITY_DELTA", "SIMULATED_CUSTOMERS", "define"]);
      assert.deepEqual(out.entries["journeygraph/define"], ["JourneyMap", "define"]);
      assert.deepEqual(out.entries["journeygraph/events"], ["JourneyChangeEvent", "JourneyErrorEvent"]);
      assert.deepEqual(out.entries["journeygraph/react"], [], "types only");
      // journeygraph/collab with yjs, its peer dependency, installed beside it.
      assert.deepEqual(out.entries["journeygraph/collab"], ["FACES", "JourneyBinding", "admissible", "bindJourney", "faceEmotion", "isEmpty", "openRoom", "readDoc", "seedDoc", "writeFile"]);
      assert.deepEqual(out.entries["journeygraph/mermaid"], ["MERMAID_ERROR", "decodeEntities", "fromMermaid", "parseMermaid", "toMermaid"]);
      assert.deepEqual(out.defined, { isElementClass: true, defineEntry: true, observedAttributes: ["readonly", "theme", "mode"] },
        "define() registers nothing and returns JourneyMapElement");
      if (args.length === 1) {
        assert.deepEqual(out.events, { type: "journey-change", reason: "load", bubbles: true, composed: true, isCustomEvent: true });
      } else {
        assert.equal(out.events, null, "the preload removed CustomEvent");
      }
    });
  }
});

// ---- custom-elements.json against the live element ----

/** Exercises the element in every state that draws parts, and compares with the manifest. */
async function checkManifest(base) {
  const { page, problems } = await openPage(browser);
  try {
    await page.goto(base);
    await shown(page, "journey-map");
    const manifest = await (await fetch(new URL("node_modules/journeygraph/custom-elements.json", base))).json();
    const entry = manifest.modules.find((m) => m.path === "element/journey-map.js");
    const decl = entry.declarations.find((d) => d.customElement);
    assert.equal(decl.tagName, "journey-map");

    const live = await page.evaluate(async () => {
      const mod = await import("./node_modules/journeygraph/element/journey-map.js");
      const events = await import("./node_modules/journeygraph/element/events.js");
      const define = await import("./node_modules/journeygraph/element/define.js");
      const cls = mod.JourneyMapElement;
      const hooks = new Set(["constructor", "connectedCallback", "disconnectedCallback", "attributeChangedCallback", "adoptedCallback"]);
      return {
        attributes: [...cls.observedAttributes].sort(),
        members: Object.getOwnPropertyNames(cls.prototype).filter((n) => !hooks.has(n)).sort(),
        registered: customElements.get("journey-map")?.prototype instanceof cls,
        exports: { "element/journey-map.js": Object.keys(mod).sort(), "element/events.js": Object.keys(events).sort(), "element/define.js": Object.keys(define).sort() },
      };
    });
    assert.deepEqual(decl.attributes.map((a) => a.name).sort(), live.attributes, "attributes = observedAttributes");
    assert.deepEqual(decl.members.map((m) => m.name).sort(), live.members, "members = the class's public prototype members");
    assert.ok(live.registered, "journeygraph/define registers journey-map");
    assert.deepEqual(decl.events.map((e) => e.name).sort(), ["journey-change", "journey-error"], "the events the event test hears");
    for (const m of manifest.modules) {
      const jsExports = m.exports.filter((e) => e.kind === "js").map((e) => e.name);
      for (const name of jsExports) assert.ok(live.exports[m.path].includes(name), `${m.path} exports ${name}`);
    }

    // The .d.ts files declare exactly what the modules export.
    for (const [path, names] of Object.entries(live.exports)) {
      const dts = readFileSync(join(PKG, path.replace(/\.js$/, ".d.ts")), "utf8");
      const declared = [...dts.matchAll(/^export declare (?:const|class|function) (\w+)/gm)].map((m) => m[1])
        .concat([...dts.matchAll(/^export \{([^}]*)\} from/gm)].flatMap((m) => m[1].split(",").map((s) => s.trim())));
      assert.deepEqual(declared.sort(), names, `${path.replace(/\.js$/, ".d.ts")} declares the module's exports`);
    }

    // Parts: every state that draws one (loaded, what-if, present, a refusal, no figures (a closed loop), an import notice).
    const parts = new Set();
    const collect = async () => {
      for (const p of await page.evaluate(() => [...document.querySelector("journey-map").shadowRoot.querySelectorAll("[part]")]
        .flatMap((e) => e.getAttribute("part").split(/\s+/)))) parts.add(p);
    };
    await collect();
    await page.evaluate(() => { document.querySelector("journey-map").scenario = "next-day-delivery"; });
    // What-if's modules load on first use (element/lazy.js): its bar and panels are drawn a fetch later.
    await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector("[part~=scenario-changes]"));
    await collect();
    await page.evaluate(() => { document.querySelector("journey-map").scenario = null; });
    await page.evaluate(() => document.querySelector("journey-map").setAttribute("mode", "present"));
    // Workshop mode loads on first use (element/lazy.js): its view comes a fetch later.
    await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector("[part~=present]"));
    await collect();
    await page.evaluate(() => document.querySelector("journey-map").removeAttribute("mode"));
    await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      el.journey = "{";
      el.journey = JSON.stringify({
        format: "journeygraph", version: 1, title: "Closed loop", stages: [{ id: "s", name: "S" }],
        touchpoints: [{ id: "a", name: "A", stage: "s", entry: 1 }, { id: "b", name: "B", stage: "s" }],
        transitions: [{ from: "a", to: "b" }, { from: "b", to: "a" }],
      });
    });
    await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector("[part~=figures-problem]"));
    await collect();
    await page.setInputFiles("journey-map [data-role=import-file]", {
      name: "sample.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sample)),
    });
    await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector("[part~=notice]:not([hidden])"));
    await collect();
    assert.deepEqual(decl.cssParts.map((p) => p.name).sort(), [...parts].sort(), "cssParts = the parts the element draws");

    // Custom properties: each documented one is used by the element's styles.
    const css = await page.evaluate(() => {
      const root = document.querySelector("journey-map").shadowRoot;
      const sheets = [...root.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText));
      const styles = [...root.querySelectorAll("style")].map((s) => s.textContent);
      const inline = [...root.querySelectorAll("[style]")].map((e) => e.getAttribute("style"));
      return [...sheets, ...styles, ...inline].join("\n");
    });
    for (const prop of decl.cssProperties) {
      assert.ok(css.includes(`var(${prop.name}`), `${prop.name} is used by the element's styles`);
    }
    assert.deepEqual(problems.filter((p) => !p.startsWith("console.error")), [], "no page error or failed request");
  } finally {
    await page.close();
  }
}
