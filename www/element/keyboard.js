// The map by keyboard alone. The cards are one Tab stop (a roving tabindex);
// on a card:
//   ← →          the nearest card in the previous / next stage
//   ↑ ↓          the card above / below in the same stage
//   Home End     the first / last card of the journey
//   PageDown PageUp  the next / previous card in the journey's order (stage
//                by stage, each top to bottom: on from a stage's last card
//                to the next stage's first), so going through every card
//                (to draw its transitions, say) is one key per card
//   Enter Space  select it for editing (the inspector shows it; Tab goes there)
//   Delete       delete it; focus moves to a neighbour
//   Escape       clear the selection
// and in the inspector, Escape goes back to the selected card.
//
//   installMapKeys(element, canvas);

import { moveTabStop, cardOnMap } from "./map/map.js";

const CARD = "g.jg-card";

/** The cards of the map in `canvas`, grouped in columns (stages) left to right, each top to bottom. */
function columns(canvas) {
  const byStage = new Map();
  for (const card of canvas.querySelectorAll(CARD)) {
    const [, x = "0", y = "0"] = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)/.exec(card.getAttribute("transform") ?? "") ?? [];
    const key = card.dataset.stage ?? "";
    if (!byStage.has(key)) byStage.set(key, { x: Number(x), cards: [] });
    byStage.get(key).cards.push({ card, x: Number(x), y: Number(y) });
  }
  const cols = [...byStage.values()].sort((a, b) => a.x - b.x);
  for (const col of cols) col.cards.sort((a, b) => a.y - b.y);
  return cols;
}

function locate(cols, card) {
  for (let c = 0; c < cols.length; c += 1) {
    const r = cols[c].cards.findIndex((e) => e.card === card);
    if (r >= 0) return { c, r };
  }
  return null;
}

/** The card in column `c` closest in height to `y`, or null. */
function nearestIn(col, y) {
  let best = null;
  for (const e of col?.cards ?? []) if (!best || Math.abs(e.y - y) < Math.abs(best.y - y)) best = e;
  return best?.card ?? null;
}

/**
 * The card an arrow key (or Home/End) leads to from `card`, or null.
 * `goalY`: the height to aim for across stages (kept over a run of ← →, so
 * that → then ← comes back to the same card).
 */
export function cardToward(canvas, card, key, goalY = null) {
  const cols = columns(canvas);
  const all = cols.flatMap((col) => col.cards.map((e) => e.card));
  if (key === "Home") return all[0] ?? null;
  if (key === "End") return all[all.length - 1] ?? null;
  if (key === "PageDown" || key === "PageUp") {
    const i = all.indexOf(card);
    return i < 0 ? null : all[i + (key === "PageDown" ? 1 : -1)] ?? null;
  }
  const at = locate(cols, card);
  if (!at) return null;
  const here = cols[at.c].cards[at.r];
  if (key === "ArrowUp") return cols[at.c].cards[at.r - 1]?.card ?? null;
  if (key === "ArrowDown") return cols[at.c].cards[at.r + 1]?.card ?? null;
  const step = key === "ArrowLeft" ? -1 : key === "ArrowRight" ? 1 : 0;
  if (!step) return null;
  // Stages without cards have no column here, so they are skipped.
  return nearestIn(cols[at.c + step], goalY ?? here.y);
}

