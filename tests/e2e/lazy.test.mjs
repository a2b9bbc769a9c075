// What the app loads on first use (issue 11, SPEC section 6), watched on the
// network in Chromium: workshop mode (Present), the attribution table and
// the paths import are not fetched before, nor soon after, the first map;
// each is fetched when first used and then works; a slow one says
// "Loading…"; a failed one says so, changes nothing, and the next use
// tries again.
//   bash tools/build.sh && cd tests && node --test e2e/lazy.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./browser.mjs";

/** The modules each lazily loaded part brings (as pkg/element/… paths). */
const PRESENT = ["present/index.js", "present/wall.js", "present/render.js", "present/view.js", "present/map.js", "present/style.js", "present/screen.js", "present/keys.js", "present/draft.js", "present/side.js"];
const ATTRIBUTION = ["attribution.js"];
const PATHS = ["files/paths-import.js"];
/** journeygraph/mermaid, outside element/ (its first use is tested in mermaid.test.mjs). */
const MERMAID = ["/pkg/mermaid/index.js", "files/mermaid-dialog.js"];
const LAZY = [...PRESENT, ...ATTRIBUTION, ...PATHS, ...MERMAID];

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Opens the app recording every URL path fetched (page and worker) in `fetched`. */
async function openApp(options = {}) {
  const { page, problems } = await openPage(env.browser, options);
  const fetched = [];
  page.context().on("request", (req) => fetched.push(new URL(req.url()).pathname));
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { timeout: 15000 });
  return { page, problems, fetched };
}
const element = (path) => path.replace(/^\/pkg\/element\//, "");
const lazyFetched = (fetched) => fetched.map(element).filter((f) => LAZY.includes(f));
const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());
/** Waits until nothing is fetched for `quiet` ms (the worker's start, the simulated figures). */
async function settle(page, fetched, quiet = 1000) {
  let seen = -1;
  while (seen !== fetched.length) {
    seen = fetched.length;
    await page.waitForTimeout(quiet);
  }
}

