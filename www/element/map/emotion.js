// How an emotion in [-1, 1] is shown: a named level (for words and colour)
// and a face whose mouth follows the value, so colour is never the only cue.

import { svg, num } from "./svg.js";

/** The five levels, most negative first; `key` names the CSS class and colour. */
export const LEVELS = [
  { key: "n2", name: "very negative", below: -0.6 },
  { key: "n1", name: "negative", below: -0.15 },
  { key: "z", name: "neutral", below: 0.15 },
  { key: "p1", name: "positive", below: 0.6 },
  { key: "p2", name: "very positive", below: Infinity },
];

/** The level of an emotion (or felt emotion) value. */
export function level(value) {
  const v = Number.isFinite(value) ? value : 0;
  return LEVELS.find((l) => v < l.below) ?? LEVELS[LEVELS.length - 1];
}

/** A signed value for people: "+0.3", "−0.55" (true minus sign), "0". */
export function signed(value, digits = 2) {
  const v = Number.isFinite(value) ? value : 0;
  const text = Math.abs(v).toFixed(digits).replace(/\.?0+$/, "");
  if (text === "0" || text === "") return "0";
  return (v > 0 ? "+" : "\u2212") + text;
}

/** "−0.5, negative": value and words, for labels and tooltips. */
export function describe(value) {
  return `${signed(value)}, ${level(value).name}`;
}

/**
 * Draws a face centred at (cx, cy) with radius r into `parent`: a circle in
 * the level's colour, two eyes, and a mouth that smiles or frowns with the
 * value. Returns the <g>.
 */
export function face(parent, value, cx, cy, r) {
  const v = clamp(value);
  const g = svg("g", { class: `jg-face jg-emotion-${level(v).key}`, "aria-hidden": "true" }, parent);
  drawFeatures(g, v, cx, cy, r);
  return g;
}

function clamp(value) {
  return Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
}

/**
 * The path of a face's eyes and mouth centred at (cx, cy), drawn with one
 * stroke (class jg-face-features: round caps, the mouth's width): each eye
 * is a tiny circle whose stroke fills it to the eye's radius. The map's
 * cards draw their faces so, a disc and this path: on a large map far
 * cheaper to style and paint than five shapes or a <use> of a symbol.
 */
export function featuresPath(value, cx, cy, r) {
  const v = clamp(value);
  const eyeY = cy - r * 0.22;
  // Stroke width 1.7 around a circle of radius e gives a dot of radius e + 0.85.
  const e = Math.max(0.05, r * 0.12 - 0.85);
  const eye = (x) => `M${num(x - e)},${num(eyeY)} a${num(e)},${num(e)} 0 1,0 ${num(2 * e)},0 a${num(e)},${num(e)} 0 1,0 ${num(-2 * e)},0`;
  const mouthY = cy + r * 0.38;
  const halfWidth = r * 0.46;
  const corner = mouthY - v * r * 0.12;
  const middle = mouthY + v * r * 0.36;
  return `${eye(cx - r * 0.36)} ${eye(cx + r * 0.36)} M${num(cx - halfWidth)},${num(corner)} Q${num(cx)},${num(2 * middle - corner)} ${num(cx + halfWidth)},${num(corner)}`;
}

function drawFeatures(g, v, cx, cy, r) {
  svg("circle", { class: "jg-face-disc", cx: num(cx), cy: num(cy), r: num(r) }, g);
  const eyeY = cy - r * 0.22;
  for (const side of [-1, 1]) {
    svg("circle", { class: "jg-face-eye", cx: num(cx + side * r * 0.36), cy: num(eyeY), r: num(r * 0.12) }, g);
  }
  // Mouth: corners rise for a smile and drop for a frown; a straight line at 0.
  const mouthY = cy + r * 0.38;
  const halfWidth = r * 0.46;
  const corner = mouthY - v * r * 0.12;
  const middle = mouthY + v * r * 0.36;
  svg("path", {
    class: "jg-face-mouth",
    d: `M${num(cx - halfWidth)},${num(corner)} Q${num(cx)},${num(2 * middle - corner)} ${num(cx + halfWidth)},${num(corner)}`,
  }, g);
}
