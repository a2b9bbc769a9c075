// Files and "nothing lost", through the app's visible controls in Chromium:
// import (button and drop), refused imports that change nothing, the four
// exports (JSON, SVG, PNG, CSV), saving in the browser, reload, a full
// quota, and a saved journey this version cannot open.
//   bash tools/build.sh && cd tests && node --test e2e/files.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage } from "./browser.mjs";

const sample = JSON.parse(readFileSync(new URL("../../src/format/sample.json", import.meta.url), "utf8"));
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
/** Where the app kept its one journey before the library (the library moves it in; see library.test.mjs). */
const KEY = "journeygraph:journey";
const EVIL = "<img src=x onerror=alert(1)>";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Opens the app (a fresh browser profile each time) and waits until the map is drawn. */
async function openApp({ width = 1280, height = 800, init = null } = {}) {
  const { page, problems } = await openPage(env.browser, { width, height });
  if (init) await page.addInitScript(init);
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { timeout: 15000 });
  return { page, problems };
}

/** The texts the app's library (www/library/store.js, IndexedDB) holds, live ones, the last edited first. */
const libraryTexts = (page) => page.evaluate(async () => {
  const { openStore } = await import("/library/store.js");
  const store = await openStore();
  try {
    return Promise.all((await store.list()).map(async (e) => (await store.get(e.id)).json));
  } finally {
    store.close();
  }
});

/** The open journey's canonical text. */
const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());

/** A small journey with the given title and touchpoints (in one stage, a chain). */
function smallJourney(title, touchpoints) {
  return {
    format: "journeygraph",
    version: 1,
    title,
    stages: [{ id: "s1", name: "Look" }, { id: "s2", name: "Buy" }],
    touchpoints: touchpoints.map((t, i) => ({ id: `t${i + 1}`, stage: i === touchpoints.length - 1 ? "s2" : "s1", ...t, ...(i === 0 ? { entry: 1 } : {}) })),
    transitions: touchpoints.slice(1).map((_, i) => ({ from: `t${i + 1}`, to: `t${i + 2}` })),
  };
}

/** Chooses a file through the visible "Import" button. */
async function importFile(page, name, text, mimeType = "application/json") {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByRole("button", { name: "Import", exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType, buffer: Buffer.from(text) });
}

