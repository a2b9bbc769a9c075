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

import { Journey } from "../journeygraph.js";
import { renderMap, updateMap, viewOf, cullMap, withEmotions } from "./map/map.js";
import { buildFrame, showHeading } from "./frame.js";
import { installMapKeys, installUndoKeys, keepingFocus } from "./keyboard.js";
import { JourneyChangeEvent, JourneyErrorEvent } from "./events.js";
import { adoptElementStyles } from "./style.js";
import { personaView, overridden, buildPersonaBar, personasContext } from "./persona-view.js";
import { installFiles } from "./files/index.js";
import { installAfterFirstMap, installWhatIf, installPresenter, installAttribution } from "./lazy.js"; // after the first map, or on first use
import { installZoom } from "./zoom.js"; // zoom and pan
import { scenarioOf, draftScenario } from "./whatif/state.js";
import { markPresence } from "./map/presence.js";
import { markFlow } from "./map/flow.js";
import { installHowSure } from "./how-sure.js";
import { ElementEngine, SIMULATED_CUSTOMERS, loadEngine } from "./engine/element-engine.js"; // figures off the main thread, trap recovery

/** Customers simulated for the figures bar (engine/client.js): ±1% half-widths. */
export { SIMULATED_CUSTOMERS };

/** Edits that are about scenarios themselves, or the model's settings that baseline and scenario share: in What-if mode they still go to the journey. */
const SCENARIO_OPS = new Set(["putScenario", "removeScenario", "inScenario", "removeChange", "setSettings"]);
/** How far an opportunity raises a touchpoint's emotion (SPEC section 3). */
export const OPPORTUNITY_DELTA = 0.5;

