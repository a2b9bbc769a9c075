// Large maps (more than DRAW_WHOLE cards) where the view goes, and what
// they skip (bigmap.test.mjs has the rest):
//   - a far card that comes near (scroll, zoom) is drawn whole in that
//     frame: name, face and badges (map.js markFar), not seconds later when
//     the background drawing (finishLater) reaches it;
//   - markFlow given the same figures again for the same map (the journey
//     drawn again unchanged) does not go through its cards again
//     (map/flow.js stats), and a selection does not call it (draw.js
//     selectOnly); new figures and a map drawn anew still do, and a card
//     named afresh keeps its figures in its name.
//   bash tools/build.sh && cd tests && node --test e2e/bignear.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./browser.mjs";
import { referenceJSON } from "../reference.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The app with the reference journey of `n` touchpoints (names made long with `longNames`), its exact figures in. */
async function openReference(n, seed, { longNames = false } = {}) {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  let text = referenceJSON(n, seed);
  if (longNames) {
    const file = JSON.parse(text);
    for (const t of file.touchpoints) t.name = `${t.name}: the customer looks for the form again, then calls the help line`;
    text = JSON.stringify(file);
  }
  await page.evaluate((t) => {
    document.querySelector("journey-map").journey = t;
  }, text);
  await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector("[part=figures]").hasAttribute("aria-busy"), null, { timeout: 30000 });
  return { page, problems };
}

/** In the page: what the cards in the window show (those still without name or face: `blank`). */
const SHOWN = `(() => {
  const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
  const inView = [...svg.querySelectorAll("g.jg-card")].filter((g) => {
    const r = g.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.left < innerWidth && r.right > 0;
  });
  const drawn = (g) => !g.hasAttribute("data-pending") && g.querySelector(".jg-card-name")?.textContent.trim()
    && g.querySelector(".jg-face-features")?.getAttribute("d") && getComputedStyle(g.querySelector(".jg-card-name")).display !== "none";
  const blank = inView.filter((g) => !drawn(g));
  return { inView: inView.length, blank: blank.map((g) => g.dataset.id).slice(0, 5), blankCount: blank.length, drawnNow: inView.length - blank.length,
    pending: svg.querySelectorAll("g.jg-card[data-pending]").length };
})()`;

