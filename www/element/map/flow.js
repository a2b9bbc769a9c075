// Where customers are lost, on the cards: a thin bar along each card's foot.
// Its length is the card's reach (the share of customers who ever get
// there); its red end is the share of all customers who leave the journey
// there. The card's accessible name says both in numbers
// ("… reached by 43%; 15% of customers leave here"). Drawn over the map
// after each drawing and when the figures arrive, touching only the cards
// whose figures moved (a slider step changes a few).
//
// On a large live map (one map.js culls: cullMap) every card's name gets
// its figures at once, and the cards near the view their bars; the bars of
// the cards marked far (data-far, which the screen does not draw) follow in
// short slices while the browser is idle, nearest first (with them a far
// card's name loses its figures when there are none yet). Until they are
// all drawn the map has the attribute data-flow-pending. A far card that
// comes near (cullMap, focus) gets its bar at once, and so does every card
// before printing. Newer figures replace what was left to draw of older
// ones. On the 10,000-touchpoint reference, drawing all 10,000 bars when
// the worker's figures arrived was about 300 ms of script and 220 ms of
// style in one go.
//
//   markFlow(svg, analysis);   // analysis: Journey.analyze() (or null: no figures yet)

import { svg, num } from "./svg.js";
import { whenNear, nearestFirst } from "./map.js";

const FLOW = "jg-flow";
const PENDING = "data-flow-pending";
const PAD = 12;
const pct = (x) => `${Math.round(x * 100)}%`;

/** What a card's name says of its figures. */
export function flowText(reach, leave) {
  return `. Reached by ${pct(reach)}; ${pct(leave)} of customers leave here`;
}

/**
 * How often markFlow went through a map's cards (`passes`) and found it
 * had been given the same figures for it already (`same`); for tests.
 */
export const stats = { passes: 0, same: 0 };

/** Per map, the figures (analysis.touchpoints, or null) markFlow drew last. */
const marked = new WeakMap();

/**
 * Marks every card of `map` with its reach and the share who leave there;
 * clears them without figures. Only cards whose figures moved are
 * touched, their bars changed in place (a slider step on a large map moves
 * the figures of many cards a little: most round to what is drawn). On a
 * large live map the far cards' bars come later (see above).
 *
 * The same figures again for the same map (a selection, a render that
 * changed only the selection or emotions before the new figures came) do
 * nothing: the cards show them already (about 40 ms on 10,000 cards).
 * An analysis is never changed once made (the core's, the worker's copy),
 * so the same object is the same figures; a map drawn anew is another
 * <svg>; the selection draws nothing here; a card the map names afresh
 * keeps its figures in its name (map-cards.js relabel).
 */
export function markFlow(map, analysis) {
  if (!map) return;
  const figures = analysis?.touchpoints ?? null;
  const s = later.get(map);
  // Unless the far bars' drawing gave up (the map was not in the page): then it starts again.
  if (marked.has(map) && marked.get(map) === figures && !(s?.todo.size && s.timer === null)) {
    stats.same += 1;
    return;
  }
  marked.set(map, figures);
  stats.passes += 1;
  const culled = whenNear(map, (g) => drawNow(map, g));
  const todo = new Map();
  for (const g of map.querySelectorAll("g.jg-card")) {
    const f = flowOf(figures?.[g.dataset.id]);
    const far = culled && g.hasAttribute("data-far");
    // A far card's name gets new figures at once, loses them with its bar (drawFar).
    if (far && !f) {
      if (g.dataset.flow !== undefined || g.dataset.flowText !== undefined) todo.set(g, f);
      continue;
    }
    const text = f?.text ?? "";
    if ((g.dataset.flowText ?? "") !== text || !labelHas(g)) setLabel(g, text);
    if ((g.dataset.flow ?? "") === (f?.key ?? "")) continue;
    if (far) todo.set(g, f);
    else drawBar(g, f);
  }
  drawLater(map, todo);
}

/**
 * Draws a far card's bar for `f` (flowOf) when its turn comes; for null,
 * takes its figures out of its name too. Its name keeps the older figures
 * until then: newer ones that come first then only change them, and the
 * card is as if drawn anew (its data-flow-text before data-flow).
 */
function drawFar(g, f) {
  if (!f && g.dataset.flowText !== undefined) setLabel(g, "");
  drawBar(g, f);
}

/** A card's figures as the bar and the name show them: {reach, leave, text, key}, or null. */
function flowOf(t) {
  if (!t) return null;
  // To a tenth of a percent: what the bar can show, and a step that moves less touches nothing.
  const reach = Math.round(clamp(t.reach) * 1000) / 1000;
  const leave = Math.min(reach, Math.round(clamp(t.visits * t.dropout) * 1000) / 1000);
  // The words from the exact figures (rounded once, to whole percents).
  const text = flowText(clamp(t.reach), Math.min(clamp(t.reach), clamp(t.visits * t.dropout)));
  return { reach, leave, text, key: `${reach}:${leave}${text}` };
}

