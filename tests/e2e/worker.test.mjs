// The page never waits on the engine (SPEC section 6; issue 10), in
// Chromium with the app as served:
//   - a slider drag on the reference journey of 1000 touchpoints makes no main-thread
//     task over 50 ms of the thread's time (from Chromium's trace), and,
//     when the machine is not loaded by other work, no long task on the
//     wall clock in one drag of up to three; the figures bar then shows
//     the exact and simulated figures of the final state, the card, curve
//     and inspector its emotion, and one undo takes the whole drag back;
//   - a slider drag on a journey whose simulation takes seconds on the page
//     (a heavy self-loop, maxSteps 1,000,000) makes no long task (the
//     PerformanceObserver reports tasks over 50 ms: the list stays empty),
//     and the figures bar ends on the simulated figures of the final state.
//     The drag is input events one a frame, as tests/bench/ makes it: with
//     Playwright's mouse, headless Chromium runs each input and the frame's
//     software paint as one task, which at 200 cards is 30-60 ms of map
//     drawing on this machine whatever the engine does (BENCHMARKS.md);
//     the mouse drag is checked for its final figures;
//   - a newer slider step cancels the older run: the worker answers far
//     fewer runs than there were steps;
//   - where no Worker exists, a budgeted run on the page says how many
//     customers it simulated;
//   - a real trap (the wasm memory overwritten, as a bug would leave it)
//     costs nothing: the engine is restarted, the last good journey
//     reopened, a visible message and a journey-error say so, editing works.
//   bash tools/build.sh && cd tests && node --test e2e/worker.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage } from "./browser.mjs";
import { heavyLoop } from "../node/heavy-loop.mjs";
import { referenceJSON } from "../reference.mjs";
import { cpus, loadavg } from "node:os";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const HEAVY = heavyLoop(200, 1000, 1_000_000);

/** The app with `json` open. */
async function openJourney(json, { noWorker = false } = {}) {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  if (noWorker) await page.addInitScript(() => { delete window.Worker; });
  await page.goto(env.url);
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  if (json !== null) await page.evaluate((json) => { document.querySelector("journey-map").journey = json; }, json);
  const editor = page.locator("journey-map");
  return { page, problems, editor, map: editor.locator("svg.jg-map") };
}

/** Waits until the figures bar's simulation is `state` ("done", "cut"). */
function simulated(editor, state = "done") {
  return editor.locator(`[part=figures][data-simulation=${state}]`).waitFor({ timeout: 60000 });
}

/** What the figures bar shows for the remembered experience, and what a direct simulation of the journey shown gives. */
function rememberedShownAndDirect(page) {
  return page.evaluate(() => {
    const el = document.querySelector("journey-map");
    const root = el.shadowRoot;
    const shown = root.querySelector('[data-figure="remembered"] .jg-value').textContent + root.querySelector('[data-figure="remembered"] .jg-hw').textContent;
    const s = el.journey.simulate({ customers: 10000, seed: 1 }).remembered;
    const direct = `${s.mean >= 0 ? "+" : "\u2212"}${Math.abs(s.mean).toFixed(2)} ±${s.halfWidth.toFixed(s.halfWidth < 0.01 ? 3 : 2)} (simulated, 95%)`;
    return { shown, direct };
  });
}

/** Drags the emotion slider with the mouse over `steps` positions; returns the values it took. */
async function dragEmotion(page, editor, steps) {
  const slider = editor.locator('[part=inspector] input[type=range][data-key="emotion"]');
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 4, y);
  await page.mouse.down();
  const seen = [];
  for (let k = 0; k <= steps; k++) {
    await page.mouse.move(box.x + 4 + ((box.width - 8) * k) / steps, y);
    seen.push(await slider.inputValue());
  }
  await page.mouse.up();
  return seen;
}

/** Starts recording long tasks (over 50 ms) and the worker's answers. */
function watch(page) {
  return page.evaluate(async () => {
    const { stats } = await import("/pkg/element/engine/client.js");
    window.__watch = { long: [], answered: stats.simulations };
    window.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__watch.long.push(Math.round(e.duration));
    });
    window.__observer.observe({ type: "longtask" });
  });
}

