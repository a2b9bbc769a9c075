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
// Here: the presenter (entering and leaving, stepping, the what-if's
// controls, the room watched); wall.js has the baseline's and the
// what-if's figures, render.js draws them.

import { buildView, fixed } from "./view.js";
import { adoptStyles } from "./style.js";
import { requestFullscreen, exitFullscreen, isFullscreen } from "./screen.js";
import { figuresSaid } from "./side.js";
import { SIMULATED_CUSTOMERS } from "../engine/client.js";
import { presentKey } from "./keys.js";
import { Wall } from "./wall.js";
import { drawWall, drawFigures, drawMap, drawStep, drawSide, drawWhatIf } from "./render.js";
import { RoomWatch, adoptMeans } from "./room.js";

/** Customers simulated for the wall's figures (as for the editor's figures bar), same seed for baseline and what-if. */
export const PRESENT_CUSTOMERS = SIMULATED_CUSTOMERS;

const clamp = (x) => Math.max(-1, Math.min(1, x));
const round = (x) => Math.round(x * 100) / 100;

/** Whether a button is usable (render.js marks one unavailable with aria-disabled: it keeps focus, unlike `disabled`). */
const usable = (button) => button.getAttribute("aria-disabled") !== "true";


class Presenter {
  open = false;
  #host;
  #fail;
  #button;
  /** What render.js draws from and keeps: the view (view.js), the stage shown, the picked touchpoint and its controls. */
  #s = {
    view: null,
    /** The current stage's index; the number of stages means the whole journey. */
    step: 0,
    picked: null,
    reveal: null,
    /** The picked touchpoint's controls (side.js). */
    editor: null,
    values: new Map(),
    /** Whether the room's review is open. */
    reviewing: false,
  };
  /** The baseline, the what-if (its draft) and their figures (wall.js). */
  #wall;
  #full = "no";
  #frame = 0;
  #announced = 0;
  #onFullscreenChange = () => this.#fullscreenChanged();
  /** Whether the figures' announcement waits for the simulated figures. */
  #announceWhenDone = false;
  /** The room watched (the host's `room`). */
  #rooms = new RoomWatch(() => this.open && this.#wall.base && drawSide(this.#p), (error, action) => this.#fail(error, action));
  /** The presenter's context for render.js. */
  #p;

  constructor(host, { fail, button }) {
    this.#host = host;
    this.#fail = fail;
    this.#button = button;
    this.#wall = new Wall(host, { arrived: () => this.#figuresArrived(), fail });
    this.#p = {
      host, s: this.#s, wall: this.#wall, rooms: this.#rooms,
      pick: (id) => this.#pick(id), go: (step) => this.#go(step), set: (value, commit) => this.#set(value, commit),
      unpick: () => this.#unpick(), adopt: (ids, where) => this.#adopt(ids, where),
    };
    host.addEventListener("journey-change", (e) => {
      if (e.detail?.reason === "load") {
        this.#wall.draft.reset();
        this.#s.picked = null;
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
    this.#s.view ??= this.#build();
    this.#s.step = 0;
    this.#s.picked = null;
    this.#s.values.clear();
    this.#s.view.kept.textContent = "";
    root.append(this.#s.view.root);
    const editor = root.querySelector(".jg-root");
    if (editor) editor.inert = true;
    document.addEventListener("fullscreenchange", this.#onFullscreenChange);
    this.#refresh();
    this.#watchRoom();
    requestFullscreen(this.#host, (state) => this.#setFull(state), () => this.open);
    this.#s.view.root.focus({ preventScroll: true });
  }

  #leave() {
    this.open = false;
    cancelAnimationFrame(this.#frame);
    this.#rooms.stop();
    document.removeEventListener("fullscreenchange", this.#onFullscreenChange);
    exitFullscreen(this.#host);
    this.#s.view.root.remove();
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
    if (!this.#s.view) return;
    this.#s.view.root.dataset.fullscreen = state;
    this.#s.view.note.hidden = state !== "no";
    this.#s.view.note.textContent = state === "no" ? "Full screen is not allowed here" : "";
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
    view.root.addEventListener("keydown", (e) => presentKey(e, view.root, this.#keys()));
    // Entering full screen (or turning a screen) resizes the panel: fit the stage again.
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(() => {
        if (this.open && this.#wall.base) drawSide(this.#p);
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
      this.#wall.base = null;
      this.#s.view.stageName.textContent = "Loading the journey\u2026";
      return;
    }
    this.#wall.read(j);
    if (this.#s.picked && !this.#wall.base.emotions.has(this.#s.picked)) this.#s.picked = null;
    this.#s.step = Math.min(this.#s.step, this.#wall.base.file.stages.length);
    this.#wall.compute();
    drawWall(this.#p);
  }

  /** Figures that were pending arrived: the wall shows them. */
  #figuresArrived() {
    if (!this.open || !this.#wall.base) return;
    this.#wall.take();
    drawFigures(this.#p);
    if (this.#announceWhenDone && this.#wall.shown.figures?.simulation) this.#announceFigures();
  }

  /** Says `text` to screen readers (the wall shows it already). */
  #announce(text, delay = 0) {
    clearTimeout(this.#announced);
    this.#announced = setTimeout(() => {
      this.#s.view.live.textContent = text;
    }, delay);
  }

  // ---- The room (room.js) ----

  /** Watches the host's room (room.js): what it rates shows on the next frame; the phones follow the stage. */
  #watchRoom() {
    this.#rooms.watch(this.#host.room ?? null);
    if (this.#wall.base) {
      this.#rooms.tell(this.#s.step < this.#wall.base.file.stages.length ? this.#wall.base.file.stages[this.#s.step].id : null);
      drawSide(this.#p);
    }
  }

  /** The room's means as the emotions of `ids`: in the what-if, or in the baseline (room.js). */
  #adopt(ids, where) {
    const names = new Map(this.#wall.shown.layout.cards.map((c) => [c.id, c.name]));
    const said = adoptMeans({ room: this.#rooms.room, ids, where, base: this.#wall.base, names, draft: this.#wall.draft, host: this.#host });
    if (said === null || where === "baseline") {
      if (said) {
        this.#s.view.kept.textContent = said;
        this.#announce(said);
      }
      return;
    }
    this.#s.view.kept.textContent = "";
    this.#wall.compute();
    drawWall(this.#p);
    this.#announceFigures();
  }

  // ---- Stepping ----

  #go(step) {
    if (!this.#wall.base) return;
    const n = this.#wall.base.file.stages.length;
    const next = Math.max(0, Math.min(n, step));
    if (this.#s.picked) {
      const card = this.#wall.shown.layout.cards.find((c) => c.id === this.#s.picked);
      const index = this.#wall.base.file.stages.findIndex((s) => s.id === card?.stage);
      if (next < n && index !== next) this.#s.picked = null;
    }
    const had = this.#s.view.root.contains(this.#host.shadowRoot.activeElement);
    this.#s.step = next;
    if (this.#s.picked) drawMap(this.#p); // the selection mark follows
    drawStep(this.#p);
    if (!had || !this.#s.view.root.contains(this.#host.shadowRoot.activeElement)) this.#s.view.root.focus({ preventScroll: true });
    this.#announce(next >= n ? "The whole journey" : `Stage ${next + 1} of ${n}: ${this.#wall.base.file.stages[next].name}`);
  }

  #next() {
    if (this.#wall.base && this.#s.step < this.#wall.base.file.stages.length) this.#go(this.#s.step + 1);
  }

  #previous() {
    if (!this.#wall.base) return;
    const n = this.#wall.base.file.stages.length;
    if (this.#s.step >= n) this.#go(n - 1);
    else if (this.#s.step > 0) this.#go(this.#s.step - 1);
  }

  // ---- What-if ----

  #pick(id) {
    if (!this.#wall.base || !this.#wall.base.emotions.has(id)) return;
    this.#s.picked = id;
    drawMap(this.#p);
    drawSide(this.#p);
    this.#s.editor?.focus();
    const tp = this.#wall.shown.layout.cards.find((c) => c.id === id);
    if (tp) this.#announce(`${tp.name}: emotion ${fixed(tp.emotion)}. Change it with the slider or the minus and plus buttons.`);
  }

  #unpick() {
    const id = this.#s.picked;
    this.#s.picked = null;
    drawMap(this.#p);
    drawSide(this.#p);
    const tile = [...this.#s.view.root.querySelectorAll(".jgp-tile")].find((t) => t.dataset.id === id);
    (tile ?? this.#s.view.root).focus({ preventScroll: true });
  }

  /** Sets the picked touchpoint's emotion in the draft; the wall follows on the next frame. */
  #set(value, commit) {
    const id = this.#s.picked;
    if (!id || !Number.isFinite(value)) return;
    const v = round(clamp(value));
    this.#wall.draft.try(id, v, this.#wall.base.emotions.get(id) ?? 0);
    this.#s.view.kept.textContent = "";
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      if (!this.open) return;
      this.#wall.compute();
      drawFigures(this.#p);
      drawMap(this.#p);
      drawSide(this.#p);
      drawWhatIf(this.#p);
      if (commit) this.#announceFigures();
    });
  }

  #announceFigures() {
    const f = this.#wall.shown.figures;
    const b = this.#wall.base.figures;
    this.#announceWhenDone = Boolean(f && !f.problem && !f.simulation && !f.simulationProblem);
    if (f?.analysis && b?.analysis) this.#announce(figuresSaid(f, b), 500);
  }

  #reset() {
    if (!usable(this.#s.view.reset)) return;
    this.#wall.draft.reset();
    this.#s.view.kept.textContent = "";
    this.#wall.compute();
    drawWall(this.#p);
    this.#s.editor?.focus();
    this.#announce("Back to the baseline.");
  }

  #keep() {
    if (!usable(this.#s.view.keep) || !this.#wall.draft.size) return;
    // The journey-change this causes refreshes the view.
    const name = this.#wall.draft.keep(this.#host, this.#wall.base.file);
    if (name === null) return;
    drawWhatIf(this.#p);
    this.#s.view.kept.textContent = `Kept as the scenario \u201c${name}\u201d.`;
  }

  /** What the keys (keys.js) can do now. */
  #keys() {
    const picked = this.#s.picked;
    return {
      leave: () => this.#leave(),
      next: () => this.#next(),
      previous: () => this.#previous(),
      go: (step) => this.#go(step),
      stages: this.#wall.base?.file.stages.length ?? 0,
      nudge: picked ? (by) => this.#set((this.#wall.shown.layout.cards.find((c) => c.id === picked)?.emotion ?? 0) + by, true) : null,
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
