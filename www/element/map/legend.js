// The key to the map's symbols, as an HTML list with small inline SVGs.

import { svg } from "./svg.js";
import { face } from "./emotion.js";
import { strokeWidth } from "./map-arrows.js";

function swatch(width, height) {
  return svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, "aria-hidden": "true", focusable: "false" });
}

function item(list, graphic, label) {
  const li = document.createElement("li");
  li.append(graphic);
  const span = document.createElement("span");
  span.textContent = label;
  li.append(span);
  list.append(li);
}

/** Builds the legend element. */
export function renderLegend() {
  const list = document.createElement("ul");
  list.className = "jg-legend";
  list.setAttribute("aria-label", "Key");
  for (const [value, label] of [[-0.9, "Negative"], [0, "Neutral"], [0.9, "Positive"]]) {
    const s = swatch(20, 20);
    face(s, value, 10, 10, 9);
    item(list, s, label);
  }
  for (const [key, text] of [["goal", "Goal"], ["service", "Service"], ["proactive", "Proactive"], ["indirect", "Indirect"]]) {
    const span = document.createElement("span");
    span.className = `jg-legend-badge jg-legend-badge-${key}`;
    span.textContent = text;
    const li = document.createElement("li");
    li.append(span);
    list.append(li);
  }
  const flow = swatch(34, 14);
  for (const [y, share] of [[3, 0.2], [10, 1]]) {
    svg("line", { class: "jg-arrow", x1: 1, x2: 33, y1: y, y2: y, "stroke-width": strokeWidth(share) }, flow);
  }
  item(list, flow, "Arrow width: share of customers moving on");
  const back = swatch(34, 14);
  svg("line", { class: "jg-arrow jg-arrow-back", x1: 1, x2: 33, y1: 7, y2: 7, "stroke-width": strokeWidth(0.5) }, back);
  item(list, back, "Back to an earlier step");
  const bar = swatch(34, 14);
  svg("rect", { class: "jg-flow-track", x: 1, y: 5.5, width: 32, height: 3, rx: 1.5 }, bar);
  svg("rect", { class: "jg-flow-reach", x: 1, y: 5.5, width: 18, height: 3, rx: 1.5 }, bar);
  svg("rect", { class: "jg-flow-leave", x: 19, y: 5.5, width: 6, height: 3, rx: 1.5 }, bar);
  item(list, bar, "Card's foot: share of customers reaching it; red, those who leave there");
  return list;
}

