// Workshop mode (SPEC section 9): "Present" turns <journey-map> into a
// projector view. Full screen where the browser allows it, else the same
// view filling the page; large type and a high-contrast theme; one stage
// at a time on → ← PageDown PageUp, the first and last on Home and End,
// the whole journey on W (or 0); a
// live what-if on the wall; Escape leaves. `<journey-map mode="present">`
// opens the same view, and leaving removes the attribute again.
//
//   const present = installPresenter(element, { toolbar, fail });   // lazy.js: the button
//   present.sync();   // after the `mode` attribute changed; the first time
//                     // the view opens, lazy.js loads this module and calls
//                     // attachPresenter(element, { fail, button })
//
// The what-if works on a draft scenario ({touchpoint, emotion} changes):
// the figures and the map come from journey.withScenario(draft), the
// baseline is never touched, and "Keep as scenario" saves the draft into
// the journey through the element's public edit() (one undoable step).

import { buildView, renderRail, renderStagePanel, renderFocus, buildEditor } from "./present-view.js";
import { presentMap } from "./present-map.js";
import { renderFigures } from "./figures.js";
import { PRESENT_CSS, PRINT_CSS } from "./present-style.js";
import { requestFullscreen, exitFullscreen, isFullscreen } from "./present-screen.js";
import { FiguresFeed } from "./engine/feed.js";
import { fitFocus, whyLines } from "./present-fit.js";
import { SIMULATED_CUSTOMERS } from "./engine/client.js";
import { RoomWatch, roomTally, tallyLine, renderRoom, roomMean, adoptEdits } from "./present-room.js";

/** Customers simulated for the wall's figures (as for the editor's figures bar), same seed for baseline and what-if. */
export const PRESENT_CUSTOMERS = SIMULATED_CUSTOMERS;

let sheet = null;
/** Adds workshop mode's styles (and the print poster's) to the shadow root, after the editor's. */
function adoptStyles(root) {
  const css = PRESENT_CSS + PRINT_CSS;
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    })();
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = css;
    root.append(style);
  }
}

const clamp = (x) => Math.max(-1, Math.min(1, x));
const round = (x) => Math.round(x * 100) / 100;
const fixed = (x) => `${x < -0.004 ? "\u2212" : x > 0.004 ? "+" : ""}${Math.abs(x).toFixed(2)}`;
const pct = (x) => `${(100 * x).toFixed(1)}%`;

/** Whether a button marked unavailable with aria-disabled (it keeps focus, unlike `disabled`). */
function able(button, on) {
  if (on) button.removeAttribute("aria-disabled");
  else button.setAttribute("aria-disabled", "true");
}
const usable = (button) => button.getAttribute("aria-disabled") !== "true";


class Presenter {
  open = false;
  #host;
  #fail;
  #button;
  #view = null;
  /** The current stage's index; the number of stages means the whole journey. */
  #step = 0;
  #picked = null;
  /** The what-if: touchpoint id → emotion. */
  #draft = new Map();
  /** The scenario this draft was kept as ({id, name}), or null. */
  #kept = null;
  /** The baseline: { file, layout, figures, problem, emotions }. */
  #base = null;
  /** What the wall shows: the what-if's { layout, figures, problem } (the baseline's when there is no change). */
  #shown = null;
  #reveal = null;
  #editor = null;
  #full = "no";
  #frame = 0;
  #values = new Map();
  #announced = 0;
  #onFullscreenChange = () => this.#fullscreenChanged();
  /** The figures of the baseline and of the what-if, as the same engine path as the editor's bar gives them (engine/). */
  #baseFeed = new FiguresFeed(() => this.#figuresArrived());
  #shownFeed = new FiguresFeed(() => this.#figuresArrived());
  /** Whether the figures' announcement waits for the simulated figures. */
  #announceWhenDone = false;
  /** The room watched (the host's `room`), and whether its review is open. */
  #rooms = new RoomWatch(() => this.open && this.#base && this.#renderSide(), (error, action) => this.#fail(error, action));
  #reviewing = false;

