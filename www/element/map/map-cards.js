// Touchpoint cards: name, channel and owner, badges, and the emotion as a
// face and a colour. Each card is a <g role="group"> named for screen readers.

import { svg, svgText, svgTitle, num, SVG_NS } from "./svg.js";
import { featuresPath, level, describe } from "./emotion.js";
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
  // Not rated is not zero: the face is drawn neutral, and the card says so.
  if (card.rated === false) out.push({ key: "unrated", text: "not rated", short: "?", title: "Emotion not rated yet: it counts as neutral in the flow, but no figure rests on it" });
  return out;
}

/**
 * The accessible name of a card: first what the card shows, in the order it
 * shows it (name, channel · owner, badges as drawn), so that people who
 * speak or read the visible text find the control (WCAG 2.5.3); then how it
 * feels and where it leads.
 */
function cardLabel(card, stageName, nextNames, shownBadges, shownName = null) {
  // A name cut short on the card: its words as shown come first, so that the
  // visible text is part of the name, then the whole name.
  const cut = shownName !== null && shownName !== card.name;
  const parts = [cut ? shownName : card.name];
  const meta = [card.channel, card.owner].filter(Boolean).join(" · ");
  if (meta) parts.push(meta);
  if (shownBadges.length) parts.push(shownBadges.join(" "));
  if (cut) parts.push(`full name: ${card.name}`);
  if (card.rated !== false) parts.push(`emotion ${describe(card.emotion)}`);
  if (stageName) parts.push(`stage ${stageName}`);
  const full = badgesOf(card).map((b) => b.text);
  // Badges drawn as initials: say the words too.
  if (full.join(" ") !== shownBadges.join(" ")) parts.push(full.join(", ").toLowerCase());
  if (nextNames.length) parts.push(`leads to ${nextNames.join("; ")}`);
  else parts.push("end of the journey");
  return parts.join(". ");
}

const BADGE_GAP = 4;
const badgeWidth = (text) => measure(text, font(...BADGE_FONT)) + 12;

/** The texts of the badges in a row of `maxWidth`: the short forms if the full ones would not fit. */
function badgeTexts(badges, maxWidth) {
  if (!badges.length) return [];
  const full = badges.reduce((sum, b) => sum + badgeWidth(b.text) + BADGE_GAP, -BADGE_GAP);
  const useShort = full > maxWidth;
  return badges.map((b) => (useShort ? b.short : b.text));
}

/**
 * Draws the badges in a row from (x, y), using short forms if they would
 * exceed `maxWidth`; returns the texts drawn.
 */
function drawBadges(parent, badges, x, y, maxWidth) {
  const texts = badgeTexts(badges, maxWidth);
  const gap = BADGE_GAP;
  let at = x;
  const shown = [];
  for (const [i, b] of badges.entries()) {
    const text = texts[i];
    const w = Math.max(badgeWidth(text), BADGE_HEIGHT);
    const g = svg("g", { class: `jg-badge jg-badge-${b.key}` }, parent);
    svgTitle(g, b.title);
    svg("rect", { x: num(at), y: num(y), width: num(w), height: BADGE_HEIGHT, rx: BADGE_HEIGHT / 2 }, g);
    svgText(text, { x: num(at + w / 2), y: num(y + 11), "text-anchor": "middle" }, g);
    g.append(" ");
    at += w + gap;
    shown.push(text);
  }
  return shown;
}

const CARD_RADIUS = 10;
const STRIPE_WIDTH = 5;

/** The card's left edge, STRIPE_WIDTH wide, inside its rounded corners. */
function stripePath(h) {
  const r = CARD_RADIUS;
  const w = STRIPE_WIDTH;
  const y = r - Math.sqrt(r * r - (r - w) * (r - w)); // where the corner's arc meets x = w
  return `M${w},${num(y)} A${r},${r} 0 0 0 0,${r} V${num(h - r)} A${r},${r} 0 0 0 ${w},${num(h - y)} Z`;
}

/** The words after a card's name in its label: what it leads to, for each card id. */
function nextNames(layout) {
  const names = new Map(layout.cards.map((c) => [c.id, c.name]));
  const next = new Map();
  for (const a of layout.arrows) {
    const list = next.get(a.from) ?? [];
    list.push(`${names.get(a.to) ?? a.to} (${Math.round(a.share * 100)}%)`);
    next.set(a.from, list);
  }
  return next;
}

