// Chromium benchmark of "the page never waits" on an import of page-level
// paths (SPEC section 6, issue 10): a paths CSV of 2,500 pages (one loop)
// chosen through the app's visible "Import" button, "Fit journey", and the
// attribution table that opens by itself, until it shows all its rows.
// Reported for each run: the times from the click on "Import" to the
// preview's counts, to the fitted journey on screen and to the complete
// table; the main-thread long tasks (PerformanceObserver, over 50 ms) in
// each phase and the longest; and the package's calls on the page that
// took over 50 ms (every Journey and PathsReader method is timed).
//
//   node bench/offthread.mjs [--runs 2] [--channels 2500] [--visitors 300000] [--js]
//     (from tests/, after tools/build.sh; the CSV comes from
//      `cargo run --release --example page_paths -- CHANNELS VISITORS 1`,
//      or with --js from tests/node/page-paths.mjs; JOURNEYGRAPH_URL=…
//      measures another server's app, e.g. an earlier commit's)
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { start, openPage } from "../e2e/browser.mjs";
import { timePackageCalls } from "../e2e/slow-calls.mjs";
import { pagePaths } from "../node/page-paths.mjs";

const arg = (name, fallback) => {
  const k = process.argv.indexOf(name);
  if (k < 0) return fallback;
  return typeof fallback === "number" ? Number(process.argv[k + 1]) : process.argv[k + 1];
};
const RUNS = arg("--runs", 2);
const CHANNELS = arg("--channels", 2500);
const VISITORS = arg("--visitors", 300000);
const JS = process.argv.includes("--js");

const out = new URL("../out/", import.meta.url);
mkdirSync(out, { recursive: true });
const file = new URL(`bench-pages-${CHANNELS}.csv`, out).pathname;
const csv = JS
  ? pagePaths(CHANNELS, VISITORS, 1)
  : execFileSync("cargo", ["run", "--quiet", "--release", "--example", "page_paths", "--", String(CHANNELS), String(VISITORS), "1"], {
    cwd: new URL("../../", import.meta.url).pathname, maxBuffer: 1 << 30, encoding: "utf8",
  });
writeFileSync(file, csv);

const loads = [loadavg()[0]];
const { browser, url, close } = await start();
const results = [];
try {
  for (let run = 0; run < RUNS; run += 1) {
    const { page, problems } = await openPage(browser, { width: 1280, height: 900 });
    await page.goto(url);
    await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 30000 });
    await page.evaluate(timePackageCalls);
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]);
      }).observe({ type: "longtask" });
    });
    const now = () => page.evaluate(() => performance.now());
    const t0 = await now();
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Import", exact: true }).click(),
    ]);
    await chooser.setFiles(file);
    await page.waitForFunction(() => {
      const d = document.querySelector("journey-map").shadowRoot.querySelector("dialog.jg-paths");
      return d && !d.querySelector(".jg-paths-stats").hidden;
    }, null, { timeout: 300000, polling: 50 });
    const t1 = await now();
    await page.getByRole("button", { name: "Fit journey" }).click({ noWaitAfter: true, timeout: 300000 });
    await page.locator("journey-map .jg-title", { hasText: `Customer paths: bench-pages-${CHANNELS}` }).waitFor({ timeout: 300000 });
    const t2 = await now();
    // All the rows: the old table has no data-state (it was drawn whole, at once).
    await page.waitForFunction((n) => {
      const s = document.querySelector("journey-map").shadowRoot.querySelector(".jg-attribution");
      return s && !s.hidden && (s.dataset.state === undefined || s.dataset.state === "done") && s.querySelectorAll("tbody tr").length >= n;
    }, CHANNELS - 1, { timeout: 300000, polling: 50 });
    const t3 = await now();
    await new Promise((r) => setTimeout(r, 200));
    const { long, calls } = await page.evaluate(() => ({ long: window.__long, calls: window.__calls }));
    const phase = (a, b) => long.filter(([s, d]) => s + d > a && s < b).map(([, d]) => Math.round(d));
    results.push({
      preview: t1 - t0, open: t2 - t0, table: t3 - t0,
      reading: phase(t0, t1), opening: phase(t1, t2), attributing: phase(t2, t3),
      longest: Math.round(Math.max(0, ...phase(t0, t3))), calls, problems,
    });
    loads.push(loadavg()[0]);
    await page.close();
  }
} finally {
  await close();
}

const ms = (x) => `${Math.round(x)} ms`;
console.log(`${CHANNELS} channels, ${VISITORS} visitors (${(csv.length / 1e6).toFixed(1)} MB${JS ? ", tests/node/page-paths.mjs" : ""}); ${new Date().toISOString()}; ${cpus().length} cores; load average ${loads.map((l) => l.toFixed(2)).join(" → ")}`);
for (const [k, r] of results.entries()) {
  console.log(`run ${k + 1}: preview ${ms(r.preview)}, journey open ${ms(r.open)}, table complete ${ms(r.table)}; longest task ${ms(r.longest)}`);
  console.log(`  long tasks: reading [${r.reading.join(", ")}] · Fit → journey open [${r.opening.join(", ")}] · → table [${r.attributing.join(", ")}]`);
  console.log(`  package calls over 50 ms on the page: ${r.calls.map(([n, d]) => `${n} ${d}`).join(", ") || "none"}`);
  if (r.problems.length) console.log(`  problems: ${r.problems.join(" | ")}`);
}
