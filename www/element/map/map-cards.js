// Touchpoint cards: name, channel and owner, badges, and the emotion as a
// face and a colour. Each card is a <g role="group"> named for screen readers.

import { svg, svgText, svgTitle, num } from "./svg.js";
import { faceFactory, level, describe } from "./emotion.js";
import { font, measure, wrap, ellipsize } from "./text-fit.js";

const PAD = 12;
// The name shrinks a little before it is cut: 13px, then 12px, then 11.5px.
const NAME_SIZES = [13, 12, 11.5];
const NAME_WEIGHT = 600;
const META_FONT = [11, 400];
const BADGE_FONT = [10, 600];
const BADGE_HEIGHT = 15;
const FACE_R = 10.5;

/** Which badges a card gets; short forms are used when the full ones do not fit. */
function badgesOf(card) {
  const out = [];
  if (card.goal) out.push({ key: "goal", text: "Goal", short: "G", title: "Goal: reaching it counts as success" });
  if (card.service) out.push({ key: "service", text: "Service", short: "S", title: "Customer-service interaction" });
  if (card.proactive) out.push({ key: "proactive", text: "Proactive", short: "P", title: "Proactive: the company reaches out" });
  if (card.kind === "indirect") out.push({ key: "indirect", text: "Indirect", short: "I", title: "Indirect touchpoint" });
  return out;
}

/**
 * The accessible name of a card: first what the card shows, in the order it
 * shows it (name, channel · owner, badges as drawn), so that people who
 * speak or read the visible text find the control (WCAG 2.5.3); then how it
 * feels and where it leads.
 */
function cardLabel(card, stageName, nextNames, shownBadges) {
  const parts = [card.name];
  const meta = [card.channel, card.owner].filter(Boolean).join(" · ");
  if (meta) parts.push(meta);
  if (shownBadges.length) parts.push(shownBadges.join(" "));
  parts.push(`emotion ${describe(card.emotion)}`);
  if (stageName) parts.push(`stage ${stageName}`);
  const full = badgesOf(card).map((b) => b.text);
  // Badges drawn as initials: say the words too.
  if (full.join(" ") !== shownBadges.join(" ")) parts.push(full.join(", ").toLowerCase());
  if (nextNames.length) parts.push(`leads to ${nextNames.join("; ")}`);
  else parts.push("end of the journey");
  return parts.join(". ");
}

/**
 * Draws the badges in a row from (x, y), using short forms if they would
 * exceed `maxWidth`; returns the texts drawn.
 */
function drawBadges(parent, badges, x, y, maxWidth) {
  const f = font(...BADGE_FONT);
  const width = (text) => measure(text, f) + 12;
  const gap = 4;
  const full = badges.reduce((sum, b) => sum + width(b.text) + gap, -gap);
  const useShort = full > maxWidth;
  let at = x;
  const shown = [];
  for (const b of badges) {
    const text = useShort ? b.short : b.text;
    const w = Math.max(width(text), BADGE_HEIGHT);
    const g = svg("g", { class: `jg-badge jg-badge-${b.key}` }, parent);
    svgTitle(g, b.title);
    svg("rect", { x: num(at), y: num(y), width: num(w), height: BADGE_HEIGHT, rx: BADGE_HEIGHT / 2 }, g);
    svgText(text, { x: num(at + w / 2), y: num(y + 11), "text-anchor": "middle" }, g);
    at += w + gap;
    shown.push(text);
  }
  return shown;
}

/**
 * Draws every card of `layout` into `parent`.
 * `ids` makes document-unique ids; `names` maps touchpoint id → name.
 */
