// Workshop mode (SPEC section 9, issue 6) in a real browser, at a wall's
// 1920×1080 and 1280×720: "Present", stepping through every stage from the
// keyboard, Home/End, the live what-if and its Reset, keeping it as a
// scenario, Escape back to an unchanged journey, the in-page fallback when
// full screen is refused, mode="present" set by an embedder, enhanced
// contrast (7:1) by axe-core, and the printed poster.
//   bash tools/build.sh && cd tests && node --test e2e/present.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage } from "./browser.mjs";

const sample = JSON.parse(readFileSync(new URL("../../src/format/sample.json", import.meta.url), "utf8"));
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
const shot = (name) => new URL(name, out).pathname;

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Makes every requestFullscreen fail, as a browser or a policy may. */
function refuseFullscreen() {
  Element.prototype.requestFullscreen = function requestFullscreen() {
    return Promise.reject(new TypeError("Permissions check failed"));
  };
}

/** Opens the app with a fresh sample journey and waits for the editor's map. */
async function openApp(size, { init = null } = {}) {
  const { page, problems } = await openPage(env.browser, size);
  if (init) await page.addInitScript(init);
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  return { page, problems };
}

/** The element's journey as text (what Escape must leave unchanged). */
const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());

/** Waits until the view's transitions (the curve being drawn, cards fading in) are over. */
async function settle(page) {
  await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.getAnimations().every((a) => a.playState !== "running"));
}

/** What the wall says: step, stage id, the stage heading, which cards show, the curve's revealed width. */
function wall(page) {
  return page.evaluate(() => {
    const root = document.querySelector("journey-map").shadowRoot;
    const view = root.querySelector(".jg-present");
    if (!view) return null;
    const visible = (el) => getComputedStyle(el).visibility !== "hidden" && el.getClientRects().length > 0;
    return {
      step: view.dataset.step,
      stage: view.dataset.stage,
      fullscreen: view.dataset.fullscreen,
      count: view.querySelector(".jgp-count").textContent,
      name: view.querySelector(".jgp-stage-name").textContent,
      shown: [...view.querySelectorAll(".jgp-map .jg-card")].filter(visible).map((c) => c.dataset.id),
      edge: Number(view.querySelector(".jgp-reveal-edge").getAttribute("width")),
      current: view.querySelector(".jgp-rail [aria-current]")?.textContent,
    };
  });
}

/** The figures on the wall: key → { value, delta }. */
function figures(page) {
  return page.evaluate(() => {
    const view = document.querySelector("journey-map").shadowRoot.querySelector(".jg-present");
    return Object.fromEntries([...view.querySelectorAll(".jgp-figures .jg-figure")].map((f) => [f.dataset.figure, {
      value: f.querySelector(".jg-value").textContent,
      delta: f.querySelector(".jg-delta")?.textContent ?? null,
    }]));
  });
}

const stageOf = new Map(sample.touchpoints.map((t) => [t.id, t.stage]));
const upTo = (i) => new Set(sample.stages.slice(0, i + 1).map((s) => s.id));

/** Asserts that the wall shows stage `i` (0-based): heading, rail, cards of stages 0..i only. */
async function assertStage(page, i) {
  await settle(page);
  const w = await wall(page);
  const stage = sample.stages[i];
  assert.equal(w.step, String(i), `step ${i}`);
  assert.equal(w.stage, stage.id);
  assert.equal(w.name, stage.name, "the heading names the stage");
  assert.equal(w.count, `Stage ${i + 1} of ${sample.stages.length}`);
  assert.equal(w.current, `${i + 1} ${stage.name}`, "the rail marks the stage");
  const expected = sample.touchpoints.filter((t) => upTo(i).has(t.stage)).map((t) => t.id).sort();
  assert.deepEqual([...w.shown].sort(), expected, `stage ${i}: the cards of the stages so far, none ahead`);
  return w;
}

async function assertWhole(page) {
  await settle(page);
  const w = await wall(page);
  assert.equal(w.step, "all");
  assert.equal(w.name, "The whole journey");
  assert.equal(w.shown.length, sample.touchpoints.length, "every card shows");
  return w;
}

