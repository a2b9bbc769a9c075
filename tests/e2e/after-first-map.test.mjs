// What the element loads after its first map (issue 11, SPEC section 6),
// watched on the network in Chromium: the inspector, the stage dialog,
// why.js, direct/ and their styles are not requested before the first map is drawn and
// are right after it; What-if (whatif.js) and what Import and Export do
// (files-io.js) only when first used. Each still works through its visible
// controls; a press, or Alt + arrow, on the map before direct/ is in
// still moves the card once it comes; a failed load is shown and keeps the
// journey, and the next use tries again.
//   bash tools/build.sh && cd tests && node --test e2e/after-first-map.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, eventually } from "./browser.mjs";

/** What comes right after the first map (as pkg/element/… paths). */
const AFTER_FIRST_MAP = ["after-first-map.js", "inspector/index.js", "stage-dialog.js", "why.js", "draw-live.js", "map/map-emotions.js", "direct/index.js", "direct/where.js", "direct/popups.js", "later-style.js"];
/** What comes on first use: What-if, and what Import and Export do. */
const WHAT_IF = ["whatif/element-part.js", "whatif/index.js"];
const FILES_IO = ["files/io.js", "files/picture.js", "files/picture-data.js"];

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/**
 * Opens the app, recording every URL path fetched in `fetched` and, in the
 * page, when the first map was on it (window.__mapAt, performance.now()).
 * `hold`: a module path whose request waits until `release()`; `abort`: one
 * whose request fails (as offline).
 */
