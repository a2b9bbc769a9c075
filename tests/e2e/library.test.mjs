// The journey library, through the app's visible controls in Chromium: the
// journey saved by the version before the library moves in unchanged;
// "New" and "Import" never destroy a journey; rename, duplicate, delete and
// the ways back (Undo, Recently deleted); two journeys of one title; a
// reload; a store that refuses; keyboard and axe.
//   bash tools/build.sh && cd tests && node --test e2e/library.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage } from "./browser.mjs";

const sample = JSON.parse(readFileSync(new URL("../../src/format/sample.json", import.meta.url), "utf8"));
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
/** Where the app kept its one journey before the library. */
const OLD_KEY = "journeygraph:journey";
const EVIL = "<img src=x onerror=alert(1)>";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Opens the app (a fresh browser profile each time) and waits until the map is drawn. */
async function openApp({ width = 1280, height = 800, init = null, arg = undefined } = {}) {
  const { page, problems } = await openPage(env.browser, { width, height });
  if (init) await page.addInitScript(init, arg);
  await page.goto(env.url);
  await ready(page);
  return { page, problems };
}

/** Waits until the app is ready and the map drawn (in the library view, the map is drawn but hidden). */
const ready = (page) => page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { state: "attached", timeout: 15000 });

/** The open journey's canonical text, and parsed. */
const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());
const journeyFile = async (page) => JSON.parse(await journeyText(page));
const saved = (page) => page.locator("#jg-save-state", { hasText: "Saved in this browser" }).waitFor({ timeout: 5000 });

/** A small journey with the given title and touchpoint names (a chain over two stages). */
function smallJourney(title, names) {
  return {
    format: "journeygraph",
    version: 1,
    title,
    stages: [{ id: "s1", name: "Look" }, { id: "s2", name: "Buy" }],
    touchpoints: names.map((name, i) => ({ id: `t${i + 1}`, name, stage: i === names.length - 1 ? "s2" : "s1", ...(i === 0 ? { entry: 1 } : {}) })),
    transitions: names.slice(1).map((_, i) => ({ from: `t${i + 1}`, to: `t${i + 2}` })),
  };
}

/** Opens the library view through the app bar's "Library" link. */
async function openLibrary(page) {
  await page.getByRole("link", { name: "Library" }).click();
  await page.locator("#jg-library-heading").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "jg-library-heading");
}

/** The library's live list, as {title, meta, open} per item, in the order shown. */
async function listed(page) {
  return page.locator("#jg-library > .jg-library-list > li").evaluateAll((items) => items.map((li) => ({
    title: li.querySelector(".jg-library-title")?.textContent ?? null,
    meta: li.querySelector(".jg-library-meta").textContent,
    open: li.getAttribute("aria-current") === "true",
  })));
}

/** The library item (live list) whose title is `title`; `nth` among several. */
const itemOf = (page, title, nth = 0) =>
  page.locator("#jg-library > .jg-library-list > li").filter({ has: page.locator(".jg-library-title", { hasText: new RegExp(`^${escape(title)}$`) }) }).nth(nth);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the library holds, read through the app's own store module: [{id, title, deleted, json}]. */
const stored = (page) => page.evaluate(async () => {
  const { openStore } = await import("/library/store.js");
  const store = await openStore();
  try {
    const all = [...await store.list(), ...await store.list({ deleted: true })];
    return Promise.all(all.map(async (e) => ({ ...e, json: (await store.get(e.id)).json })));
  } finally {
    store.close();
  }
});

/** Adds a stage through the toolbar and waits for the save. */
async function addStage(page) {
  await page.getByRole("button", { name: "Add stage" }).click();
  await saved(page);
}

/** Opens the library item titled `title` and waits for its map. */
async function openItem(page, title, nth = 0) {
  await itemOf(page, title, nth).getByRole("button", { name: /^Open / }).click();
  await page.locator("#jg-editor-view:not([hidden]) journey-map .jg-title").waitFor();
}

