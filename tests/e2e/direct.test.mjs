// Editing on the map itself (issue 14): a card dragged to another stage and
// within its stage, a transition drawn from a card's connector, an arrow's
// weight set on the map; each also by keyboard alone, each undone.
// Driven in Chromium through the visible controls of the app.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage, eventually } from "./browser.mjs";
import { random } from "../random.mjs";

const require = createRequire(import.meta.url);
const sample = JSON.parse(readFileSync(new URL("../../src/format/sample.json", import.meta.url), "utf8"));
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const shot = (name) => new URL(name, out).pathname;

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function open() {
  const { page, problems } = await openPage(env.browser, { width: 1440, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  // The inspector and direct/ come right after the first map (lazy.js): these tests start once they are there.
  await page.waitForSelector("journey-map [part=inspector] .jg-panel", { timeout: 15000 });
  const map = page.locator("journey-map svg.jg-map");
  return { page, problems, map };
}

const journey = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toObject());
const stageOf = (j, id) => j.touchpoints.find((t) => t.id === id).stage;
const orderIn = (j, stage) => j.touchpoints.filter((t) => t.stage === stage).map((t) => t.id);
const card = (map, id) => map.locator(`g.jg-card[data-id="${id}"]`);
const column = (map, stage) => map.locator(`g.jg-stage[data-stage="${stage}"] rect.jg-column`);

/** Presses the mouse at `from`, moves in steps to `to`, releases: one drag. */
async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i += 1) await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
  await page.mouse.up();
}

