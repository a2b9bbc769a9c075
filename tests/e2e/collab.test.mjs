// Shared journeys in real Chromium, with the real sync server
// (tools/sync-server.mjs, the y-websocket server) started here: two tabs
// of one browser stay in sync and survive a reload; two people (two
// browser contexts) share a journey through its link, see each other, and
// merge concurrent edits to one touchpoint; the server is killed and
// restarted mid-session while both keep editing, and nothing is lost.
//   bash tools/build.sh && cd tests && node --test e2e/collab.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { serve } from "../../tools/serve.mjs";
import { startSync } from "../../tools/sync-server.mjs";

const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "jg-sync-"));
let sync;
let app;
let browser;
let syncPort;

before(async () => {
  sync = await startSync({ port: 0, dir });
  syncPort = sync.server.address().port;
  app = await serve({ port: 0, quiet: true, sync: sync.url });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await sync?.close();
  app?.server.closeAllConnections?.();
  await new Promise((done) => (app ? app.server.close(done) : done()));
});

/** Opens the app in `context` (at `hash`) and waits until the journey is a shared document. */
async function open(context, hash = "") {
  const page = await context.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${app.url}${hash}`);
  await page.waitForSelector("body[data-state=ready][data-collab=ready] journey-map svg.jg-map", { state: "attached", timeout: 20000 });
  return { page, problems };
}

const file = (page) => page.evaluate(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()));
const tp = async (page, id) => (await file(page)).touchpoints.find((t) => t.id === id);
/** An edit through the element, as its inspector makes it. */
const edit = (page, e) => page.evaluate((e) => document.querySelector("journey-map").edit(e), e);
const update = (page, id, fields) => page.evaluate(({ id, fields }) => {
  const el = document.querySelector("journey-map");
  const t = el.journey.view().touchpoints.find((x) => x.id === id);
  return el.edit({ op: "updateTouchpoint", touchpoint: { ...t, ...fields } });
}, { id, fields });
const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 15000 });
const has = (page, id, field, value) => until(page, ({ id, field, value }) => {
  const t = document.querySelector("journey-map").journey.view().touchpoints.find((x) => x.id === id);
  return t && t[field] === value;
}, { id, field, value });

test("two tabs of one browser show each other's edits live, never overwrite each other, and keep both after a reload", async () => {
  const context = await browser.newContext();
  const a = await open(context);
  // The first change puts the sample into the library; the second tab opens it (the journey open last).
  assert.ok(await edit(a.page, { op: "setTitle", title: "Two tabs" }));
  await a.page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });
  const b = await open(context);
  assert.equal((await file(b.page)).title, "Two tabs");
  assert.ok(await edit(a.page, { op: "addTouchpoint", touchpoint: { id: "from-tab-a", name: "Added in tab A", stage: "awareness" } }));
  await has(b.page, "from-tab-a", "name", "Added in tab A");
  assert.ok(await edit(b.page, { op: "addTouchpoint", touchpoint: { id: "from-tab-b", name: "Added in tab B", stage: "awareness" } }));
  await has(a.page, "from-tab-b", "name", "Added in tab B");
  // A later edit in tab A keeps tab B's card (the old app lost it here).
  assert.ok(await update(a.page, "from-tab-a", { emotion: 0.5 }));
  await has(b.page, "from-tab-a", "emotion", 0.5);
  assert.ok(await tp(a.page, "from-tab-b"));
  await a.page.reload();
  await a.page.waitForSelector("body[data-collab=ready]", { timeout: 20000 });
  for (const id of ["from-tab-a", "from-tab-b"]) assert.ok(await tp(a.page, id), `${id} after a reload`);
  // Undo in tab B undoes tab B's edit only.
  await b.page.getByRole("button", { name: "Undo" }).first().click();
  await until(a.page, () => !document.querySelector("journey-map").journey.view().touchpoints.some((t) => t.id === "from-tab-b"));
  assert.equal((await tp(b.page, "from-tab-a"))?.emotion, 0.5);
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

test("a slider drag in one tab arrives in the other at its last value, and one Undo takes the whole drag back in both", async () => {
  const context = await browser.newContext();
  const a = await open(context);
  assert.ok(await edit(a.page, { op: "setTitle", title: "Drag between tabs" }));
  await a.page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });
  const b = await open(context);
  const before = (await tp(a.page, "checkout")).emotion;
  await a.page.locator('journey-map svg.jg-map g.jg-card[data-id="checkout"]').click();
  // Steps of a drag after its first are written to the shared document in a task of
  // their own, the newest only (www/collab/bind.js): none may be lost.
  const values = await a.page.evaluate(async () => {
    const slider = document.querySelector("journey-map").shadowRoot.querySelector('.jg-inspector input[type=range][data-key="emotion"]');
    const seen = [];
    for (let i = 0; i <= 12; i++) {
      slider.value = String(Math.round((-0.6 + i * 0.1) * 100) / 100);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      seen.push(Number(slider.value));
      // Half of the steps come faster than a task: they replace each other.
      if (i % 2) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    slider.dispatchEvent(new Event("change", { bubbles: true }));
    return seen;
  });
  const last = values.at(-1);
  assert.equal(last, 0.6);
  await has(a.page, "checkout", "emotion", last);
  await has(b.page, "checkout", "emotion", last);
  await a.page.getByRole("button", { name: "Undo", exact: true }).first().click();
  await has(a.page, "checkout", "emotion", before);
  await has(b.page, "checkout", "emotion", before);
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

test("two people share a journey by its link, see each other, merge concurrent edits, and lose nothing when the server restarts", async () => {
  const ana = await browser.newContext();
  const ben = await browser.newContext();
  await ana.addInitScript(() => localStorage.setItem("journeygraph:name", "Ana"));
  await ben.addInitScript(() => localStorage.setItem("journeygraph:name", "Ben"));
  const a = await open(ana);
  await a.page.getByRole("button", { name: "Share" }).click();
  // The link is made once the sync server's address is known (asked for on the first Share).
  await until(a.page, () => document.getElementById("jg-share-link").value !== "");
  const link = await a.page.locator("#jg-share-link").inputValue();
  const room = /#share=([0-9a-f]+)$/.exec(link)?.[1];
  assert.ok(room && room.length >= 32, `a room of at least 128 bits: ${link}`);
  await until(a.page, () => /Live/.test(document.getElementById("jg-share-status").textContent));
  const b = await open(ben, `#share=${room}`);
  await until(b.page, () => document.querySelector("journey-map").journey.title === "Buying a smartphone online");
  const ids = (await file(a.page)).touchpoints.map((t) => t.id);
  assert.deepEqual((await file(b.page)).touchpoints.map((t) => t.id), ids);

  // Different fields of one touchpoint at once: both kept.
  const [x, y] = ids;
  await Promise.all([update(a.page, x, { emotion: -0.7 }), update(b.page, x, { name: "Ben renamed it" })]);
  for (const p of [a.page, b.page]) {
    await has(p, x, "emotion", -0.7);
    await has(p, x, "name", "Ben renamed it");
  }
  // Presence: Ben selects a card; Ana sees it in words.
  await b.page.locator("journey-map .jg-card").first().click();
  await until(a.page, () => /Ben: on “Ben renamed it”/.test(document.getElementById("jg-presence").textContent));
  assert.match(await a.page.locator("#jg-presence").textContent(), /Ana \(you\)/);
  // And on Ana's map: Ben's card outlined, tagged with his name, and named so for screen readers.
  const marked = a.page.locator("journey-map g.jg-card[data-presence]");
  await marked.first().waitFor({ state: "attached" });
  assert.equal(await marked.count(), 1);
  assert.equal(await marked.getAttribute("data-presence"), "Ben");
  assert.match(await marked.getAttribute("aria-label"), /Ben renamed it.*\. Ben is here$/);
  assert.equal(await marked.locator(".jg-presence-mark text").textContent(), "Ben");
  assert.equal(await b.page.locator("journey-map g.jg-card[data-presence]").count(), 0, "nobody else is on a card for Ben");
  await a.page.screenshot({ path: fileURLToPath(new URL("collab-ana.png", out)) });
  await b.page.screenshot({ path: fileURLToPath(new URL("collab-ben.png", out)) });

  // The server goes away; both keep editing; it comes back on the same port.
  await sync.close();
  await until(a.page, () => /Offline/.test(document.getElementById("jg-share-status").textContent));
  assert.ok(await update(a.page, y, { channel: "made-offline-by-ana" }));
  assert.ok(await update(b.page, y, { owner: "made-offline-by-ben" }));
  sync = await startSync({ port: syncPort, dir });
  for (const p of [a.page, b.page]) {
    await has(p, y, "channel", "made-offline-by-ana");
    await has(p, y, "owner", "made-offline-by-ben");
  }
  assert.deepEqual(await file(a.page), await file(b.page));
  // A newcomer after the restart gets everything from the server.
  const cara = await browser.newContext();
  const c = await open(cara, `#share=${room}`);
  await has(c.page, y, "owner", "made-offline-by-ben");
  assert.deepEqual([...a.problems, ...b.problems, ...c.problems], []);
  for (const ctx of [ana, ben, cara]) await ctx.close();
});