/** Chooses a file through the visible "Import" button. */
async function importFile(page, name, text) {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByRole("button", { name: "Import", exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
}

test("the journey saved by the earlier version moves into the library unchanged, once, and its old key goes", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    // As the earlier app saved it: the element's canonical text under one localStorage key.
    const old = await page.evaluate(async ([file]) => {
      const { Journey } = await import("/pkg/journeygraph.js");
      const j = Journey.fromJSON(JSON.stringify(file));
      try {
        return j.toJSON();
      } finally {
        j.free();
      }
    }, [{ ...smallJourney(`Old save ${EVIL}`, ["Sees an ad", "Asks a friend", "Buys"]), persona: { name: "Ada" }, notes: "kept" }]);
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [OLD_KEY, old]);
    await page.reload();
    await ready(page);

    assert.equal(await journeyText(page), old, "the moved journey is open, exactly as saved");
    assert.equal(await page.locator("#jg-save-state").textContent(), "Opened from this browser");
    const library = await stored(page);
    assert.equal(library.length, 1, "one journey in the library: the moved one");
    assert.equal(library[0].json, old, "stored byte for byte");
    assert.equal(library[0].title, `Old save ${EVIL}`);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), OLD_KEY), null, "the old key goes once the copy is verified");
    assert.match(await page.locator("#jg-toast").textContent(), /the journey saved in this browser, is now in your library/);

    await openLibrary(page);
    assert.deepEqual((await listed(page)).map((e) => [e.title, e.meta.replace(/ · edited.*/, ""), e.open]), [[`Old save ${EVIL}`, "2 stages · 3 touchpoints", true]]);
    assert.equal(await page.locator("#jg-library img").count(), 0, "a title is text, never markup");
    await page.screenshot({ path: new URL("library-moved.png", out).pathname });

    // A move interrupted before the old key went (the same text again) is one journey, not two.
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [OLD_KEY, old]);
    await page.reload();
    await ready(page);
    assert.equal((await stored(page)).length, 1, "no second copy");
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), OLD_KEY), null);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the old key is kept when the library refuses the copy, and the journey is still shown", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    const old = JSON.stringify(smallJourney("Not lost", ["A", "B"]));
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [OLD_KEY, old]);
    await page.addInitScript(() => {
      IDBObjectStore.prototype.put = function put() {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await page.reload();
    await ready(page);
    assert.equal((await journeyFile(page)).title, "Not lost", "the old journey is open");
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), OLD_KEY), old, "its old key is kept, untouched");
    assert.match(await page.locator("#jg-error").textContent(), /could not be moved into the library[\s\S]*quota has been exceeded/);
    const unexpected = problems.filter((p) => !p.startsWith("console.error: journeygraph: The journey saved in this browser could not be moved"));
    assert.deepEqual(unexpected, []);
  } finally {
    await page.close();
  }
});

