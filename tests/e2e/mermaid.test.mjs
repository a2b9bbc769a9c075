// Mermaid journeys in Chromium: (a) the text journeygraph/mermaid exports
// renders in Mermaid itself (the mermaid npm package, tests/package.json),
// with every section and task; (b) the app's visible controls open a .mmd
// file, refuse a bad one with its line (the open journey unchanged), open
// pasted Mermaid text, and export Mermaid (.mmd).
//   bash tools/build.sh && cd tests && node --test e2e/mermaid.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage } from "./browser.mjs";
import { toMermaid, fromMermaid, parseMermaid } from "../../pkg/mermaid/index.js";

const require = createRequire(import.meta.url);
const MERMAID_JS = require.resolve("mermaid/dist/mermaid.min.js");
const sample = JSON.parse(readFileSync(new URL("../../src/format/sample.json", import.meta.url), "utf8"));

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const DOCS_EXAMPLE = `journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
`;

/** Mermaid's rendering of `text` in Chromium: the SVG's texts. */
async function renderInMermaid(page, text) {
  await page.setContent("<!doctype html><html><body><div id=out></div></body></html>");
  await page.addScriptTag({ path: MERMAID_JS });
  return page.evaluate(async (source) => {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    const { svg } = await window.mermaid.render("journey-svg", source);
    const out = document.getElementById("out");
    out.innerHTML = svg; // Mermaid's own SVG (sanitised by it), in a test page only
    return [...out.querySelectorAll("svg text")].map((t) => t.textContent.trim()).filter(Boolean);
  }, text);
}

