// The figures' worker (a module worker; client.js starts it): the page
// never waits on the engine. It runs the same wasm as the page: the module
// the page compiled, handed over in its first message
//
//   { kind: "engine", module }   (a WebAssembly.Module, or null: then it
//                                fetches its own, as journeygraph.js finds
//                                journeygraph_bg.wasm beside itself, or the
//                                bundler does)
//
// and for each request
//
//   { kind: "figures", id, channel, json, customers, seed, exact, delta }
//
// runs the exact figures (when `exact`: large journeys; small ones are
// computed on the page) and then the simulation in pieces of about
// SLICE_MS, yielding between pieces, so a newer request on the same
// channel (a newer edit, the next slider step) replaces an older one
// before it ends: only the newest request of a channel is answered.
// Answers:
//
//   { kind: "exact", id, channel, analysis, opportunities } | { ..., error }
//   { kind: "simulation", id, channel, simulation } | { ..., error }
//
// and the large analyses the page must not wait for either, one task at a
// time between the figures' pieces (a task is one engine call; a newer
// request on its channel, or { kind: "cancel", channel }, makes an older
// one's answer never sent, and a paths file stops being read):
//
//   { kind: "task", id, channel, task: "attribution", json }
//       -> { kind: "task", id, channel, result: { rows, observed, success } }
//   { kind: "task", id, channel, task: "paths", file, options, title }
//       (a File, read here in pieces into a PathsReader, then fitted)
//       -> { kind: "progress", id, channel, fraction } while reading, then
//          { kind: "task", id, channel, result: { summary, bytes, names, stages } }
//          (bytes: the fitted journey's text as UTF-8, transferred)
//   either -> { kind: "task", id, channel, error } (a coded error: code, path, line, column)
//
//   { kind: "ready" } once, { kind: "broken", message } if the engine cannot load,
//   { kind: "trap", message } if a wasm call trapped (the page then starts a new worker).

import init, { Journey, Simulator, PathsReader } from "../../journeygraph.js";
import { isTrap, plainError } from "./errors.js";

/** A piece of simulation takes about this long, so a newer request waits at most that. */
const SLICE_MS = 5;
/**
 * A request starts this long after it came, unless a newer one on its
 * channel came meanwhile: during a slider drag (a step a frame) the worker
 * then waits instead of running stale runs on a core the page needs.
 */
const SETTLE_MS = 50;
/** The most moments (customer-steps) one simulation may take: about half a second here. */
export const WORKER_BUDGET = 20_000_000;

/** channel → the job of its newest request. */
const jobs = new Map();

/**
 * The journeys the worker keeps open, newest last, a few at most: a newer
 * request's text replaces the journey of its channel (replaceFromJSON), so
 * when an edit changed only what customers feel (a page rated, an emotion
 * dragged) its figures reuse the solve instead of solving again.
 */
const kept = new Map();
const KEPT = 4;

/** The journey of `key` with `json`, opened anew or replaced in place. */
function open(key, json) {
  const journey = kept.get(key);
  if (journey) {
    journey.replaceFromJSON(json); // throws and changes nothing for a bad file
    kept.delete(key);
    kept.set(key, journey);
    return journey;
  }
  const fresh = Journey.fromJSON(json);
  kept.set(key, fresh);
  while (kept.size > KEPT) {
    const [oldest, j] = kept.entries().next().value;
    kept.delete(oldest);
    j.free();
  }
  return fresh;
}
/** Moments a piece, adapted to take about SLICE_MS. */
let slice = 50_000;
let loaded = false;
let dead = false;

const tick = new MessageChannel();
let scheduled = false;
tick.port1.onmessage = () => {
  scheduled = false;
  step();
};
/** Runs step() in a new task, after any message waiting (unlike setTimeout, never clamped). */
function schedule() {
  if (!scheduled && !dead && loaded && jobs.size) {
    scheduled = true;
    tick.port2.postMessage(null);
  }
}

