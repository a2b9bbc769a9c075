// The lanes (thoughts, evidence, the service blueprint's frontstage,
// backstage and support, pain points, opportunities, custom): each stage's texts as
// a bulleted list that fits its cell. Long texts wrap while there is room
// and are shortened with "…" when there is not; every item keeps its full
// text in a <title>, and a "+N more" line says when items are left out.

import { svg, svgText, svgTitle, num } from "./svg.js";
import { font, wrap } from "./text-fit.js";

const TEXT_FONT = [11.5, 400];
const LINE = 14.5;
const TITLE_ROW = 36; // baseline of the first item, from the lane's top
const PAD_X = 10;
const BULLET = 10;
const MAX_LINES_PER_ITEM = 3;

/** How many lines each item gets: one each first, then more to those that need it. */
function allot(needs, lines) {
  const got = needs.map(() => 1);
  let left = lines - needs.length;
  for (let round = 1; left > 0 && round < MAX_LINES_PER_ITEM; round += 1) {
    for (let i = 0; i < needs.length && left > 0; i += 1) {
      if (needs[i] > got[i]) {
        got[i] += 1;
        left -= 1;
      }
    }
  }
  return got;
}

function drawCell(parent, cell, lane, stageName) {
  const f = font(...TEXT_FONT);
  const width = cell.width - 2 * PAD_X - BULLET;
  const lines = Math.max(1, Math.floor((lane.height - TITLE_ROW - 8) / LINE) + 1);
  const g = svg("g", { class: "jg-lane-cell", role: "list", "aria-label": `${lane.title}, ${stageName}`, "data-stage": cell.stage }, parent);
  let items = cell.texts;
  let more = 0;
  if (items.length > lines) {
    more = items.length - (lines - 1);
    items = items.slice(0, lines - 1);
  }
  const needs = items.map((t) => wrap(t, width, MAX_LINES_PER_ITEM, f).lines.length);
  const got = allot(needs, more ? lines - 1 : lines);
  let y = lane.y + TITLE_ROW;
  items.forEach((t, i) => {
    const item = svg("g", { class: "jg-lane-item", role: "listitem", "aria-label": t }, g);
    svgTitle(item, t);
    svgText("•", { class: "jg-lane-bullet", x: num(cell.x + PAD_X), y: num(y), "aria-hidden": "true" }, item);
    const text = svg("text", { class: "jg-lane-text", x: num(cell.x + PAD_X + BULLET), y: num(y), "aria-hidden": "true" }, item);
    const fitted = wrap(t, width, got[i], f).lines;
    fitted.forEach((line, k) => {
      svgText(line, { x: num(cell.x + PAD_X + BULLET), dy: k === 0 ? 0 : LINE }, text, "tspan");
    });
    y += LINE * fitted.length;
  });
  if (more) {
    const hidden = cell.texts.slice(cell.texts.length - more);
    const t = svgText(`+${more} more`, { class: "jg-lane-more", x: num(cell.x + PAD_X + BULLET), y: num(y) }, g);
    svgTitle(t, hidden.join("\n"));
  }
}

/** Draws every lane of `layout` into `parent`. */
export function drawLanes(parent, layout) {
  const stageNames = new Map(layout.stages.map((s) => [s.id, s.name]));
  const left = layout.stages.length ? layout.stages[0].x : 0;
  const last = layout.stages[layout.stages.length - 1];
  const right = last ? last.x + last.width : layout.width;
  const layer = svg("g", { class: "jg-lanes" }, parent);
  for (const lane of layout.lanes) {
    const g = svg("g", { class: `jg-lane jg-lane-${lane.kind}`, role: "group", "aria-label": lane.title }, layer);
    svg("rect", { class: "jg-lane-bg", x: num(left), y: num(lane.y), width: num(right - left), height: num(lane.height), rx: 10 }, g);
    svgText(lane.title, { class: "jg-lane-title", x: num(left + 12), y: num(lane.y + 18) }, g);
    for (const cell of lane.cells) {
      if (cell.texts.length) drawCell(g, cell, lane, stageNames.get(cell.stage) ?? cell.stage);
    }
  }
  // The service blueprint's lines (interaction, visibility, internal
  // interaction), each dashed across the map just above the lane it names, with its name.
  for (const line of layout.lines ?? []) {
    const lane = layout.lanes.find((l) => l.id === line.lane);
    if (!lane) continue;
    const y = lane.y - 12;
    const g = svg("g", { class: `jg-blueprint-line jg-line-${line.kind}`, role: "separator", "aria-label": line.name }, layer);
    svg("line", { x1: num(left), x2: num(right), y1: num(y), y2: num(y) }, g);
    svgText(line.name, { class: "jg-blueprint-name", x: num(right - 8), y: num(y - 3), "text-anchor": "end", "aria-hidden": "true" }, g);
  }
  return layer;
}
