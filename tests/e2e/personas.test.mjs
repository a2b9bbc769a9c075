// Personas in the editor (issue 15), in real Chromium, through the visible
// controls only: the sample journey's two personas side by side with
// everyone in the journey's panel; "Show map" shows one persona's journey
// (its skipped cards gone from the map, the bar saying so, the figures its
// own); a card's "For <persona>" fields and "never meets" change that
// persona only; Undo takes it all back; a new persona is added.
//   bash tools/build.sh && cd tests && node --test e2e/personas.test.mjs
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

test("the sample's personas side by side, one persona's map, its overrides and skips edited on a card, undone", { timeout: 90000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1440, height: 1000 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { timeout: 15000 });
  const editor = page.locator("journey-map");
  const engine = (fn, arg) => page.evaluate(fn, arg);
  const success = (id) => engine((p) => {
    const j = document.querySelector("journey-map").journey;
    if (!p) return j.analyze({ touchpoints: false }).success;
    const walked = j.forPersona(p);
    try { return walked.analyze({ touchpoints: false }).success; } finally { walked.free(); }
  }, id);
  const shownSuccess = () => editor.locator('[part=figures] [data-figure=success] .jg-value').textContent();

  // The journey's panel: the table beside everyone.
  const table = editor.locator("table.jg-personas");
  await table.scrollIntoViewIfNeeded();
  const head = await table.locator("thead th").allTextContents();
  assert.deepEqual(head, ["Figure", "Everyone", "First-time buyer", "Upgrader"]);
  const row = await table.locator("tbody tr").first().locator("td").allTextContents();
  const [everyone, first, upgrader] = [await success(null), await success("first-timer"), await success("upgrader")];
  assert.deepEqual(row, [pct(everyone), pct(first), pct(upgrader)]);
  assert.ok(first < everyone && upgrader > everyone, `first-timer ${first}, everyone ${everyone}, upgrader ${upgrader}`);
  await editor.locator("[part=inspector]").screenshot({ path: new URL("personas-panel.png", out).pathname });

  // One persona's map.
  await editor.getByRole("button", { name: "Show map for Upgrader" }).click();
  const bar = editor.locator("[part=persona-bar]");
  await bar.waitFor({ state: "visible" });
  assert.match(await bar.textContent(), /Upgrader's journey, without Reads online reviews, Receives a setup-tips email/);
  assert.equal(await editor.evaluate((e) => e.persona), "upgrader");
  await page.waitForFunction((want) => document.querySelector("journey-map").shadowRoot.querySelector("[data-figure=success] .jg-value")?.textContent === want, pct(upgrader));
  const cards = () => editor.evaluate((e) => [...e.shadowRoot.querySelectorAll("svg.jg-map g.jg-card[data-id]")].map((g) => g.dataset.id));
  const drawn = await cards();
  assert.ok(!drawn.includes("reads-reviews") && !drawn.includes("setup-tips-email"), drawn.join());
  assert.ok(drawn.includes("checkout"));
  await editor.locator("[part=canvas]").screenshot({ path: new URL("personas-map.png", out).pathname });

  // On a card: the upgrader feels better at checkout.
  await editor.locator('svg.jg-map g.jg-card[data-id="checkout"]').click();
  const emotion = editor.getByLabel("Emotion for Upgrader (−1 to 1)");
  assert.equal(await emotion.inputValue(), "0.3");
  await emotion.fill("0.9");
  await emotion.press("Enter");
  await page.waitForFunction(() => document.querySelector("journey-map").journey.toObject().personas[1].overrides.some((o) => o.touchpoint === "checkout" && o.emotion === 0.9));
  await editor.locator("[part=inspector] [data-key=persona-overrides]").screenshot({ path: new URL("personas-card.png", out).pathname });
  const better = await success("upgrader");
  assert.ok(better > upgrader, `${better} > ${upgrader}`);
  await page.waitForFunction((want) => document.querySelector("journey-map").shadowRoot.querySelector("[data-figure=success] .jg-value")?.textContent === want, pct(better));
  // Everyone and the first-timer are unchanged.
  assert.equal(await success(null), everyone);
  assert.equal(await success("first-timer"), first);
  // The upgrader never meets the delivery SMS: its card leaves the persona's map.
  await editor.locator('svg.jg-map g.jg-card[data-id="delivery-sms"]').click();
  await editor.getByRole("button", { name: "Upgrader never meets this touchpoint" }).click();
  await page.waitForFunction(() => document.querySelector("journey-map").journey.toObject().personas[1].skip.includes("delivery-sms"));
  await page.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector('svg.jg-map g.jg-card[data-id="delivery-sms"]'));
  assert.match(await bar.textContent(), /without Reads online reviews, Receives a setup-tips email, Gets delivery updates by SMS/);

  // Undo twice: the upgrader as it was.
  const undo = editor.getByRole("button", { name: "Undo", exact: true });
  await undo.click();
  await undo.click();
  const back = await engine(() => document.querySelector("journey-map").journey.toObject().personas[1]);
  assert.deepEqual(back.skip, ["reads-reviews", "setup-tips-email"]);
  assert.equal(back.overrides.find((o) => o.touchpoint === "checkout").emotion, 0.3);
  assert.equal(await success("upgrader"), upgrader);

  // Back to everyone, and a persona of one's own.
  await bar.getByRole("button", { name: "Show everyone" }).click();
  await bar.waitFor({ state: "hidden" });
  await page.waitForFunction((want) => document.querySelector("journey-map").shadowRoot.querySelector("[data-figure=success] .jg-value")?.textContent === want, pct(everyone));
  await editor.locator("[part=canvas]").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Escape");
  await editor.evaluate((e) => e.select?.(null));
  await editor.getByRole("button", { name: "Add persona" }).click();
  await page.waitForFunction(() => document.querySelector("journey-map").journey.toObject().personas.length === 3);
  assert.equal(await editor.evaluate((e) => e.persona), "persona-3");
  // A new persona walks the journey as everyone does.
  assert.equal(await success("persona-3"), everyone);
  assert.deepEqual(problems, []);
  await page.close();
});
