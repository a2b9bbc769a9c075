// The figures of a journey without making the page wait (SPEC section 6,
// "the page never waits"): the exact figures at once when they are cheap,
// the simulation at once when it is, and everything else in a module
// worker (worker.js) that answers only the newest request of each channel
// (a figures bar is a channel: a newer edit or slider step replaces the
// run of the older one).
//
//   const now = requestFigures(channel, journey, { json, file, delta }, (later) => draw(later));
//   // now, later: { analysis, opportunities, simulation, problem, pending: { exact, simulation } }
//
// Where no worker can run (a sandboxed frame, a bundler that left the
// worker file behind), the simulation runs on the page within a small
// budget instead, and says how many customers it simulated.
//
// The same worker takes the other large analyses (requestTask below: the
// attribution table of a costly journey, reading and fitting a paths
// file), with the same rule: only the newest request of a channel is
// answered.

import { Journey, compiledModule } from "../../journeygraph.js";
import { revive } from "./errors.js";
import { exactOnPageFor } from "./shape.js";

/** Customers simulated for a figures bar: ±1% half-widths. */
export const SIMULATED_CUSTOMERS = 10000;
export const SEED = 1;
/**
 * A simulation expected (expectedTouchpoints × customers) to take at most
 * this many moments runs on the page at once: about 4 ms at the engine's
 * 50 M moments a second. It runs with a cap of CAP_FACTOR times that; a
 * run that reaches it goes to the worker.
 */
export const PAGE_MOMENTS = 200_000;
const CAP_FACTOR = 2;
/** Without a worker: the budget of a simulation on the page (about 10 ms). */
export const FALLBACK_MOMENTS = 500_000;
/** Results kept for journeys seen again (undo, What-if's baseline, a slider back where it was). */
const CACHE = 16;
/** Workers started again after a trap, at most, before the page simulates on its own. */
const RESTARTS = 3;

let worker = null;
/** "none" | "starting" | "ready" | "unavailable" */
let state = "none";
let restarts = 0;
let seq = 0;
/** channel → the newest request (what its answers are checked against). */
const newest = new Map();
/** channel → the newest task request (requestTask: attribution, a paths file). */
const tasks = new Map();
const cache = new Map();
/**
 * What happened, for benchmarks and tests: simulations the worker answered
 * (a run replaced by a newer request on its channel is never answered),
 * answers dropped here (their channel had a newer request by then),
 * workers started (and how many were handed the page's compiled wasm),
 * and simulations run on the page without a worker.
 */
export const stats = { simulations: 0, dropped: 0, workers: 0, modulesHanded: 0, fallbacks: 0, tasks: 0, taskFallbacks: 0 };

function remember(key, figures) {
  cache.delete(key);
  cache.set(key, figures);
  while (cache.size > CACHE) cache.delete(cache.keys().next().value);
}