/** The class of a card's group. */
function cardClass(card, options) {
  const changed = Boolean(options.changed?.has(card.id));
  return `jg-card jg-emotion-${level(card.emotion).key}${card.kind === "indirect" ? " jg-card-indirect" : ""}${card.goal ? " jg-card-goal" : ""}${card.rated === false ? " jg-card-unrated" : ""}`
    + `${card.id === options.selected ? " jg-card-selected" : ""}${changed ? " jg-card-changed" : ""}`;
}

/** The tooltip of a card. */
function cardTitle(card) {
  if (card.rated === false) return `${card.name}\nEmotion not rated`;
  return `${card.name}\nEmotion ${describe(card.emotion)} · felt ${describe(card.felt)}`;
}

const FACE_AT = (w, h) => [w - PAD - FACE_R + 3, h - 7 - BADGE_HEIGHT / 2];

/**
 * What every card of one size has in common, built once and cloned for
 * each card (much cheaper than building a thousand cards element by
 * element): the group with its tooltip, and the drawing's group with the
 * card's shadow and background.
 */
const shells = new Map();
function shell(w, h) {
  const key = `${w}x${h}`;
  let g = shells.get(key);
  if (!g) {
    g = svg("g");
    g.append(document.createElementNS(SVG_NS, "title"));
    // What the card shows is in its label already; screen readers skip the drawing.
    const body = svg("g", { "aria-hidden": "true" }, g);
    // A soft edge under the card (a shape, not a filter: filters on every card are slow to paint).
    svg("rect", { class: "jg-card-shadow", y: 1.5, width: num(w), height: num(h), rx: CARD_RADIUS }, body);
    svg("rect", { class: "jg-card-bg", width: num(w), height: num(h), rx: CARD_RADIUS }, body);
    shells.set(key, g);
  }
  return g.cloneNode(true);
}

/** The rest of a card's drawing, as it starts for every card: stripe, name (one line) and face. */
const details = new Map();
function detail(w, h) {
  const key = `${w}x${h}`;
  let f = details.get(key);
  if (!f) {
    f = document.createDocumentFragment();
    // The stripe is the left edge of the rounded card (a path, not a clip:
    // a thousand clip-path references are slow to style).
    svg("path", { class: "jg-card-stripe", d: stripePath(h) }, f);
    const name = svg("text", { class: "jg-card-name", x: PAD + 2, y: 22 }, f);
    svg("tspan", { x: PAD + 2, dy: 0 }, name);
    // Spaces between the texts (SVG draws none for them): the card's text
    // then reads as words, the same words its label starts with.
    f.append(" ");
    const [cx, cy] = FACE_AT(w, h);
    svg("circle", { class: "jg-face-disc", cx: num(cx), cy: num(cy), r: num(FACE_R) }, f);
    svg("path", { class: "jg-face-features" }, f);
    details.set(key, f);
  }
  return f.cloneNode(true);
}

const TEXT_X = PAD + 2;

/** The corner mark of a card a scenario changes or adds. */
const changedMark = (w) => svg("path", { class: "jg-card-changed-mark", d: `M${num(w - 18)},0 H${num(w - 10)} A10,10 0 0 1 ${num(w)},10 V18 Z` });

/** The badges row's width: beside the face. */
const badgeRoom = (w) => FACE_AT(w, 0)[0] - FACE_R - 6 - TEXT_X;

/**
 * What drawing a card needs to know of the whole map: stage names, where
 * each card leads, the options.
 */
export function cardContext(layout, options = {}) {
  return { stageNames: new Map(layout.stages.map((s) => [s.id, s.name])), next: nextNames(layout), options };
}

/** The accessible name of card `card` drawn as `g` (with what it shows of its name, if cut). */
function labelOf(g, card, context) {
  const changed = Boolean(context.options.changed?.has(card.id));
  const shown = badgeTexts(badgesOf(card), badgeRoom(card.width));
  return cardLabel(card, context.stageNames.get(card.stage), context.next.get(card.id) ?? [], shown, g.dataset.shownName ?? null)
    + (changed ? ". Changed in this scenario" : "");
}

/**
 * `label` for card `g` in place of its name, with what flow.js (its
 * figures, data-flow-text) and presence.js (who is here, last) added to the
 * name it had: a card named afresh keeps them (markFlow does not run again
 * for the same figures).
 */
function relabel(g, label) {
  const was = g.getAttribute("aria-label") ?? "";
  const { flowText = "", presenceSuffix = "" } = g.dataset;
  g.setAttribute("aria-label", label + (flowText && was.includes(flowText) ? flowText : "")
    + (presenceSuffix && was.endsWith(presenceSuffix) ? presenceSuffix : ""));
}

