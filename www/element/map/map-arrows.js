// Transition arrows: the cubic Béziers the layout gives, drawn under the
// cards, thicker for a larger share of the customers leaving a touchpoint.
// Backward arrows (loops back to an earlier stage) are dashed.

import { svg, svgTitle, num } from "./svg.js";

const HEAD_LENGTH = 9;
const HEAD_WIDTH = 8;

/** Stroke width for a share in (0, 1]. */
export function strokeWidth(share) {
  const s = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0));
  return 1.25 + 3.25 * s;
}

/**
 * Pulls the end of the curve back by the arrowhead's length along its end
 * tangent, so the head (drawn from the new end) has its tip exactly on the
 * target and the thick line never shows past the tip.
 */
function shortened([p0, p1, p2, p3]) {
  let dx = p3[0] - p2[0];
  let dy = p3[1] - p2[1];
  let length = Math.hypot(dx, dy);
  if (length < 1e-6) {
    dx = p3[0] - p0[0];
    dy = p3[1] - p0[1];
    length = Math.hypot(dx, dy);
  }
  if (length < 1e-6) return [p0, p1, p2, p3];
  const back = Math.min(HEAD_LENGTH, Math.hypot(p3[0] - p0[0], p3[1] - p0[1]) / 2);
  const ux = (dx / length) * back;
  const uy = (dy / length) * back;
  return [p0, p1, [p2[0] - ux, p2[1] - uy], [p3[0] - ux, p3[1] - uy]];
}

/** Draws all arrows of `layout` into `parent`; the arrowhead marker goes into ids.defs. */
export function drawArrows(parent, layout, ids) {
  const markerId = ids("arrowhead");
  const marker = svg("marker", {
    id: markerId,
    class: "jg-arrowhead",
    viewBox: `0 0 ${HEAD_LENGTH} ${HEAD_WIDTH}`,
    refX: 0,
    refY: HEAD_WIDTH / 2,
    markerWidth: HEAD_LENGTH,
    markerHeight: HEAD_WIDTH,
    markerUnits: "userSpaceOnUse",
    orient: "auto",
  }, ids.defs);
  svg("path", { d: `M0,0 L${HEAD_LENGTH},${HEAD_WIDTH / 2} L0,${HEAD_WIDTH} z` }, marker);

  const names = new Map(layout.cards.map((c) => [c.id, c.name]));
  const cardX = new Map(layout.cards.map((c) => [c.id, c.x]));
  // Thin arrows first, so a thick one is never hidden under a thin one.
  const order = layout.arrows.map((a, i) => i).sort((i, j) => layout.arrows[i].share - layout.arrows[j].share);
  const layer = svg("g", { class: "jg-arrows", "aria-hidden": "true" }, parent);
  for (const i of order) {
    const arrow = layout.arrows[i];
    const [p0, p1, p2, p3] = shortened(arrow.points);
    const backward = arrow.selfLoop || (cardX.get(arrow.to) ?? 0) < (cardX.get(arrow.from) ?? 0) - 1;
    const path = svg("path", {
      class: `jg-arrow${backward ? " jg-arrow-back" : ""}`,
      d: `M${num(p0[0])},${num(p0[1])} C${num(p1[0])},${num(p1[1])} ${num(p2[0])},${num(p2[1])} ${num(p3[0])},${num(p3[1])}`,
      "stroke-width": num(strokeWidth(arrow.share)),
      "marker-end": `url(#${markerId})`,
      "data-from": arrow.from,
      "data-to": arrow.to,
    }, layer);
    svgTitle(path, `${names.get(arrow.from) ?? arrow.from} → ${names.get(arrow.to) ?? arrow.to}: ${Math.round(arrow.share * 100)}% of those leaving`);
  }
  return layer;
}
