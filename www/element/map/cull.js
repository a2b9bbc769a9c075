// What a large live map leaves undrawn while it is far from the view, and
// what comes near: the far marks (markFar, cullMap), the cards drawn at
// once when they come near, and the hooks flow.js uses for its far bars
// (whenNear, nearestFirst). map.js draws; this decides what is far.

import { cardIndexOf } from "./map-cards.js";

/**
 * <svg> → what it shows: {layout, options, pending (draws what is still
 * to be drawn, or null)}.
 */
export const drawn = new WeakMap();

/**
 * What a large live map (options.view, more than DRAW_WHOLE cards) leaves
 * undrawn on screen: the drawing of each card (its background stays,
 * unpainted, so the card keeps its place and size for focus and hit
 * tests) and each arrow more than half a screen away from the view,
 * marked data-far; the element's stylesheet hides them on screen
 * (style.js), never in print or in an exported picture, which is drawn
 * anew. The browser then styles, lays out and above all paints only what
 * is near the view: a slider step on a map of 1,000 cards repaints a few
 * dozen cards, not a thousand (BENCHMARKS.md). The card's group, its label
 * and the roving Tab stop are never touched, so keyboard and screen
 * readers find every card; a card that gets focus or comes near is drawn
 * at once (its details, if finishLater has not come to them yet).
 */
export const isFar = (near, box) => box.bottom < near.top || box.top > near.bottom || box.right < near.left || box.left > near.right;
const cardBox = (c) => ({ left: c.x, right: c.x + c.width, top: c.y, bottom: c.y + c.height });
export function arrowBox(arrow) {
  const xs = arrow.points.map((p) => p[0]);
  const ys = arrow.points.map((p) => p[1]);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}
const toggleFar = (el, far) => {
  if (far !== el.hasAttribute("data-far")) el.toggleAttribute("data-far", far);
};

/** Most cards that come near whose details are drawn in that frame (about 10 ms). */
export const DETAILS_NOW = 60;

/**
 * The details of cards that came near (`comers`, [g, card]) and that the
 * background drawing has not reached: those in the window itself at once,
 * nearest its middle first, up to DETAILS_NOW; the rest (the margin, or a
 * zoom out that brings hundreds near) first thing in the next idle slice.
 */
function detailsFor(comers, near, state) {
  if (!comers.length || !state.detailsNow) return;
  const w = (near.right - near.left) / 4;
  const h = (near.bottom - near.top) / 4;
  const view = Number.isFinite(w) && Number.isFinite(h)
    ? { left: near.left + w, right: near.right - w, top: near.top + h, bottom: near.bottom - h }
    : near;
  const mid = [(view.left + view.right) / 2, (view.top + view.bottom) / 2];
  const away = ([, c]) => Math.hypot(c.x + c.width / 2 - mid[0], c.y + c.height / 2 - mid[1]);
  const inView = comers.filter(([, c]) => !isFar(view, cardBox(c))).sort((a, b) => away(a) - away(b));
  const now = new Set(inView.slice(0, DETAILS_NOW).map(([g]) => g));
  for (const [g] of comers) (now.has(g) ? state.detailsNow : state.detailsSoon)(g);
}