/** Stops recording: {long: [durations], answered: simulations the worker answered meanwhile}. */
function stopWatching(page) {
  return page.evaluate(async () => {
    const { stats } = await import("/pkg/element/engine/client.js");
    for (const e of window.__observer.takeRecords()) window.__watch.long.push(Math.round(e.duration));
    window.__observer.disconnect();
    return { long: window.__watch.long, answered: stats.simulations - window.__watch.answered };
  });
}

/**
 * Runs `fn` with Chromium tracing the page's main thread; resolves to
 * {tasks: [{wall, cpu}] in ms for every task of the renderer's main thread
 * meanwhile (cpu: the thread's own time in it), result: what fn gave}.
 */
async function mainThreadTasks(cdp, fn) {
  const events = [];
  const collect = (e) => events.push(...e.value);
  cdp.on("Tracing.dataCollected", collect);
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: "disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
  let result;
  try {
    result = await fn();
  } finally {
    await cdp.send("Tracing.end");
    await complete;
    cdp.off("Tracing.dataCollected", collect);
  }
  const main = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const tasks = events
    .filter((e) => e.name === "RunTask" && e.ph === "X" && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 }));
  assert.ok(tasks.length > 0, "the trace has the main thread's tasks");
  return { tasks, result };
}

/**
 * A drag as the page sees one: `steps` input events on the emotion slider,
 * one a frame (each in its own task, as a pointer's are), then a change.
 * Returns the values set.
 */
function dragByFrames(page, steps, from = -0.95, to = 0.95) {
  return page.evaluate(async ([steps, from, to]) => {
    const slider = document.querySelector("journey-map").shadowRoot.querySelector('.jg-inspector input[type=range][data-key="emotion"]');
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const values = [];
    for (let i = 0; i < steps; i++) {
      const v = Math.round((from + ((to - from) * i) / (steps - 1)) * 100) / 100;
      slider.value = String(v);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      values.push(slider.value);
      await frame();
    }
    slider.dispatchEvent(new Event("change", { bubbles: true }));
    return values;
  }, [steps, from, to]);
}