/**
 * axe passes SVG text without a ratio ("contrast of null"), so the map's
 * text is measured here: its fill against the fills painted under its
 * centre (composited, with opacity), or against its halo when it has one.
 * Returns the texts under 7:1 and how many were measured.
 */
function svgContrast(page) {
  return page.evaluate(() => {
    const root = document.querySelector("journey-map").shadowRoot;
    const map = root.querySelector(".jg-present .jgp-map svg");
    const parse = (value) => {
      const m = /rgba?\(([^)]+)\)/.exec(value ?? "");
      if (!m) return null;
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { rgb: p.slice(0, 3), a: p[3] ?? 1 };
    };
    const opacity = (el) => {
      let o = 1;
      for (let e = el; e && e !== map.parentNode; e = e.parentNode) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const over = (top, a, bottom) => top.map((c, i) => c * a + bottom[i] * (1 - a));
    const lum = (rgb) => {
      const f = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
    };
    const ratio = (a, b) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const shapes = new Set(["rect", "polygon", "path", "circle", "ellipse"]);
    const failures = [];
    let measured = 0;
    const texts = [...map.querySelectorAll("text")].filter((t) => t.getClientRects().length && getComputedStyle(t).visibility !== "hidden" && opacity(t) > 0);
    for (const text of texts) {
      const parts = text.querySelector("tspan") ? [...text.querySelectorAll("tspan")] : [text];
      for (const part of parts) {
        if (!part.textContent.trim()) continue;
        const style = getComputedStyle(part);
        const ink = parse(style.fill);
        const r = part.getBoundingClientRect();
        let bg = [255, 255, 255];
        const halo = parse(style.stroke);
        if (halo && style.paintOrder.startsWith("stroke") && parseFloat(style.strokeWidth) >= 2) {
          bg = halo.rgb;
        } else {
          const under = [];
          for (const el of root.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2)) {
            if (!map.contains(el) || !shapes.has(el.localName)) continue;
            const fill = parse(getComputedStyle(el).fill);
            if (!fill) continue;
            const a = fill.a * opacity(el);
            under.push({ rgb: fill.rgb, a });
            if (a >= 0.999) break;
          }
          for (const layer of under.reverse()) bg = over(layer.rgb, layer.a, bg);
        }
        const fg = over(ink.rgb, ink.a * opacity(part), bg);
        const k = ratio(fg, bg);
        measured += 1;
        if (k < 7) failures.push(`"${part.textContent}" ${k.toFixed(2)}:1 (${fg.map(Math.round)} on ${bg.map(Math.round)})`);
      }
    }
    return { failures, measured };
  });
}