self.onmessage = ({ data }) => {
  if (dead) return;
  // The first message says how to load the engine: the page's compiled
  // module (client.js), or null to fetch and compile it here.
  if (data?.kind === "engine") return load(data.module);
  load(null);
  if (data?.kind === "task" || data?.kind === "cancel") return queueTask(data);
  if (data?.kind !== "figures") return;
  drop(jobs.get(data.channel));
  jobs.set(data.channel, { request: data, journey: null, sim: null, spent: 0, exactDone: !data.exact, start: performance.now() + SETTLE_MS });
  schedule();
};

function drop(job) {
  if (!job) return;
  try {
    job.sim?.free(); // its journey stays open in `kept`
  } catch {
    // A trapped instance: the page replaces the worker anyway.
  }
}

/** The job to run a piece of now (round robin over the channels), or null while every one waits to settle. */
function next() {
  const now = performance.now();
  for (const [channel, job] of jobs) {
    if (job.start > now) continue;
    jobs.delete(channel);
    jobs.set(channel, job); // to the back of the queue
    return job;
  }
  return null;
}

let waiting = 0;
/** Comes back when the first job waiting to settle may start. */
function wait() {
  clearTimeout(waiting);
  const first = Math.min(...[...jobs.values()].map((j) => j.start));
  waiting = setTimeout(schedule, Math.max(1, first - performance.now()));
}

function post(job, message) {
  const { id, channel } = job.request;
  self.postMessage({ ...message, id, channel });
}

/** One piece of work of one job. */
function step() {
  if (!jobs.size) return undefined;
  const job = next();
  if (!job) return wait();
  const r = job.request;
  let phase = "exact";
  try {
    job.journey ??= open(`figures ${r.channel}`, r.json);
    if (!job.exactDone) {
      const analysis = job.journey.analyze();
      const opportunities = r.delta === null || r.delta === undefined ? null : job.journey.opportunities({ delta: r.delta });
      job.exactDone = true;
      post(job, { kind: "exact", analysis, opportunities });
      return schedule();
    }
    phase = "simulation";
    job.sim ??= new Simulator(job.journey, { customers: r.customers, seed: r.seed });
    const n = Math.max(1, Math.min(slice, WORKER_BUDGET - job.spent));
    const t0 = performance.now();
    const done = job.sim.run(n);
    const dt = performance.now() - t0;
    job.spent += n;
    // Aim at SLICE_MS a piece; a piece cut short (the run ended) says nothing.
    if (!done && dt > 0.2) slice = Math.round(Math.min(20_000_000, Math.max(2_000, slice * Math.min(4, Math.max(0.25, SLICE_MS / dt)))));
    if (done || job.spent >= WORKER_BUDGET) {
      const simulation = job.sim.result();
      jobs.delete(r.channel);
      drop(job);
      if (simulation) post(job, { kind: "simulation", simulation });
      else post(job, { kind: "simulation", error: { message: "The budget ended the simulation before its first customer.", code: "out_of_range", path: "" } });
    }
  } catch (error) {
    if (isTrap(error)) {
      dead = true;
      self.postMessage({ kind: "trap", message: String(error?.message ?? error) });
      self.close();
      return undefined;
    }
    jobs.delete(r.channel);
    drop(job);
    post(job, { kind: phase, error: plainError(error) });
  }
  return schedule();
}

/** channel → the id of its newest task request (a task whose id is not there any more is stale). */
const newestTask = new Map();
/** Task requests not started yet, oldest channel first (channel → request). */
const tasks = new Map();
let running = false;

function queueTask(data) {
  newestTask.set(data.channel, data.kind === "cancel" ? -1 : data.id);
  tasks.delete(data.channel);
  if (data.kind === "task") tasks.set(data.channel, data);
  pumpTasks();
}

