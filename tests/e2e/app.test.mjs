// The app in a real browser: the sample journey's map is drawn completely
// and cleanly inside <journey-map> (whose open shadow root Playwright's CSS
// locators pierce), user text stays text, the editor passes axe, and a
// failed load says so on the page.
//   bash tools/build.sh && cd tests && node --test e2e/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage } from "./browser.mjs";

const sample = JSON.parse(readFileSync(new URL("../../src/format/sample.json", import.meta.url), "utf8"));
const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Opens the app and waits until the map is drawn; fails with the page's own message if it shows one. */
async function openApp(size) {
  const { page, problems } = await openPage(env.browser, size);
  await page.goto(env.url);
  const outcome = await Promise.race([
    page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 }).then(() => "ready"),
    page.waitForSelector("#jg-error:not([hidden])", { timeout: 15000 }).then(() => "error"),
  ]);
  if (outcome === "error") {
    const message = await page.locator("#jg-error").textContent();
    await page.close();
    throw new Error(`the app showed an error: ${message}\n${problems.join("\n")}`);
  }
  return { page, problems };
}

/** The touchpoints in journey order (stage by stage, file order within a stage), with felt emotion. */
function journeyOrder(journey) {
  return journey.stages.flatMap((s) =>
    journey.touchpoints
      .filter((t) => t.stage === s.id)
      .map((t) => ({ ...t, felt: (t.emotion ?? 0) * (t.impact ?? 1) })));
}

test("the map shows every stage, touchpoint, arrow, and the curve's peak and end", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp({ width: 1280, height: 800 });
  try {
    const map = page.locator("journey-map svg.jg-map");
    assert.equal(await page.locator("journey-map h2[part=title]").textContent(), sample.title);
    assert.match(await page.locator("journey-map [part=persona]").textContent(), new RegExp(sample.persona.name));

    for (const stage of sample.stages) {
      const name = map.locator(".jg-stage-name", { hasText: stage.name });
      assert.equal(await name.count(), 1, `stage ${stage.name} is drawn once`);
      assert.equal(await name.textContent(), stage.name, `stage ${stage.name} is not shortened`);
      assert.ok(await name.isVisible(), `stage ${stage.name} is visible`);
    }

    assert.equal(await map.locator("g.jg-card").count(), sample.touchpoints.length);
    for (const tp of sample.touchpoints) {
      const card = map.locator(`g.jg-card[data-id="${tp.id}"]`);
      const name = card.locator(".jg-card-name");
      const lines = await name.locator("tspan").allTextContents();
      assert.equal(lines.join(" "), tp.name, `card ${tp.id} shows its whole name`);
      assert.ok(await name.isVisible(), `card ${tp.id}'s name is visible`);
      const label = await card.getAttribute("aria-label");
      assert.ok(label.startsWith(tp.name) && /emotion [+\u22120]/.test(label), `card ${tp.id} is labelled: ${label}`);
    }

    assert.equal(await map.locator("path.jg-arrow").count(), sample.transitions.length, "one arrow per transition");

    const order = journeyOrder(sample);
    const peak = order.reduce((best, t) => (Math.abs(t.felt) > Math.abs(best.felt) ? t : best));
    const end = order[order.length - 1];
    const peakMark = map.locator(".jg-curve-peak");
    const endMark = map.locator(".jg-curve-end");
    assert.equal(await peakMark.count(), 1, "one peak marker");
    assert.equal(await endMark.count(), 1, "one end marker");
    assert.equal(await peakMark.getAttribute("data-id"), peak.id);
    assert.equal(await endMark.getAttribute("data-id"), end.id);
    assert.match(await peakMark.locator("text").textContent(), /^Peak\b/);
    assert.match(await endMark.locator("text").textContent(), /^End\b/);
    assert.equal(await map.locator(".jg-curve-point").count(), sample.touchpoints.length);

    // Lanes: every stage with pain points or opportunities has a list.
    for (const [kind, field] of [["painPoints", "painPoints"], ["opportunities", "opportunities"]]) {
      for (const stage of sample.stages) {
        const texts = sample.touchpoints.filter((t) => t.stage === stage.id).flatMap((t) => t[field] ?? []);
        const cell = map.locator(`.jg-lane-${kind} .jg-lane-cell[data-stage="${stage.id}"]`);
        assert.equal(await cell.count(), texts.length ? 1 : 0, `${kind} of ${stage.id}`);
        if (texts.length) {
          const titles = await cell.locator(".jg-lane-item > title").allTextContents();
          assert.deepEqual(titles, texts.slice(0, titles.length), `${kind} of ${stage.id} keep their full text`);
        }
      }
    }

    // No two texts overlap, and every card's text stays inside the card.
    const layoutProblems = await page.evaluate(() => {
      const root = document.querySelector("journey-map").shadowRoot;
      const found = [];
      const boxes = [...root.querySelectorAll("svg.jg-map text")]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0);
      const name = (el) => `${el.getAttribute("class")} "${el.textContent.slice(0, 30)}"`;
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // Line boxes include leading; only real overlaps count.
          if (overlapX > 1 && overlapY > 3) found.push(`${name(boxes[i].el)} overlaps ${name(boxes[j].el)}`);
        }
      }
      for (const card of root.querySelectorAll("svg.jg-map g.jg-card")) {
        const bg = card.querySelector(".jg-card-bg").getBoundingClientRect();
        for (const el of card.querySelectorAll("text")) {
          const r = el.getBoundingClientRect();
          if (r.left < bg.left || r.right > bg.right || r.top < bg.top - 1 || r.bottom > bg.bottom + 1) {
            found.push(`${name(el)} sticks out of card ${card.dataset.id}`);
          }
        }
      }
      return found;
    });
    assert.deepEqual(layoutProblems, []);

    await page.screenshot({ path: new URL("app.png", out).pathname });
    // The whole map, to see its right end.
    const width = await map.evaluate((svg) => Math.ceil(svg.getBoundingClientRect().width));
    await page.setViewportSize({ width: width + 48, height: 800 });
    await page.screenshot({ path: new URL("app-full.png", out).pathname, fullPage: true });

    assert.deepEqual(problems, [], "no console errors, page errors or failed requests");
  } finally {
    await page.close();
  }
});

