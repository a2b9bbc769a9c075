// Journeys from observed customer paths, through the editor's visible
// controls in Chromium: a paths CSV chosen with "Import" or dropped on the
// map is streamed into a preview with its counts; Cancel changes nothing;
// "Fit journey" draws the fitted map, whose success is the observed
// conversion rate, and the attribution table credits every channel. Bad
// files name their line; a 50,000-row file streams.
//   bash tools/build.sh && cd tests && node --test e2e/paths.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage } from "./browser.mjs";

const require = createRequire(import.meta.url);
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const shot = (page, name) => page.screenshot({ path: new URL(name, out).pathname, fullPage: true });

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function openApp({ width = 1280, height = 900 } = {}) {
  const { page, problems } = await openPage(env.browser, { width, height });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { timeout: 15000 });
  return { page, problems };
}

/** Serious or critical axe-core findings on the page. */
async function axe(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());

/** A small paths file: a repeat to collapse, a row without customers, values. */
const SMALL = [
  "path,conversions,nulls,value",
  "Search > Website > Store,30,70,3000",
  "Social > Website,10,90,900",
  "Search > Search > Website,20,30,2000",
  "Email > Store,15,10,1500",
  "Social,0,50,",
  "Website > Email > Store,5,20,600",
  "Display,0,0,",
].join("\n") + "\n";