function spawn() {
  try {
    // Written out in full so that Vite and webpack bundle the worker too.
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch {
    worker = null;
    state = "unavailable";
    return;
  }
  stats.workers += 1;
  state = "starting";
  // The page's compiled wasm, so the worker neither fetches nor compiles it
  // again (null where the page has not loaded it, or cannot pass it on: the
  // worker then loads its own).
  let module = compiledModule() ?? null;
  try {
    worker.postMessage({ kind: "engine", module });
  } catch {
    module = null;
    worker.postMessage({ kind: "engine", module });
  }
  if (module) stats.modulesHanded += 1;
  const me = worker;
  me.onmessage = ({ data }) => me === worker && receive(data);
  me.onerror = (event) => {
    event.preventDefault?.();
    if (me === worker) unavailable();
  };
}

/** The worker cannot run here: every request waiting is answered on the page. */
function unavailable() {
  worker?.terminate();
  worker = null;
  state = "unavailable";
  for (const request of newest.values()) if (request.pending) fallback(request);
  for (const request of tasks.values()) taskOnPage(request);
}

/** A wasm call trapped in the worker: a new worker, the newest requests again. */
function restart() {
  worker?.terminate();
  worker = null;
  if (++restarts > RESTARTS) return unavailable();
  spawn();
  for (const request of newest.values()) if (request.pending) send(request);
  for (const request of tasks.values()) sendTask(request);
}

function send(request) {
  if (state === "none") spawn();
  if (state === "unavailable" || !worker) return fallback(request);
  const { id, channel, json, exact, delta } = request;
  worker.postMessage({ kind: "figures", id, channel, json, exact, delta: exact ? delta : null, customers: SIMULATED_CUSTOMERS, seed: SEED });
}

function receive(data) {
  if (data.kind === "ready") {
    state = "ready";
    return;
  }
  if (data.kind === "broken") return unavailable();
  if (data.kind === "trap") return restart();
  if (data.kind === "task" || data.kind === "progress") return taskAnswered(data);
  if (data.kind === "simulation") stats.simulations += 1;
  const request = newest.get(data.channel);
  if (!request || request.id !== data.id) {
    stats.dropped += 1;
    return;
  }
  const f = request.figures;
  if (data.error) {
    const error = revive(data.error);
    if (data.kind === "exact") f.problem = error;
    else f.simulationProblem = error;
    f.pending = { exact: false, simulation: false };
  } else if (data.kind === "exact") {
    f.analysis = data.analysis;
    f.opportunities = data.opportunities;
    f.pending = { ...f.pending, exact: false };
  } else {
    f.simulation = data.simulation;
    f.pending = { exact: false, simulation: false };
  }
  finish(request);
}

/** Hands the request's figures (a copy) to its callback; keeps finished ones. */
function finish(request) {
  const f = request.figures;
  request.pending = f.pending.exact || f.pending.simulation;
  if (!request.pending && !f.problem && !f.simulationProblem) remember(request.key, f);
  request.update({ ...f });
}

/** Without a worker: the figures on the page, from the JSON (the Journey may be freed by now). */
function fallback(request) {
  stats.fallbacks += 1;
  let j = null;
  const f = request.figures;
  try {
    j = Journey.fromJSON(request.json);
    if (f.pending.exact) {
      f.analysis = j.analyze();
      f.opportunities = request.delta === null ? null : j.opportunities({ delta: request.delta });
    }
    f.simulation = j.simulate({ customers: SIMULATED_CUSTOMERS, seed: SEED, maxMoments: FALLBACK_MOMENTS });
  } catch (error) {
    if (f.pending.exact) f.problem = error;
    else f.simulationProblem = error;
  } finally {
    j?.free();
  }
  f.pending = { exact: false, simulation: false };
  // Asynchronously, as the worker would have answered.
  queueMicrotask(() => newest.get(request.channel) === request && finish(request));
}

/**
 * The figures of `journey` for `channel` (one string per figures bar).
 * Returns what is known now: { analysis, opportunities, simulation,
 * problem (stops every figure), simulationProblem, pending: {exact,
 * simulation} }. When something is pending, `update(figures)` is called
 * once it is all known, unless a newer request on the channel came first.
 * `json` is journey.toJSON() (when the caller has it already), `file`
 * journey.toObject() (its shape decides where the exact figures are
 * computed: shape.js), `delta` the opportunities' emotion rise (null: no
 * opportunities).
 */
export function requestFigures(channel, journey, { json = null, file = null, delta = null } = {}, update = () => {}) {
  const text = json ?? journey.toJSON();
  const key = `${delta}|${text}`;
  const id = ++seq;
  const hit = cache.get(key);
  if (hit) {
    newest.set(channel, { id, channel, pending: false });
    remember(key, hit);
    return { ...hit };
  }
  const figures = { analysis: null, opportunities: null, simulation: null, problem: null, simulationProblem: null, pending: { exact: true, simulation: true } };
  const request = { id, channel, key, json: text, delta, exact: !exactOnPageFor(text, () => file ?? journey.toObject()), figures, update, pending: true };
  newest.set(channel, request);
  if (!request.exact) {
    try {
      figures.analysis = journey.analyze();
      figures.opportunities = delta === null ? null : journey.opportunities({ delta });
      figures.pending.exact = false;
    } catch (error) {
      figures.problem = error;
      figures.pending = { exact: false, simulation: false };
      request.pending = false;
      return { ...figures };
    }
    const expected = figures.analysis.expectedTouchpoints * SIMULATED_CUSTOMERS;
    if (expected <= PAGE_MOMENTS) {
      const s = journey.simulate({ customers: SIMULATED_CUSTOMERS, seed: SEED, maxMoments: CAP_FACTOR * PAGE_MOMENTS });
      if (!s.budgetExhausted) {
        figures.simulation = s;
        figures.pending.simulation = false;
        request.pending = false;
        remember(key, figures);
        return { ...figures };
      }
    }
  }
  send(request);
  return { ...figures, pending: { ...figures.pending } };
}

/**
 * A large analysis in the worker, so that the page does not wait for it:
 * `task` is "attribution" ({json}) or "paths" ({file, options, title});
 * see worker.js for what each answers. `done(error, result)` is called
 * once (asynchronously) unless a newer request on `channel` (or
 * cancelTask) came first; `progress(fraction)` as a paths file is read.
 * Where no worker can run, `onPage()` computes the same result on the page
 * (it may return a promise). The caller decides, by the predicted cost,
 * whether a request is worth the worker at all.
 */
export function requestTask(channel, task, payload, done, { onPage, progress = () => {} } = {}) {
  const request = { id: ++seq, channel, task, payload, done, onPage, progress };
  tasks.set(channel, request);
  sendTask(request);
  return request.id;
}

/** Stops the task of `channel`: its answer, if any comes, is dropped (a paths file stops being read). */
export function cancelTask(channel) {
  // Nothing asked on this channel: no message (a hidden table is "cancelled" at every slider step).
  if (!tasks.delete(channel)) return;
  worker?.postMessage({ kind: "cancel", channel });
}

function sendTask(request) {
  if (state === "none") spawn();
  if (state === "unavailable" || !worker) return taskOnPage(request);
  stats.tasks += 1;
  worker.postMessage({ kind: "task", id: request.id, channel: request.channel, task: request.task, ...request.payload });
  return undefined;
}

function taskAnswered(data) {
  const request = tasks.get(data.channel);
  if (!request || request.id !== data.id) {
    stats.dropped += 1;
    return;
  }
  if (data.kind === "progress") {
    request.progress(data.fraction);
    return;
  }
  tasks.delete(data.channel);
  if (data.error) request.done(revive(data.error), null);
  else request.done(null, data.result);
}

/** Without a worker: the task on the page, answered asynchronously as the worker would. */
function taskOnPage(request) {
  stats.taskFallbacks += 1;
  const current = () => tasks.get(request.channel) === request;
  Promise.resolve()
    .then(() => (current() ? request.onPage?.() : undefined))
    .then(
      (result) => {
        if (!current()) return;
        tasks.delete(request.channel);
        if (result === undefined) request.done(Object.assign(new Error("This can only be computed in a worker."), { code: "internal", path: "" }), null);
        else request.done(null, result);
      },
      (error) => {
        if (!current()) return;
        tasks.delete(request.channel);
        request.done(error, null);
      },
    );
}

/** Forgets a channel (its element is gone): answers still on their way are dropped. */
export function releaseChannel(channel) {
  newest.delete(channel);
  if (tasks.has(channel)) cancelTask(channel);
}

/** Counts resetWorker() calls: figures asked for before one will never come. */
export let generation = 0;

/** The worker is started again on the next request (after the page's engine was replaced). */
export function resetWorker() {
  generation += 1;
  newest.clear();
  // Tasks under way are asked again of the new worker (their JSON and File are still good).
  const waiting = [...tasks.values()];
  worker?.terminate();
  worker = null;
  state = "none";
  restarts = 0;
  cache.clear();
  for (const request of waiting) sendTask(request);
}

/** A fresh channel name. */
let channels = 0;
export function newChannel(what) {
  channels += 1;
  return `${what}-${channels}`;
}