async function openApp({ hold = null, abort = null } = {}) {
  const { page, problems } = await openPage(env.browser, { width: 1440, height: 900 });
  const fetched = [];
  page.context().on("request", (req) => fetched.push(new URL(req.url()).pathname));
  await page.addInitScript(() => {
    const look = () => {
      if (document.querySelector("journey-map")?.shadowRoot?.querySelector("svg.jg-map")) window.__mapAt = performance.now();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  let release = () => {};
  if (hold) {
    const held = new Promise((done) => { release = done; });
    await page.route(`**/pkg/element/${hold}`, async (route) => {
      await held;
      await route.continue();
    });
  }
  if (abort) await page.route(`**/pkg/element/${abort}`, (route) => route.abort("internetdisconnected"));
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  return { page, problems, fetched, release };
}
const element = (path) => path.replace(/^\/pkg\/element\//, "");
const fetchedOf = (fetched, list) => [...new Set(fetched.map(element).filter((f) => list.includes(f)))].sort();
const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());
const journey = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toObject());
const stageOf = (j, id) => j.touchpoints.find((t) => t.id === id).stage;
const inspectorPanel = (page) => page.locator("journey-map [part=inspector] .jg-panel");
/** When each module was requested by the page (performance.now()), by pkg/element/ path. */
const requestedAt = (page) => page.evaluate(() => Object.fromEntries(performance.getEntriesByType("resource")
  .map((r) => [new URL(r.name).pathname.replace(/^\/pkg\/element\//, ""), r.startTime])));
const centre = (box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

test("the inspector, the stage dialog, why.js and direct/ come after the first map is drawn; What-if and files-io.js not until used", { timeout: 60000 }, async () => {
  const { page, problems, fetched } = await openApp();
  try {
    await inspectorPanel(page).waitFor({ timeout: 10000 });
    await page.waitForTimeout(1000);
    const mapAt = await page.evaluate(() => window.__mapAt);
    assert.ok(typeof mapAt === "number", "the first map was seen");
    const at = await requestedAt(page);
    for (const path of AFTER_FIRST_MAP) {
      assert.ok(path in at, `${path} was requested after the first map`);
      assert.ok(at[path] >= mapAt, `${path} was requested at ${at[path].toFixed(1)} ms, not before the first map at ${mapAt.toFixed(1)} ms`);
    }
    assert.deepEqual(fetchedOf(fetched, [...WHAT_IF, ...FILES_IO]), [], "What-if and files-io.js are not fetched until used");
    assert.ok(!fetched.includes("/pkg/element/whatif/scenario.js"), "nor scenario.js, which only What-if and the exports need");
    // The scenario property stays synchronous: set before whatif.js is in, it reads back at once; the bar follows.
    assert.equal(await page.evaluate(() => {
      const el = document.querySelector("journey-map");
      el.scenario = "tried-early";
      return el.scenario;
    }), "tried-early");
    await page.locator("journey-map .jg-whatif-bar").waitFor();
    assert.equal(await page.locator("journey-map .jg-whatif-bar input").first().inputValue(), "tried-early");
    await page.evaluate(() => { document.querySelector("journey-map").scenario = null; });
    await page.locator("journey-map .jg-whatif-bar").waitFor({ state: "hidden" });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the first map is drawn while the after-first-map modules are held back; they then work", { timeout: 60000 }, async () => {
  const { page, problems, fetched, release } = await openApp({ hold: "after-first-map.js" });
  try {
    // The map is there without them: they are not needed to draw it.
    assert.equal(await page.locator("journey-map svg.jg-map").count(), 1);
    assert.equal(await inspectorPanel(page).count(), 0, "no inspector yet");
    release();
    await inspectorPanel(page).waitFor({ timeout: 10000 });
    assert.deepEqual(fetchedOf(fetched, AFTER_FIRST_MAP), [...AFTER_FIRST_MAP].sort());
    // The inspector through its visible controls: a card's panel, a rename.
    await page.locator('journey-map g.jg-card[data-id="tv-advert"]').click();
    const name = page.locator("journey-map [part=inspector]").getByLabel("Name", { exact: true });
    await name.fill("TV spot");
    await name.press("Tab");
    await eventually(() => journey(page), (j) => j.touchpoints.find((t) => t.id === "tv-advert").name === "TV spot", "the rename is in the journey");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a press on a card before direct/ is in becomes a drag once it comes; Alt+→ pressed before moves the card too", { timeout: 60000 }, async () => {
  const { page, problems, release } = await openApp({ hold: "direct/index.js" });
  try {
    const map = page.locator("journey-map svg.jg-map");
    const from = centre(await map.locator('g.jg-card[data-id="social-post"]').boundingBox());
    const column = await map.locator('g.jg-stage[data-stage="research"] rect.jg-column').boundingBox();
    const to = { x: column.x + column.width / 2, y: column.y + column.height - 20 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 2, from.y + 2);
    assert.ok(!(await page.evaluate(() => performance.getEntriesByType("resource").some((r) => r.name.endsWith("/element/direct/index.js") && r.responseEnd > 0))), "direct/index.js is still held");
    release();
    await inspectorPanel(page).waitFor({ timeout: 10000 });
    for (let i = 1; i <= 8; i += 1) await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
    await page.mouse.up();
    await eventually(() => journey(page), (j) => stageOf(j, "social-post") === "research", "the press made before became a drag to Research");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }

  const second = await openApp({ hold: "direct/index.js" });
  try {
    await second.page.locator('journey-map g.jg-card[data-id="order-confirmed"]').focus();
    await second.page.keyboard.press("Alt+ArrowRight");
    assert.equal(second.page.url(), env.url, "Alt+→ did not go forward in the history");
    second.release();
    await eventually(() => journey(second.page), (j) => stageOf(j, "order-confirmed") === "delivery", "Alt+→ pressed before direct/ came moved it");
    assert.deepEqual(second.problems, []);
  } finally {
    await second.page.close();
  }
});

test("What if and Import load on first use, and work", { timeout: 60000 }, async () => {
  const { page, problems, fetched } = await openApp();
  try {
    await inspectorPanel(page).waitFor({ timeout: 10000 });
    const toggle = page.getByRole("button", { name: "What if", exact: true });
    await toggle.click();
    await page.locator("journey-map .jg-whatif-bar").waitFor();
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    // Its styles came with it (later-style.js, adopted after the element's own).
    assert.equal(await page.locator("journey-map .jg-whatif-bar").evaluate((e) => getComputedStyle(e).display), "flex");
    assert.deepEqual(fetchedOf(fetched, WHAT_IF), WHAT_IF);
    assert.deepEqual(fetchedOf(fetched, FILES_IO), [], "What if brings no file reading");
    await toggle.click();
    await page.locator("journey-map .jg-whatif-bar").waitFor({ state: "hidden" });

    const text = JSON.stringify({ format: "journeygraph", version: 1, title: "Renewing a contract", stages: [{ id: "s", name: "Stage" }], touchpoints: [{ id: "a", name: "A", stage: "s" }] });
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import", exact: true }).click()]);
    await chooser.setFiles({ name: "renewal.json", mimeType: "application/json", buffer: Buffer.from(text) });
    const notice = page.locator("journey-map [part=notice]");
    await notice.waitFor();
    assert.match(await notice.textContent(), /Opened “renewal\.json”: Renewing a contract, 1 touchpoint/);
    assert.ok(fetchedOf(fetched, FILES_IO).includes("files/io.js"));
    assert.equal((await journey(page)).title, "Renewing a contract");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a failed load is shown, keeps the journey, and the next use tries again", { timeout: 90000 }, async () => {
  // The inspector's modules, right after the first map.
  const { page, problems, fetched } = await openApp({ abort: "after-first-map.js" });
  try {
    const text = await journeyText(page);
    const banner = page.locator("journey-map .jg-error");
    await banner.waitFor({ state: "visible", timeout: 10000 });
    assert.match(await banner.textContent(), /The inspector panel and editing on the map could not be loaded .*Nothing was changed/);
    assert.equal(await journeyText(page), text, "the journey is as it was");
    assert.equal(await page.locator("journey-map svg.jg-map").count(), 1, "the map is still shown");
    await page.unroute("**/pkg/element/after-first-map.js");
    await page.locator('journey-map g.jg-card[data-id="tv-advert"]').click();
    await page.locator("journey-map [part=inspector]").getByLabel("Name", { exact: true }).waitFor({ timeout: 10000 });
    assert.ok(fetched.filter((p) => p === "/pkg/element/after-first-map.js").length >= 2, "tried again");
    assert.equal(await journeyText(page), text);

    // What if, offline: said so, not entered; then it works.
    await page.route("**/pkg/element/whatif/index.js", (route) => route.abort("internetdisconnected"));
    const toggle = page.getByRole("button", { name: "What if", exact: true });
    await toggle.click();
    await page.waitForFunction(() => /What if could not be loaded/.test(document.querySelector("journey-map").shadowRoot.querySelector(".jg-error:not([hidden])")?.textContent ?? ""));
    assert.equal(await toggle.getAttribute("aria-pressed"), "false", "not in What if");
    assert.equal(await page.evaluate(() => document.querySelector("journey-map").scenario), null);
    await page.unroute("**/pkg/element/whatif/index.js");
    await toggle.click();
    await page.locator("journey-map .jg-whatif-bar").waitFor();
    await toggle.click();

    // Export, offline: said so, nothing changed.
    await page.route("**/pkg/element/files/io.js", (route) => route.abort("internetdisconnected"));
    await page.getByRole("button", { name: "Export", exact: true }).click();
    await page.getByRole("menuitem", { name: /^JSON/ }).click();
    await page.waitForFunction(() => /Import and export could not be loaded/.test(document.querySelector("journey-map").shadowRoot.querySelector(".jg-error:not([hidden])")?.textContent ?? ""));
    assert.equal(await page.locator("journey-map button[data-action=export]").textContent(), "Export");
    assert.equal(await journeyText(page), text, "the journey is as it was");
    assert.deepEqual(problems.filter((p) => !/after-first-map\.js|whatif\.js|files-io\.js|ERR_INTERNET_DISCONNECTED/.test(p)), []);
  } finally {
    await page.close();
  }
});

test("an element removed before the inspector's module arrives does not draw its inspector with the journey it freed", { timeout: 60000 }, async () => {
  // A page that mounts and unmounts elements (a consumer's mount/unmount loop
  // saw it): the element frees the journey it parsed once removed, and the
  // module that came afterwards drew that element's last inspector, calling
  // the freed journey ("null pointer passed to rust").
  const { page, problems, release } = await openApp({ hold: "after-first-map.js" });
  try {
    const drawn = await page.evaluate(async () => {
      const text = document.querySelector("journey-map").journey.toJSON();
      const el = document.createElement("journey-map");
      el.journey = text; // parsed, so owned (and freed) by the element
      document.body.append(el);
      for (let i = 0; i < 100 && !el.shadowRoot.querySelector("svg.jg-map g.jg-card"); i++) {
        await new Promise((done) => requestAnimationFrame(done));
      }
      const cards = el.shadowRoot.querySelectorAll("svg.jg-map g.jg-card").length;
      el.remove();
      await new Promise((done) => setTimeout(done, 0)); // freed in a microtask after removal
      return { cards, freed: el.journey === null };
    });
    assert.ok(drawn.cards > 0, "the second element drew its map");
    assert.equal(drawn.freed, true, "the removed element freed its journey");
    release();
    // The module arrives: the app's own element draws its inspector; the removed one does nothing.
    await inspectorPanel(page).waitFor({ timeout: 10000 });
    await page.waitForTimeout(500);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
