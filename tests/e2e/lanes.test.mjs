// Editing the service blueprint in the inspector, in real Chromium, driven
// only through the visible controls: a version 1 journey (migrated: a pain
// points and an opportunities lane, nothing else) gets a custom lane,
// renamed, moved up and hidden (the map stops drawing it), and a backstage
// lane; a touchpoint's "Blueprint" section adds an item in it that fails 5%
// of the time, and the figures move as by hand (d′ = 1 − (1 − d)(1 − 0.05)).
// Undo takes every step back, Redo brings them again, and the exported file
// holds the lanes and items.
//   bash tools/build.sh && cd tests && node --test e2e/lanes.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start, openPage, eventually } from "./browser.mjs";

const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

// Version 1: no lanes of its own. Success by hand: 0.8 leave the form, 0.9 of them the video check: 0.72.
const FILE = {
  format: "journeygraph", version: 1, title: "Opening an account",
  stages: [{ id: "apply", name: "Apply" }, { id: "verify", name: "Verify" }],
  touchpoints: [
    { id: "form", name: "Application form", stage: "apply", entry: 1, dropout: 0.2, emotion: -0.2 },
    { id: "video", name: "Video ID check", stage: "verify", dropout: 0.1, emotion: -0.4 },
    { id: "open", name: "Account opened", stage: "verify", goal: true, emotion: 0.6 },
  ],
  transitions: [{ from: "form", to: "video" }, { from: "video", to: "open" }],
};

const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());
const journey = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toObject());
const success = (page) => page.evaluate(() => document.querySelector("journey-map").journey.analyze().success);
const near = (a, b) => Math.abs(a - b) < 1e-12;
const require = createRequire(import.meta.url);

