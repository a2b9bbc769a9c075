// The emotional curve: felt emotion along the journey, a zero line, the
// positive and negative areas tinted, and the peak and end moments marked
// and labelled (the two moments people remember, SPEC section 3).

import { svg, svgText, svgTitle, num } from "./svg.js";
import { level, signed, describe } from "./emotion.js";

/**
 * A smooth path through points with increasing x that never overshoots
 * between two points (monotone cubic interpolation, Fritsch–Carlson, as in
 * d3's curveMonotoneX). Falls back to straight segments when x does not
 * strictly increase.
 */
export function smoothPath(points) {
  if (points.length === 0) return "";
  const [x0, y0] = points[0];
  if (points.length === 1) return `M${num(x0)},${num(y0)}`;
  const n = points.length;
  for (let i = 1; i < n; i += 1) {
    if (!(points[i][0] > points[i - 1][0])) {
      return points.map(([x, y], k) => `${k ? "L" : "M"}${num(x)},${num(y)}`).join(" ");
    }
  }
  const h = [];
  const slope = [];
  for (let i = 0; i < n - 1; i += 1) {
    h.push(points[i + 1][0] - points[i][0]);
    slope.push((points[i + 1][1] - points[i][1]) / h[i]);
  }
  const tangent = new Array(n);
  tangent[0] = slope[0];
  tangent[n - 1] = slope[n - 2];
  for (let i = 1; i < n - 1; i += 1) {
    if (slope[i - 1] * slope[i] <= 0) {
      tangent[i] = 0;
    } else {
      // Weighted harmonic mean keeps the curve within each segment's range.
      const w1 = 2 * h[i] + h[i - 1];
      const w2 = h[i] + 2 * h[i - 1];
      tangent[i] = (w1 + w2) / (w1 / slope[i - 1] + w2 / slope[i]);
    }
  }
  let d = `M${num(x0)},${num(y0)}`;
  for (let i = 0; i < n - 1; i += 1) {
    const [xa, ya] = points[i];
    const [xb, yb] = points[i + 1];
    const third = h[i] / 3;
    d += ` C${num(xa + third)},${num(ya + tangent[i] * third)} ${num(xb - third)},${num(yb - tangent[i + 1] * third)} ${num(xb)},${num(yb)}`;
  }
  return d;
}

/**
 * The baseline's curve placed on this map (what-if mode): each baseline
 * moment at the x of the same touchpoint here, or, when the scenario
 * removed it, at the same place within its stage's column; y from its felt
 * emotion on this map's scale. Returns [{id, x, y, felt}] in journey order.
 */
export function ghostPoints(base, layout) {
  const { curve } = layout;
  const half = curve.zeroY - curve.y - 12; // the layout keeps 12 units of room at the edges
  const here = new Map(curve.points.map((p) => [p.id, p.x]));
  const stageOf = new Map(base.cards.map((c) => [c.id, c.stage]));
  const then = new Map(base.stages.map((s) => [s.id, s]));
  const now = new Map(layout.stages.map((s) => [s.id, s]));
  return base.curve.points.map((p) => {
    let x = here.get(p.id);
    if (x === undefined) {
      const a = then.get(stageOf.get(p.id));
      const b = now.get(stageOf.get(p.id));
      x = a && b && a.width > 0 ? b.x + ((p.x - a.x) * b.width) / a.width : p.x;
    }
    return { id: p.id, x, y: curve.zeroY - p.felt * half, felt: p.felt };
  });
}

/** The baseline drawn faintly under the curve, with where each changed moment was. */
function drawGhost(g, base, layout, left, top) {
  const points = ghostPoints(base, layout);
  if (!points.length) return;
  const now = new Map(layout.curve.points.map((p) => [p.id, p]));
  const ghost = svg("g", { class: "jg-curve-ghost", "aria-hidden": "true" }, g);
  svg("path", { class: "jg-curve-ghost-line", d: smoothPath(points.map((p) => [p.x, p.y])) }, ghost);
  for (const p of points) {
    const moved = now.get(p.id);
    if (moved && Math.abs(moved.y - p.y) < 1.5) continue;
    if (moved) svg("line", { class: "jg-curve-shift", x1: num(p.x), y1: num(p.y), x2: num(moved.x), y2: num(moved.y) }, ghost);
    svg("circle", { class: "jg-curve-ghost-point", cx: num(p.x), cy: num(p.y), r: 3.5, "data-id": p.id }, ghost);
  }
  // A key in the lane itself, so an exported picture explains the dashes.
  const key = svg("g", { class: "jg-curve-key" }, ghost);
  // Beside the lane's title, where the curve's own labels rarely go.
  const x = left + 150;
  const y = top + 14;
  svg("line", { class: "jg-curve-line", x1: num(x), x2: num(x + 22), y1: num(y), y2: num(y) }, key);
  svgText("Scenario", { class: "jg-curve-key-text", x: num(x + 28), y: num(y + 4) }, key);
  svg("line", { class: "jg-curve-ghost-line", x1: num(x + 92), x2: num(x + 114), y1: num(y), y2: num(y) }, key);
  svgText("Baseline", { class: "jg-curve-key-text", x: num(x + 120), y: num(y + 4) }, key);
}