/** Runs axe-core's enhanced contrast rule on the element, with 7:1 required of large text too. */
async function contrast(page) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  await settle(page);
  return page.evaluate(async () => {
    const el = document.querySelector("journey-map");
    const strict = { contrastRatio: { normal: { expected: 7 }, large: { expected: 7 } } };
    const results = [];
    for (const options of [{}, { checks: { "color-contrast-enhanced": { options: strict } } }]) {
      const r = await window.axe.run(el, { runOnly: ["color-contrast-enhanced"], ...options });
      results.push({
        violations: r.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`)),
        passes: r.passes.reduce((k, v) => k + v.nodes.length, 0),
        incomplete: r.incomplete.flatMap((v) => v.nodes.map((n) => n.target.join(" "))),
      });
    }
    return results;
  }).then(async (results) => [...results, await svgContrast(page)]);
}

for (const size of SIZES) {
  const tag = `${size.width}x${size.height}`;

  test(`${tag}: Present, every stage by keyboard, Home/End, live what-if, Reset, Escape leaves the journey unchanged`, { timeout: 90000 }, async () => {
    const { page, problems } = await openApp(size);
    try {
      const before = await journeyText(page);
      await page.getByRole("button", { name: "Present", exact: true }).click();
      const view = page.locator("journey-map .jg-present");
      await view.waitFor();
      assert.equal(await page.getAttribute("journey-map", "mode"), "present", "the attribute says so");
      await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-present")?.dataset.fullscreen !== "pending");
      assert.equal((await wall(page)).fullscreen, "yes", "full screen where it is allowed");
      assert.equal(await page.evaluate(() => document.fullscreenElement?.localName), "journey-map");
      const box = await view.boundingBox();
      assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, size.width, size.height], "the view fills the screen");

      // Large type: the stage heading and the figures read from the back of the room.
      const type = await page.evaluate(() => {
        const v = document.querySelector("journey-map").shadowRoot.querySelector(".jg-present");
        const px = (sel) => parseFloat(getComputedStyle(v.querySelector(sel)).fontSize);
        return { heading: px(".jgp-stage-name"), figure: px(".jgp-figures dd"), tile: px(".jgp-tile-name") };
      });
      const scale = size.height / 1080;
      assert.ok(type.heading >= 45 * scale, `stage heading ${type.heading}px`);
      assert.ok(type.figure >= 36 * scale, `figures ${type.figure}px`);
      assert.ok(type.tile >= 24 * scale, `touchpoint names ${type.tile}px`);

      // One stage at a time: → and PageDown forward, the curve drawn further each time.
      await settle(page);
      let w = await assertStage(page, 0);
      await page.screenshot({ path: shot(`present-${tag}-stage1.png`) });
      let edge = w.edge;
      for (let i = 1; i < sample.stages.length; i += 1) {
        await page.keyboard.press(i % 2 ? "ArrowRight" : "PageDown");
        w = await assertStage(page, i);
        assert.ok(w.edge > edge, `the curve is drawn further at stage ${i + 1}`);
        edge = w.edge;
        if (i === 3) {
          await settle(page);
          await page.screenshot({ path: shot(`present-${tag}-stage4.png`) });
        }
      }
      await page.keyboard.press("ArrowRight");
      await assertWhole(page);
      await page.keyboard.press("ArrowLeft");
      await assertStage(page, sample.stages.length - 1);
      await page.keyboard.press("PageUp");
      await assertStage(page, sample.stages.length - 2);
      // As in a slide deck: Home the first stage, End the last, W the whole journey.
      await page.keyboard.press("Home");
      await assertStage(page, 0);
      await page.keyboard.press("End");
      await assertStage(page, sample.stages.length - 1);
      await page.keyboard.press("w");
      await assertWhole(page);
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowLeft");
      await assertStage(page, sample.stages.length - 2);
      await page.keyboard.press("0");
      await assertWhole(page);
      await settle(page);
      await page.screenshot({ path: shot(`present-${tag}-whole.png`) });

      // Live what-if, by keyboard: stage 4, the first tile, Enter, then the slider.
      const baseline = await figures(page);
      assert.ok(Object.values(baseline).every((f) => f.delta === null), "no changes shown before a what-if");
      await page.keyboard.press("4");
      await assertStage(page, 3);
      const wait = sample.touchpoints.find((t) => t.id === "delivery-wait");
      await page.locator(`journey-map .jgp-tile[data-id="${wait.id}"]`).focus();
      await page.keyboard.press("Enter");
      const slider = page.locator("journey-map .jgp-editor input[type=range]");
      await slider.waitFor();
      assert.ok(await slider.evaluate((s) => s.getRootNode().activeElement === s), "the slider has focus after picking");
      assert.equal(await page.locator("journey-map .jgp-editor h3").textContent(), wait.name);
      for (let k = 0; k < 4; k += 1) await page.keyboard.press("ArrowRight"); // on the slider: +0.2
      assert.equal((await wall(page)).step, "3", "arrows on the slider move the slider, not the stage");
      assert.equal(Number(await slider.inputValue()), wait.emotion + 0.2);
      // …and by mouse, with the big + button.
      for (let k = 0; k < 4; k += 1) await page.locator("journey-map button[data-action=emotion-up]").click();
      await page.waitForFunction((v) => {
        const root = document.querySelector("journey-map").shadowRoot;
        return root.querySelector(".jgp-now-value")?.textContent === v && root.querySelector(".jgp-figures .jg-delta");
      }, `+${(wait.emotion + 0.6).toFixed(2)}`);
      const moved = await figures(page);
      for (const key of ["success", "dropout", "remembered"]) {
        assert.ok(moved[key].delta !== null, `${key} shows its change from the baseline`);
      }
      assert.notEqual(moved.remembered.value, baseline.remembered.value, "the remembered experience moves");
      assert.notEqual(moved.dropout.value, baseline.dropout.value, "dropout moves");
      assert.match(moved.remembered.delta, /^\+/, "a better delivery wait is remembered better");
      // What moved and why, in words the room can follow: the goal's share, then the touchpoint's reach and dropout.
      const why = await page.locator("journey-map .jgp-editor .jgp-why").textContent();
      const exact = await page.evaluate((id) => {
        const j = document.querySelector("journey-map").journey;
        const t = j.view().touchpoints.find((x) => x.id === id);
        const s = j.withScenario({ id: "w", name: "w", changes: [{ touchpoint: id, emotion: Math.round((t.emotion + 0.6) * 100) / 100 }] });
        const r = { before: j.analyze().success, after: s.analyze().success };
        s.free();
        return r;
      }, wait.id);
      assert.ok(why.includes(`Reached goal ${(100 * exact.before).toFixed(1)}% \u2192 ${(100 * exact.after).toFixed(1)}%`), why);
      assert.match(why, new RegExp(`${wait.name}: dropout [0-9.]+% \u2192 [0-9.]+%, so [0-9.]+ fewer of every 100 customers leave here\\.`), why);
      assert.ok(await page.locator("journey-map .jgp-editor .jgp-why").evaluate((w) => { const p = w.closest(".jgp-panel").getBoundingClientRect(); const r = w.getBoundingClientRect(); return r.bottom <= p.bottom + 1; }), "the room sees all of it (no scrolling)");
      assert.ok(await page.locator(`journey-map .jgp-map .jg-card-changed[data-id="${wait.id}"]`).count() === 1, "the changed card is marked on the map");
      assert.equal(await page.locator("journey-map .jgp-map path.jg-curve-ghost-line").count(), 1, "the baseline curve stays as a ghost");
      await settle(page);
      await page.screenshot({ path: shot(`present-${tag}-whatif.png`) });
      assert.equal(await journeyText(page), before, "a what-if does not touch the journey");

      // Reset: back to the baseline's figures.
      await page.getByRole("button", { name: "Reset", exact: true }).click();
      await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector(".jgp-figures .jg-delta"));
      assert.deepEqual(await figures(page), baseline, "Reset shows the baseline again");
      assert.equal(await page.locator("journey-map .jgp-now-value").textContent(), "\u22120.50");

      // Escape: back to the editor, the journey as it was.
      await page.keyboard.press("Escape");
      await view.waitFor({ state: "detached" });
      assert.equal(await page.getAttribute("journey-map", "mode"), null, "the attribute is removed");
      assert.equal(await page.evaluate(() => document.fullscreenElement), null, "full screen ends");
      assert.ok(await page.locator("journey-map .jg-toolbar").isVisible(), "the editor is back");
      assert.equal(await page.evaluate(() => document.querySelector("journey-map").shadowRoot.activeElement?.dataset.action), "present", "focus returns to Present");
      assert.equal(await journeyText(page), before, "the journey is unchanged");
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test(`${tag}: nothing in the presenting view is under 7:1 contrast (axe-core color-contrast-enhanced)`, { timeout: 90000 }, async () => {
    // The in-page view (full screen refused): the same view, but axe can see it. In full
    // screen Chromium gives <html> overflow: hidden and a height of the page's flow (the
    // app bar), and axe then takes all of the fixed view below it for clipped text.
    const { page, problems } = await openApp(size, { init: refuseFullscreen });
    try {
      await page.getByRole("button", { name: "Present", exact: true }).click();
      await page.locator("journey-map .jg-present").waitFor();
      const views = {};
      views.stage = await contrast(page);
      // The richest view: the whole journey, a what-if with its deltas, the touchpoint's controls.
      await page.keyboard.press("w");
      await page.locator('journey-map .jgp-map .jg-card[data-id="battery-drains"]').click();
      await page.locator("journey-map button[data-action=emotion-up]").click();
      await page.locator("journey-map button[data-action=emotion-up]").click();
      await page.locator("journey-map .jgp-figures .jg-delta").first().waitFor();
      views.whatif = await contrast(page);
      for (const [name, [standard, strict, map]] of Object.entries(views)) {
        assert.deepEqual(standard.violations, [], `${name}: axe's enhanced contrast rule`);
        assert.deepEqual(strict.violations, [], `${name}: 7:1 for large text too`);
        assert.ok(standard.passes > 30, `${name}: axe checked the view's text (${standard.passes} passes)`);
        assert.deepEqual(map.failures, [], `${name}: the map's text is 7:1 or more`);
        assert.ok(map.measured > 20, `${name}: the map's text was measured (${map.measured})`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

test("Keep as scenario saves the what-if into the journey; the baseline stays as it was", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp(SIZES[1]);
  try {
    const before = await page.evaluate(() => document.querySelector("journey-map").journey.toObject());
    await page.getByRole("button", { name: "Present", exact: true }).click();
    await page.locator("journey-map .jg-present").waitFor();
    await page.keyboard.press("w");
    await page.locator('journey-map .jgp-map .jg-card[data-id="ivr"]').click();
    await page.locator("journey-map .jgp-editor input[type=range]").fill("0.3");
    await page.locator("journey-map .jgp-figures .jg-delta").first().waitFor();
    await page.getByRole("button", { name: "Keep as scenario" }).click();
    await page.locator("journey-map .jgp-kept").filter({ hasText: "Workshop what-if 1" }).waitFor();
    const afterKeep = await page.evaluate(() => document.querySelector("journey-map").journey.toObject());
    const kept = afterKeep.scenarios.find((s) => s.id === "workshop-1");
    assert.deepEqual(kept, { id: "workshop-1", name: "Workshop what-if 1", changes: [{ touchpoint: "ivr", emotion: 0.3 }] });
    assert.deepEqual(afterKeep.touchpoints, before.touchpoints, "the baseline's touchpoints are untouched");
    assert.equal(await page.locator("journey-map button[data-action=present-keep]").getAttribute("aria-disabled"), "true", "kept: nothing new to keep");
    // The what-if is still on the wall after keeping.
    assert.ok(await page.locator("journey-map .jgp-figures .jg-delta").count() > 0);
    await page.keyboard.press("Escape");
    await page.locator("journey-map .jg-present").waitFor({ state: "detached" });
    const after = await page.evaluate(() => document.querySelector("journey-map").journey.toObject());
    assert.deepEqual(after, afterKeep, "leaving loses nothing");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("when full screen is refused, the view fills the page instead, with no error", { timeout: 60000 }, async () => {
  // A browser (or policy) that refuses full screen.
  const { page, problems } = await openApp(SIZES[0], { init: refuseFullscreen });
  try {
    const before = await journeyText(page);
    await page.getByRole("button", { name: "Present", exact: true }).click();
    const view = page.locator("journey-map .jg-present");
    await view.waitFor();
    await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-present").dataset.fullscreen === "no");
    assert.equal(await page.evaluate(() => document.fullscreenElement), null);
    const box = await view.boundingBox();
    assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 1920, 1080], "the view covers the page");
    assert.match(await page.locator("journey-map .jgp-note").textContent(), /full screen is not allowed/i);
    await page.keyboard.press("ArrowRight");
    await assertStage(page, 1);
    await settle(page);
    await page.screenshot({ path: shot("present-fallback.png") });
    // Tab stays in the view.
    for (let k = 0; k < 40; k += 1) await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => document.activeElement?.localName === "journey-map"
      && document.querySelector("journey-map").shadowRoot.querySelector(".jg-present").contains(document.querySelector("journey-map").shadowRoot.activeElement)), "focus never leaves the view");
    await page.keyboard.press("Escape");
    await view.waitFor({ state: "detached" });
    assert.equal(await journeyText(page), before);
    assert.deepEqual(problems, [], "no console error on the refusal path");
  } finally {
    await page.close();
  }
});

test("inside an iframe without allowfullscreen, Present falls back to the in-page view", { timeout: 60000 }, async () => {
  const { page, problems } = await openPage(env.browser, SIZES[1]);
  try {
    // The host page on another origin (127.0.0.1, the app on localhost): an intranet embedding the app.
    // (Any page of that origin will do to hold it; the browser's favicon request for it is not the app's.)
    await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
    await page.goto(`${env.url.replace("localhost", "127.0.0.1")}pkg/package.json`);
    await page.setContent(`<!doctype html><title>host</title><style>html,body,iframe{margin:0;border:0;width:100%;height:100%;display:block}</style><iframe src="${env.url}" title="journeygraph"></iframe>`);
    const frame = page.frameLocator("iframe");
    await frame.locator("body[data-state=ready] journey-map[data-state=ready] svg.jg-map").waitFor({ timeout: 15000 });
    await frame.getByRole("button", { name: "Present", exact: true }).click();
    const view = frame.locator("journey-map .jg-present");
    await view.waitFor();
    const state = await view.evaluate((v) => ({ full: v.dataset.fullscreen, enabled: document.fullscreenEnabled, w: v.getBoundingClientRect().width, h: v.getBoundingClientRect().height }));
    assert.deepEqual(state, { full: "no", enabled: false, w: 1280, h: 720 });
    await page.locator("iframe").focus();
    await frame.locator("journey-map .jg-present").press("w");
    assert.equal(await view.getAttribute("data-step"), "all");
    await view.evaluate((v) => new Promise((done) => {
      const check = () => (v.getRootNode().getAnimations().some((a) => a.playState === "running") ? requestAnimationFrame(check) : done());
      check();
    }));
    await page.screenshot({ path: shot("present-iframe.png") });
    await frame.locator("journey-map .jg-present").press("Escape");
    await view.waitFor({ state: "detached" });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('<journey-map mode="present"> opens the projector view for embedders, and Escape removes the attribute', { timeout: 60000 }, async () => {
  const { page, problems } = await openApp(SIZES[1]);
  try {
    // Set from a script on the app's element …
    await page.evaluate(() => document.querySelector("#jg-editor").setAttribute("mode", "present"));
    const view = page.locator("#jg-editor .jg-present");
    await view.waitFor();
    // (Full screen or not depends on whether the script ran in a user gesture; both are fine.)
    await page.waitForFunction(() => ["yes", "no"].includes(document.querySelector("#jg-editor").shadowRoot.querySelector(".jg-present").dataset.fullscreen));
    await assertStage(page, 0);
    await page.evaluate(() => document.querySelector("#jg-editor").removeAttribute("mode"));
    await view.waitFor({ state: "detached" });

    // … and in the markup of a new element, before it has a journey.
    await page.evaluate(() => {
      document.querySelector("#jg-editor").remove();
      const el = document.createElement("journey-map");
      el.id = "embedded";
      el.setAttribute("mode", "present");
      document.body.append(el);
    });
    const embedded = page.locator("#embedded .jg-present");
    await embedded.waitFor();
    await page.evaluate(() => import("./pkg/journeygraph.js").then(({ Journey }) => {
      const j = Journey.sample();
      document.querySelector("#embedded").journey = j.toJSON();
      j.free();
    }));
    await page.waitForFunction(() => document.querySelector("#embedded").shadowRoot.querySelector(".jg-present")?.dataset.step === "0");
    assert.equal(await page.locator("#embedded .jgp-stage-name").textContent(), sample.stages[0].name);
    await page.keyboard.press("PageDown");
    assert.equal(await page.locator("#embedded .jg-present").getAttribute("data-stage"), sample.stages[1].id);
    await page.keyboard.press("Escape");
    await embedded.waitFor({ state: "detached" });
    assert.equal(await page.getAttribute("#embedded", "mode"), null);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the printed poster: the whole map on a landscape page, colours kept", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp({ width: 1280, height: 800 });
  try {
    await page.emulateMedia({ media: "print" });
    // A4 landscape at 96 dpi, less the 10 mm margins: what the map has to fit.
    await page.setViewportSize({ width: 1047, height: 718 });
    const poster = await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      const root = el.shadowRoot;
      const map = root.querySelector(".jg-canvas > svg.jg-map");
      const r = map.getBoundingClientRect();
      const shown = (sel) => [...root.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
      return {
        map: { width: r.width, bottom: r.bottom },
        host: el.getBoundingClientRect().width,
        toolbar: shown(".jg-toolbar"),
        inspector: shown(".jg-inspector"),
        appbar: document.querySelector(".jg-appbar").getClientRects().length > 0,
        adjust: getComputedStyle(map).printColorAdjust,
        cardAdjust: getComputedStyle(map.querySelector(".jg-card-stripe")).printColorAdjust,
      };
    });
    assert.equal(poster.toolbar, false, "no toolbar on the poster");
    assert.equal(poster.inspector, false, "no inspector on the poster");
    assert.equal(poster.appbar, false, "no app bar on the poster");
    assert.ok(poster.map.width >= poster.host - 2, `the map spans the page (${poster.map.width} of ${poster.host})`);
    assert.equal(poster.adjust, "exact", "colours are kept");
    assert.equal(poster.cardAdjust, "exact");
    await page.screenshot({ path: shot("present-print.png"), fullPage: true });

    // The real print: a landscape page, one page.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    const text = pdf.toString("latin1");
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.ok(boxes.length >= 1, "the PDF has pages");
    assert.equal(boxes.length, 1, "the poster is one page");
    assert.ok(boxes[0][0] > boxes[0][1], `the page is landscape (${boxes[0].join(" × ")} pt)`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("on the wall at 1920×1080 the current stage fills the map area: titles of 28 px and notes of 20 px as rendered, every touchpoint whole, the rest a strip", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp({ width: 1920, height: 1080 });
  try {
    await page.getByRole("button", { name: "Present", exact: true }).click();
    await page.locator("journey-map .jg-present").waitFor();
    for (let i = 0; i < sample.stages.length; i += 1) {
      await assertStage(page, i);
      const m = await page.evaluate(() => {
        const v = document.querySelector("journey-map").shadowRoot.querySelector(".jg-present");
        const focus = v.querySelector(".jgp-focus");
        const area = v.querySelector(".jgp-map").getBoundingClientRect();
        const box = focus.getBoundingClientRect();
        const inside = (el) => { const r = el.getBoundingClientRect(); return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.left >= box.left - 1 && r.right <= box.right + 1; };
        const strip = v.querySelector(".jgp-strip svg").getBoundingClientRect();
        return {
          tiles: [...focus.querySelectorAll(".jgp-tile")].map((t) => ({ id: t.dataset.id, size: parseFloat(getComputedStyle(t.querySelector(".jgp-tile-name")).fontSize), whole: inside(t) })),
          notes: [...focus.querySelectorAll(".jgp-notes li")].map((li) => ({ size: parseFloat(getComputedStyle(li).fontSize), whole: inside(li), more: li.classList.contains("jgp-more") })),
          share: (box.width * box.height) / (area.width * area.height),
          strip: strip.height,
        };
      });
      const stage = sample.stages[i];
      const ids = sample.touchpoints.filter((t) => t.stage === stage.id).map((t) => t.id);
      assert.deepEqual(m.tiles.map((t) => t.id), ids, `${stage.name}: each of its touchpoints, large`);
      for (const t of m.tiles) {
        assert.ok(t.size >= 28, `${stage.name}: ${t.id}'s name is ${t.size}px`);
        assert.ok(t.whole, `${stage.name}: ${t.id} is not cut off`);
      }
      const notes = sample.touchpoints.filter((t) => t.stage === stage.id).flatMap((t) => [...(t.painPoints ?? []), ...(t.opportunities ?? [])]);
      if (notes.length) assert.ok(m.notes.length > 0, `${stage.name}: its notes are there`);
      for (const n of m.notes) {
        assert.ok(n.size >= 20, `${stage.name}: a note of ${n.size}px`);
        assert.ok(n.whole, `${stage.name}: a note cut off`);
      }
      assert.ok(m.share > 0.6, `${stage.name}: the stage takes ${Math.round(m.share * 100)}% of the map area`);
      assert.ok(m.strip > 100 && m.strip < 260, `the whole map is a strip above it (${m.strip}px)`);
      if (i === 6) await page.screenshot({ path: shot("present-1920x1080-stage7.png") });
      await page.keyboard.press("ArrowRight");
    }
    // The whole journey: the map alone, no stage panel.
    await assertWhole(page);
    assert.equal(await page.locator("journey-map .jgp-focus").isHidden(), true);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
