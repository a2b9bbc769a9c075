// The side of the wall (present/index.js): the current stage large on the
// map region, with the room's ratings on its tiles, and what the stage
// panel says of the curve's peak and end.
//
//   drawFocus(view, { stage, layout, analysis, draft, base, tally, pick });
//   const moments = curveMoments(layout);   // [{label, tp}] for renderStagePanel
//   fitPanel(panel);                        // smaller type until it fits, without scrolling

import { renderFocus, buildEditor, fixed } from "./view.js";
import { tallyLine } from "./room.js";
import { fitFocus } from "./fit.js";


/** The cards of `stage` (none for the whole journey). */
export const cardsOf = (layout, stage) => (stage ? layout.cards.filter((c) => c.stage === stage.id) : []);

/**
 * The current stage, large, on the map region, fitted to it (nobody
 * scrolls with a clicker); each tile says what the room rated it.
 */
export function drawFocus(v, { stage, layout, analysis, draft, base, tally, pick }) {
  renderFocus(v.focus, {
    stage,
    touchpoints: cardsOf(layout, stage),
    notes: stage ? layout.lanes.map((lane) => ({
      kind: lane.kind, title: lane.title, texts: lane.cells.find((c) => c.stage === stage.id)?.texts ?? [],
    })) : [],
    reach: analysis?.touchpoints ? new Map(Object.entries(analysis.touchpoints).map(([id, t]) => [id, { reach: t.reach, leave: t.visits * t.dropout }])) : null,
    draft,
    base,
    pick,
  });
  if (tally) for (const tile of v.focus.querySelectorAll(".jgp-tile")) {
    const t = tally.get(tile.dataset.id);
    if (t?.count) tile.querySelector(".jgp-tile-text")?.append(tallyLine(t));
  }
  if (stage) fitFocus(v.focus);
}

/** The curve's peak and end as the stage panel names them: the same moments and felt values (emotion × impact) as the curve draws. */
export function curveMoments(layout) {
  const { cards, curve } = layout;
  const at = (i) => (i === null || i === undefined ? null : cards.find((c) => c.id === curve.points[i]?.id));
  const moments = [];
  const peak = at(curve.peak);
  const end = at(curve.end);
  const felt = (i) => `felt ${fixed(curve.points[i].felt)}`;
  const endNote = typeof curve.endShare === "number" ? `, ${Math.round(100 * curve.endShare)}% end here` : "";
  if (peak) moments.push({ label: peak === end ? `Peak and end \u00b7 ${felt(curve.peak)}${endNote}` : `Peak \u00b7 ${felt(curve.peak)}`, tp: peak });
  if (end && end !== peak) moments.push({ label: `End \u00b7 ${felt(curve.end)}${endNote}`, tp: end });
  return moments;
}

/** The picked touchpoint's controls and why it moves, in view without scrolling: smaller type if need be. */
function fitPanel(panel) {
  for (const k of [1, 0.92, 0.85, 0.78, 0.7]) {
    panel.style.setProperty("--k", String(k));
    if (panel.scrollHeight <= panel.clientHeight + 1) break;
  }
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
/** The figures of the what-if `f` against the baseline `b`, said to screen readers (both have their analysis). */
export function figuresSaid(f, b) {
  const points = (x) => `${x >= 0 ? "plus" : "minus"} ${Math.abs(100 * x).toFixed(1)} points`;
  return `Success ${pct(f.analysis.success)}, ${points(f.analysis.success - b.analysis.success)}; `
    + `dropout ${pct(f.analysis.dropout)}, ${points(f.analysis.dropout - b.analysis.dropout)}`
    + (f.simulation ? `; remembered ${fixed(f.simulation.remembered.mean)}.` : "; the remembered experience is being simulated.");
}

/**
 * The picked touchpoint's controls on the side panel (view.js's editor),
 * built when another one is picked and updated in place while the same one
 * stays picked (its slider keeps the focus during a drag).
 * actions: { set(value, commit), revert(id), done() }.
 */
export class PickedPanel {
  #actions;
  #editor = null;
  constructor(actions) {
    this.#actions = actions;
  }

  /** Shows touchpoint `tp` (a layout card) of the stage named `stageName`, its baseline emotion `base`, and `why` it moves; `room()` adds the room's part below. */
  show(panel, tp, stageName, base, why, room) {
    if (this.#editor?.id !== tp.id) {
      this.#editor = buildEditor(stageName, {
        set: (value, { commit }) => this.#actions.set(value, commit),
        revert: () => {
          this.#actions.revert(tp.id);
          this.focus(false);
        },
        done: () => this.#actions.done(),
      });
      this.#editor.id = tp.id;
      panel.style.removeProperty("--k");
      panel.replaceChildren(this.#editor.root);
    }
    this.#editor.update(tp, base, why);
    panel.querySelector(".jgp-room")?.remove();
    room();
    const key = why.join("\n");
    if (this.#editor.fitted !== key) {
      this.#editor.fitted = key;
      fitPanel(panel);
    }
  }

  /** The panel shows the stage again. */
  drop() {
    this.#editor = null;
  }

  /** Focuses the slider (without scrolling, unless `keepScroll` is false). */
  focus(keepScroll = true) {
    this.#editor?.slider.focus(keepScroll ? { preventScroll: true } : undefined);
  }
}

/** Marks each figure of the wall's bar whose shown value changed since last time (`values`: figure → text), so the room sees what moved. */
export function markMoved(bar, values) {
  for (const fig of bar.querySelectorAll(".jg-figure")) {
    const key = fig.dataset.figure;
    const value = fig.querySelector(".jg-value");
    if (!value || value.classList.contains("jg-pending")) continue;
    const text = value.textContent;
    if (values.has(key) && values.get(key) !== text) fig.classList.add("jgp-moved");
    values.set(key, text);
  }
}
