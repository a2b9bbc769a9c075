// What-if mode in the real app (SPEC section 8), through its visible
// controls: edits become a scenario's changes, the baseline stays as it was
// (and as a dashed ghost curve), every figure shows its change, the
// opportunities list adds its fix in one click, scenarios are saved in the
// file and undone like any edit.
//   bash tools/build.sh && cd tests && node --test e2e/whatif.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage } from "./browser.mjs";

const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const shot = (name) => new URL(name, out).pathname;
const require = createRequire(import.meta.url);

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function openApp(size = { width: 1280, height: 900 }) {
  const { page, problems } = await openPage(env.browser, size);
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] svg.jg-map", { timeout: 15000 });
  return { page, problems };
}

/** The journey file as the element holds it. */
const file = (page) => page.evaluate(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()));
const withoutScenarios = ({ scenarios, ...rest }) => rest;

/** Figure key → {value, delta} as shown in the figures bar. */
async function figures(page) {
  return page.evaluate(() => {
    const root = document.querySelector("journey-map").shadowRoot;
    const out = {};
    for (const f of root.querySelectorAll(".jg-figure")) {
      out[f.dataset.figure] = {
        value: f.querySelector(".jg-value").textContent,
        delta: f.querySelector(".jg-delta")?.textContent ?? null,
      };
    }
    return out;
  });
}

/** "+2.3 pts" → 2.3 (true minus signs included). */
const number = (text) => Number(text.replace("\u2212", "-").replace(/[^\d.+-]/g, ""));

/** Drags a range input with the mouse from its thumb to `fraction` of its width (one drag, many input events). */
async function drag(page, slider, fraction) {
  const box = await slider.boundingBox();
  const { value, min, max } = await slider.evaluate((s) => ({ value: Number(s.value), min: Number(s.min), max: Number(s.max) }));
  const thumb = 8;
  const at = (f) => box.x + thumb + f * (box.width - 2 * thumb);
  const y = box.y + box.height / 2;
  await page.mouse.move(at((value - min) / (max - min)), y);
  await page.mouse.down();
  for (let k = 1; k <= 8; k += 1) await page.mouse.move(at((value - min) / (max - min) + (k / 8) * (fraction - (value - min) / (max - min))), y);
  await page.mouse.up();
  return Number(await slider.inputValue());
}

