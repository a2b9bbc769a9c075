// Figures that explain themselves (issue 13), in the real app in Chromium:
// the three outcomes that add up to 100%, dropout that says how much of it
// came after the goal, an accessible description of every figure (read
// from Chromium's own accessibility tree) that contains its value and is
// shown on keyboard focus, the "How is this computed?" panel, and a blank
// journey that shows its first steps instead of an error.
//   bash tools/build.sh && cd tests && node --test e2e/figures.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { start, openPage } from "./browser.mjs";

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

async function openApp({ blank = false } = {}) {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  if (blank) {
    await page.getByRole("button", { name: "New blank journey" }).click();
    await page.waitForFunction(() => document.querySelector("journey-map").journey?.toObject().touchpoints.length === 0);
  }
  const figures = page.locator("journey-map [part=figures]");
  return { page, problems, figures };
}

/** Waits until the simulated figures are in. */
const simulated = (page) => page.waitForSelector("journey-map [part=figures][data-simulation=done]", { timeout: 20000 });

/** key → {value, description} of every figure, the description as Chromium's accessibility tree computes it. */
async function described(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const descriptions = nodes.map((n) => n.description?.value).filter(Boolean);
  const cells = await page.evaluate(() => [...document.querySelector("journey-map").shadowRoot.querySelectorAll("[part=figures] .jg-figure")]
    .map((f) => ({ key: f.dataset.figure, value: f.querySelector(".jg-value").textContent, describedBy: f.querySelector("dd").getAttribute("aria-describedby") })));
  return cells.map((c) => ({ ...c, description: descriptions.find((d) => d.includes(c.value) && d.length > 40) ?? null, all: descriptions }));
}

const num = (text) => Number(text.replace("\u2212", "-").replace("%", ""));

