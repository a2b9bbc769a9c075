// Versions of a journey, through the app's visible controls in Chromium:
// kept automatically at most hourly while it is edited (the page's clock
// moved by Playwright), by name on request, viewed read-only and restored;
// a restore keeps the journey as it was and adds a version, never
// rewriting one; Undo takes a restore back; versions outlive a reload and
// go with the journey when it is deleted for good (its Yjs document too).
//   bash tools/build.sh && cd tests && node --test e2e/versions.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { start, openPage } from "./browser.mjs";

const sample = JSON.parse(readFileSync(new URL("../../src/format/sample.json", import.meta.url), "utf8"));
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const EVIL = "<img src=x onerror=alert(1)>";
const T0 = Date.parse("2026-12-02T09:00:00Z");

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const ready = (page) => page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { state: "attached", timeout: 15000 });
const journeyFile = async (page) => JSON.parse(await page.evaluate(() => document.querySelector("#jg-editor").journey.toJSON()));
const saved = (page) => page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });
const editor = (page) => page.locator("#jg-editor");

async function addStage(page) {
  await editor(page).getByRole("button", { name: "Add stage" }).click();
  await saved(page);
}

/** The versions listed, newest first: [{name, kind, meta}]. */
const listed = (page) => page.locator("#jg-versions .jg-version-item").evaluateAll((items) => items.map((li) => ({
  name: li.querySelector(".jg-version-name").textContent,
  kind: li.dataset.kind,
  meta: li.querySelector(".jg-library-meta").textContent,
})));

/** Waits until the panel lists `n` versions. */
const count = (page, n) => page.waitForFunction((k) => document.querySelectorAll("#jg-versions .jg-version-item").length === k, n, { timeout: 5000 });

/** What the library keeps: the versions of journey `id`, and whether its Yjs database is there. */
const kept = (page, id) => page.evaluate(async (key) => {
  const { openStore } = await import("/library/store.js");
  const store = await openStore();
  try {
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    return { versions: (await store.versions(key)).length, doc: dbs.includes(`journeygraph:y:${key}`), entries: (await store.list()).map((e) => e.id) };
  } finally {
    store.close();
  }
}, id);

test("versions: automatic at most hourly, named, viewed, restored without rewriting history, undone, kept over a reload, gone with the journey", { timeout: 120000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  try {
    await page.clock.setFixedTime(T0);
    await page.goto(env.url);
    await ready(page);
    await page.waitForSelector("body[data-collab=ready]", { state: "attached" });

    // The first edit keeps the journey as it was before it; more edits in the hour keep nothing more.
    await addStage(page);
    await page.getByRole("button", { name: "Versions" }).click();
    await count(page, 1);
    assert.deepEqual((await listed(page)).map((v) => v.kind), ["auto"]);
    assert.match((await listed(page))[0].meta, new RegExp(`“${sample.title}” · ${sample.stages.length} stages · ${sample.touchpoints.length} touchpoints`));
    await addStage(page);
    await addStage(page);
    await page.waitForTimeout(300);
    assert.equal((await listed(page)).length, 1, "one automatic version an hour");
    // An hour and a minute later, the next edit keeps one more: the journey just before it.
    await page.clock.setFixedTime(T0 + 61 * 60e3);
    await addStage(page);
    await count(page, 2);
    assert.match((await listed(page))[0].meta, new RegExp(`· ${sample.stages.length + 3} stages ·`));

    // A named version; the name is text, never markup.
    const name = `Workshop draft ${EVIL}`;
    await page.getByLabel("Name this version").fill(name);
    await page.getByRole("button", { name: "Save version" }).click();
    await count(page, 3);
    assert.deepEqual((await listed(page))[0], { name, kind: "named", meta: (await listed(page))[0].meta });
    assert.equal(await page.locator("#jg-versions img").count(), 0);
    const draft = await journeyFile(page);
    assert.equal(draft.stages.length, sample.stages.length + 4);

    // Changed after it: the title, as an edit.
    const title = editor(page).locator("[part=inspector]").getByLabel("Title", { exact: true });
    await title.fill("Changed later");
    await title.press("Enter");
    await saved(page);

    // View the named version: read-only, in a dialog, with its own title.
    await page.getByRole("button", { name: `View ${name}, just now` }).click();
    const dialog = page.locator("#jg-version-view");
    await dialog.waitFor();
    await page.waitForFunction(() => document.querySelector("#jg-version-view journey-map")?.journey?.title);
    assert.equal(await page.evaluate(() => document.querySelector("#jg-version-view journey-map").journey.title), sample.title);
    assert.ok(await page.evaluate(() => document.querySelector("#jg-version-view journey-map").readonly));
    assert.equal((await journeyFile(page)).title, "Changed later", "viewing changes nothing");
    await page.screenshot({ path: new URL("versions-view.png", out).pathname });
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden" });

    // Restore it: the journey as it was is kept first, the restored one is a new version.
    await page.getByRole("button", { name: `Restore ${name}, just now` }).click();
    await count(page, 5);
    assert.deepEqual(await journeyFile(page), draft, "the journey is the named version again");
    const after = await listed(page);
    assert.deepEqual(after.map((v) => v.kind), ["restored", "before", "named", "auto", "auto"]);
    assert.equal(after[0].name, `Restored “${name}”`);
    assert.equal(after[1].name, `Before restoring “${name}”`);
    assert.match(after[1].meta, /“Changed later”/, "what was there before the restore is kept");
    await saved(page);
    await page.screenshot({ path: new URL("versions-panel.png", out).pathname });

    // A restore is one change: Undo takes it back, and the versions stay.
    await editor(page).getByRole("button", { name: "Undo" }).click();
    await page.waitForFunction(() => document.querySelector("#jg-editor").journey.title === "Changed later");
    await saved(page);

    // Over a reload: all five, and the journey as left.
    await page.reload();
    await ready(page);
    assert.equal((await journeyFile(page)).title, "Changed later");
    await page.getByRole("button", { name: "Versions" }).click();
    await count(page, 5);

    // Deleted for good: its versions and its document go with it.
    const { entries } = await kept(page, "");
    assert.equal(entries.length, 1);
    const id = entries[0];
    const before = await kept(page, id);
    assert.deepEqual([before.versions, before.doc], [5, true]);
    await page.getByRole("link", { name: "Library" }).click();
    const item = page.locator("#jg-library > .jg-library-list > li").first();
    await item.getByRole("button", { name: /^Delete/ }).click();
    await page.locator(".jg-trash-list > li").getByRole("button", { name: /^Delete for good… / }).click();
    await page.locator(".jg-trash-list > li").getByRole("button", { name: /^Delete for good “/ }).click();
    await page.locator(".jg-trash").waitFor({ state: "hidden" });
    const gone = await kept(page, id);
    assert.deepEqual([gone.versions, gone.doc, gone.entries.includes(id)], [0, false, false]);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