/** What the inspector's sliders set: a touchpoint changed only in these is drawn by #drawLive. */
const SLIDER_KEYS = new Set(["emotion", "impact", "dropout"]);
/** Whether touchpoint `b` differs from `a` only in what the sliders set. */
function slidersOnly(a, b) {
  const rest = (t) => JSON.stringify(Object.entries(t).filter(([k]) => !SLIDER_KEYS.has(k)).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return rest(a) === rest(b);
}


/**
 * HTMLElement where there is a DOM; elsewhere (Node, server-side rendering)
 * an empty class, so that importing this module never throws. The element
 * only works in a browser; on a server it is a name to import, not to use.
 */
const ElementBase = globalThis.HTMLElement ?? class {};

export class JourneyMapElement extends ElementBase {
  static observedAttributes = ["readonly", "theme", "mode"];

  /** @type {Journey | null} */
  #journey = null;
  /** Whether this element created #journey (and so frees it). */
  #owned = false;
  /** A journey (text or Journey) set before the engine was ready. */
  #pending = null;
  #selected = null;
  /** The coalescing key of the last live edit (a slider drag), or null. */
  #live = null;
  #ui = null;
  /** The scenario last edited, to come back to. */
  #lastScenario = null;
  /** What-if mode: the scenario being edited ({id, name}), or null when editing the baseline. */
  #whatIf = null;
  /** The persona whose journey the map shows (its id), or null: everyone. */
  #persona = null;
  /** The file the inspector was last drawn from; what-if edits are read against it. */
  #inspected = null;
  /** In What-if mode, the baseline's file text (without scenarios) and layout, kept while the baseline is unchanged. */
  #baseline = null;
  /** Undo and Redo's history when not the core's (journeygraph/collab), and how to stop hearing from it. */
  #history = null;
  #unsubscribe = null;
  /** The figures bar's engine and trap recovery (engine/element-engine.js). */
  #engine = null;
  /** What "Fix first" was last drawn from (What-if mode), to draw it again when a large journey's opportunities arrive. */
  #opportunities = null;
  #allOpportunities = false;
  /** Whether the designer opened (true) or closed (false) the list of changes; null: open unless a touchpoint is selected. */
  #changesOpen = null;
  /** What the map was last drawn from, when it shows the journey (not a scenario): {layout, file, mapOptions}; see #drawLive. */
  #lastDrawn = null;
  /** Collaborators on cards: [{touchpoint, name, color}] (see the presence property). */
  #presence = [];
  /** The workshop room (see the room property), or null. */
  #room = null;
  /** Draws what comes near the view of a large map, once a frame (see #cullSoon). */
  #culling = false;
  #cullSoon = () => {
    if (this.#culling) return;
    this.#culling = true;
    requestAnimationFrame(() => {
      this.#culling = false;
      const map = this.#ui?.canvas.querySelector(":scope > svg.jg-map");
      if (map) cullMap(map);
    });
  };
  /** Watches the map's size (zoom, a new map) for #cullSoon. */
  #resized = typeof ResizeObserver === "function" ? new ResizeObserver(() => this.#cullSoon()) : null;

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
    return this.#whatIf?.id ?? null;
  }
  set scenario(id) {
    if (id === null || id === undefined || id === "") this.#leaveWhatIf();
    else this.#enterWhatIf(String(id));
  }

  /**
   * The persona (its id) whose journey the map, figures and panel show, or
   * null for everyone (the journey as drawn). Setting one leaves What-if.
   */
  get persona() {
    return this.#persona;
  }
  set persona(id) {
    const next = id === null || id === undefined || id === "" ? null : String(id);
    if (next === this.#persona) return;
    if (next) this.#whatIf = null;
    this.#persona = next;
    this.#baseline = null;
    this.#render();
    const p = next ? this.#journey?.view().personas.find((x) => x.id === next) : null;
    this.#announce(p ? `The map shows persona ${p.name || p.id}.` : "The map shows everyone.");
    this.dispatchEvent(new CustomEvent("jg-persona-change", { detail: { persona: this.#persona } }));
  }

  connectedCallback() {
    if (!this.#ui) this.#build();
    this.#engine.connect();
    // The page (or a scrolling ancestor) scrolled or resized: a large map draws what came near.
    addEventListener("scroll", this.#cullSoon, { capture: true, passive: true });
    addEventListener("resize", this.#cullSoon, { passive: true });
    loadEngine().then(
      () => this.#adopt(),
      (error) => this.#fail(error, "load the journey engine"),
    );
  }

  disconnectedCallback() {
    removeEventListener("scroll", this.#cullSoon, { capture: true });
    removeEventListener("resize", this.#cullSoon);
    // Free the core object we created once we are really gone (not moved).
    queueMicrotask(() => {
      if (!this.isConnected) this.#engine?.disconnect();
      if (!this.isConnected && this.#owned && this.#journey) {
        this.#journey.free();
        this.#journey = null;
        this.#owned = false;
        this.#pending = null;
      }
    });
  }

  attributeChangedCallback(name) {
    if (name === "mode") this.#ui?.present?.sync(); // workshop mode: present/index.js
    if (this.#journey) this.#render();
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
    if (!this.#whatIf || SCENARIO_OPS.has(edit.op)) return this.#run(() => edit, options);
    const { id, name } = this.#whatIf;
    return this.#run(() => ({ op: "inScenario", scenario: id, name, edit }), options);
  }

  /**
   * Applies the edit `make()` returns (null: nothing to apply) as one undo
   * step, or as part of the coalescing run `options.coalesce`.
   */
  #run(make, options = {}) {
    const j = this.#journey;
    if (!j || this.readonly) return false;
    const coalescing = options.coalesce && this.#live === options.coalesce;
    let applied = null;
    try {
      if (coalescing) j.undo();
      applied = make();
      // The core says whether the edit changed anything (a What-if edit
      // that leaves its scenario as it was is no step of the history).
      if (applied && !j.apply(applied)) applied = null;
    } catch (error) {
      if (this.#engine.trapped(error)) return false;
      if (coalescing) j.redo();
      this.#fail(error, "apply this change");
      if (this.#whatIf) this.#render();
      return false;
    }
    if (!applied && !coalescing) return true;
    // A run that came back to where it started is over (its step is undone).
    this.#live = applied && options.coalesce && !options.commit ? options.coalesce : null;
    // A drag's steps and the change that ends it draw only what they change (#drawLive).
    this.#changed("edit", applied, { keepInspector: Boolean(options.live), live: Boolean(options.live || (options.commit && coalescing)), continues: Boolean(coalescing) });
    return true;
  }

  #enterWhatIf(id = null) {
    const j = this.#journey;
    if (!j) return;
    const scenarios = j.toObject().scenarios ?? [];
    const chosen = scenarios.find((s) => s.id === id) ?? (id === null ? scenarios.find((s) => s.id === this.#lastScenario) ?? scenarios[0] : null);
    this.#whatIf = chosen ? { id: chosen.id, name: chosen.name } : draftScenario(j.toObject(), id);
    if (this.#persona) this.persona = null;
    this.#lastScenario = this.#whatIf.id;
    this.#live = null;
    this.#allOpportunities = false;
    this.#render();
    this.#announce(`What if: scenario “${this.#whatIf.name || this.#whatIf.id}”. Edits now change the scenario, not the journey.`);
  }

  #leaveWhatIf() {
    if (!this.#whatIf) return;
    this.#whatIf = null;
    this.#live = null;
    this.#baseline = null;
    this.#render();
    this.#announce("Left What if: edits change the journey again.");
  }

  #newScenario() {
    this.#whatIf = draftScenario(this.#journey.toObject());
    this.#lastScenario = this.#whatIf.id;
    this.#allOpportunities = false;
    this.#render();
    const name = this.#ui.whatIfBar.name;
    name.focus();
    name.select();
    this.#announce(`New scenario “${this.#whatIf.name}”: type its name.`);
  }

  #renameScenario(name) {
    if (!this.#whatIf) return;
    if (!name) {
      this.#render();
      return;
    }
    this.#whatIf = { ...this.#whatIf, name };
    const { saved, ...record } = scenarioOf(this.#journey.toObject(), this.#whatIf);
    this.edit({ op: "putScenario", scenario: { ...record, name } });
  }

  #removeScenario() {
    const id = this.#whatIf?.id;
    if (!id || !this.edit({ op: "removeScenario", id })) return;
    this.#enterWhatIf();
  }

  /** "Add to scenario": the opportunity's emotion becomes a change. */
  #addOpportunity(o) {
    const emotion = Math.round(o.emotion * 1e6) / 1e6;
    const { id, name } = this.#whatIf;
    const record = scenarioOf(this.#journey.toObject(), this.#whatIf);
    const view = this.#journey.withScenario({ id: record.id, name: record.name, changes: record.changes });
    const shown = view.view().touchpoints.find((t) => t.id === o.touchpoint);
    view.free();
    if (!shown) return;
    const edit = { op: "updateTouchpoint", touchpoint: { ...shown, emotion } };
    if (this.#run(() => ({ op: "inScenario", scenario: id, name, edit }))) {
      this.#announce(`Added to the scenario: ${o.name}, emotion ${emotion >= 0 ? "+" : "−"}${Math.abs(emotion).toFixed(2)}.`);
    }
  }

  #removeChange(index) {
    this.#run(() => ({ op: "removeChange", scenario: this.#whatIf.id, index }));
  }

  #announce(text) {
    if (this.#ui) this.#ui.status.textContent = text;
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
    if (this.#history?.subscribe) this.#unsubscribe = this.#history.subscribe(() => this.#historyButtons());
    this.#historyButtons();
  }

  #historyButtons() {
    const ui = this.#ui;
    const h = this.#history ?? this.#journey;
    if (!ui || !h) return;
    ui.undo.disabled = !h.canUndo;
    ui.redo.disabled = !h.canRedo;
  }

  /**
   * Who else is on which card (live collaboration): [{touchpoint, name,
   * color}]. Each named card gets an outline in that colour and a tag with
   * the name; its accessible name says it too. Set it again when it changes.
   */
  get presence() {
    return this.#presence;
  }
  set presence(list) {
    this.#presence = Array.isArray(list) ? list.slice(0, 50) : [];
    markPresence(this.#ui?.canvas.querySelector(":scope > svg.jg-map"), this.#presence);
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
    return this.#selected;
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
      if (!this.#engine.trapped(error) && !quiet) this.#fail(error, "take in a change made elsewhere");
      return false;
    }
    this.#live = null;
    this.#baseline = null;
    this.#changed(reason, null, { keepInspector: false });
    return true;
  }

  /** Selects a touchpoint by id (null for the journey panel). */
  select(id) {
    this.#selected = id;
    this.#changesOpen = null;
    this.#render();
  }

  /** Shows the journey's settings in the inspector with the sensitivity focused ("Change sensitivity"). */
  #openSettings() {
    this.select(null);
    this.#ui.later.focusField("sensitivity");
  }

  #step(which) {
    const j = this.#journey;
    if (!j || this.readonly) return false;
    this.#live = null;
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
        this.#render();
      }
      return;
    }
    const value = this.#pending;
    this.#pending = null;
    let next;
    let owned = false;
    try {
      if (value instanceof Journey) {
        next = value;
      } else if (typeof value === "string") {
        next = Journey.fromJSON(value);
        owned = true;
      } else if (value && typeof value === "object") {
        next = Journey.fromJSON(JSON.stringify(value));
        owned = true;
      } else {
        throw Object.assign(new Error("Set `journey` to a Journey or to journeygraph JSON text."), { code: "schema", path: "" });
      }
    } catch (error) {
      this.#fail(error, "open this journey");
      return;
    }
    if (this.#owned && this.#journey && this.#journey !== next) this.#journey.free();
    this.#journey = next;
    this.#owned = owned;
    this.#selected = null;
    this.#live = null;
    this.#whatIf = null;
    this.#baseline = null;
    this.#changed("load", null);
  }

  #changed(reason, edit, { keepInspector = false, live = false, continues = false } = {}) {
    let json;
    try {
      json = this.#journey.toJSON();
    } catch (error) {
      if (this.#engine.trapped(error)) return;
      throw error;
    }
    this.#engine.keep(json);
    this.#clearError();
    if (!(live && this.#drawLive(json, edit, keepInspector))) this.#render({ keepInspector, json });
    // `continues`: this edit is part of the previous one's undo step (a slider drag).
    this.dispatchEvent(new JourneyChangeEvent({ json, edit, reason, continues }));
  }

  /**
   * A step of a slider drag on the journey (not in What-if mode), or the
   * change that ends the drag: only what it changes is drawn again (the
   * figures, the cards whose emotion changed, the curve; at the end, the
   * inspector's values), from the file and layout drawn last with the
   * touchpoint the edit set and the few numbers it moved
   * (Journey.layoutEmotions), instead of the journey's whole file and
   * layout (at 1,000 touchpoints about 1.5 MB of JSON to parse at each
   * step). Title, persona, stages, arrows and lanes do not change with a
   * slider. Returns false when the edit is not such a step (then #render
   * draws everything).
   */
  #drawLive(json, edit, keepInspector) {
    const last = this.#lastDrawn;
    const j = this.#journey;
    const map = this.#ui?.canvas.querySelector(":scope > svg.jg-map");
    if (!last || !map || this.#whatIf || this.readonly || edit?.op !== "updateTouchpoint") return false;
    const tp = edit.touchpoint;
    const at = last.file.touchpoints.findIndex((t) => t.id === tp?.id);
    if (at < 0 || !slidersOnly(last.file.touchpoints[at], tp)) return false;
    try {
      const layout = withEmotions(last.layout, j.layoutEmotions());
      if (!layout) return false;
      const touchpoints = last.file.touchpoints.slice();
      touchpoints[at] = tp;
      const file = { ...last.file, touchpoints };
      this.#historyButtons();
      this.#engine.show({ journey: j, json, file, delta: null }, null);
      if (!updateMap(map, layout, last.mapOptions)) return false;
      markFlow(map, this.#engine.figures?.analysis);
      markPresence(map, this.#presence);
      Object.assign(last, { layout, file });
      if (!keepInspector) {
        this.#inspected = file;
        this.#ui.later.inspector({
          file, readonly: false, selected: this.#selected,
          edit: (e, o) => this.edit(e, o), removeStage: (id) => this.#removeStage(id),
        });
      }
    } catch (error) {
      if (this.#engine.trapped(error)) return true; // the engine restarts and the journey reopens
      throw error;
    }
    return true;
  }

  /** After the engine was restarted (a trap): the last good journey, in the new engine. */
  #reopen(json) {
    this.#journey = null; // the trapped engine's: neither used nor freed again
    this.#lastDrawn = null;
    this.#pending = json;
    this.#adopt();
  }

  #fail(error, action) {
    if (this.#engine?.trapped(error)) return;
    const err = error instanceof Error ? error : new Error(String(error));
    this.#say(`Could not ${action}: ${err.message}`);
    this.dispatchEvent(new JourneyErrorEvent({ error: err, action }));
  }

  #say(text) {
    if (!this.#ui) return;
    this.#ui.errorText.textContent = text;
    this.#ui.error.hidden = false;
  }

  #clearError() {
    if (this.#ui) this.#ui.error.hidden = true;
  }

  #build() {
    const frame = buildFrame({ dismiss: () => this.#clearError(), announce: (text) => this.#announce(text) });
    const { toolbar, button, figures, canvas, inspector, opportunities } = frame;
    const ui = { title: frame.title, persona: frame.persona, toolbar };
    ui.addStage = button("Add stage", () => {
      // The new stage's name is ready to type in the journey panel.
      const id = this.#addStage();
      if (id) {
        this.select(null);
        ui.later.focusField(`stage-name:${id}`);
      }
    }, { "data-action": "add-stage" });
    ui.addTouchpoint = button("Add touchpoint", () => this.#addTouchpoint(), { "data-action": "add-touchpoint" });
    frame.separator();
    // A button that turns disabled hands focus to its partner, not to the page.
    ui.undo = button("Undo", () => keepingFocus(this, () => {
      this.undo();
      if (ui.undo.disabled && !ui.redo.disabled) ui.redo.focus();
    }), { "data-action": "undo", "aria-keyshortcuts": "Control+Z" });
    ui.redo = button("Redo", () => keepingFocus(this, () => {
      this.redo();
      if (ui.redo.disabled && !ui.undo.disabled) ui.undo.focus();
    }), { "data-action": "redo", "aria-keyshortcuts": "Control+Shift+Z Control+Y" });
    frame.separator();
    // Import (button, file drop) and Export (JSON, SVG, PNG, CSV): files/.
    installFiles(this, { toolbar, fail: (error, action) => this.#fail(error, action) });
    ui.whatIf = button("What if", () => (this.#whatIf ? this.#leaveWhatIf() : this.#enterWhatIf()), {
      "data-action": "what-if", "aria-pressed": "false", class: "jg-whatif-toggle",
      title: "Try changes as a scenario, compared with the journey as it is",
    });
    // Present: workshop mode's projector view (present/index.js); mode="present" opens it too.
    ui.present = installPresenter(this, { toolbar, fail: (error, action) => this.#fail(error, action) });
    // What-if mode: the scenario bar under the toolbar, "Fix first" under the
    // figures, the scenario's changes above the inspector (whatif/, loaded on first use).
    ui.whatIfParts = installWhatIf({ button: ui.whatIf, fail: (error, action) => this.#fail(error, action), on: {
      pick: (id) => this.#enterWhatIf(id),
      create: () => this.#newScenario(),
      rename: (name) => this.#renameScenario(name),
      remove: () => this.#removeScenario(),
    } });
    const whatIfBar = ui.whatIfParts.bar;
    const personaBar = buildPersonaBar({ everyone: () => { this.persona = null; } });
    frame.mount(this.shadowRoot, [whatIfBar.root, personaBar.root]);
    const { error, errorText, status, changes } = frame;
    Object.assign(ui, { figures, error, errorText, canvas, inspector, status, whatIfBar, personaBar, opportunities, changes });
    this.#engine = new ElementEngine(this, {
      bar: figures, reopen: (json) => this.#reopen(json), say: (text) => this.#say(text),
      drawn: (f) => {
        // Figures that arrive after the drawing (a large journey's, from the worker): the cards' bars, Fix first.
        markFlow(this.#ui?.canvas.querySelector(":scope > svg.jg-map"), f?.analysis);
        if (this.#opportunities) this.#drawOpportunities(...this.#opportunities);
      },
    });
    // Attribution: toolbar button and the table under the figures (attribution.js).
    installAttribution(this, { toolbar, after: figures, fail: (error, action) => this.#fail(error, action) });
    // How sure: which assumptions matter most (how-sure.js), computed while open.
    installHowSure(this, { before: opportunities });
    // Zoom and pan for big journeys (zoom.js).
    ui.zoom = installZoom(this, { toolbar, canvas });
    toolbar.append(frame.panelToggle);
    this.#ui = ui;

    canvas.addEventListener("scroll", this.#cullSoon, { passive: true });
    canvas.addEventListener("click", (e) => {
      const card = e.target.closest?.(".jg-card");
      this.select(card ? card.dataset.id : null);
    });
    // Arrow keys, Enter, Delete and Escape on the map: keyboard.js.
    installMapKeys(this, canvas);
    // The inspector, the stage dialog and drag, connect and weigh on the map (direct.js): loaded after the first map (lazy.js).
    ui.later = installAfterFirstMap(this, { canvas, inspector, fail: (error, action) => this.#fail(error, action),
      direct: { file: () => this.#inspected, say: (text) => this.#announce(text) } });
    // Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y anywhere in the element but in a text field: keyboard.js.
    installUndoKeys(this);
  }

  #focusCard(id) {
    const card = [...this.#ui.canvas.querySelectorAll(".jg-card")].find((c) => c.dataset.id === id);
    card?.focus();
  }

  #uniqueId(prefix, taken) {
    let k = taken.size + 1;
    while (taken.has(`${prefix}-${k}`)) k += 1;
    return `${prefix}-${k}`;
  }

  /** Adds a stage at the end; returns its id, or null if that failed. */
  #addStage() {
    const file = this.#journey.toObject();
    const id = this.#uniqueId("stage", new Set(file.stages.map((s) => s.id)));
    return this.edit({ op: "addStage", stage: { id, name: `Stage ${file.stages.length + 1}` } }) ? id : null;
  }

  #addTouchpoint() {
    const file = this.#journey.toObject();
    if (!file.stages.length) {
      if (this.#addStage()) this.#addTouchpoint();
      return;
    }
    const current = file.touchpoints.find((t) => t.id === this.#selected);
    const stage = current ? current.stage : file.stages[0].id;
    // In What-if mode the scenario may add touchpoints of its own.
    const taken = new Set([...file.touchpoints, ...(this.#inspected?.touchpoints ?? [])].map((t) => t.id));
    const id = this.#uniqueId("touchpoint", taken);
    if (this.edit({ op: "addTouchpoint", touchpoint: { id, name: "New touchpoint", stage } })) {
      this.select(id);
      // Ready to type its name.
      this.#ui.later.focusField("name");
    }
  }

  /** Deleting a stage that holds touchpoints asks what to do with them (stage-dialog.js). */
  #removeStage(id) {
    this.#ui.later.removeStage(this.shadowRoot, this.#journey.toObject(), id, (edit) => this.edit(edit));
  }

  #render({ keepInspector = false, json = null } = {}) {
    const ui = this.#ui;
    const j = this.#journey;
    if (!ui) return;
    const readonly = this.readonly;
    for (const b of [ui.addStage, ui.addTouchpoint]) b.hidden = readonly;
    ui.undo.hidden = ui.redo.hidden = readonly;
    if (!j) return;
    // What-if's modules come on its first use (lazy.js); until then the map stays as it was drawn. Not loaded: not in What if.
    if (this.#whatIf && !ui.whatIfParts.ready(() => this.#render(), () => { this.#whatIf = null; this.#render(); })) return;
    let view = null;
    let trapped = false;
    try {
      this.#historyButtons();
      // The complete view: every field present, no default coded here.
      const file = j.view();
      // In What-if mode the map, figures and inspector show the scenario's journey.
      view = this.#whatIf ? this.#scenarioView(j, file) : this.#persona ? this.#personaOf(j, file) : null;
      this.#draw(j, file, view, { keepInspector, readonly, json });
    } catch (error) {
      if (!(trapped = this.#engine.trapped(error))) throw error; // a trap: the engine restarts and the journey reopens
    } finally {
      if (!trapped) view?.journey?.free();
    }
    this.dataset.state = "ready";
  }

  /** The persona shown, walked (persona-view.js); a persona gone (an undo) shows everyone again. */
  #personaOf(j, file) {
    const view = personaView(j, file, this.#persona);
    if (!view) this.#persona = null;
    return view;
  }

  /** The scenario being edited, applied: {scenario, journey (to free), file, problem}. */
  #scenarioView(j, file) {
    const scenario = scenarioOf(file, this.#whatIf);
    // Follow the file (an undone rename, a scenario gone with an undo).
    if (scenario.saved) this.#whatIf = { id: scenario.id, name: scenario.name };
    const view = { scenario, journey: null, file: null, problem: null };
    try {
      view.journey = j.withScenario({ id: scenario.id, name: scenario.name, changes: scenario.changes });
      view.file = view.journey.view();
    } catch (error) {
      view.journey?.free();
      view.journey = null;
      view.problem = error;
    }
    return view;
  }

  /** The baseline's file text without its scenarios (what its figures depend on) and layout, kept while the baseline is unchanged. */
  #baselineOf(j, file) {
    const json = JSON.stringify({ ...file, scenarios: undefined });
    if (this.#baseline?.json !== json) this.#baseline = { json, layout: j.layout() };
    return this.#baseline;
  }

  #draw(j, file, view, { keepInspector, readonly, json }) {
    const ui = this.#ui;
    const shown = view?.journey ?? j;
    const shownFile = view?.journey ? view.file : file;
    if (this.#selected && !shownFile.touchpoints.some((t) => t.id === this.#selected)) this.#selected = null;
    showHeading(ui, file);

    const whatIf = Boolean(view?.scenario);
    const persona = view?.persona ? view : null;
    ui.personaBar.update(persona, file);
    ui.whatIf.setAttribute("aria-pressed", String(whatIf));
    ui.addStage.disabled = whatIf;
    ui.addStage.title = whatIf ? "Stages belong to the journey: leave What if to add one" : "";
    ui.whatIfBar.root.hidden = !whatIf;
    if (whatIf) {
      ui.whatIfBar.update({
        scenarios: file.scenarios ?? [], current: { id: view.scenario.id, name: view.scenario.name },
        saved: view.scenario.saved, readonly, problem: view.problem,
      });
    }

    const base = view?.journey ? this.#baselineOf(j, file) : null;
    // Exact figures now, simulated ones when they arrive (engine/); large journeys' opportunities too.
    this.#engine.show(
      { journey: shown, json: view?.journey ? view.journey.toJSON() : json, file: shownFile, delta: whatIf ? OPPORTUNITY_DELTA : null },
      base ? { journey: j, json: base.json, file, label: whatIf ? "the baseline" : "everyone" } : null,
    );

    // The new map replaces the old one in place: the canvas keeps its scroll
    // position by itself (no read or write of scrollLeft, which would force
    // a layout of the whole map in the middle of a slider drag).
    const focused = this.shadowRoot.activeElement?.closest?.(".jg-card")?.dataset.id;
    const title = !view?.journey ? file.title
      : whatIf ? `${file.title} — scenario ${view.scenario.name || view.scenario.id}` : `${file.title} — for ${view.persona.name || view.persona.id}`;
    const layout = shown.layout();
    const mapOptions = {
      title, interactive: true, selected: this.#selected, lazyTitles: true, view: () => viewOf(ui.canvas),
      ghost: base?.layout ?? null,
      changed: whatIf ? ui.whatIfParts.module.changedTouchpoints(view.scenario.changes) : persona ? overridden(view.persona) : null,
    };
    // When only emotions or the selection changed (a slider drag, a click
    // on a card) the map is updated in place, not drawn again (map.js).
    const map = ui.canvas.querySelector(":scope > svg.jg-map");
    this.#lastDrawn = view ? null : { layout, file: shownFile, mapOptions };
    if (!map || !updateMap(map, layout, mapOptions)) {
      const fresh = renderMap(layout, mapOptions);
      ui.canvas.replaceChildren(fresh);
      if (focused) this.#focusCard(focused);
      this.#resized?.disconnect();
      this.#resized?.observe(fresh);
      this.#cullSoon();
    }
    const drawnMap = ui.canvas.querySelector(":scope > svg.jg-map");
    markFlow(drawnMap, this.#engine.figures?.analysis);
    markPresence(drawnMap, this.#presence);

    if (!keepInspector) {
      this.#inspected = shownFile;
      // Entry shares (the core's α) for the selected touchpoint's panel.
      let shares = null;
      if (this.#selected) {
        try {
          shares = shown.entryShares();
        } catch {
          shares = null; // no entry: the figures bar says so
        }
      }
      ui.later.inspector({
        file: shownFile,
        // Title, persona and stages belong to the journey: read-only in What-if mode;
        // one persona's journey is read-only but for what that persona meets differently.
        readonly: readonly || (whatIf && !this.#selected) || Boolean(persona?.journey),
        // The settings are the model's, shared by baseline and scenario: editable in What-if mode too.
        settingsReadonly: readonly,
        whatIf, // the Blueprint section: only a fail point's rate is a scenario's (inspector/items.js)
        entryShare: (id) => shares?.[id] ?? null,
        selected: this.#selected,
        edit: (e, o) => this.edit(e, o),
        removeStage: (id) => this.#removeStage(id),
        personas: personasContext(j, file, view?.persona ? view : null, { readonly: this.readonly, shown: this.#persona, show: (id) => { this.persona = id; } }),
      });
    }
    ui.opportunities.hidden = !whatIf;
    if (whatIf) {
      this.#opportunities = [shown, shownFile, view, readonly];
      this.#drawOpportunities(shown, shownFile, view, readonly);
      const { renderChanges, movesOf } = ui.whatIfParts.module;
      renderChanges(ui.changes, {
        scenario: view.scenario, base: file, readonly, open: this.#changesOpen ?? !this.#selected,
        moves: movesOf(j, file, view.scenario), rules: this.#engine.figures?.analysis?.rules ?? shownFile.settings,
        openSettings: () => this.#openSettings(),
        toggled: (open) => { this.#changesOpen = open; },
        removeChange: (i) => this.#removeChange(i),
      });
      if (ui.inspector.firstChild !== ui.changes) ui.inspector.prepend(ui.changes);
    } else {
      this.#opportunities = null;
      ui.changes.remove();
    }
  }

  /** "Fix first": the opportunities of the scenario's journey. */
  #drawOpportunities(shown, shownFile, view, readonly) {
    const figures = this.#engine.figures;
    const problem = view.problem ?? figures?.problem ?? null;
    const emotion = new Map(shownFile.touchpoints.map((t) => [t.id, t.emotion]));
    const opportunities = problem ? null : figures?.opportunities?.map((o) => ({ ...o, current: emotion.get(o.touchpoint) })) ?? null;
    this.#ui.whatIfParts.module.renderOpportunities(this.#ui.opportunities, {
      opportunities, problem, readonly, delta: OPPORTUNITY_DELTA, pending: !problem && !opportunities,
      rules: figures?.analysis?.rules ?? shownFile.settings, file: shownFile, openSettings: () => this.#openSettings(),
      showAll: this.#allOpportunities,
      toggleAll: () => {
        this.#allOpportunities = !this.#allOpportunities;
        this.#render({ keepInspector: true });
      },
      add: (o) => this.#addOpportunity(o),
      removeChange: (i) => this.#removeChange(i),
    });
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
