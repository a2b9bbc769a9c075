// The figures' worker (a module worker; client.js starts it): the page
// never waits on the engine. It loads the same wasm as the page
// (journeygraph.js finds journeygraph_bg.wasm beside itself, or the
// bundler does), and for each request
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
//   { kind: "ready" } once, { kind: "broken", message } if the engine cannot load,
//   { kind: "trap", message } if a wasm call trapped (the page then starts a new worker).

import init, { Journey, Simulator } from "../../journeygraph.js";
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
  if (data?.kind !== "figures" || dead) return;
  drop(jobs.get(data.channel));
  jobs.set(data.channel, { request: data, journey: null, sim: null, spent: 0, exactDone: !data.exact, start: performance.now() + SETTLE_MS });
  schedule();
};

function drop(job) {
  if (!job) return;
  try {
    job.journey?.free();
    job.sim?.free();
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
    job.journey ??= Journey.fromJSON(r.json);
    if (!job.exactDone) {
      const analysis = job.journey.analyze({ touchpoints: false });
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

init().then(
  () => {
    loaded = true;
    self.postMessage({ kind: "ready" });
    schedule();
  },
  (error) => {
    dead = true;
    self.postMessage({ kind: "broken", message: String(error?.message ?? error) });
  },
);