test("the exported sample renders in Mermaid with all its sections and tasks", async () => {
  const { page, problems } = await openPage(env.browser);
  try {
    const { text } = toMermaid(sample);
    const texts = await renderInMermaid(page, text);
    const diagram = parseMermaid(text);
    assert.ok(texts.includes(sample.title), `the title in ${JSON.stringify(texts.slice(0, 10))}`);
    for (const section of diagram.sections) {
      assert.ok(texts.includes(section.name), `section “${section.name}” drawn`);
      for (const task of section.tasks) assert.ok(texts.includes(task.name), `task “${task.name}” drawn`);
    }
    // The documentation's example after a trip through journeygraph renders too.
    const again = await renderInMermaid(page, toMermaid(fromMermaid(DOCS_EXAMPLE).journey).text);
    for (const name of ["Go to work", "Go home", "Make tea", "Do work", "Sit down"]) assert.ok(again.includes(name), name);
    // Names with Mermaid's own syntax in them (# : ;) go out as entities and are drawn as written.
    const odd = fromMermaid("journey\ntitle T\nsection Step #35;1#59; start\n  Pay #58; card #35;2: 2: Ann\n").journey;
    const drawn = await renderInMermaid(page, toMermaid(odd).text);
    assert.ok(drawn.includes("Step #1; start"), JSON.stringify(drawn));
    assert.ok(drawn.includes("Pay : card #2"), JSON.stringify(drawn));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

/** Opens the app and waits until the map is drawn. */
async function openApp() {
  const { page, problems } = await openPage(env.browser);
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { timeout: 15000 });
  return { page, problems };
}

async function importFile(page, name, text) {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByRole("button", { name: "Import", exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
}

const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());
const touchpointNames = async (page) => JSON.parse(await journeyText(page)).touchpoints.map((t) => t.name);

test("the app opens a .mmd file, refuses a bad one with its line, opens pasted Mermaid and exports Mermaid", async () => {
  const { page, problems } = await openApp();
  try {
    const loaded = [];
    page.on("request", (r) => {
      if (r.url().includes("/mermaid/")) loaded.push(r.url());
    });
    // A bad file first: an error with the line, the sample still open.
    const before = await journeyText(page);
    await importFile(page, "bad.mmd", "journey\n  section A\n    Make tea: 9: Me\n");
    const box = page.locator("journey-map .jg-error");
    await box.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await box.textContent(), /Line 3: .*score 9.*unchanged/);
    assert.equal(await journeyText(page), before, "the open journey is intact");
    assert.equal(loaded.length, 1, `the mermaid module loaded on first use: ${loaded}`);

    // The documentation's example.
    await importFile(page, "working-day.mmd", DOCS_EXAMPLE);
    await page.getByText(/Opened Mermaid “working-day.mmd”/).waitFor({ timeout: 5000 });
    assert.deepEqual(await touchpointNames(page), ["Make tea", "Go upstairs", "Do work", "Go downstairs", "Sit down"]);
    assert.equal(JSON.parse(await journeyText(page)).title, "My working day");

    // Pasted text: a bad line is said in the dialog, which stays open; a good one opens.
    await page.getByRole("button", { name: "Export", exact: true }).click();
    await page.getByRole("menuitem", { name: /Paste Mermaid/ }).click();
    const dialog = page.getByRole("dialog", { name: "Open a Mermaid journey" });
    await dialog.waitFor();
    await dialog.getByRole("textbox").fill("journey\ntitle Pasted <b>bold</b>\nsection One\n  First #35;1: 4: Ann\n  oops no colon\n");
    await dialog.getByRole("button", { name: "Open" }).click();
    await dialog.getByRole("alert").getByText(/Line 5:/).waitFor();
    assert.deepEqual(await touchpointNames(page), ["Make tea", "Go upstairs", "Do work", "Go downstairs", "Sit down"], "unchanged");
    await dialog.getByRole("textbox").fill("journey\ntitle Pasted <b>bold</b>\nsection One\n  First #35;1: 4: Ann\n  Second: 2\n");
    await dialog.getByRole("button", { name: "Open" }).click();
    await dialog.waitFor({ state: "detached" });
    const pasted = JSON.parse(await journeyText(page));
    assert.equal(pasted.title, "Pasted <b>bold</b>");
    assert.deepEqual(pasted.touchpoints.map((t) => [t.name, t.emotion, t.owner]), [["First #1", 0.5, "Ann"], ["Second", -0.5, undefined]]);
    assert.equal(await page.locator("journey-map b").count(), 0, "user text never becomes markup");

    // A .mmd file dropped on the map opens too (and Undo import takes it back).
    await page.evaluate((text) => {
      const el = document.querySelector("journey-map");
      const dt = new DataTransfer();
      dt.items.add(new File([text], "dropped.mmd", { type: "" }));
      for (const type of ["dragenter", "dragover", "drop"]) el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    }, "journey\nsection Dropped\n  Only task: 3: Bo\n");
    await page.getByText(/Opened Mermaid “dropped.mmd”/).waitFor({ timeout: 5000 });
    assert.deepEqual(await touchpointNames(page), ["Only task"]);
    await page.getByRole("button", { name: "Undo import" }).click();
    assert.deepEqual(JSON.parse(await journeyText(page)), pasted, "Undo import gives the pasted journey back");

    // Export Mermaid (.mmd) from the menu; it reopens as the whole journey.
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: /Mermaid \(\.mmd\)/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "pasted-b-bold-b.mmd");
    const text = readFileSync(await download.path(), "utf8");
    assert.match(text, /^journey\n {2}title Pasted <b>bold<\/b>\n {2}section One\n {4}First #35;1: 4: Ann\n {4}Second: 2\n%% journeygraph: /);
    await page.getByText(/Exported Mermaid\. The diagram does not show/).waitFor();
    const back = fromMermaid(text);
    assert.equal(back.source, "embedded");
    assert.deepEqual(back.journey, pasted);
    // A journeygraph line the core refuses (a dropout out of range, which the visible diagram
    // does not show, so it still matches): the visible diagram opens, with a note.
    const tampered = text.replace('"emotion":0.5', '"emotion":0.5,"dropout":7');
    assert.notEqual(tampered, text);
    await importFile(page, "tampered.mmd", tampered);
    await page.getByText(/was refused .* so the visible diagram was imported/).waitFor({ timeout: 5000 });
    assert.deepEqual(await touchpointNames(page), ["First #1", "Second"]);
    assert.equal(loaded.length, 1, "loaded once");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