/** ", where 61% of customers end": why END is where it is (the layout weighs it by the customers who end there). */
export function endWhy(curve) {
  return typeof curve.endShare === "number" ? `, where ${Math.round(100 * curve.endShare)}% of customers end` : " (the last touchpoint)";
}

/** The accessible name of the curve: what it is, its peak and its end. */
function curveSummary(layout, options) {
  const { curve } = layout;
  const names = new Map(layout.cards.map((c) => [c.id, c.name]));
  const at = (i) => curve.points[i];
  const peak = curve.peak ?? null;
  const end = curve.end ?? null;
  const summary = [options.ghost ? "Emotional curve of the scenario, with the baseline dashed: felt emotion (emotion × impact) of each touchpoint, in journey order"
    : "Emotional curve: felt emotion (emotion × impact) of each touchpoint, in journey order"];
  if (peak !== null && at(peak)) summary.push(`peak: felt ${signed(at(peak).felt)} at ${names.get(at(peak).id) ?? at(peak).id}`);
  if (end !== null && at(end)) summary.push(`end: felt ${signed(at(end).felt)} at ${names.get(at(end).id) ?? at(end).id}${endWhy(curve)}`);
  return summary.join("; ");
}

/** The curve's edges: left and right of the columns, top and bottom of the lane, half its height. */
function frame(layout) {
  const { curve } = layout;
  const left = layout.stages.length ? layout.stages[0].x : 0;
  const right = layout.stages.length ? layout.stages[layout.stages.length - 1].x + layout.stages[layout.stages.length - 1].width : layout.width;
  const top = curve.y;
  const bottom = curve.y + curve.height;
  const half = curve.zeroY - top - 12; // the layout keeps 12 units of room at the edges
  return { left, right, top, bottom, half };
}

/** The curve's line, and the area between it and the zero line. */
function curvePaths(layout) {
  const { curve } = layout;
  const pts = curve.points.map((p) => [p.x, p.y]);
  const line = smoothPath(pts);
  const area = `${line} L${num(pts[pts.length - 1][0])},${num(curve.zeroY)} L${num(pts[0][0])},${num(curve.zeroY)} Z`;
  return { line, area };
}

/** A point's class and tooltip. */
function pointLook(p, names, emotions) {
  return {
    cls: `jg-curve-point jg-emotion-${level(emotions.get(p.id) ?? p.felt).key}`,
    title: `${names.get(p.id) ?? p.id}: felt ${describe(p.felt)}`,
  };
}

/** Peak and end: a ring and a label, above a high point and below a low one. */
function drawMarks(g, layout) {
  const { curve } = layout;
  const { top, bottom } = frame(layout);
  const peak = curve.peak ?? null;
  const end = curve.end ?? null;
  const at = (i) => curve.points[i];
  const marks = [];
  if (peak !== null && at(peak)) marks.push({ i: peak, kind: "peak", text: "Peak" });
  if (end !== null && at(end)) {
    if (end === peak) marks[0].text = "Peak & End";
    else marks.push({ i: end, kind: "end", text: "End" });
  }
  for (const mark of marks) {
    const p = at(mark.i);
    const kinds = mark.text === "Peak & End" ? "jg-curve-peak jg-curve-end" : `jg-curve-${mark.kind}`;
    const m = svg("g", { class: `jg-curve-mark ${kinds}`, "data-id": p.id }, g);
    svg("circle", { class: "jg-curve-ring", cx: num(p.x), cy: num(p.y), r: 8.5 }, m);
    const upward = p.felt >= 0;
    let y = upward ? p.y - 15 : p.y + 24;
    y = Math.max(top + 14, Math.min(bottom - 6, y));
    svgText(`${mark.text} ${signed(p.felt)}`, { class: "jg-curve-label", x: num(p.x), y: num(y), "text-anchor": "middle" }, m);
  }
}

/**
 * Draws the curve lane of `layout` into `parent`. `options.ghost`: the
 * baseline's MapLayout in what-if mode; its curve is drawn dashed under
 * this one.
 */
