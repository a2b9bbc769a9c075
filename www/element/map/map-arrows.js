// Transition arrows: the piecewise cubic Béziers the layout gives (routed
// between the cards), drawn under the cards, thicker for a larger share of
// the customers leaving a touchpoint.
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
function shortened(points) {
  // A routed arrow (several pieces): only its last piece is pulled back.
  if (points.length > 4) return [...points.slice(0, -3), ...shortenedPiece(points.slice(-4)).slice(1)];
  return shortenedPiece(points);
}

function shortenedPiece([p0, p1, p2, p3]) {
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

/**
 * The arrowhead as part of the arrow's own path: a triangle HEAD_LENGTH
 * long and HEAD_WIDTH wide from the shortened end `base` along the unit
 * vector (ux, uy), inset by half the stroke width so that the stroked and
 * filled triangle (round joins) covers the head's outline and its tip
 * ends on the target.
 */
function headPath(base, ux, uy, width) {
  // The triangle's inradius, and its incentre on the axis.
  const side = Math.hypot(HEAD_LENGTH, HEAD_WIDTH / 2);
  const rho = (HEAD_LENGTH * HEAD_WIDTH) / (HEAD_WIDTH + 2 * side);
  const k = Math.max(0.05, (rho - width / 2) / rho);
  const ix = base[0] + ux * rho;
  const iy = base[1] + uy * rho;
  const at = (along, across) => {
    const x = base[0] + ux * along - uy * across;
    const y = base[1] + uy * along + ux * across;
    return `${num(ix + (x - ix) * k)},${num(iy + (y - iy) * k)}`;
  };
  return `M${at(HEAD_LENGTH, 0)} L${at(0, HEAD_WIDTH / 2)} L${at(0, -HEAD_WIDTH / 2)} Z`;
}

/** Above how many routed arrows (more than one piece) a map hit-tests those by their heads only (see drawArrows). */
export const MANY_ROUTED = 500;

/**
 * Draws all arrows of `layout` into `parent`.
 *
 * A forward arrow is one path: the curve, the same curve back (so that
 * filling the path fills nothing there) and its head, which the fill
 * fills. No marker: a marker reference on each of thousands of arrows
 * makes a large map slow to style. Backward arrows are dashed, which the
 * way back would spoil; they keep a marker (ids.defs), and are few.
 *
 * Each arrow has a tooltip (<title>); `options.lazyTitles` makes it only
 * when the pointer first comes over the arrow (the editor: thousands of
 * arrows, few of them ever pointed at), else it is drawn with the arrow
 * (exported pictures).
 *
 * `now(arrow)`, if given, says which arrows are drawn now; the others are
 * returned in `later`, and `drawLater(item)` draws one in its place.
 * Returns {layer, later, drawLater}.
 */
export function drawArrows(parent, layout, ids, options = {}, now = null) {
  let markerId = null;
  const marker = () => {
    if (markerId) return markerId;
    markerId = ids("arrowhead");
    const m = svg("marker", {
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
    svg("path", { d: `M0,0 L${HEAD_LENGTH},${HEAD_WIDTH / 2} L0,${HEAD_WIDTH} z` }, m);
    return markerId;
  };

  const names = new Map(layout.cards.map((c) => [c.id, c.name]));
  const titleOf = (arrow) => `${names.get(arrow.from) ?? arrow.from} → ${names.get(arrow.to) ?? arrow.to}: ${Math.round(arrow.share * 100)}% of those leaving`;
  const byKey = new Map();
  const cardX = new Map(layout.cards.map((c) => [c.id, c.x]));
  const isBackward = (arrow) => arrow.selfLoop || (cardX.get(arrow.to) ?? 0) < (cardX.get(arrow.from) ?? 0) - 1;
  // Hit-testing a routed arrow's line (Chromium strokes the whole path for
  // it) costs about half a millisecond, and a routed arrow's box covers
  // much of the map: at 5,000 routed arrows (a journey fitted from page
  // paths) one hit test took 3 s, on every pointer move and on Chromium's
  // own check of the page after each change. On a map with more than
  // MANY_ROUTED of them, a routed arrow is hit by its head only (its fill);
  // the inspector edits every transition all the same.
  const routed = (arrow) => arrow.points.length > 4;
  const headsOnly = layout.arrows.reduce((n, a) => n + routed(a), 0) > MANY_ROUTED;
  // The marker goes into defs now, not when its first arrow is drawn (which may be later).
  if (layout.arrows.some(isBackward)) marker();

  /** The path of one arrow. */
  const draw = (arrow) => {
    const pts = shortened(arrow.points);
    const backward = isBackward(arrow);
    const width = strokeWidth(arrow.share);
    const at = (p) => `${num(p[0])},${num(p[1])}`;
    // Each piece: control 1, control 2, end (the layout's 3n + 1 points).
    let d = `M${at(pts[0])}`;
    for (let i = 1; i + 2 < pts.length; i += 3) d += ` C${at(pts[i])} ${at(pts[i + 1])} ${at(pts[i + 2])}`;
    if (!backward) {
      // The end tangent of the last piece, as the marker's orient="auto" takes it.
      const [p0, , p2, p3] = pts.slice(-4);
      let dx = p3[0] - p2[0];
      let dy = p3[1] - p2[1];
      if (Math.hypot(dx, dy) < 1e-6) {
        dx = p3[0] - p0[0];
        dy = p3[1] - p0[1];
      }
      const length = Math.hypot(dx, dy);
      if (length > 1e-6) {
        // The same pieces back, so that filling the path fills nothing but the head.
        for (let i = pts.length - 1; i - 3 >= 0; i -= 3) d += ` C${at(pts[i - 1])} ${at(pts[i - 2])} ${at(pts[i - 3])}`;
        d += ` ${headPath(p3, dx / length, dy / length, width)}`;
      }
    }
    const path = svg("path", {
      class: `jg-arrow${backward ? " jg-arrow-back" : ""}${headsOnly && routed(arrow) ? " jg-arrow-head-hit" : ""}`,
      d,
      "stroke-width": num(width),
      "marker-end": backward ? `url(#${marker()})` : null,
      "data-from": arrow.from,
      "data-to": arrow.to,
    });
    if (!options.lazyTitles) svgTitle(path, titleOf(arrow));
    else byKey.set(`${arrow.from}\u0000${arrow.to}`, arrow);
    return path;
  };

  // Thin arrows first, so a thick one is never hidden under a thin one.
  const order = layout.arrows.map((a, i) => i).sort((i, j) => layout.arrows[i].share - layout.arrows[j].share);
  const layer = svg("g", { class: "jg-arrows", "aria-hidden": "true" }, parent);
  /** The path drawn at each place of `order`, or undefined while it waits (see `now`). */
  const placed = new Array(order.length);
  const later = [];
  order.forEach((i, at) => {
    const arrow = layout.arrows[i];
    if (now && !now(arrow)) {
      later.push({ arrow, at });
      return;
    }
    placed[at] = draw(arrow);
    layer.append(placed[at]);
  });
  if (options.lazyTitles) {
    // The tooltip is made when the pointer first comes over the arrow.
    layer.addEventListener("pointerover", (event) => {
      const path = event.target;
      if (!path?.classList?.contains("jg-arrow") || path.firstChild) return;
      const arrow = byKey.get(`${path.dataset.from}\u0000${path.dataset.to}`);
      if (arrow) svgTitle(path, titleOf(arrow));
    });
  }
  // An arrow drawn later goes in its place in the order.
  const drawLater = ({ arrow, at }) => {
    if (placed[at]) return placed[at];
    placed[at] = draw(arrow);
    let next = at + 1;
    while (next < placed.length && !placed[next]) next += 1;
    layer.insertBefore(placed[at], placed[next] ?? null);
    return placed[at];
  };
  return { layer, later, drawLater };
}

/**
 * A loop reads as a loop: beside each self-loop, "↻ 25%", the share of
 * those leaving the card who come back to it (the card's name says it too,
 * in its "leads to" part). Drawn above the cards, whose corner holds it.
 */
export function drawLoopShares(parent, layout) {
  const loops = layout.arrows.filter((a) => a.selfLoop);
  if (!loops.length) return null;
  const layer = svg("g", { class: "jg-loop-shares", "aria-hidden": "true" }, parent);
  for (const a of loops) {
    const xs = a.points.map((p) => p[0]);
    const ys = a.points.map((p) => p[1]);
    const text = svg("text", { class: "jg-loop-share", x: num(Math.max(...xs) + 3), y: num(Math.min(...ys) + 4), "data-from": a.from }, layer);
    text.textContent = `\u21bb ${Math.round(a.share * 100)}%`;
  }
  return layer;
}