/** What the preview should say about a paths CSV (comma-separated, no quoting), computed here. */
function expected(csv, separator = ">") {
  const [header, ...lines] = csv.split(/\r?\n/).filter((l) => l.trim() !== "");
  const cols = header.split(",").map((c) => c.trim());
  const at = (name) => cols.indexOf(name);
  let rows = 0;
  let conversions = 0;
  let nulls = 0;
  let value = 0;
  const channels = new Set();
  for (const line of lines) {
    const cells = line.split(",");
    rows += 1;
    const c = Number(cells[at("conversions")]);
    const n = Number(cells[at("nulls")]);
    if (at("value") >= 0 && cells[at("value")] !== "") value += Number(cells[at("value")]);
    if (c + n === 0) continue;
    conversions += c;
    nulls += n;
    for (const name of cells[at("path")].split(separator)) if (name.trim()) channels.add(name.trim());
  }
  return { rows, conversions, nulls, paths: conversions + nulls, channels: [...channels], value, rate: conversions / (conversions + nulls) };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const grouped = (x) => x.toLocaleString("en-US");

/** Chooses `name` through the visible "Import" button. */
async function chooseFile(page, name, text, mimeType = "text/csv") {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByRole("button", { name: "Import", exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType, buffer: Buffer.from(text) });
}

/** The preview dialog, once it has read the file (counts or an error shown). */
async function preview(page, timeout = 10000) {
  const dialog = page.getByRole("dialog", { name: "Import customer paths" });
  await dialog.waitFor({ state: "visible", timeout });
  await page.waitForFunction(() => {
    const d = document.querySelector("journey-map").shadowRoot.querySelector("dialog.jg-paths");
    return d && (!d.querySelector(".jg-paths-stats").hidden || !d.querySelector(".jg-paths-error").hidden);
  }, null, { timeout });
  return dialog;
}

/** The preview's counts: {rows, paths, conversions, nulls, channels, value} as shown (value text, sub text). */
async function stats(dialog) {
  const result = {};
  for (const item of await dialog.locator(".jg-paths-stat").all()) {
    const key = await item.getAttribute("data-stat");
    const dd = item.locator("dd");
    result[key] = { value: (await dd.evaluate((e) => e.firstChild.textContent)).trim(), sub: (await dd.locator(".jg-paths-sub").textContent()).trim() };
  }
  return result;
}

/** The attribution table's rows: [{name, removal, share, conversions, value}] and the totals row. */
async function attributionTable(page) {
  const table = page.getByRole("table", { name: /Attribution by/ });
  await table.waitFor({ state: "visible", timeout: 5000 });
  return table.evaluate((t) => ({
    caption: t.caption?.textContent ?? "",
    headers: [...t.tHead.rows[0].cells].map((c) => ({ tag: c.tagName, scope: c.getAttribute("scope"), text: c.textContent })),
    // A cell may hold more than one figure (Markov: share and conversions), each marked by data-col.
    rows: [...t.tBodies[0].rows].map((r) => Object.fromEntries([...r.cells].flatMap((c) => [
      [c.dataset.col, (c.querySelector("output") ?? c).textContent.trim()],
      ...[...c.querySelectorAll("[data-col]")].map((s) => [s.dataset.col, s.textContent.trim()]),
    ]))),
    rowHeaders: [...t.tBodies[0].rows].map((r) => r.cells[0].tagName),
    total: [...t.tFoot.rows[0].cells].map((c) => c.textContent.trim()),
  }));
}

const figure = (page, key) => page.locator(`journey-map .jg-figure[data-figure=${key}] .jg-value`).textContent();
const cardNames = (page) => page.locator("journey-map svg.jg-map g.jg-card").evaluateAll((cards) =>
  cards.map((c) => [...c.querySelectorAll(".jg-card-name tspan")].map((t) => t.textContent).join(" ")));
const num = (text) => Number(text.replace(/[,%]/g, ""));

test("a paths CSV: preview with its counts, Cancel keeps the journey, Fit draws it with its attribution", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const original = await journeyText(page);
    const want = expected(SMALL);

    // The picker takes .csv; the preview says what the file holds, before anything changes.
    assert.match(await page.locator("journey-map [data-role=import-file]").getAttribute("accept"), /\.csv/);
    await chooseFile(page, "channels.csv", SMALL);
    let dialog = await preview(page);
    const s = await stats(dialog);
    assert.equal(s.rows.value, String(want.rows));
    assert.match(s.rows.sub, /1 without customers/);
    assert.equal(s.paths.value, grouped(want.paths));
    assert.equal(s.conversions.value, grouped(want.conversions));
    assert.equal(s.conversions.sub, `${pct(want.rate)} conversion rate`);
    assert.equal(s.nulls.value, grouped(want.nulls));
    assert.equal(s.channels.value, String(want.channels.length));
    assert.equal(s.value.value, want.value.toLocaleString("en-US", { minimumFractionDigits: 2 }));
    assert.deepEqual((await dialog.getByRole("list", { name: "Channels" }).locator("li").allTextContents()).sort(), [...want.channels].sort());
    assert.equal(await dialog.getByLabel("Path separator").inputValue(), ">");
    assert.equal(await dialog.getByLabel("CSV delimiter").inputValue(), ",");
    assert.equal(await journeyText(page), original, "nothing is replaced by the preview");
    await shot(page, "paths-preview.png");
    assert.deepEqual(await axe(page), [], "the preview");

    // Cancel: the open journey is exactly as it was.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached", timeout: 5000 });
    assert.equal(await journeyText(page), original);
    assert.equal(await page.locator("journey-map .jg-notice:visible").count(), 0);

    // Again, and fit: the channels and a "Conversion" goal.
    await chooseFile(page, "channels.csv", SMALL);
    dialog = await preview(page);
    await dialog.getByRole("button", { name: "Fit journey" }).click();
    await dialog.waitFor({ state: "detached", timeout: 5000 });
    await page.locator("journey-map .jg-title", { hasText: "Customer paths: channels" }).waitFor({ timeout: 5000 });
    assert.deepEqual((await cardNames(page)).sort(), [...want.channels, "Conversion"].sort());
    const file = JSON.parse(await journeyText(page));
    const goal = file.touchpoints.find((t) => t.goal);
    assert.equal(goal.name, "Conversion");
    const { channels, ...totals } = file.observed;
    assert.deepEqual(totals, { paths: want.paths, conversions: want.conversions, nulls: want.nulls, value: want.value });
    assert.deepEqual(Object.keys(channels).sort(), [...want.channels].sort(), "each channel's observed counts are kept");
    assert.match(await page.locator("journey-map .jg-notice").textContent(), new RegExp(`Fitted “channels\\.csv”: 5 channels and a Conversion goal from ${want.paths} customer paths`));
    assert.ok(await page.locator("journey-map .jg-notice").getByRole("button", { name: "Undo import" }).isVisible());

    // The figures bar's success is the observed conversion rate.
    assert.equal(await figure(page, "success"), pct(want.rate));

    // The attribution table: every channel, attributed conversions summing to the total.
    const attribution = page.getByRole("button", { name: "Attribution", exact: true });
    assert.equal(await attribution.getAttribute("aria-pressed"), "true", "a fitted journey opens with its attribution");
    const t = await attributionTable(page);
    assert.match(t.caption, /Attribution by channel/);
    assert.deepEqual(t.headers.map((c) => c.text), ["Channel", "Observed paths", "Observed conversions", "Markov", "Last touch", "First touch", "Linear", "Removal effect", "Attributed value"]);
    assert.ok(t.headers.every((c) => c.tag === "TH" && c.scope === "col"));
    assert.ok(t.rowHeaders.every((tag) => tag === "TH"), "each row is headed by its channel");
    assert.deepEqual(t.rows.map((r) => r.name).sort(), [...want.channels].sort());
    const shares = t.rows.map((r) => num(r.share));
    assert.deepEqual(shares, [...shares].sort((a, b) => b - a), "largest share first");
    const sum = t.rows.reduce((acc, r) => acc + num(r.conversions), 0);
    assert.ok(Math.abs(sum - want.conversions) <= 0.05 * t.rows.length, `attributed conversions sum to ${want.conversions} (${sum})`);
    const valueSum = t.rows.reduce((acc, r) => acc + num(r.value), 0);
    assert.ok(Math.abs(valueSum - want.value) <= 0.005 * t.rows.length, `attributed value sums to ${want.value} (${valueSum})`);
    assert.equal(num(t.total[2]), want.conversions, "observed conversions, all");
    assert.match(t.total[3], /^100\.0%/);
    assert.equal(num(t.total[3].replace(/^100\.0%/, "")), want.conversions, "Markov shares out every conversion");
    // The table agrees with the core's attribution.
    const core = await page.evaluate(() => document.querySelector("journey-map").journey.attribution());
    assert.deepEqual(t.rows.map((r) => r.conversions), core.map((a) => a.conversions.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
    assert.deepEqual(t.rows.map((r) => r.removal), core.map((a) => pct(a.removalEffect)));
    // Beside the model, what the paths say (counted at fit time).
    const one = (x) => x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    assert.deepEqual(t.rows.map((r) => r["observed-conversions"]), core.map((a) => one(a.observed.conversions)));
    assert.deepEqual(t.rows.map((r) => r.last), core.map((a) => one(a.observed.lastTouch)));
    assert.deepEqual(t.rows.map((r) => r.first), core.map((a) => one(a.observed.firstTouch)));
    assert.deepEqual(t.rows.map((r) => r.linear), core.map((a) => one(a.observed.linear)));
    await shot(page, "paths-fitted.png");
    assert.deepEqual(await axe(page), [], "the fitted journey with its attribution");

    // It follows edits: a channel removed leaves the table (and undo brings it back).
    const last = core[core.length - 1];
    await page.evaluate((id) => document.querySelector("journey-map").edit({ op: "removeTouchpoint", id }), last.touchpoint);
    await page.waitForFunction((n) => document.querySelector("journey-map").shadowRoot.querySelectorAll("table.jg-attr-table tbody tr").length === n, core.length - 1, { timeout: 5000 });
    await page.evaluate(() => document.querySelector("journey-map").undo());
    await page.waitForFunction((n) => document.querySelector("journey-map").shadowRoot.querySelectorAll("table.jg-attr-table tbody tr").length === n, core.length, { timeout: 5000 });

    // A channel's name selects it on the map.
    await page.getByRole("table", { name: /Attribution by/ }).getByRole("button", { name: core[0].name, exact: true }).click();
    await page.locator(`journey-map g.jg-card.jg-card-selected[data-id="${core[0].touchpoint}"]`).waitFor({ timeout: 5000 });

    // Hide and show again with the toolbar button.
    await attribution.click();
    assert.equal(await attribution.getAttribute("aria-pressed"), "false");
    assert.ok(await page.locator("journey-map .jg-attribution").isHidden());
    await attribution.click();
    await attributionTable(page);

    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("dropping a .csv on the map opens its preview; the separator and delimiter can be changed", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const original = await journeyText(page);
    // Semicolons between columns (found by themselves) and " / " between channels.
    const csv = "path;conversions;nulls\nAd / Site / Shop;4;6\nSite / Shop;3;7\nAd;0;10\n";
    const drop = (name, text) => page.evaluate(({ name, text }) => {
      const el = document.querySelector("journey-map");
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: "text/csv" }));
      return ["dragenter", "dragover", "drop"].map((type) => el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, composed: true })));
    }, { name, text });
    await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      const dt = new DataTransfer();
      dt.items.add(new File([""], "x.csv", { type: "text/csv" }));
      el.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    });
    assert.match(await page.locator("journey-map .jg-drop").textContent(), /\(\.csv\)/);
    await shot(page, "paths-drop.png");
    const [, , dropped] = await drop("web-shop.csv", csv);
    assert.equal(dropped, false, "the drop is handled");
    let dialog = await preview(page);
    assert.equal(await dialog.getByLabel("CSV delimiter").inputValue(), ";");
    // With ">" no path splits: each whole path is one channel.
    assert.equal((await stats(dialog)).channels.value, "3");
    assert.deepEqual((await dialog.getByRole("list", { name: "Channels" }).locator("li").allTextContents()).sort(), ["Ad", "Ad / Site / Shop", "Site / Shop"]);
    await dialog.getByLabel("Path separator").fill("/");
    await page.waitForFunction(() => {
      const d = document.querySelector("journey-map").shadowRoot.querySelector("dialog.jg-paths");
      return d?.querySelector("[data-stat=channels] dd")?.firstChild.textContent === "3"
        && [...d.querySelectorAll(".jg-paths-channels li")].map((l) => l.textContent).sort().join() === "Ad,Shop,Site";
    }, null, { timeout: 5000 });
    assert.equal(await journeyText(page), original);
    await shot(page, "paths-separator.png");
    await dialog.getByRole("button", { name: "Fit journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "Customer paths: web-shop" }).waitFor({ timeout: 5000 });
    assert.deepEqual((await cardNames(page)).sort(), ["Ad", "Conversion", "Shop", "Site"]);
    assert.equal(await figure(page, "success"), pct(7 / 30));

    // Undo import: back to the journey that was open, without attribution.
    await page.locator("journey-map .jg-notice").getByRole("button", { name: "Undo import" }).click();
    await page.waitForFunction((text) => document.querySelector("journey-map").journey.toJSON() === text, original, { timeout: 5000 });
    await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-attribution").hidden, null, { timeout: 5000 });

    // Escape closes a preview without changing anything.
    const fitted = await journeyText(page);
    await drop("again.csv", SMALL);
    dialog = await preview(page);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached", timeout: 5000 });
    assert.equal(await journeyText(page), fitted);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a bad paths CSV names its line and changes nothing", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const original = await journeyText(page);
    const bad = "path,conversions,nulls\nSearch > Website,3,7\nSocial > Website,many,4\nEmail,1,1\n";
    await chooseFile(page, "bad.csv", bad);
    const dialog = await preview(page);
    const error = dialog.getByRole("alert");
    assert.match(await error.textContent(), /Line 3, column 2/);
    assert.match(await error.textContent(), /conversions must be a number of 0 or more, not "many"/i);
    assert.match(await error.textContent(), /Social > Website,many,4/, "the line itself is shown");
    assert.match(await error.textContent(), /unchanged/);
    assert.ok(await dialog.getByRole("button", { name: "Fit journey" }).isDisabled());
    await shot(page, "paths-error.png");
    assert.deepEqual(await axe(page), [], "an error in the preview");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached", timeout: 5000 });
    assert.equal(await journeyText(page), original);

    // A header without the needed columns: line 1.
    await chooseFile(page, "wrong.csv", "channel,count\nA,1\n");
    const again = await preview(page);
    assert.match(await again.getByRole("alert").textContent(), /Line 1[\s\S]*path, conversions, nulls/);
    await again.getByRole("button", { name: "Cancel" }).click();
    assert.equal(await journeyText(page), original);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("attribution for a drawn journey, from the toolbar", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const button = page.getByRole("button", { name: "Attribution", exact: true });
    assert.equal(await button.getAttribute("aria-pressed"), "false");
    assert.ok(await page.locator("journey-map .jg-attribution").isHidden(), "hidden for a journey without observed paths");
    await button.click();
    const t = await attributionTable(page);
    const core = await page.evaluate(() => document.querySelector("journey-map").journey.attribution());
    assert.equal(t.rows.length, core.length);
    assert.deepEqual(t.headers.map((c) => c.text), ["Touchpoint", "Removal effect", "Share", "Conversions per 100 customers"]);
    const success = num(await figure(page, "success"));
    const sum = t.rows.reduce((acc, r) => acc + num(r.conversions), 0);
    assert.ok(Math.abs(sum - success) <= 0.05 * t.rows.length + 0.05, `credit sums to the success (${sum} vs ${success})`);
    await shot(page, "paths-drawn-attribution.png");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a 50,000-row paths CSV streams into the preview and fits", { timeout: 120000 }, async () => {
  const { page, problems } = await openApp();
  try {
    // Watch how the file is read on the page: never whole.
    await page.evaluate(() => {
      window.__reads = { streams: 0, whole: [] };
      const { stream, text, arrayBuffer } = Blob.prototype;
      Blob.prototype.stream = function () { window.__reads.streams += 1; return stream.call(this); };
      Blob.prototype.text = function () { window.__reads.whole.push(this.size); return text.call(this); };
      Blob.prototype.arrayBuffer = function () { window.__reads.whole.push(this.size); return arrayBuffer.call(this); };
    });
    const channels = Array.from({ length: 24 }, (_, i) => `Channel ${String(i + 1).padStart(2, "0")}`);
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const lines = ["path,conversions,nulls,value"];
    let conversions = 0;
    let nulls = 0;
    for (let i = 0; i < 50000; i += 1) {
      const steps = 1 + Math.floor(rand() * 6);
      const path = Array.from({ length: steps }, () => channels[Math.floor(rand() * channels.length)]).join(" > ");
      const c = Math.floor(rand() * 4);
      const n = Math.floor(rand() * 30);
      conversions += c;
      nulls += n;
      lines.push(`${path},${c},${n},${(c * 49.5).toFixed(1)}`);
    }
    const csv = `${lines.join("\n")}\n`;
    assert.ok(csv.length > 2e6, "a file of some megabytes");
    const started = Date.now();
    await chooseFile(page, "large.csv", csv);
    const dialog = await preview(page, 60000);
    const s = await stats(dialog);
    assert.equal(s.rows.value, grouped(50000));
    assert.equal(s.conversions.value, grouped(conversions));
    assert.equal(s.nulls.value, grouped(nulls));
    assert.equal(s.channels.value, "24");
    // The page reads the header's first 4 KB (to find the delimiter) and hands the File to the
    // element's worker, which streams it into the PathsReader (engine/worker.js, task "paths").
    const reads = await page.evaluate(() => window.__reads);
    assert.ok(reads.whole.every((size) => size <= 4096), `never read whole on the page (${reads.whole})`);
    const engine = await page.evaluate(async () => ({ ...(await import("/pkg/element/engine/client.js")).stats }));
    assert.ok(engine.tasks >= 1 && engine.taskFallbacks === 0, `read in the worker: ${JSON.stringify(engine)}`);
    await dialog.getByRole("button", { name: "Fit journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "Customer paths: large" }).waitFor({ timeout: 30000 });
    assert.equal(await figure(page, "success"), pct(conversions / (conversions + nulls)));
    const t = await attributionTable(page);
    assert.equal(t.rows.length, 24);
    const sum = t.rows.reduce((acc, r) => acc + num(r.conversions), 0);
    assert.ok(Math.abs(sum - conversions) <= 0.05 * 24, `attributed conversions sum to ${conversions} (${sum})`);
    console.log(`# 50,000 rows (${(csv.length / 1e6).toFixed(1)} MB): preview and fit in ${Date.now() - started} ms`);
    await shot(page, "paths-large.png");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a counts CSV from a warehouse opens as the journey fitted from the same paths; a bad one names its line and changes nothing", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const paths = "path,conversions,nulls\nAd > Site,3,1\nSearch > Site > Shop,2,2\nAd,0,1\n";
    // The same paths, counted: who starts where, each move, conversions and nulls per last channel.
    const counts = [
      "kind,channel,next_channel,count",
      "first,Ad,,5", "first,Search,,4",
      "move,Ad,Site,4", "move,Search,Site,4", "move,Site,Shop,4",
      "conversions,Site,,3", "nulls,Site,,1", "conversions,Shop,,2", "nulls,Shop,,2", "nulls,Ad,,1",
    ].join("\n");
    const expected = await page.evaluate(({ paths, counts }) => {
      const Journey = document.querySelector("journey-map").journey.constructor;
      const a = Journey.fromPaths(paths);
      const b = Journey.fromCounts(counts);
      const r = { paths: a.analyze().success, counts: b.analyze().success };
      a.free();
      b.free();
      return r;
    }, { paths, counts });
    assert.ok(Math.abs(expected.paths - expected.counts) < 1e-12, "the core fits both alike");
    const original = await journeyText(page);
    await chooseFile(page, "warehouse-counts.csv", counts);
    await page.locator("journey-map [part=notice]").waitFor();
    assert.match(await page.locator("journey-map [part=notice]").textContent(), /Fitted “warehouse-counts\.csv” from its counts: 5 touchpoints/);
    const success = await page.evaluate(() => document.querySelector("journey-map").journey.analyze().success);
    assert.ok(Math.abs(success - expected.paths) < 1e-12, `the figures are the paths' (${success} vs ${expected.paths})`);
    // A bad one: its line, and the journey stays.
    const before = await journeyText(page);
    assert.notEqual(before, original);
    await chooseFile(page, "bad-counts.csv", "kind,channel,next_channel,count\nfirst,Ad,,5\nmove,Ad,Site,lots\n");
    const box = page.locator("journey-map .jg-error");
    await box.waitFor({ state: "visible" });
    assert.match(await box.textContent(), /Line 3/);
    assert.match(await box.textContent(), /unchanged/);
    assert.equal(await journeyText(page), before);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