test("user text is shown as text, never as markup, in the map and in the inspector", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp({ width: 1280, height: 800 });
  try {
    const evil = "<img src=x onerror=alert(1)>";
    const journey = {
      format: "journeygraph",
      version: 1,
      title: "<script>alert(3)</script>",
      persona: { name: "<b>Sam</b>", description: "<iframe src=javascript:alert(6)>" },
      stages: [{ id: "s", name: "<b onmouseover=alert(2)>Stage</b>" }],
      touchpoints: [
        { id: "a", name: evil, stage: "s", entry: 1, channel: "<i>web</i>", owner: "<u>sales</u>",
          notes: "<style>*{display:none}</style>",
          painPoints: ["<svg onload=alert(4)>"], opportunities: ["</text><script>alert(5)</script>"] },
        { id: "b", name: "Buys", stage: "s", goal: true },
      ],
      transitions: [{ from: "a", to: "b" }],
    };
    // The journey goes in through the element's public property (as an embedding app would).
    await page.evaluate((text) => { document.querySelector("journey-map").journey = text; }, JSON.stringify(journey));
    const map = page.locator("journey-map svg.jg-map");
    await map.locator('g.jg-card[data-id="a"]').waitFor();

    const markup = () => page.evaluate(() => {
      const root = document.querySelector("journey-map").shadowRoot;
      return {
        all: [...root.querySelectorAll("*")].map((el) => el.localName),
        inMap: [...root.querySelectorAll("svg.jg-map *")].map((el) => el.localName),
      };
    });
    const check = ({ all, inMap }, where) => {
      for (const bad of ["img", "script", "b", "i", "u", "iframe", "foreignObject"]) {
        assert.ok(!all.includes(bad), `no <${bad}> element was created (${where})`);
      }
      assert.equal(inMap.filter((n) => n === "style").length, 1, `only the map's own <style> (${where})`);
      assert.equal(inMap.filter((n) => n === "svg").length, 0, `no nested <svg> was created (${where})`);
    };

    // The map.
    check(await markup(), "map");
    const text = await map.textContent();
    assert.ok(text.includes(evil), "the name is there as text");
    assert.ok(text.includes("<b onmouseover=alert(2)>Stage</b>"), "the stage name is text");
    assert.ok(text.includes("<svg onload=alert(4)>"), "the pain point is text");
    assert.ok(text.includes("</text><script>alert(5)</script>"), "the opportunity is text");
    assert.ok((await map.locator('g.jg-card[data-id="a"]').getAttribute("aria-label")).startsWith(evil));
    assert.equal(await map.locator("> title").textContent(), "Journey map: <script>alert(3)</script>");
    assert.equal(await page.locator("journey-map h2[part=title]").textContent(), "<script>alert(3)</script>");
    assert.match(await page.locator("journey-map [part=persona]").textContent(), /<b>Sam<\/b>.*<iframe src=javascript:alert\(6\)>/);

    // The inspector: the journey panel, then the touchpoint's.
    const inspector = page.locator("journey-map [part=inspector]");
    assert.equal(await inspector.getByLabel("Title", { exact: true }).inputValue(), "<script>alert(3)</script>");
    assert.equal(await inspector.getByLabel("Name of stage 1").inputValue(), "<b onmouseover=alert(2)>Stage</b>");
    assert.equal(await inspector.getByRole("button", { name: "Delete stage <b onmouseover=alert(2)>Stage</b>" }).count(), 1);
    await map.locator('g.jg-card[data-id="b"]').click();
    assert.equal(await inspector.getByRole("button", { name: `Remove the transition to ${evil}` }).count(), 0, "b leads nowhere");
    assert.ok((await inspector.getByLabel("Add a transition to").textContent()).includes(evil), "the target list shows the name as text");
    await map.locator('g.jg-card[data-id="a"]').click();
    assert.equal(await inspector.locator("h3").first().textContent(), evil);
    assert.equal(await inspector.getByLabel("Name", { exact: true }).inputValue(), evil);
    assert.equal(await inspector.getByLabel("Channel").inputValue(), "<i>web</i>");
    assert.equal(await inspector.getByLabel("Notes").inputValue(), "<style>*{display:none}</style>");
    assert.equal(await inspector.getByLabel("Pain points").inputValue(), "<svg onload=alert(4)>");
    check(await markup(), "inspector");

    // Typed through the inspector, markup stays text too.
    await inspector.getByLabel("Owner").fill("<img src=y onerror=alert(7)>");
    await inspector.getByLabel("Owner").press("Enter");
    await page.waitForFunction(() => document.querySelector("journey-map").journey.toObject().touchpoints[0].owner === "<img src=y onerror=alert(7)>");
    assert.ok((await map.locator('g.jg-card[data-id="a"] .jg-card-meta').textContent()).includes("<img src=y"));
    check(await markup(), "after typing");
    await page.waitForTimeout(200);
    assert.deepEqual(problems, [], "no dialog, console error or page error");
  } finally {
    await page.close();
  }
});