/**
 * A card's group: its place, state, tooltip and accessible name, and its
 * shadow and background. drawCardDetails draws the rest.
 */
function drawShell(card, context, tabbable) {
  const { options } = context;
  const { width: w, height: h } = card;
  const changed = Boolean(options.changed?.has(card.id));
  const g = shell(w, h);
  g.setAttribute("class", cardClass(card, options));
  // In the editor a card is a button that selects it for editing.
  g.setAttribute("role", options.interactive ? "button" : "group");
  if (options.interactive) {
    g.setAttribute("tabindex", card.id === tabbable ? "0" : "-1");
    g.setAttribute("aria-pressed", String(card.id === options.selected));
  }
  g.setAttribute("data-id", card.id);
  g.setAttribute("data-stage", card.stage);
  g.setAttribute("transform", `translate(${num(card.x)},${num(card.y)})`);
  g.firstChild.textContent = cardTitle(card);
  const shown = badgeTexts(badgesOf(card), badgeRoom(w));
  g.setAttribute("aria-label", cardLabel(card, context.stageNames.get(card.stage), context.next.get(card.id) ?? [], shown) + (changed ? ". Changed in this scenario" : ""));
  return g;
}

/**
 * Draws the rest of a card into its group `g` (from drawShell): the
 * stripe, the scenario's mark, the name, channel and owner, the badges and
 * the face.
 */
export function drawCardDetails(g, card, context) {
  const { options } = context;
  const { width: w, height: h } = card;
  const body = g.lastElementChild;
  const f = detail(w, h);
  const [stripe, name, disc, features] = f.children;
  // A scenario's touchpoints carry a corner mark, so the change is not shown by colour alone.
  if (options.changed?.has(card.id)) stripe.after(changedMark(w));

  const nameWidth = w - TEXT_X - PAD;
  let size = NAME_SIZES[0];
  let fitted = null;
  for (const candidate of NAME_SIZES) {
    size = candidate;
    fitted = wrap(card.name, nameWidth, 2, font(size, NAME_WEIGHT));
    if (!fitted.truncated) break;
  }
  if (size !== NAME_SIZES[0]) name.setAttribute("style", `font-size:${size}px`);
  const first = name.firstChild;
  fitted.lines.forEach((line, i) => {
    if (i === 0) {
      first.textContent = line;
      return;
    }
    // A space between the lines, so the text reads "a b", not "ab" (copied, or checked by axe).
    name.append(" ");
    svgText(line, { x: TEXT_X, dy: num(size + 3) }, name, "tspan");
  });
  if (!fitted.lines.length) first.remove();
  if (fitted.truncated) {
    // What the card shows of the name, without the ellipsis: the label starts with it (cardLabel).
    g.dataset.shownName = fitted.lines.join(" ").replace(/\s*…$/, "");
    relabel(g, labelOf(g, card, context));
  } else {
    delete g.dataset.shownName;
  }

  // Channel and owner get the full width; the badges row shares it with
  // the face in the bottom-right corner.
  const meta = [card.channel, card.owner].filter(Boolean).join(" · ");
  if (meta) {
    const text = svgText(ellipsize(meta, w - TEXT_X - PAD, font(...META_FONT)), { class: "jg-card-meta", x: TEXT_X, y: h - 29 });
    disc.before(text, " ");
  }
  const badges = badgesOf(card);
  if (badges.length) {
    const row = document.createDocumentFragment();
    drawBadges(row, badges, TEXT_X, h - BADGE_HEIGHT - 7, badgeRoom(w));
    disc.before(row);
  }
  features.setAttribute("d", featuresPath(card.emotion, ...FACE_AT(w, h), FACE_R));
  // Under the reach bar (flow.js), if it came first.
  const flow = body.querySelector(":scope > .jg-flow");
  if (flow) flow.before(f);
  else body.append(f);
  g.removeAttribute("data-pending");
}

/**
 * Draws every card of `layout` into `parent`.
 * `ids` makes document-unique ids. `now(card)`, if given, says which cards
 * are drawn whole now; the others get their group, name, label and
 * background, with the attribute data-pending, and drawCardDetails draws
 * the rest later. Returns the layer.
 */
