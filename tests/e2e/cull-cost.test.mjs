// Culling a large map (map/cull.js markFar: what is far from the view is
// not drawn) finds each card's group from the index drawCards made, not by
// searching the map: on the 10,000 reference the search and reading the
// groups' data-id back took 25-40 ms of its opening and of each scroll's
// cull. Counted (searches for cards), not timed.
//   bash tools/build.sh && cd tests && node --test e2e/cull-cost.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, eventually } from "./browser.mjs";
import { referenceJSON } from "../reference.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

test("opening and scrolling a map of 1,000 cards marks far cards without searching the map for them", { timeout: 90000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  try {
    await page.goto(env.url);
    await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
    await page.evaluate(() => {
      const seen = [];
      for (const proto of [Element.prototype, DocumentFragment.prototype, Document.prototype]) {
        for (const name of ["querySelector", "querySelectorAll"]) {
          const real = proto[name];
          proto[name] = function (selector) { if (/g\.jg-card(?![\w-])/.test(String(selector))) seen.push(selector); return real.call(this, selector); };
        }
      }
      window.jgSearches = () => seen.slice();
    });
    await page.evaluate((t) => { document.querySelector("journey-map").journey = t; }, referenceJSON(1000, 3));
    const far = () => page.evaluate(() => document.querySelector("journey-map").shadowRoot.querySelectorAll(".jg-canvas g.jg-card[data-far]").length);
    await eventually(far, (n) => n > 0, "cards far from the view are marked");
    const before = await far();
    // Down the map: other cards come near, the ones left behind go far.
    await page.evaluate(() => {
      const canvas = document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas");
      canvas.scrollTop = canvas.scrollHeight / 2;
      canvas.scrollLeft = canvas.scrollWidth / 2;
    });
    const topCardFar = () => page.evaluate(() => {
      const root = document.querySelector("journey-map").shadowRoot;
      return root.querySelector(".jg-canvas g.jg-card").hasAttribute("data-far");
    });
    await eventually(topCardFar, (f) => f === true, "the first card is far once scrolled away");
    assert.ok(before > 100, `${before} cards marked far at first`);
    assert.deepEqual(await page.evaluate(() => window.jgSearches().filter((s) => s.includes(".jg-cards"))), [], "no search for the cards' groups");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