test("the editor has no serious accessibility problems (axe-core), with and without a touchpoint selected", { timeout: 60000 }, async () => {
  const { page, problems } = await openApp({ width: 1280, height: 800 });
  try {
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const scan = () => page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    });
    assert.deepEqual(await scan(), [], "the journey panel");
    await page.locator(`journey-map g.jg-card[data-id="${sample.touchpoints[0].id}"]`).click();
    await page.locator("journey-map [part=inspector]").getByLabel("Name", { exact: true }).waitFor();
    assert.deepEqual(await scan(), [], "a touchpoint selected");
    // A refused edit: the error message and the invalid field.
    const weight = page.locator("journey-map [part=inspector] input[aria-label^='Weight to']").first();
    await weight.fill("0");
    await weight.press("Enter");
    await page.locator("journey-map [part=error]").waitFor({ state: "visible" });
    assert.deepEqual(await scan(), [], "an error shown");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("when the engine cannot load, the page says so", { timeout: 60000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 800 });
  try {
    await page.route("**/pkg/journeygraph_bg.wasm", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto(env.url);
    const error = page.locator("#jg-error");
    await error.waitFor({ state: "visible", timeout: 15000 });
    assert.match(await error.textContent(), /could not be loaded/);
    assert.equal(await page.locator("journey-map svg.jg-map").count(), 0);
    assert.ok(problems.some((p) => p.startsWith("console.error: journeygraph:")), "the failure is on the console too");
  } finally {
    await page.close();
  }
});