/** Marks the cards and arrows of `map` far from state.near (see cullMap). */
export function markFar(map, state) {
  const { near, layout } = state;
  const focused = map.getRootNode?.()?.activeElement ?? null;
  const comers = [];
  // Each card with its <g>, from the index drawCards made: searching the
  // map's 100,000 nodes for the groups and reading their data-id back took
  // 25-40 ms on the 10,000 reference, at its opening and at each cull.
  const index = state.cardLayer ? cardIndexOf(state.cardLayer) : null;
  const byId = index ? null : new Map(layout.cards.map((c) => [c.id, c]));
  const pairs = index ? layout.cards.map((c) => [index.get(c.id), c])
    : [...map.querySelectorAll(":scope > .jg-cards > g.jg-card")].map((g) => [g, byId.get(g.dataset.id)]);
  for (const [g, card] of pairs) {
    if (!g || !card) continue;
    const far = g !== focused && isFar(near, cardBox(card));
    if (far === g.hasAttribute("data-far")) continue;
    g.toggleAttribute("data-far", far);
    if (far) continue;
    comers.push([g, card]);
    state.comesNear?.(g);
  }
  detailsFor(comers, near, state);
  if (!state.arrows) {
    state.arrows = new Map();
    for (const a of layout.arrows) state.arrows.set(`${a.from}\u0000${a.to}`, arrowBox(a));
  }
  for (const path of map.querySelectorAll(":scope > .jg-arrows > path.jg-arrow")) {
    const box = state.arrows.get(`${path.dataset.from}\u0000${path.dataset.to}`);
    if (box) toggleFar(path, isFar(near, box));
  }
  if (!state.focusWatch) {
    state.focusWatch = true;
    // Drawn before the browser scrolls a focused card into view.
    map.addEventListener("focusin", (event) => {
      const g = event.target?.closest?.("g.jg-card[data-far]");
      if (!g) return;
      g.removeAttribute("data-far");
      state.detailsNow?.(g);
      state.comesNear?.(g);
    });
  }
}

/**
 * For a large live map (one cullMap culls), has `near(g)` called whenever
 * a card marked far comes near (cullMap, focus), in place of the function
 * given before, and returns true; for a map drawn whole, false.
 * flow.js draws the far cards' reach bars later with it.
 */
export function whenNear(map, near) {
  const state = drawn.get(map);
  if (!state?.near) return false;
  state.comesNear = near;
  return true;
}

/** The cards `gs` (of a map that whenNear culls) nearest to the middle of the view first. */
export function nearestFirst(map, gs) {
  const state = drawn.get(map);
  if (!state?.near) return gs;
  const { near, layout } = state;
  const mx = Number.isFinite(near.left) ? (near.left + near.right) / 2 : null;
  const my = (near.top + near.bottom) / 2;
  const cards = new Map(layout.cards.map((c) => [c.id, c]));
  const distance = new Map(gs.map((g) => {
    const c = cards.get(g.dataset.id);
    if (!c) return [g, Infinity];
    const dy = c.y + c.height / 2 - my;
    const dx = mx === null ? 0 : c.x + c.width / 2 - mx;
    return [g, dx * dx + dy * dy];
  }));
  return gs.slice().sort((a, b) => distance.get(a) - distance.get(b));
}

/**
 * Brings a live map's drawing (see markFar) up to date with where it is
 * on screen now: call it after the page or the canvas scrolled, the
 * window was resized or the map zoomed (in a frame, as it reads layout).
 * Returns whether anything was done (false for a map drawn whole).
 */
export function cullMap(map) {
  const state = drawn.get(map);
  if (!state?.near || !map.isConnected) return false;
  const r = map.getBoundingClientRect();
  const w = Number(map.getAttribute("width"));
  const h = Number(map.getAttribute("height"));
  if (!(r.width > 0 && r.height > 0 && w > 0 && h > 0)) return false;
  const kx = w / r.width;
  const ky = h / r.height;
  const vw = globalThis.innerWidth || 1280;
  const vh = globalThis.innerHeight || 800;
  // The window's part of the map, with half a screen more on each side.
  const near = { left: (-vw / 2 - r.left) * kx, right: (1.5 * vw - r.left) * kx, top: (-vh / 2 - r.top) * ky, bottom: (1.5 * vh - r.top) * ky };
  const was = state.near;
  // Moved less than a sixth of a screen since the last time: nothing comes near enough to matter.
  const little = (a, b, screen) => Math.abs(a - b) < screen / 6;
  if (Number.isFinite(was.left) && little(near.top, was.top, vh * ky) && little(near.bottom, was.bottom, vh * ky)
    && little(near.left, was.left, vw * kx) && little(near.right, was.right, vw * kx)) return true;
  state.near = near;
  markFar(map, state);
  return true;
}
