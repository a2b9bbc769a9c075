// The map on the wall: the editor's map (renderMap), with each card's
// emotion written out as well as drawn, and a stage-by-stage reveal. The
// stages ahead keep only their outlined headers, their cards, arrows and
// lane notes are hidden, and the emotional curve is clipped at the edge of
// the current stage, so it is drawn as the room walks (the clip's width
// moves with a CSS transition unless the viewer prefers reduced motion).
//
//   const { map, show } = presentMap(layout, { title, selected, ghost, changed });
//   container.replaceChildren(map);
//   show(2);                     // stages 0..2 shown, stage 2 current
//   show(layout.stages.length);  // the whole journey

import { renderMap } from "../map/map.js";
import { svg, svgText, num } from "../map/svg.js";
import { level, signed } from "../map/emotion.js";

let clips = 0;

/** "−0.5 negative": a card's emotion in words, for the wall. */
export function emotionText(value) {
  return `${signed(value)} ${level(value).name}`;
}

/** Writes the emotion on every card, where the editor writes channel and owner. */
function labelCards(map, layout) {
  const byId = new Map(layout.cards.map((c) => [c.id, c]));
  for (const g of map.querySelectorAll("g.jg-card")) {
    const card = byId.get(g.dataset.id);
    const body = g.querySelector(":scope > g[aria-hidden]");
    if (!card || !body) continue;
    svgText(emotionText(card.emotion), { class: "jgp-card-emotion", x: 14, y: num(card.height - 29) }, body);
  }
}

/** Moves the curve's line, tinted areas and ghost into one group clipped by `rect`. */
function clipCurve(map, clipId) {
  const curve = map.querySelector("g.jg-curve");
  if (!curve) return;
  const moving = [...curve.children].filter((el) => el.matches(".jg-curve-area-pos, .jg-curve-area-neg, .jg-curve-ghost, .jg-curve-line"));
  if (!moving.length) return;
  const group = svg("g", { class: "jgp-curve-drawn", "clip-path": `url(#${clipId})` });
  moving[0].before(group);
  group.append(...moving);
  // The ghost's key ("Scenario", "Baseline") stays whole whatever is revealed.
  const key = group.querySelector(".jg-curve-key");
  if (key) group.after(key);
}

/**
 * Renders the map of `layout` for the projector view; `options` go to
 * renderMap (interactive cards, the selected one, the baseline ghost and
 * the changed touchpoints). Returns { map, show(step) }.
 */
export function presentMap(layout, options = {}) {
  const map = renderMap(layout, { ...options, interactive: true });
  labelCards(map, layout);

  const count = layout.stages.length;
  const stageIndex = new Map(layout.stages.map((s, i) => [s.id, i]));
  const cardStage = new Map(layout.cards.map((c) => [c.id, stageIndex.get(c.stage) ?? 0]));

  clips += 1;
  const clipId = `jgp-reveal-${clips}`;
  const defs = map.querySelector("defs") ?? svg("defs", {}, map);
  const clip = svg("clipPath", { id: clipId }, defs);
  const edge = svg("rect", { class: "jgp-reveal-edge", x: 0, y: 0, width: num(layout.width), height: num(layout.height) }, clip);
  clipCurve(map, clipId);

  // Every drawn thing that belongs to a stage, with that stage's index.
  const tagged = [];
  for (const el of map.querySelectorAll("g.jg-stage[data-stage], g.jg-card[data-stage], g.jg-lane-cell[data-stage]")) {
    tagged.push([el, stageIndex.get(el.dataset.stage) ?? 0]);
  }
  for (const el of map.querySelectorAll(".jg-arrow[data-from]")) {
    tagged.push([el, Math.max(cardStage.get(el.dataset.from) ?? 0, cardStage.get(el.dataset.to) ?? 0)]);
  }
  for (const el of map.querySelectorAll(".jg-curve-point[data-id], .jg-curve-mark[data-id]")) {
    tagged.push([el, cardStage.get(el.dataset.id) ?? 0]);
  }

  /** Where the curve stops when stage `step` is the current one: halfway to the next column. */
  const edgeAt = (step) => {
    if (step >= count - 1) return layout.width;
    const here = layout.stages[step];
    const next = layout.stages[step + 1];
    return (here.x + here.width + next.x) / 2;
  };

  const show = (step) => {
    const whole = step >= count;
    for (const [el, i] of tagged) {
      el.classList.toggle("jgp-ahead", !whole && i > step);
      if (el.classList.contains("jg-stage")) el.classList.toggle("jgp-current", !whole && i === step);
    }
    const x = whole ? layout.width : edgeAt(step);
    edge.setAttribute("width", num(x));
    edge.style.width = `${num(x)}px`;
    map.dataset.step = whole ? "all" : String(step);
  };
  return { map, show };
}

/**
 * Draws the wall's map (presentMap) into `strip` in place of the last one,
 * the focused card focused again; Enter or Space on a card picks it
 * (`pick(id)`). Returns `show(step)`, which reveals the stages up to `step`.
 */
export function drawWallMap(strip, layout, options, pick) {
  const focused = strip.getRootNode().activeElement?.closest?.(".jgp-map .jg-card")?.dataset.id;
  const { map, show } = presentMap(layout, options);
  strip.replaceChildren(map);
  if (focused) map.querySelector(`.jg-card[data-id="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  map.addEventListener("keydown", (e) => {
    const card = e.target.closest?.(".jg-card");
    if (card && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      pick(card.dataset.id);
    }
  });
  return show;
}