test("a share link whose sync server does not answer says so, and keeps trying, instead of waiting in silence", async () => {
  // A port nobody listens on: a server started and closed again.
  const gone = await startSync({ port: 0, dir: mkdtempSync(join(tmpdir(), "jg-sync-gone-")) });
  const deadUrl = gone.url;
  await gone.close();
  const lonely = await serve({ port: 0, quiet: true, sync: deadUrl });
  const context = await browser.newContext();
  try {
    const page = await context.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${lonely.url}#share=${"ab".repeat(16)}`);
    await page.waitForSelector("body[data-state=ready][data-collab=ready]", { state: "attached", timeout: 20000 });
    await page.waitForFunction(() => document.getElementById("jg-share-panel").dataset.status === "unreachable", null, { timeout: 15000 });
    const said = await page.locator("#jg-share-status").textContent();
    assert.match(said, /does not answer, so the shared journey cannot be shown yet\. It keeps trying/);
    assert.ok(said.includes(deadUrl), "it names the server it tries");
    assert.match(await page.locator("#jg-toast").textContent(), /does not answer/);
    // Still so after the provider's next attempts (not overwritten by "Offline").
    await page.waitForTimeout(1500);
    assert.equal(await page.locator("#jg-share-panel").getAttribute("data-status"), "unreachable");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    lonely.server.closeAllConnections?.();
    await new Promise((done) => lonely.server.close(done));
  }
});

