// Small helpers for building SVG with the DOM. Text always goes in through
// textContent, so user text stays text and never becomes markup.

export const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Creates an SVG element with attributes and appends it to `parent` if given.
 * Attribute values are set with setAttribute (never parsed as markup);
 * null/undefined/false values are skipped.
 */
export function svg(name, attrs = {}, parent = null) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(key, String(value));
  }
  if (parent) parent.append(el);
  return el;
}

/** An SVG <text> (or <tspan>) element holding `content` as plain text. */
export function svgText(content, attrs = {}, parent = null, name = "text") {
  const el = svg(name, attrs, parent);
  el.textContent = content;
  return el;
}

/** Adds a <title> child (tooltip and accessible name) holding plain text. */
export function svgTitle(parent, content) {
  const el = document.createElementNS(SVG_NS, "title");
  el.textContent = content;
  parent.prepend(el);
  return el;
}

/** Formats a number for SVG attributes: short, and never "-0". */
export function num(value) {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}
