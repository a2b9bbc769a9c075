// Renders a MapLayout (from Journey.layout()) into an <svg>: stage columns
// with a header band, transition arrows, touchpoint cards, the emotional
// curve and the pain-point and opportunity lanes. It only draws what the
// layout says; every position comes from the Rust core. A map drawn
// stays up to date in place when only emotions change (updateMap, with
// map-update.js), and a large one draws what is near its view first.
//
//   import { renderMap } from "./map.js";
//   container.replaceChildren(renderMap(journey.layout(), { title: journey.title }));

import { svg, svgText, svgTitle, num } from "./svg.js";
import { font, ellipsize } from "./text-fit.js";
import { drawArrows, drawLoopShares } from "./map-arrows.js";
import { drawCards, drawCardDetails, cardContext } from "./map-cards.js";
import { drawCurve } from "./map-curve.js";
import { drawLanes } from "./map-lanes.js";
import { MAP_CSS } from "./map-style.js";
import { updateDrawn, selectDrawn, moveTabStopDrawn, cardDrawn } from "./map-update.js";
import { drawn, isFar, arrowBox, markFar } from "./cull.js";

export { whenNear, nearestFirst, cullMap, DETAILS_NOW } from "./cull.js";

let instances = 0;

/** Chevron-shaped stage headers with the stage name and its number of touchpoints. */
function drawStages(parent, layout) {
  const layer = svg("g", { class: "jg-stages" }, parent);
  const top = 8;
  const height = layout.headerHeight - 12;
  const notch = 12;
  layout.stages.forEach((stage, i) => {
    const g = svg("g", { class: "jg-stage", "data-stage": stage.id }, layer);
    svgTitle(g, stage.name);
    // Column band behind the cards and the curve.
    svg("rect", {
      class: "jg-column", x: num(stage.x), y: num(layout.headerHeight), width: num(stage.width),
      height: num(Math.max(0, layout.curve.y - layout.headerHeight - 8)), rx: 10,
    }, g);
    const { x, width: w } = stage;
    const mid = top + height / 2;
    const leftIn = i === 0 ? 0 : notch;
    const points = [
      [x, top], [x + w, top], [x + w + notch, mid], [x + w, top + height], [x, top + height], [x + leftIn, mid],
    ].map(([px, py]) => `${num(px)},${num(py)}`).join(" ");
    svg("polygon", { class: "jg-stage-bg", points }, g);
    const cx = x + w / 2 + (leftIn ? notch / 2 : 0);
    const nameFont = font(14, 650);
    svgText(ellipsize(stage.name, w - 2 * notch - 16, nameFont), { class: "jg-stage-name", x: num(cx), y: num(mid - 2), "text-anchor": "middle" }, g);
    const count = stage.touchpoints === 1 ? "1 touchpoint" : `${stage.touchpoints} touchpoints`;
    svgText(count, { class: "jg-stage-count", x: num(cx), y: num(mid + 13), "text-anchor": "middle" }, g);
  });
  return layer;
}

/** "The map draws the 5,000 strongest of 53,627 transitions …" (the map's description, and the note above it in the editor). */
export function arrowsNote(layout) {
  const n = (x) => x.toLocaleString("en-US");
  return `The map draws the ${n(layout.arrows.length)} strongest of ${n(layout.transitions)} transitions `
    + "(each touchpoint's heaviest way out, then the heaviest of the rest); the figures count all of them.";
}

/**
 * Builds the map as a standalone <svg> element.
 * options.title: the accessible name (defaults to "Journey map").
 * options.interactive: cards are focusable buttons (the editor).
 * options.selected: the id of the selected card.
 * options.ghost: in what-if mode, the baseline's MapLayout; its curve is
 *   drawn as a dashed ghost under this one.
 * options.changed: ids of touchpoints a scenario changes or adds (marked).
 * options.lazyTitles: an arrow's tooltip is made when the pointer first
 *   comes over it, not with the map (a live map, not an exported one).
 * options.view: for a map shown on screen, a function returning the part
 *   of the map in view, {top, bottom} in its units (see viewOf). A map of
 *   more than DRAW_WHOLE cards then draws at once only the arrows and the
 *   whole cards in and near that part; the other cards have their group,
 *   label and background at once (so keyboard, screen readers and the
 *   layout find every card), and the rest of their drawing and the other
 *   arrows follow in short slices while the browser is idle, nearest
 *   first; all at once before printing, a card at once when it gets
 *   focus or comes near the view (cullMap). Stages, curve and lanes are
 *   always drawn at once.
 */