test("the three outcomes add up to 100% and dropout says what it overlaps", { timeout: 60000 }, async () => {
  const { page, problems, figures } = await openApp();
  try {
    await simulated(page);
    const a = await page.evaluate(() => document.querySelector("journey-map").journey.analyze({ touchpoints: false }));
    assert.ok(Math.abs(a.success + a.lostBeforeGoal + a.endedElsewhere - 1) < 1e-12, "the core's outcomes add up");
    const value = (key) => figures.locator(`[data-figure=${key}] .jg-value`).textContent();
    const shown = { success: await value("success"), lost: await value("lost"), elsewhere: await value("elsewhere") };
    assert.equal(shown.success, `${(100 * a.success).toFixed(1)}%`);
    assert.equal(shown.lost, `${(100 * a.lostBeforeGoal).toFixed(1)}%`);
    assert.equal(shown.elsewhere, `${(100 * a.endedElsewhere).toFixed(1)}%`);
    assert.ok(Math.abs(num(shown.success) + num(shown.lost) + num(shown.elsewhere) - 100) <= 0.15, `shown outcomes add up: ${JSON.stringify(shown)}`);
    assert.equal(await figures.locator("[data-figure=success] dt").textContent(), "Reached goal");
    // Dropout overlaps success: it says by how much, on screen.
    assert.equal(await figures.locator("[data-figure=dropout] .jg-sub").textContent(), `incl. ${(100 * a.leftAfterGoal).toFixed(1)}% after the goal`);
    assert.ok(a.leftAfterGoal > 0, "the sample has customers who leave after the goal");
    // The simulated margin in words.
    assert.match(await figures.locator("[data-figure=remembered] .jg-hw").textContent(), /^ ±0\.\d+ \(simulated, 95%\)$/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("every figure has an accessible description with its value, shown on keyboard focus and in the How panel", { timeout: 60000 }, async () => {
  const { page, problems, figures } = await openApp();
  try {
    await simulated(page);
    const cells = await described(page);
    assert.deepEqual(cells.map((c) => c.key), ["success", "lost", "elsewhere", "dropout", "remembered", "satisfied", "promoter", "service"]);
    for (const c of cells) {
      assert.ok(c.describedBy, `${c.key} points at its description`);
      assert.ok(c.description, `${c.key}: Chromium gives it a description containing ${c.value}; descriptions: ${JSON.stringify(c.all)}`);
    }
    const remembered = cells.find((c) => c.key === "remembered").description;
    assert.match(remembered, /−1 \(very negative\) to \+1 \(very positive\)/, "the scale");
    assert.match(remembered, /0\.50 × its most intense moment \+ 0\.50 × its last moment/, "how it is computed, with this journey's weights");
    assert.match(remembered, /simulated, 95%/);
    assert.match(cells.find((c) => c.key === "satisfied").description, /at least \+0\.20/);
    assert.match(cells.find((c) => c.key === "promoter").description, /−100 to \+100/);

    // Keyboard focus shows the description (the same text) next to the figure.
    await figures.locator("[data-figure=success] dd").focus();
    const tip = await figures.locator("[data-figure=success]").evaluate((el) => getComputedStyle(el, "::after").content);
    assert.ok(tip.includes(cells[0].value), `focus shows the explanation: ${tip}`);
    await page.screenshot({ path: shot("figures-focus.png"), clip: { x: 0, y: 0, width: 1280, height: 330 } });

    // The How panel lists every figure's explanation.
    await page.locator("journey-map").getByText("How is this computed?").click();
    const lines = page.locator("journey-map .jg-how li");
    assert.equal(await lines.count(), cells.length);
    assert.match(await lines.nth(0).textContent(), /^Reached goal: /);
    assert.ok(await lines.nth(0).isVisible());
    const barBox = await figures.boundingBox();
    await page.screenshot({ path: shot("figures-how.png"), clip: { x: 0, y: barBox.y, width: 1280, height: 600 } });
    // The panel stays open as the figures are drawn again (an edit).
    await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      const tp = el.journey.view().touchpoints[0];
      el.journey.apply({ op: "updateTouchpoint", touchpoint: { ...tp, name: `${tp.name}!` } });
      el.journey = el.journey;
    });
    await simulated(page);
    assert.ok(await lines.nth(0).isVisible(), "still open after a redraw");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a blank journey shows its first three steps, not an error", { timeout: 60000 }, async () => {
  const { page, problems, figures } = await openApp({ blank: true });
  try {
    const guide = figures.locator(".jg-figures-guide");
    await guide.waitFor();
    assert.equal(await guide.locator("li").count(), 3);
    assert.equal(await figures.locator("[part=figures-problem]").count(), 0, "no red error");
    // One touchpoint and no goal: it says "Completed" and why, not "Success 100%".
    await page.locator("journey-map").getByRole("button", { name: "Add touchpoint" }).click();
    await figures.locator("[data-figure=success]").waitFor();
    assert.equal(await figures.locator("[data-figure=success] dt").textContent(), "Completed");
    assert.equal(await figures.locator("[data-figure=lost]").count(), 0, "no goal: no 'lost before the goal'");
    const cells = await described(page);
    assert.match(cells.find((c) => c.key === "success").description, /No touchpoint is a goal yet/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

const PATHS = ["path,conversions,nulls", "Search > Website,30,70", "Social > Website,10,90", "Email,15,10"].join("\n");

test("a journey fitted from paths has no rated emotion: no remembered, satisfied or promoter number, no opportunity", { timeout: 90000 }, async () => {
  const { page, problems, figures } = await openApp();
  try {
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Import", exact: true }).click(),
    ]);
    await chooser.setFiles({ name: "channels.csv", mimeType: "text/csv", buffer: Buffer.from(PATHS) });
    const dialog = page.getByRole("dialog", { name: "Import customer paths" });
    await dialog.getByRole("button", { name: "Fit journey" }).click();
    await dialog.waitFor({ state: "detached", timeout: 10000 });
    await page.locator("journey-map .jg-title", { hasText: "Customer paths" }).waitFor({ timeout: 5000 });
    await figures.locator("[data-figure=success] .jg-value:not(.jg-pending)").waitFor();
    const a = await page.evaluate(() => document.querySelector("journey-map").journey.analyze({ touchpoints: false }));
    assert.equal(a.rated, 0);
    for (const key of ["remembered", "satisfied", "promoter", "service"]) {
      const value = await figures.locator(`[data-figure=${key}] .jg-value`).textContent();
      assert.equal(value, "Not rated", `${key} shows no number`);
    }
    assert.equal(await figures.locator("[data-figure=remembered] .jg-sub").textContent(), "rate emotions to see how the journey will be remembered");
    assert.equal(await figures.locator("[data-figure=remembered] .jg-hw").count(), 0, "no simulated margin either");
    const cells = await described(page);
    assert.match(cells.find((c) => c.key === "remembered").description, /rate emotions to see how the journey will be remembered/);
    // The cards and the inspector say "not rated".
    const card = page.locator("journey-map svg.jg-map g.jg-card").first();
    assert.equal(await card.locator(".jg-badge-unrated").count(), 1);
    assert.doesNotMatch(await card.getAttribute("aria-label"), /emotion [+−]?0/);
    await card.click();
    const emotion = page.locator("journey-map [part=inspector]").getByLabel("Emotion", { exact: true });
    assert.equal(await emotion.getAttribute("aria-valuetext"), "not rated");
    // What if: "Fix first" claims nothing.
    await page.getByRole("button", { name: "What if", exact: true }).click();
    const reason = page.locator("journey-map [data-reason=unrated]");
    await reason.waitFor({ timeout: 10000 });
    assert.equal(await page.locator("journey-map .jg-opp").count(), 0, "no opportunity");
    const ops = await page.evaluate(() => document.querySelector("journey-map").journey.opportunities({ delta: 0.5 }));
    assert.deepEqual(ops, []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("END and the peak agree on the curve and in Present: where customers end, felt emotion, labelled", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const truth = await page.evaluate(() => {
      const j = document.querySelector("journey-map").journey;
      const { curve, cards } = j.layout();
      const name = (i) => cards.find((c) => c.id === curve.points[i].id).name;
      return { peak: curve.points[curve.peak], end: curve.points[curve.end], peakName: name(curve.peak), endName: name(curve.end), endShare: curve.endShare };
    });
    // END is where most customers' journeys end (the core weighs it by the customers who end there).
    assert.ok(truth.endShare > 0 && truth.endShare <= 1);
    // The map's curve marks and names them, with felt emotion.
    const map = page.locator("journey-map svg.jg-map");
    assert.equal(await map.locator(".jg-curve-mark.jg-curve-peak").getAttribute("data-id"), truth.peak.id);
    assert.equal(await map.locator(".jg-curve-mark.jg-curve-end").getAttribute("data-id"), truth.end.id);
    const felt = (x) => `${x >= 0 ? "+" : "\u2212"}${Math.abs(x).toFixed(2)}`;
    assert.match(await map.locator(".jg-curve-mark.jg-curve-peak text").textContent(), new RegExp(`Peak ${felt(truth.peak.felt).replace("+", "\\+")}`));
    const label = await map.locator(".jg-curve").first().getAttribute("aria-label");
    assert.ok(label.includes(`peak: felt ${felt(truth.peak.felt)} at ${truth.peakName}`), label);
    assert.ok(label.includes(`end: felt ${felt(truth.end.felt)} at ${truth.endName}, where ${Math.round(100 * truth.endShare)}% of customers end`), label);
    assert.match(await map.locator(".jg-lane-title", { hasText: "Emotional curve" }).textContent(), /felt emotion \(emotion × impact\)/);

    // Present: the whole journey's moments are the same touchpoints, with the same felt values.
    await page.getByRole("button", { name: "Present", exact: true }).click();
    await page.locator("journey-map .jg-present").waitFor();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowRight");
    const kickers = page.locator("journey-map .jg-present .jgp-kicker");
    await kickers.first().waitFor({ timeout: 5000 });
    const texts = await kickers.allTextContents();
    assert.ok(texts.some((t) => t.startsWith(`Peak \u00b7 felt ${felt(truth.peak.felt)}`)), JSON.stringify(texts));
    assert.ok(texts.some((t) => t === `End \u00b7 felt ${felt(truth.end.felt)}, ${Math.round(100 * truth.endShare)}% end here`), JSON.stringify(texts));
    // Each of those kickers sits over the tile of that very touchpoint.
    const tiles = await kickers.evaluateAll((els) => els.filter((e) => /^(Peak|End)/.test(e.textContent))
      .map((e) => e.closest("li")?.querySelector("[data-id]")?.dataset.id));
    assert.deepEqual(tiles, [truth.peak.id, truth.end.id]);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the attribution table lists every channel in view: no hidden inner scroll", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const channels = ["TV", "Radio", "Search", "Social", "Email", "Display", "Affiliate", "Store", "App", "Podcast", "TikTok"];
    const csv = ["path,conversions,nulls", ...channels.map((c, i) => `${c} > ${channels[(i + 1) % channels.length]},${i + 1},${20 - i}`)].join("\n");
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Import", exact: true }).click(),
    ]);
    await chooser.setFiles({ name: "eleven.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const dialog = page.getByRole("dialog", { name: "Import customer paths" });
    await dialog.getByRole("button", { name: "Fit journey" }).click();
    await dialog.waitFor({ state: "detached", timeout: 10000 });
    const section = page.locator("journey-map .jg-attribution");
    await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-attribution")?.dataset.state === "done", null, { timeout: 20000 });
    const rows = section.locator("tbody tr");
    assert.equal(await rows.count(), channels.length);
    const names = (await section.locator("tbody th").allTextContents()).map((t) => t.trim());
    assert.deepEqual([...names].sort(), [...channels].sort());
    const scroll = await section.locator(".jg-attr-scroll").evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    assert.ok(scroll.scroll <= scroll.client + 1, `no inner scroll: ${JSON.stringify(scroll)}`);
    await section.screenshot({ path: shot("attribution-eleven.png") });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
