// Where things are, for editing on the map (direct/index.js): the cards and
// stage columns of the drawn map in its own units (from the SVG's
// transforms and boxes), the pointer there, the card under it, and a
// touchpoint's name and stage-mates in the file. Reads only, but for the
// drop target's mark (markTarget).

import { cardOnMap } from "../map/map.js";

/** A card on the map. */
export const CARD = "g.jg-card";

/** Where a card is drawn: its translate(x, y), in map units. */
export const translateOf = (g) => {
  const m = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)/.exec(g.getAttribute("transform") ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};

/** A card's box in map units, from its drawing. */
export function boxOf(g) {
  const [x, y] = translateOf(g);
  const bg = g.querySelector(".jg-card-bg");
  return { x, y, width: Number(bg?.getAttribute("width") ?? 0), height: Number(bg?.getAttribute("height") ?? 0) };
}

/** The map's stage columns in map units: [{id, x, width}], left to right. */
export function stagesOf(map) {
  return [...map.querySelectorAll("g.jg-stage")].map((g) => {
    const col = g.querySelector(".jg-column");
    return { id: g.dataset.stage, x: Number(col?.getAttribute("x") ?? 0), width: Number(col?.getAttribute("width") ?? 0) };
  }).sort((a, b) => a.x - b.x);
}

/** Where the pointer event `e` is, in the map's units. */
export function pointIn(map, e) {
  const ctm = map.getScreenCTM();
  if (!ctm) return { x: 0, y: 0 };
  const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
  return { x: p.x, y: p.y };
}

/** The stage whose column holds x (else the nearest one). */
export function stageAt(stages, x) {
  let best = null;
  let gap = Infinity;
  for (const s of stages) {
    const d = x < s.x ? s.x - x : x > s.x + s.width ? x - s.x - s.width : 0;
    if (d < gap) { gap = d; best = s; }
  }
  return best;
}

/** The touchpoint ids of `stage` on the map, top to bottom, without `except`. */
export function cardsIn(map, stage, except) {
  return [...map.querySelectorAll(CARD)]
    .filter((g) => g.dataset.stage === stage && g.dataset.id !== except)
    .map((g) => ({ id: g.dataset.id, box: boxOf(g) }))
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

/** Where in `stage` a card dropped at height y goes: the number of cards above it. */
export function positionAt(map, stage, y, except) {
  return cardsIn(map, stage, except).filter((c) => c.box.y + c.box.height / 2 < y).length;
}

/** The file's touchpoints of `stage`, in order (the core's positions count these). */
export const touchpointsOf = (file, stage) => file.touchpoints.filter((t) => t.stage === stage);

/** Touchpoint `id`'s name in `file` (its id if it has none there). */
export const nameOf = (file, id) => file.touchpoints.find((t) => t.id === id)?.name ?? id;

/** The card `id`'s <g> on `map`: from the map's index of its cards (map.js), else searched for. */
export function cardG(map, id) {
  if (!map) return null;
  const known = cardOnMap(map, id);
  return known !== undefined ? known : [...map.querySelectorAll(CARD)].find((g) => g.dataset.id === id) ?? null;
}

/** The card under the pointer (the line being drawn lets pointer events through). */
export function targetCard(e, map) {
  const root = map.getRootNode();
  const under = (root.elementFromPoint?.(e.clientX, e.clientY) ?? document.elementFromPoint(e.clientX, e.clientY));
  return under?.closest?.(CARD)?.dataset.id ?? null;
}

export function markTarget(map, id) {
  for (const g of map.querySelectorAll(`${CARD}.jg-drop-card`)) if (g.dataset.id !== id) g.classList.remove("jg-drop-card");
  if (id) cardG(map, id)?.classList.add("jg-drop-card");
}

