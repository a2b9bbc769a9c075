// What <journey-map> asks of the engine beyond editing: loading it and
// opening what `journey` is set to, the figures bar fed without making the
// page wait (feed.js, client.js), and keeping the open journey when a wasm
// call traps (recover.js).
//
//   await loadEngine();
//   const { journey, owned } = openJourney(value);           // a Journey, JSON text or a file object
//   const engine = new ElementEngine(host, { bar, error, drawn, reopen, say });
//   engine.show({ journey, json, file, delta }, baseline);   // in every render
//   engine.keep(json);                                       // after every good change
//   if (engine.trapped(error)) return;                       // in every catch

import { renderFigures } from "../figures.js";
import { FiguresFeed } from "./feed.js";
import { isTrap, restartEngine, onEngineRestart } from "./recover.js";
import { JourneyErrorEvent } from "../events.js";
import init, { Journey } from "../../journeygraph.js";

export { SIMULATED_CUSTOMERS } from "./client.js";

let ready = null;
/** Loads the wasm module once (a no-op when the app already did). */
export function loadEngine() {
  ready ??= init();
  return ready;
}

/**
 * The Journey `value` (what the element's `journey` was set to) stands for:
 * a Journey as it is (the caller owns it), or one parsed from journeygraph
 * JSON text or a file object ({owned: true}: the element frees it). Throws
 * the core's error for bad text, and a "schema" error for anything else.
 */
export function openJourney(value) {
  if (value instanceof Journey) return { journey: value, owned: false };
  if (typeof value === "string") return { journey: Journey.fromJSON(value), owned: true };
  if (value && typeof value === "object") return { journey: Journey.fromJSON(JSON.stringify(value)), owned: true };
  throw Object.assign(new Error("Set `journey` to a Journey or to journeygraph JSON text."), { code: "schema", path: "" });
}

export const RESTARTED =
  "The journey engine stopped on an internal error and was restarted. Your journey is open again as it was after your last change; the undo history starts afresh.";

export class ElementEngine {
  #host;
  #bar;
  #drawn;
  #reopen;
  #say;
  #shown;
  #base;
  #comparing = false;
  /** The journey's JSON after the last change that went through, to reopen after a trap. */
  #lastGood = null;
  #restarting = false;
  #unlisten = null;

  /**
   * host: the element; bar: its figures <dl>; drawn(figures): called when
   * figures arrive after a render (to redraw what depends on them);
   * reopen(json): opens the last good journey again in a fresh engine;
   * say(text): shows a message where the element shows its errors.
   */
  constructor(host, { bar, drawn = () => {}, reopen, say }) {
    this.#host = host;
    this.#bar = bar;
    this.#drawn = drawn;
    this.#reopen = reopen;
    this.#say = say;
    this.#shown = new FiguresFeed(() => this.#arrived());
    this.#base = new FiguresFeed(() => this.#arrived());
  }

  /** Listens for a restart of the shared engine (another element's trap replaces ours too). */
  connect() {
    this.#unlisten ??= onEngineRestart(() => this.#restarted());
  }

  disconnect() {
    this.#unlisten?.();
    this.#unlisten = null;
    this.#shown.reset();
    this.#base.reset();
  }

  /** The JSON of the journey after a change that went through. */
  keep(json) {
    this.#lastGood = json;
  }

  /** The figures shown now: {analysis, opportunities, simulation, problem, pending}. */
  get figures() {
    return this.#shown.figures;
  }

  /**
   * Draws the figures of `shown` ({journey, json, file, delta}) into the
   * bar, compared with `baseline` (the same, or null); what is not known
   * yet follows when it arrives.
   */
  /** What the compared figures are compared with, as the deltas say it. */
  #against = "the baseline";

  show(shown, baseline = null) {
    this.#comparing = Boolean(baseline);
    this.#against = baseline?.label ?? "the baseline";
    const f = this.#shown.request(shown.journey, shown);
    if (baseline) this.#base.request(baseline.journey, baseline);
    if (this.trapped(f.problem)) return f;
    this.#draw();
    return f;
  }

  #draw() {
    const f = this.#shown.figures;
    const base = this.#comparing ? this.#base.figures : null;
    renderFigures(this.#bar, f, base && !base.problem ? base : null, null, this.#against);
    this.#bar.classList.toggle("jg-figures-compared", Boolean(base && !base.problem));
  }

  #arrived() {
    const f = this.#shown.figures;
    if (isTrap(f?.problem) || isTrap(f?.simulationProblem)) return this.trapped(f.problem ?? f.simulationProblem);
    this.#draw();
    this.#drawn(f);
    return undefined;
  }

  /**
   * Whether `error` is a trap of the wasm instance; if so the engine is
   * restarted and the last good journey reopened (every element on the
   * page reopens its own), with a visible message and a journey-error.
   */
  trapped(error) {
    if (!isTrap(error)) return false;
    if (!this.#restarting) {
      this.#restarting = true;
      this.#say("The journey engine stopped on an internal error; restarting it\u2026");
      restartEngine().catch((failure) => {
        this.#restarting = false;
        this.#say(`The journey engine stopped on an internal error and could not be restarted (${failure?.message ?? failure}). Reload the page; your last change is kept in the journey-change event's JSON.`);
      });
    }
    return true;
  }

  #restarted() {
    this.#restarting = false;
    this.#shown.reset();
    this.#base.reset();
    if (this.#lastGood === null) return;
    this.#reopen(this.#lastGood);
    this.#say(RESTARTED);
    const error = Object.assign(new Error(RESTARTED), { code: "engine_restarted", path: "" });
    this.#host.dispatchEvent(new JourneyErrorEvent({ error, action: "keep the journey open after an internal error" }));
  }
}