/** Draws card `g`'s bar for `f` (flowOf), or takes it away for null. */
function drawBar(g, f) {
  if (!f) {
    g.querySelector(`.${FLOW}`)?.remove();
    delete g.dataset.flow;
    return;
  }
  const { reach, leave } = f;
  const body = g.lastElementChild;
  const bg = g.querySelector(".jg-card-bg");
  if (!body || !bg) return;
  const w = Number(bg.getAttribute("width"));
  const h = Number(bg.getAttribute("height"));
  const track = w - 2 * PAD;
  let bar = body.querySelector(`:scope > .${FLOW}`);
  if (!bar) {
    bar = svg("g", { class: FLOW }, body);
    svg("rect", { class: "jg-flow-track", x: PAD, y: num(h - 5), width: num(track), height: 3, rx: 1.5 }, bar);
    svg("rect", { class: "jg-flow-reach", x: PAD, y: num(h - 5), height: 3, rx: 1.5 }, bar);
    svg("rect", { class: "jg-flow-leave", y: num(h - 5), height: 3, rx: 1.5 }, bar);
  }
  const [, reached, left] = bar.children;
  // A part of no length has width 0 (SVG draws nothing for it).
  reached.setAttribute("width", num(Math.max(0, track * (reach - leave))));
  left.setAttribute("x", num(PAD + track * (reach - leave)));
  left.setAttribute("width", num(leave > 0 ? Math.max(1.5, track * leave) : 0));
  g.dataset.flow = f.key;
}

/** At most this long (ms) per slice of far bars. */
const SLICE_MS = 8;

/**
 * Per map, the far cards' bars still to draw: {gen, todo (card → flowOf),
 * timer, print}. `gen` counts the figures given to markFlow: a slice of
 * older ones that finds it moved on draws nothing.
 */
const later = new WeakMap();

const idle = globalThis.requestIdleCallback
  ? (f) => globalThis.requestIdleCallback(f, { timeout: 200 })
  : (f) => setTimeout(f, 16);
const unidle = globalThis.cancelIdleCallback ?? clearTimeout;

/** Draws the bars of `todo` (card → flowOf) in the background (see above), in place of what was left of older figures. */
function drawLater(map, todo) {
  let s = later.get(map);
  if (!s && !todo.size) return;
  if (!s) later.set(map, (s = { gen: 0, todo: new Map(), timer: null, print: null }));
  s.gen += 1;
  if (s.timer !== null) unidle(s.timer);
  s.timer = null;
  s.todo = todo;
  if (!todo.size) {
    done(map, s);
    return;
  }
  map.setAttribute(PENDING, "");
  if (!s.print) {
    s.print = () => drawAll(map);
    globalThis.addEventListener?.("beforeprint", s.print);
  }
  const gen = s.gen;
  let waited = 0;
  let sorted = false;
  const slice = () => {
    if (s.gen !== gen) return;
    s.timer = null;
    if (!map.isConnected) {
      // Not shown yet, or replaced: wait a little, then give up (a card that comes near still gets its bar).
      if ((waited += 1) > 20) done(map, s, true);
      else s.timer = idle(slice);
      return;
    }
    const start = performance.now();
    if (!sorted) {
      // In the first slice, not with the figures: nearest to the view first.
      sorted = true;
      const { todo: left } = s;
      s.todo = new Map(nearestFirst(map, [...left.keys()]).map((g) => [g, left.get(g)]));
    }
    for (const [g, f] of s.todo) {
      s.todo.delete(g);
      drawFar(g, f);
      if (performance.now() - start > SLICE_MS) break;
    }
    if (s.todo.size) s.timer = idle(slice);
    else done(map, s);
  };
  s.timer = idle(slice);
}

/** Draws card `g`'s bar now if it is still to come (a far card came near). */
function drawNow(map, g) {
  const s = later.get(map);
  if (!s?.todo.has(g)) return;
  drawFar(g, s.todo.get(g));
  s.todo.delete(g);
  if (!s.todo.size) done(map, s);
}

/** Draws every bar still to come on `map` now (before printing). */
function drawAll(map) {
  const s = later.get(map);
  if (!s) return;
  for (const [g, f] of s.todo) drawFar(g, f);
  s.todo.clear();
  done(map, s);
}

/** Stops the background drawing of `map`'s bars: all drawn (or, with `givenUp`, the map is gone). */
function done(map, s, givenUp = false) {
  if (s.timer !== null) unidle(s.timer);
  s.timer = null;
  if (s.print) globalThis.removeEventListener?.("beforeprint", s.print);
  s.print = null;
  if (!givenUp) map.removeAttribute(PENDING);
}

/** Puts `text` (flowText, or "") in the card's name in place of what was there, before who is here (presence.js adds that last). */
function setLabel(g, text) {
  const old = g.dataset.flowText ?? "";
  let label = g.getAttribute("aria-label") ?? "";
  if (old) {
    const at = label.lastIndexOf(old);
    if (at >= 0) label = label.slice(0, at) + label.slice(at + old.length);
  }
  if (text) {
    const presence = g.dataset.presenceSuffix ?? "";
    label = presence && label.endsWith(presence) ? label.slice(0, -presence.length) + text + presence : label + text;
    g.dataset.flowText = text;
  } else {
    delete g.dataset.flowText;
  }
  g.setAttribute("aria-label", label);
}

const clamp = (x) => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0);

/** Whether the card's name still carries the figures (the map may have named it afresh). */
function labelHas(g) {
  const text = g.dataset.flowText;
  return !text || (g.getAttribute("aria-label") ?? "").includes(text);
}

export { FLOW_CSS } from "./flow-style.js";