export function drawCards(parent, layout, ids, options = {}, now = null) {
  const layer = svg("g", { class: "jg-cards" }, parent);
  const context = cardContext(layout, options);
  const tabbable = tabStopAtDrawing(layout, options);
  const index = new Map();
  for (const card of layout.cards) {
    const g = drawShell(card, context, tabbable);
    if (!now || now(card)) drawCardDetails(g, card, context);
    else g.setAttribute("data-pending", "");
    layer.append(g);
    index.set(card.id, g);
  }
  indexes.set(layer, index);
  return layer;
}

/** A layer of cards (drawCards) → id → its card's <g>, made as they are drawn. */
const indexes = new WeakMap();

/** id → card <g> of a layer drawn by drawCards (null for another element): reading 10,000 data-id attributes back took 10 ms. */
export const cardIndexOf = (layer) => indexes.get(layer) ?? null;

/**
 * In the editor the cards are one Tab stop (a roving tabindex): drawn, it
 * is the selected card, else the first; arrow keys move between them.
 */
export function tabStopAtDrawing(layout, options = {}) {
  return layout.cards.some((c) => c.id === options.selected) ? options.selected : layout.cards[0]?.id;
}

/**
 * Updates the cards of a map drawn by drawCards for `before` (its layout)
 * and `beforeOptions` whose emotion or felt emotion changed, or whether a
 * scenario changes them (options.changed), from the new `layout` (same
 * touchpoints, same places): colour, face, tooltip, label and the
 * scenario's mark. `cards` maps id → the card's <g>.
 */
export function updateCards(cards, before, layout, beforeOptions, options = {}) {
  // Same touchpoints in the same order (updateMap checked): compared place by place.
  const wasChanged = (id) => Boolean(beforeOptions.changed?.has(id));
  const todo = [];
  layout.cards.forEach((card, i) => {
    const was = before.cards[i];
    const flipped = Boolean(options.changed?.has(card.id)) !== wasChanged(card.id);
    if (was === card && !flipped) return;
    if (was && was.id === card.id && was.emotion === card.emotion && was.rated === card.rated && was.felt === card.felt && !flipped) return;
    todo.push([card, flipped]);
  });
  if (!todo.length) return;
  // A slider step changes one card: where it leads is looked up for it alone.
  const next = todo.length > 8 ? nextNames(layout) : null;
  const names = next ? null : new Map(layout.cards.map((c) => [c.id, c.name]));
  const leadsTo = (id) => (next ? next.get(id) ?? []
    : layout.arrows.filter((a) => a.from === id).map((a) => `${names.get(a.to) ?? a.to} (${Math.round(a.share * 100)}%)`));
  const stageNames = new Map(layout.stages.map((s) => [s.id, s.name]));
  for (const [card, flipped] of todo) {
    const changed = Boolean(options.changed?.has(card.id));
    const g = cards.get(card.id);
    if (!g) continue;
    g.setAttribute("class", cardClass(card, options));
    g.firstElementChild.textContent = cardTitle(card);
    const shown = badgeTexts(badgesOf(card), badgeRoom(card.width));
    relabel(g, cardLabel(card, stageNames.get(card.stage), leadsTo(card.id), shown, g.dataset.shownName ?? null) + (changed ? ". Changed in this scenario" : ""));
    // A card not drawn whole yet gets its face and mark when it is.
    const body = g.lastElementChild;
    body.querySelector(".jg-face-features")?.setAttribute("d", featuresPath(card.emotion, ...FACE_AT(card.width, card.height), FACE_R));
    if (flipped) {
      if (changed) body.querySelector(".jg-card-stripe")?.after(changedMark(card.width));
      else body.querySelector(".jg-card-changed-mark")?.remove();
    }
  }
}

/**
 * Moves the selection (class, aria-pressed) from `before` (the id selected
 * until now, or null) to options.selected, and the roving Tab stop from
 * the card `wasTab` (the id of the one that has it) to the selected card,
 * else the first. Returns the id of the Tab stop now.
 */
export function updateSelection(cards, layout, before, options = {}, wasTab = undefined) {
  const has = (id) => id !== null && id !== undefined && cards.has(id);
  const first = layout.cards[0]?.id;
  const nowTab = has(options.selected) ? options.selected : first;
  if (before === (options.selected ?? null)) return wasTab ?? nowTab;
  for (const id of new Set([before, options.selected, wasTab, nowTab])) {
    const g = has(id) ? cards.get(id) : null;
    if (!g) continue;
    const selected = id === options.selected;
    g.classList.toggle("jg-card-selected", selected);
    if (!options.interactive) continue;
    g.setAttribute("aria-pressed", String(selected));
    g.setAttribute("tabindex", id === nowTab ? "0" : "-1");
  }
  return nowTab;
}
