// The editor's fast paths for large journeys (SPEC section 6; measured by
// tests/bench/editor.mjs) draw what the plain path draws:
//   - a slider drag, a selection, an undone emotion update the map in place
//     (map.js updateMap), and the map then equals the map drawn anew;
//   - a map of more than DRAW_WHOLE cards draws at once the cards and arrows
//     in view (and every card's group and label), the rest while the browser
//     is idle, and all of it before printing; finished, it equals the map
//     drawn at once;
//   - its far cards' reach bars come after the near ones' the same way, at
//     once where the view goes and before printing; newer figures win.
//   bash tools/build.sh && cd tests && node --test e2e/bigmap.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { start, openPage } from "./browser.mjs";
import { referenceJSON } from "../reference.mjs";

const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** The app with the reference journey of `n` touchpoints open. */
async function openReference(n, seed = 3) {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  await page.evaluate((text) => {
    document.querySelector("journey-map").journey = text;
  }, referenceJSON(n, seed));
  return { page, problems, editor: page.locator("journey-map"), map: page.locator("journey-map svg.jg-map") };
}

/**
 * Whether the map shown equals renderMap's map of the journey shown (the
 * scenario's in What-if mode), drawn at once: "same", or where they differ.
 */
async function sameAsDrawnAnew(page) {
  // The exact figures arrive after the drawing on a large journey (the worker): the cards' bars follow them.
  await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector("[part=figures]").hasAttribute("aria-busy"), null, { timeout: 15000 });
  // On a large map the far cards' bars follow in the background (flow.js): compared once they are all drawn.
  await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map[data-flow-pending]"), null, { timeout: 20000 });
  return page.evaluate(async () => {
    const { renderMap } = await import("/pkg/element/map/map.js");
    const { changedTouchpoints } = await import("/pkg/element/whatif/scenario.js");
    const el = document.querySelector("journey-map");
    const shownMap = el.shadowRoot.querySelector(".jg-canvas svg.jg-map");
    const file = el.journey.toObject();
    const scenario = el.scenario ? file.scenarios.find((s) => s.id === el.scenario) : null;
    const shown = scenario ? el.journey.withScenario({ id: scenario.id, name: scenario.name, changes: scenario.changes }) : el.journey;
    const selected = shownMap.querySelector(".jg-card-selected")?.dataset.id ?? null;
    const fresh = renderMap(shown.layout(), {
      title: scenario ? `${file.title} — scenario ${scenario.name || scenario.id}` : file.title,
      interactive: true, selected, lazyTitles: true,
      ghost: scenario ? el.journey.layout() : null, changed: scenario ? changedTouchpoints(scenario.changes) : null,
    });
    // The cards' reach bars follow the figures (map/flow.js), drawn over either map the same way.
    const { markFlow } = await import("/pkg/element/map/flow.js");
    markFlow(fresh, shown.analyze());
    if (scenario) shown.free();
    // The connector handle is the pointer's, not the map's (direct/).
    shownMap.querySelector(":scope > .jg-connector")?.remove();
    // data-far marks what the screen leaves undrawn far from the view (map.js cullMap), not what the map is.
    // An arrow's tooltip is made when the pointer first comes over it (lazyTitles, map-arrows.js):
    // where the pointer happened to pass is not the map either.
    const text = (svg) => new XMLSerializer().serializeToString(svg).replace(/jg\d+-/g, "jgN-").replace(/ data-far=""/g, "")
      .replace(/(<path class="jg-arrow[^"]*"[^>]*?)><title>[^<]*<\/title><\/path>/g, "$1/>");
    const [a, b] = [text(shownMap), text(fresh)];
    if (a === b) return "same";
    let i = 0;
    while (a[i] === b[i]) i += 1;
    return `differs at ${i}: …${a.slice(i - 60, i + 80)}… drawn anew: …${b.slice(i - 60, i + 80)}…`;
  });
}

/** Drags the emotion slider with the mouse across `steps` positions from its left end; returns the values seen. */
async function dragEmotion(page, editor, steps = 12) {
  const slider = editor.locator('[part=inspector] input[type=range][data-key="emotion"]');
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  const seen = [];
  for (let k = 0; k <= steps; k++) {
    await page.mouse.move(box.x + 4 + ((box.width - 8) * k) / steps, y);
    seen.push(await slider.inputValue());
  }
  await page.mouse.up();
  return seen;
}