export function drawCurve(parent, layout, ids, options = {}) {
  const { curve } = layout;
  const names = new Map(layout.cards.map((c) => [c.id, c.name]));
  const emotions = new Map(layout.cards.map((c) => [c.id, c.emotion]));
  const { left, right, top, bottom, half } = frame(layout);
  const g = svg("g", { class: "jg-curve", role: "group", "aria-label": curveSummary(layout, options) }, parent);

  svg("rect", { class: "jg-lane-bg jg-curve-bg", x: num(left), y: num(top), width: num(right - left), height: num(curve.height), rx: 10 }, g);
  svgText("Emotional curve \u00b7 felt emotion (emotion \u00d7 impact); End: where most customers end", { class: "jg-lane-title", x: num(left + 12), y: num(top + 18) }, g);
  // Scale marks in the left margin.
  for (const [value, y] of [[1, curve.zeroY - half], [0, curve.zeroY], [-1, curve.zeroY + half]]) {
    svgText(signed(value), { class: "jg-curve-scale", x: num(left - 4), y: num(y + 4), "text-anchor": "end", "aria-hidden": "true" }, g);
  }
  // Faint dividers between the stages, so each moment can be read against its column.
  layout.stages.slice(1).forEach((stage, i) => {
    const prev = layout.stages[i];
    const x = (prev.x + prev.width + stage.x) / 2;
    svg("line", { class: "jg-curve-divider", x1: num(x), x2: num(x), y1: num(top + 6), y2: num(bottom - 6), "aria-hidden": "true" }, g);
  });
  svg("line", { class: "jg-curve-zero", x1: num(left), x2: num(right), y1: num(curve.zeroY), y2: num(curve.zeroY) }, g);

  if (curve.points.length > 0) {
    // Tint the area between curve and zero line: green above, red below.
    const { line, area } = curvePaths(layout);
    const above = ids("curve-above");
    const below = ids("curve-below");
    svg("rect", { x: num(left), y: num(top), width: num(right - left), height: num(curve.zeroY - top) }, svg("clipPath", { id: above }, ids.defs));
    svg("rect", { x: num(left), y: num(curve.zeroY), width: num(right - left), height: num(bottom - curve.zeroY) }, svg("clipPath", { id: below }, ids.defs));
    svg("path", { class: "jg-curve-area-pos", d: area, "clip-path": `url(#${above})`, "aria-hidden": "true" }, g);
    svg("path", { class: "jg-curve-area-neg", d: area, "clip-path": `url(#${below})`, "aria-hidden": "true" }, g);
    if (options.ghost) drawGhost(g, options.ghost, layout, left, top);
    svg("path", { class: "jg-curve-line", d: line, "aria-hidden": "true" }, g);
  } else if (options.ghost) {
    drawGhost(g, options.ghost, layout, left, top);
  }

  const dots = svg("g", { class: "jg-curve-points" }, g);
  curve.points.forEach((p) => {
    const look = pointLook(p, names, emotions);
    const dot = svg("circle", { class: look.cls, cx: num(p.x), cy: num(p.y), r: 4.5, "data-id": p.id }, dots);
    svgTitle(dot, look.title);
  });

  drawMarks(g, layout);
  return g;
}

/**
 * Brings the curve `g` drawn by drawCurve for `before` up to date with
 * `layout`, where only the felt emotions (and so the points' heights, the
 * peak and the end) changed: same touchpoints, same columns. Cheaper than
 * drawing it again, above all for the browser: only what moved is styled
 * and laid out again.
 */
export function updateCurve(g, before, layout, options = {}) {
  const { curve } = layout;
  g.setAttribute("aria-label", curveSummary(layout, options));
  if (curve.points.length > 0) {
    const { line, area } = curvePaths(layout);
    for (const el of g.children) {
      if (el.matches(".jg-curve-line")) el.setAttribute("d", line);
      else if (el.matches(".jg-curve-area-pos, .jg-curve-area-neg")) el.setAttribute("d", area);
    }
  }
  const ghost = [...g.children].find((el) => el.matches(".jg-curve-ghost"));
  if (ghost) {
    const scratch = svg("g");
    const { left, top } = frame(layout);
    drawGhost(scratch, options.ghost, layout, left, top);
    if (scratch.firstChild) ghost.replaceWith(scratch.firstChild);
    else ghost.remove();
  }
  const dots = [...g.children].find((el) => el.matches(".jg-curve-points"));
  // The touchpoints whose emotion changed (a point's colour is its emotion's); same cards in the same order.
  const moved = new Set();
  layout.cards.forEach((c, i) => {
    const b = before.cards[i];
    if (b !== c && (!b || b.id !== c.id || b.emotion !== c.emotion)) moved.add(c.id);
  });
  let names = null;
  let emotions = null;
  curve.points.forEach((p, i) => {
    const q = before.curve.points[i];
    if (q === p && !moved.has(p.id)) return;
    if (q && q.y === p.y && q.felt === p.felt && !moved.has(p.id)) return;
    names ??= new Map(layout.cards.map((c) => [c.id, c.name]));
    emotions ??= new Map(layout.cards.map((c) => [c.id, c.emotion]));
    const dot = dots.children[i];
    const look = pointLook(p, names, emotions);
    dot.setAttribute("class", look.cls);
    dot.setAttribute("cy", num(p.y));
    dot.firstElementChild.textContent = look.title;
  });
  for (const mark of [...g.children].filter((el) => el.matches(".jg-curve-mark"))) mark.remove();
  drawMarks(g, layout);
}
