// The room takes part (SPEC section 9, issue 14), in real Chromium with the
// real sync server (tools/sync-server.mjs) started here: the wall (the app
// in workshop mode at 1920×1080) opens the room; three phones (360×640,
// touch) open its link, follow the stage on the wall and rate its
// touchpoints with five faces; the wall shows each touchpoint's count,
// distribution and mean as they arrive; the facilitator reviews and removes
// a rating, tries the room's means as a what-if and adopts them in the
// baseline (one undoable edit, marked measured), and the figures move.
//   bash tools/build.sh && cd tests && node --test e2e/room.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { launch } from "./browser.mjs";
import { serve } from "../../tools/serve.mjs";
import { startSync } from "../../tools/sync-server.mjs";

const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const shot = (name) => new URL(name, out).pathname;
const dir = mkdtempSync(join(tmpdir(), "jg-room-"));
let sync;
let app;
let browser;

before(async () => {
  sync = await startSync({ port: 0, dir });
  app = await serve({ port: 0, quiet: true, sync: sync.url });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await sync?.close();
  app?.server.closeAllConnections?.();
  await new Promise((done) => (app ? app.server.close(done) : done()));
});

const WAIT = { timeout: 15000 };
const require = createRequire(import.meta.url);
const faces = { "very bad": 1, bad: 2, neutral: 3, good: 4, "very good": 5 };

/** The wall's tile for touchpoint `id` (in the stage shown large). */
const tile = (wall, id) => wall.locator(`journey-map .jgp-focus .jgp-tile[data-id="${id}"]`);
/** The wall's room line of touchpoint `id`: {count, mean, text}, or null while it has no rating. */
const line = (wall, id) => wall.evaluate((id) => {
  const el = document.querySelector("journey-map").shadowRoot.querySelector(`.jgp-focus .jgp-tile[data-id="${id}"] .jgp-room-line`);
  return el ? { count: Number(el.dataset.count), mean: Number(el.dataset.mean), text: el.textContent } : null;
}, id);
const untilLine = (wall, id, count, mean) => wall.waitForFunction(({ id, count, mean }) => {
  const el = document.querySelector("journey-map").shadowRoot.querySelector(`.jgp-focus .jgp-tile[data-id="${id}"] .jgp-room-line`);
  return el && Number(el.dataset.count) === count && Math.abs(Number(el.dataset.mean) - mean) < 1e-3;
}, { id, count, mean }, WAIT);

/** Opens a phone on the room's link, with the name `who`; waits for the stage `stage` the wall shows. */
async function phone(link, who, stage) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(link);
  await page.locator("#jr-stage-title", { hasText: stage }).waitFor(WAIT);
  await page.fill("#jr-name", who);
  await page.locator("#jr-name").press("Enter");
  await page.locator("#jr-name").dispatchEvent("change");
  return { context, page, problems };
}

/** Taps face `name` for the touchpoint card `id` on a phone. */
async function rate(p, id, name) {
  const button = p.page.locator(`.jr-card[data-id="${id}"] .jr-face[data-face="${faces[name]}"]`);
  await button.tap();
  await p.page.locator(`.jr-card[data-id="${id}"] .jr-face[data-face="${faces[name]}"][aria-checked="true"]`).waitFor(WAIT);
}

