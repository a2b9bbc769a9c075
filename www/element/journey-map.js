// <journey-map>: renders and (unless `readonly`) edits a customer journey.
// The class only; importing this module registers nothing (see define.js).
//
//   import { JourneyMapElement, define } from "journeygraph/element";
//   define("my-journey");                       // or import "journeygraph/define"
//   el.journey = Journey.sample();              // a Journey, or JSON text
//   el.addEventListener("journey-change", (e) => save(e.detail.json));
//
// Every number comes from the Rust core; this file keeps the state (which
// touchpoint is selected), turns user actions into core edits, and redraws.
// The rest is in modules given its context (#c): build.js builds the editor,
// draw.js draws it, whatif/ holds What-if's steps (state.js, element-part.js).

import { JourneyChangeEvent, JourneyErrorEvent } from "./events.js";
import { adoptElementStyles } from "./style.js";
import { enterWhatIf, leaveWhatIf, whatIfEdit, OPPORTUNITY_DELTA } from "./whatif/state.js";
import { markPresence } from "./map/presence.js";
import { showPersona } from "./persona-view.js";
import { buildEditor } from "./build.js";
import { render, selectOnly, historyButtons, culling } from "./draw.js";
import { showError, hideError, showStatus } from "./frame.js";
import { SIMULATED_CUSTOMERS, loadEngine, openJourney } from "./engine/element-engine.js"; // figures off the main thread, trap recovery

/** Customers simulated for the figures bar (engine/client.js): ±1% half-widths. */
export { SIMULATED_CUSTOMERS };
/** How far an opportunity raises a touchpoint's emotion (SPEC section 3). */
export { OPPORTUNITY_DELTA };

/**
 * HTMLElement where there is a DOM; elsewhere (Node, server-side rendering)
 * an empty class, so that importing this module never throws. The element
 * only works in a browser; on a server it is a name to import, not to use.
 */
const ElementBase = globalThis.HTMLElement ?? class {};

export class JourneyMapElement extends ElementBase {
  static observedAttributes = ["readonly", "theme", "mode"];