test("New from sample and New blank journey never destroy a journey: each earlier one is in the library with its edits", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    // The sample, edited: one stage more.
    await addStage(page);
    const first = await journeyText(page);
    assert.equal(JSON.parse(first).stages.length, sample.stages.length + 1);

    await page.getByRole("button", { name: "New from sample" }).click();
    await page.locator("journey-map .jg-title", { hasText: sample.title }).waitFor();
    assert.equal((await journeyFile(page)).stages.length, sample.stages.length, "a fresh sample");
    // Renamed, so the two samples can be told apart.
    await page.locator("journey-map [part=inspector]").getByLabel("Title", { exact: true }).fill("Second sample");
    await page.locator("journey-map [part=inspector]").getByLabel("Title", { exact: true }).press("Enter");
    await saved(page);
    const second = await journeyText(page);
    assert.equal(JSON.parse(second).title, "Second sample");

    await page.getByRole("button", { name: "New blank journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "New journey" }).waitFor();
    await addStage(page);
    await addStage(page);
    const third = await journeyText(page);
    assert.match(await page.locator("#jg-toast").textContent(), /New journey started; “Second sample” is kept in the library/);

    await openLibrary(page);
    assert.deepEqual((await listed(page)).map((e) => [e.title, e.open]), [["New journey", true], ["Second sample", false], [sample.title, false]]);
    assert.match((await listed(page))[2].meta, new RegExp(`^${sample.stages.length + 1} stages · ${sample.touchpoints.length} touchpoints · edited (just now|\\d+ minutes? ago)$`));
    assert.match((await listed(page))[0].meta, /^5 stages · 0 touchpoints · edited /);
    await page.screenshot({ path: new URL("library-three.png", out).pathname });

    // Each opens with its edits, and so after a reload.
    await openItem(page, sample.title);
    assert.equal(await journeyText(page), first);
    await openLibrary(page);
    await openItem(page, "Second sample");
    assert.equal(await journeyText(page), second);
    await page.reload();
    await ready(page);
    assert.equal(await journeyText(page), second, "the journey open last opens after a reload");
    await openLibrary(page);
    await openItem(page, "New journey");
    assert.equal(await journeyText(page), third);
    assert.equal((await stored(page)).length, 3);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("importing a file makes a new journey; Undo import goes back to the one open, which is unchanged", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await addStage(page);
    const before = await journeyText(page);
    await importFile(page, "renewal.json", JSON.stringify(smallJourney("Renewing a contract", ["Letter", "Call", "Signs"])));
    await page.locator("journey-map .jg-title", { hasText: "Renewing a contract" }).waitFor();
    await saved(page);
    assert.match(await page.locator("#jg-toast").textContent(), /“Renewing a contract” is a new journey in the library; “Buying a smartphone online” is kept there as it was/);
    let library = await stored(page);
    assert.deepEqual(library.map((e) => e.title).sort(), [sample.title, "Renewing a contract"]);
    assert.equal(library.find((e) => e.title === sample.title).json, before, "the journey open before is kept as it was");

    // "Undo import": back to it, and the imported copy goes (its file is still where it was).
    await page.locator("journey-map .jg-notice").getByRole("button", { name: "Undo import" }).click();
    await page.locator("journey-map .jg-title", { hasText: sample.title }).waitFor();
    assert.equal(await journeyText(page), before);
    await addStage(page);
    const edited = await journeyText(page);
    library = await stored(page);
    assert.deepEqual(library.map((e) => e.title), [sample.title], "one journey: the imported one went with Undo import");
    assert.equal(library[0].json, edited, "edits after Undo import go to the journey open before");

    // An import kept (an edit after it): both journeys stay, each with its own edits.
    await importFile(page, "renewal.json", JSON.stringify(smallJourney("Renewing a contract", ["Letter", "Call", "Signs"])));
    await page.locator("journey-map .jg-title", { hasText: "Renewing a contract" }).waitFor();
    await addStage(page);
    assert.ok(await page.locator("journey-map .jg-notice").isHidden(), "Undo import is gone after an edit");
    await openLibrary(page);
    assert.deepEqual((await listed(page)).map((e) => [e.title, e.meta.replace(/ · edited.*/, "")]), [
      ["Renewing a contract", "3 stages · 3 touchpoints"],
      [sample.title, `${sample.stages.length + 2} stages · ${sample.touchpoints.length} touchpoints`],
    ]);
    await openItem(page, sample.title);
    assert.equal(await journeyText(page), edited);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("rename, duplicate and delete in the library, by keyboard, with Undo and Recently deleted as ways back", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await addStage(page); // the sample joins the library
    await page.getByRole("button", { name: "New blank journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "New journey" }).waitFor();
    await saved(page);
    await openLibrary(page);

    // Rename a journey that is not open, by keyboard alone.
    const rename = itemOf(page, sample.title).getByRole("button", { name: `Rename “${sample.title}”` });
    await rename.focus();
    await page.keyboard.press("Enter");
    const field = page.getByRole("textbox", { name: "New title" });
    await field.waitFor();
    assert.equal(await field.evaluate((f) => f === document.activeElement), true, "the field has the focus");
    await page.keyboard.press("Control+a");
    await page.keyboard.type(`Phone ${EVIL}`);
    await page.keyboard.press("Enter");
    await itemOf(page, `Phone ${EVIL}`).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), "rename", "the focus comes back to Rename");
    assert.equal(await page.locator("#jg-library img").count(), 0);
    // Escape cancels a rename.
    await page.keyboard.press("Enter");
    await field.waitFor();
    await page.keyboard.type("Never");
    await page.keyboard.press("Escape");
    await itemOf(page, `Phone ${EVIL}`).waitFor();
    assert.equal(await field.count(), 0);

    // The renamed journey's own title changed too.
    await openItem(page, `Phone ${EVIL}`);
    assert.equal((await journeyFile(page)).title, `Phone ${EVIL}`);
    assert.equal((await journeyFile(page)).stages.length, sample.stages.length + 1, "and nothing else");

    // Renaming the open journey is an edit of it: shown on the map, and undoable.
    await openLibrary(page);
    await itemOf(page, `Phone ${EVIL}`).getByRole("button", { name: /^Rename/ }).click();
    await field.fill("Phone, renamed");
    await field.press("Enter");
    await itemOf(page, "Phone, renamed").waitFor();
    await page.getByRole("link", { name: "Back to the journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "Phone, renamed" }).waitFor();
    await page.getByRole("button", { name: "Undo" }).click();
    await page.locator("journey-map .jg-title", { hasText: `Phone ${EVIL}` }).waitFor();
    await saved(page);
    await page.getByRole("button", { name: "Redo" }).click();
    await saved(page);

    // Duplicate: a copy with the same content, which changes apart from the original.
    await openLibrary(page);
    await itemOf(page, "Phone, renamed").getByRole("button", { name: /^Duplicate/ }).click();
    await itemOf(page, "Phone, renamed (copy)").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Open “Phone, renamed (copy)”", "the focus goes to the copy");
    await page.keyboard.press("Enter");
    await page.locator("journey-map .jg-title", { hasText: "Phone, renamed (copy)" }).waitFor();
    const original = (await stored(page)).find((e) => e.title === "Phone, renamed").json;
    assert.deepEqual({ ...(await journeyFile(page)), title: "x" }, { ...JSON.parse(original), title: "x" }, "the copy holds the same journey");
    await addStage(page);
    assert.equal((await stored(page)).find((e) => e.title === "Phone, renamed").json, original, "editing the copy leaves the original");

    // Delete, then Undo in the message.
    await openLibrary(page);
    await itemOf(page, "New journey").getByRole("button", { name: /^Delete/ }).click();
    await page.locator("#jg-toast", { hasText: "Deleted “New journey”" }).waitFor();
    assert.deepEqual((await listed(page)).map((e) => e.title), ["Phone, renamed (copy)", "Phone, renamed"]);
    assert.equal(await page.locator(".jg-trash-list > li").count(), 1, "in Recently deleted");
    await page.screenshot({ path: new URL("library-deleted.png", out).pathname, fullPage: true });
    await page.getByRole("button", { name: "Undo deleting “New journey”" }).click();
    await itemOf(page, "New journey").waitFor();
    assert.ok(await page.locator(".jg-trash").isHidden(), "nothing left in Recently deleted");

    // Delete the open journey: another opens; Restore brings it back later.
    await itemOf(page, "Phone, renamed (copy)").getByRole("button", { name: /^Delete/ }).click();
    await page.locator("#jg-toast", { hasText: "Deleted “Phone, renamed (copy)”" }).waitFor();
    await page.locator("#jg-toast").getByRole("button", { name: "Dismiss the message" }).click();
    assert.equal((await listed(page)).filter((e) => e.open).length, 1, "another journey is open now");
    await page.reload();
    await ready(page);
    await openLibrary(page);
    const trashed = page.locator(".jg-trash-list > li", { hasText: "Phone, renamed (copy)" });
    assert.match(await trashed.textContent(), /deleted just now/);
    await trashed.getByRole("button", { name: "Restore “Phone, renamed (copy)”" }).click();
    await itemOf(page, "Phone, renamed (copy)").waitFor();
    await openItem(page, "Phone, renamed (copy)");
    assert.equal((await journeyFile(page)).stages.length, sample.stages.length + 2, "restored with its edits");

    // Delete for good: asked first, then gone from the browser.
    await openLibrary(page);
    await itemOf(page, "New journey").getByRole("button", { name: /^Delete/ }).click();
    await page.locator(".jg-trash-list > li").getByRole("button", { name: "Delete for good… “New journey”" }).click();
    assert.equal((await stored(page)).length, 3, "not before it is confirmed");
    await page.locator(".jg-trash-list > li").getByRole("button", { name: "Keep “New journey”" }).click();
    await page.locator(".jg-trash-list > li").getByRole("button", { name: "Delete for good… “New journey”" }).click();
    await page.locator(".jg-trash-list > li").getByRole("button", { name: "Delete for good “New journey”" }).click();
    await page.locator(".jg-trash").waitFor({ state: "hidden" });
    assert.deepEqual((await stored(page)).map((e) => e.title).sort(), ["Phone, renamed", "Phone, renamed (copy)"]);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("two journeys of one title are two journeys: listed apart, opened and renamed apart", { timeout: 90000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await page.getByRole("button", { name: "New blank journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "New journey" }).waitFor();
    await addStage(page); // 4 stages
    await page.getByRole("button", { name: "New blank journey" }).click();
    await saved(page);
    await page.waitForFunction(() => document.querySelector("journey-map").journey.toObject().stages.length === 3);
    await openLibrary(page);
    const items = await listed(page);
    assert.deepEqual(items.map((e) => e.title), ["New journey", "New journey"]);
    // Told apart by more than their place: counts, and when each was made.
    for (const e of items) assert.match(e.meta, / · created (just now|\d+ minutes? ago)$/);
    assert.deepEqual(items.map((e) => e.meta.replace(/ · edited.*/, "")), ["3 stages · 0 touchpoints", "4 stages · 0 touchpoints"]);

    await openItem(page, "New journey", 1);
    assert.equal((await journeyFile(page)).stages.length, 4, "the second in the list is the earlier one");
    await openLibrary(page);
    await itemOf(page, "New journey", 1).getByRole("button", { name: /^Rename/ }).click();
    await page.getByRole("textbox", { name: "New title" }).fill("Four stages");
    await page.getByRole("textbox", { name: "New title" }).press("Enter");
    await itemOf(page, "Four stages").waitFor();
    assert.deepEqual((await listed(page)).map((e) => e.title).sort(), ["Four stages", "New journey"]);
    assert.ok(!(await listed(page)).some((e) => /created/.test(e.meta)), "no longer told apart by creation time");
    await openItem(page, "New journey");
    assert.equal((await journeyFile(page)).stages.length, 3, "the other one is untouched");
    assert.equal((await journeyFile(page)).title, "New journey");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a change is there after a reload straight away, inside the save delay", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await addStage(page);
    await page.getByRole("button", { name: "Add stage" }).click();
    const edited = await journeyText(page);
    await page.reload(); // the page hides: the save is flushed as it goes
    await ready(page);
    assert.equal(await journeyText(page), edited);
    assert.equal((await stored(page)).length, 1);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("where the browser refuses IndexedDB, the journey still opens and edits, and the banner says nothing is saved", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp({
    init: () => {
      IDBFactory.prototype.open = function open() {
        throw new DOMException("The user denied permission to access the database.", "SecurityError");
      };
    },
  });
  try {
    const banner = page.locator("#jg-storage-problem");
    await banner.waitFor({ state: "visible" });
    assert.match(await banner.textContent(), /could not be saved in this browser \(SecurityError/);
    // It floats at the foot of the window: the page below the app bar starts where it always does.
    const box = await banner.boundingBox();
    assert.ok(box.y + box.height <= 800 && box.y > 500, `at the foot of the window (${JSON.stringify(box)})`);
    const main = await page.locator("main").boundingBox();
    const bar = await page.locator(".jg-appbar").boundingBox();
    assert.ok(Math.abs(main.y - (bar.y + bar.height)) < 2, "nothing pushed down between the app bar and the page");
    await page.getByRole("button", { name: "Add stage" }).click();
    await page.getByRole("button", { name: "New blank journey" }).click();
    await page.locator("journey-map .jg-title", { hasText: "New journey" }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.locator("#jg-save-state").textContent(), "Not saved");
    await openLibrary(page);
    assert.equal((await listed(page)).length, 2, "kept for this page");
    assert.match(await page.locator("#jg-persist-note").textContent(), /last only until this page is closed/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the library asks for persistent storage and says quietly what the browser answered", { timeout: 60000 }, async () => {
  for (const granted of [false, true]) {
    const { page, problems } = await openApp({
      arg: granted,
      init: (answer) => {
        // The browser's answer, chosen by the test (headless Chromium decides by its own heuristics).
        let kept = false;
        window.__asked = 0;
        navigator.storage.persisted = async () => kept;
        navigator.storage.persist = async () => {
          window.__asked += 1;
          kept = answer;
          return answer;
        };
      },
    });
    const fresh = { page };
    try {
      assert.equal(await fresh.page.evaluate(() => window.__asked), 0, "not asked before there is work to keep");
      await addStage(fresh.page);
      // Asked once there is work to keep: the first change saved.
      await fresh.page.waitForFunction(() => window.__asked === 1, null, { timeout: 5000 });
      await openLibrary(fresh.page);
      assert.equal(await fresh.page.evaluate(() => window.__asked), 1, "asked once");
      await fresh.page.screenshot({ path: new URL(`library-persist-${granted ? "granted" : "refused"}.png`, out).pathname });
      const note = fresh.page.locator("#jg-persist-note");
      if (granted) assert.match(await note.textContent(), /keeps these journeys until you delete them/);
      else assert.match(await note.textContent(), /did not grant persistent storage, so it may clear these journeys/);
      assert.ok(await fresh.page.locator("#jg-storage-problem").isHidden(), "a note in the library, not a banner");
      await fresh.page.getByRole("link", { name: "Back to the journey" }).click();
      await addStage(fresh.page);
      assert.equal(await fresh.page.evaluate(() => window.__asked), 1, "never asked again on this page");
      assert.deepEqual(problems, []);
    } finally {
      await fresh.page.close();
    }
  }
});

test("the library view has no serious accessibility problems (axe-core) and looks right at a narrow width", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp();
  try {
    await addStage(page);
    await page.getByRole("button", { name: "New blank journey" }).click();
    await saved(page);
    await page.getByRole("button", { name: "New blank journey" }).click();
    await saved(page);
    await openLibrary(page);
    await itemOf(page, "New journey", 1).getByRole("button", { name: /^Delete/ }).click();
    await page.locator("#jg-toast", { hasText: "Deleted" }).waitFor();
    await itemOf(page, sample.title).getByRole("button", { name: /^Rename/ }).click();
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    });
    assert.deepEqual(violations, []);
    await page.screenshot({ path: new URL("library-rename.png", out).pathname, fullPage: true });
    await page.setViewportSize({ width: 400, height: 800 });
    await page.screenshot({ path: new URL("library-narrow.png", out).pathname, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `nothing wider than the page (${overflow}px)`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
