// Updating a drawn map in place (map.js updateMap): whether a new layout
// differs from the one drawn only in emotions, the selection and which
// cards a scenario changes, and then bringing the cards and the curve up
// to date (map-cards.js, map-curve.js) instead of drawing the map anew.
// A slider's step makes its layout with map-emotions.js.
//
//   if (!updateDrawn(map, shown, layout, options)) mountMap(container, layout, options);

import { updateCards, updateSelection, tabStopAtDrawing, cardIndexOf } from "./map-cards.js";
import { updateCurve } from "./map-curve.js";

/** Card fields that updateMap brings up to date; any other difference means drawing anew. */
const EMOTION_FIELDS = new Set(["emotion", "impact", "felt"]);

/** Whether two values (numbers, strings, booleans, arrays and objects of them) are equal, but for the object keys in `skip`. */
function same(a, b, skip = null) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!same(a[i], b[i], skip)) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (skip?.has(k)) continue;
    if (!same(a[k], b[k])) return false;
  }
  return true;
}

/**
 * Whether two layouts, drawn with these options, differ only in what
 * updateMap updates: the emotions (cards' emotion, impact, felt; the
 * curve's heights, peak and end), the selection and which cards a scenario
 * changes. Where the stages, cards, arrows, curve points and lanes go and
 * what they say must be the same.
 */
function sameStructure(a, b, optionsA, optionsB) {
  if (a.width !== b.width || a.height !== b.height || a.headerHeight !== b.headerHeight) return false;
  if ((optionsA.title ?? null) !== (optionsB.title ?? null) || Boolean(optionsA.interactive) !== Boolean(optionsB.interactive)
    || Boolean(optionsA.lazyTitles) !== Boolean(optionsB.lazyTitles) || optionsA.ghost !== optionsB.ghost) return false;
  if (!same(a.stages, b.stages) || !same(a.arrows, b.arrows) || !same(a.lanes, b.lanes)) return false;
  if (a.cards.length !== b.cards.length) return false;
  for (let i = 0; i < a.cards.length; i += 1) if (!same(a.cards[i], b.cards[i], EMOTION_FIELDS)) return false;
  const [p, q] = [a.curve, b.curve];
  if (p.y !== q.y || p.height !== q.height || p.zeroY !== q.zeroY || p.points.length !== q.points.length) return false;
  for (let i = 0; i < p.points.length; i += 1) if (p.points[i].id !== q.points[i].id || p.points[i].x !== q.points[i].x) return false;
  return true;
}

/**
 * id → the card's <g>: the cards' groups stay for the map's life (updateMap
 * and finishLater draw inside them). Read from their layer's children
 * (renderMap keeps it), not by searching the map: on a map of 10,000 cards
 * a search of the whole <svg> took 20 ms.
 */
function cardsOf(map, shown) {
  shown.cardEls ??= shown.cardLayer ? cardIndexOf(shown.cardLayer) : null;
  if (!shown.cardEls) {
    shown.cardEls = new Map();
    const cards = shown.cardLayer?.children ?? map.querySelectorAll("g.jg-card");
    for (const g of cards) shown.cardEls.set(g.getAttribute("data-id"), g);
  }
  return shown.cardEls;
}

/** The <g> of the card `id` of `map`, or null. */
export function cardDrawn(map, shown, id) {
  return cardsOf(map, shown).get(id) ?? null;
}

/** The id of the card that is the map's Tab stop: kept from the drawing on (updateSelection, moveTabStopDrawn). */
function tabStopOf(shown) {
  if (shown.tabStop === undefined) shown.tabStop = tabStopAtDrawing(shown.layout, shown.options);
  return shown.tabStop;
}

/**
 * Makes the card `g` of `map` its one Tab stop (a card got focus), taking
 * it from the card that had it: kept, not searched for (a search of a map
 * of 10,000 cards took 10 ms at each focus).
 */
export function moveTabStopDrawn(map, shown, g) {
  const was = cardsOf(map, shown).get(tabStopOf(shown));
  if (was && was !== g) was.setAttribute("tabindex", "-1");
  g.setAttribute("tabindex", "0");
  shown.tabStop = g.getAttribute("data-id");
}

/**
 * Moves the selection of `map` to the card `selected` (or none), as
 * updateDrawn would with only options.selected changed, without a layout
 * to compare; returns the options the map is now drawn with.
 */
export function selectDrawn(map, shown, selected) {
  const options = { ...shown.options, selected };
  shown.tabStop = updateSelection(cardsOf(map, shown), shown.layout, shown.options.selected ?? null, options, tabStopOf(shown));
  shown.options = options;
  return options;
}

/**
 * Brings `map` (an <svg> from renderMap) up to date with `layout` and
 * `options` in place, as map.js updateMap says; `shown` is what it shows
 * ({layout, options}, map.js keeps it), brought up to date too. Returns
 * false, changing nothing, when more than that changed.
 */
export function updateDrawn(map, shown, layout, options = {}) {
  if (!sameStructure(shown.layout, layout, shown.options, options)) return false;
  const cards = cardsOf(map, shown);
  updateCards(cards, shown.layout, layout, shown.options, options);
  shown.tabStop = updateSelection(cards, layout, shown.options.selected ?? null, options, tabStopOf(shown));
  const curve = map.querySelector("g.jg-curve");
  if (curve) updateCurve(curve, shown.layout, layout, options);
  Object.assign(shown, { layout, options });
  return true;
}