test("on a 10,000-touchpoint map, the cards scrolled or zoomed to from far show their name and face in the next frame", { timeout: 180000 }, async () => {
  const { page, problems } = await openReference(10000, 6);
  // The last card: the far end of the map, the last the background drawing comes to.
  const far = await page.evaluate(async (shown) => {
    const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
    const g = [...svg.querySelectorAll("g.jg-card")].at(-1);
    const before = { far: g.hasAttribute("data-far"), pending: g.hasAttribute("data-pending") };
    g.scrollIntoView({ block: "center", inline: "center" });
    // Culled once a frame (draw.js culling): checked in the frame it comes near.
    let frames = 0;
    for (; frames < 30 && g.hasAttribute("data-far"); frames++) await new Promise((r) => requestAnimationFrame(r));
    return {
      before, frames, far: g.hasAttribute("data-far"), shown: eval(shown),
      name: g.querySelector(".jg-card-name")?.textContent ?? null, label: g.getAttribute("aria-label"),
      role: g.getAttribute("role"), tabindex: g.getAttribute("tabindex"),
    };
  }, SHOWN);
  assert.deepEqual(far.before, { far: true, pending: true }, "the card was far and not drawn yet");
  assert.ok(!far.far && far.frames <= 3, `it came near: ${JSON.stringify(far)}`);
  assert.ok(far.shown.inView > 10, `cards in view: ${JSON.stringify(far.shown)}`);
  assert.deepEqual(far.shown.blank, [], "every card in view shows its name and face");
  assert.ok(far.shown.pending > 2000, `before the background drawing came to them (${far.shown.pending} cards still to draw)`);
  assert.ok(far.name && far.label.startsWith(far.name.trim().split(" ")[0]), `its name: ${JSON.stringify(far)}`);
  assert.match(far.label, /\. Reached by \d+%; \d+% of customers leave here/, "its label keeps its figures");
  assert.equal(far.role, "button");
  assert.equal(far.tabindex, "-1");

  // Zoomed out to fit: a wider part of the map comes near at once. At most
  // DETAILS_NOW cards in the window are drawn in that frame (hundreds of
  // them doubled the frame: 46-65 -> 112-200 ms); the others first thing in
  // the next idle slices, before the background drawing of the rest.
  const { DETAILS_NOW } = await page.evaluate(() => import("/pkg/element/map/map.js").then((m) => ({ DETAILS_NOW: m.DETAILS_NOW })));
  const fit = await page.evaluate(async (shown) => {
    const root = document.querySelector("journey-map").shadowRoot;
    root.querySelector('button[aria-label="Fit the map to the view"]').click();
    // The size change is seen by a ResizeObserver, then culled in the next frame.
    for (let k = 0; k < 3; k++) await new Promise((r) => requestAnimationFrame(r));
    const first = eval(shown);
    let frames = 3;
    for (; frames < 200 && eval(shown).blank.length; frames++) await new Promise((r) => requestAnimationFrame(r));
    return { first, frames, then: eval(shown) };
  }, SHOWN);
  assert.ok(fit.then.inView > far.shown.inView, `more cards in view: ${JSON.stringify(fit)}`);
  assert.ok(fit.first.drawnNow >= Math.min(DETAILS_NOW, fit.first.inView), `the frame drew the cards in the window: ${JSON.stringify(fit)}`);
  assert.deepEqual(fit.then.blank, [], `every card in view after zooming out shows its name and face: ${JSON.stringify(fit)}`);
  assert.ok(fit.then.pending > 0, `still before the background drawing was done: ${JSON.stringify(fit)}`);
  assert.deepEqual(problems, []);
});

/** In the page: flow.js's counters, and the cards whose name lacks the figures of `analysis` (the journey's now). */
const FLOW = `(async () => {
  const { stats, flowText } = await import("/pkg/element/map/flow.js");
  const el = document.querySelector("journey-map");
  const figures = el.journey.analyze().touchpoints;
  const clamp = (x) => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0);
  const cards = [...el.shadowRoot.querySelectorAll(".jg-canvas svg.jg-map g.jg-card")];
  const wrong = cards.filter((g) => {
    const t = figures[g.dataset.id];
    return !(g.getAttribute("aria-label") ?? "").includes(flowText(clamp(t.reach), Math.min(clamp(t.reach), clamp(t.visits * t.dropout))));
  });
  return { ...stats, cards: cards.length, wrong: wrong.length, cut: cards.filter((g) => g.dataset.shownName !== undefined).length };
})()`;

/** Waits until the map is drawn whole: every card's details (map.js) and bar (flow.js). */
async function drawnWhole(page) {
  await page.waitForFunction(() => {
    const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
    return !svg.hasAttribute("data-flow-pending") && !svg.querySelector("g.jg-card[data-pending]");
  }, null, { timeout: 60000, polling: 200 });
}