test("a room of three phones rates the stage on the wall; the wall counts, reviews and adopts the room's means", { timeout: 180000 }, async () => {
  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();
  const problems = [];
  wall.on("pageerror", (e) => problems.push(e.message));
  await wall.goto(app.url);
  await wall.waitForSelector("body[data-state=ready][data-collab=ready] journey-map svg.jg-map", { state: "attached", timeout: 20000 });
  const before = await wall.evaluate(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()));
  const baseline = await wall.evaluate(() => document.querySelector("journey-map").journey.analyze());

  // The wall: Present, stage 3 (Purchase), then open the room from the wall itself.
  await wall.getByRole("button", { name: "Present", exact: true }).click();
  await wall.locator("journey-map .jg-present").waitFor(WAIT);
  await wall.keyboard.press("3");
  await wall.locator("journey-map .jgp-focus-title", { hasText: "Purchase" }).waitFor(WAIT);
  const figureValues = () => wall.evaluate(() => [...document.querySelector("journey-map").shadowRoot.querySelectorAll(".jgp-head .jg-figure .jg-value:not(.jg-pending)")].map((v) => v.textContent).join("|"));
  await wall.waitForFunction(() => !document.querySelector("journey-map").shadowRoot.querySelector(".jgp-head .jg-value.jg-pending"), null, WAIT);
  const wallFigures = await figureValues();
  await wall.locator('journey-map [data-action="room-start"]').click();
  const linkEl = wall.locator("journey-map .jgp-room-link");
  await linkEl.waitFor(WAIT);
  const link = await linkEl.getAttribute("data-link");
  assert.match(link, /\/rate\.html#[0-9a-f]{32}$/, "the phones' link names the room");
  assert.equal(await linkEl.textContent(), link, "the wall shows the link itself");

  // Three phones open it and see the stage on the wall.
  const phones = [await phone(link, "Ana", "Purchase"), await phone(link, "Ben", "Purchase"), await phone(link, "Chloé", "Purchase")];
  const ana = phones[0].page;
  assert.equal(await ana.locator("#jr-title").textContent(), before.title, "the phone shows the journey's title");
  assert.deepEqual(await ana.locator(".jr-card").evaluateAll((cards) => cards.map((c) => c.dataset.id)), ["checkout", "order-confirmed"],
    "the phone shows the touchpoints of the stage on the wall, in order");
  // Usable by touch at 360×640: nothing wider than the screen, every face a target of at least 44 × 44 px.
  assert.ok(await ana.evaluate(() => document.documentElement.scrollWidth <= 360), "no sideways scrolling");
  for (const box of await ana.locator(".jr-face").evaluateAll((b) => b.map((x) => x.getBoundingClientRect().toJSON()))) {
    assert.ok(box.width >= 44 && box.height >= 44, `a face is ${box.width}×${box.height} px`);
  }
  assert.equal(await ana.locator('.jr-card[data-id="checkout"] [role="radiogroup"] [role="radio"]').count(), 5, "five faces");

  await rate(phones[0], "checkout", "very good");
  // Others' ratings never redraw a phone's faces under a finger: they stay the same elements.
  await ana.evaluate(() => { document.querySelector('.jr-card[data-id="checkout"] .jr-face[data-face="3"]').dataset.kept = "yes"; });
  await rate(phones[1], "checkout", "good");
  await rate(phones[2], "checkout", "very bad");
  await rate(phones[0], "order-confirmed", "good");
  await rate(phones[1], "order-confirmed", "good");
  await rate(phones[2], "order-confirmed", "very good");
  await ana.screenshot({ path: shot("room-phone.png") });
  // The phone's page passes axe-core's WCAG 2 A and AA rules (names, contrast, roles of the face radios).
  await ana.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const axe = await ana.evaluate(async () => (await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa"] })).violations.map((v) => `${v.id}: ${v.nodes.length}`));
  assert.deepEqual(axe, []);

  // The wall: count, distribution and mean per touchpoint, as they arrive.
  await untilLine(wall, "checkout", 3, (1 + 0.5 - 1) / 3);
  await untilLine(wall, "order-confirmed", 3, (0.5 + 0.5 + 1) / 3);
  assert.equal(await ana.locator('.jr-face[data-kept="yes"]').count(), 1, "Ana's page was updated in place");
  const checkout = await line(wall, "checkout");
  assert.match(checkout.text, /3 ratings · room mean \+0\.17/);
  assert.match(checkout.text, /1 very bad, 0 bad, 0 neutral, 1 good, 1 very good/, "the distribution, in words too");
  assert.match(await tile(wall, "checkout").getAttribute("aria-label") ?? await tile(wall, "checkout").textContent(), /3 ratings/, "the tile's name carries the ratings");
  await wall.locator("journey-map .jgp-room-count", { hasText: "3 people have rated" }).waitFor(WAIT);

  // Rating again replaces a person's rating; it never counts twice.
  await rate(phones[2], "checkout", "neutral");
  await untilLine(wall, "checkout", 3, (1 + 0.5 + 0) / 3);
  await wall.screenshot({ path: shot("room-wall.png") });

  // Review: who rated what; remove Ben's rating of the checkout.
  await wall.locator("journey-map .jgp-room-review summary").click();
  const reviewed = await wall.locator("journey-map .jgp-room-review li").allTextContents();
  assert.equal(reviewed.length, 6);
  assert.ok(reviewed.some((t) => t.startsWith("Ben: good for “Checks out on the website”")), reviewed.join(" | "));
  await wall.getByRole("button", { name: "Remove Ben's rating of “Checks out on the website”" }).click();
  await untilLine(wall, "checkout", 2, (1 + 0) / 2);
  assert.equal(await wall.locator("journey-map .jgp-room-review li").count(), 5, "the review stays open and lists what is left");
  // Ben's phone no longer shows that face as chosen.
  await phones[1].page.locator('.jr-card[data-id="checkout"] .jr-face[aria-checked="true"]').waitFor({ state: "detached", ...WAIT });

  // The phones follow the wall.
  await wall.keyboard.press("ArrowRight");
  for (const p of phones) await p.page.locator("#jr-stage-title", { hasText: "Delivery" }).waitFor(WAIT);
  await wall.keyboard.press("ArrowLeft");
  for (const p of phones) await p.page.locator("#jr-stage-title", { hasText: "Purchase" }).waitFor(WAIT);
  // A phone reloaded shows its own ratings again: they are kept in the document.
  await phones[0].page.reload();
  await phones[0].page.locator('.jr-card[data-id="order-confirmed"] .jr-face[data-face="4"][aria-checked="true"]').waitFor(WAIT);

  // Try the room's means as a what-if: the baseline is untouched, the figures move.
  await wall.locator('journey-map [data-action="room-whatif"]').click();
  await wall.locator("journey-map .jgp-whatif", { hasText: "What if: 2 touchpoints changed" }).waitFor(WAIT);
  assert.equal(await wall.evaluate(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()).touchpoints.find((t) => t.id === "checkout").emotion),
    before.touchpoints.find((t) => t.id === "checkout").emotion, "a what-if leaves the baseline alone");
  await wall.locator("journey-map .jgp-head .jg-figure .jg-delta").first().waitFor(WAIT);

  // Adopt them in the baseline: one edit, the emotions the room's means, marked measured.
  await wall.locator('journey-map [data-action="room-adopt"]').click();
  await wall.waitForFunction(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()).touchpoints.find((t) => t.id === "checkout").emotion === 0.5, null, WAIT);
  const adopted = await wall.evaluate(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()));
  const byId = (f, id) => f.touchpoints.find((t) => t.id === id);
  assert.equal(byId(adopted, "checkout").emotion, 0.5);
  assert.equal(byId(adopted, "order-confirmed").emotion, 0.67, "the mean (0.5 + 0.5 + 1) / 3, to two decimals");
  assert.equal(byId(adopted, "checkout").basis.emotion.measured, true);
  assert.match(byId(adopted, "checkout").basis.emotion.source, /^Workshop room, 2 ratings, \d{4}-\d\d-\d\d$/);
  assert.match(byId(adopted, "order-confirmed").basis.emotion.source, /^Workshop room, 3 ratings, /);
  const now = await wall.evaluate(() => document.querySelector("journey-map").journey.analyze());
  assert.notEqual(now.meanFelt, baseline.meanFelt, "the figures moved: the mean felt emotion");
  // On the wall too: the figures that follow emotion show the new baseline (no what-if left to compare).
  await wall.waitForFunction((was) => {
    const values = [...document.querySelector("journey-map").shadowRoot.querySelectorAll(".jgp-head .jg-figure .jg-value:not(.jg-pending)")].map((v) => v.textContent).join("|");
    return values && values !== was;
  }, wallFigures, WAIT);
  await wall.locator("journey-map .jgp-kept", { hasText: "The room's means are now the baseline" }).waitFor(WAIT);
  await wall.locator("journey-map .jgp-whatif", { hasText: "The baseline: nothing changed yet" }).waitFor(WAIT);

  // Leaving the wall: the phones see the whole journey; one undo takes the adoption back.
  await wall.keyboard.press("Escape");
  for (const p of phones) await p.page.locator("#jr-stage-title", { hasText: "The whole journey" }).waitFor(WAIT);
  assert.equal(await wall.evaluate(() => document.querySelector("journey-map").undo()), true);
  const undone = await wall.evaluate(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()));
  assert.equal(byId(undone, "checkout").emotion, byId(before, "checkout").emotion);
  assert.equal(byId(undone, "order-confirmed").emotion, byId(before, "order-confirmed").emotion);

  assert.deepEqual(problems, []);
  for (const p of phones) assert.deepEqual(p.problems, []);
  for (const p of phones) await p.context.close();
  await wallContext.close();
});

test("a phone with a link that names no room says so, and a room with no journey yet says so", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${app.url}rate.html`);
  await page.locator("#jr-status", { hasText: "needs the room link" }).waitFor(WAIT);
  await page.goto(`${app.url}rate.html#${"ab".repeat(16)}`);
  await page.reload();
  await page.locator("#jr-status", { hasText: "no journey yet" }).waitFor(WAIT);
  assert.equal(await page.locator("#jr-stage").isHidden(), true);
  await context.close();
});