  constructor(host, { fail, button }) {
    this.#host = host;
    this.#fail = fail;
    this.#button = button;
    host.addEventListener("journey-change", (e) => {
      if (e.detail?.reason === "load") {
        this.#draft.clear();
        this.#kept = null;
        this.#picked = null;
      }
      if (this.open) this.#refresh();
    });
    host.addEventListener("jg-room-change", () => {
      if (this.open) this.#watchRoom();
    });
  }

  /** Opens or closes the view to match the `mode` attribute. */
  sync() {
    const want = this.#host.getAttribute("mode") === "present";
    if (want && !this.open) this.#enter();
    else if (!want && this.open) this.#leave();
  }

  #enter() {
    this.open = true;
    const root = this.#host.shadowRoot;
    this.#view ??= this.#build();
    this.#step = 0;
    this.#picked = null;
    this.#values.clear();
    this.#view.kept.textContent = "";
    root.append(this.#view.root);
    const editor = root.querySelector(".jg-root");
    if (editor) editor.inert = true;
    document.addEventListener("fullscreenchange", this.#onFullscreenChange);
    this.#refresh();
    this.#watchRoom();
    requestFullscreen(this.#host, (state) => this.#setFull(state), () => this.open);
    this.#view.root.focus({ preventScroll: true });
  }

  #leave() {
    this.open = false;
    cancelAnimationFrame(this.#frame);
    this.#rooms.stop();
    document.removeEventListener("fullscreenchange", this.#onFullscreenChange);
    exitFullscreen(this.#host);
    this.#view.root.remove();
    const editor = this.#host.shadowRoot.querySelector(".jg-root");
    if (editor) editor.inert = false;
    this.#setFull("no");
    if (this.#host.getAttribute("mode") === "present") this.#host.removeAttribute("mode");
    if (this.#button.isConnected && !this.#button.hidden) this.#button.focus({ preventScroll: true });
  }

  #fullscreenChanged() {
    if (!this.open) return;
    if (isFullscreen(this.#host)) this.#setFull("yes");
    else if (this.#full === "yes") this.#leave(); // Escape or F11 ended full screen: leave the view with it
  }

  #setFull(state) {
    this.#full = state;
    if (!this.#view) return;
    this.#view.root.dataset.fullscreen = state;
    this.#view.note.hidden = state !== "no";
    this.#view.note.textContent = state === "no" ? "Full screen is not allowed here" : "";
  }

  #build() {
    const view = buildView({
      previous: () => this.#previous(),
      next: () => this.#next(),
      go: (step) => this.#go(step),
      leave: () => this.#leave(),
      reset: () => this.#reset(),
      keep: () => this.#keep(),
    });
    view.root.addEventListener("keydown", (e) => this.#keydown(e));
    // Entering full screen (or turning a screen) resizes the panel: fit the stage again.
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(() => {
        if (this.open && this.#base) this.#renderSide();
      }).observe(view.map);
    }
    view.map.addEventListener("click", (e) => {
      const card = e.target.closest?.(".jg-card");
      if (card) this.#pick(card.dataset.id);
    });
    return view;
  }

  // ---- State ----

  /** Reads the baseline again (on entering, and after every change of the journey). */
  #refresh() {
    const j = this.#host.journey;
    if (!j) {
      this.#base = null;
      this.#view.stageName.textContent = "Loading the journey\u2026";
      return;
    }
    const file = j.view();
    const figures = this.#baseFeed.request(j, { file });
    this.#base = { file, layout: j.layout(), figures, problem: figures.problem, emotions: new Map(file.touchpoints.map((t) => [t.id, t.emotion])) };
    for (const id of [...this.#draft.keys()]) if (!this.#base.emotions.has(id)) this.#draft.delete(id);
    if (this.#picked && !this.#base.emotions.has(this.#picked)) this.#picked = null;
    if (this.#kept && !(file.scenarios ?? []).some((s) => s.id === this.#kept.id)) this.#kept = null;
    this.#step = Math.min(this.#step, file.stages.length);
    this.#compute();
    this.#render();
  }

  /** The draft's changes in journey order. */
  #changes() {
    return this.#base.file.touchpoints.filter((t) => this.#draft.has(t.id)).map((t) => ({ touchpoint: t.id, emotion: this.#draft.get(t.id) }));
  }

  /** The what-if's layout and figures, from a Journey made for it and freed at once. */
  #compute() {
    if (!this.#draft.size) {
      this.#shown = this.#base;
      return;
    }
    let what = null;
    try {
      what = this.#host.journey.withScenario({ id: this.#kept?.id ?? "workshop", name: "Workshop what-if", changes: this.#changes() });
      const figures = this.#shownFeed.request(what, { file: this.#base.file });
      this.#shown = { layout: what.layout(), figures, problem: figures.problem };
    } catch (error) {
      this.#draft.clear();
      this.#shown = this.#base;
      this.#fail(error, "try this change");
    } finally {
      what?.free();
    }
  }

  // ---- Rendering ----

  #render() {
    if (!this.#base) return;
    this.#view.journey.textContent = this.#base.file.title || "Untitled journey";
    this.#renderFigures();
    this.#renderMap();
    this.#renderStep();
    this.#renderWhatIf();
  }

  /** Figures that were pending arrived: the wall shows them. */
  #figuresArrived() {
    if (!this.open || !this.#base) return;
    this.#base.figures = this.#baseFeed.figures ?? this.#base.figures;
    this.#base.problem = this.#base.figures?.problem ?? null;
    if (this.#shown !== this.#base && this.#shownFeed.figures) {
      this.#shown.figures = this.#shownFeed.figures;
      this.#shown.problem = this.#shown.figures.problem;
    }
    this.#renderFigures();
    if (this.#announceWhenDone && this.#shown.figures?.simulation) this.#announceFigures();
  }

  #renderFigures() {
    const changed = this.#draft.size > 0;
    const base = changed && this.#base.figures ? this.#base.figures : null;
    renderFigures(this.#view.figures, this.#shown.figures, base, this.#shown.problem);
    for (const fig of this.#view.figures.querySelectorAll(".jg-figure")) {
      const key = fig.dataset.figure;
      const value = fig.querySelector(".jg-value");
      if (!value || value.classList.contains("jg-pending")) continue;
      const text = value.textContent;
      if (this.#values.has(key) && this.#values.get(key) !== text) fig.classList.add("jgp-moved");
      this.#values.set(key, text);
    }
  }

  #renderMap() {
    const root = this.#host.shadowRoot;
    const focused = root.activeElement?.closest?.(".jgp-map .jg-card")?.dataset.id;
    const { map, show } = presentMap(this.#shown.layout, {
      title: this.#base.file.title,
      selected: this.#picked,
      ghost: this.#draft.size ? this.#base.layout : null,
      changed: new Set(this.#draft.keys()),
    });
    this.#view.strip.replaceChildren(map);
    this.#reveal = show;
    show(this.#step);
    if (focused) map.querySelector(`.jg-card[data-id="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
    map.addEventListener("keydown", (e) => {
      const card = e.target.closest?.(".jg-card");
      if (card && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        this.#pick(card.dataset.id);
      }
    });
  }

  #renderStep() {
    const v = this.#view;
    const stages = this.#base.file.stages;
    const n = stages.length;
    const whole = this.#step >= n;
    v.count.textContent = whole ? (n === 1 ? "1 stage" : `${n} stages`) : `Stage ${this.#step + 1} of ${n}`;
    v.stageName.textContent = whole ? "The whole journey" : stages[this.#step].name;
    v.root.dataset.step = whole ? "all" : String(this.#step);
    v.root.dataset.stage = whole ? "" : stages[this.#step].id;
    this.#rooms.tell(whole ? null : stages[this.#step].id);
    renderRail(v, stages, this.#step, (i) => this.#go(i));
    able(v.previous, !whole ? this.#step > 0 : n > 0);
    able(v.next, !whole);
    this.#reveal?.(this.#step);
    this.#renderSide();
  }

  #renderSide() {
    const root = this.#host.shadowRoot;
    const had = this.#view.root.contains(root.activeElement);
    this.#drawSide();
    // A control drawn anew (a rating removed from the review, an adopt
    // button) takes the focus with it: the focus stays in the view, where its keys work.
    if (had && !this.#view.root.contains(root.activeElement)) (this.#view.panel.querySelector(".jgp-room-review summary") ?? this.#view.root).focus({ preventScroll: true });
  }

  #drawSide() {
    const v = this.#view;
    const cards = this.#shown.layout.cards;
    const stages = this.#base.file.stages;
    const stage = this.#step < stages.length ? stages[this.#step] : null;
    const focusedTile = this.#host.shadowRoot.activeElement?.closest?.(".jgp-tile")?.dataset.id;
    // The current stage, large, on the map region; fitted to it (nobody scrolls with a clicker).
    const analysis = this.#shown.figures?.analysis;
    const tally = roomTally(this.#host.room);
    renderFocus(v.focus, {
      stage,
      touchpoints: stage ? cards.filter((c) => c.stage === stage.id) : [],
      notes: stage ? this.#shown.layout.lanes.map((lane) => ({
        kind: lane.kind, title: lane.title, texts: lane.cells.find((c) => c.stage === stage.id)?.texts ?? [],
      })) : [],
      reach: analysis?.touchpoints ? new Map(Object.entries(analysis.touchpoints).map(([id, t]) => [id, { reach: t.reach, leave: t.visits * t.dropout }])) : null,
      draft: this.#draft,
      base: this.#base.emotions,
      pick: (id) => this.#pick(id),
    });
    if (tally) for (const tile of v.focus.querySelectorAll(".jgp-tile")) {
      const t = tally.get(tile.dataset.id);
      if (t?.count) tile.querySelector(".jgp-tile-text")?.append(tallyLine(t));
    }
    if (stage) this.#fit();
    if (this.#picked) {
      const tp = cards.find((c) => c.id === this.#picked);
      if (tp) {
        if (this.#editor?.id !== tp.id) {
          const stage = this.#base.file.stages.find((s) => s.id === tp.stage);
          this.#editor = buildEditor(stage?.name, {
            set: (value, { commit }) => this.#set(value, commit),
            revert: () => {
              this.#set(this.#base.emotions.get(tp.id) ?? 0, true);
              this.#editor?.slider.focus();
            },
            done: () => this.#unpick(),
          });
          this.#editor.id = tp.id;
          v.panel.style.removeProperty("--k");
          v.panel.replaceChildren(this.#editor.root);
        }
        const why = this.#why();
        this.#editor.update(tp, this.#base.emotions.get(tp.id) ?? 0, why);
        v.panel.querySelector(".jgp-room")?.remove();
        this.#roomPanel([tp], stages.find((s) => s.id === tp.stage) ?? stage, tally);
        // The controls and why it moves in view, without scrolling: smaller type if need be.
        const key = why.join("\n");
        if (this.#editor.fitted !== key) {
          this.#editor.fitted = key;
          for (const k of [1, 0.92, 0.85, 0.78, 0.7]) {
            v.panel.style.setProperty("--k", String(k));
            if (v.panel.scrollHeight <= v.panel.clientHeight + 1) break;
          }
        }
        return;
      }
      this.#picked = null;
    }
    this.#editor = null;
    const focused = focusedTile;
    const names = new Map(cards.map((c) => [c.id, c.name]));
    const { curve } = this.#shown.layout;
    const at = (i) => (i === null || i === undefined ? null : cards.find((c) => c.id === curve.points[i]?.id));
    const moments = [];
    const peak = at(curve.peak);
    const end = at(curve.end);
    // The same moments and the same felt values as the curve draws (felt = emotion × impact).
    const felt = (i) => `felt ${fixed(curve.points[i].felt)}`;
    const endNote = typeof curve.endShare === "number" ? `, ${Math.round(100 * curve.endShare)}% end here` : "";
    if (peak) moments.push({ label: peak === end ? `Peak and end \u00b7 ${felt(curve.peak)}${endNote}` : `Peak \u00b7 ${felt(curve.peak)}`, tp: peak });
    if (end && end !== peak) moments.push({ label: `End \u00b7 ${felt(curve.end)}${endNote}`, tp: end });
    v.panel.style.removeProperty("--k");
    renderStagePanel(v.panel, {
      stage,
      touchpoints: stage ? cards.filter((c) => c.stage === stage.id) : [],
      moments,
      draft: this.#draft,
      base: this.#base.emotions,
      changes: this.#changes().map((c) => `${names.get(c.touchpoint) ?? c.touchpoint}: ${fixed(this.#base.emotions.get(c.touchpoint) ?? 0)} \u2192 ${fixed(c.emotion)}`),
      why: this.#why(),
      pick: (id) => this.#pick(id),
    });
    this.#roomPanel(stage ? cards.filter((c) => c.stage === stage.id) : [], stage, tally);
    if (focused) [...v.root.querySelectorAll(".jgp-tile")].find((t) => t.dataset.id === focused)?.focus({ preventScroll: true });
  }

  /** The stage fitted to the map area (present-fit.js). */
  #fit() {
    fitFocus(this.#view.focus);
  }

  /** What the what-if moved and why, for the room (present-fit.js). */
  #why() {
    if (!this.#draft.size) return [];
    return whyLines(this.#host.journey, this.#base, this.#shown, this.#changes());
  }

  #renderWhatIf() {
    const v = this.#view;
    const n = this.#draft.size;
    v.state.textContent = n ? `What if: ${n === 1 ? "1 touchpoint" : `${n} touchpoints`} changed` : "The baseline: nothing changed yet";
    v.state.toggleAttribute("data-changed", n > 0);
    able(v.reset, n > 0);
    v.keep.hidden = this.#host.readonly;
    const saved = this.#kept && this.#kept.json === JSON.stringify(this.#changes());
    able(v.keep, n > 0 && !saved);
  }

  /** Says `text` to screen readers (the wall shows it already). */
  #announce(text, delay = 0) {
    clearTimeout(this.#announced);
    this.#announced = setTimeout(() => {
      this.#view.live.textContent = text;
    }, delay);
  }

  // ---- The room (present-room.js) ----

  /** Watches the host's room (present-room.js): what it rates shows on the next frame; the phones follow the stage. */
  #watchRoom() {
    this.#rooms.watch(this.#host.room ?? null);
    if (this.#base) {
      this.#rooms.tell(this.#step < this.#base.file.stages.length ? this.#base.file.stages[this.#step].id : null);
      this.#renderSide();
    }
  }

  #roomPanel(touchpoints, stage, tally) {
    renderRoom(this.#view.panel, {
      room: this.#rooms.room, stage, touchpoints, tally,
      names: new Map(this.#shown.layout.cards.map((c) => [c.id, c.name])),
      adopt: (ids, where) => this.#adopt(ids, where),
      readonly: this.#host.readonly,
      reviewing: this.#reviewing,
      onReview: (open) => (this.#reviewing = open),
    });
  }

  /** The room's means as the emotions of `ids`: in the what-if, or in the baseline (one undoable edit, marked measured). */
  #adopt(ids, where) {
    const tally = roomTally(this.#rooms.room);
    const means = ids.map((id) => [id, roomMean(tally, id)]).filter(([id, m]) => m !== null && this.#base?.emotions.has(id));
    if (!means.length) return;
    const names = new Map(this.#shown.layout.cards.map((c) => [c.id, c.name]));
    const said = means.map(([id, m]) => `${names.get(id) ?? id} ${fixed(m)}`).join(", ");
    if (where === "baseline") {
      const edits = adoptEdits(this.#host.journey.toObject(), means, tally);
      // The adopted emotions leave the what-if before the journey-change refreshes the view (back if the edit is refused).
      const drafted = new Map(this.#draft);
      for (const [id] of means) this.#draft.delete(id);
      if (!this.#host.edit(edits.length === 1 ? edits[0] : { op: "batch", edits })) this.#draft = drafted;
      else {
        this.#view.kept.textContent = `The room's ${means.length === 1 ? "mean is" : "means are"} now the baseline: ${said}.`;
        this.#announce(this.#view.kept.textContent);
      }
      return;
    }
    for (const [id, m] of means) {
      if (Math.abs(m - (this.#base.emotions.get(id) ?? 0)) < 1e-9) this.#draft.delete(id);
      else this.#draft.set(id, m);
    }
    this.#view.kept.textContent = "";
    this.#compute();
    this.#render();
    this.#announceFigures();
  }

  // ---- Stepping ----

  #go(step) {
    if (!this.#base) return;
    const n = this.#base.file.stages.length;
    const next = Math.max(0, Math.min(n, step));
    if (this.#picked) {
      const card = this.#shown.layout.cards.find((c) => c.id === this.#picked);
      const index = this.#base.file.stages.findIndex((s) => s.id === card?.stage);
      if (next < n && index !== next) this.#picked = null;
    }
    const had = this.#view.root.contains(this.#host.shadowRoot.activeElement);
    this.#step = next;
    if (this.#picked) this.#renderMap(); // the selection mark follows
    this.#renderStep();
    if (!had || !this.#view.root.contains(this.#host.shadowRoot.activeElement)) this.#view.root.focus({ preventScroll: true });
    this.#announce(next >= n ? "The whole journey" : `Stage ${next + 1} of ${n}: ${this.#base.file.stages[next].name}`);
  }

  #next() {
    if (this.#base && this.#step < this.#base.file.stages.length) this.#go(this.#step + 1);
  }

  #previous() {
    if (!this.#base) return;
    const n = this.#base.file.stages.length;
    if (this.#step >= n) this.#go(n - 1);
    else if (this.#step > 0) this.#go(this.#step - 1);
  }

  // ---- What-if ----

  #pick(id) {
    if (!this.#base || !this.#base.emotions.has(id)) return;
    this.#picked = id;
    this.#renderMap();
    this.#renderSide();
    this.#editor?.slider.focus({ preventScroll: true });
    const tp = this.#shown.layout.cards.find((c) => c.id === id);
    if (tp) this.#announce(`${tp.name}: emotion ${fixed(tp.emotion)}. Change it with the slider or the minus and plus buttons.`);
  }

  #unpick() {
    const id = this.#picked;
    this.#picked = null;
    this.#renderMap();
    this.#renderSide();
    const tile = [...this.#view.root.querySelectorAll(".jgp-tile")].find((t) => t.dataset.id === id);
    (tile ?? this.#view.root).focus({ preventScroll: true });
  }

  /** Sets the picked touchpoint's emotion in the draft; the wall follows on the next frame. */
  #set(value, commit) {
    const id = this.#picked;
    if (!id || !Number.isFinite(value)) return;
    const v = round(clamp(value));
    const base = this.#base.emotions.get(id) ?? 0;
    if (Math.abs(v - base) < 1e-9) this.#draft.delete(id);
    else this.#draft.set(id, v);
    this.#view.kept.textContent = "";
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      if (!this.open) return;
      this.#compute();
      this.#renderFigures();
      this.#renderMap();
      this.#renderSide();
      this.#renderWhatIf();
      if (commit) this.#announceFigures();
    });
  }

  #announceFigures() {
    const f = this.#shown.figures;
    const b = this.#base.figures;
    this.#announceWhenDone = Boolean(f && !f.problem && !f.simulation && !f.simulationProblem);
    if (!f?.analysis || !b?.analysis) return;
    const points = (x) => `${x >= 0 ? "plus" : "minus"} ${Math.abs(100 * x).toFixed(1)} points`;
    this.#announce(`Success ${pct(f.analysis.success)}, ${points(f.analysis.success - b.analysis.success)}; `
      + `dropout ${pct(f.analysis.dropout)}, ${points(f.analysis.dropout - b.analysis.dropout)}`
      + (f.simulation ? `; remembered ${fixed(f.simulation.remembered.mean)}.` : "; the remembered experience is being simulated."), 500);
  }

  #reset() {
    if (!usable(this.#view.reset)) return;
    this.#draft.clear();
    this.#kept = null;
    this.#view.kept.textContent = "";
    this.#compute();
    this.#render();
    if (this.#editor) this.#editor.slider.focus({ preventScroll: true });
    this.#announce("Back to the baseline.");
  }

  #keep() {
    if (!usable(this.#view.keep) || !this.#draft.size) return;
    const file = this.#host.journey.toObject();
    const taken = new Set((file.scenarios ?? []).map((s) => s.id));
    let record = this.#kept && taken.has(this.#kept.id) ? this.#kept : null;
    if (!record) {
      let k = 1;
      while (taken.has(`workshop-${k}`)) k += 1;
      record = { id: `workshop-${k}`, name: `Workshop what-if ${k}` };
    }
    const scenario = { id: record.id, name: record.name, changes: this.#changes() };
    // The journey-change this causes refreshes the view.
    if (this.#host.edit({ op: "putScenario", scenario })) {
      this.#kept = { id: record.id, name: record.name, json: JSON.stringify(scenario.changes) };
      this.#renderWhatIf();
      this.#view.kept.textContent = `Kept as the scenario \u201c${record.name}\u201d.`;
    }
  }

  // ---- Keys ----

  #keydown(e) {
    // Keys stay in the view: the editor's shortcuts (undo, delete) must not act behind it.
    e.stopPropagation();
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0];
    const field = Boolean(target?.matches?.("input, select, textarea"));
    const go = (fn) => {
      e.preventDefault();
      fn();
    };
    switch (e.key) {
      case "Escape":
        return go(() => this.#leave());
      case "Tab":
        return this.#trap(e);
      case "PageDown":
        return go(() => this.#next());
      case "PageUp":
        return go(() => this.#previous());
      case "ArrowRight":
        return field ? undefined : go(() => this.#next());
      case "ArrowLeft":
        return field ? undefined : go(() => this.#previous());
      // As in a slide deck: Home the first stage, End the last; W (or 0) the whole journey.
      case "Home":
        return field ? undefined : go(() => this.#go(0));
      case "End":
        return field ? undefined : go(() => this.#go(Math.max(0, (this.#base?.file.stages.length ?? 1) - 1)));
      case "w":
      case "W":
      case "0":
        return field ? undefined : go(() => this.#go(Infinity));
      case "ArrowDown":
      case "ArrowUp":
        return this.#moveFocus(e, target, e.key === "ArrowDown" ? 1 : -1);
      case "+":
      case "=":
      case "-":
        if (field || !this.#picked) return undefined;
        return go(() => this.#set((this.#shown.layout.cards.find((c) => c.id === this.#picked)?.emotion ?? 0) + (e.key === "-" ? -0.1 : 0.1), true));
      default:
        if (!field && /^[1-9]$/.test(e.key) && this.#base && Number(e.key) <= this.#base.file.stages.length) {
          return go(() => this.#go(Number(e.key) - 1));
        }
    }
    return undefined;
  }

  /** ↑ and ↓ move between the cards shown on the map, or between the tiles. */
  #moveFocus(e, target, by) {
    const kind = target?.closest?.(".jg-card") ? ".jgp-map .jg-card" : target?.closest?.(".jgp-tile") ? ".jgp-tile" : null;
    if (!kind) return;
    const items = [...this.#view.root.querySelectorAll(kind)].filter((el) => !el.classList.contains("jgp-ahead"));
    const i = items.indexOf(target.closest(kind.split(" ").pop()));
    const next = items[i + by];
    if (!next) return;
    e.preventDefault();
    if (next.matches(".jg-card")) {
      for (const el of items) el.setAttribute("tabindex", "-1");
      next.setAttribute("tabindex", "0");
    }
    next.focus({ preventScroll: true });
  }

  /** Tab and Shift+Tab go round the view, never behind it. */
  #trap(e) {
    const items = [...this.#view.root.querySelectorAll("button, input, select, textarea, [tabindex]")].filter((el) =>
      el.tabIndex >= 0 && !el.disabled && !el.hidden && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden");
    if (!items.length) return;
    const i = items.indexOf(this.#host.shadowRoot.activeElement);
    if (e.shiftKey && i <= 0) {
      e.preventDefault();
      items[items.length - 1].focus();
    } else if (!e.shiftKey && i === items.length - 1) {
      e.preventDefault();
      items[0].focus();
    }
  }
}

/**
 * Runs workshop mode on `host` (a <journey-map>) with its "Present"
 * `button` (made by lazy.js, which loads this module the first time the view
 * is to open: a click, or mode="present"). Returns { sync(), presenting }.
 * `fail(error, action)` shows a problem the way the editor does.
 */
export function attachPresenter(host, { fail, button }) {
  adoptStyles(host.shadowRoot);
  const presenter = new Presenter(host, { fail, button });
  return {
    sync: () => presenter.sync(),
    get presenting() {
      return presenter.open;
    },
  };
}