/** The height of `card` on the map. */
function heightOf(card) {
  return Number(/translate\(\s*[-\d.e]+[ ,]+([-\d.e]+)/.exec(card.getAttribute("transform") ?? "")?.[1] ?? 0);
}

/**
 * The id of the card to focus when the card `id` goes away: the next one in
 * its stage, else the one before, else the nearest in a neighbouring stage.
 */
export function neighbourOf(canvas, id) {
  const cols = columns(canvas);
  const card = cardById(canvas, id);
  const at = card && locate(cols, card);
  if (!at) return null;
  const col = cols[at.c].cards;
  const y = col[at.r].y;
  const pick = col[at.r + 1]?.card ?? col[at.r - 1]?.card ?? nearestIn(cols[at.c + 1], y) ?? nearestIn(cols[at.c - 1], y);
  return pick?.dataset.id ?? null;
}

export function cardById(canvas, id) {
  if (id == null) return null;
  const map = canvas.querySelector(":scope > svg.jg-map");
  const known = map ? cardOnMap(map, id) : undefined;
  if (known !== undefined) return known;
  return [...canvas.querySelectorAll(CARD)].find((c) => c.dataset.id === id) ?? null;
}

/** Makes `card` the map's one Tab stop (the map keeps which card it is; else searched for). */
function rove(canvas, card) {
  const map = card.closest("svg.jg-map");
  if (map && moveTabStop(map, card)) return;
  for (const c of canvas.querySelectorAll(`${CARD}[tabindex="0"]`)) if (c !== card) c.setAttribute("tabindex", "-1");
  card.setAttribute("tabindex", "0");
}

/** Focuses the card `id` in the element's map, else the map itself; returns what got focus. */
export function focusCard(root, id) {
  const canvas = root.querySelector(".jg-canvas");
  if (!canvas) return null;
  const target = cardById(canvas, id) ?? canvas;
  target.focus();
  // Focus already there fires no focusin: the card focused is the Tab stop all the same (after Escape, say).
  if (target !== canvas) rove(canvas, target);
  return target;
}

/**
 * Runs `fn` (which may redraw); if focus was inside the element and the
 * element it was on went away, puts it back on the selected card or the map.
 */
export function keepingFocus(element, fn) {
  const root = element.shadowRoot;
  const had = root.activeElement !== null;
  const result = fn();
  if (had && (root.activeElement === null || !root.activeElement.isConnected)) {
    const selected = root.querySelector(`${CARD}[aria-pressed="true"]`);
    focusCard(root, selected?.dataset.id ?? null);
  }
  return result;
}

/** Wires the keys above to `canvas` (the map's scrolling region) of `element`. */
export function installMapKeys(element, canvas) {
  // A run of ← → aims at the height it started from.
  let across = null;
  canvas.addEventListener("focusin", (e) => {
    const card = e.target.closest?.(CARD);
    if (card) rove(canvas, card);
  });
  canvas.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const card = e.target.closest?.(CARD);
    if (!card) {
      if (e.key === "Escape") element.select(null);
      return;
    }
    const id = card.dataset.id;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      element.select(id);
      focusCard(element.shadowRoot, id);
    } else if ((e.key === "Delete" || e.key === "Backspace") && !element.readonly) {
      e.preventDefault();
      const next = neighbourOf(canvas, id);
      if (element.edit({ op: "removeTouchpoint", id })) focusCard(element.shadowRoot, next);
    } else if (e.key === "Escape") {
      if (card.getAttribute("aria-pressed") === "true") {
        e.preventDefault();
        element.select(null);
        focusCard(element.shadowRoot, id);
      }
    } else if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageDown", "PageUp"].includes(e.key)) {
      e.preventDefault();
      const horizontal = e.key === "ArrowLeft" || e.key === "ArrowRight";
      const goalY = horizontal ? (across?.id === id ? across.y : heightOf(card)) : null;
      const target = cardToward(canvas, card, e.key, goalY);
      across = horizontal && target ? { id: target.dataset.id, y: goalY } : null;
      if (target) target.focus();
    }
  });
}

/** Undo (Ctrl+Z or ⌘Z) and redo (with Shift, or Ctrl+Y) anywhere in `element` but while typing in a text field. */
export function installUndoKeys(element) {
  element.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    const typing = e.composedPath()[0]?.matches?.("input[type=text], input[type=number], textarea");
    if (!mod || typing) return;
    if (e.key.toLowerCase() === "z") {
      e.preventDefault();
      keepingFocus(element, () => (e.shiftKey ? element.redo() : element.undo()));
    } else if (e.key.toLowerCase() === "y") {
      e.preventDefault();
      keepingFocus(element, () => element.redo());
    }
  });
}
