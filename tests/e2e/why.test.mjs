// "For analysts" and "Why it moves" (issue 13) in the real app in Chromium,
// through its visible controls: a journey fitted from paths of 11 channels
// lists every channel with its observed paths and conversions beside the
// Markov, last-touch, first-touch and linear credit, and shows entries as
// shares; each "Fix first" opportunity and each change of a live what-if
// says its reach, its dropout before → after and the customers affected,
// with what the model assumes and "Change sensitivity", which focuses the
// sensitivity setting. Every number shown is checked against the core.
//   bash tools/build.sh && cd tests && node --test e2e/why.test.mjs
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

async function openApp() {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 1000 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  return { page, problems };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const one = (x) => x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const CHANNELS = ["TV", "Radio", "Search", "Social", "Email", "Display", "Affiliate", "Store", "App", "Podcast", "TikTok"];
// Each channel leads to the next (the 11-channel set of figures.test.mjs):
// the paths with TikTok are Podcast > TikTok (10 conversions) and
// TikTok > TV (11), 21 in all; Search alone adds conversions to the chain.
const CSV = ["path,conversions,nulls",
  ...CHANNELS.map((c, i) => `${c} > ${CHANNELS[(i + 1) % CHANNELS.length]},${i + 1},${20 - i}`),
  "Search,300,100"].join("\n");

async function importPaths(page) {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByRole("button", { name: "Import", exact: true }).click(),
  ]);
  await chooser.setFiles({ name: "eleven.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  const dialog = page.getByRole("dialog", { name: "Import customer paths" });
  await dialog.getByRole("button", { name: "Fit journey" }).click();
  await dialog.waitFor({ state: "detached", timeout: 10000 });
  await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-attribution")?.dataset.state === "done", null, { timeout: 20000 });
}

test("the attribution table lists all 11 channels with observed paths and conversions beside Markov, last, first and linear", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await importPaths(page);
    const section = page.locator("journey-map .jg-attribution");
    const table = section.getByRole("table", { name: /Attribution by channel/ });
    const headers = (await table.locator("thead th").allTextContents()).map((t) => t.trim());
    assert.deepEqual(headers, ["Channel", "Observed paths", "Observed conversions", "Markov", "Last touch", "First touch", "Linear", "Removal effect"]);
    const rows = table.locator("tbody tr");
    assert.equal(await rows.count(), CHANNELS.length);
    // Every row visible in the page: no inner scroll, and the head says so.
    const scroll = await section.locator(".jg-attr-scroll").evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, wide: el.scrollWidth, width: el.clientWidth }));
    assert.ok(scroll.scroll <= scroll.client + 1, `no inner scroll: ${JSON.stringify(scroll)}`);
    assert.ok(scroll.wide <= scroll.width + 1, `every column in view at 1280 px: ${JSON.stringify(scroll)}`);
    assert.equal((await section.locator("[data-role=attribution-count]").textContent()).trim(), "11 channels, all shown.");
    for (const name of CHANNELS) await section.locator("tbody th", { hasText: new RegExp(`^${name}$`) }).scrollIntoViewIfNeeded();
    // The numbers are the core's.
    const core = await page.evaluate(() => document.querySelector("journey-map").journey.attribution());
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({
      id: tr.dataset.touchpoint,
      paths: tr.querySelector("[data-col=paths]").textContent,
      conversions: tr.querySelector("[data-col=observed-conversions]").textContent,
      markov: tr.querySelector("[data-col=share] [data-col=conversions]").textContent,
      last: tr.querySelector("[data-col=last]").textContent,
      first: tr.querySelector("[data-col=first]").textContent,
      linear: tr.querySelector("[data-col=linear]").textContent,
    })));
    assert.deepEqual(shown.map((r) => r.id), core.map((a) => a.touchpoint));
    shown.forEach((r, i) => {
      const a = core[i];
      assert.equal(r.paths, a.observed.paths.toLocaleString("en-US"));
      assert.equal(r.conversions, one(a.observed.conversions));
      assert.equal(r.markov, one(a.conversions));
      assert.equal(r.last, one(a.observed.lastTouch));
      assert.equal(r.first, one(a.observed.firstTouch));
      assert.equal(r.linear, one(a.observed.linear));
    });
    // The case an analyst must be able to see: TikTok's Markov credit beside its paths' 21 conversions.
    const tiktok = shown.find((r) => r.id === "TikTok");
    assert.equal(tiktok.paths, "42", "21 + 21 customers");
    assert.equal(tiktok.conversions, "21.0");
    assert.equal(tiktok.first, "11.0");
    assert.equal(tiktok.last, "10.0");
    assert.equal(tiktok.linear, "10.5");
    await section.screenshot({ path: shot("why-attribution.png") });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a fitted journey shows its entry as a share of entries, not a count", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await importPaths(page);
    await page.locator("journey-map svg.jg-map g.jg-card[data-id=Search]").click();
    const inspector = page.locator("journey-map .jg-inspector");
    const entry = inspector.getByLabel(/^Entry share/);
    const raw = Number(await entry.inputValue());
    const shares = await page.evaluate(() => document.querySelector("journey-map").journey.entryShares());
    const file = await page.evaluate(() => document.querySelector("journey-map").journey.view());
    assert.equal(raw, file.touchpoints.find((t) => t.id === "Search").entry, "the field edits the file's entry (a count here)");
    assert.ok(raw > 1, "the fitted entry is a count of first touches");
    const share = inspector.locator("[data-role=entry-share]");
    assert.equal(await share.textContent(), `${pct(shares.Search)} of entries (${raw.toLocaleString("en-US")} observed first touches)`);
    assert.equal(await entry.getAttribute("aria-describedby"), await share.getAttribute("id"));
    await inspector.screenshot({ path: shot("why-entry-share.png") });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("each opportunity says its reach, dropout before → after and customers affected; Change sensitivity focuses the setting", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await page.getByRole("button", { name: "What if", exact: true }).click();
    const opps = page.locator("journey-map .jg-opp");
    await opps.first().waitFor({ timeout: 15000 });
    const ranked = await page.evaluate(() => document.querySelector("journey-map").journey.opportunities({ delta: 0.5 }));
    const first = ranked[0];
    const why = await opps.first().locator("[data-role=why]").textContent();
    assert.ok(why.includes(`Reached by ${pct(first.reach)} of customers`), why);
    assert.ok(why.includes(`its dropout ${pct(first.dropoutBefore)} \u2192 ${pct(first.dropoutAfter)} at sensitivity 1.0`), why);
    const fewer = one(100 * (first.leftBefore - first.leftAfter));
    assert.ok(why.includes(`${fewer} fewer of every 100 customers leave right after it`), why);
    const assumes = page.locator("journey-map .jg-whatif-opps [data-role=assumptions]");
    assert.match(await assumes.textContent(), /sensitivity 1\.0.*0\.50 × peak \+ 0\.50 × end/);
    await page.locator("journey-map .jg-whatif-opps").screenshot({ path: shot("why-opportunities.png") });

    // One click to the setting: the sensitivity control, focused and editable in What if.
    await assumes.getByRole("button", { name: "Change sensitivity" }).click();
    const k = page.locator("journey-map .jg-inspector").getByLabel(/^Sensitivity/);
    await page.waitForFunction(() => document.querySelector("journey-map").shadowRoot.activeElement?.dataset.key === "sensitivity", null, { timeout: 5000 });
    assert.equal(await k.inputValue(), "1");
    await k.fill("2");
    await k.press("Enter");
    await page.waitForFunction(() => document.querySelector("journey-map").journey.view().settings.sensitivity === 2, null, { timeout: 5000 });
    // The reasons follow the new setting.
    const again = await page.evaluate(() => document.querySelector("journey-map").journey.opportunities({ delta: 0.5 }));
    const top = page.locator("journey-map .jg-opp").first().locator("[data-role=why]");
    await page.waitForFunction((text) => document.querySelector("journey-map").shadowRoot.querySelector(".jg-opp [data-role=why]")?.textContent.includes(text), `at sensitivity 2.0`, { timeout: 5000 });
    assert.ok((await top.textContent()).includes(`${pct(again[0].dropoutBefore)} \u2192 ${pct(again[0].dropoutAfter)}`));
    await page.screenshot({ path: shot("why-settings.png") });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a live what-if says why it moves: each changed touchpoint's reach, dropout before → after and customers who leave", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await page.getByRole("button", { name: "What if", exact: true }).click();
    await page.locator("journey-map .jg-opp").first().waitFor({ timeout: 15000 });
    await page.locator("journey-map .jg-opp").first().getByRole("button", { name: /^Add to scenario/ }).click();
    const scenario = await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      return el.journey.toObject().scenarios.find((s) => s.id === el.scenario);
    });
    const moves = await page.evaluate((sc) => document.querySelector("journey-map").journey.explain(sc), scenario);
    assert.ok(moves.length >= 1);
    const box = page.locator("journey-map [data-role=why-scenario]");
    await box.waitFor({ timeout: 5000 });
    for (const m of moves) {
      const text = await box.locator(`li[data-touchpoint="${m.touchpoint}"]`).textContent();
      assert.ok(text.startsWith(m.name), text);
      assert.ok(text.includes(`dropout ${pct(m.dropoutBefore)} \u2192 ${pct(m.dropoutAfter)} at sensitivity 1.0`), text);
      assert.ok(text.includes(`${pct(m.reachBefore)}`), text);
      assert.ok(text.includes("of every 100 customers"), text);
    }
    assert.ok(await box.getByRole("button", { name: "Change sensitivity" }).isVisible());
    await page.locator("journey-map .jg-inspector").screenshot({ path: shot("why-whatif.png") });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
