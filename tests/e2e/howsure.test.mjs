// "How sure are these figures?" in Chromium, through the visible controls:
// the assumptions that move the figures most, in words with the numbers the
// core computes (Journey.sensitivity); marking the top one measured in the
// inspector takes it off the list; a smaller amount narrows the ranges.
//   bash tools/build.sh && cd tests && node --test e2e/howsure.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { start, openPage } from "./browser.mjs";

const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const pct = (x) => `${(x * 100).toFixed(1)}%`;

test("How sure lists the assumptions that matter most with the core's numbers; one marked measured leaves the list", { timeout: 90000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 1000 });
  try {
    await page.goto(env.url);
    await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
    const panel = page.locator("journey-map [part=how-sure]");
    await panel.locator("summary").click();
    const items = panel.locator("[data-role=assumptions] > li");
    await items.first().waitFor();
    // The core's own ranking, for the same amount (±0.2).
    const core = await page.evaluate(() => document.querySelector("journey-map").journey.sensitivity({ amount: 0.2 }));
    assert.ok(core.assumptions.length > 0);
    assert.equal(await items.count(), Math.min(8, core.assumptions.length));
    const top = core.assumptions[0];
    assert.equal(await items.first().getAttribute("data-touchpoint"), top.touchpoint);
    assert.equal(await items.first().getAttribute("data-parameter"), top.parameter);
    const text = await items.first().textContent();
    assert.ok(text.includes(`‘${top.name}’`), text);
    const [lo, hi] = [top.success.atLow, top.success.atHigh].sort((a, b) => a - b);
    assert.ok(text.includes(`success ${pct(lo)} to ${pct(hi)}`), `${text} should give success ${pct(lo)} to ${pct(hi)}`);
    assert.match(await panel.locator("[data-role=sure-summary]").textContent(), new RegExp(`^${core.assumptions.length} assumed values and ${core.measured} marked measured\\. Now: success ${pct(core.success).replace(".", "\\.")}`));
    await page.screenshot({ path: new URL("howsure.png", out).pathname, fullPage: false });

    // A smaller amount: the top range narrows.
    await panel.getByLabel("How far each assumption may be off").selectOption("0.1");
    await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector("[part=how-sure] li").textContent.includes("±"), null, { timeout: 5000 }).catch(() => {});
    const narrow = await page.evaluate(() => document.querySelector("journey-map").journey.sensitivity({ amount: 0.1 }));
    assert.ok(narrow.assumptions[0].swing < top.swing, "a smaller amount moves the figures less");
    await page.waitForFunction((name) => document.querySelector("journey-map").shadowRoot.querySelector("[part=how-sure] li")?.textContent.includes(name), narrow.assumptions[0].name);

    // Select the top one and mark it measured, with a source, in the inspector.
    await panel.getByLabel("How far each assumption may be off").selectOption("0.2");
    await items.first().getByRole("button", { name: /^Select / }).click();
    const inspector = page.locator("journey-map [part=inspector]");
    const what = { emotion: "emotion", dropout: "dropout", entry: "entry share" }[top.parameter];
    await inspector.getByLabel(`Measured: ${what}`).check();
    await inspector.getByLabel(`Source of ${what}`).fill("Survey Q3 2026, n=412");
    await inspector.getByLabel(`Source of ${what}`).press("Enter");
    await page.waitForFunction(({ id, parameter }) => {
      const li = [...document.querySelector("journey-map").shadowRoot.querySelectorAll("[part=how-sure] [data-role=assumptions] > li")];
      return li.length > 0 && !li.some((x) => x.dataset.touchpoint === id && x.dataset.parameter === parameter);
    }, { id: top.touchpoint, parameter: top.parameter }, { timeout: 5000 });
    const file = await page.evaluate(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()));
    const basis = file.touchpoints.find((t) => t.id === top.touchpoint).basis[top.parameter];
    assert.deepEqual(basis, { measured: true, source: "Survey Q3 2026, n=412" });
    assert.match(await panel.locator("[data-role=sure-summary]").textContent(), new RegExp(`and ${core.measured + 1} marked measured`));
    await page.screenshot({ path: new URL("howsure-marked.png", out).pathname });

    // The peak-end weights are a setting one click away too: the journey panel (nothing selected, after a reload).
    await page.reload();
    await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
    const before = await page.evaluate(() => document.querySelector("journey-map").journey.sensitivity({ amount: 0.2 }).remembered);
    const peak = page.locator("journey-map [part=inspector]").getByLabel("Weight of the peak");
    await peak.fill("0.8");
    await peak.press("Enter");
    await page.waitForFunction(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()).settings?.rememberWeights?.peak === 0.8);
    const weights = JSON.parse(await page.evaluate(() => document.querySelector("journey-map").journey.toJSON())).settings.rememberWeights;
    assert.deepEqual(weights, { peak: 0.8, end: 0.2, mean: 0 });
    const after = await page.evaluate(() => document.querySelector("journey-map").journey.sensitivity({ amount: 0.2 }).remembered);
    assert.notEqual(after, before, "the weights move the remembered experience");
    await panel.locator("summary").click();
    await page.waitForFunction((r) => document.querySelector("journey-map").shadowRoot.querySelector("[part=how-sure] [data-role=sure-summary]")?.textContent.includes(r), `remembered ${after >= 0 ? "+" : "\u2212"}${Math.abs(after).toFixed(2)}`);
    assert.match(await page.locator("journey-map [data-key=remember-weights]").textContent(), /0\.8 × peak \+ 0\.2 × end \+ 0 × mean/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
