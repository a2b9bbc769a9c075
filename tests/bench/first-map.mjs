// Chromium benchmark of the app's start (SPEC section 6, issue 11): the time
// from navigation to the first map drawn, from a cold cache, and what was
// fetched by then.
//
//   node bench/first-map.mjs [--runs 9] [--throttle 10]   (from tests/, after tools/build.sh)
//
// Each run is a new browser context (an empty HTTP cache, no stored
// journey: the app opens its sample) on the app as tools/serve.mjs serves
// it. "first map" is the first animation frame in which <journey-map>'s
// shadow root holds the map (svg.jg-map), measured from the navigation's
// start (performance.now() in the page); "painted" is the frame after it,
// so the map has been painted by then. "requests" and "bytes" are the
// page's resources fetched by the first map (the figures worker fetches its
// own, in parallel, and is not counted), bytes as sent: tools/serve.mjs sends
// text and wasm gzipped, as a host would.
//
// Two profiles: localhost as it is, and (--throttle MBIT, default 10; 0 to
// skip) the network throttled to that many Mbit/s down with 40 ms of round
// trip (Chromium's network emulation), where the bytes fetched count too.
// Medians and the spread over the runs. Run on a quiet machine: the load
// average is printed.
import { start } from "../e2e/browser.mjs";
import { cpus, loadavg } from "node:os";

const arg = (name, fallback) => {
  const k = process.argv.indexOf(name);
  return k < 0 ? fallback : Number(process.argv[k + 1]);
};
const RUNS = arg("--runs", 9);
const THROTTLE = arg("--throttle", 10);

/** Runs in the page before its scripts: notes the frame the map first appears in. */
function watchFirstMap() {
  const found = () => document.querySelector("journey-map")?.shadowRoot?.querySelector("svg.jg-map");
  const tick = () => {
    if (!found()) return requestAnimationFrame(tick);
    const at = performance.now();
    const bytes = performance.getEntriesByType("resource").reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);
    const requests = performance.getEntriesByType("resource").length + 1; // + the page itself
    requestAnimationFrame(() => {
      window.__firstMap = { at, painted: performance.now(), requests, bytes };
    });
  };
  requestAnimationFrame(tick);
}

async function run(browser, url, throttle) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false, latency: 40, downloadThroughput: (throttle * 1e6) / 8, uploadThroughput: (throttle * 1e6) / 8,
      });
    }
    await page.addInitScript(watchFirstMap);
    await page.goto(url);
    await page.waitForFunction(() => window.__firstMap, null, { timeout: 120000, polling: 50 });
    const result = await page.evaluate(() => window.__firstMap);
    const html = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.transferSize ?? 0);
    result.bytes += html;
    return result;
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;

const env = await start();
const load = loadavg()[0];
try {
  console.log(`journeygraph first-map benchmark: the app in headless Chromium, ${RUNS} cold runs a profile, ${cpus().length} cores, load average ${load.toFixed(1)}`);
  await run(env.browser, env.url, 0); // the browser's own start-up, not measured
  for (const throttle of THROTTLE ? [0, THROTTLE] : [0]) {
    const results = [];
    for (let k = 0; k < RUNS; k++) results.push(await run(env.browser, env.url, throttle));
    const at = results.map((r) => r.at);
    const painted = results.map((r) => r.painted);
    const name = throttle ? `throttled ${throttle} Mbit/s, 40 ms RTT` : "localhost";
    console.log(`${name.padEnd(30)} first map ${ms(median(at))} (${ms(Math.min(...at))}–${ms(Math.max(...at))}), painted ${ms(median(painted))}; ` +
      `${results[0].requests} requests, ${(results[0].bytes / 1024).toFixed(1)} KiB fetched by then`);
  }
  console.log(`load average after: ${loadavg()[0].toFixed(1)}`);
} finally {
  await env.close();
}
