// The trial of issue 14, replayed: a designer maps a bank's account opening
// (5 stages, 10 touchpoints, 13 transitions) in the app, starting from "New
// blank journey", and draws every transition on the map itself — once by
// keyboard ("Connect to…": C, a few letters, Enter), once by mouse (a drag
// from a card's connector, and two weights set on their arrows). The trial
// needed about 60 actions for 13 transitions; "Done when" asks for at most 3
// per transition.
//
// How actions are counted (the `Count` below): every click, every key press
// (a chord such as Control+Z is one) and every drag is one action. A string
// typed into a box (the few letters of the search, a weight) is counted
// apart, as one "typing" per string with its letters, and reported: the
// brief counts "focus card, C, type a few letters, Enter" as 3 actions. A
// mouse move that only hovers (to show a card's connector) is no action.
// The assertion is on actions; the report prints both.
//
//   bash tools/build.sh && cd tests && node --test e2e/bank.test.mjs

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { start, openPage, eventually } from "./browser.mjs";

const shots = new URL("./screenshots/", import.meta.url);
mkdirSync(shots, { recursive: true });

const STAGES = ["Discover", "Apply", "Verify", "Open", "First use"];
/** [name, stage] in the order the designer adds them. */
const TOUCHPOINTS = [
  ["Ad", "Discover"], ["Website", "Discover"],
  ["App download", "Apply"], ["Application form", "Apply"],
  ["ID upload", "Verify"], ["Video ID check", "Verify"], ["Branch visit", "Verify"],
  ["Account opened", "Open"], ["Card arrives", "Open"],
  ["First payment", "First use"],
];
/**
 * The 13 transitions: [from, to, what the designer types to find `to`, the
 * weight set by mouse (1: left at the drag's weight 1)]. Two go back: the
 * form sends people back to the website, a failed video check back to the upload.
 */
const TRANSITIONS = [
  ["Ad", "Website", "web", 1],
  ["Website", "App download", "app", 1],
  ["Website", "Application form", "form", 5],
  ["App download", "Application form", "form", 1],
  ["Application form", "ID upload", "id", 1],
  ["Application form", "Website", "web", 1],
  ["ID upload", "Video ID check", "vid", 3],
  ["ID upload", "Branch visit", "bra", 1],
  ["Video ID check", "Account opened", "acc", 1],
  ["Video ID check", "ID upload", "id", 1],
  ["Branch visit", "Account opened", "acc", 1],
  ["Account opened", "Card arrives", "ca", 1],
  ["Card arrives", "First payment", "pay", 1],
];

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Counts a user's actions per step: clicks, key presses and drags; typed strings apart. */
class Count {
  constructor(page) {
    this.page = page;
    this.steps = [];
    this.now = null;
  }
  begin(label) {
    this.now = { label, actions: 0, typed: [], log: [] };
    this.steps.push(this.now);
  }
  #act(what) {
    this.now.actions += 1;
    this.now.log.push(what);
  }
  async click(locator, what = "click") {
    await locator.click();
    this.#act(what);
  }
  async clickAt(x, y, what = "click") {
    await this.page.mouse.click(x, y);
    this.#act(what);
  }
  async press(key) {
    await this.page.keyboard.press(key);
    this.#act(key);
  }
  async select(locator, label) {
    // A <select>: open it and pick = two actions.
    await locator.selectOption({ label });
    this.#act("open list");
    this.#act(`pick ${label}`);
  }
  async type(text) {
    await this.page.keyboard.type(text);
    this.now.typed.push(text);
    this.now.log.push(`type "${text}"`);
  }
  /** Presses the mouse at `from`, moves in steps to `to`, releases: one drag. */
  async drag(from, to) {
    const m = this.page.mouse;
    await m.move(from.x, from.y);
    await m.down();
    for (let i = 1; i <= 8; i += 1) await m.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
    await m.up();
    this.#act("drag");
  }
  /** The steps whose label starts with `prefix`. */
  of(prefix) {
    return this.steps.filter((s) => s.label.startsWith(prefix));
  }
  report(title) {
    const lines = this.steps.map((s) => `  ${s.label}: ${s.actions} action${s.actions === 1 ? "" : "s"}`
      + `${s.typed.length ? ` + typed ${s.typed.map((t) => JSON.stringify(t)).join(", ")}` : ""} (${s.log.join(", ")})`);
    console.log(`${title}\n${lines.join("\n")}`);
  }
}