/** Exports through the visible "Export" menu; resolves to {name, bytes}. */
async function exportAs(page, item) {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("menuitem", { name: item }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** The element's visible error message, once shown. */
async function elementError(page) {
  const box = page.locator("journey-map .jg-error");
  await box.waitFor({ state: "visible", timeout: 5000 });
  return box.textContent();
}

/** RFC 4180 CSV → rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (c !== "\r") cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test("importing a JSON file with the Import button opens it, and it can be undone", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const original = await journeyText(page);
    const file = smallJourney("Renewing a contract", [
      { name: "Gets a renewal letter", emotion: 0.2 },
      { name: "Calls the hotline", emotion: -0.6, service: true },
      { name: "Signs again", goal: true, emotion: 0.5 },
    ]);
    await importFile(page, "renewal.json", JSON.stringify(file));
    await page.locator("journey-map .jg-title", { hasText: "Renewing a contract" }).waitFor({ timeout: 5000 });
    const map = page.locator("journey-map svg.jg-map");
    assert.equal(await map.locator("g.jg-card").count(), 3, "the imported touchpoints are drawn");
    for (const t of file.touchpoints) {
      assert.equal((await map.locator(`g.jg-card[data-id="${t.id}"] .jg-card-name tspan`).allTextContents()).join(" "), t.name);
    }
    const notice = page.locator("journey-map .jg-notice");
    assert.match(await notice.textContent(), /Opened “renewal\.json”: Renewing a contract, 3 touchpoints/);
    await page.screenshot({ path: new URL("files-imported.png", out).pathname });

    // The import is saved like any change, as a new journey in the library.
    await page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });
    const stored = await libraryTexts(page);
    assert.equal(JSON.parse(stored[0]).title, "Renewing a contract");

    // "Undo import" gives back exactly the journey that was open.
    await notice.getByRole("button", { name: "Undo import" }).click();
    await page.locator("journey-map .jg-title", { hasText: sample.title }).waitFor({ timeout: 5000 });
    assert.equal(await journeyText(page), original);
    assert.ok(await notice.isHidden(), "the notice goes away");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a bad file is refused with what is wrong and where, and the open journey stays exactly as it was", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    // An edit first, so there is an undo history to keep too.
    await page.getByRole("button", { name: "Add stage" }).click();
    const before = await journeyText(page);
    const cards = await page.locator("journey-map g.jg-card").count();

    const outOfRange = structuredClone(sample);
    outOfRange.touchpoints[3].emotion = 7;
    const bad = [
      ["broken.json", '{"format": "journeygraph", "version": 1,,}', [/not valid JSON/, /line 1, column \d+/]],
      ["future.json", JSON.stringify({ ...sample, version: 99 }), [/version 99/, /\/version/]],
      ["emotion.json", JSON.stringify(outOfRange), [/emotion is 7/, /between -1 and 1/, /\/touchpoints\/3\/emotion/,
        new RegExp(`touchpoint 4 “${sample.touchpoints[3].name}”`)]],
      ["photo.png", "\u0089PNG", [/a picture without a journey in it/], "image/png"],
    ];
    for (const [name, text, expected, type] of bad) {
      await importFile(page, name, text, type);
      const message = await elementError(page);
      assert.ok(message.includes(`Could not import “${name}”`), `the message names the file: ${message}`);
      for (const pattern of expected) assert.match(message, pattern, `${name}: ${message}`);
      assert.match(message, /unchanged/);
      if (name === "emotion.json") await page.screenshot({ path: new URL("files-bad-import.png", out).pathname });
      assert.equal(await journeyText(page), before, `${name} changed nothing`);
      assert.equal(await page.locator("journey-map g.jg-card").count(), cards);
      await page.locator("journey-map .jg-error").getByRole("button", { name: "Dismiss the message" }).click();
    }
    // The history survived too: Undo still takes back the added stage.
    const undo = page.getByRole("button", { name: "Undo", exact: true });
    assert.ok(await undo.isEnabled());
    await undo.click();
    assert.equal(JSON.parse(await journeyText(page)).stages.length, sample.stages.length);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("dropping a .json file on the map imports it; a bad one is refused", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const drop = (name, text, types = ["dragenter", "dragover", "drop"]) => page.evaluate(({ name, text, types }) => {
      const el = document.querySelector("journey-map");
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: "application/json" }));
      return types.map((type) => el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, composed: true })));
    }, { name, text, types });
    const before = await journeyText(page);

    const file = smallJourney("Dropped journey", [{ name: "Opens the app" }, { name: "Pays", goal: true }]);
    const [enter, over] = await drop("dropped.json", "", ["dragenter", "dragover"]);
    assert.equal(enter, false, "dragenter is accepted");
    assert.equal(over, false, "dragover is accepted (so the browser does not open the file itself)");
    const overlay = page.locator("journey-map .jg-drop");
    assert.ok(await overlay.isVisible(), "the drop target is shown");
    await page.screenshot({ path: new URL("files-drop.png", out).pathname });

    const bad = structuredClone(file);
    bad.transitions.push({ from: "t1", to: "nowhere" });
    await drop("bad.json", JSON.stringify(bad), ["drop"]);
    assert.ok(await overlay.isHidden(), "the drop target goes away");
    assert.match(await elementError(page), /nowhere[\s\S]*\/transitions\/1/);
    assert.equal(await journeyText(page), before);

    const [, , dropped] = await drop("dropped.json", JSON.stringify(file));
    assert.equal(dropped, false, "the drop is handled");
    await page.locator("journey-map .jg-title", { hasText: "Dropped journey" }).waitFor({ timeout: 5000 });
    assert.equal(await page.locator("journey-map g.jg-card").count(), 2);
    assert.ok(await page.locator("journey-map .jg-error").isHidden(), "the old error is gone");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("export JSON gives the canonical text, named after the title, and imports again to the same journey", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await page.getByRole("button", { name: "Add stage" }).click();
    const text = await journeyText(page);
    const { name, bytes } = await exportAs(page, "JSON");
    assert.equal(name, "buying-a-smartphone-online.json");
    assert.equal(bytes.toString("utf8"), text);

    await page.getByRole("button", { name: "New blank journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "New journey" }).waitFor();
    await importFile(page, name, bytes.toString("utf8"));
    await page.locator("journey-map .jg-title", { hasText: sample.title }).waitFor();
    assert.equal(await journeyText(page), text);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("export SVG is the whole map as an SVG file, with user text as text", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const file = structuredClone(sample);
    file.title = "<script>alert(2)</script> journey";
    file.touchpoints[0].name = EVIL;
    file.touchpoints[1].name = "<script>alert(3)</script>";
    file.stages[0].name = "<b onmouseover=alert(4)>Aware</b>";
    file.touchpoints[2].painPoints = ["</text><foreignObject><img src=x onerror=alert(5)></foreignObject>"];
    await importFile(page, "evil.json", JSON.stringify(file));
    await page.locator("journey-map .jg-card-name", { hasText: "<img" }).waitFor({ timeout: 5000 });

    const { name, bytes } = await exportAs(page, "SVG picture");
    assert.equal(name, "script-alert-2-script-journey.svg");
    const text = bytes.toString("utf8");
    writeFileSync(new URL("files-export.svg", out), text);
    assert.match(text, /^<\?xml[^>]*\?>\s*<svg /);
    assert.ok(text.includes("&lt;img src=x onerror=alert(1)&gt;"), "the name is escaped in the file");

    const parsed = await page.evaluate((svgText) => {
      const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
      const root = doc.documentElement;
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        root: root.localName,
        ns: root.namespaceURI,
        width: Number(root.getAttribute("width")),
        elements: [...doc.getElementsByTagName("*")].map((e) => e.localName),
        text: root.textContent,
        cards: [...doc.querySelectorAll("g.jg-card")].map((g) => ({ id: g.getAttribute("data-id"), title: g.querySelector("title")?.textContent ?? "" })),
        stages: [...doc.querySelectorAll(".jg-stage")].length,
        style: Boolean(doc.querySelector("svg > style")),
        heading: doc.querySelector(".jg-export-heading text")?.textContent ?? null,
      };
    }, text);
    assert.equal(parsed.error, null, "the SVG parses");
    assert.equal(parsed.root, "svg");
    assert.equal(parsed.ns, "http://www.w3.org/2000/svg");
    const layout = await page.evaluate(() => document.querySelector("journey-map").journey.layout());
    assert.equal(parsed.width, Math.round(layout.width * 100) / 100, "the whole map, not the visible part");
    for (const bad of ["img", "script", "b", "foreignObject"]) assert.ok(!parsed.elements.includes(bad), `no <${bad}> element`);
    assert.equal(parsed.elements.filter((n) => n === "svg").length, 1, "no nested <svg>");
    assert.ok(parsed.style, "the stylesheet travels with the picture");
    assert.equal(parsed.heading, file.title, "the heading is the title, as text");
    assert.equal(parsed.stages, file.stages.length);
    assert.equal(parsed.cards.length, file.touchpoints.length, "every touchpoint is drawn");
    for (const t of file.touchpoints) {
      const card = parsed.cards.find((c) => c.id === t.id);
      assert.ok(card?.title.startsWith(t.name), `card ${t.id} carries its name as text`);
      assert.ok(parsed.text.includes(t.name), `${t.name} is in the picture's text`);
    }
    assert.ok(parsed.text.includes(file.stages[0].name));
    assert.ok(parsed.text.includes(file.touchpoints[2].painPoints[0]));
    // And the live map has made no element out of it either.
    assert.equal(await page.locator("journey-map img, journey-map script, journey-map foreignObject").count(), 0);
    assert.deepEqual(problems, [], "no dialog, console error or page error");
  } finally {
    await page.close();
  }
});

test("an exported PNG and SVG carry the journey, its figures and the key, and open again as the journey; a picture from elsewhere is refused", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    // A journey with a scenario and an edit, so that more than the sample travels.
    await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      el.edit({ op: "setTitle", title: "Carried in a picture" });
      el.edit({ op: "putScenario", scenario: { id: "s1", name: "Faster delivery", changes: [{ touchpoint: "delivery-wait", emotion: 0.2 }] } });
    });
    const exported = await journeyText(page);
    const figures = await page.evaluate(() => document.querySelector("journey-map").journey.analyze());
    const png = await exportAs(page, "PNG picture");
    // The iTXt chunk, read here by hand from the bytes.
    let at = 8;
    let carried = null;
    while (at < png.bytes.length) {
      const length = png.bytes.readUInt32BE(at);
      const type = png.bytes.subarray(at + 4, at + 8).toString("latin1");
      const data = png.bytes.subarray(at + 8, at + 8 + length);
      if (type === "iTXt" && data.subarray(0, 13).toString("latin1") === "journeygraph\0") carried = data.subarray(17).toString("utf8");
      if (type === "IEND") assert.equal(at + 12, png.bytes.length, "IEND stays last");
      at += 12 + length;
    }
    assert.equal(carried, exported, "the PNG carries the journey's JSON, scenarios and all");
    const svg = await exportAs(page, "SVG picture");
    const svgText = svg.bytes.toString("utf8");
    assert.ok(svgText.includes(`Reached goal ${(100 * figures.success).toFixed(1)}%`), "the figures are in the picture");
    assert.ok(svgText.includes("A card&apos;s foot") || svgText.includes("A card's foot"), "and the key");
    assert.ok(svgText.includes('class="jg-flow-reach"'), "and each card's reach");

    // Open each again: a blank journey first, so the picture is what brings it back.
    for (const [file, mime] of [[png, "image/png"], [svg, "image/svg+xml"]]) {
      await page.getByRole("button", { name: "New blank journey" }).click();
      await page.waitForFunction(() => document.querySelector("journey-map").journey?.toObject().touchpoints.length === 0);
      await importFile(page, file.name, file.bytes, mime);
      await page.waitForFunction((t) => document.querySelector("journey-map").journey.toJSON() === t, exported, { timeout: 10000 });
      assert.match(await page.locator("journey-map [part=notice]").textContent(), new RegExp(`Opened the journey in “${file.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”`));
    }
    // A picture journeygraph did not make: a clear error, nothing changed.
    const before = await journeyText(page);
    const screenshot = await page.screenshot();
    await importFile(page, "screenshot.png", screenshot, "image/png");
    const message = await elementError(page);
    assert.match(message, /“screenshot\.png” is a picture without a journey in it/);
    assert.equal(await journeyText(page), before);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("export PNG is a real PNG of the whole map at twice its size", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const { name, bytes } = await exportAs(page, "PNG picture");
    assert.equal(name, "buying-a-smartphone-online.png");
    writeFileSync(new URL("files-export.png", out), bytes);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
    assert.equal(bytes.subarray(12, 16).toString("latin1"), "IHDR");
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const layout = await page.evaluate(() => document.querySelector("journey-map").journey.layout());
    assert.equal(width, Math.floor(layout.width * 2));
    assert.ok(height > layout.height * 2, "the whole map and a heading above it");
    assert.ok(bytes.length > 50000, `a drawn map, not an empty canvas (${bytes.length} bytes)`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("in What-if mode the pictures show the scenario, with the baseline's curve as a ghost", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const scenario = sample.scenarios[0];
    await page.evaluate((id) => { document.querySelector("journey-map").scenario = id; }, scenario.id);
    await page.locator("journey-map .jg-curve-ghost").first().waitFor({ timeout: 5000 });
    const { name, bytes } = await exportAs(page, "SVG picture");
    assert.equal(name, `buying-a-smartphone-online-what-if-${scenario.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.svg`);
    const parsed = await page.evaluate((svgText) => {
      const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
      return {
        title: doc.querySelector("svg > title").textContent,
        heading: [...doc.querySelectorAll(".jg-export-heading text")].map((t) => t.textContent),
        ghost: doc.querySelectorAll(".jg-curve-ghost").length,
      };
    }, bytes.toString("utf8"));
    assert.equal(parsed.title, `Journey map: ${sample.title} — scenario ${scenario.name}`);
    assert.match(parsed.heading[1], new RegExp(`What if: ${scenario.name}`));
    assert.equal(parsed.ghost, 1, "the baseline's curve is there as a ghost");
    // The JSON is still the whole journey, scenarios and all.
    const json = await exportAs(page, "JSON");
    assert.equal(json.bytes.toString("utf8"), await journeyText(page));
    const png = await exportAs(page, "PNG picture");
    assert.match(png.name, /-what-if-.*\.png$/);
    writeFileSync(new URL("files-export-whatif.png", out), png.bytes);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("export CSV has every touchpoint field, quoted properly and safe from spreadsheet formulas", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const names = ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "\tTabbed", "Plain, with \"quotes\"\nand a new line"];
    const file = smallJourney("Formulas", names.map((name, i) => ({ name, emotion: i === 0 ? -0.5 : 0.25, channel: i === 1 ? "=cmd|' /C calc'!A0" : "web" })));
    file.touchpoints[0].painPoints = ["Slow", "=1+1"];
    file.touchpoints[0].effort = 4;
    await importFile(page, "formulas.json", JSON.stringify(file));
    await page.locator("journey-map .jg-title", { hasText: "Formulas" }).waitFor();

    const { name, bytes } = await exportAs(page, "CSV of touchpoints");
    assert.equal(name, "formulas-touchpoints.csv");
    const text = bytes.toString("utf8");
    writeFileSync(new URL("files-export.csv", out), text);
    assert.ok(text.startsWith("\uFEFF"), "a byte-order mark, so spreadsheets read UTF-8");
    const rows = parseCsv(text.slice(1));
    const [header, ...body] = rows;
    for (const field of ["id", "name", "stage", "stageName", "emotion", "impact", "dropout", "entry", "goal", "channel", "owner", "kind", "service", "proactive", "effort", "notes", "painPoints", "opportunities"]) {
      assert.ok(header.includes(field), `column ${field}`);
    }
    assert.equal(body.length, names.length, "one row per touchpoint");
    assert.ok(body.every((r) => r.length === header.length), "every row has every column");
    const col = (row, field) => row[header.indexOf(field)];
    const expected = ["'=HYPERLINK(\"http://x\",\"click\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTabbed", names[5]];
    body.forEach((row, i) => {
      assert.equal(col(row, "name"), expected[i], `row ${i + 1}'s name`);
      assert.equal(col(row, "id"), `t${i + 1}`);
    });
    assert.equal(col(body[0], "emotion"), "-0.5", "a real negative number stays a number");
    assert.equal(col(body[1], "emotion"), "0.25");
    assert.equal(col(body[0], "impact"), "1", "defaults are filled in");
    assert.equal(col(body[0], "effort"), "4");
    assert.equal(col(body[0], "stageName"), "Look");
    assert.equal(col(body[1], "channel"), "'=cmd|' /C calc'!A0");
    assert.equal(col(body[0], "painPoints"), "Slow\n=1+1", "a list is one cell, one item a line");
    assert.equal(col(body[5], "goal"), "false");
    // The entry as a share of all entries (the core's entryShares()), beside the file's entry.
    const shares = await page.evaluate(() => document.querySelector("journey-map").journey.entryShares());
    body.forEach((row, i) => assert.equal(Number(col(row, "entryShare")), shares[`t${i + 1}`], `row ${i + 1}'s entry share`));
    assert.ok(Math.abs(body.reduce((s, row) => s + Number(col(row, "entryShare")), 0) - 1) < 1e-12, "entry shares sum to 1");
    // No formula-looking cell is left anywhere.
    for (const row of body) for (const cell of row) {
      if (/^[=+@\t\r-]/.test(cell)) assert.match(cell, /^-?\d+(\.\d+)?$/, `only numbers may start with a sign: ${JSON.stringify(cell)}`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the Export menu works by keyboard", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const exportButton = page.getByRole("button", { name: "Export", exact: true });
    await exportButton.focus();
    await page.keyboard.press("ArrowDown");
    const focused = () => page.evaluate(() => document.querySelector("journey-map").shadowRoot.activeElement?.dataset.export ?? null);
    assert.equal(await exportButton.getAttribute("aria-expanded"), "true");
    assert.equal(await focused(), "json");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), "svg");
    await page.keyboard.press("End");
    assert.equal(await focused(), "paste-mermaid");
    await page.screenshot({ path: new URL("files-export-menu.png", out).pathname, clip: { x: 0, y: 0, width: 900, height: 420 } });
    await page.keyboard.press("Escape");
    assert.equal(await exportButton.getAttribute("aria-expanded"), "false");
    assert.ok(await page.getByRole("menu").isHidden());
    assert.equal(await page.evaluate(() => document.querySelector("journey-map").shadowRoot.activeElement?.dataset.action), "export", "focus goes back to Export");

    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowUp");
    assert.equal(await focused(), "paste-mermaid");
    await page.keyboard.press("ArrowUp");
    assert.equal(await focused(), "mmd");
    await page.keyboard.press("ArrowUp");
    assert.equal(await focused(), "csv");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    assert.equal(download.suggestedFilename(), "buying-a-smartphone-online-touchpoints.csv");

    // A click elsewhere closes the menu.
    await exportButton.click();
    assert.ok(await page.getByRole("menu").isVisible());
    await page.locator("journey-map .jg-title").click();
    assert.ok(await page.getByRole("menu").isHidden());

    await exportButton.click();
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
    });
    assert.deepEqual(violations, [], "no serious accessibility problem with the menu open");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a readonly map exports but does not import", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await page.evaluate(() => document.querySelector("journey-map").setAttribute("readonly", ""));
    const before = await journeyText(page);
    assert.ok(await page.getByRole("button", { name: "Import", exact: true }).isHidden());
    const { bytes } = await exportAs(page, "JSON");
    assert.equal(bytes.toString("utf8"), before);
    const handled = await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "x.json", { type: "application/json" }));
      return !document.querySelector("journey-map").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    }, JSON.stringify(smallJourney("Nope", [{ name: "A" }])));
    assert.equal(handled, false, "a drop is left to the page");
    await page.waitForTimeout(200);
    assert.equal(await journeyText(page), before);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("an edit is saved in the browser and there after a reload", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    assert.equal(await page.locator("#jg-save-state").textContent(), "", "opening the sample saves nothing");
    await page.getByRole("button", { name: "Add stage" }).click();
    await page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });
    const edited = await journeyText(page);
    assert.equal(JSON.parse(edited).stages.length, sample.stages.length + 1);

    await page.reload();
    await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map");
    assert.equal(await journeyText(page), edited);
    assert.equal(await page.locator("journey-map .jg-stage").count(), sample.stages.length + 1);
    assert.equal(await page.locator("#jg-save-state").textContent(), "Opened from this browser");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a change is saved even when the page is hidden before the save delay", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await page.getByRole("button", { name: "Add stage" }).click();
    // Straight away, well inside the debounce: hiding the page flushes it.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    const [stored] = await libraryTexts(page);
    assert.equal(stored, await journeyText(page));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("New blank journey and New from sample open a new journey and are saved", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    // After an import the element owns its journey; replacing it must still be clean.
    await importFile(page, "small.json", JSON.stringify(smallJourney("Small", [{ name: "A" }, { name: "B", goal: true }])));
    await page.locator("journey-map .jg-title", { hasText: "Small" }).waitFor();
    await page.getByRole("button", { name: "New blank journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "New journey" }).waitFor();
    await page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });
    await page.reload();
    await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map");
    assert.equal(await page.locator("journey-map .jg-title").textContent(), "New journey");
    assert.equal(await page.locator("journey-map g.jg-card").count(), 0);

    await page.getByRole("button", { name: "New from sample" }).click();
    await page.locator("journey-map .jg-title", { hasText: sample.title }).waitFor();
    await page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });
    await page.reload();
    await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map");
    assert.equal(await page.locator("journey-map g.jg-card").count(), sample.touchpoints.length);
    // Many replacements in a row leave a working editor.
    for (let i = 0; i < 5; i += 1) {
      await page.getByRole("button", { name: "New blank journey" }).click();
      await page.getByRole("button", { name: "New from sample" }).click();
    }
    await page.getByRole("button", { name: "Add stage" }).click();
    assert.equal(JSON.parse(await journeyText(page)).stages.length, sample.stages.length + 1);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a full storage quota is shown, with a backup download of the current journey", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp({
    init: () => {
      IDBObjectStore.prototype.put = function put() {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    },
  });
  try {
    const banner = page.locator("#jg-storage-problem");
    assert.ok(await banner.isHidden(), "nothing to report before a save is tried");
    await page.getByRole("button", { name: "Add stage" }).click();
    await banner.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await banner.textContent(), /could not be saved in this browser \(QuotaExceededError/);
    assert.equal(await page.locator("#jg-save-state").textContent(), "Not saved");
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: new URL("files-quota.png", out).pathname, clip: { x: 0, y: 0, width: 1280, height: 260 } });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      banner.getByRole("button", { name: "Download a backup" }).click(),
    ]);
    const backup = readFileSync(await download.path(), "utf8");
    assert.equal(backup, await journeyText(page), "the backup is the journey as it is now");
    assert.equal(JSON.parse(backup).stages.length, sample.stages.length + 1, "including the unsaved change");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a saved journey that cannot be opened is reported, the sample is shown, and the saved text is kept until a change", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const corrupt = '{"format": "journeygraph", "version": 1, "title": "Half-writ';
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, corrupt]);
    await page.reload();
    await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map");
    const error = page.locator("#jg-error");
    assert.ok(await error.isVisible());
    assert.match(await error.textContent(), /could not be opened, so the sample is shown[\s\S]*not valid JSON/);
    assert.equal(await page.locator("journey-map .jg-title").textContent(), sample.title);
    await page.screenshot({ path: new URL("files-corrupt.png", out).pathname, clip: { x: 0, y: 0, width: 1280, height: 320 } });

    // Not overwritten by opening the sample, by time passing, or by hiding the page.
    await page.waitForTimeout(800);
    await page.evaluate(() => dispatchEvent(new Event("pagehide")));
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), corrupt);
    await page.reload();
    await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map");
    assert.ok(await error.isVisible(), "still reported after another reload");
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), corrupt);

    // The saved text can be downloaded as it is.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      error.getByRole("button", { name: "Download the saved journey" }).click(),
    ]);
    assert.equal(readFileSync(await download.path(), "utf8"), corrupt);

    // The user's first change is saved (in the library), and then the unreadable text goes.
    await page.getByRole("button", { name: "Add stage" }).click();
    await page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });
    assert.deepEqual(await libraryTexts(page), [await journeyText(page)]);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), null);
    const unexpected = problems.filter((p) => !p.startsWith("console.error: journeygraph: The journey saved in this browser could not be opened"));
    assert.deepEqual(unexpected, []);
  } finally {
    await page.close();
  }
});
