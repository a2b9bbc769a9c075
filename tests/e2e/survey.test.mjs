// A survey CSV sets measured metrics and calibrates emotions (issue 15), in
// real Chromium through the editor's visible Import: rows by id and by name
// pooled (weighted by respondents), CSAT before CES before NPS, the emotion
// marked measured with where it came from, one undo for all of it; a bad row
// names its line and changes nothing.
//   bash tools/build.sh && cd tests && node --test e2e/survey.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./browser.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const journeyText = (page) => page.evaluate(() => document.querySelector("journey-map").journey.toJSON());
const tp = (text, id) => JSON.parse(text).touchpoints.find((t) => t.id === id);

async function chooseFile(page, name, text) {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByRole("button", { name: "Import", exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
}

test("a survey CSV sets metrics and measured emotions on the open journey in one undoable step; a bad row names its line", { timeout: 60000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map svg.jg-map", { timeout: 15000 });
  const original = await journeyText(page);
  const survey = [
    "touchpoint,metric,value,respondents,date",
    // Two waves of one CSAT: pooled by respondents, (4.0 × 100 + 4.5 × 300) / 400 = 4.375.
    "checkout,csat,4.0,100,2026-10",
    "checkout,csat,4.5,300,2026-11",
    "checkout,ces,2,400,2026-11",
    // By name (case and spaces aside); CES alone: (4 − 5.5) / 3 = −0.5.
    "  waits FIVE days for delivery ,ces,5.5,80,2026-11",
    // NPS alone: 30 / 100 = 0.3; a volume, which sets no emotion.
    "order-confirmed,nps,30,,2026-11",
    "support-call,volume,1200,,2026-11",
    "",
  ].join("\r\n");
  await chooseFile(page, "survey-nov.csv", survey);
  const notice = page.locator("journey-map [part=notice]");
  await notice.waitFor();
  assert.match(await notice.textContent(), /Set 5 measurements \(6 rows pooled\) on 4 touchpoints from “survey-nov\.csv”; 3 emotions are now measured/);
  const now = await journeyText(page);
  const checkout = tp(now, "checkout");
  assert.deepEqual(checkout.metrics.map((m) => [m.metric, m.value, m.respondents, m.date]), [["csat", 4.375, 400, "2026-11"], ["ces", 2, 400, "2026-11"]]);
  assert.equal(checkout.emotion, 0.69, "(4.375 − 3) / 2 = 0.6875, to two decimals: CSAT before CES");
  assert.equal(checkout.basis.emotion.measured, true);
  assert.match(checkout.basis.emotion.source, /^CSAT 4\.38 \(n=400, 2026-11, survey-nov\.csv\) → emotion \(CSAT − 3\) \/ 2$/);
  assert.equal(tp(now, "delivery-wait").emotion, -0.5);
  assert.equal(tp(now, "order-confirmed").emotion, 0.3);
  assert.equal(tp(now, "order-confirmed").metrics[0].respondents, undefined, "no respondents given, none written");
  assert.equal(tp(now, "support-call").emotion, tp(original, "support-call").emotion, "a volume calibrates nothing");
  assert.deepEqual(tp(now, "support-call").metrics.map((m) => [m.metric, m.value]), [["volume", 1200]]);
  // The inspector shows what was measured.
  await page.evaluate(() => document.querySelector("journey-map").select("checkout"));
  const shown = page.locator('journey-map [data-key="metrics"]');
  await shown.waitFor();
  assert.match(await shown.textContent(), /CSAT 4\.375.*400 respondents.*2026-11/s);
  // One undo takes all of it back.
  assert.equal(await page.evaluate(() => document.querySelector("journey-map").undo()), true);
  assert.equal(await journeyText(page), original);
  // A bad row: its line, and nothing changes.
  await chooseFile(page, "bad-survey.csv", "touchpoint,metric,value\ncheckout,csat,4\nnobody,csat,3\n");
  const box = page.locator("journey-map .jg-error");
  await box.waitFor({ state: "visible" });
  assert.match(await box.textContent(), /Line 3: no touchpoint has the id or name “nobody”/);
  assert.match(await box.textContent(), /unchanged/);
  await chooseFile(page, "bad-value.csv", "touchpoint,metric,value\ncheckout,csat,6\n");
  await page.locator("journey-map .jg-error", { hasText: "Line 2: CSAT is “6”; it must be a number from 1 to 5" }).waitFor();
  assert.equal(await journeyText(page), original);
  // Entered by hand in the inspector: set, refused out of range (nothing changes), removed.
  await page.evaluate(() => document.querySelector("journey-map").select("order-confirmed"));
  await page.locator('journey-map [data-key="metric-kind"]').selectOption("ces");
  await page.locator('journey-map [data-key="metric-value"]').fill("3");
  await page.locator('journey-map [data-key="metric-respondents"]').fill("12");
  await page.locator('journey-map [data-key="metric-date"]').fill("2026-12");
  await page.locator('journey-map [data-key="add-metric"]').click();
  await page.waitForFunction(() => JSON.parse(document.querySelector("journey-map").journey.toJSON()).touchpoints.find((t) => t.id === "order-confirmed").metrics?.length === 1);
  assert.deepEqual(tp(await journeyText(page), "order-confirmed").metrics, [{ metric: "ces", value: 3, respondents: 12, date: "2026-12" }]);
  assert.match(await page.locator('journey-map [data-key="metrics"] li').first().textContent(), /CES 3 · 12 respondents · 2026-12 → emotion \+0\.33/);
  const entered = await journeyText(page);
  await page.locator('journey-map [data-key="metric-value"]').fill("9");
  await page.locator('journey-map [data-key="add-metric"]').click();
  await page.locator('journey-map [data-key="metric-value"][aria-invalid="true"]').waitFor();
  assert.equal(await journeyText(page), entered, "a CES of 9 is refused and nothing changes");
  await page.getByRole("button", { name: "Remove CES" }).click();
  await page.waitForFunction(() => !JSON.parse(document.querySelector("journey-map").journey.toJSON()).touchpoints.find((t) => t.id === "order-confirmed").metrics);
  assert.deepEqual(problems.filter((p) => !/ces is 9/i.test(p)), []);
  await page.close();
});
