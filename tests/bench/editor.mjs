// Chromium benchmark of the editor (SPEC section 6, issue 4): the built
// <journey-map> element (pkg/element) on the reference journeys.
//
//   (a) first render: a fresh <journey-map> is given the JSON text of
//       the reference journey of 1000 touchpoints for a seed. "script" is the synchronous work of
//       setting `journey` (parse, layout, figures, the map built and in the
//       DOM); "+ forced style and layout" adds a forced style and layout of
//       the map (getBoundingClientRect; measured on other runs); "to the
//       next frame" is from setting `journey` until the next frame has been
//       produced (requestAnimationFrame, then a task posted from it, which
//       runs after that frame's style, layout and paint), checked to show
//       every card in view drawn whole. A map of that size draws what is
//       in and near view at once and the rest while the browser is idle
//       (map.js, options.view): the last line is when that is done too.
//       Each run on a new element, with names new to it (no text
//       measurement cached by an earlier run helps).
//   (b) emotion slider drag on the reference journey of 200 (a seed): a touchpoint is
//       selected and its emotion slider gets a sequence of `input` events,
//       one a frame, as a drag makes, then a `change` (the drag ends).
//       "handler" is the synchronous time of one `input` event (the edit,
//       figures and curve updated in the DOM); "+ the frame" adds that
//       frame's style, layout and paint (the main thread's whole work for
//       the update; the target); "wall" includes waiting for the frame.
//       Each input is checked to have moved the touchpoint's curve point,
//       and after the drag the figures are checked against a full
//       simulation of the journey as it then is.
//   (c) the same drag in What-if mode (the edits become a scenario's
//       changes; the baseline's ghost stays): for information.
//
//   node bench/editor.mjs [--runs 7] [--inputs 40] [--big 1000] [--drag 200]
//                         [--element element]   (from tests/, after tools/build.sh;
//                                                --element: another copy of the element under pkg/, to compare)
//
// Medians (and p95 for the drag) over the runs. Headless Chromium paints in
// software; run on a quiet machine: the load average is printed.
import { start, openPage } from "../e2e/browser.mjs";
import { cpus, loadavg } from "node:os";
import { referenceJSON } from "../reference.mjs";