const centre = (box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

async function undo(page, map, id) {
  await card(map, id).focus();
  await page.keyboard.press("Control+z");
}

test("a card dragged to another stage moves there in one step; undo puts it back", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    const before = await journey(page);
    const c = await card(map, "social-post").boundingBox();
    const target = await column(map, "research").boundingBox();
    // Dropped low in Research: after its two cards.
    await drag(page, centre(c), { x: target.x + target.width / 2, y: target.y + target.height - 20 });
    const after = await eventually(() => journey(page), (j) => stageOf(j, "social-post") === "research", "the card moved to Research");
    assert.deepEqual(orderIn(after, "research"), ["reads-reviews", "compares-models", "social-post"], "it went to the end, where it was dropped");
    assert.equal(after.transitions.length, before.transitions.length, "its transitions stay");
    assert.equal(await card(map, "social-post").getAttribute("data-stage"), "research", "the map shows it in Research");
    assert.match(await page.locator("journey-map").evaluate((el) => el.shadowRoot.querySelector(".jg-status").textContent), /moved to Research/);
    await page.screenshot({ path: shot("direct-drag-stage.png") });
    await undo(page, map, "social-post");
    await eventually(() => journey(page), (j) => stageOf(j, "social-post") === "awareness", "undo put it back");
    assert.deepEqual(orderIn(await journey(page), "awareness"), orderIn(before, "awareness"), "in its old place");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a card dragged within its stage is reordered; a press without a drag only selects", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    const before = await journey(page);
    assert.deepEqual(orderIn(before, "awareness"), ["tv-advert", "social-post", "friend-recommends"]);
    const first = await card(map, "tv-advert").boundingBox();
    const last = await card(map, "friend-recommends").boundingBox();
    await drag(page, centre(first), { x: first.x + first.width / 2, y: last.y + last.height - 4 });
    await eventually(() => journey(page), (j) => orderIn(j, "awareness").join() === "social-post,friend-recommends,tv-advert", "tv-advert went last");
    // A click is a click: it selects and moves nothing.
    const text = JSON.stringify(await journey(page));
    await card(map, "social-post").click();
    assert.equal(await card(map, "social-post").getAttribute("aria-pressed"), "true", "the click selected the card");
    assert.equal(JSON.stringify(await journey(page)), text, "and moved nothing");
    await page.keyboard.press("Escape");
    await undo(page, map, "tv-advert");
    await eventually(() => journey(page), (j) => orderIn(j, "awareness").join() === "tv-advert,social-post,friend-recommends", "undo restored the order");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("by keyboard: Alt+→ moves the focused card to the next stage, Alt+↑ up its stage; each undone", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    await card(map, "order-confirmed").focus();
    await page.keyboard.press("Alt+ArrowRight");
    let j = await eventually(() => journey(page), (v) => stageOf(v, "order-confirmed") === "delivery", "Alt+→ moved it to Delivery");
    assert.deepEqual(orderIn(j, "delivery"), ["delivery-wait", "order-confirmed", "delivery-sms"], "at the same place (second)");
    let f = await page.evaluate(() => document.querySelector("journey-map").shadowRoot.activeElement?.dataset?.id);
    assert.equal(f, "order-confirmed", "focus stays on the moved card");
    await page.keyboard.press("Alt+ArrowUp");
    j = await eventually(() => journey(page), (v) => orderIn(v, "delivery")[0] === "order-confirmed", "Alt+↑ moved it up");
    await page.keyboard.press("Alt+ArrowUp");
    assert.match(await page.locator("journey-map").evaluate((el) => el.shadowRoot.querySelector(".jg-status").textContent), /first in its stage/);
    assert.equal(page.url(), env.url, "Alt+arrow never navigated the page");
    await page.keyboard.press("Control+z");
    await page.keyboard.press("Control+z");
    const where = async () => { const v = await journey(page); return { stage: stageOf(v, "order-confirmed"), purchase: orderIn(v, "purchase"), delivery: orderIn(v, "delivery") }; };
    await eventually(where, (v) => v.stage === "purchase" && v.purchase.join() === "checkout,order-confirmed", "two undos put it back");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a transition drawn from a card's connector to another card, in one drag; undo removes it", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    await card(map, "unboxing").scrollIntoViewIfNeeded();
    const from = await card(map, "unboxing").boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2); // the connector shows on the card under the pointer
    const dot = map.locator(".jg-connector");
    await dot.waitFor({ state: "visible" });
    const d = await dot.boundingBox();
    assert.ok(Math.abs(d.x + d.width / 2 - (from.x + from.width)) < 3, "the connector sits on the card's right edge");
    const to = await card(map, "data-transfer").boundingBox();
    await drag(page, centre(d), centre(to));
    const j = await eventually(() => journey(page), (v) => v.transitions.some((t) => t.from === "unboxing" && t.to === "data-transfer"), "the transition was added");
    assert.equal(j.transitions.find((t) => t.from === "unboxing" && t.to === "data-transfer").weight ?? 1, 1, "of weight 1 (the file leaves out a weight of 1)");
    assert.ok(await map.locator('path.jg-arrow[data-from="unboxing"][data-to="data-transfer"]').count(), "the map draws it");
    assert.equal(await map.locator(".jg-connecting").count(), 0, "the line being drawn is gone");
    await page.screenshot({ path: shot("direct-connect.png") });
    // Dropped on nothing, or on the card itself: no transition.
    const n = j.transitions.length;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    const d2 = await dot.boundingBox();
    await drag(page, centre(d2), { x: from.x + 10, y: from.y + 10 });
    assert.equal((await journey(page)).transitions.length, n, "a drag back onto itself adds nothing");
    await undo(page, map, "unboxing");
    await eventually(() => journey(page), (v) => !v.transitions.some((t) => t.from === "unboxing" && t.to === "data-transfer"), "undo removed it");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("by keyboard: C on a card, type part of a name, Enter: a transition in three actions, the card itself not offered", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    await card(map, "unboxing").focus(); // 1: the card
    await page.keyboard.press("c"); // 2: Connect to…
    const popup = page.locator("journey-map .jg-connect-popup");
    await popup.waitFor();
    const offered = await popup.locator("[role=option]").evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.ok(!offered.includes("unboxing"), "the card itself is not offered");
    assert.ok(!offered.includes("setup-tips-email"), "nor a card it already leads to");
    await popup.getByRole("checkbox", { name: /loop back to itself/ }).check();
    assert.ok((await popup.locator("[role=option]").evaluateAll((els) => els.map((e) => e.dataset.id))).includes("unboxing"), "a loop is offered when asked for");
    await popup.getByRole("checkbox").uncheck();
    await popup.getByRole("combobox").focus();
    await page.keyboard.type("data from");
    assert.deepEqual(await popup.locator("[role=option]").evaluateAll((els) => els.map((e) => e.dataset.id)), ["data-transfer"], "the list is filtered");
    await page.keyboard.press("Enter"); // 3
    await eventually(() => journey(page), (v) => v.transitions.some((t) => t.from === "unboxing" && t.to === "data-transfer"), "Enter added the transition");
    assert.equal(await popup.count(), 0, "the list closed");
    assert.equal(await page.evaluate(() => document.querySelector("journey-map").shadowRoot.activeElement?.dataset?.id), "unboxing", "focus went back to the card");
    await page.keyboard.press("Control+z");
    await eventually(() => journey(page), (v) => !v.transitions.some((t) => t.from === "unboxing" && t.to === "data-transfer"), "undo removed it");
    // Escape closes it without a change.
    await page.keyboard.press("c");
    await popup.waitFor();
    await page.keyboard.press("Escape");
    assert.equal(await popup.count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("an arrow's weight set on the map: click it, type, Enter; a bad number is refused with a message; undo", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    const arrow = map.locator('path.jg-arrow[data-from="checkout"][data-to="order-confirmed"]');
    await arrow.scrollIntoViewIfNeeded();
    // The arrow's own middle, taken along its path (a thin shape: its box's centre may miss it).
    const at = await arrow.evaluate((p) => {
      const len = p.getTotalLength();
      const pt = p.getPointAtLength(len / 2);
      const s = new DOMPoint(pt.x, pt.y).matrixTransform(p.getScreenCTM());
      return { x: s.x, y: s.y };
    });
    await page.mouse.click(at.x, at.y);
    const popup = page.locator("journey-map .jg-weight-popup");
    await popup.waitFor();
    const input = popup.getByRole("spinbutton", { name: "Weight from Checks out on the website to Order confirmed" });
    assert.equal(await input.evaluate((e) => e === e.getRootNode().activeElement), true, "the box has focus");
    await page.keyboard.type("-2");
    await page.keyboard.press("Enter");
    assert.match(await popup.getByRole("alert").textContent(), /0 or more/);
    const before = (await journey(page)).transitions.find((t) => t.from === "checkout" && t.to === "order-confirmed").weight;
    await input.fill("3");
    await page.keyboard.press("Enter");
    await eventually(() => journey(page), (v) => v.transitions.find((t) => t.from === "checkout" && t.to === "order-confirmed").weight === 3, "the weight is 3");
    assert.equal(await popup.count(), 0, "the box closed");
    await undo(page, map, "checkout");
    await eventually(() => journey(page), (v) => v.transitions.find((t) => t.from === "checkout" && t.to === "order-confirmed").weight === before, "undo restored it");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the inspector's list of targets is grouped by stage and leaves the card itself to a loop at the end", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    await card(map, "unboxing").click();
    const select = page.locator("journey-map [part=inspector]").getByLabel("Add a transition to");
    const groups = await select.locator("optgroup").evaluateAll((gs) => gs.map((g) => g.label));
    assert.deepEqual(groups, [...sample.stages.map((s) => s.name), "A loop"], "one group per stage, then the loop");
    const setup = await select.locator('optgroup[label="Unboxing & Setup"] option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(setup, ["data-transfer"], "its stage offers the others it does not lead to yet");
    assert.ok(!setup.includes("unboxing"), "not among its stage's cards");
    assert.equal(await select.locator('optgroup[label="A loop"] option').textContent(), "Unboxes the phone (itself, a loop)");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("cards show where customers are lost: a bar of reach with a red end for those who leave there, in numbers in the card's name", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    const figures = await page.evaluate(() => {
      const a = document.querySelector("journey-map").journey.analyze();
      return Object.fromEntries(Object.entries(a.touchpoints).map(([id, t]) => [id, { reach: t.reach, leave: t.visits * t.dropout }]));
    });
    const pct = (x) => `${Math.round(x * 100)}%`;
    for (const id of ["tv-advert", "checkout", "battery-drains", "renews-or-recommends"]) {
      const label = await card(map, id).getAttribute("aria-label");
      assert.ok(label.includes(`Reached by ${pct(figures[id].reach)}; ${pct(figures[id].leave)} of customers leave here`), `${id}: ${label}`);
      const bar = await card(map, id).evaluate((g) => {
        const w = (sel) => Number(g.querySelector(sel)?.getAttribute("width") ?? 0);
        return { track: w(".jg-flow-track"), reach: w(".jg-flow-reach"), leave: w(".jg-flow-leave") };
      });
      const f = figures[id];
      assert.ok(Math.abs(bar.reach + (f.leave > 0 ? bar.leave : 0) - bar.track * f.reach) < 1.6, `${id}: the bar is its reach (${JSON.stringify(bar)})`);
    }
    // A change that moves dropout moves the bar and the name, once.
    await card(map, "checkout").click();
    const dropout = page.locator("journey-map [part=inspector]").getByLabel("Dropout (share who give up here)");
    await dropout.fill("0.9");
    const after = await page.evaluate(() => document.querySelector("journey-map").journey.analyze().touchpoints.checkout);
    await eventually(() => card(map, "checkout").getAttribute("aria-label"), (l) => l.includes(`${pct(after.visits * after.dropout)} of customers leave here`), "the name follows the new dropout");
    const label = await card(map, "checkout").getAttribute("aria-label");
    assert.equal(label.split("of customers leave here").length, 2, "said once");
    assert.equal(await card(map, "checkout").locator(".jg-flow").count(), 1, "one bar");
    await page.locator("journey-map").evaluate((el) => el.shadowRoot.querySelector(".jg-canvas").scrollTo(0, 0));
    await page.screenshot({ path: shot("direct-flow.png") });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a pasted name longer than a name holds is not cut silently: it says so and offers to move the rest into the notes, as one step", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    await card(map, "checkout").click();
    const inspector = page.locator("journey-map [part=inspector]");
    const name = inspector.getByLabel("Name", { exact: true });
    const words = Array.from({ length: 140 }, (_, i) => `word${i}`).join(" "); // 1,009 characters
    await name.fill("");
    await name.focus();
    await page.keyboard.insertText(words);
    await page.keyboard.press("Enter");
    const offer = inspector.locator(".jg-long-name");
    assert.equal(words.length, 1009);
    assert.match(await offer.textContent(), /has 1,009 characters; a name holds at most 500\. Nothing was cut/);
    assert.equal(await name.inputValue(), words, "the field keeps all of it");
    assert.equal((await journey(page)).touchpoints.find((t) => t.id === "checkout").name, "Checks out on the website", "nothing was applied");
    await offer.getByRole("button", { name: /move the rest into the notes/ }).click();
    const tp = (await journey(page)).touchpoints.find((t) => t.id === "checkout");
    assert.ok([...tp.name].length <= 500 && words.startsWith(tp.name) && !tp.name.endsWith(" "), "the name is the first part, cut between words");
    assert.equal(`${tp.name} ${tp.notes.split("\n\n")[0]}`, words, "the rest went to the notes, nothing lost");
    assert.equal(await offer.isHidden(), true);
    await card(map, "checkout").focus();
    await page.keyboard.press("Control+z");
    const back = (await journey(page)).touchpoints.find((t) => t.id === "checkout");
    assert.equal(back.name, "Checks out on the website", "one undo brings the old name back");
    assert.ok(!back.notes?.includes("word0"), "and the old notes");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a card whose name is cut short on the map is named with the words it shows, then the whole name (axe: label-content-name-mismatch)", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    const long = "Checks out on the website after comparing every single delivery option and the small print of the warranty";
    await page.evaluate((name) => {
      const el = document.querySelector("journey-map");
      const t = el.journey.view().touchpoints.find((x) => x.id === "checkout");
      el.edit({ op: "updateTouchpoint", touchpoint: { ...t, name } });
    }, long);
    const shown = await card(map, "checkout").locator("text.jg-card-name").textContent();
    assert.ok(shown.endsWith("…") && shown.length < long.length, `cut short on the card: ${shown}`);
    assert.ok(!/\S…$/.test(shown.replace(/ …$/, "")) || long.includes(shown.slice(0, -1)), "cut between words");
    const label = await card(map, "checkout").getAttribute("aria-label");
    assert.ok(label.startsWith(`${shown.slice(0, -1).trim()}. web · sales. full name: ${long}.`), label);
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ["label-content-name-mismatch"] })).violations.map((v) => v.nodes.map((n) => n.target.join(" "))));
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the editor's frame at 1440 px: the figures stay in view while editing down the page, a message never moves the map, the panel steps aside for the map", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    const el = page.locator("journey-map");
    const canvasBox = () => el.evaluate((e) => e.shadowRoot.querySelector(".jg-canvas").getBoundingClientRect().toJSON());
    // A message (a refused edit) floats over the figures: the map stays where it was.
    const before = await canvasBox();
    await page.evaluate(() => document.querySelector("journey-map").edit({ op: "setWeight", from: "checkout", to: "order-confirmed", weight: -1 }));
    await page.locator("journey-map [part=error]").waitFor({ state: "visible" });
    assert.deepEqual(await canvasBox(), before, "the error took no room");
    await page.locator("journey-map [part=error]").getByRole("button", { name: "Dismiss the message" }).click();

    // Editing far down the page: the figures are still at the top of the window.
    await card(map, "renews-or-recommends").scrollIntoViewIfNeeded();
    await card(map, "renews-or-recommends").click();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const figures = await el.evaluate((e) => e.shadowRoot.querySelector("[part=figures]").getBoundingClientRect().toJSON());
    assert.ok(await page.evaluate(() => window.scrollY) > 200, "the page did scroll");
    assert.ok(figures.top >= -1 && figures.top < 5 && figures.height > 40, `the figures are in view (${JSON.stringify(figures)})`);

    // Hide panel: the map takes the element's width; Show panel brings it back.
    await page.evaluate(() => window.scrollTo(0, 0));
    const narrow = (await canvasBox()).width;
    const toggle = el.getByRole("button", { name: "Hide panel" });
    await toggle.click();
    assert.equal(await el.locator("[part=inspector]").isHidden(), true);
    const wide = (await canvasBox()).width;
    assert.ok(wide >= narrow + 300, `the map got the panel's room (${narrow} → ${wide})`);
    assert.equal(await el.getByRole("button", { name: "Show panel" }).getAttribute("aria-expanded"), "false");
    await el.getByRole("button", { name: "Show panel" }).press("Enter");
    assert.equal(await el.locator("[part=inspector]").isVisible(), true);
    assert.equal(Math.round((await canvasBox()).width), Math.round(narrow));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a loop reads as a loop: connected to itself by keyboard, the card shows ↻ and its share beside the loop", { timeout: 60000 }, async () => {
  const { page, problems, map } = await open();
  try {
    await card(map, "ivr").focus();
    await page.keyboard.press("c");
    const popup = page.locator("journey-map .jg-connect-popup");
    await popup.getByRole("checkbox", { name: /loop back to itself/ }).check();
    await popup.getByRole("combobox").focus();
    await page.keyboard.type("itself");
    assert.deepEqual(await popup.locator("[role=option]").evaluateAll((els) => els.map((e) => e.dataset.id)), [], "'itself' is not a name");
    await popup.getByRole("combobox").fill("");
    await page.keyboard.press("Enter"); // the first offered: the card itself, when a loop is asked for
    const j = await eventually(() => journey(page), (v) => v.transitions.some((t) => t.from === "ivr" && t.to === "ivr"), "the loop was added");
    const out = j.transitions.filter((t) => t.from === "ivr");
    const share = Math.round((100 * 1) / out.reduce((s, t) => s + (t.weight ?? 1), 0));
    const label = map.locator('text.jg-loop-share[data-from="ivr"]');
    assert.equal(await label.textContent(), `\u21bb ${share}%`);
    const [l, c] = [await label.boundingBox(), await card(map, "ivr").boundingBox()];
    assert.ok(l.x >= c.x + c.width - 30 && l.y < c.y + 20, "beside the loop, at the card's top-right corner");
    assert.match(await card(map, "ivr").getAttribute("aria-label"), new RegExp(`leads to .*Navigates the phone menu \\(IVR\\) \\(${share}%\\)`));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

/** In the page: the arrows of the map drawn, sampled along their paths, that enter a card; and how many there are. */
const crossings = (page) => page.evaluate(() => {
  const map = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
  const cards = [...map.querySelectorAll("g.jg-card")].map((g) => {
    const [, x, y] = /translate\(([-\d.e]+)[ ,]+([-\d.e]+)/.exec(g.getAttribute("transform"));
    const bg = g.querySelector(".jg-card-bg");
    return { id: g.dataset.id, x: +x, y: +y, w: +bg.getAttribute("width"), h: +bg.getAttribute("height") };
  });
  const bad = [];
  const arrows = [...map.querySelectorAll("path.jg-arrow")];
  for (const p of arrows) {
    const len = p.getTotalLength();
    for (let s = 0; s <= len; s += 3) {
      const q = p.getPointAtLength(s);
      const c = cards.find((c) => q.x > c.x + 1 && q.x < c.x + c.w - 1 && q.y > c.y + 1 && q.y < c.y + c.h - 1);
      if (c) {
        bad.push(`${p.dataset.from} → ${p.dataset.to} crosses ${c.id} at ${Math.round(q.x)},${Math.round(q.y)}`);
        break;
      }
    }
  }
  return { arrows: arrows.length, bad };
});

test("no arrow crosses a card, on the sample and on a generated 200-touchpoint journey whose transitions go anywhere", { timeout: 90000 }, async () => {
  const { page, problems } = await open();
  try {
    const sampleRoutes = await crossings(page);
    assert.equal(sampleRoutes.arrows, sample.transitions.length);
    assert.deepEqual(sampleRoutes.bad, [], "the sample");
    const u = random(14);
    const stages = Array.from({ length: 10 }, (_, k) => ({ id: `s${k}`, name: `Stage ${k + 1}` }));
    const touchpoints = Array.from({ length: 200 }, (_, i) => ({ id: `t${i}`, name: `Touchpoint ${i}`, stage: `s${Math.floor(u() * 10)}`, entry: i === 0 ? 1 : 0 }));
    const seen = new Set();
    const transitions = [];
    for (let i = 0; i < 200; i += 1) {
      for (let k = 0; k < 3; k += 1) {
        const to = Math.floor(u() * 200);
        if (!seen.has(`${i}>${to}`)) {
          seen.add(`${i}>${to}`);
          transitions.push({ from: `t${i}`, to: `t${to}`, weight: 1 });
        }
      }
    }
    await page.evaluate((j) => { document.querySelector("journey-map").journey = JSON.stringify(j); },
      { format: "journeygraph", version: 1, title: "Anywhere", stages, touchpoints, transitions });
    await page.waitForFunction(() => document.querySelector("journey-map").journey.toObject().touchpoints.length === 200);
    const generated = await crossings(page);
    assert.equal(generated.arrows, transitions.length, "every arrow drawn");
    // Fewer than 5,000 transitions and 500 routed arrows: no note, every arrow hit by its line.
    assert.deepEqual(await page.evaluate(() => {
      const root = document.querySelector("journey-map").shadowRoot;
      return { note: root.querySelector("[part=map-note]").hidden, headHit: root.querySelectorAll("path.jg-arrow-head-hit").length };
    }), { note: true, headHit: 0 });
    assert.deepEqual(generated.bad, [], "the generated journey");
    await page.screenshot({ path: shot("direct-routes-200.png") });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
