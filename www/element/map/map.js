// Renders a MapLayout (from Journey.layout()) into an <svg>: stage columns
// with a header band, transition arrows, touchpoint cards, the emotional
// curve and the pain-point and opportunity lanes. It only draws what the
// layout says; every position comes from the Rust core.
//
//   import { renderMap } from "./map.js";
//   container.replaceChildren(renderMap(journey.layout(), { title: journey.title }));

import { svg, svgText, svgTitle, num } from "./svg.js";
import { font, ellipsize } from "./text-fit.js";
import { drawArrows } from "./map-arrows.js";
import { drawCards } from "./map-cards.js";
import { drawCurve } from "./map-curve.js";
import { drawLanes } from "./map-lanes.js";
import { MAP_CSS } from "./map-style.js";

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

/**
 * Builds the map as a standalone <svg> element.
 * options.title: the accessible name (defaults to "Journey map").
 * options.interactive: cards are focusable buttons (the editor).
 * options.selected: the id of the selected card.
 * options.ghost: in what-if mode, the baseline's MapLayout; its curve is
 *   drawn as a dashed ghost under this one.
 * options.changed: ids of touchpoints a scenario changes or adds (marked).
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
    + `${layout.arrows.length} transitions, the emotional curve and lanes for pain points and opportunities.`;
  // The stylesheet travels inside the map, so an exported SVG looks the same.
  svg("style", {}, root).textContent = MAP_CSS;
  ids.defs = svg("defs", {}, root);

  drawStages(root, layout);
  drawArrows(root, layout, ids);
  drawCards(root, layout, ids, options);
  drawCurve(root, layout, ids, options);
  drawLanes(root, layout);
  return root;
}

/** Replaces the contents of `container` with the map of `layout`; returns the <svg>. */
export function mountMap(container, layout, options = {}) {
  const map = renderMap(layout, options);
  container.replaceChildren(map);
  return map;
}