  /** @type {import("../journeygraph.js").Journey | null} */
  #journey = null;
  /** Whether this element created #journey (and so frees it). */
  #owned = false;
  /** A journey (text or Journey) set before the engine was ready. */
  #pending = null;
  /** Undo and Redo's history when not the core's (journeygraph/collab), and how to stop hearing from it. */
  #history = null;
  #unsubscribe = null;
  /** The workshop room (see the room property), or null. */
  #room = null;
  /** What the element keeps between drawings, read and set by draw.js, build.js and whatif/ too (through #c). */
  #state = {
    /** The id of the selected touchpoint, or null. */
    selected: null,
    /** The coalescing key of the last live edit (a slider drag), or null. */
    live: null,
    /** The scenario last edited, to come back to. */
    lastScenario: null,
    /** What-if mode: the scenario being edited ({id, name}), or null when editing the baseline. */
    whatIf: null,
    /** The persona whose journey the map shows (its id), or null: everyone. */
    persona: null,
    /** The file the inspector was last drawn from; what-if edits are read against it. */
    inspected: null,
    /** In What-if mode, the baseline's file text (without scenarios) and layout, kept while the baseline is unchanged. */
    baseline: null,
    /** What "Fix first" was last drawn from (What-if mode), to draw it again when a large journey's opportunities arrive. */
    opportunities: null,
    allOpportunities: false,
    /** Whether the designer opened (true) or closed (false) the list of changes; null: open unless a touchpoint is selected. */
    changesOpen: null,
    /** What the map was last drawn from, when it shows the journey (not a scenario): {journey, readonly, layout, file, mapOptions, inspect}; see draw-live.js and selectOnly (draw.js). */
    lastDrawn: null,
    /** Collaborators on cards: [{touchpoint, name, color}] (see the presence property). */
    presence: [],
  };
  /** Draws what comes near the view of a large map, once a frame (draw.js). */
  #culling = culling(() => this.#c.ui?.canvas);
  /**
   * The element's context for build.js, draw.js and whatif/: the element,
   * its state, its parts once built (ui; engine: engine/element-engine.js)
   * and the private steps they call.
   */
  #c = {
    host: this, state: this.#state, ui: null, engine: null,
    render: (options) => render(this.#c, options), run: (make, options) => this.#run(make, options),
    announce: (text) => showStatus(this.#c.ui, text), fail: (error, action) => this.#fail(error, action), reopen: (json) => this.#reopen(json),
    enterWhatIf: (id) => enterWhatIf(this.#c, id), leaveWhatIf: () => leaveWhatIf(this.#c),
    cullSoon: this.#culling.soon, watch: this.#culling.watch,
  };

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    adoptElementStyles(root);
  }

  /** The Journey shown (a core object; the element edits it in place). */
  get journey() {
    return this.#journey;
  }

  /**
   * Sets the journey: a `Journey` (the caller keeps ownership and frees it)
   * or journeygraph JSON text (the element owns the parsed journey). Invalid
   * text keeps the journey already shown and dispatches journey-error.
   */
  set journey(value) {
    this.#pending = value;
    if (this.isConnected) this.#adopt();
  }

  get readonly() {
    return this.hasAttribute("readonly");
  }
  set readonly(on) {
    this.toggleAttribute("readonly", Boolean(on));
  }

  /**
   * What-if mode: the id of the scenario shown and edited, or null when the
   * baseline is. Setting an id enters What-if mode on that scenario (a new,
   * empty one if the journey has none by that id); null leaves it.
   */
  get scenario() {
    return this.#state.whatIf?.id ?? null;
  }
  set scenario(id) {
    if (id === null || id === undefined || id === "") this.#c.leaveWhatIf();
    else this.#c.enterWhatIf(String(id));
  }

  /**
   * The persona (its id) whose journey the map, figures and panel show, or
   * null for everyone (the journey as drawn). Setting one leaves What-if.
   */
  get persona() {
    return this.#state.persona;
  }
  set persona(id) {
    showPersona(this.#c, id);
  }

  connectedCallback() {
    if (!this.#c.ui) buildEditor(this.#c);
    this.#c.engine.connect();
    // The page (or a scrolling ancestor) scrolled or resized: a large map draws what came near.
    addEventListener("scroll", this.#culling.soon, { capture: true, passive: true });
    addEventListener("resize", this.#culling.soon, { passive: true });
    loadEngine().then(
      () => this.#adopt(),
      (error) => this.#fail(error, "load the journey engine"),
    );
  }

  disconnectedCallback() {
    removeEventListener("scroll", this.#culling.soon, { capture: true });
    removeEventListener("resize", this.#culling.soon);
    // Free the core object we created once we are really gone (not moved).
    queueMicrotask(() => {
      if (!this.isConnected) this.#c.engine?.disconnect();
      if (!this.isConnected && this.#owned && this.#journey) {
        this.#journey.free();
        this.#journey = null;
        this.#owned = false;
        this.#pending = null;
      }
    });
  }

  attributeChangedCallback(name) {
    if (name === "mode") this.#c.ui?.present?.sync(); // workshop mode: present/index.js
    if (this.#journey) render(this.#c);
  }

  /**
   * Applies one edit (see the `Edit` type of the package). Returns true
   * when it was applied; false, with a journey-error event and a visible
   * message, when the core refused it (the journey is then unchanged).
   * `options.coalesce`: edits with the same key in a row (a slider drag)
   * become one undo step; `options.commit` ends such a run.
   *
   * In What-if mode (see `scenario`) the edit is made in the scenario
   * instead ({op: "inScenario"}: the core turns it into the scenario's
   * changes, one step of the same history); an edit a scenario cannot hold
   * is refused with a message (code "what_if").
   */
  edit(edit, options = {}) {
    const j = this.#journey;
    if (!j || this.readonly) return false;
    const made = whatIfEdit(this.#state, edit);
    return this.#run(() => made, options);
  }

  /**
   * Applies the edit `make()` returns (null: nothing to apply) as one undo
   * step, or as part of the coalescing run `options.coalesce`.
   */
  #run(make, options = {}) {
    const j = this.#journey;
    if (!j || this.readonly) return false;
    const coalescing = options.coalesce && this.#state.live === options.coalesce;
    let applied = null;
    try {
      if (coalescing) j.undo();
      applied = make();
      // The core says whether the edit changed anything (a What-if edit
      // that leaves its scenario as it was is no step of the history).
      if (applied && !j.apply(applied)) applied = null;
    } catch (error) {
      if (this.#c.engine.trapped(error)) return false;
      if (coalescing) j.redo();
      this.#fail(error, "apply this change");
      if (this.#state.whatIf) render(this.#c);
      return false;
    }
    if (!applied && !coalescing) return true;
    // A run that came back to where it started is over (its step is undone).
    this.#state.live = applied && options.coalesce && !options.commit ? options.coalesce : null;
    // A drag's steps and the change that ends it draw only what they change (draw-live.js).
    this.#changed("edit", applied, { keepInspector: Boolean(options.live), live: Boolean(options.live || (options.commit && coalescing)), continues: Boolean(coalescing) });
    return true;
  }

  /** Undoes the last edit; returns whether there was one. */
  undo() {
    return this.#step("undo");
  }

  /** Redoes the last undone edit; returns whether there was one. */
  redo() {
    return this.#step("redo");
  }

  /**
   * The history Undo and Redo use, when not the core's: an object with
   * undo(), redo(), canUndo, canRedo and subscribe(onChange) → unsubscribe.
   * journeygraph/collab sets one that holds only this person's edits.
   */
  get history() {
    return this.#history;
  }
  set history(history) {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#history = history ?? null;
    if (this.#history?.subscribe) this.#unsubscribe = this.#history.subscribe(() => historyButtons(this.#c));
    historyButtons(this.#c);
  }

  /**
   * Who else is on which card (live collaboration): [{touchpoint, name,
   * color}]. Each named card gets an outline in that colour and a tag with
   * the name; its accessible name says it too. Set it again when it changes.
   */
  get presence() {
    return this.#state.presence;
  }
  set presence(list) {
    this.#state.presence = Array.isArray(list) ? list.slice(0, 50) : [];
    markPresence(this.#c.ui?.canvas.querySelector(":scope > svg.jg-map"), this.#state.presence);
  }

  /**
   * The room in workshop mode (SPEC section 9): where participants' phones
   * rate the stage on the wall, e.g. journeygraph/collab's openRoom(doc)
   * with the `link` they open. Null: no room.
   */
  get room() {
    return this.#room;
  }
  set room(value) {
    this.#room = value && typeof value === "object" ? value : null;
    this.dispatchEvent(new Event("jg-room-change"));
  }

  /** The id of the selected touchpoint, or null. */
  get selected() {
    return this.#state.selected;
  }

  /**
   * Replaces the journey's content with `json` (text or a file object) in
   * place, keeping the selection, What-if mode and the view: a change made
   * elsewhere (a collaborator, another tab). Returns false, changing
   * nothing, when the core refuses the text (`quiet`: without a message).
   * journey-change then says `reason` ("remote" unless given).
   */
  replace(json, { reason = "remote", quiet = false } = {}) {
    const j = this.#journey;
    if (!j) {
      this.journey = json;
      return this.#journey !== null;
    }
    try {
      j.replaceFromJSON(typeof json === "string" ? json : JSON.stringify(json));
    } catch (error) {
      if (!this.#c.engine.trapped(error) && !quiet) this.#fail(error, "take in a change made elsewhere");
      return false;
    }
    this.#state.live = null;
    this.#state.baseline = null;
    this.#changed(reason, null, { keepInspector: false });
    return true;
  }

  /** Selects a touchpoint by id (null for the journey panel). */
  select(id) {
    this.#state.selected = id;
    this.#state.changesOpen = null;
    if (!selectOnly(this.#c)) render(this.#c); // only what the selection changes, when it can be (draw.js)
  }

  #step(which) {
    const j = this.#journey;
    if (!j || this.readonly) return false;
    this.#state.live = null;
    let done;
    if (this.#history) return this.#history[which]();
    try {
      done = which === "undo" ? j.undo() : j.redo();
    } catch (error) {
      this.#fail(error, which);
      return false;
    }
    if (done) this.#changed(which, null);
    return done;
  }

  #adopt() {
    if (this.#pending === null) {
      if (!this.#journey) {
        render(this.#c);
      }
      return;
    }
    const value = this.#pending;
    this.#pending = null;
    let next;
    let owned;
    try {
      ({ journey: next, owned } = openJourney(value));
    } catch (error) {
      this.#fail(error, "open this journey");
      return;
    }
    if (this.#owned && this.#journey && this.#journey !== next) this.#journey.free();
    this.#journey = next;
    this.#owned = owned;
    this.#state.selected = null;
    this.#state.live = null;
    this.#state.whatIf = null;
    this.#state.baseline = null;
    this.#changed("load", null);
  }

  #changed(reason, edit, { keepInspector = false, live = false, continues = false } = {}) {
    let json;
    try {
      json = this.#journey.toJSON();
    } catch (error) {
      if (this.#c.engine.trapped(error)) return;
      throw error;
    }
    this.#c.engine.keep(json);
    hideError(this.#c.ui);
    if (!(live && this.#c.ui?.later.drawLive(this.#c, json, edit, keepInspector))) render(this.#c, { keepInspector, json });
    // `continues`: this edit is part of the previous one's undo step (a slider drag).
    this.dispatchEvent(new JourneyChangeEvent({ json, edit, reason, continues }));
  }

  /** After the engine was restarted (a trap): the last good journey, in the new engine. */
  #reopen(json) {
    this.#journey = null; // the trapped engine's: neither used nor freed again
    this.#state.lastDrawn = null;
    this.#pending = json;
    this.#adopt();
  }

  #fail(error, action) {
    if (this.#c.engine?.trapped(error)) return;
    const err = error instanceof Error ? error : new Error(String(error));
    showError(this.#c.ui, `Could not ${action}: ${err.message}`);
    this.dispatchEvent(new JourneyErrorEvent({ error: err, action }));
  }
}

/**
 * Registers the element under `tag` (default "journey-map"); returns the
 * class registered. Where there is no `customElements` (a server) it
 * registers nothing and returns JourneyMapElement.
 */
export function define(tag = "journey-map") {
  // No custom-element registry (Node, server-side rendering): nothing to register.
  if (typeof customElements === "undefined") return JourneyMapElement;
  const existing = customElements.get(tag);
  if (existing) return existing;
  // A subclass per tag, so one page may register the element under two names.
  const cls = class extends JourneyMapElement {};
  customElements.define(tag, cls);
  return cls;
}