export function renderMap(layout, options = {}) {
  instances += 1;
  const prefix = `jg${instances}`;
  const ids = (name) => `${prefix}-${name}`;
  const title = options.title ? `Journey map: ${options.title}` : "Journey map";
  const root = svg("svg", {
    class: "jg-map",
    xmlns: "http://www.w3.org/2000/svg",
    width: num(layout.width),
    height: num(layout.height),
    viewBox: `0 0 ${num(layout.width)} ${num(layout.height)}`,
    role: "graphics-document",
    "aria-roledescription": "journey map",
    "aria-labelledby": ids("title"),
    "aria-describedby": ids("desc"),
  });
  const titleEl = svg("title", { id: ids("title") }, root);
  titleEl.textContent = title;
  const desc = svg("desc", { id: ids("desc") }, root);
  desc.textContent = `${layout.stages.length} stages and ${layout.cards.length} touchpoints, `
    + `${layout.transitions ?? layout.arrows.length} transitions, the emotional curve and lanes for pain points and opportunities.`
    + (layout.transitions > layout.arrows.length ? ` ${arrowsNote(layout)}` : "");
  // The stylesheet travels inside the map, so an exported SVG looks the same.
  svg("style", {}, root).textContent = MAP_CSS;
  ids.defs = svg("defs", {}, root);

  drawStages(root, layout);
  const view = options.view && layout.cards.length > DRAW_WHOLE ? options.view() : null;
  const inView = (top, bottom) => view && bottom >= view.top && top <= view.bottom;
  const arrows = drawArrows(root, layout, ids, { lazyTitles: options.lazyTitles }, view && ((arrow) => {
    const ys = arrow.points.map((p) => p[1]);
    return inView(Math.min(...ys), Math.max(...ys));
  }));
  const later = [];
  const cardLayer = drawCards(root, layout, ids, options, view && ((card) => inView(card.y, card.y + card.height) || (later.push(card), false)));
  drawLoopShares(root, layout);
  drawCurve(root, layout, ids, options);
  drawLanes(root, layout);
  const state = { layout, options, pending: null, near: null, arrows: null, cardLayer };
  drawn.set(root, state);
  if (view) {
    // A large live map draws only what is near the view (see cullMap); until
    // the first cullMap, near is the part viewOf gave. Its sides matter: a
    // map wider than the screen marked only by its top and bottom had most
    // of its cards marked far by the first cullMap, just after its first
    // style, and the browser styled nearly all of it again (470 ms for
    // 10,000 cards).
    state.near = { left: view.left ?? -Infinity, right: view.right ?? Infinity, top: view.top, bottom: view.bottom };
    markFar(root, state);
  }
  if (view) {
    // Nearest to the view first.
    const middle = (view.top + view.bottom) / 2;
    const tasks = [
      ...later.map((card) => ({ card: card.id, distance: Math.abs(card.y + card.height / 2 - middle) })),
      ...arrows.later.map((item) => {
        const ys = item.arrow.points.map((p) => p[1]);
        return { arrow: item, distance: Math.min(Math.abs(Math.min(...ys) - middle), Math.abs(Math.max(...ys) - middle)) };
      }),
    ].sort((x, y) => x.distance - y.distance);
    if (tasks.length) finishLater(root, tasks, arrows.drawLater);
  }
  return root;
}

/** Up to how many cards a map is drawn whole at once (see options.view). */
export const DRAW_WHOLE = 300;

/**
 * The part of a map about to be shown at the top left of `container`
 * that will be in view: {top, bottom, left, right} in map units, with half
 * a screen more on each side. Reads the container's place, so call it
 * before the map goes in (then it only lays out what changed before, not
 * the map).
 */
export function viewOf(container) {
  const { top, left } = container.getBoundingClientRect();
  const height = globalThis.innerHeight || 800;
  const width = globalThis.innerWidth || 1280;
  const from = container.scrollTop - top;
  const fromLeft = container.scrollLeft - left;
  return { top: from - height / 2, bottom: from + height * 1.5, left: fromLeft - width / 2, right: fromLeft + width * 1.5 };
}

/** At most this long (ms), and this many cards and arrows, per slice of background drawing. */
const SLICE_MS = 4;
const SLICE_ITEMS = 120;

/**
 * Draws the rest of `map` in the background (see options.view): `tasks`
 * ({card: id} or {arrow}, in order) a few at a time when the browser is
 * idle, so the frames in between stay short; all at once before printing,
 * or a card when it gets focus. Stops when the map has been replaced (is
 * not in the page).
 */