test("a slider drag updates the map in place, and it is the map drawn anew", async () => {
  const { page, problems, editor, map } = await openReference(200);
  await map.locator('g.jg-card[data-id="t100"]').click();
  const node = await map.elementHandle();
  const seen = await dragEmotion(page, editor);
  assert.ok(new Set(seen).size > 5, `the drag moved the slider: ${seen.join(" ")}`);
  assert.ok(await node.evaluate((svg) => svg.isConnected), "the map was updated in place, not drawn again");
  assert.equal(await sameAsDrawnAnew(page), "same");
  // The figures are those of the journey as it now is.
  const expected = await page.evaluate(() => {
    const s = document.querySelector("journey-map").journey.simulate({ customers: 10000, seed: 1 }).remembered;
    return `${s.mean >= 0 ? "+" : "−"}${Math.abs(s.mean).toFixed(2)} ±${s.halfWidth.toFixed(s.halfWidth < 0.01 ? 3 : 2)} (simulated, 95%)`;
  });
  assert.equal(await editor.locator('[data-figure="remembered"] dd').textContent(), expected);
  // The drag is one undo step; undone, the map is the journey's again.
  await editor.getByRole("button", { name: "Undo" }).click();
  assert.equal(await sameAsDrawnAnew(page), "same");
  // Another card selected, then none.
  await map.locator('g.jg-card[data-id="t37"]').click();
  assert.equal(await sameAsDrawnAnew(page), "same");
  await map.locator(".jg-curve-bg").click({ position: { x: 300, y: 4 }, force: true }); // off the cards: nothing selected
  assert.equal(await map.locator("g.jg-card-selected").count(), 0);
  assert.equal(await sameAsDrawnAnew(page), "same");
  assert.deepEqual(problems, []);
});

test("in What if, a slider drag keeps the baseline's ghost and marks the change, as drawing anew does", async () => {
  const { page, problems, editor, map } = await openReference(200, 5);
  await editor.getByRole("button", { name: "What if" }).click();
  await map.locator('g.jg-card[data-id="t60"]').click();
  await dragEmotion(page, editor);
  assert.equal(await map.locator("g.jg-card-changed").count(), 1);
  assert.ok(await map.locator(".jg-curve-ghost").count(), "the baseline's ghost is drawn");
  assert.equal(await sameAsDrawnAnew(page), "same");
  await map.locator('g.jg-card[data-id="t61"]').click();
  await dragEmotion(page, editor, 6);
  assert.equal(await map.locator("g.jg-card-changed").count(), 2);
  assert.equal(await sameAsDrawnAnew(page), "same");
  assert.deepEqual(problems, []);
});