const editor = (page) => page.locator("journey-map");
const inspector = (page) => page.locator("journey-map [part=inspector]");
const mapOf = (page) => page.locator("journey-map svg.jg-map");
const journey = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toObject());
const idOf = (j, name) => {
  const tp = j.touchpoints.find((t) => t.name === name);
  assert.ok(tp, `a touchpoint named ${name}`);
  return tp.id;
};
const card = (page, id) => mapOf(page).locator(`g.jg-card[data-id="${id}"]`);
const focusedCard = (page) => page.evaluate(() => document.querySelector("journey-map").shadowRoot.activeElement?.closest?.("g.jg-card")?.dataset.id ?? null);
const centre = (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The journey's transitions by name, sorted: "from → to ×weight". */
const transitionsByName = (j) => {
  const name = new Map(j.touchpoints.map((t) => [t.id, t.name]));
  return j.transitions.map((t) => `${name.get(t.from)} → ${name.get(t.to)} ×${t.weight ?? 1}`).sort();
};

/**
 * Opens the app at 1440×900 and builds the bank's stages and touchpoints
 * through the toolbar and the inspector, counting those actions ("setup").
 */
async function buildCards({ width = 1440, height = 900 } = {}) {
  const { page, problems } = await openPage(env.browser, { width, height });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  const count = new Count(page);
  count.begin("setup: new blank journey");
  await count.click(page.getByRole("button", { name: "New blank journey" }));
  await editor(page).locator(".jg-title", { hasText: "New journey" }).waitFor();
  assert.equal((await journey(page)).touchpoints.length, 0);

  // The blank journey's three stages renamed, two more added.
  const blank = (await journey(page)).stages.length;
  for (let i = 0; i < STAGES.length; i += 1) {
    count.begin(`setup: stage ${STAGES[i]}`);
    if (i < blank) {
      const field = inspector(page).getByLabel(`Name of stage ${i + 1}`, { exact: true });
      await count.click(field);
      await count.press("Control+a");
    } else {
      await count.click(editor(page).getByRole("button", { name: "Add stage" }));
      assert.ok(await inspector(page).getByLabel(`Name of stage ${i + 1}`, { exact: true }).evaluate((e) => e.matches(":focus")), "the new stage's name is ready to type");
    }
    await count.type(STAGES[i]);
    await count.press("Enter");
  }
  assert.deepEqual((await journey(page)).stages.map((s) => s.name), STAGES);

  // Each touchpoint: Add touchpoint (it goes in the selected card's stage), its name, its stage if another.
  for (const [name, stage] of TOUCHPOINTS) {
    count.begin(`setup: touchpoint ${name}`);
    await count.click(editor(page).getByRole("button", { name: "Add touchpoint" }));
    const field = inspector(page).getByLabel("Name", { exact: true });
    assert.ok(await field.evaluate((e) => e.matches(":focus")), "the new touchpoint's name is ready to type");
    await count.type(name);
    await count.press("Enter");
    const j = await journey(page);
    const tp = j.touchpoints.find((t) => t.name === name);
    assert.ok(tp, `${name} was added`);
    if (j.stages.find((s) => s.id === tp.stage).name !== stage) {
      await count.select(inspector(page).getByLabel("Stage", { exact: true }), stage);
    }
  }
  const j = await journey(page);
  const stageName = new Map(j.stages.map((s) => [s.id, s.name]));
  assert.deepEqual(j.touchpoints.map((t) => [t.name, stageName.get(t.stage)]), TOUCHPOINTS, "ten touchpoints, each in its stage");
  assert.equal(j.transitions.length, 0);
  assert.equal(await mapOf(page).locator("g.jg-card").count(), TOUCHPOINTS.length, "the map shows them");
  return { page, problems, count };
}

/** Asserts the journey holds exactly the 13 transitions, with `weight(t)` each. */
async function assertAll(page, weight) {
  const names = (j) => transitionsByName(j);
  const want = TRANSITIONS.map((t) => `${t[0]} → ${t[1]} ×${weight(t)}`).sort();
  const j = await eventually(() => journey(page), (v) => names(v).join("\n") === want.join("\n"), "the journey holds the 13 transitions");
  assert.deepEqual(names(j), want);
  assert.equal(await mapOf(page).locator("path.jg-arrow").count(), TRANSITIONS.length, "the map draws 13 arrows");
}

/** Per transition: at most 3 actions; returns the totals. */
function assertAtMostThree(count) {
  const steps = count.of("transition");
  assert.equal(steps.length, TRANSITIONS.length);
  for (const s of steps) assert.ok(s.actions <= 3, `${s.label}: ${s.actions} actions (${s.log.join(", ")})`);
  const setup = count.of("setup").reduce((n, s) => n + s.actions, 0);
  const actions = steps.reduce((n, s) => n + s.actions, 0);
  const typed = steps.reduce((n, s) => n + s.typed.length, 0);
  const letters = steps.reduce((n, s) => n + s.typed.join("").length, 0);
  return { setup, actions, typed, letters };
}

/**
 * Moves keyboard focus on the map from the focused card to card `id`, each
 * key counted, as a keyboard user would: PageDown / PageUp when it is the
 * next / previous card in the journey's order, else the arrow keys.
 */
async function keysTo(page, count, id) {
  for (let n = 0; n < 8; n += 1) {
    const at = await focusedCard(page);
    if (at === id) return;
    const key = await page.evaluate(([from, to]) => {
      const map = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
      const cards = [...map.querySelectorAll("g.jg-card")].map((g) => {
        const [, x, y] = /translate\(([-\d.e]+)[ ,]+([-\d.e]+)/.exec(g.getAttribute("transform"));
        return { id: g.dataset.id, x: +x, y: +y, stage: g.dataset.stage };
      });
      const a = cards.find((c) => c.id === from);
      const b = cards.find((c) => c.id === to);
      // The journey's order: stage columns left to right, each top to bottom.
      const order = [...cards].sort((p, q) => p.x - q.x || p.y - q.y).map((c) => c.id);
      const step = order.indexOf(to) - order.indexOf(from);
      if (step === 1) return "PageDown";
      if (step === -1) return "PageUp";
      if (a.stage !== b.stage) return b.x < a.x ? "ArrowLeft" : "ArrowRight";
      return b.y < a.y ? "ArrowUp" : "ArrowDown";
    }, [at, id]);
    await count.press(key);
  }
  assert.fail(`could not reach ${id} by keyboard`);
}

/** The middle of the part of card `id` that shows in the map's scrolling region (a card half under its edge is dropped on where it shows). */
async function visibleMiddle(page, id) {
  const box = await card(page, id).boundingBox();
  const view = await page.evaluate(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas").getBoundingClientRect().toJSON());
  const left = Math.max(box.x, view.left);
  const right = Math.min(box.x + box.width, view.right - 16); // not on the scroll bar
  const top = Math.max(box.y, view.top);
  const bottom = Math.min(box.y + box.height, view.bottom - 16);
  assert.ok(right - left > 20 && bottom - top > 20, `card ${id} shows on the map (${JSON.stringify(box)} in ${JSON.stringify(view)})`);
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
}

test("the bank journey by keyboard: each of the 13 transitions in at most 3 actions (Connect to…), exactly as meant; undo takes the last back", { timeout: 120000 }, async () => {
  const { page, problems, count } = await buildCards();
  try {
    // Into the map: Escape leaves the name field for the selected card (First payment).
    count.begin("setup: into the map");
    await count.press("Escape");
    assert.equal(await focusedCard(page), idOf(await journey(page), "First payment"), "Escape went to the card");
    const popup = page.locator("journey-map .jg-connect-popup");
    for (const [from, to, letters] of TRANSITIONS) {
      count.begin(`transition ${from} → ${to}`);
      const j = await journey(page);
      const [a, b] = [idOf(j, from), idOf(j, to)];
      if (await focusedCard(page) !== a) {
        // The first card of the journey is Home away; the others PageDown (the next one) or a few arrow keys.
        if (from === TOUCHPOINTS[0][0]) await count.press("Home");
        else await keysTo(page, count, a);
      }
      assert.equal(await focusedCard(page), a, `focus is on ${from}`);
      await count.press("c");
      await popup.waitFor();
      assert.ok(await popup.getByRole("combobox").evaluate((e) => e.matches(":focus")), "the search has focus");
      await count.type(letters);
      const highlighted = await popup.locator("[role=option][aria-selected=true]").getAttribute("data-id");
      assert.equal(highlighted, b, `typing "${letters}" highlights ${to} first (offered: ${await popup.locator("[role=option]").allTextContents()})`);
      await count.press("Enter");
      await eventually(() => journey(page), (v) => v.transitions.some((t) => t.from === a && t.to === b), `${from} → ${to} was added`);
      assert.equal(await popup.count(), 0, "the list closed");
      assert.equal(await focusedCard(page), a, "focus is back on the card it started from");
    }
    const totals = assertAtMostThree(count);
    await assertAll(page, () => 1);
    count.report("bank journey by keyboard");
    console.log(`  totals: setup ${totals.setup} actions; 13 transitions ${totals.actions} actions + ${totals.typed} typed strings (${totals.letters} letters)`);

    // Undo takes the last transition back, and only it.
    await page.keyboard.press("Control+z");
    const last = TRANSITIONS.at(-1);
    const j = await eventually(() => journey(page), (v) => v.transitions.length === TRANSITIONS.length - 1, "undo removed one transition");
    assert.ok(!transitionsByName(j).includes(`${last[0]} → ${last[1]} ×1`), "the last one");
    assert.equal(await mapOf(page).locator("path.jg-arrow").count(), TRANSITIONS.length - 1);
    await page.keyboard.press("Control+Shift+z");
    await assertAll(page, () => 1);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the bank journey by mouse: each transition one drag from a card's connector, two weights set on their arrows, at most 3 actions each; undo and redo", { timeout: 120000 }, async () => {
  const { page, problems, count } = await buildCards();
  try {
    const map = mapOf(page);
    const dot = map.locator(".jg-connector");
    for (const [from, to, , weight] of TRANSITIONS) {
      count.begin(`transition ${from} → ${to}`);
      const j = await journey(page);
      const [a, b] = [idOf(j, from), idOf(j, to)];
      const source = await visibleMiddle(page, a);
      await page.mouse.move(source.x, source.y); // hover: the connector shows
      await eventually(() => dot.getAttribute("data-id"), (v) => v === a, `the connector is on ${from}`);
      await count.drag(centre(await dot.boundingBox()), await visibleMiddle(page, b));
      await eventually(() => journey(page), (v) => v.transitions.some((t) => t.from === a && t.to === b), `${from} → ${to} was added by the drag`);
      if (weight !== 1) {
        // Its arrow, clicked where it is (its middle, along the path): the weight box opens.
        const arrow = map.locator(`path.jg-arrow[data-from="${a}"][data-to="${b}"]`);
        const at = await arrow.evaluate((p) => {
          const pt = p.getPointAtLength(p.getTotalLength() / 2);
          const s = new DOMPoint(pt.x, pt.y).matrixTransform(p.getScreenCTM());
          return { x: s.x, y: s.y };
        });
        await count.clickAt(at.x, at.y, "click arrow");
        const box = page.locator("journey-map .jg-weight-popup");
        await box.waitFor();
        assert.equal(await box.getAttribute("aria-label"), `Weight from ${from} to ${to}`, "the click opened this arrow's weight");
        await count.type(String(weight));
        await count.press("Enter");
        await eventually(() => journey(page), (v) => v.transitions.find((t) => t.from === a && t.to === b)?.weight === weight, `${from} → ${to} has weight ${weight}`);
        assert.equal(await box.count(), 0, "the box closed");
      }
    }
    const totals = assertAtMostThree(count);
    await assertAll(page, (t) => t[3]);
    count.report("bank journey by mouse");
    console.log(`  totals: setup ${totals.setup} actions; 13 transitions ${totals.actions} actions + ${totals.typed} typed strings (${totals.letters} letters)`);

    // The finished map, to look at (issue 14: back arrows on the gap lines):
    // the whole map, the panel hidden, in a window tall enough for it.
    await editor(page).getByRole("button", { name: "Hide panel" }).click();
    await page.setViewportSize({ width: 1440, height: 1500 });
    await page.mouse.move(5, 5);
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas").scrollTo(0, 0);
    });
    const clip = await page.evaluate(() => {
      const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
      const cards = [...svg.querySelectorAll("g.jg-card, g.jg-stage")].map((g) => g.getBoundingClientRect());
      const r = svg.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: Math.max(...cards.map((c) => c.bottom)) - r.y + 40 };
    });
    await page.screenshot({ path: new URL("bank-map.png", shots).pathname, clip });
    await editor(page).getByRole("button", { name: "Show panel" }).click();

    // Undo (the toolbar's button) takes the last drag back; Redo restores it.
    await editor(page).getByRole("button", { name: "Undo", exact: true }).click();
    await eventually(() => journey(page), (v) => v.transitions.length === TRANSITIONS.length - 1, "undo removed the last transition");
    const last = TRANSITIONS.at(-1);
    assert.ok(!transitionsByName(await journey(page)).includes(`${last[0]} → ${last[1]} ×1`), "the last one");
    await editor(page).getByRole("button", { name: "Redo", exact: true }).click();
    await assertAll(page, (t) => t[3]);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a card out of view is reached in the same drag: held at the map's edge, the map scrolls until the card shows", { timeout: 120000 }, async () => {
  const { page, problems, count } = await buildCards({ width: 1280, height: 800 });
  try {
    const canvas = () => page.evaluate(() => {
      const c = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas");
      return { ...c.getBoundingClientRect().toJSON(), scroll: c.scrollLeft };
    });
    const j = await journey(page);
    const [a, b] = [idOf(j, "Card arrives"), idOf(j, "First payment")];
    // Scrolled so that Card arrives shows with its ● (its right edge 50 px inside the region), and First payment not.
    await page.evaluate((id) => {
      const c = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas");
      c.scrollTo(0, 0);
      const g = [...c.querySelectorAll("g.jg-card")].find((x) => x.dataset.id === id);
      c.scrollLeft = Math.max(0, g.getBoundingClientRect().right - c.getBoundingClientRect().right + 50);
    }, a);
    const view = await canvas();
    assert.ok((await card(page, b).boundingBox()).x > view.right, "First payment is out of view, right of the map's region");
    count.begin("transition Card arrives → First payment, out of view");
    const source = await visibleMiddle(page, a);
    await page.mouse.move(source.x, source.y);
    const dot = mapOf(page).locator(".jg-connector");
    await eventually(() => dot.getAttribute("data-id"), (v) => v === a, "the connector is on Card arrives");
    // One drag: pressed on the ●, held at the region's right edge until the card shows, dropped on it.
    const d = centre(await dot.boundingBox());
    const m = page.mouse;
    await m.move(d.x, d.y);
    await m.down();
    const edge = { x: view.right - 12, y: d.y };
    for (let i = 1; i <= 8; i += 1) await m.move(d.x + ((edge.x - d.x) * i) / 8, d.y + ((edge.y - d.y) * i) / 8);
    await eventually(async () => (await card(page, b).boundingBox()).x + 120 < view.right, (v) => v, "the map scrolled while the drag was held at its edge");
    assert.ok((await canvas()).scroll > 0, "by scrolling its region");
    const target = await visibleMiddle(page, b);
    await m.move(target.x, target.y, { steps: 4 });
    await m.up();
    count.now.actions += 1;
    count.now.log.push("drag");
    await eventually(() => journey(page), (v) => v.transitions.some((t) => t.from === a && t.to === b), "Card arrives → First payment was added by the one drag");
    assert.equal((await journey(page)).transitions.length, 1, "and nothing else");
    count.report("a card out of view");
    assert.ok(count.now.actions <= 3);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
