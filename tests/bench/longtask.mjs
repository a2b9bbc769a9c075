// Chromium benchmark of "the page never waits" (SPEC section 6, issue 10):
// the longest main-thread task during an emotion slider drag.
//
//   (a) the reference journey of 1000 touchpoints, seed 1: a touchpoint is selected and its emotion
//       slider gets `input` events, one a frame, as a drag makes, then a
//       `change`. For each input: the handler's synchronous time plus that
//       frame's style, layout and paint (the main thread's work for the
//       step). After the drag, the figures bar is awaited until it shows
//       the simulated figures of the final state, and checked against a
//       direct simulation.
//   (b) the same on a journey whose simulation is expensive: 200
//       touchpoints, one with a self-loop 1000 times heavier than its way
//       on, maxSteps 1,000,000 (about 12 million moments for 10,000
//       customers).
//   Long tasks (over 50 ms) are counted by a PerformanceObserver over the
//   whole drag, up to the final figures (wall clock), and every main-thread
//   task of the drags is taken from Chromium's trace with its thread time
//   (the page's own work, which other load on the machine does not add to).
//
//   node bench/longtask.mjs [--runs 3] [--inputs 30] [--element element]
//     (from tests/, after tools/build.sh; --element: another copy of the
//      element under pkg/, e.g. the one of an earlier commit, to compare)
import { start, openPage } from "../e2e/browser.mjs";
import { cpus, loadavg } from "node:os";
import { heavyLoop } from "../node/heavy-loop.mjs";
import { referenceJSON } from "../reference.mjs";