const arg = (name, fallback) => {
  const k = process.argv.indexOf(name);
  if (k < 0) return fallback;
  return typeof fallback === "number" ? Number(process.argv[k + 1]) : process.argv[k + 1];
};
const RUNS = arg("--runs", 7);
const INPUTS = arg("--inputs", 40);
const BIG = arg("--big", 1000);
const DRAG = arg("--drag", 200);
// The reference journeys each run opens (seeds 100+, 200+, 300+), from the
// crate's generator (examples/reference.rs).
const TEXTS = {};
for (let k = 0; k <= RUNS; k++) {
  for (const [n, seed] of [[BIG, 100 + k], [BIG, 200 + k], [DRAG, 300 + k]]) TEXTS[`${n}-${seed}`] = referenceJSON(n, seed);
}
const ELEMENT = arg("--element", "element");

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>journeygraph editor benchmark</title>
<link rel="stylesheet" href="./style.css"></head>
<body><main id="host"></main></body></html>`;

const load = loadavg()[0];
const { browser, url, close } = await start();
try {
  const { page, problems } = await openPage(browser, { width: 1280, height: 800 });
  const benchUrl = new URL("editor-bench.html", url).href;
  await page.route(benchUrl, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE }));
  await page.goto(benchUrl);

  const results = await page.evaluate(async ({ base, runs, inputs, big, drag, element, texts }) => {
    const { default: init, Journey } = await import(new URL("pkg/journeygraph.js", base).href);
    await init();
    const { define } = await import(new URL(`pkg/${element}/journey-map.js`, base).href);
    define("journey-map");
    const host = document.getElementById("host");

    // Resolves to {raf, done}: when the next frame began and when it was produced
    // (a task posted from requestAnimationFrame runs after the frame's style, layout and paint).
    const channel = new MessageChannel();
    const frameTimes = () => new Promise((resolve) => {
      requestAnimationFrame(() => {
        const raf = performance.now();
        channel.port1.onmessage = () => resolve({ raf, done: performance.now() });
        channel.port2.postMessage(0);
      });
    });
    const nextFrame = async () => (await frameTimes()).done;
    const settle = async () => {
      await nextFrame();
      await nextFrame();
      await new Promise((r) => setTimeout(r, 50));
    };

    /** A connected element with the engine ready, so that setting `journey` renders synchronously. */
    const freshElement = async () => {
      host.replaceChildren();
      await settle(); // the old map's teardown is not counted
      const el = document.createElement("journey-map");
      host.append(el);
      await new Promise((r) => setTimeout(r, 0)); // the element's engine().then(...)
      return el;
    };

    /**
     * The reference journey's JSON text, its names made new for each run
     * (else the text measurements cached by an earlier run would make the
     * next ones look faster than a journey opened for the first time).
     */
    const reference = (n, seed) => {
      const file = JSON.parse(texts[`${n}-${seed}`]);
      for (const t of file.touchpoints) t.name = `${t.name} (${seed})`;
      return JSON.stringify(file);
    };

    // (a) first render of `big` touchpoints.
    const first = [];
    for (let k = 0; k <= runs; k++) {
      const json = reference(big, 100 + k);
      const el = await freshElement();
      const t0 = performance.now();
      el.journey = json;
      const t1 = performance.now();
      const map = el.shadowRoot.querySelector(".jg-canvas svg.jg-map");
      if (!map) throw new Error("no map after setting the journey");
      const cards = map.querySelectorAll(".jg-card").length;
      if (cards !== big) throw new Error(`the map has ${cards} cards, not ${big}`);
      const frame = await frameTimes();
      // Outside the timing: every card in view is drawn whole; then how
      // long the cards out of view take to be drawn whole in the background.
      const inView = [...map.querySelectorAll(".jg-card")].filter((g) => {
        const r = g.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
      });
      if (!inView.length) throw new Error("no card in view");
      if (inView.some((g) => g.hasAttribute("data-pending") || !g.querySelector(".jg-card-name"))) throw new Error("a card in view is not drawn whole at the first frame");
      let complete = frame.done;
      while (map.querySelector(".jg-card[data-pending]")) complete = await nextFrame();
      if (map.querySelectorAll(".jg-card-name").length !== big) throw new Error("not every card got drawn whole");
      if (k > 0) first.push({ script: t1 - t0, work: t1 - t0 + (frame.done - frame.raf), frame: frame.done - t0, complete: complete - t0 });
    }
    // The same, with a forced synchronous style and layout right after (no paint).
    const forced = [];
    for (let k = 0; k <= runs; k++) {
      const json = reference(big, 200 + k);
      const el = await freshElement();
      const t0 = performance.now();
      el.journey = json;
      const box = el.shadowRoot.querySelector(".jg-canvas svg.jg-map").getBoundingClientRect();
      el.shadowRoot.querySelector(".jg-card").getBoundingClientRect();
      const t2 = performance.now();
      if (!(box.width > 0)) throw new Error("the map has no size");
      if (k > 0) forced.push(t2 - t0);
    }

    /** (b), (c): emotion slider drags at `drag` touchpoints. */
    const drags = async ({ whatIf }) => {
      const handler = [];
      const work = [];
      const toFrame = [];
      const commits = [];
      let moved = 0;
      for (let k = 0; k <= runs; k++) {
        const json = reference(drag, 300 + k);
        const el = await freshElement();
        el.journey = json;
        if (whatIf) el.scenario = "bench";
        const id = `t${Math.floor(drag / 2) + k}`;
        el.select(id);
        await settle();
        const root = el.shadowRoot;
        const slider = root.querySelector('.jg-inspector input[type=range][data-key="emotion"]');
        if (!slider) throw new Error("no emotion slider");
        const point = () => root.querySelector(`.jg-curve-point[data-id="${id}"]`);
        const figures = () => root.querySelector(".jg-figures").textContent;
        // A drag from the value towards -1 or +1, turning at the end, 0.05 a step.
        const values = [];
        let v = Math.round(Number(slider.value) * 20) / 20;
        let dir = v > 0 ? -1 : 1;
        for (let i = 0; i < inputs; i++) {
          let next = Math.round((v + dir * 0.05) * 20) / 20;
          if (next > 1 || next < -1) {
            dir = -dir;
            next = Math.round((v + dir * 0.05) * 20) / 20;
          }
          values.push(next);
          v = next;
        }
        for (const value of values) {
          const beforeY = point().getAttribute("cy");
          const beforeFigures = figures();
          slider.value = String(value);
          const t0 = performance.now();
          slider.dispatchEvent(new Event("input", { bubbles: true }));
          const t1 = performance.now();
          // Checked outside the timing: the curve point moved.
          if (point()?.getAttribute("cy") === beforeY) throw new Error(`the curve point of ${id} did not move (emotion ${value})`);
          const frame = await frameTimes();
          if (k > 0) {
            handler.push(t1 - t0);
            work.push(t1 - t0 + (frame.done - frame.raf));
            toFrame.push(frame.done - t0);
            if (figures() !== beforeFigures) moved += 1;
          }
        }
        const t0 = performance.now();
        slider.dispatchEvent(new Event("change", { bubbles: true }));
        const t1 = performance.now();
        const frame = await nextFrame();
        if (k > 0) commits.push({ script: t1 - t0, frame: frame - t0 });
        if (!el.journey.canUndo) throw new Error("the drag left no undo step");
        // After the drag the figures bar shows the full simulation of the journey (or scenario) as it now is.
        let shown = el.journey;
        if (whatIf) {
          const scenario = el.journey.toObject().scenarios.find((s) => s.id === "bench");
          shown = el.journey.withScenario(scenario);
        }
        const sim = shown.simulate({ customers: 10000, seed: 1 });
        if (whatIf) shown.free();
        const text = root.querySelector('.jg-figure[data-figure="remembered"] dd .jg-value').textContent
          + root.querySelector('.jg-figure[data-figure="remembered"] dd .jg-hw').textContent;
        const hw = sim.remembered.halfWidth;
        const expected = `${sim.remembered.mean >= 0 ? "+" : "−"}${Math.abs(sim.remembered.mean).toFixed(2)} ± ${hw.toFixed(hw < 0.01 ? 3 : 2)}`;
        if (text !== expected) throw new Error(`after the drag the figures show ${text}, not ${expected}`);
      }
      if (moved === 0) throw new Error("the figures never changed during the drags");
      return { handler, work, toFrame, commits };
    };
    const baseline = await drags({ whatIf: false });
    const whatIf = await drags({ whatIf: true });
    host.replaceChildren();
    return { first, forced, baseline, whatIf, ua: navigator.userAgent };
  }, { base: url, runs: RUNS, inputs: INPUTS, big: BIG, drag: DRAG, element: ELEMENT, texts: TEXTS });

  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const median = (xs) => {
    const s = sorted(xs);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)];
  const row = (what, value, target = null) => {
    const verdict = target === null ? "" : `   (target ≤ ${target} ms: ${value <= target ? "met" : "NOT met"})`;
    console.log(`  ${what.padEnd(62)}${value.toFixed(1).padStart(7)} ms${verdict}`);
  };
  const browserName = results.ua.match(/(Headless)?Chrome\/[\d.]+/)?.[0];
  console.log(`journeygraph editor benchmark: pkg/${ELEMENT} in ${browserName}, ${cpus().length} cores, load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  console.log(`(a) first render of ${BIG} touchpoints, median of ${RUNS} runs`);
  row("script (set journey → map in the DOM)", median(results.first.map((r) => r.script)));
  row("script + forced style and layout", median(results.forced));
  row("script + the frame's style, layout, paint", median(results.first.map((r) => r.work)));
  row("wall time to the next frame (the map on screen)", median(results.first.map((r) => r.frame)), 200);
  row("until the cards and arrows out of view are drawn too", median(results.first.map((r) => r.complete)));
  for (const [name, r, target] of [["(b) emotion slider drag", results.baseline, 16], ["(c) the same in What-if mode", results.whatIf, null]]) {
    console.log(`${name}, ${DRAG} touchpoints, ${r.handler.length} inputs over ${RUNS} runs`);
    row("handler (edit → figures and curve in the DOM), median", median(r.handler));
    row("handler, p95", p95(r.handler));
    row("handler + the frame's style, layout, paint, median", median(r.work), target);
    row("handler + the frame's style, layout, paint, p95", p95(r.work), target);
    row("wall time to the next frame (incl. waiting for it), median", median(r.toFrame));
    row("end of the drag (change), handler, median", median(r.commits.map((c) => c.script)));
  }
  if (problems.length) {
    console.log("page problems:", problems);
    process.exitCode = 1;
  }
} finally {
  await close();
}
