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

import init, { Journey } from "../journeygraph.js";
import { renderMap } from "./map/map.js";
import { renderLegend } from "./map/legend.js";
import { renderFigures } from "./figures.js";
import { renderInspector } from "./inspector.js";
import { JourneyChangeEvent, JourneyErrorEvent } from "./events.js";
import { ELEMENT_CSS } from "./style.js";

/** Customers simulated for the figures bar: ±1% half-widths, a few ms. */
export const SIMULATED_CUSTOMERS = 10000;

let ready = null;
/** Loads the wasm module once (a no-op when the app already did). */
function engine() {
  ready ??= init();
  return ready;
}

let sheet = null;
function styles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(ELEMENT_CSS);
      return s;
    })();
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = ELEMENT_CSS;
    root.append(style);
  }
}

function h(tag, attrs = {}, text = null) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : String(v));
  if (text !== null) e.textContent = text;
  return e;
}

export class JourneyMapElement extends HTMLElement {
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

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    styles(root);
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

  connectedCallback() {
    if (!this.#ui) this.#build();
    engine().then(
      () => this.#adopt(),
      (error) => this.#fail(error, "load the journey engine"),
    );
  }

  disconnectedCallback() {
    // Free the core object we created once we are really gone (not moved).
    queueMicrotask(() => {
      if (!this.isConnected && this.#owned && this.#journey) {
        this.#journey.free();
        this.#journey = null;
        this.#owned = false;
        this.#pending = null;
      }
    });
  }

  attributeChangedCallback() {
    if (this.#journey) this.#render();
  }

  /**
   * Applies one edit (see the `Edit` type of the package). Returns true
   * when it was applied; false, with a journey-error event and a visible
   * message, when the core refused it (the journey is then unchanged).
   * `options.coalesce`: edits with the same key in a row (a slider drag)
   * become one undo step; `options.commit` ends such a run.
   */
  edit(edit, options = {}) {
    const j = this.#journey;
    if (!j || this.readonly) return false;
    const coalescing = options.coalesce && this.#live === options.coalesce;
    try {
      if (coalescing) j.undo();
      j.apply(edit);
    } catch (error) {
      if (coalescing) j.redo();
      this.#fail(error, "apply this change");
      return false;
    }
    this.#live = options.coalesce && !options.commit ? options.coalesce : null;
    this.#changed("edit", edit, { keepInspector: Boolean(options.live) });
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

  /** Selects a touchpoint by id (null for the journey panel). */
  select(id) {
    this.#selected = id;
    this.#render();
  }

  #step(which) {
    const j = this.#journey;
    if (!j || this.readonly) return false;
    this.#live = null;
    let done;
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
    this.#changed("load", null);
  }

  #changed(reason, edit, { keepInspector = false } = {}) {
    this.#clearError();
    this.#render({ keepInspector });
    this.dispatchEvent(new JourneyChangeEvent({ json: this.#journey.toJSON(), edit, reason }));
  }

  #fail(error, action) {
    const err = error instanceof Error ? error : new Error(String(error));
    if (this.#ui) {
      this.#ui.errorText.textContent = `Could not ${action}: ${err.message}`;
      this.#ui.error.hidden = false;
    }
    this.dispatchEvent(new JourneyErrorEvent({ error: err, action }));
  }

  #clearError() {
    if (this.#ui) this.#ui.error.hidden = true;
  }

  #build() {
    const root = this.shadowRoot;
    const wrap = h("div", { class: "jg-root", part: "root" });
    const head = h("header", { class: "jg-head", part: "header" });
    const titleRow = h("div", { class: "jg-title-row" });
    const title = h("h2", { class: "jg-title", part: "title" }, "Customer journey");
    titleRow.append(title);
    const persona = h("p", { class: "jg-persona", part: "persona", hidden: true });
    head.append(titleRow, persona);

    const toolbar = h("div", { class: "jg-toolbar", part: "toolbar", role: "toolbar", "aria-label": "Journey" });
    const button = (label, handler, attrs = {}) => {
      const b = h("button", { type: "button", ...attrs }, label);
      b.addEventListener("click", handler);
      toolbar.append(b);
      return b;
    };
    const ui = { title, persona, toolbar };
    ui.addStage = button("Add stage", () => this.#addStage(), { "data-action": "add-stage" });
    ui.addTouchpoint = button("Add touchpoint", () => this.#addTouchpoint(), { "data-action": "add-touchpoint" });
    toolbar.append(h("span", { class: "jg-sep", "aria-hidden": "true" }));
    ui.undo = button("Undo", () => this.undo(), { "data-action": "undo", "aria-keyshortcuts": "Control+Z" });
    ui.redo = button("Redo", () => this.redo(), { "data-action": "redo", "aria-keyshortcuts": "Control+Shift+Z" });

    const figures = h("dl", { class: "jg-figures", part: "figures", "aria-label": "Figures", "aria-live": "polite" });
    const error = h("div", { class: "jg-error", part: "error", role: "alert", hidden: true });
    const errorText = h("p");
    const dismiss = h("button", { type: "button", "aria-label": "Dismiss the message" }, "Dismiss");
    dismiss.addEventListener("click", () => this.#clearError());
    error.append(errorText, dismiss);

    const body = h("div", { class: "jg-body" });
    const canvas = h("div", { class: "jg-canvas", part: "canvas", tabindex: "0", role: "region", "aria-label": "Journey map" });
    const inspector = h("aside", { class: "jg-inspector", part: "inspector", "aria-label": "Inspector" });
    body.append(canvas, inspector);
    const legend = h("div", { class: "jg-legend-wrap", part: "legend" });
    legend.append(renderLegend());
    const status = h("div", { class: "jg-status", role: "status" });
    wrap.append(head, toolbar, error, figures, body, legend, status);
    root.append(wrap);
    Object.assign(ui, { figures, error, errorText, canvas, inspector, status });
    this.#ui = ui;

    canvas.addEventListener("click", (e) => {
      const card = e.target.closest?.(".jg-card");
      this.select(card ? card.dataset.id : null);
    });
    canvas.addEventListener("keydown", (e) => {
      const card = e.target.closest?.(".jg-card");
      if (card && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        this.select(card.dataset.id);
        this.#focusCard(card.dataset.id);
      } else if (card && (e.key === "Delete" || e.key === "Backspace") && !this.readonly) {
        e.preventDefault();
        this.edit({ op: "removeTouchpoint", id: card.dataset.id });
      } else if (e.key === "Escape") {
        this.select(null);
      }
    });
    this.addEventListener("keydown", (e) => {
      const mod = e.ctrlKey || e.metaKey;
      const typing = e.composedPath()[0]?.matches?.("input[type=text], input[type=number], textarea");
      if (!mod || typing) return;
      if (e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) this.redo();
        else this.undo();
      } else if (e.key.toLowerCase() === "y") {
        e.preventDefault();
        this.redo();
      }
    });
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

  #addStage() {
    const file = this.#journey.toObject();
    const id = this.#uniqueId("stage", new Set(file.stages.map((s) => s.id)));
    this.edit({ op: "addStage", stage: { id, name: `Stage ${file.stages.length + 1}` } });
  }

  #addTouchpoint() {
    const file = this.#journey.toObject();
    if (!file.stages.length) {
      this.#addStage();
      return this.#addTouchpoint();
    }
    const current = file.touchpoints.find((t) => t.id === this.#selected);
    const stage = current ? current.stage : file.stages[0].id;
    const id = this.#uniqueId("touchpoint", new Set(file.touchpoints.map((t) => t.id)));
    if (this.edit({ op: "addTouchpoint", touchpoint: { id, name: "New touchpoint", stage } })) {
      this.select(id);
    }
  }

  /** Deleting a stage that holds touchpoints asks what to do with them. */
  #removeStage(id) {
    const file = this.#journey.toObject();
    const members = file.touchpoints.filter((t) => t.stage === id);
    if (!members.length) {
      this.edit({ op: "removeStage", id });
      return;
    }
    const stage = file.stages.find((s) => s.id === id);
    const others = file.stages.filter((s) => s.id !== id);
    const dialog = h("dialog", { "aria-labelledby": "jg-del-title" });
    dialog.append(h("h3", { id: "jg-del-title" }, `Delete stage “${stage.name}”?`));
    dialog.append(h("p", {}, `It holds ${members.length} touchpoint${members.length === 1 ? "" : "s"}. What should happen to ${members.length === 1 ? "it" : "them"}?`));
    const row = h("div", { class: "jg-row" });
    let select = null;
    if (others.length) {
      select = h("select", { "aria-label": "Move them to stage" });
      for (const s of others) select.append(h("option", { value: s.id }, s.name));
      const move = h("button", { type: "button", class: "jg-primary" }, "Move them, then delete");
      move.addEventListener("click", () => {
        dialog.close();
        this.edit({ op: "removeStage", id, moveTo: select.value });
      });
      row.append(select, move);
    }
    const all = h("button", { type: "button", class: "jg-danger" }, "Delete them too");
    all.addEventListener("click", () => {
      dialog.close();
      this.edit({ op: "removeStage", id });
    });
    const cancel = h("button", { type: "button" }, "Cancel");
    cancel.addEventListener("click", () => dialog.close());
    row.append(all, cancel);
    dialog.append(row);
    dialog.addEventListener("close", () => dialog.remove());
    this.shadowRoot.append(dialog);
    dialog.showModal();
  }

  #render({ keepInspector = false } = {}) {
    const ui = this.#ui;
    const j = this.#journey;
    if (!ui) return;
    const readonly = this.readonly;
    for (const b of [ui.addStage, ui.addTouchpoint]) b.hidden = readonly;
    ui.undo.hidden = ui.redo.hidden = readonly;
    if (!j) return;
    ui.undo.disabled = !j.canUndo;
    ui.redo.disabled = !j.canRedo;
    const file = j.toObject();
    if (this.#selected && !file.touchpoints.some((t) => t.id === this.#selected)) this.#selected = null;
    ui.title.textContent = file.title || "Untitled journey";
    if (file.persona?.name) {
      const label = h("span", { class: "jg-persona-label" }, "Persona");
      const name = h("strong", {}, file.persona.name);
      ui.persona.replaceChildren(label, name);
      if (file.persona.description) ui.persona.append(document.createTextNode(`— ${file.persona.description}`));
      ui.persona.hidden = false;
    } else {
      ui.persona.hidden = true;
    }

    let figures = null;
    let problem = null;
    try {
      figures = { analysis: j.analyze({ touchpoints: false }), simulation: j.simulate({ customers: SIMULATED_CUSTOMERS, seed: 1 }) };
    } catch (error) {
      problem = error;
    }
    renderFigures(ui.figures, figures, null, problem);

    const scrollLeft = ui.canvas.scrollLeft;
    const focused = this.shadowRoot.activeElement?.closest?.(".jg-card")?.dataset.id;
    ui.canvas.replaceChildren(renderMap(j.layout(), { title: file.title, interactive: true, selected: this.#selected }));
    ui.canvas.scrollLeft = scrollLeft;
    if (focused) this.#focusCard(focused);

    if (!keepInspector) {
      renderInspector(ui.inspector, {
        file,
        readonly,
        selected: this.#selected,
        edit: (e, o) => this.edit(e, o),
        removeStage: (id) => this.#removeStage(id),
      });
    }
    this.dataset.state = "ready";
  }
}

/** Registers the element under `tag` (default "journey-map"); returns the class registered. */
export function define(tag = "journey-map") {
  const existing = customElements.get(tag);
  if (existing) return existing;
  // A subclass per tag, so one page may register the element under two names.
  const cls = class extends JourneyMapElement {};
  customElements.define(tag, cls);
  return cls;
}