/** Runs the waiting tasks one after the other, letting the figures' pieces run between them. */
async function pumpTasks() {
  if (running || !loaded || dead) return;
  running = true;
  try {
    while (tasks.size && !dead) {
      const [channel, request] = tasks.entries().next().value;
      tasks.delete(channel);
      await runTask(request);
      // A turn for the messages that came meanwhile (newer requests, figures).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    running = false;
  }
}

const stale = (r) => newestTask.get(r.channel) !== r.id;

async function runTask(r) {
  let journey = null;
  try {
    let result;
    if (r.task === "attribution") {
      const j = open(`attribution ${r.channel}`, r.json);
      const observed = observedOf(r.json);
      const rows = j.attribution();
      const success = observed ? null : j.analyze().success;
      result = { rows, observed, success };
    } else if (r.task === "paths") {
      result = await readPaths(r);
      if (!result) return; // stale: stopped reading
    } else {
      throw Object.assign(new Error(`The worker has no task "${r.task}".`), { code: "internal", path: "" });
    }
    if (stale(r)) return;
    // A fitted journey's text (megabytes) goes over as UTF-8 bytes, handed over rather than copied.
    const transfer = result.bytes ? [result.bytes.buffer] : [];
    self.postMessage({ kind: "task", id: r.id, channel: r.channel, result }, transfer);
  } catch (error) {
    if (isTrap(error)) {
      dead = true;
      self.postMessage({ kind: "trap", message: String(error?.message ?? error) });
      self.close();
      return;
    }
    if (!stale(r)) self.postMessage({ kind: "task", id: r.id, channel: r.channel, error: plainError(error) });
  } finally {
    try {
      journey?.free();
    } catch {
      // A trapped instance: the page replaces the worker anyway.
    }
  }
}

/**
 * The observed totals (and channel counts) of canonical journey text
 * (toJSON's: two spaces a level), or null: an object near the end, read
 * without building the file object of a large journey.
 */
function observedOf(json) {
  const at = json.lastIndexOf('\n  "observed": {');
  if (at < 0) return null;
  const from = json.indexOf("{", at);
  // Up to its matching brace: it holds objects (its channels), whose ids may hold braces in strings.
  let depth = 0;
  let inString = false;
  for (let k = from; k < json.length; k += 1) {
    const c = json[k];
    if (inString) {
      if (c === "\\") k += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth += 1;
    else if (c === "}" && --depth === 0) return JSON.parse(json.slice(from, k + 1));
  }
  return null;
}

/** Streams r.file into a PathsReader and fits it; null once the request is stale. */
async function readPaths(r) {
  const reader = new PathsReader(r.options);
  const stream = r.file.stream().getReader();
  let journey = null;
  let read = 0;
  let told = 0;
  try {
    for (;;) {
      const { done, value } = await stream.read();
      if (stale(r)) return null;
      if (done) break;
      reader.push(value);
      read += value.byteLength;
      const now = performance.now();
      if (now - told > 80) {
        told = now;
        self.postMessage({ kind: "progress", id: r.id, channel: r.channel, fraction: r.file.size ? read / r.file.size : 1 });
      }
    }
    // A last line without a line break is read now, so the counts are complete.
    reader.push("\n");
    const summary = reader.summary();
    journey = reader.finish();
    if (stale(r)) return null;
    if (r.title) journey.apply({ op: "setTitle", title: r.title });
    const file = journey.toObject();
    return {
      summary,
      bytes: new TextEncoder().encode(journey.toJSON()),
      names: file.touchpoints.filter((t) => !t.goal).map((t) => t.name),
      stages: file.stages.length,
    };
  } finally {
    stream.cancel().catch(() => {});
    reader.free();
    journey?.free();
  }
}

let loading = false;
/** Loads the engine once: from `module` (a WebAssembly.Module) if given, else from its file. */
function load(module) {
  if (loading) return;
  loading = true;
  init(module instanceof WebAssembly.Module ? { module_or_path: module } : undefined).then(ready, broken);
}

const ready = () => {
  loaded = true;
  self.postMessage({ kind: "ready" });
  schedule();
  pumpTasks();
};
const broken = (error) => {
  dead = true;
  self.postMessage({ kind: "broken", message: String(error?.message ?? error) });
};