test("a 1,000-touchpoint map draws what is in view at once, the rest while idle, all before printing", async () => {
  const { page, problems, map } = await openReference(1000);
  // At once: every card's group with its label; the cards in view drawn whole.
  const first = await page.evaluate(() => {
    const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
    const cards = [...svg.querySelectorAll("g.jg-card")];
    const inView = cards.filter((g) => {
      const r = g.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.left < innerWidth && r.right > 0;
    });
    return {
      cards: cards.length,
      labelled: cards.filter((g) => /emotion [+\u22120]/.test(g.getAttribute("aria-label") ?? "")).length,
      pending: svg.querySelectorAll("g.jg-card[data-pending]").length,
      inView: inView.length,
      inViewWhole: inView.filter((g) => !g.hasAttribute("data-pending") && g.querySelector(".jg-card-name tspan")?.textContent).length,
    };
  });
  assert.equal(first.cards, 1000);
  assert.equal(first.labelled, 1000, "every card has its label at once");
  assert.ok(first.pending > 0, "the cards far from view are drawn later");
  assert.ok(first.inView > 0 && first.inViewWhole === first.inView, `every card in view is drawn whole: ${JSON.stringify(first)}`);
  await page.screenshot({ path: new URL("bigmap-first.png", out).pathname });
  // While idle, the rest; then it is the map drawn at once.
  await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector("g.jg-card[data-pending]"), null, { timeout: 20000 });
  assert.equal(await map.locator("path.jg-arrow").count(), await page.evaluate(() => document.querySelector("journey-map").journey.toObject().transitions.length));
  assert.equal(await sameAsDrawnAnew(page), "same");

  // A new big journey, printed at once: everything is drawn before the page is.
  const pending = await page.evaluate((text) => {
    const el = document.querySelector("journey-map");
    el.journey = text;
    const svg = el.shadowRoot.querySelector(".jg-canvas svg.jg-map");
    const before = svg.querySelectorAll("[data-pending]").length;
    window.dispatchEvent(new Event("beforeprint"));
    return [before, svg.querySelectorAll("[data-pending]").length];
  }, referenceJSON(1000, 11));
  assert.ok(pending[0] > 0);
  assert.equal(pending[1], 0, "before printing, every card is drawn whole");
  assert.equal(await sameAsDrawnAnew(page), "same");

  // A card not drawn yet is drawn when it gets focus (keyboard users).
  const focused = await page.evaluate((text) => {
    const el = document.querySelector("journey-map");
    el.journey = text;
    const g = el.shadowRoot.querySelector(".jg-canvas g.jg-card[data-pending]");
    g.focus();
    return { pending: g.hasAttribute("data-pending"), name: g.querySelector(".jg-card-name")?.textContent ?? null };
  }, referenceJSON(1000, 12));
  assert.equal(focused.pending, false);
  assert.match(focused.name, /^Touchpoint \d+$/);
  assert.deepEqual(problems, []);
});

test("far from the view a large map leaves its cards' drawing and arrows out on screen, never in print, and draws them as they come near", async () => {
  const { page, problems, editor } = await openReference(1000);
  await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector("g.jg-card[data-pending]"), null, { timeout: 20000 });
  /** How many cards are drawn on screen (their name shown), near the view and far from it. */
  const drawn = () => page.evaluate(() => {
    const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
    const out = { near: 0, nearDrawn: 0, far: 0, farDrawn: 0, arrowsShown: 0, arrows: 0, labelled: 0 };
    for (const g of svg.querySelectorAll("g.jg-card")) {
      const r = g.getBoundingClientRect();
      const near = r.bottom > -innerHeight / 3 && r.top < innerHeight * 4 / 3;
      const shown = getComputedStyle(g.querySelector(".jg-card-name")).display !== "none";
      if (near) { out.near += 1; out.nearDrawn += shown; } else { out.far += 1; out.farDrawn += shown; }
      if (g.getAttribute("aria-label")) out.labelled += 1;
    }
    for (const p of svg.querySelectorAll("path.jg-arrow")) { out.arrows += 1; out.arrowsShown += getComputedStyle(p).display !== "none"; }
    return out;
  });
  const top = await drawn();
  assert.ok(top.near > 0 && top.nearDrawn === top.near, `every card near the view is drawn: ${JSON.stringify(top)}`);
  assert.ok(top.far > 500 && top.farDrawn < top.far / 4, `most cards far from the view are not: ${JSON.stringify(top)}`);
  assert.ok(top.arrowsShown < top.arrows / 2, `nor most arrows: ${JSON.stringify(top)}`);
  assert.equal(top.labelled, 1000, "every card keeps its group and label (keyboard, screen readers)");
  // Scrolled down the page: what came near is drawn.
  await page.evaluate(() => window.scrollBy(0, 4000));
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  const down = await drawn();
  assert.ok(down.near > 0 && down.nearDrawn === down.near, `after scrolling, every card near the view is drawn: ${JSON.stringify(down)}`);
  // Focus on a far card (the keyboard moves there): drawn at once.
  const focused = await page.evaluate(() => {
    const g = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas g.jg-card[data-far]");
    g.focus();
    return getComputedStyle(g.querySelector(".jg-card-name")).display;
  });
  assert.notEqual(focused, "none");
  // Printed, everything.
  await page.emulateMedia({ media: "print" });
  const printed = await drawn();
  assert.equal(printed.nearDrawn + printed.farDrawn, 1000, "in print every card is drawn");
  assert.equal(printed.arrowsShown, printed.arrows, "and every arrow");
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(problems, []);
});

