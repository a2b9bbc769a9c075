// Zoom and pan for big journeys, and the element's themes, through the
// visible controls.
//   bash tools/build.sh && cd tests && node --test e2e/zoom.test.mjs
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

async function openEditor() {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  return { page, problems };
}

const mapWidth = (page) =>
  page.evaluate(() => document.querySelector("journey-map").shadowRoot.querySelector("svg.jg-map").getBoundingClientRect().width);

test("zoom out, in and fit scale the map, and the zoom survives a redraw", { timeout: 60000 }, async () => {
  const { page, problems } = await openEditor();
  try {
    const full = await mapWidth(page);
    await page.getByRole("button", { name: "Zoom out" }).click();
    const smaller = await mapWidth(page);
    assert.ok(smaller < full * 0.9, `zoomed out: ${smaller} < ${full}`);
    assert.equal(await page.locator("journey-map .jg-zoom-level").textContent(), "80%");
    // An edit redraws the map: it keeps the zoom.
    await page.getByRole("button", { name: "Add stage" }).click();
    await page.waitForFunction(() => document.querySelector("journey-map").journey.toObject().stages.length === 9);
    const afterEdit = await mapWidth(page);
    assert.ok(afterEdit < full, "the redrawn map keeps the zoom");
    await page.getByRole("button", { name: "Zoom in" }).click();
    await page.getByRole("button", { name: "Zoom in" }).click();
    assert.equal(await page.locator("journey-map .jg-zoom-level").textContent(), "125%");
    await page.getByRole("button", { name: "Fit the map to the view" }).click();
    const fitted = await mapWidth(page);
    const canvas = await page.evaluate(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas").clientWidth);
    assert.ok(fitted <= canvas, `fit: map ${fitted} within the canvas ${canvas}`);
    await page.screenshot({ path: new URL("zoom-fit.png", out).pathname });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("Ctrl + wheel zooms and dragging the background pans without losing the selection", { timeout: 60000 }, async () => {
  const { page, problems } = await openEditor();
  try {
    const full = await mapWidth(page);
    const box = await page.locator("journey-map .jg-canvas").boundingBox();
    await page.mouse.move(box.x + 300, box.y + 200);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, 200);
    await page.keyboard.up("Control");
    await page.waitForFunction((w) => document.querySelector("journey-map").shadowRoot.querySelector("svg.jg-map").getBoundingClientRect().width < w, full);

    await page.getByRole("button", { name: "Zoom in" }).click();
    await page.getByRole("button", { name: "Zoom in" }).click();
    await page.locator("journey-map .jg-card").first().click();
    const selected = await page.evaluate(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-card-selected")?.dataset.id);
    assert.ok(selected, "a card is selected");
    const scroll = () => page.evaluate(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-canvas").scrollLeft);
    const before = await scroll();
    // Drag on the stage header band (no card there), inside the window.
    const y = box.y + 20;
    await page.mouse.move(box.x + 600, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 400, y, { steps: 5 });
    await page.mouse.up();
    const after = await scroll();
    assert.ok(after > before + 100, `panned: scrollLeft ${before} → ${after}`);
    const still = await page.evaluate(() => document.querySelector("journey-map").shadowRoot.querySelector(".jg-card-selected")?.dataset.id);
    assert.equal(still, selected, "a pan is not a click that clears the selection");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("theme=dark and theme=contrast restyle the element through its custom properties", { timeout: 60000 }, async () => {
  const { page, problems } = await openEditor();
  try {
    const colours = () => page.evaluate(() => {
      const el = document.querySelector("journey-map");
      const card = el.shadowRoot.querySelector(".jg-card-bg");
      return { host: getComputedStyle(el).backgroundColor, card: getComputedStyle(card).fill };
    });
    const light = await colours();
    await page.evaluate(() => document.querySelector("journey-map").setAttribute("theme", "dark"));
    const dark = await colours();
    assert.notEqual(dark.host, light.host);
    assert.equal(dark.host, "rgb(17, 22, 29)");
    assert.equal(dark.card, "rgb(26, 33, 43)", "the map inside follows the theme");
    await page.screenshot({ path: new URL("theme-dark.png", out).pathname });
    await page.evaluate(() => document.querySelector("journey-map").setAttribute("theme", "contrast"));
    const contrast = await colours();
    assert.equal(contrast.host, "rgb(255, 255, 255)");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
