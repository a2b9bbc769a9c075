// The service blueprint on the map (issue 15), in real Chromium: a version
// 2 file opened through the editor's visible Import draws its lanes in the
// file's order (hidden ones left out), each stage's items in them, a fail
// point with how often it fails, and the three blueprint lines (interaction,
// visibility, internal interaction) above the lanes they name; the figures
// take the fail point in (d′ = 1 − (1 − d)(1 − rate · lost), by hand).
//   bash tools/build.sh && cd tests && node --test e2e/blueprint.test.mjs
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

const FILE = {
  format: "journeygraph", version: 2, title: "Opening an account",
  stages: [{ id: "apply", name: "Apply" }, { id: "verify", name: "Verify" }],
  touchpoints: [
    { id: "form", name: "Application form", stage: "apply", entry: 1, dropout: 0.2, emotion: -0.2 },
    { id: "video", name: "Video ID check", stage: "verify", dropout: 0.1, emotion: -0.4 },
    { id: "open", name: "Account opened", stage: "verify", goal: true, emotion: 0.6 },
  ],
  transitions: [{ from: "form", to: "video" }, { from: "video", to: "open" }],
  lanes: [
    { id: "quotes", kind: "thoughts", name: "Thinking and feeling" },
    { id: "pains", kind: "painPoints", name: "Pain points" },
    { id: "staff", kind: "frontstage", name: "Frontstage: staff and app" },
    { id: "office", kind: "backstage", name: "Backstage" },
    { id: "systems", kind: "support", name: "Support processes" },
    { id: "later", kind: "custom", name: "Parked", hidden: true },
  ],
  items: [
    { id: "q1", lane: "quotes", stage: "verify", text: "“Why do I need a video call?”", touchpoints: ["video"] },
    { id: "agent", lane: "staff", stage: "verify", text: "Agent runs the video call", touchpoints: ["video"] },
    { id: "review", lane: "office", stage: "verify", text: "Compliance reviews the ID", touchpoints: ["video"] },
    { id: "idcheck", lane: "systems", stage: "verify", text: "ID check service", touchpoints: ["video"], failPoint: { rate: 0.05 } },
    { id: "parked", lane: "later", stage: "apply", text: "Not drawn", touchpoints: [] },
  ],
};

test("a version 2 journey draws its blueprint: lanes in order, items, a fail point, the three lines; the figures take the fail point in", { timeout: 60000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1440, height: 1000 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { timeout: 15000 });
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import", exact: true }).click()]);
  await chooser.setFiles({ name: "account.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(FILE)) });
  await page.waitForFunction(() => document.querySelector("journey-map").journey?.toObject().title === "Opening an account");
  await page.waitForSelector("journey-map svg.jg-map .jg-blueprint-line", { timeout: 15000 });
  const drawn = await page.evaluate(() => {
    const map = document.querySelector("journey-map").shadowRoot.querySelector("svg.jg-map");
    const lanes = [...map.querySelectorAll(".jg-lane")].map((g) => ({
      title: g.getAttribute("aria-label"),
      y: g.querySelector(".jg-lane-bg").getBBox().y,
      items: [...g.querySelectorAll(".jg-lane-item")].map((i) => i.getAttribute("aria-label")),
    }));
    const lines = [...map.querySelectorAll(".jg-blueprint-line")].map((g) => ({ name: g.getAttribute("aria-label"), y: Number(g.querySelector("line").getAttribute("y1")) }));
    return { lanes, lines };
  });
  assert.deepEqual(drawn.lanes.map((l) => l.title), ["Thinking and feeling", "Pain points", "Frontstage: staff and app", "Backstage", "Support processes"], "in the file's order, the hidden lane left out");
  assert.deepEqual(drawn.lanes[0].items, ["“Why do I need a video call?”"]);
  assert.deepEqual(drawn.lanes[4].items, ["\u26a0 ID check service (fails 5%)"]);
  assert.deepEqual(drawn.lines.map((l) => l.name), ["Line of interaction", "Line of visibility", "Line of internal interaction"]);
  // Each line lies between the lane above it and the lane it names.
  const [front, back, support] = [drawn.lanes[2], drawn.lanes[3], drawn.lanes[4]];
  for (const [line, above, below] of [[drawn.lines[0], drawn.lanes[1], front], [drawn.lines[1], front, back], [drawn.lines[2], back, support]]) {
    assert.ok(line.y < below.y && line.y > above.y, `${line.name} at ${line.y}, between ${above.y} and ${below.y}`);
  }
  // Success by hand: 0.8 leave the form; the video check keeps (1 − 0.1)(1 − 0.05) = 0.855. 0.8 × 0.855 = 0.684.
  const success = await page.evaluate(() => document.querySelector("journey-map").journey.analyze().success);
  assert.ok(Math.abs(success - 0.684) < 1e-12, `success ${success}`);
  await page.locator("journey-map svg.jg-map .jg-lanes").screenshot({ path: new URL("blueprint.png", out).pathname });
  assert.deepEqual(problems, []);
  await page.close();
});