test("a slider drag on a heavy-loop journey makes no long task, and the figures end as the final state's", { timeout: 180000 }, async () => {
  const { page, problems, editor, map } = await openJourney(HEAVY);
  await simulated(editor); // the first figures, before the drag is watched
  await map.locator('g.jg-card[data-id="t40"]').click();
  await simulated(editor);
  // A first drag warms the editor's code up (as the benchmarks' warm-up run does): the
  // measured drag is the editor in use, not V8 compiling the map's update on the first steps.
  await dragByFrames(page, 10, 0.9, -0.9);
  await simulated(editor);
  await watch(page);
  const steps = 30;
  const seen = await dragByFrames(page, steps);
  assert.equal(new Set(seen).size, steps, `the drag moved the slider: ${seen.join(" ")}`);
  // While the worker simulates, the bar says so in words.
  assert.equal(await editor.locator("[part=figures]").getAttribute("data-simulation"), "pending");
  assert.equal(await editor.locator('[part=figures] [data-figure="remembered"] .jg-value').textContent(), "Simulating\u2026");
  assert.equal(await editor.locator("[part=figures]").getAttribute("aria-busy"), "true");
  await simulated(editor);
  const { long, answered } = await stopWatching(page);
  assert.deepEqual(long, [], `no task over 50 ms on the main thread during the drag: ${long.join(", ")} ms`);
  // A run takes about 12 million moments (some 250 ms in the worker); a step
  // came every frame: a newer step replaced the older run, unanswered.
  assert.ok(answered >= 1 && answered <= steps / 3, `${answered} runs answered for ${steps + 1} steps`);
  const { shown, direct } = await rememberedShownAndDirect(page);
  assert.equal(shown, direct, "the figures bar shows the simulation of the journey as it now is");
  assert.equal(await editor.locator("[part=figures] .jg-figures-note").count(), 0, "a full run: no note");
  assert.equal(await editor.locator("[part=figures] .jg-pending").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a slider drag at 1,000 touchpoints makes no task over 50 ms, and ends on the figures of the final state", { timeout: 300000 }, async (t) => {
  const diagnostic = (text) => t.diagnostic(text);
  const quiet = loadavg()[0] < cpus().length;
  // The map of 1,000 cards is what a step used to cost (40 ms of handler, 30 ms of frame, long
  // tasks of 100-200 ms): a step now draws only what it changes (journey-map.js #drawLive, map.js
  // cullMap). The bound is the target's own 50 ms, on the thread's time of every task of the drag
  // (the page's own work: the element before this change took up to 64-116 ms of it, and 24-37
  // tasks of 90 steps over 50 ms; now about 35 ms at the longest). The wall clock adds whatever
  // else the machine runs: its two cores are shared, and at load average 7 a 20 ms handler is
  // reported at 100-200 ms. So the PerformanceObserver's long tasks are asserted (none, in one
  // drag of up to three) only when the load average is below the number of cores, and reported
  // otherwise.
  const { page, problems, editor, map } = await openJourney(null);
  await page.evaluate((text) => {
    document.querySelector("journey-map").journey = text;
  }, referenceJSON(1000, 1));
  await editor.locator("svg.jg-map g.jg-card").nth(999).waitFor({ state: "attached" });
  await map.locator('g.jg-card[data-id="t500"]').click();
  await editor.locator('[part=inspector] input[type=range][data-key="emotion"]').waitFor();
  const emotion = () => page.evaluate(() => document.querySelector("journey-map").journey.toObject().touchpoints.find((t) => t.id === "t500").emotion ?? 0);
  await dragByFrames(page, 10, 0.9, -0.9); // warm-up, as in the heavy-loop test
  await simulated(editor);
  const attempts = [];
  let before = null;
  const cdp = await page.context().newCDPSession(page);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.waitForTimeout(300); // the map's background drawing, out of the way
    before = await emotion();
    await watch(page);
    const { tasks, result: seen } = await mainThreadTasks(cdp, () => dragByFrames(page, 30, attempt % 2 ? 0.95 : -0.95, attempt % 2 ? -0.95 : 0.95));
    assert.equal(new Set(seen).size, 30, `the drag moved the slider: ${seen.join(" ")}`);
    await simulated(editor);
    const { long } = await stopWatching(page);
    const cpu = Math.round(Math.max(...tasks.map((t) => t.cpu)));
    attempts.push({ long, cpu });
    diagnostic(`drag ${attempt + 1}: ${tasks.length} main-thread tasks, the longest ${cpu} ms of the thread's time; long tasks (wall clock, over 50 ms): [${long.join(", ")}]`);
    if (!long.length || !quiet) break;
  }
  // The page's own work: no task of the drag kept the main thread busy for more than 50 ms.
  // (The thread's time, from the trace, is what the page does; the wall clock adds whatever else
  // the machine runs meanwhile.)
  for (const { cpu } of attempts) assert.ok(cpu <= 50, `a task of the drag took ${cpu} ms of the main thread`);
  // And as the PerformanceObserver sees it, on the wall clock: when the machine is not busy
  // with other work, one drag of up to three with no long task at all.
  if (quiet) {
    assert.ok(attempts.some(({ long }) => long.length === 0), `no task over 50 ms during one of ${attempts.length} drags: ${attempts.map(({ long }) => `[${long.join(", ")} ms]`).join(" ")}`);
  } else {
    diagnostic(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores: the wall-clock long tasks are reported, not asserted`);
  }
  // The figures are those of the journey as it is now, exact and simulated.
  const figures = await page.evaluate(() => {
    const el = document.querySelector("journey-map");
    const a = el.journey.analyze({ touchpoints: false });
    const value = (key) => el.shadowRoot.querySelector(`[data-figure="${key}"] .jg-value`).textContent;
    const pct = (x) => `${(100 * x).toFixed(1)}%`;
    return [[value("success"), pct(a.success)], [value("dropout"), pct(a.dropout)], [value("service"), pct(a.serviceShare)]];
  });
  for (const [shown, direct] of figures) assert.equal(shown, direct);
  const { shown, direct } = await rememberedShownAndDirect(page);
  assert.equal(shown, direct, "the figures bar shows the simulation of the journey as it now is");
  // The card, its curve point and the inspector say the final emotion.
  const after = await emotion();
  const state = await page.evaluate(async () => {
    const { describe } = await import("/pkg/element/map/emotion.js");
    const el = document.querySelector("journey-map");
    const root = el.shadowRoot;
    const card = el.journey.layout().cards.find((c) => c.id === "t500");
    return {
      label: root.querySelector('g.jg-card[data-id="t500"]').getAttribute("aria-label"),
      point: root.querySelector('.jg-curve-point[data-id="t500"] title').textContent,
      slider: root.querySelector('[part=inspector] input[type=range][data-key="emotion"]').value,
      expected: { emotion: `emotion ${describe(card.emotion)}`, point: `${card.name}: felt ${describe(card.felt)}` },
    };
  });
  assert.equal(Number(state.slider), after);
  assert.ok(state.label.includes(state.expected.emotion), `${state.label} says ${state.expected.emotion}`);
  assert.equal(state.point, state.expected.point);
  // One drag, one undo step.
  assert.equal(await page.evaluate(() => document.querySelector("journey-map").undo()), true);
  assert.equal(await emotion(), before, "one undo takes the whole drag back");
  assert.equal(await page.evaluate(() => document.querySelector("journey-map").redo()), true);
  assert.equal(await emotion(), after);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a drag with the mouse ends on the simulated figures of the final state", { timeout: 180000 }, async () => {
  const { page, problems, editor, map } = await openJourney(HEAVY);
  await map.locator('g.jg-card[data-id="t120"]').click();
  await simulated(editor);
  await watch(page);
  const seen = await dragEmotion(page, editor, 16);
  assert.ok(new Set(seen).size > 8, `the drag moved the slider: ${seen.join(" ")}`);
  await simulated(editor);
  const { answered } = await stopWatching(page);
  assert.ok(answered < 17, `${answered} runs answered for 17 steps`);
  const { shown, direct } = await rememberedShownAndDirect(page);
  assert.equal(shown, direct);
  assert.deepEqual(problems, []);
  await page.close();
});

// The worker runs the module the page compiled (client.js hands it over,
// pkg-patch's compiledModule()): the wasm is fetched once in all, not once
// more by the worker, which on a slow line would have doubled what the
// start downloads.
test("the figures worker runs the page's compiled wasm: the wasm is fetched once, and the simulated figures come", { timeout: 120000 }, async () => {
  const { page, problems } = await openPage(env.browser, { width: 1280, height: 900 });
  const wasm = [];
  page.context().on("request", (req) => {
    if (new URL(req.url()).pathname.endsWith(".wasm")) wasm.push(req.url());
  });
  await page.goto(env.url);
  const editor = page.locator("journey-map");
  await page.waitForSelector("body[data-state=ready] journey-map[data-state=ready] svg.jg-map", { timeout: 15000 });
  // A journey whose simulation runs in the worker.
  await page.evaluate((json) => { document.querySelector("journey-map").journey = json; }, HEAVY);
  await simulated(editor);
  const stats = await page.evaluate(async () => ({ ...(await import("/pkg/element/engine/client.js")).stats }));
  assert.ok(stats.workers >= 1 && stats.simulations >= 1, `the worker answered (${JSON.stringify(stats)})`);
  assert.equal(wasm.length, 1, `the wasm was fetched once: ${wasm.join(" ")}`);
  assert.equal(stats.modulesHanded, stats.workers, "every worker was handed the page's module");
  const { shown, direct } = await rememberedShownAndDirect(page);
  assert.equal(shown, direct, "the worker's figures are the engine's");
  assert.deepEqual(problems, []);
  await page.close();
});

test("each answer is the newest step's: quick edits in a row end on the last one's figures", { timeout: 120000 }, async () => {
  const { page, problems, editor, map } = await openJourney(HEAVY);
  await simulated(editor);
  await map.locator('g.jg-card[data-id="t10"]').click();
  await watch(page);
  // Five edits in one task each, no waiting: only the last is answered.
  await page.evaluate(() => {
    const el = document.querySelector("journey-map");
    for (const emotion of [-0.9, -0.5, 0, 0.5, 0.9]) {
      const tp = el.journey.toObject().touchpoints.find((t) => t.id === "t10");
      el.edit({ op: "updateTouchpoint", touchpoint: { ...tp, emotion } });
    }
  });
  await simulated(editor);
  const { answered } = await stopWatching(page);
  assert.equal(answered, 1, "one answer for five requests in a row");
  const { shown, direct } = await rememberedShownAndDirect(page);
  assert.equal(shown, direct);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a journey that is one large loop gets its exact figures from the worker too", { timeout: 120000 }, async () => {
  // 150 touchpoints that all reach each other (a ring with chords): past EXACT_LOOP, so even its
  // exact figures are computed in the worker; the bar says "Calculating…" until they come.
  const n = 150;
  const touchpoints = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, name: `T${i}`, stage: `s${Math.floor(i / 10)}`, emotion: ((i * 7) % 11 - 5) / 5, dropout: 0.02, ...(i === 0 ? { entry: 1 } : {}), ...(i === n - 1 ? { goal: true } : {}) }));
  const transitions = [];
  for (let i = 0; i < n; i++) {
    transitions.push({ from: `t${i}`, to: `t${(i + 1) % n}`, weight: 3 });
    const j = (i * 7 + 13) % n;
    if (j !== i && j !== (i + 1) % n) transitions.push({ from: `t${i}`, to: `t${j}` });
  }
  const stages = Array.from({ length: n / 10 }, (_, k) => ({ id: `s${k}`, name: `Stage ${k + 1}` }));
  const { page, problems, editor } = await openJourney(JSON.stringify({ format: "journeygraph", version: 1, title: "One loop", stages, touchpoints, transitions }));
  assert.equal(await editor.locator("[part=figures]").getAttribute("data-exact"), "pending");
  assert.equal(await editor.locator('[part=figures] [data-figure="success"] .jg-value').textContent(), "Calculating\u2026");
  await simulated(editor);
  const check = await page.evaluate(() => {
    const el = document.querySelector("journey-map");
    const a = el.journey.analyze({ touchpoints: false });
    const value = (key) => el.shadowRoot.querySelector(`[data-figure="${key}"] .jg-value`).textContent;
    return { success: [value("success"), `${(100 * a.success).toFixed(1)}%`], dropout: [value("dropout"), `${(100 * a.dropout).toFixed(1)}%`] };
  });
  assert.equal(check.success[0], check.success[1]);
  assert.equal(check.dropout[0], check.dropout[1]);
  const { shown, direct } = await rememberedShownAndDirect(page);
  assert.equal(shown, direct);
  assert.deepEqual(problems, []);
  await page.close();
});

test("present mode takes the same path: the wall says Simulating… and then shows the what-if's simulated figures", { timeout: 120000 }, async () => {
  const { page, problems, editor } = await openJourney(HEAVY);
  await simulated(editor);
  await page.evaluate(() => document.querySelector("journey-map").setAttribute("mode", "present"));
  await editor.locator('.jgp-figures[data-simulation="done"]').waitFor({ timeout: 60000 });
  await editor.locator('.jgp-map g.jg-card[data-id="t5"]').click();
  const slider = editor.locator(".jgp-editor input[type=range]");
  await slider.waitFor();
  // Every state the wall's figures go through, and what the remembered cell said while pending.
  await page.evaluate(() => {
    const dl = document.querySelector("journey-map").shadowRoot.querySelector(".jgp-figures");
    window.__wall = [];
    new MutationObserver(() => {
      const cell = dl.querySelector('[data-figure="remembered"] .jg-value')?.textContent;
      window.__wall.push(`${dl.dataset.simulation}:${cell}`);
    }).observe(dl, { attributes: true, childList: true });
  });
  for (let k = 0; k < 2; k += 1) await page.keyboard.press("ArrowRight"); // on the slider: t5's emotion 0.3 → 0.4
  assert.equal(Number(await slider.inputValue()), 0.4);
  await page.waitForFunction(() => window.__wall.some((s) => s.startsWith("pending")) && window.__wall.at(-1).startsWith("done"), null, { timeout: 60000 });
  const states = await page.evaluate(() => window.__wall);
  assert.ok(states.includes("pending:Simulating\u2026"), states.join(" "));
  const { shown, direct } = await page.evaluate(() => {
    const el = document.querySelector("journey-map");
    const what = el.journey.withScenario({ id: "check", changes: [{ touchpoint: "t5", emotion: 0.4 }] });
    const s = what.simulate({ customers: 10000, seed: 1 }).remembered;
    what.free();
    return {
      shown: el.shadowRoot.querySelector('.jgp-figures [data-figure="remembered"] .jg-value').textContent,
      direct: `${s.mean >= 0 ? "+" : "\u2212"}${Math.abs(s.mean).toFixed(2)}`,
    };
  });
  assert.equal(shown, direct, "the wall shows the what-if's simulation");
  assert.deepEqual(problems, []);
  await page.close();
});

test("without a Worker, a budgeted run on the page says how many customers it simulated", { timeout: 120000 }, async () => {
  const { page, problems, editor } = await openJourney(HEAVY, { noWorker: true });
  await simulated(editor, "cut");
  const note = await editor.locator("[part=figures] .jg-figures-note").textContent();
  const m = /^Simulated ([\d,]+) of 10,000 customers/.exec(note);
  assert.ok(m, note);
  const customers = Number(m[1].replace(/,/g, ""));
  assert.ok(customers > 0 && customers < 10000, note);
  // The figures shown are those of exactly that many customers.
  const ok = await page.evaluate((customers) => {
    const el = document.querySelector("journey-map");
    const s = el.journey.simulate({ customers, seed: 1 });
    const shown = el.shadowRoot.querySelector('[data-figure="satisfied"] .jg-value').textContent;
    return { shown, expected: `${(100 * s.satisfied).toFixed(1)}%` };
  }, customers);
  assert.equal(ok.shown, ok.expected);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a real trap costs nothing: the engine restarts and the last good journey is open again", { timeout: 120000 }, async () => {
  const { page, problems, editor, map } = await openJourney(HEAVY);
  await simulated(editor);
  // A good edit: the journey to come back to.
  await page.evaluate(() => document.querySelector("journey-map").edit({ op: "setTitle", title: "Kept through a trap" }));
  const good = await page.evaluate(() => document.querySelector("journey-map").journey.toJSON());
  await page.evaluate(() => {
    window.__errors = [];
    document.addEventListener("journey-error", (e) => window.__errors.push({ code: e.detail.error.code, message: e.detail.error.message }));
  });
  // Overwrite the wasm memory (init() hands the instance's exports to any page): the next call traps.
  await page.evaluate(async () => {
    const { default: init } = await import("/pkg/journeygraph.js");
    const exports = await init();
    new Uint8Array(exports.memory.buffer).fill(0xab);
  });
  await map.locator('g.jg-card[data-id="t5"]').click(); // any use of the journey now traps
  await editor.locator("[part=error]", { hasText: "restarted" }).waitFor({ timeout: 15000 });
  const message = await editor.locator("[part=error]").textContent();
  assert.match(message, /journey engine stopped on an internal error and was restarted/);
  assert.match(message, /as it was after your last change/);
  const errors = await page.evaluate(() => window.__errors);
  assert.ok(errors.some((e) => e.code === "engine_restarted"), JSON.stringify(errors));
  assert.equal(await page.evaluate(() => document.querySelector("journey-map").journey.toJSON()), good, "the last good journey, exactly");
  assert.equal(await editor.locator("[part=title]").textContent(), "Kept through a trap");
  assert.equal(await map.locator("g.jg-card").count(), 200);
  // It works again: an edit, its figures, undo.
  assert.equal(await page.evaluate(() => document.querySelector("journey-map").edit({ op: "setTitle", title: "After the trap" })), true);
  assert.equal(await editor.locator("[part=title]").textContent(), "After the trap");
  await simulated(editor);
  const { shown, direct } = await rememberedShownAndDirect(page);
  assert.equal(shown, direct);
  assert.equal(await page.evaluate(() => document.querySelector("journey-map").undo()), true);
  assert.equal(await editor.locator("[part=title]").textContent(), "Kept through a trap");
  // The trap itself is reported on the console by the browser as an uncaught error only if nothing caught it.
  assert.deepEqual(problems.filter((p) => !/RuntimeError|memory access out of bounds|unreachable/.test(p)), []);
  await page.close();
});