/**
 * Opens the reference journey of `n` touchpoints on `page` and records, the
 * moment its figures first leave far bars to draw (map/flow.js: the map
 * gets data-flow-pending, in the task that drew the near ones), what the
 * cards show: window.__bars.
 */
async function openWatchingBars(page, n, seed) {
  await page.evaluate((text) => {
    const el = document.querySelector("journey-map");
    el.journey = text;
    const svg = el.shadowRoot.querySelector(".jg-canvas svg.jg-map");
    window.__bars = null;
    const watch = new MutationObserver(() => {
      if (!svg.hasAttribute("data-flow-pending") || window.__bars) return;
      watch.disconnect();
      const cards = [...svg.querySelectorAll("g.jg-card")];
      const bar = (g) => Boolean(g.dataset.flow && g.querySelector(":scope > g > .jg-flow"));
      const near = cards.filter((g) => !g.hasAttribute("data-far"));
      const inView = cards.filter((g) => {
        const r = g.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.left < innerWidth && r.right > 0;
      });
      window.__bars = {
        cards: cards.length, near: near.length, nearBars: near.filter(bar).length,
        inView: inView.length, inViewBars: inView.filter(bar).length,
        far: cards.length - near.length, farBars: cards.filter((g) => g.hasAttribute("data-far") && bar(g)).length,
        named: cards.filter((g) => /\. Reached by \d+%; \d+% of customers leave here/.test(g.getAttribute("aria-label") ?? "")).length,
      };
    });
    watch.observe(svg, { attributes: true, attributeFilter: ["data-flow-pending"] });
  }, referenceJSON(n, seed));
  return (await page.waitForFunction(() => window.__bars, null, { timeout: 30000 })).jsonValue();
}

/** Waits until the map shown is drawn whole: every card's details (map.js finishLater) and bar (flow.js). */
async function drawnWhole(page) {
  await page.waitForFunction(() => {
    const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
    return !svg.hasAttribute("data-flow-pending") && !svg.querySelector("g.jg-card[data-pending]");
  }, null, { timeout: 30000 });
}

async function openApp() {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  return { page, problems };
}

test("a 10,000-touchpoint map's reach bars: near the view with the figures, far ones while idle, a far card's at once when it comes into view", { timeout: 180000 }, async () => {
  const { page, problems } = await openApp();
  const first = await openWatchingBars(page, 10000, 3);
  assert.equal(first.cards, 10000);
  assert.ok(first.near > 0 && first.nearBars === first.near, `every card near the view has its bar with the figures: ${JSON.stringify(first)}`);
  assert.ok(first.inView > 0 && first.inViewBars === first.inView, `every card in view does: ${JSON.stringify(first)}`);
  assert.equal(first.named, 10000, "every card's name says its figures at once");
  assert.ok(first.far > 9000 && first.farBars < first.far, `the far cards' bars come later: ${JSON.stringify(first)}`);

  // The last card (the far end of the map, the last the background drawing reaches), scrolled into view before it is drawn.
  const far = await page.evaluate(async () => {
    const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
    const g = [...svg.querySelectorAll("g.jg-card")].at(-1);
    const before = { far: g.hasAttribute("data-far"), bar: Boolean(g.dataset.flow), pending: svg.hasAttribute("data-flow-pending") };
    g.scrollIntoView({ block: "center", inline: "center" });
    // Culled once a frame (draw.js culling): up to half a second of frames.
    for (let k = 0; k < 30 && g.hasAttribute("data-far"); k++) await new Promise((r) => requestAnimationFrame(r));
    const bar = g.querySelector(":scope > g > .jg-flow");
    const r = g.getBoundingClientRect();
    return {
      before, inView: r.bottom > 0 && r.top < innerHeight && r.left < innerWidth && r.right > 0,
      far: g.hasAttribute("data-far"), bar: Boolean(bar && g.dataset.flow), shown: bar ? getComputedStyle(bar).display : null,
      pending: svg.hasAttribute("data-flow-pending"),
      nearWithout: [...svg.querySelectorAll("g.jg-card:not([data-far])")].filter((c) => !c.dataset.flow).length,
    };
  });
  assert.deepEqual(far.before, { far: true, bar: false, pending: true }, "the card was far and its bar still to come");
  assert.ok(far.inView && !far.far, `scrolled into view: ${JSON.stringify(far)}`);
  assert.ok(far.bar && far.shown !== "none", `its bar is drawn and shown: ${JSON.stringify(far)}`);
  assert.ok(far.pending, "by cullMap, not by the background drawing, which had not come to it");
  assert.equal(far.nearWithout, 0, "nor does any other card near the view lack its bar");

  // Then every bar, as drawn anew.
  await drawnWhole(page);
  assert.equal(await sameAsDrawnAnew(page), "same");
  assert.deepEqual(problems, []);
});