export function drawCards(parent, layout, ids, options = {}) {
  const layer = svg("g", { class: "jg-cards" }, parent);
  const stageNames = new Map(layout.stages.map((s) => [s.id, s.name]));
  const names = new Map(layout.cards.map((c) => [c.id, c.name]));
  const next = new Map();
  for (const a of layout.arrows) {
    const list = next.get(a.from) ?? [];
    list.push(`${names.get(a.to) ?? a.to} (${Math.round(a.share * 100)}%)`);
    next.set(a.from, list);
  }
  // One clip path per card size, in the card's own coordinates.
  const clips = new Map();
  const clipFor = (w, h) => {
    const key = `${w}x${h}`;
    if (!clips.has(key)) {
      const id = ids(`card-clip-${clips.size}`);
      const clip = svg("clipPath", { id }, ids.defs);
      svg("rect", { width: num(w), height: num(h), rx: 10 }, clip);
      clips.set(key, id);
    }
    return clips.get(key);
  };

  const face = faceFactory(ids.defs, ids, FACE_R);
  // In the editor the cards are one Tab stop (a roving tabindex: the
  // selected card, else the first); arrow keys move between them.
  const tabbable = layout.cards.some((c) => c.id === options.selected) ? options.selected : layout.cards[0]?.id;

  for (const card of layout.cards) {
    const { width: w, height: h } = card;
    const emotion = level(card.emotion);
    const changed = Boolean(options.changed?.has(card.id));
    const g = svg("g", {
      class: `jg-card jg-emotion-${emotion.key}${card.kind === "indirect" ? " jg-card-indirect" : ""}${card.goal ? " jg-card-goal" : ""}${card.id === options.selected ? " jg-card-selected" : ""}${changed ? " jg-card-changed" : ""}`,
      // In the editor a card is a button that selects it for editing.
      role: options.interactive ? "button" : "group",
      tabindex: options.interactive ? (card.id === tabbable ? 0 : -1) : null,
      "aria-pressed": options.interactive ? String(card.id === options.selected) : null,
      "data-id": card.id,
      "data-stage": card.stage,
      transform: `translate(${num(card.x)},${num(card.y)})`,
    }, layer);
    svgTitle(g, `${card.name}\nEmotion ${describe(card.emotion)} · felt ${describe(card.felt)}`);
    // What the card shows is in its label already; screen readers skip the drawing.
    const body = svg("g", { "aria-hidden": "true" }, g);
    svg("rect", { class: "jg-card-bg", width: num(w), height: num(h), rx: 10 }, body);
    svg("rect", { class: "jg-card-stripe", width: 5, height: num(h), "clip-path": `url(#${clipFor(w, h)})` }, body);
    // A scenario's touchpoints carry a corner mark, so the change is not shown by colour alone.
    if (changed) svg("path", { class: "jg-card-changed-mark", d: `M${num(w - 18)},0 H${num(w - 10)} A10,10 0 0 1 ${num(w)},10 V18 Z` }, body);

    const textX = PAD + 2;
    const nameWidth = w - textX - PAD;
    let size = NAME_SIZES[0];
    let fitted = null;
    for (const candidate of NAME_SIZES) {
      size = candidate;
      fitted = wrap(card.name, nameWidth, 2, font(size, NAME_WEIGHT));
      if (!fitted.truncated) break;
    }
    const name = svg("text", {
      class: "jg-card-name", x: textX, y: 22,
      style: size === NAME_SIZES[0] ? null : `font-size:${size}px`,
    }, body);
    fitted.lines.forEach((line, i) => {
      // A space between the lines, so the text reads "a b", not "ab" (copied, or checked by axe).
      if (i > 0) name.append(" ");
      svgText(line, { x: textX, dy: i === 0 ? 0 : num(size + 3) }, name, "tspan");
    });

    // Channel and owner get the full width; the badges row shares it with
    // the face in the bottom-right corner.
    const faceCx = w - PAD - FACE_R + 3;
    const faceCy = h - 7 - BADGE_HEIGHT / 2;
    const meta = [card.channel, card.owner].filter(Boolean).join(" · ");
    if (meta) {
      svgText(ellipsize(meta, w - textX - PAD, font(...META_FONT)), { class: "jg-card-meta", x: textX, y: h - 29 }, body);
    }
    const badges = badgesOf(card);
    const shown = badges.length ? drawBadges(body, badges, textX, h - BADGE_HEIGHT - 7, faceCx - FACE_R - 6 - textX) : [];
    g.setAttribute("aria-label", cardLabel(card, stageNames.get(card.stage), next.get(card.id) ?? [], shown) + (changed ? ". Changed in this scenario" : ""));
    face(body, card.emotion, faceCx, faceCy);
    // Spaces between the texts (SVG draws none for them): the card's text
    // then reads as words, the same words its label starts with.
    for (const t of body.querySelectorAll("text")) t.after(" ");
  }
  return layer;
}