test("What if: edits become the scenario's changes; figures, ghost curve and opportunities follow; undo and leave", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const toggle = page.getByRole("button", { name: "What if", exact: true });
    const before0 = await file(page);
    const base = await figures(page);
    assert.ok(Object.values(base).every((f) => f.delta === null), "no deltas outside What-if mode");
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");

    // Enter: the first scenario of the sample is shown, with its deltas and the ghost.
    await toggle.click();
    // whatif.js loads on this first use (lazy.js): a moment.
    await page.locator('journey-map button[data-action=what-if][aria-pressed="true"]').waitFor();
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    const bar = page.locator(".jg-whatif-bar");
    assert.ok(await bar.isVisible());
    const pick = page.getByLabel("Scenario", { exact: true });
    assert.equal(await pick.inputValue(), before0.scenarios[0].id);
    assert.equal(await page.locator("svg.jg-map path.jg-curve-ghost-line").count(), 1, "the baseline curve is drawn as a ghost");

    // Start a new scenario and name it.
    await page.getByRole("button", { name: "New scenario" }).click();
    const name = page.getByLabel("Name", { exact: true }).first();
    assert.equal(await name.evaluate((n) => n.getRootNode().activeElement === n), true, "the new scenario's name is ready to type");
    await name.fill("Calmer delivery");
    await name.press("Enter");
    let now = await file(page);
    const scenario = now.scenarios.find((s) => s.name === "Calmer delivery");
    assert.ok(scenario, "naming the scenario saves it in the file");
    assert.deepEqual(scenario.changes ?? [], []);
    assert.equal(await pick.inputValue(), scenario.id);
    let shown = await figures(page);
    assert.ok(Object.values(shown).every((f) => f.delta === "±0"), `an empty scenario changes nothing: ${JSON.stringify(shown)}`);
    assert.equal(shown.success.value, base.success.value);

    // Drag the emotion slider of "Compares models on the website".
    await page.locator('svg.jg-map g.jg-card[data-id="compares-models"]').click();
    const emotion = page.locator(".jg-inspector input[type=range][name=emotion]");
    const undoSteps = await page.evaluate(() => document.querySelector("journey-map").journey.canUndo);
    assert.ok(undoSteps);
    const value = await drag(page, emotion, 0.8);
    assert.ok(value > 0.3 && value < 1, `the slider moved up (${value})`);
    now = await file(page);
    assert.deepEqual(withoutScenarios(now), withoutScenarios(before0), "the baseline is unchanged");
    const changes1 = now.scenarios.find((s) => s.id === scenario.id).changes;
    assert.deepEqual(changes1, [{ touchpoint: "compares-models", emotion: value }], "the drag is one change of the scenario");
    shown = await figures(page);
    assert.match(shown.success.delta, /^\+\d+\.\d pts$/, `success shows its change: ${shown.success.delta}`);
    assert.ok(number(shown.success.delta) > 0);
    assert.notEqual(shown.success.value, base.success.value);
    assert.match(shown.remembered.delta, /^[+\u2212]\d\.\d\d$/);
    // The deltas are the core's comparison, as the figures bar rounds them.
    const compared = await page.evaluate((id) => {
      const j = document.querySelector("journey-map").journey;
      return j.compare(id, { customers: 10000, seed: 1 }).delta;
    }, scenario.id);
    assert.equal(number(shown.success.delta), Number((100 * compared.success).toFixed(1)));
    assert.equal(number(shown.promoter.delta), Number(compared.promoterIndex.toFixed(1)));

    // The ghost: the baseline curve under the scenario's, with the moved moment marked.
    const map = page.locator("svg.jg-map");
    const ghost = await map.locator("path.jg-curve-ghost-line").getAttribute("d");
    const curve = await map.locator("path.jg-curve-line").getAttribute("d");
    assert.ok(ghost && curve && ghost !== curve, "the ghost differs from the scenario's curve");
    assert.equal(await map.locator('.jg-curve-ghost-point[data-id="compares-models"]').count(), 1);
    assert.equal(await map.locator('g.jg-card.jg-card-changed[data-id="compares-models"]').count(), 1, "the changed card is marked");

    // Opportunities: best first, with the gain, as the core ranks them in this scenario.
    const opps = page.locator(".jg-whatif-opps li.jg-opp");
    assert.ok(await opps.count() >= 3);
    const listed = await opps.evaluateAll((items) => items.map((li) => ({
      id: li.dataset.touchpoint, gain: li.querySelector(".jg-opp-gain").textContent,
    })));
    for (const o of listed) assert.match(o.gain, /^\+\d+\.\d pts success, [+\u2212]\d\.\d\d felt$/);
    const gains = listed.map((o) => number(o.gain.split(",")[0]));
    assert.deepEqual(gains, [...gains].sort((a, b) => b - a), "best first");
    const ranked = await page.evaluate((id) => {
      const j = document.querySelector("journey-map").journey;
      const s = j.withScenario(id);
      try {
        return s.opportunities({ delta: 0.5 });
      } finally {
        s.free();
      }
    }, scenario.id);
    assert.deepEqual(listed.map((o) => o.id), ranked.slice(0, listed.length).map((o) => o.touchpoint));
    await page.screenshot({ path: shot("whatif.png") });
    // The whole map, to see the ghost along the journey.
    const width = await map.evaluate((svg) => Math.ceil(svg.getBoundingClientRect().width));
    await page.setViewportSize({ width: width + 400, height: 900 });
    await page.locator(".jg-canvas").screenshot({ path: shot("whatif-map.png") });
    await page.setViewportSize({ width: 1280, height: 900 });

    // "Add to scenario" adds the best fix and moves the figures.
    const best = ranked[0];
    await opps.first().getByRole("button", { name: /^Add to scenario/ }).click();
    now = await file(page);
    // (A fix to the same touchpoint replaces its change rather than adding a second one.)
    const expected = best.touchpoint === "compares-models"
      ? [{ touchpoint: best.touchpoint, emotion: best.emotion }]
      : [{ touchpoint: "compares-models", emotion: value }, { touchpoint: best.touchpoint, emotion: best.emotion }];
    assert.deepEqual(now.scenarios.find((s) => s.id === scenario.id).changes, expected);
    const after = await figures(page);
    assert.ok(number(after.success.value) > number(shown.success.value), "success went up");
    assert.ok(Math.abs(number(after.success.delta) - number(shown.success.delta) - 100 * best.successGain) < 0.11,
      "by the gain the list promised");
    assert.deepEqual(withoutScenarios(now), withoutScenarios(before0), "the baseline is still unchanged");
    assert.match(await page.locator(".jg-whatif-changes summary").textContent(), new RegExp(`^${expected.length} changes? in “Calmer delivery”`));
    await page.screenshot({ path: shot("whatif-added.png") });

    // Undo takes back the scenario's changes one at a time; redo brings them back.
    const undo = page.getByRole("button", { name: "Undo", exact: true });
    const redo = page.getByRole("button", { name: "Redo", exact: true });
    await undo.click();
    now = await file(page);
    assert.deepEqual(now.scenarios.find((s) => s.id === scenario.id).changes, changes1, "undo removes the added fix");
    assert.equal((await figures(page)).success.value, shown.success.value);
    await undo.click();
    now = await file(page);
    assert.deepEqual(now.scenarios.find((s) => s.id === scenario.id).changes ?? [], [], "one more undo removes the whole drag");
    await redo.click();
    await redo.click();
    now = await file(page);
    assert.equal(now.scenarios.find((s) => s.id === scenario.id).changes.length, expected.length);

    // Leave: the baseline's figures are back, the scenario stays in the file.
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    assert.ok(!(await bar.isVisible()));
    assert.deepEqual(await figures(page), base, "the baseline's figures, without deltas");
    assert.equal(await page.locator("svg.jg-map .jg-curve-ghost").count(), 0);
    assert.equal(await page.locator(".jg-whatif-opps").isVisible(), false);
    now = await file(page);
    assert.deepEqual(withoutScenarios(now), withoutScenarios(before0));
    assert.equal(now.scenarios.find((s) => s.id === scenario.id).changes.length, expected.length, "the scenario is saved in the file");
    await page.screenshot({ path: shot("whatif-left.png") });

    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("What if: refuses what a scenario cannot hold, maps deletions and transitions, and is there after a reload", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const before0 = await file(page);
    await page.getByRole("button", { name: "What if", exact: true }).click();
    const id = before0.scenarios[0].id; // "Next-day delivery"
    const count = before0.scenarios[0].changes.length;

    // Renaming a touchpoint belongs to the journey: refused, said, nothing changes.
    await page.locator('svg.jg-map g.jg-card[data-id="ivr"]').click();
    const nameField = page.locator('.jg-inspector input[data-key="name"]');
    await nameField.fill("Renamed in a scenario");
    await nameField.press("Tab");
    const error = page.locator("journey-map .jg-error");
    assert.ok(await error.isVisible(), "a message says why");
    assert.match(await error.textContent(), /belongs to the journey.*Leave What if/);
    assert.equal(await nameField.inputValue(), before0.touchpoints.find((t) => t.id === "ivr").name, "the field shows the name again");
    assert.deepEqual(await file(page), before0, "nothing changed");

    // Deleting a touchpoint in a scenario removes it there only.
    await page.getByRole("button", { name: "Delete touchpoint" }).click();
    assert.equal(await page.locator('svg.jg-map g.jg-card[data-id="ivr"]').count(), 0, "gone from the scenario's map");
    let now = await file(page);
    assert.deepEqual(withoutScenarios(now), withoutScenarios(before0));
    assert.deepEqual(now.scenarios.find((s) => s.id === id).changes.at(-1), { remove: "ivr" });

    // Transitions through the element's edit(): reweight, add, remove.
    const results = await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      return [
        el.edit({ op: "setWeight", from: "help-centre", to: "support-chat", weight: 5 }),
        el.edit({ op: "addTransition", transition: { from: "checkout", to: "delivery-sms", weight: 2 } }),
        el.edit({ op: "removeTransition", from: "reads-reviews", to: "compares-models" }),
        el.edit({ op: "removeTransition", from: "checkout", to: "delivery-sms" }),
      ];
    });
    assert.deepEqual(results, [true, true, true, true]);
    now = await file(page);
    assert.deepEqual(withoutScenarios(now), withoutScenarios(before0), "the baseline's transitions are untouched");
    assert.deepEqual(now.scenarios.find((s) => s.id === id).changes.slice(count), [
      { remove: "ivr" },
      { from: "help-centre", to: "support-chat", weight: 5 },
      { removeTransition: { from: "reads-reviews", to: "compares-models" } },
    ], "adding then removing a new transition leaves no trace");
    const items = await page.locator(".jg-whatif-changes li").allTextContents();
    assert.ok(items.some((t) => t.startsWith("Remove “Navigates the phone menu (IVR)”")), items.join(" | "));
    await page.screenshot({ path: shot("whatif-changes.png") });

    // Saved in the browser: after a reload the scenario is there, and What if shows it.
    await page.waitForFunction(() => document.getElementById("jg-save-state")?.textContent === "Saved in this browser");
    await page.reload();
    await page.waitForSelector("body[data-state=ready] svg.jg-map");
    now = await file(page);
    assert.equal(now.scenarios.find((s) => s.id === id).changes.length, count + 3);
    await page.getByRole("button", { name: "What if", exact: true }).click();
    await page.locator('journey-map button[data-action=what-if][aria-pressed="true"]').waitFor(); // whatif.js, on first use
    assert.equal(await page.locator('svg.jg-map g.jg-card[data-id="ivr"]').count(), 0);

    // A change can be taken out of the scenario from its list.
    const remove = page.getByRole("button", { name: /^Remove change: Remove “/ });
    await remove.click();
    assert.equal(await page.locator('svg.jg-map g.jg-card[data-id="ivr"]').count(), 1, "the touchpoint is back in the scenario");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("What if: a slider drag stays fast", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await page.getByRole("button", { name: "What if", exact: true }).click();
    await page.locator('svg.jg-map g.jg-card[data-id="checkout"]').click();
    // The inspector (after the first map) and What-if (on first use) load a moment later (lazy.js).
    await page.locator('journey-map button[data-action=what-if][aria-pressed="true"]').waitFor();
    await page.locator(".jg-inspector input[type=range][name=emotion]").waitFor();
    const ms = await page.evaluate(async () => {
      const root = document.querySelector("journey-map").shadowRoot;
      const input = root.querySelector(".jg-inspector input[type=range][name=emotion]");
      const times = [];
      for (let k = 0; k < 30; k += 1) {
        input.value = String(-1 + (2 * k) / 29);
        const t0 = performance.now();
        input.dispatchEvent(new Event("input", { bubbles: true }));
        times.push(performance.now() - t0);
      }
      input.dispatchEvent(new Event("change", { bubbles: true }));
      times.sort((a, b) => a - b);
      return { median: times[15], max: times[29] };
    });
    console.log(`what-if slider input on the sample: median ${ms.median.toFixed(1)} ms, max ${ms.max.toFixed(1)} ms`);
    assert.ok(ms.median < 50, `median ${ms.median} ms per input`);
    const changes = await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      return JSON.parse(el.journey.toJSON()).scenarios.find((s) => s.id === el.scenario).changes;
    });
    assert.deepEqual(changes.filter((c) => c.touchpoint === "checkout"), [{ touchpoint: "checkout", emotion: 1 }],
      "the drag replaced the scenario's checkout change in place");
    const undone = await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      el.undo();
      return JSON.parse(el.journey.toJSON()).scenarios.find((s) => s.id === el.scenario).changes.filter((c) => c.touchpoint === "checkout");
    });
    assert.deepEqual(undone, [{ touchpoint: "checkout", emotionBy: 0.2 }], "one undo takes back the whole drag");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("What if: no serious accessibility problems (axe-core)", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await page.getByRole("button", { name: "What if", exact: true }).click();
    await page.locator('svg.jg-map g.jg-card[data-id="checkout"]').click();
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