test("edits made while the shared document is still opening stay undoable, in order, by the Undo button, and the undo is kept", async () => {
  const context = await browser.newContext();
  try {
    const { page, problems } = await open(context);
    // The document's code arrives late this time (a slow network): the first edits come before it.
    await page.route("**/share/index.js", async (route) => {
      await new Promise((done) => setTimeout(done, 2500));
      await route.continue();
    });
    await page.reload();
    await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map");
    assert.notEqual(await page.evaluate(() => document.body.dataset.collab), "ready", "the document is not open yet");
    const original = (await file(page)).title;
    await edit(page, { op: "setTitle", title: "First" });
    await edit(page, { op: "setTitle", title: "Second" });
    await until(page, () => document.body.dataset.collab === "ready");
    await edit(page, { op: "setTitle", title: "Third, after" });
    const undo = page.locator("journey-map").getByRole("button", { name: "Undo", exact: true });
    const redo = page.locator("journey-map").getByRole("button", { name: "Redo", exact: true });
    const titles = [];
    for (let i = 0; i < 3; i += 1) {
      await undo.click();
      titles.push((await file(page)).title);
    }
    assert.deepEqual(titles, ["Second", "First", original], "each undo takes back one step, the ones from before the document too");
    assert.equal(await undo.isDisabled(), true, "then there is nothing left to undo");
    await redo.click();
    assert.equal((await file(page)).title, "First", "redo brings back the last undone first");
    await redo.click();
    await redo.click();
    assert.equal((await file(page)).title, "Third, after", "and then this binding's own step");
    await undo.click();
    await undo.click();
    assert.equal((await file(page)).title, "First");
    // What Undo did is in the document: a reload shows it.
    await page.unroute("**/share/index.js");
    await page.reload();
    await page.waitForSelector("body[data-state=ready][data-collab=ready] journey-map svg.jg-map", { state: "attached", timeout: 20000 });
    assert.equal((await file(page)).title, "First", "kept after a reload");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
