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

import { buildView, renderRail, renderStagePanel, fixed } from "./view.js";
import { drawWallMap } from "./map.js";
import { renderFigures } from "../figures.js";
import { adoptStyles } from "./style.js";
import { requestFullscreen, exitFullscreen, isFullscreen } from "./screen.js";
import { FiguresFeed } from "../engine/feed.js";
import { whyLines } from "./fit.js";
import { drawFocus, curveMoments, cardsOf, figuresSaid, markMoved, PickedPanel } from "./side.js";
import { SIMULATED_CUSTOMERS } from "../engine/client.js";
import { presentKey } from "./keys.js";
import { Draft } from "./draft.js";
import { RoomWatch, roomTally, renderRoom, adoptMeans } from "./room.js";

/** Customers simulated for the wall's figures (as for the editor's figures bar), same seed for baseline and what-if. */
export const PRESENT_CUSTOMERS = SIMULATED_CUSTOMERS;

const clamp = (x) => Math.max(-1, Math.min(1, x));
const round = (x) => Math.round(x * 100) / 100;

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
  /** The what-if (draft.js): touchpoint id → emotion, and the scenario it was kept as. */
  #draft = new Draft();
  /** The baseline: { file, layout, figures, problem, emotions }. */
  #base = null;
  /** What the wall shows: the what-if's { layout, figures, problem } (the baseline's when there is no change). */
  #shown = null;
  #reveal = null;
  /** The picked touchpoint's controls (side.js). */
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
        this.#draft.reset();
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
    view.root.addEventListener("keydown", (e) => presentKey(e, view.root, this.#wall()));
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
    this.#draft.follow(this.#base);
    if (this.#picked && !this.#base.emotions.has(this.#picked)) this.#picked = null;
    this.#step = Math.min(this.#step, file.stages.length);
    this.#compute();
    this.#render();
  }

  /** The draft's changes in journey order. */
  #changes() {
    return this.#draft.changes(this.#base.file);
  }

  /** The what-if's layout and figures, from a Journey made for it and freed at once. */
  #compute() {
    if (!this.#draft.size) {
      this.#shown = this.#base;
      return;
    }
    let what = null;
    try {
      what = this.#host.journey.withScenario(this.#draft.scenario(this.#base.file));
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
    markMoved(this.#view.figures, this.#values);
  }

  #renderMap() {
    this.#reveal = drawWallMap(this.#view.strip, this.#shown.layout, {
      title: this.#base.file.title,
      selected: this.#picked,
      ghost: this.#draft.size ? this.#base.layout : null,
      changed: new Set(this.#draft.keys()),
    }, (id) => this.#pick(id));
    this.#reveal(this.#step);
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
    const tally = roomTally(this.#host.room);
    drawFocus(v, { stage, layout: this.#shown.layout, analysis: this.#shown.figures?.analysis, draft: this.#draft, base: this.#base.emotions, tally, pick: (id) => this.#pick(id) });
    if (this.#picked) {
      const tp = cards.find((c) => c.id === this.#picked);
      if (tp) {
        const stageOf = stages.find((s) => s.id === tp.stage);
        this.#editor ??= new PickedPanel({
          set: (value, commit) => this.#set(value, commit),
          revert: (id) => this.#set(this.#base.emotions.get(id) ?? 0, true),
          done: () => this.#unpick(),
        });
        this.#editor.show(v.panel, tp, stageOf?.name, this.#base.emotions.get(tp.id) ?? 0, this.#why(), () => this.#roomPanel([tp], stageOf ?? stage, tally));
        return;
      }
      this.#picked = null;
    }
    this.#editor?.drop();
    const names = new Map(cards.map((c) => [c.id, c.name]));
    const moments = curveMoments(this.#shown.layout);
    v.panel.style.removeProperty("--k");
    renderStagePanel(v.panel, {
      stage,
      touchpoints: cardsOf(this.#shown.layout, stage),
      moments,
      draft: this.#draft,
      base: this.#base.emotions,
      changes: this.#changes().map((c) => `${names.get(c.touchpoint) ?? c.touchpoint}: ${fixed(this.#base.emotions.get(c.touchpoint) ?? 0)} \u2192 ${fixed(c.emotion)}`),
      why: this.#why(),
      pick: (id) => this.#pick(id),
    });
    this.#roomPanel(cardsOf(this.#shown.layout, stage), stage, tally);
    if (focusedTile) [...v.root.querySelectorAll(".jgp-tile")].find((t) => t.dataset.id === focusedTile)?.focus({ preventScroll: true });
  }

  /** What the what-if moved and why, for the room (fit.js). */
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
    able(v.keep, n > 0 && !this.#draft.saved(this.#base.file));
  }

  /** Says `text` to screen readers (the wall shows it already). */
  #announce(text, delay = 0) {
    clearTimeout(this.#announced);
    this.#announced = setTimeout(() => {
      this.#view.live.textContent = text;
    }, delay);
  }

  // ---- The room (room.js) ----

  /** Watches the host's room (room.js): what it rates shows on the next frame; the phones follow the stage. */
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

  /** The room's means as the emotions of `ids`: in the what-if, or in the baseline (room.js). */
  #adopt(ids, where) {
    const names = new Map(this.#shown.layout.cards.map((c) => [c.id, c.name]));
    const said = adoptMeans({ room: this.#rooms.room, ids, where, base: this.#base, names, draft: this.#draft, host: this.#host });
    if (said === null || where === "baseline") {
      if (said) {
        this.#view.kept.textContent = said;
        this.#announce(said);
      }
      return;
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
    this.#editor?.focus();
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
    this.#draft.try(id, v, this.#base.emotions.get(id) ?? 0);
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
    if (f?.analysis && b?.analysis) this.#announce(figuresSaid(f, b), 500);
  }

  #reset() {
    if (!usable(this.#view.reset)) return;
    this.#draft.reset();
    this.#view.kept.textContent = "";
    this.#compute();
    this.#render();
    this.#editor?.focus();
    this.#announce("Back to the baseline.");
  }

  #keep() {
    if (!usable(this.#view.keep) || !this.#draft.size) return;
    // The journey-change this causes refreshes the view.
    const name = this.#draft.keep(this.#host, this.#base.file);
    if (name === null) return;
    this.#renderWhatIf();
    this.#view.kept.textContent = `Kept as the scenario \u201c${name}\u201d.`;
  }

  /** What the keys (keys.js) can do now. */
  #wall() {
    const picked = this.#picked;
    return {
      leave: () => this.#leave(),
      next: () => this.#next(),
      previous: () => this.#previous(),
      go: (step) => this.#go(step),
      stages: this.#base?.file.stages.length ?? 0,
      nudge: picked ? (by) => this.#set((this.#shown.layout.cards.find((c) => c.id === picked)?.emotion ?? 0) + by, true) : null,
    };
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