test("a selection on a 10,000-touchpoint map does not go through markFlow's cards again; new figures and a map drawn anew do", { timeout: 180000 }, async () => {
  const { page, problems } = await openReference(10000, 7);
  await drawnWhole(page);
  const start = await page.evaluate(FLOW);
  assert.equal(start.cards, 10000);
  assert.equal(start.wrong, 0, "every card's name has its figures");
  // Three selections, by clicking cards: the figures are the same object (engine/client.js keeps them).
  const ids = await page.evaluate(() => [...document.querySelector("journey-map").shadowRoot.querySelectorAll(".jg-canvas g.jg-card")]
    .filter((g) => { const r = g.getBoundingClientRect(); return r.top > 100 && r.bottom < 800 && r.left > 0 && r.right < 900; })
    .slice(0, 3).map((g) => g.dataset.id));
  assert.equal(ids.length, 3);
  for (const id of ids) {
    await page.locator(`journey-map .jg-canvas g.jg-card[data-id="${id}"]`).click();
    await page.waitForFunction((i) => document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas .jg-card-selected")?.dataset.id === i, id);
  }
  const clicked = await page.evaluate(FLOW);
  // A selection draws only the cards it changes and the inspector (draw.js selectOnly), not the bars.
  assert.equal(clicked.passes, start.passes, `no pass over the cards for a selection: ${JSON.stringify({ start, clicked })}`);
  // A whole drawing of the same journey (a theme set again draws everything) gives markFlow the same figures again.
  await page.evaluate(() => { const el = document.querySelector("journey-map"); el.setAttribute("theme", el.getAttribute("theme") ?? "light"); });
  const selected = await page.evaluate(FLOW);
  assert.equal(selected.passes, start.passes, `no pass over the cards for the same figures: ${JSON.stringify({ start, selected })}`);
  assert.ok(selected.same >= start.same + 1, `markFlow was called and found the same figures: ${JSON.stringify({ start, selected })}`);
  assert.equal(selected.wrong, 0);

  // New figures (an edit of a dropout): a pass, and every name has the new figures.
  await page.evaluate((id) => {
    const el = document.querySelector("journey-map");
    const t = el.journey.toObject().touchpoints.find((x) => x.id === id);
    el.edit({ op: "updateTouchpoint", touchpoint: { ...t, dropout: 0.9 } });
  }, ids[0]);
  await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector("[part=figures]").hasAttribute("aria-busy"), null, { timeout: 30000 });
  await drawnWhole(page);
  const edited = await page.evaluate(FLOW);
  assert.ok(edited.passes > selected.passes, `new figures go through the cards: ${JSON.stringify(edited)}`);
  assert.equal(edited.wrong, 0, "every card's name has the edited journey's figures");

  // The same figures on a map drawn anew: its bars are drawn.
  const fresh = await page.evaluate(async () => {
    const { renderMap } = await import("/pkg/element/map/map.js");
    const { markFlow, stats } = await import("/pkg/element/map/flow.js");
    const j = document.querySelector("journey-map").journey;
    const analysis = j.analyze();
    const shownMap = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
    markFlow(shownMap, analysis); // another object with the same figures: a pass that changes nothing
    const passes = stats.passes;
    const map = renderMap(j.layout(), {});
    markFlow(map, analysis);
    return { passes: stats.passes - passes, bars: map.querySelectorAll("g.jg-card[data-flow] .jg-flow").length };
  });
  assert.deepEqual(fresh, { passes: 1, bars: 10000 });
  assert.deepEqual(problems, []);
});

test("on a culled map of long names, a card named afresh by the background drawing keeps its figures through selections", { timeout: 120000 }, async () => {
  const { page, problems } = await openReference(1000, 8, { longNames: true });
  await drawnWhole(page);
  const drawn = await page.evaluate(FLOW);
  assert.ok(drawn.cut > 500, `most names are cut on the cards (named afresh with what they show): ${JSON.stringify(drawn)}`);
  const id = await page.evaluate(() => [...document.querySelector("journey-map").shadowRoot.querySelectorAll(".jg-canvas g.jg-card")]
    .find((g) => { const r = g.getBoundingClientRect(); return r.top > 100 && r.bottom < 800 && r.left > 0 && r.right < 900; }).dataset.id);
  await page.locator(`journey-map .jg-canvas g.jg-card[data-id="${id}"]`).click();
  await page.waitForFunction((i) => document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas .jg-card-selected")?.dataset.id === i, id);
  const selected = await page.evaluate(FLOW);
  assert.equal(selected.passes, drawn.passes, "the selection made no pass");
  assert.equal(selected.wrong, 0, `every card's name has its figures: ${JSON.stringify(selected)}`);
  assert.deepEqual(problems, []);
});
