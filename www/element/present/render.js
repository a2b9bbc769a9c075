// Drawing the wall in workshop mode from the presenter's state
// (present/index.js): the figures, the map strip, the stage with its rail,
// the side panel (the stage large, the picked touchpoint's controls or the
// stage's panel, the room's ratings) and the what-if's state. Functions of
// the presenter's context `p`: {host, s (view, step, picked, reveal,
// editor, values, reviewing), wall (wall.js), rooms (room.js RoomWatch),
// and the presenter's pick, go, set, unpick, adopt}.
//
//   drawWall(p);   // everything; drawMap(p), drawSide(p), ... for a part

import { renderRail, renderStagePanel, fixed } from "./view.js";
import { drawWallMap } from "./map.js";
import { renderFigures } from "../figures.js";
import { drawFocus, curveMoments, cardsOf, markMoved, PickedPanel } from "./side.js";
import { roomTally, renderRoom } from "./room.js";

/** Whether a button marked unavailable with aria-disabled (it keeps focus, unlike `disabled`). */
function able(button, on) {
  if (on) button.removeAttribute("aria-disabled");
  else button.setAttribute("aria-disabled", "true");
}

/** Draws the whole wall: the journey's title, the figures, the map, the stage and the what-if's state. */
export function drawWall(p) {
  const { s, wall } = p;
  if (!wall.base) return;
  s.view.journey.textContent = wall.base.file.title || "Untitled journey";
  drawFigures(p);
  drawMap(p);
  drawStep(p);
  drawWhatIf(p);
}

/** The figures bar: the what-if's beside the baseline's once something changed; what moved is marked (side.js). */
export function drawFigures(p) {
  const { s, wall } = p;
  const changed = wall.draft.size > 0;
  const base = changed && wall.base.figures ? wall.base.figures : null;
  renderFigures(s.view.figures, wall.shown.figures, base, wall.shown.problem);
  markMoved(s.view.figures, s.values);
}

/** The map strip (map.js), the stage shown revealed. */
export function drawMap(p) {
  const { s, wall } = p;
  s.reveal = drawWallMap(s.view.strip, wall.shown.layout, {
    title: wall.base.file.title,
    selected: s.picked,
    ghost: wall.draft.size ? wall.base.layout : null,
    changed: new Set(wall.draft.keys()),
  }, (id) => p.pick(id));
  s.reveal(s.step);
}

/** The stage shown: its count and name, the rail, the buttons, the phones told (room.js), the side panel. */
export function drawStep(p) {
  const { s, wall } = p;
  const v = s.view;
  const stages = wall.base.file.stages;
  const n = stages.length;
  const whole = s.step >= n;
  v.count.textContent = whole ? (n === 1 ? "1 stage" : `${n} stages`) : `Stage ${s.step + 1} of ${n}`;
  v.stageName.textContent = whole ? "The whole journey" : stages[s.step].name;
  v.root.dataset.step = whole ? "all" : String(s.step);
  v.root.dataset.stage = whole ? "" : stages[s.step].id;
  p.rooms.tell(whole ? null : stages[s.step].id);
  renderRail(v, stages, s.step, (i) => p.go(i));
  able(v.previous, !whole ? s.step > 0 : n > 0);
  able(v.next, !whole);
  s.reveal?.(s.step);
  drawSide(p);
}

/** The side panel (drawPanel), keeping the focus in the view. */
export function drawSide(p) {
  const { s } = p;
  const root = p.host.shadowRoot;
  const had = s.view.root.contains(root.activeElement);
  drawPanel(p);
  // A control drawn anew (a rating removed from the review, an adopt
  // button) takes the focus with it: the focus stays in the view, where its keys work.
  if (had && !s.view.root.contains(root.activeElement)) (s.view.panel.querySelector(".jgp-room-review summary") ?? s.view.root).focus({ preventScroll: true });
}

/**
 * The current stage large on the map region (side.js drawFocus), and the
 * panel: the picked touchpoint's controls, or the stage's panel with the
 * curve's moments and the what-if's changes; the room's part with either.
 */
function drawPanel(p) {
  const { s, wall } = p;
  const v = s.view;
  const cards = wall.shown.layout.cards;
  const stages = wall.base.file.stages;
  const stage = s.step < stages.length ? stages[s.step] : null;
  const focusedTile = p.host.shadowRoot.activeElement?.closest?.(".jgp-tile")?.dataset.id;
  const tally = roomTally(p.host.room);
  drawFocus(v, { stage, layout: wall.shown.layout, analysis: wall.shown.figures?.analysis, draft: wall.draft, base: wall.base.emotions, tally, pick: (id) => p.pick(id) });
  if (s.picked) {
    const tp = cards.find((c) => c.id === s.picked);
    if (tp) {
      const stageOf = stages.find((x) => x.id === tp.stage);
      s.editor ??= new PickedPanel({
        set: (value, commit) => p.set(value, commit),
        revert: (id) => p.set(wall.base.emotions.get(id) ?? 0, true),
        done: () => p.unpick(),
      });
      s.editor.show(v.panel, tp, stageOf?.name, wall.base.emotions.get(tp.id) ?? 0, wall.why(), () => drawRoom(p, [tp], stageOf ?? stage, tally));
      return;
    }
    s.picked = null;
  }
  s.editor?.drop();
  const names = new Map(cards.map((c) => [c.id, c.name]));
  const moments = curveMoments(wall.shown.layout);
  v.panel.style.removeProperty("--k");
  renderStagePanel(v.panel, {
    stage,
    touchpoints: cardsOf(wall.shown.layout, stage),
    moments,
    draft: wall.draft,
    base: wall.base.emotions,
    changes: wall.changes().map((c) => `${names.get(c.touchpoint) ?? c.touchpoint}: ${fixed(wall.base.emotions.get(c.touchpoint) ?? 0)} \u2192 ${fixed(c.emotion)}`),
    why: wall.why(),
    pick: (id) => p.pick(id),
  });
  drawRoom(p, cardsOf(wall.shown.layout, stage), stage, tally);
  if (focusedTile) [...v.root.querySelectorAll(".jgp-tile")].find((t) => t.dataset.id === focusedTile)?.focus({ preventScroll: true });
}

/** The room's part of the panel (room.js): what it rated, and adopting it. */
function drawRoom(p, touchpoints, stage, tally) {
  const { s, wall } = p;
  renderRoom(s.view.panel, {
    room: p.rooms.room, stage, touchpoints, tally,
    names: new Map(wall.shown.layout.cards.map((c) => [c.id, c.name])),
    adopt: (ids, where) => p.adopt(ids, where),
    readonly: p.host.readonly,
    reviewing: s.reviewing,
    onReview: (open) => (s.reviewing = open),
  });
}

/** The what-if's state line and its Reset and Keep buttons. */
export function drawWhatIf(p) {
  const { s, wall } = p;
  const v = s.view;
  const n = wall.draft.size;
  v.state.textContent = n ? `What if: ${n === 1 ? "1 touchpoint" : `${n} touchpoints`} changed` : "The baseline: nothing changed yet";
  v.state.toggleAttribute("data-changed", n > 0);
  able(v.reset, n > 0);
  v.keep.hidden = p.host.readonly;
  able(v.keep, n > 0 && !wall.draft.saved(wall.base.file));
}