test("the first map is drawn without Present, attribution or the paths import; their buttons are there", { timeout: 60000 }, async () => {
  const { page, problems, fetched } = await openApp();
  try {
    await settle(page, fetched);
    assert.ok(fetched.includes("/pkg/element/journey-map.js") && fetched.includes("/pkg/element/lazy.js"), `the element was fetched: ${fetched.join(" ")}`);
    assert.deepEqual(lazyFetched(fetched), [], "nothing loaded on first use is fetched at start");
    for (const name of ["Present", "Attribution", "Import"]) {
      assert.equal(await page.getByRole("button", { name, exact: true }).count(), 1, `the ${name} button is there from the start`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// The built page names what it needs before its first map (tools/minify.mjs),
// so the browser asks for all of it in its first round trip instead of one
// level of imports per round trip: on a 10 Mbit/s, 40 ms line the first map
// came 1.7 → 1.2 s (tests/bench/first-map.mjs). A hint the page does not
// use, or a fetch that does not match its hint (the wasm's CORS mode), would
// show here as a second fetch; a module found only by an import is asked
// for after the module importing it has arrived, so after app.js has.
test("everything the first map needs is fetched from the page's preload hints, the wasm once", { timeout: 60000 }, async () => {
  const { page, problems } = await openPage(env.browser);
  try {
    await page.addInitScript(() => {
      const tick = () => {
        if (!document.querySelector("journey-map")?.shadowRoot?.querySelector("svg.jg-map")) return requestAnimationFrame(tick);
        window.__atFirstMap = performance.getEntriesByType("resource")
          .map((e) => ({ path: new URL(e.name).pathname, by: e.initiatorType, asked: e.startTime, arrived: e.responseEnd }));
      };
      requestAnimationFrame(tick);
    });
    await page.goto(env.url);
    const fetched = await page.waitForFunction(() => window.__atFirstMap, null, { timeout: 15000 }).then((h) => h.jsonValue());
    const hinted = await page.evaluate(() => [...document.querySelectorAll("link[rel=modulepreload], link[rel=preload]")].map((l) => new URL(l.href).pathname));
    const wasm = fetched.filter((e) => e.path === "/pkg/journeygraph_bg.wasm");
    assert.deepEqual(wasm.map((e) => e.by), ["link"], "the page fetched the wasm once, from its preload hint");
    const modules = fetched.filter((e) => e.path.endsWith(".js"));
    assert.ok(modules.length > 20, `the first map's modules were seen (${modules.length})`);
    const app = modules.find((e) => e.path === "/app.js");
    const late = modules.filter((e) => e !== app && !(e.asked < app.arrived)).map((e) => e.path);
    assert.deepEqual(late, [], "every module of the first map was asked for before app.js had arrived");
    assert.deepEqual(modules.filter((e) => e !== app && !hinted.includes(e.path)).map((e) => e.path), [], "each was named by a hint");
    assert.equal(new Set(modules.map((e) => e.path)).size, modules.length, "each module was fetched once");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("Present, attribution and the paths import each load on first use, and work", { timeout: 60000 }, async () => {
  const { page, problems, fetched } = await openApp();
  try {
    await settle(page, fetched, 500);
    const before = await journeyText(page);

    // Present: fetched on the click, the view opens, Escape leaves.
    await page.getByRole("button", { name: "Present", exact: true }).click();
    await page.locator("journey-map .jg-present").waitFor();
    assert.deepEqual(lazyFetched(fetched).sort(), [...PRESENT].sort(), "Present brings its own modules and nothing else");
    assert.equal(await page.locator("journey-map .jgp-stage-name").count(), 1, "the wall shows a stage");
    await page.keyboard.press("Escape");
    await page.locator("journey-map .jg-present").waitFor({ state: "detached" });
    assert.equal(await page.getAttribute("journey-map", "mode"), null);
    // Again: from the module already loaded, nothing fetched again.
    const count = fetched.length;
    await page.getByRole("button", { name: "Present", exact: true }).click();
    await page.locator("journey-map .jg-present").waitFor();
    await page.keyboard.press("Escape");
    await page.locator("journey-map .jg-present").waitFor({ state: "detached" });
    assert.equal(fetched.slice(count).filter((p) => p.startsWith("/pkg/element/present")).length, 0, "loaded once");

    // Attribution: fetched on the click, the table shows the sample's channels.
    await page.getByRole("button", { name: "Attribution", exact: true }).click();
    await page.locator("journey-map [data-role=attribution] tbody tr").first().waitFor();
    assert.ok(lazyFetched(fetched).includes("attribution.js"));
    assert.equal(await page.locator("journey-map button[data-action=attribution]").getAttribute("aria-pressed"), "true");
    await page.getByRole("button", { name: "Attribution", exact: true }).click();
    assert.equal(await page.locator("journey-map .jg-attribution").isHidden(), true, "the second click hides it");
    assert.ok(!lazyFetched(fetched).includes("files/paths-import.js"), "the paths import is still not loaded");

    // The paths import: fetched with the first paths file, whose preview opens.
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Import", exact: true }).click(),
    ]);
    await chooser.setFiles({ name: "channels.csv", mimeType: "text/csv", buffer: Buffer.from("path,conversions,nulls\nSearch > Store,3,7\nSocial,0,5\n") });
    const dialog = page.getByRole("dialog", { name: "Import customer paths" });
    await dialog.waitFor();
    assert.ok(lazyFetched(fetched).includes("files/paths-import.js"));
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.equal(await journeyText(page), before, "nothing of this changed the journey");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a slow load says Loading… beside its button until the module is there", { timeout: 60000 }, async () => {
  const { page, problems, fetched } = await openApp();
  try {
    let release;
    const held = new Promise((done) => { release = done; });
    await page.route("**/pkg/element/present/index.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole("button", { name: "Present", exact: true }).click();
    const note = page.locator("journey-map .jg-toolbar .jg-loading");
    await note.waitFor({ timeout: 5000 });
    assert.equal(await note.textContent(), "Loading…");
    assert.equal(await page.locator("journey-map button[data-action=present]").getAttribute("aria-busy"), "true");
    assert.equal(await page.locator("journey-map .jg-present").count(), 0, "the view waits for its module");
    release();
    await page.locator("journey-map .jg-present").waitFor();
    assert.equal(await note.count(), 0, "the note goes once it has loaded");
    assert.equal(await page.locator("journey-map button[data-action=present]").getAttribute("aria-busy"), null);
    assert.ok(fetched.includes("/pkg/element/present/index.js"));
    await page.keyboard.press("Escape");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a failed load is shown, changes nothing, and the next use tries again", { timeout: 60000 }, async () => {
  const { page, problems, fetched } = await openApp();
  try {
    const before = await journeyText(page);
    const errors = [];
    await page.exposeFunction("__journeyError", (text) => errors.push(text));
    await page.evaluate(() => document.querySelector("journey-map").addEventListener("journey-error", (e) => window.__journeyError(`${e.detail.action}: ${e.detail.error.message}`)));
    await page.route("**/pkg/element/attribution.js", (route) => route.abort("internetdisconnected"));
    await page.getByRole("button", { name: "Attribution", exact: true }).click();
    const banner = page.locator("journey-map .jg-error");
    await banner.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await banner.textContent(), /Attribution could not be loaded .*Nothing was changed/);
    assert.equal(errors.length, 1, "one journey-error event");
    assert.match(errors[0], /^show attribution: Attribution could not be loaded/);
    assert.equal(await page.locator("journey-map .jg-attribution").isHidden(), true);
    assert.equal(await page.locator("journey-map button[data-action=attribution]").getAttribute("aria-busy"), null);
    assert.equal(await journeyText(page), before, "the journey is as it was");
    // The editor still works.
    assert.equal(await page.locator("journey-map svg.jg-map").count(), 1);

    // Back online: the next click loads it (a fresh import of the same URL).
    await page.unroute("**/pkg/element/attribution.js");
    await page.getByRole("button", { name: "Attribution", exact: true }).click();
    await page.locator("journey-map [data-role=attribution] tbody tr").first().waitFor({ timeout: 10000 });
    assert.equal(await journeyText(page), before);
    // The aborted request (and the browser's note of it) is the only problem seen.
    assert.deepEqual(problems.filter((p) => !/attribution\.js|ERR_INTERNET_DISCONNECTED/.test(p)), []);
    assert.ok(fetched.filter((p) => p === "/pkg/element/attribution.js").length >= 2);
  } finally {
    await page.close();
  }
});
