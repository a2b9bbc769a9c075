// Who else is on which card (live collaboration): each collaborator's
// selected card gets an outline in their colour and a tag with their name
// above it, so the mark is never colour alone; the card's accessible name
// says it too ("… Ben is here."). Drawn over the map after each drawing;
// user text (names) only ever goes in as text.
//
//   markPresence(svg, [{ touchpoint, name, color }]);

import { svg, svgText } from "./svg.js";

const MARK = "jg-presence-mark";
const TAG_HEIGHT = 16;
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([0-9.,%\s/]+\))$/i;

/** A colour as given, if it is one (a peer's state is not trusted), else a grey. */
const safeColor = (c) => (typeof c === "string" && COLOR.test(c.trim()) ? c.trim() : "#495057");

/** Replaces the presence marks on `map` (the <svg class="jg-map">) with those of `people`. */
export function markPresence(map, people) {
  if (!map) return;
  for (const old of map.querySelectorAll(`.${MARK}`)) old.remove();
  for (const g of map.querySelectorAll("g.jg-card[data-presence]")) {
    // Take back what was added to the name (unless the map has named the card afresh since).
    const suffix = g.dataset.presenceSuffix ?? "";
    const label = g.getAttribute("aria-label") ?? "";
    if (suffix && label.endsWith(suffix)) g.setAttribute("aria-label", label.slice(0, -suffix.length));
    g.removeAttribute("data-presence");
    g.removeAttribute("data-presence-suffix");
  }
  const byCard = new Map();
  for (const p of people ?? []) {
    if (!p || typeof p.touchpoint !== "string") continue;
    if (!byCard.has(p.touchpoint)) byCard.set(p.touchpoint, []);
    byCard.get(p.touchpoint).push({ name: String(p.name ?? "Someone").slice(0, 40), color: safeColor(p.color) });
  }
  for (const [id, here] of byCard) {
    const g = [...map.querySelectorAll("g.jg-card")].find((c) => c.dataset.id === id);
    const bg = g?.querySelector(".jg-card-bg");
    if (!g || !bg) continue;
    const w = Number(bg.getAttribute("width"));
    const h = Number(bg.getAttribute("height"));
    const mark = svg("g", { class: MARK, "aria-hidden": "true" }, g);
    svg("rect", { x: -3, y: -3, width: w + 6, height: h + 6, rx: 9, fill: "none", stroke: here[0].color, "stroke-width": 2.5 }, mark);
    let x = 4;
    for (const p of here) {
      const width = 10 + p.name.length * 6.5;
      svg("rect", { x, y: -TAG_HEIGHT - 2, width, height: TAG_HEIGHT, rx: 4, fill: p.color }, mark);
      svgText(p.name, { x: x + 5, y: -6, fill: "#fff", "font-size": 11, "font-weight": 600 }, mark);
      x += width + 4;
    }
    // The card's accessible name says who is here too.
    const label = g.getAttribute("aria-label");
    if (label !== null) {
      const suffix = `. ${here.map((p) => p.name).join(", ")} ${here.length === 1 ? "is" : "are"} here`;
      g.dataset.presenceSuffix = suffix;
      g.setAttribute("aria-label", label + suffix);
    }
    g.setAttribute("data-presence", here.map((p) => p.name).join(", "));
  }
}
