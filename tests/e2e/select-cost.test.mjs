// What a selection costs the page beyond drawing the selection (draw.js
// selectOnly), counted, not timed: on the 10,000-touchpoint reference a
// click held the page 85-130 ms, of which Chromium spent 25-45 ms
// recalculating style over the whole shadow tree because the panel
// rebuilt at each selection inserted and removed text fields whose
// <datalist> had options (Channel, Owner). The datalists are kept beside
// the panel and hold their options only while one of their fields has
// focus (inspector/controls.js suggestions).
//   bash tools/build.sh && cd tests && node --test e2e/select-cost.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, eventually } from "./browser.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function openApp() {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  await page.waitForSelector("journey-map [part=inspector] .jg-panel", { timeout: 30000 });
  return { page, problems, map: page.locator("journey-map .jg-canvas svg.jg-map"), inspector: page.locator("journey-map [part=inspector]") };
}

/** Each datalist of the element: its id, options, whether it is inside the rebuilt panel, and a mark kept on the node (the same node next time). */
const LISTS = `(() => {
  const root = document.querySelector("journey-map").shadowRoot;
  return [...root.querySelectorAll("datalist")].map((d) => {
    d.jgMark ??= Math.random();
    return { id: d.id, options: d.options.length, inPanel: Boolean(d.closest(".jg-panel")), mark: d.jgMark };
  });
})()`;

test("Channel and Owner suggest from datalists kept beside the panel, with options only while one of their fields has focus", { timeout: 60000 }, async () => {
  const { page, problems, map, inspector } = await openApp();
  try {
    await map.locator('g.jg-card[data-id="checkout"]').click();
    const first = await page.evaluate(LISTS);
    assert.deepEqual(first.map(({ id, options, inPanel }) => ({ id, options, inPanel })), [
      { id: "jg-channels", options: 0, inPanel: false },
      { id: "jg-owners", options: 0, inPanel: false },
    ]);
    const channel = inspector.getByLabel("Channel", { exact: true });
    assert.equal(await channel.getAttribute("list"), "jg-channels");
    assert.equal(await inspector.getByLabel("Owner", { exact: true }).getAttribute("list"), "jg-owners");
    // A combo box the whole time, as a field with a list is.
    assert.equal(await inspector.getByRole("combobox", { name: "Channel", exact: true }).count(), 1);

    // Focused: its suggestions are there (and the Owner's too, still empty).
    await channel.focus();
    const focused = await page.evaluate(LISTS);
    assert.ok(focused[0].options >= 10, `channels offered: ${focused[0].options}`);
    assert.ok(await page.evaluate(() => [...document.querySelector("journey-map").shadowRoot.getElementById("jg-channels").options].some((o) => o.value === "web")));
    assert.equal(focused[1].options, 0);
    // From Channel to Owner: the owners come, the channels go.
    await inspector.getByLabel("Owner", { exact: true }).focus();
    await eventually(() => page.evaluate(LISTS), (l) => l[0].options === 0 && l[1].options >= 5, "the owners offered, the channels gone");

    // Another card: the panel is rebuilt, the datalists are the same nodes, empty once focus has left.
    await map.locator('g.jg-card[data-id="unboxing"]').click();
    await eventually(() => page.evaluate(LISTS), (l) => l.every((d) => d.options === 0), "no options once no field of theirs has focus");
    const again = await page.evaluate(LISTS);
    assert.deepEqual(again.map((d) => d.mark), first.map((d) => d.mark), "the same datalists");
    assert.equal(again.length, 2);
    // The journey's panel and back: still those two.
    await page.keyboard.press("Escape");
    await map.locator('g.jg-card[data-id="checkout"]').click();
    assert.deepEqual((await page.evaluate(LISTS)).map((d) => d.mark), first.map((d) => d.mark));

    // Typing in Channel with a suggestion still edits the touchpoint.
    await channel.fill("chat");
    await channel.press("Enter");
    await eventually(() => page.evaluate(() => document.querySelector("journey-map").journey.toObject().touchpoints.find((t) => t.id === "checkout").channel), (c) => c === "chat", "the channel applied");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

/** In the page: counts searches (querySelector, querySelectorAll) for cards (not for parts inside one) and the connector handle from now on; `window.jgSearches()` lists their selectors. */
const COUNT_SEARCHES = `(() => {
  const seen = [];
  for (const proto of [Element.prototype, DocumentFragment.prototype, Document.prototype]) {
    for (const name of ["querySelector", "querySelectorAll"]) {
      const real = proto[name];
      proto[name] = function (selector) { if (/jg-card(?![\w-])|jg-connector/.test(String(selector))) seen.push(selector); return real.call(this, selector); };
    }
  }
  window.jgSearches = () => seen.slice();
})()`;

test("a card getting focus (a click, Escape, Enter, Tab back to the map) moves the one Tab stop, and a hover shows the connector handle, without searching the map", { timeout: 60000 }, async () => {
  const { page, problems, map } = await openApp();
  try {
    const tabStops = () => page.evaluate(() => [...document.querySelector("journey-map").shadowRoot.querySelectorAll(".jg-canvas g.jg-card")]
      .filter((g) => g.getAttribute("tabindex") === "0").map((g) => g.dataset.id));
    const active = () => page.evaluate(() => document.querySelector("journey-map").shadowRoot.activeElement?.dataset.id ?? null);
    await page.evaluate(COUNT_SEARCHES);
    // The first hover shows the connector handle (direct/index.js), made without searching the map for one.
    await map.locator('g.jg-card[data-id="checkout"]').hover();
    await page.waitForSelector("journey-map .jg-connector:not([hidden])");
    await map.locator('g.jg-card[data-id="checkout"]').click();
    await map.locator('g.jg-card[data-id="unboxing"]').click();
    assert.equal(await active(), "unboxing");
    await page.keyboard.press("Escape");
    assert.equal(await active(), "unboxing", "Escape keeps focus on the card");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    const searches = await page.evaluate(() => window.jgSearches());
    assert.deepEqual(searches, [], "no search for cards");
    assert.deepEqual(await tabStops(), ["unboxing"], "the focused card is the one Tab stop");
    // Tab away and back: the map's Tab stop is where focus left it.
    await page.keyboard.press("Shift+Tab");
    assert.notEqual(await active(), "unboxing");
    await page.keyboard.press("Tab");
    assert.equal(await active(), "unboxing");
    // A selection by the host's select() moves the Tab stop to the card selected, from the one focused.
    await page.evaluate(() => document.querySelector("journey-map").select("checkout"));
    assert.deepEqual(await tabStops(), ["checkout"]);
    const other = await page.evaluate(() => [...document.querySelector("journey-map").shadowRoot.querySelectorAll(".jg-canvas g.jg-card")]
      .map((g) => g.dataset.id).find((id) => id !== "unboxing" && id !== "checkout"));
    await map.locator(`g.jg-card[data-id="${other}"]`).focus();
    assert.deepEqual(await tabStops(), [other]);
    await page.evaluate(() => document.querySelector("journey-map").select(null));
    assert.equal((await tabStops()).length, 1, "one Tab stop with nothing selected");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