function finishLater(map, tasks, drawArrow) {
  const state = drawn.get(map);
  const cards = new Map();
  for (const g of map.querySelectorAll("g.jg-card[data-pending]")) cards.set(g.dataset.id, g);
  let context = null;
  let byId = null;
  let of = null;
  let next = 0;
  const run = (task) => {
    if (task.done) return;
    task.done = true;
    if (task.arrow) {
      const path = drawArrow(task.arrow);
      if (path && state.near && isFar(state.near, arrowBox(task.arrow.arrow))) path.setAttribute("data-far", "");
      return;
    }
    const g = cards.get(task.card);
    // Drawn from the layout shown now (updateMap may have changed emotions since).
    if (of !== state.layout) {
      of = state.layout;
      byId = new Map(of.cards.map((c) => [c.id, c]));
      context = cardContext(of, state.options);
    }
    const card = byId.get(task.card);
    if (g && card) drawCardDetails(g, card, context);
  };
  const all = () => {
    if (!state.pending) return;
    for (; next < tasks.length; next += 1) run(tasks[next]);
    done();
  };
  const byCard = new Map(tasks.filter((t) => t.card).map((t) => [t.card, t]));
  const focused = (event) => {
    const id = event.target?.closest?.("g.jg-card[data-pending]")?.dataset.id;
    if (id && byCard.has(id)) run(byCard.get(id));
  };
  const done = () => {
    globalThis.removeEventListener?.("beforeprint", all);
    map.removeEventListener("focusin", focused);
    state.pending = state.detailsNow = state.detailsSoon = null;
  };
  state.pending = all;
  // A far card that comes near (markFar) is drawn in that frame, as its reach bar is,
  // or (beyond DETAILS_NOW of them, or in the margin) first in the next slice.
  const soon = [];
  state.detailsNow = (g) => byCard.has(g.dataset.id) && run(byCard.get(g.dataset.id));
  state.detailsSoon = (g) => byCard.has(g.dataset.id) && soon.push(byCard.get(g.dataset.id));
  globalThis.addEventListener?.("beforeprint", all);
  map.addEventListener("focusin", focused);
  const idle = globalThis.requestIdleCallback
    ? (f) => globalThis.requestIdleCallback(f, { timeout: 200 })
    : (f) => setTimeout(f, 16);
  let waited = 0;
  const slice = () => {
    if (!state.pending) return;
    if (!map.isConnected) {
      // Not shown yet, or replaced: wait a little, then give up.
      if ((waited += 1) > 20) done();
      else idle(slice);
      return;
    }
    const start = performance.now();
    while (soon.length && performance.now() - start <= SLICE_MS) run(soon.shift());
    for (let n = 0; next < tasks.length && n < SLICE_ITEMS; n += 1) {
      run(tasks[next]);
      next += 1;
      if (performance.now() - start > SLICE_MS) break;
    }
    if (next < tasks.length) idle(slice);
    else done();
  };
  idle(slice);
}

/**
 * Brings `map` (an <svg> from renderMap) up to date with `layout` and
 * `options` in place, when what changed since it was drawn is only
 * emotions (a slider drag, an undone emotion: the cards' colours, faces
 * and labels, the curve, its peak and end), the selection and which cards
 * a scenario changes. Returns false, changing nothing, when more changed:
 * then render the map anew.
 *
 * On a large map this is much cheaper than drawing it again, for the
 * script and even more for the browser, which styles, lays out and paints
 * again only what moved.
 */
export function updateMap(map, layout, options = {}) {
  const shown = drawn.get(map);
  return Boolean(shown) && updateDrawn(map, shown, layout, options);
}

/**
 * Moves the selection of `map` (an <svg> from renderMap) to the card with
 * id `selected`, or to none (null): the cards' class and aria-pressed and
 * the Tab stop, nothing else. Returns the options the map is now drawn
 * with (its options with this selection), or null when `map` is not one
 * renderMap drew.
 */
export function updateMapSelection(map, selected) {
  const shown = drawn.get(map);
  return shown ? selectDrawn(map, shown, selected ?? null) : null;
}

/**
 * Makes the card `g` the one Tab stop of `map` (an <svg> from renderMap,
 * interactive); returns false, changing nothing, for another map.
 */
export function moveTabStop(map, g) {
  const shown = drawn.get(map);
  if (!shown?.options.interactive) return false;
  moveTabStopDrawn(map, shown, g);
  return true;
}

/** The <g> of the card `id` on `map` (from renderMap), null if it has none; undefined for another map. */
export function cardOnMap(map, id) {
  const shown = drawn.get(map);
  return shown ? cardDrawn(map, shown, id) : undefined;
}

/** Replaces the contents of `container` with the map of `layout`; returns the <svg>. */
export function mountMap(container, layout, options = {}) {
  const map = renderMap(layout, options);
  container.replaceChildren(map);
  return map;
}
