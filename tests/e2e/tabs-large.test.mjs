// Two tabs on a journey too large to be live between them (over 2,000
// touchpoints: no Yjs document, see www/sharing.js MAX_LIVE): each tab's
// edits are saved, and the second tab to save after the other never writes
// over it; its text becomes a journey of its own, and the message says so.
//   bash tools/build.sh && cd tests && node --test e2e/tabs-large.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start } from "./browser.mjs";
import { referenceJSON } from "../reference.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const ready = (page) => page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { state: "attached", timeout: 60000 });
const file = async (page) => JSON.parse(await page.evaluate(() => document.querySelector("#jg-editor").journey.toJSON()));
const saved = (page) => page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 30000 });
const addStage = (page) => page.locator("#jg-editor").getByRole("button", { name: "Add stage" }).click();

/** What the library holds: [{title, stages}] by title. */
const stored = (page) => page.evaluate(async () => {
  const { openStore } = await import("/library/store.js");
  const store = await openStore();
  try {
    return Promise.all((await store.list()).map(async (e) => ({ title: e.title, stages: JSON.parse((await store.get(e.id)).json).stages.length })));
  } finally {
    store.close();
  }
});

test("two tabs on a journey too large to be live: neither tab's edits are written over the other's", { timeout: 240000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const errors = [];
    const a = await context.newPage();
    a.on("pageerror", (e) => errors.push(e.message));
    await a.goto(env.url);
    await ready(a);
    // A 2,100-touchpoint journey, opened as an import: a new journey in the library.
    const text = referenceJSON(2100, 3);
    await a.evaluate((t) => {
      document.querySelector("#jg-editor").journey = t;
    }, text);
    await a.waitForFunction(() => document.querySelector("#jg-editor").journey?.touchpointCount === 2100 && document.body.dataset.collab === "off", null, { timeout: 60000 });
    await saved(a);
    const title = (await file(a)).title;
    const stages = (await file(a)).stages.length;

    // The second tab opens the same journey (the one last open).
    const b = await context.newPage();
    b.on("pageerror", (e) => errors.push(e.message));
    await b.goto(env.url);
    await ready(b);
    await b.waitForFunction(() => document.querySelector("#jg-editor").journey?.touchpointCount === 2100, null, { timeout: 60000 });

    // Tab A edits and saves; then tab B, which has not seen A's change, edits.
    await addStage(a);
    await saved(a);
    await addStage(b);
    await b.locator("#jg-toast", { hasText: "was also changed in another tab" }).waitFor({ timeout: 30000 });
    const copy = `${title} (this tab's copy)`;
    assert.match(await b.locator("#jg-toast").textContent(), new RegExp(`kept as “${copy.replace(/[()]/g, "\\$&")}”`));
    assert.equal((await file(b)).title, copy, "tab B now shows its own copy");
    await saved(b);

    // Both are kept, each with its one added stage.
    const all = await stored(b);
    assert.deepEqual(all.filter((e) => e.title === title).map((e) => e.stages), [stages + 1], "tab A's edit is not written over");
    assert.deepEqual(all.filter((e) => e.title === copy).map((e) => e.stages), [stages + 1], "tab B's edit is kept too");
    // Tab B goes on editing its copy without another conflict.
    await addStage(b);
    await saved(b);
    assert.deepEqual((await stored(b)).filter((e) => e.title === copy).map((e) => e.stages), [stages + 2]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