const arg = (name, fallback) => {
  const k = process.argv.indexOf(name);
  if (k < 0) return fallback;
  return typeof fallback === "number" ? Number(process.argv[k + 1]) : process.argv[k + 1];
};
const RUNS = arg("--runs", 3);
const INPUTS = arg("--inputs", 30);
const ELEMENT = arg("--element", "element");

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>journeygraph long-task benchmark</title>
<link rel="stylesheet" href="./style.css"></head>
<body><main id="host"></main></body></html>`;

const load = loadavg()[0];
const { browser, url, close } = await start();
try {
  const { page, problems } = await openPage(browser, { width: 1280, height: 800 });
  const benchUrl = new URL("longtask-bench.html", url).href;
  await page.route(benchUrl, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE }));
  await page.goto(benchUrl);

  // Chromium's trace of the main thread: each task's thread time (tdur), which is the page's own
  // work; the wall clock (the PerformanceObserver's) adds whatever else the machine runs meanwhile.
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => {
    for (const x of e.value) if ((x.name === "RunTask" && x.ph === "X") || x.name === "TimeStamp" || x.name === "thread_name") events.push(x);
  });
  const traced = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
  const results = await page.evaluate(async ({ base, runs, inputs, element, heavy, refJson }) => {
    const { default: init, Journey } = await import(new URL("pkg/journeygraph.js", base).href);
    await init();
    const { define } = await import(new URL(`pkg/${element}/journey-map.js`, base).href);
    define("journey-map");
    const host = document.getElementById("host");
    const channel = new MessageChannel();
    const frameTimes = () => new Promise((resolve) => {
      requestAnimationFrame(() => {
        const raf = performance.now();
        channel.port1.onmessage = () => resolve({ raf, done: performance.now() });
        channel.port2.postMessage(0);
      });
    });
    const settle = async () => {
      await frameTimes();
      await frameTimes();
      await new Promise((r) => setTimeout(r, 50));
    };
    /** Until the figures bar shows finished simulated figures (the old element has no such state: at once). */
    const figuresDone = async (el) => {
      const t0 = performance.now();
      for (;;) {
        const state = el.shadowRoot.querySelector(".jg-figures").dataset.simulation;
        if (state === undefined || state === "done" || state === "cut" || state === "failed") return performance.now() - t0;
        if (performance.now() - t0 > 60000) throw new Error("the simulated figures never came");
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const remembered = (el) => el.shadowRoot.querySelector('.jg-figure[data-figure="remembered"] .jg-value').textContent;

    const drag = async (name, json, id) => {
      const work = [];
      const handler = [];
      const long = [];
      const waits = [];
      for (let k = 0; k <= runs; k++) {
        host.replaceChildren();
        await settle();
        const el = document.createElement("journey-map");
        host.append(el);
        await new Promise((r) => setTimeout(r, 0));
        // A title of its own for each run: no run is answered from the figures of an earlier one.
        el.journey = JSON.stringify({ ...JSON.parse(json), title: `Run ${k}` });
        el.select(id);
        await figuresDone(el);
        await settle();
        const slider = el.shadowRoot.querySelector('.jg-inspector input[type=range][data-key="emotion"]');
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (k > 0) long.push(e.duration);
        });
        observer.observe({ type: "longtask" });
        if (k > 0) console.timeStamp(`jg-drag-start:${name}`); // the trace's tasks from here (thread time)
        let v = Math.round(Number(slider.value) * 20) / 20;
        let dir = v > 0 ? -1 : 1;
        for (let i = 0; i < inputs; i++) {
          let next = Math.round((v + dir * 0.05) * 20) / 20;
          if (next > 1 || next < -1) {
            dir = -dir;
            next = Math.round((v + dir * 0.05) * 20) / 20;
          }
          v = next;
          slider.value = String(v);
          const t0 = performance.now();
          slider.dispatchEvent(new Event("input", { bubbles: true }));
          const t1 = performance.now();
          const frame = await frameTimes();
          if (k > 0) {
            work.push(t1 - t0 + (frame.done - frame.raf));
            handler.push(t1 - t0);
          }
        }
        slider.dispatchEvent(new Event("change", { bubbles: true }));
        const waited = await figuresDone(el);
        await frameTimes();
        // Tasks that end before this mark (the one running it, which goes on to take this run's element down, does not).
        if (k > 0) console.timeStamp(`jg-drag-end:${name}`);
        for (const e of observer.takeRecords()) if (k > 0) long.push(e.duration);
        observer.disconnect();
        if (k > 0) waits.push(waited);
        // Outside the measurement: the figures are the final state's.
        const s = el.journey.simulate({ customers: 10000, seed: 1 }).remembered;
        const expected = `${s.mean >= 0 ? "+" : "\u2212"}${Math.abs(s.mean).toFixed(2)}`;
        if (remembered(el) !== expected) throw new Error(`after the drag the figures show ${remembered(el)}, not ${expected}`);
      }
      host.replaceChildren();
      return { work, handler, long, waits };
    };
    return { reference: await drag("reference", refJson, "t500"), heavy: await drag("heavy", heavy, "t40"), ua: navigator.userAgent };
  }, { base: url, runs: RUNS, inputs: INPUTS, element: ELEMENT, heavy: heavyLoop(200, 1000, 1_000_000), refJson: referenceJSON(1000, 1) });

  await cdp.send("Tracing.end");
  await traced;
  const main = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const marks = events.filter((e) => e.name === "TimeStamp").map((e) => ({ ts: e.ts, message: e.args?.data?.message ?? "" }));
  for (const name of ["reference", "heavy"]) {
    const spans = [];
    let from = null;
    for (const m of marks.sort((a, b) => a.ts - b.ts)) {
      if (m.message === `jg-drag-start:${name}`) from = m.ts;
      else if (m.message === `jg-drag-end:${name}` && from !== null) spans.push([from, m.ts]), (from = null);
    }
    results[name].cpu = events
      .filter((e) => e.name === "RunTask" && main.has(`${e.pid}:${e.tid}`) && spans.some(([a, b]) => e.ts >= a && e.ts + e.dur <= b))
      .map((e) => (e.tdur ?? e.dur) / 1000);
  }
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const median = (xs) => {
    const s = sorted(xs);
    return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
  };
  const max = (xs) => (xs.length ? Math.max(...xs) : 0);
  const browserName = results.ua.match(/(Headless)?Chrome\/[\d.]+/)?.[0];
  console.log(`journeygraph long-task benchmark: pkg/${ELEMENT} in ${browserName}, ${cpus().length} cores, load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  for (const [name, r] of [["(a) reference journey, 1000 touchpoints", results.reference], ["(b) heavy self-loop, 200 touchpoints, maxSteps 1,000,000", results.heavy]]) {
    console.log(`${name}: ${r.work.length} slider steps over ${RUNS} runs`);
    console.log(`  step (handler + its frame), median ${median(r.work).toFixed(1)} ms, longest ${max(r.work).toFixed(1)} ms`);
    console.log(`  handler alone (the edit, exact figures, simulation or its request, map update), median ${median(r.handler).toFixed(1)} ms, longest ${max(r.handler).toFixed(1)} ms`);
    console.log(`  long tasks (> 50 ms) during the drags: ${r.long.length}${r.long.length ? `, longest ${max(r.long).toFixed(0)} ms` : ""}   (target: none)`);
    const over = r.cpu.filter((x) => x > 50).length;
    console.log(`  main-thread tasks by thread time (the page's own work, from the trace): ${r.cpu.length}, longest ${max(r.cpu).toFixed(1)} ms, ${over} over 50 ms`);
    console.log(`  end of the drag → simulated figures shown, median ${median(r.waits).toFixed(0)} ms`);
  }
  if (problems.length) {
    console.log("page problems:", problems);
    process.exitCode = 1;
  }
} finally {
  await close();
}
