// Selecting a touchpoint (a click on its card, Enter on it, Escape or a
// click on the empty map to go back to the journey) draws only what the
// selection changes: the cards it leaves and reaches and the inspector
// (draw.js selectOnly). It reads neither the journey's view nor its layout
// from the core again and keeps the map drawn, on the sample and on the
// 10,000-touchpoint reference, where drawing everything held the page for
// most of a second at each click. An edit after it still draws the
// journey. Counted (core calls, DOM nodes), not timed.
//   bash tools/build.sh && cd tests && node --test e2e/select.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, eventually } from "./browser.mjs";
import { referenceJSON } from "../reference.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The app with the sample, or with `text` open; the inspector in and the figures exact. */
async function openApp(text = null) {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  if (text) await page.evaluate((t) => { document.querySelector("journey-map").journey = t; }, text);
  await page.waitForSelector("journey-map [part=inspector] .jg-panel", { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector("[part=figures]").hasAttribute("aria-busy"), null, { timeout: 30000 });
  return { page, problems, map: page.locator("journey-map .jg-canvas svg.jg-map"), inspector: page.locator("journey-map [part=inspector]") };
}

/**
 * In the page: counts the calls of the journey's view(), layout(),
 * toJSON() and analyze() from now on (the real methods, counted), and
 * marks the map drawn now; `window.jgCalls()` reads them.
 */
const COUNT = `(() => {
  const el = document.querySelector("journey-map");
  const j = el.journey;
  const calls = { view: 0, layout: 0, toJSON: 0, analyze: 0 };
  for (const name of Object.keys(calls)) {
    const real = j[name];
    j[name] = function (...args) { calls[name] += 1; return real.apply(this, args); };
  }
  const map = el.shadowRoot.querySelector(".jg-canvas svg.jg-map");
  window.jgCalls = () => ({ ...calls, sameMap: el.shadowRoot.querySelector(".jg-canvas svg.jg-map") === map });
})()`;

/** What the map and the inspector say is selected: the cards marked, aria-pressed, the Tab stops, the panel's heading. */
async function shown(page) {
  return page.evaluate(() => {
    const root = document.querySelector("journey-map").shadowRoot;
    const cards = [...root.querySelectorAll(".jg-canvas g.jg-card")];
    return {
      marked: cards.filter((g) => g.classList.contains("jg-card-selected")).map((g) => g.dataset.id),
      pressed: cards.filter((g) => g.getAttribute("aria-pressed") === "true").map((g) => g.dataset.id),
      tabStops: cards.filter((g) => g.getAttribute("tabindex") === "0").length,
      heading: root.querySelector("[part=inspector] .jg-panel h3")?.textContent ?? null,
    };
  });
}

const NO_CALLS = { view: 0, layout: 0, toJSON: 0, analyze: 0, sameMap: true };

test("selecting by mouse and keyboard on the sample reads no view or layout and keeps the map; an edit then draws the journey", { timeout: 60000 }, async () => {
  const { page, problems, map, inspector } = await openApp();
  try {
    const names = await page.evaluate(() => Object.fromEntries(document.querySelector("journey-map").journey.toObject().touchpoints.map((t) => [t.id, t.name])));
    await page.evaluate(COUNT);
    const card = (id) => map.locator(`g.jg-card[data-id="${id}"]`);

    await card("checkout").click();
    assert.deepEqual(await shown(page), { marked: ["checkout"], pressed: ["checkout"], tabStops: 1, heading: names.checkout });
    assert.equal(await page.evaluate(() => document.querySelector("journey-map").selected), "checkout");
    await card("unboxing").click();
    assert.deepEqual(await shown(page), { marked: ["unboxing"], pressed: ["unboxing"], tabStops: 1, heading: names.unboxing });
    // The panel is the touchpoint's: its list of targets, grouped by stage, is there at once on a small journey.
    assert.ok(await inspector.getByLabel("Add a transition to").locator("optgroup").count() > 0);
    assert.deepEqual(await page.evaluate(() => window.jgCalls()), NO_CALLS, "clicks on cards");

    // Escape on the selected card: the journey's panel.
    await page.keyboard.press("Escape");
    const journeyPanel = await shown(page);
    assert.deepEqual({ ...journeyPanel, heading: undefined }, { marked: [], pressed: [], tabStops: 1, heading: undefined });
    assert.equal(await inspector.getByLabel("Title", { exact: true }).count(), 1, "the journey's panel");
    // By keyboard: Enter selects the focused card, an arrow moves focus, Enter selects the next.
    await card("unboxing").focus();
    await page.keyboard.press("Enter");
    assert.deepEqual((await shown(page)).marked, ["unboxing"]);
    await page.keyboard.press("ArrowDown");
    const next = await page.evaluate(() => document.querySelector("journey-map").shadowRoot.activeElement?.dataset.id);
    assert.ok(next && next !== "unboxing", `focus moved to another card: ${next}`);
    await page.keyboard.press("Enter");
    assert.deepEqual(await shown(page), { marked: [next], pressed: [next], tabStops: 1, heading: names[next] });
    // A click on the map where there is no card: nothing selected.
    const empty = await page.evaluate(() => {
      const root = document.querySelector("journey-map").shadowRoot;
      const r = root.querySelector(".jg-canvas").getBoundingClientRect();
      for (let y = r.top + 60; y < Math.min(r.bottom, innerHeight) - 10; y += 15) {
        for (let x = r.left + 10; x < Math.min(r.right, innerWidth) - 10; x += 15) {
          const hit = root.elementFromPoint(x, y);
          if (hit?.matches("svg.jg-map, rect.jg-column")) return { x, y };
        }
      }
      return null;
    });
    assert.ok(empty, "a place on the map with no card or arrow");
    await page.mouse.click(empty.x, empty.y);
    assert.deepEqual((await shown(page)).marked, []);
    assert.equal(await page.evaluate(() => document.querySelector("journey-map").selected), null);
    // The host's select(), as the How sure panel and the attribution table call it.
    await page.evaluate(() => document.querySelector("journey-map").select("checkout"));
    assert.deepEqual(await shown(page), { marked: ["checkout"], pressed: ["checkout"], tabStops: 1, heading: names.checkout });
    assert.deepEqual(await page.evaluate(() => window.jgCalls()), NO_CALLS, "Escape, keys, a click on the empty map, select()");

    // An edit after the selections draws the journey (and the card it renamed), the selection kept.
    await inspector.getByLabel("Name", { exact: true }).fill("Pays at last");
    await inspector.getByLabel("Name", { exact: true }).press("Enter");
    await eventually(() => page.evaluate(() => window.jgCalls()), (c) => c.layout > 0 && c.view > 0, "the edit drew the journey");
    await eventually(() => card("checkout").locator(".jg-card-name").textContent(), (t) => t.includes("Pays at last"), "the card shows its new name");
    assert.deepEqual(await shown(page), { marked: ["checkout"], pressed: ["checkout"], tabStops: 1, heading: "Pays at last" });
    // Undo: drawn again; selecting another card after it is the selection alone again.
    await page.keyboard.press("Escape");
    await page.evaluate(() => document.querySelector("journey-map").undo());
    await eventually(() => card("checkout").locator(".jg-card-name").textContent(), (t) => t.includes(names.checkout), "undone");
    const after = await page.evaluate(() => window.jgCalls());
    await card("unboxing").click();
    assert.deepEqual(await shown(page), { marked: ["unboxing"], pressed: ["unboxing"], tabStops: 1, heading: names.unboxing });
    const last = await page.evaluate(() => window.jgCalls());
    assert.deepEqual({ view: last.view - after.view, layout: last.layout - after.layout }, { view: 0, layout: 0 }, "a selection after the undo");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("on the 10,000-touchpoint reference a click on a card reads no view or layout and builds a panel of a few hundred nodes; its list of targets fills when focused", { timeout: 180000 }, async () => {
  const { page, problems, map, inspector } = await openApp(referenceJSON(10000, 3));
  try {
    const ids = await page.evaluate(() => [...document.querySelector("journey-map").shadowRoot.querySelectorAll(".jg-canvas g.jg-card")]
      .filter((g) => { const r = g.getBoundingClientRect(); return r.top > 100 && r.bottom < 800 && r.left > 0 && r.right < 900; })
      .slice(0, 3).map((g) => g.dataset.id));
    assert.equal(ids.length, 3);
    await page.evaluate(COUNT);
    const panelNodes = () => page.evaluate(() => document.querySelector("journey-map").shadowRoot.querySelector("[part=inspector] .jg-panel").querySelectorAll("*").length);
    for (const id of ids) {
      await map.locator(`g.jg-card[data-id="${id}"]`).click();
      const now = await shown(page);
      assert.deepEqual({ marked: now.marked, pressed: now.pressed, tabStops: now.tabStops }, { marked: [id], pressed: [id], tabStops: 1 });
      const nodes = await panelNodes();
      assert.ok(nodes < 1000, `the touchpoint's panel has ${nodes} nodes (its list of 10,000 targets waits to be opened)`);
    }
    await page.keyboard.press("Escape");
    assert.deepEqual((await shown(page)).marked, []);
    assert.deepEqual(await page.evaluate(() => window.jgCalls()), NO_CALLS, "three clicks and Escape on the 10,000 reference");

    // The list of targets: its first line until focused, then every touchpoint the card does not lead to yet.
    await map.locator(`g.jg-card[data-id="${ids[0]}"]`).click();
    const target = inspector.getByLabel("Add a transition to");
    assert.equal(await target.locator("option").count(), 1);
    await target.focus();
    const { options, leads } = await page.evaluate((id) => {
      const root = document.querySelector("journey-map").shadowRoot;
      const file = document.querySelector("journey-map").journey.toObject();
      const select = [...root.querySelectorAll("[part=inspector] select")].find((s) => s.dataset.key === "add-target");
      return { options: select.options.length, leads: new Set(file.transitions.filter((t) => t.from === id).map((t) => t.to)).size };
    }, ids[0]);
    assert.equal(options, 1 + 10000 - leads, "the first line and every touchpoint not led to yet (itself as a loop)");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