/** axe-core's serious and critical findings, and every name that does not hold a control's visible words. */
async function axeScan(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async () => {
    const all = await window.axe.run(document, { resultTypes: ["violations"] });
    const mismatch = await window.axe.run(document, { runOnly: ["label-content-name-mismatch"], resultTypes: ["violations"] });
    return [...all.violations.filter((v) => v.impact === "serious" || v.impact === "critical"), ...mismatch.violations]
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** The lanes the map draws, top to bottom: their names and the texts in them. */
const drawnLanes = (page) => page.evaluate(() => {
  const map = document.querySelector("journey-map").shadowRoot.querySelector("svg.jg-map");
  return [...map.querySelectorAll(".jg-lane")].map((g) => ({
    name: g.getAttribute("aria-label"),
    items: [...g.querySelectorAll(".jg-lane-item")].map((i) => i.getAttribute("aria-label")),
  }));
});

test("lanes and items: add, rename, move, hide, a fail point that moves the figures; undo, redo, export", { timeout: 120000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1440, height: 1000 });
  try {
    await page.goto(env.url);
    await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import", exact: true }).click()]);
    await chooser.setFiles({ name: "account.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(FILE)) });
    await page.waitForFunction(() => document.querySelector("journey-map").journey?.toObject().title === "Opening an account");
    const editor = page.locator("journey-map");
    const inspector = editor.locator("[part=inspector]");
    const map = editor.locator("svg.jg-map");
    const figure = () => editor.locator("[part=figures] [data-figure=success] .jg-value").textContent();
    const states = [];
    const record = async (label) => {
      const json = await journeyText(page);
      if (states.length) assert.notEqual(json, states.at(-1).json, `"${label}" changed the journey`);
      states.push({ label, json });
    };
    await record("imported");

    // The migrated file: the two lanes version 1 drew, in the journey's panel.
    assert.equal(await inspector.locator("h3").first().textContent(), "Journey");
    assert.deepEqual((await journey(page)).lanes, [
      { id: "painPoints", kind: "painPoints", name: "Pain points" },
      { id: "opportunities", kind: "opportunities", name: "Opportunities" },
    ]);
    assert.equal(await inspector.getByRole("textbox", { name: "Name of lane 1 (Pain points)" }).inputValue(), "Pain points");
    assert.equal(await inspector.getByRole("textbox", { name: "Name of lane 2 (Opportunities)" }).inputValue(), "Opportunities");
    assert.ok(await inspector.getByRole("button", { name: "Move lane Pain points up" }).isDisabled(), "the first lane cannot go up");
    assert.ok(await inspector.getByRole("button", { name: "Move lane Opportunities down" }).isDisabled(), "the last lane cannot go down");
    assert.equal(near(await success(page), 0.72), true, "success before any fail point: 0.8 × 0.9");
    assert.equal(await figure(), "72.0%");

    // 1. Add a custom lane (custom is the kind chosen by default).
    const kind = inspector.getByRole("combobox", { name: "Kind of lane" });
    assert.equal(await kind.inputValue(), "custom");
    await inspector.getByRole("textbox", { name: "Name of the new lane" }).fill("Parked ideas");
    await inspector.getByRole("button", { name: "Add lane", exact: true }).click();
    await eventually(() => journey(page), (j) => j.lanes.length === 3, "the lane was added");
    assert.deepEqual((await journey(page)).lanes[2], { id: "custom", kind: "custom", name: "Parked ideas" });
    await eventually(() => drawnLanes(page), (l) => l.map((x) => x.name).join("|") === "Pain points|Opportunities|Parked ideas", "the map draws the new lane last");
    await record("add lane");

    // 2. Rename it (committed on change: Enter).
    const name3 = inspector.getByRole("textbox", { name: "Name of lane 3 (Custom)" });
    assert.equal(await name3.inputValue(), "Parked ideas");
    await name3.fill("Ideas");
    await name3.press("Enter");
    await eventually(() => journey(page), (j) => j.lanes[2].name === "Ideas", "the lane was renamed");
    await eventually(() => drawnLanes(page), (l) => l[2]?.name === "Ideas", "the map draws the new name");
    await record("rename lane");

    // 3. Move it up, by keyboard: focus its button and press Enter.
    await inspector.getByRole("button", { name: "Move lane Ideas up" }).focus();
    await page.keyboard.press("Enter");
    await eventually(() => journey(page), (j) => j.lanes.map((l) => l.id).join() === "painPoints,custom,opportunities", "the lane moved up");
    await eventually(() => drawnLanes(page), (l) => l.map((x) => x.name).join("|") === "Pain points|Ideas|Opportunities", "the map draws it second");
    assert.equal(await inspector.getByRole("textbox", { name: "Name of lane 2 (Custom)" }).inputValue(), "Ideas", "the list follows the order");
    const upAgain = inspector.getByRole("button", { name: "Move lane Ideas up" });
    assert.ok(await upAgain.evaluate((b) => b.matches(":focus")), "focus stays on the moved lane's button");
    await record("move lane up");

    // 4. Hide it: the map no longer draws it; the file keeps it.
    const shown = inspector.getByRole("checkbox", { name: "Shown: lane Ideas" });
    assert.ok(await shown.isChecked());
    await shown.uncheck();
    await eventually(() => journey(page), (j) => j.lanes[1].hidden === true, "the lane is hidden");
    await eventually(() => drawnLanes(page), (l) => l.map((x) => x.name).join("|") === "Pain points|Opportunities", "the map leaves the hidden lane out");
    assert.equal(await map.locator('.jg-lane[aria-label="Ideas"]').count(), 0);
    await record("hide lane");

    // 5. A backstage lane; Enter in its name adds it.
    await kind.selectOption({ label: "Backstage" });
    const newName = inspector.getByRole("textbox", { name: "Name of the new lane" });
    await newName.fill("Back office");
    await newName.press("Enter");
    await eventually(() => journey(page), (j) => j.lanes.length === 4, "the backstage lane was added");
    assert.deepEqual((await journey(page)).lanes[3], { id: "backstage", kind: "backstage", name: "Back office" });
    await record("add backstage lane");

    // 6. The video check's Blueprint section: an item in Back office that fails 5% of the time.
    await map.locator('g.jg-card[data-id="video"]').click();
    await eventually(() => inspector.locator("h3").first().textContent(), (t) => t === "Video ID check", "the touchpoint's panel is shown");
    assert.equal(await inspector.getByText("No blueprint item serves this touchpoint yet.").count(), 1);
    const laneSelect = inspector.getByRole("combobox", { name: "Lane of the new item" });
    assert.deepEqual(await laneSelect.locator("option").allTextContents(), ["Ideas", "Back office"], "lanes of the file, without pain points and opportunities");
    const fails = inspector.getByRole("spinbutton", { name: "Fails (% of customers passing here)" });
    assert.ok(await fails.isHidden(), "a custom lane's item is no fail point");
    await laneSelect.selectOption({ label: "Back office" });
    assert.ok(await fails.isVisible(), "a backstage item can be one");
    await inspector.getByRole("textbox", { name: "Text of the new item" }).fill("ID check service");
    await fails.fill("5");
    await inspector.getByRole("button", { name: "Add item", exact: true }).click();
    await eventually(() => journey(page), (j) => j.items?.length === 1, "the item was added");
    assert.deepEqual((await journey(page)).items, [
      { id: "item", lane: "backstage", stage: "verify", text: "ID check service", touchpoints: ["video"], failPoint: { rate: 0.05 } },
    ]);
    // By hand: the video check keeps (1 − 0.1)(1 − 0.05) = 0.855 of those who reach it: 0.8 × 0.855 = 0.684.
    const d = 1 - (1 - 0.1) * (1 - 0.05);
    assert.ok(near(await success(page), 0.8 * (1 - d)), `success ${await success(page)}, by hand ${0.8 * (1 - d)}`);
    await eventually(figure, (t) => t === "68.4%", "the figures bar shows the new success");
    await eventually(() => drawnLanes(page), (l) => l[2]?.name === "Back office" && l[2].items.join() === "\u26a0 ID check service (fails 5%)", "the map draws the fail point");
    assert.equal(await inspector.getByRole("textbox", { name: "Text of item 1 (Back office)" }).inputValue(), "ID check service");
    await record("add item");

    // 7. Its fail rate in the list: 10% (success 0.8 × 0.9 × 0.9 = 0.648); its text.
    const rate = inspector.getByRole("spinbutton", { name: "Fails (% of customers passing here): ID check service" });
    assert.equal(await rate.inputValue(), "5");
    await rate.fill("10");
    await rate.press("Enter");
    await eventually(() => journey(page), (j) => j.items[0].failPoint?.rate === 0.1, "the fail rate changed");
    assert.ok(near(await success(page), 0.8 * 0.9 * 0.9), `success ${await success(page)}`);
    await eventually(figure, (t) => t === "64.8%", "the figures bar follows");
    await record("fail rate 10%");
    const itemText = inspector.getByRole("textbox", { name: "Text of item 1 (Back office)" });
    await itemText.fill("ID check (vendor)");
    await itemText.press("Enter");
    await eventually(() => journey(page), (j) => j.items[0].text === "ID check (vendor)", "the item's text changed");
    await record("item text");

    // The exported file holds the lanes and the item.
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "JSON" }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(exported.version, 2);
    assert.deepEqual(exported.lanes, [
      { id: "painPoints", kind: "painPoints", name: "Pain points" },
      { id: "custom", kind: "custom", name: "Ideas", hidden: true },
      { id: "opportunities", kind: "opportunities", name: "Opportunities" },
      { id: "backstage", kind: "backstage", name: "Back office" },
    ]);
    assert.deepEqual(exported.items, [
      { id: "item", lane: "backstage", stage: "verify", text: "ID check (vendor)", touchpoints: ["video"], failPoint: { rate: 0.1 } },
    ]);

    assert.deepEqual(await axeScan(page), [], "the touchpoint's panel with its Blueprint section");
    await inspector.locator(".jg-items-section").screenshot({ path: new URL("lanes-items.png", out).pathname });

    // 8. Back to the journey's panel (Escape on the selected card): Remove says what goes with the lane.
    await map.locator('g.jg-card[data-id="video"]').focus();
    await page.keyboard.press("Escape");
    await eventually(() => inspector.locator("h3").first().textContent(), (t) => t === "Journey", "the journey's panel is back");
    const remove = inspector.getByRole("button", { name: "Remove (1 item): lane Back office and its 1 item" });
    assert.equal(await remove.textContent(), "Remove (1 item)");
    assert.equal(await inspector.getByRole("button", { name: "Remove lane Ideas", exact: true }).textContent(), "Remove");
    assert.deepEqual(await axeScan(page), [], "the journey's panel with its lanes");
    await inspector.locator(".jg-lanes-section").screenshot({ path: new URL("lanes-journey.png", out).pathname });
    await remove.click();
    await eventually(() => journey(page), (j) => j.lanes.length === 3 && !j.items?.length, "the lane and its item are gone");
    assert.ok(near(await success(page), 0.72), "no fail point left");
    await eventually(figure, (t) => t === "72.0%", "the figures bar is back");
    await record("remove lane");

    // Undo (the button) takes each step back, in order, to the imported file; Redo brings them again.
    const undo = editor.getByRole("button", { name: "Undo", exact: true });
    const redo = editor.getByRole("button", { name: "Redo", exact: true });
    for (let i = states.length - 1; i > 0; i -= 1) {
      await undo.click();
      assert.equal(await journeyText(page), states[i - 1].json, `undo of "${states[i].label}"`);
    }
    assert.ok(await undo.isDisabled(), "nothing left to undo");
    await eventually(() => drawnLanes(page), (l) => l.map((x) => x.name).join("|") === "Pain points|Opportunities", "the map is as imported");
    assert.deepEqual((await journey(page)).lanes.map((l) => l.id), ["painPoints", "opportunities"]);
    assert.ok(near(await success(page), 0.72));
    assert.equal(await inspector.locator(".jg-lanes-edit li").count(), 2, "the panel lists the two lanes again");
    for (let i = 1; i < states.length; i += 1) {
      await redo.click();
      assert.equal(await journeyText(page), states[i].json, `redo of "${states[i].label}"`);
    }
    assert.ok(await redo.isDisabled(), "nothing left to redo");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("a journey with no lanes at all: the panel says so and Add lane works; an item needs a lane first", { timeout: 60000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  try {
    await page.goto(env.url);
    await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
    const bare = { ...FILE, version: 2, lanes: [] };
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import", exact: true }).click()]);
    await chooser.setFiles({ name: "bare.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bare)) });
    await page.waitForFunction(() => document.querySelector("journey-map").journey?.toObject().title === "Opening an account");
    const editor = page.locator("journey-map");
    const inspector = editor.locator("[part=inspector]");
    const map = editor.locator("svg.jg-map");
    assert.deepEqual((await journey(page)).lanes ?? [], []);
    assert.equal(await inspector.getByText("No lanes yet", { exact: false }).count(), 1);

    // A touchpoint's panel: no lane to put an item in yet, and it says where to add one.
    await map.locator('g.jg-card[data-id="form"]').click();
    await eventually(() => inspector.locator("h3").first().textContent(), (t) => t === "Application form", "the touchpoint's panel is shown");
    assert.equal(await inspector.getByRole("button", { name: "Add item" }).count(), 0);
    assert.equal(await inspector.getByText("add a lane first", { exact: false }).count(), 1);
    await map.locator('g.jg-card[data-id="form"]').focus();
    await page.keyboard.press("Escape");
    await eventually(() => inspector.locator("h3").first().textContent(), (t) => t === "Journey", "the journey's panel is back");

    // Support lane with the name left empty: it is named after its kind.
    await inspector.getByRole("combobox", { name: "Kind of lane" }).selectOption("support");
    await inspector.getByRole("button", { name: "Add lane", exact: true }).click();
    await eventually(() => journey(page), (j) => j.lanes?.length === 1, "the lane was added");
    assert.deepEqual((await journey(page)).lanes, [{ id: "support", kind: "support", name: "Support processes" }]);
    await eventually(() => drawnLanes(page), (l) => l.map((x) => x.name).join() === "Support processes", "the map draws it");
    assert.equal(await inspector.getByText("No lanes yet", { exact: false }).count(), 0);

    // An out-of-range fail rate is not applied; the field says why.
    await map.locator('g.jg-card[data-id="form"]').click();
    await eventually(() => inspector.locator("h3").first().textContent(), (t) => t === "Application form", "the touchpoint's panel is shown");
    const before = await journeyText(page);
    await inspector.getByRole("textbox", { name: "Text of the new item" }).fill("Credit bureau");
    await inspector.getByRole("spinbutton", { name: "Fails (% of customers passing here)" }).fill("150");
    await inspector.getByRole("button", { name: "Add item", exact: true }).click();
    assert.equal(await journeyText(page), before, "nothing added");
    assert.equal(await inspector.getByRole("spinbutton", { name: "Fails (% of customers passing here)" }).getAttribute("aria-invalid"), "true");
    // Empty: an item that is no fail point.
    await inspector.getByRole("spinbutton", { name: "Fails (% of customers passing here)" }).fill("");
    await inspector.getByRole("button", { name: "Add item", exact: true }).click();
    await eventually(() => journey(page), (j) => j.items?.length === 1, "the item was added");
    assert.deepEqual((await journey(page)).items, [{ id: "item", lane: "support", stage: "apply", text: "Credit bureau", touchpoints: ["form"] }]);
    assert.ok(near(await success(page), 0.72), "no fail point: the figures as before");
    await inspector.getByRole("button", { name: "Remove item Credit bureau" }).click();
    await eventually(() => journey(page), (j) => !j.items?.length, "the item was removed");
    assert.equal(await inspector.getByText("No blueprint item serves this touchpoint yet.").count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("What if: a fail point's rate becomes the scenario's change; the rest of the blueprint stays the journey's", { timeout: 60000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  try {
    await page.goto(env.url);
    await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
    const withFailPoint = {
      ...FILE, version: 2,
      lanes: [{ id: "systems", kind: "support", name: "Support processes" }, { id: "notes", kind: "custom", name: "Notes" }],
      items: [
        { id: "idcheck", lane: "systems", stage: "verify", text: "ID check service", touchpoints: ["video"], failPoint: { rate: 0.05 } },
        { id: "crm", lane: "systems", stage: "verify", text: "CRM", touchpoints: ["video"] },
      ],
    };
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import", exact: true }).click()]);
    await chooser.setFiles({ name: "failing.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(withFailPoint)) });
    await page.waitForFunction(() => document.querySelector("journey-map").journey?.toObject().title === "Opening an account");
    const editor = page.locator("journey-map");
    const inspector = editor.locator("[part=inspector]");
    assert.ok(near(await success(page), 0.8 * 0.9 * 0.95), "the baseline: 0.684");

    await page.getByRole("button", { name: "What if", exact: true }).click();
    await editor.locator('svg.jg-map g.jg-card[data-id="video"]').click();
    await eventually(() => inspector.locator("h3").first().textContent(), (t) => t === "Video ID check", "the touchpoint's panel is shown");
    const rate = inspector.getByRole("spinbutton", { name: "Fails (% of customers passing here): ID check service" });
    assert.equal(await rate.inputValue(), "5");
    assert.equal(await rate.evaluate((i) => i.readOnly), false, "a fail point's rate is a scenario's");
    assert.equal(await inspector.getByRole("spinbutton", { name: "Fails (% of customers passing here): CRM" }).evaluate((i) => i.readOnly), true, "making an item a fail point is the journey's");
    assert.equal(await inspector.getByRole("textbox", { name: "Text of item 1 (Support processes)" }).evaluate((i) => i.readOnly), true);
    assert.equal(await inspector.getByRole("button", { name: "Add item" }).count(), 0);
    assert.equal(await inspector.getByRole("button", { name: /^Remove item/ }).count(), 0);
    assert.equal(await inspector.getByText("In What if, a scenario changes only how often a fail point fails", { exact: false }).count(), 1);

    const before = await journey(page);
    await rate.fill("1");
    await rate.press("Enter");
    const now = await eventually(() => journey(page), (j) => j.scenarios?.length === 1, "the change went into a scenario");
    assert.deepEqual(now.scenarios[0].changes, [{ item: "idcheck", failRate: 0.01 }]);
    assert.deepEqual(now.items, before.items, "the journey's own item is unchanged");
    assert.ok(near(await success(page), 0.684), "the baseline's figures are unchanged");
    // The scenario's success by hand: 0.8 × (1 − 0.1)(1 − 0.01) = 0.7128.
    await eventually(() => editor.locator("[part=figures] [data-figure=success] .jg-value").textContent(), (t) => t === "71.3%", "the figures bar shows the scenario");
    assert.equal(await rate.inputValue(), "1", "the field shows the scenario's rate");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