test("on a 10,000-touchpoint map, newer figures that come while far bars are still being drawn win", { timeout: 180000 }, async () => {
  const { page, problems } = await openApp();
  await openWatchingBars(page, 10000, 4);
  // The six most reached touchpoints lose most of their customers (six edits, six requests for
  // figures): the bars of a few thousand cards move.
  const edited = await page.evaluate(() => {
    const el = document.querySelector("journey-map");
    const svg = el.shadowRoot.querySelector(".jg-canvas svg.jg-map");
    const pending = svg.hasAttribute("data-flow-pending");
    const waiting = svg.querySelectorAll("g.jg-card[data-far]:not([data-flow])").length;
    const old = el.journey.analyze().touchpoints;
    const file = el.journey.toObject();
    for (const [id] of Object.entries(old).sort((a, b) => b[1].reach - a[1].reach).slice(0, 6)) {
      el.edit({ op: "updateTouchpoint", touchpoint: { ...file.touchpoints.find((t) => t.id === id), dropout: 0.9 } });
    }
    const now = el.journey.analyze().touchpoints;
    const key = (t) => `${Math.round(t.reach * 1000)}:${Math.round(t.visits * t.dropout * 1000)}`;
    const moved = Object.keys(now).filter((id) => key(now[id]) !== key(old[id])).length;
    return { pending, waiting, moved, sameMap: el.shadowRoot.querySelector(".jg-canvas svg.jg-map") === svg };
  });
  assert.ok(edited.pending && edited.waiting > 5000, `edited while far bars were still to come: ${JSON.stringify(edited)}`);
  assert.ok(edited.moved > 1000, `the edits move the bars of many cards: ${JSON.stringify(edited)}`);
  assert.ok(edited.sameMap, "the map is updated in place (the older figures' drawing goes on in it)");
  await drawnWhole(page);
  // Every bar is the edited journey's (sameAsDrawnAnew draws the journey as it is now).
  assert.equal(await sameAsDrawnAnew(page), "same");
  assert.deepEqual(problems, []);
});

test("a 10,000-touchpoint map printed before its far bars are drawn prints every bar", { timeout: 180000 }, async () => {
  const { page, problems } = await openApp();
  await openWatchingBars(page, 10000, 5);
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => {
    const svg = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas svg.jg-map");
    const bars = () => svg.querySelectorAll("g.jg-card[data-flow] > g > .jg-flow").length;
    const before = { pending: svg.hasAttribute("data-flow-pending"), bars: bars() };
    window.dispatchEvent(new Event("beforeprint"));
    const far = [...svg.querySelectorAll("g.jg-card[data-far]")];
    return {
      before, pending: svg.hasAttribute("data-flow-pending"), bars: bars(), far: far.length,
      farHidden: far.filter((g) => getComputedStyle(g.querySelector(":scope > g > .jg-flow")).display === "none").length,
    };
  });
  assert.ok(printed.before.pending && printed.before.bars < 5000, `printed while far bars were still to come: ${JSON.stringify(printed)}`);
  assert.equal(printed.pending, false);
  assert.equal(printed.bars, 10000, "before printing, every card has its bar");
  assert.ok(printed.far > 9000 && printed.farHidden === 0, `and print shows the far ones: ${JSON.stringify(printed)}`);
  await page.emulateMedia({ media: "screen" });
  await drawnWhole(page);
  assert.equal(await sameAsDrawnAnew(page), "same");
  assert.deepEqual(problems, []);
});
