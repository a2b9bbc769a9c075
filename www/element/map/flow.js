// Where customers are lost, on the cards: a thin bar along each card's foot.
// Its length is the card's reach (the share of customers who ever get
// there); its red end is the share of all customers who leave the journey
// there. The card's accessible name says both in numbers
// ("… reached by 43%; 15% of customers leave here"). Drawn over the map
// after each drawing and when the figures arrive, touching only the cards
// whose figures moved (a slider step changes a few).
//
//   markFlow(svg, analysis);   // analysis: Journey.analyze() (or null: no figures yet)

import { svg, num } from "./svg.js";

const FLOW = "jg-flow";
const PAD = 12;
const pct = (x) => `${Math.round(x * 100)}%`;

/** What a card's name says of its figures. */
export function flowText(reach, leave) {
  return `. Reached by ${pct(reach)}; ${pct(leave)} of customers leave here`;
}

/**
 * Marks every card of `map` with its reach and the share who leave there;
 * clears them without figures. Only cards whose figures moved are
 * touched, their bars changed in place (a slider step on a large map moves
 * the figures of many cards a little: most round to what is drawn).
 */
export function markFlow(map, analysis) {
  if (!map) return;
  const figures = analysis?.touchpoints ?? null;
  for (const g of map.querySelectorAll("g.jg-card")) {
    const t = figures?.[g.dataset.id];
    // To a tenth of a percent: what the bar can show, and a step that moves less touches nothing.
    const reach = t ? Math.round(clamp(t.reach) * 1000) / 1000 : null;
    const leave = t ? Math.min(reach, Math.round(clamp(t.visits * t.dropout) * 1000) / 1000) : null;
    // The words from the exact figures (rounded once, to whole percents).
    const text = t ? flowText(clamp(t.reach), Math.min(clamp(t.reach), clamp(t.visits * t.dropout))) : "";
    const key = t ? `${reach}:${leave}${text}` : "";
    if ((g.dataset.flow ?? "") === key && labelHas(g)) continue;
    setLabel(g, text);
    if (!t) {
      g.querySelector(`.${FLOW}`)?.remove();
      delete g.dataset.flow;
      continue;
    }
    const body = g.lastElementChild;
    const bg = g.querySelector(".jg-card-bg");
    if (!body || !bg) continue;
    const w = Number(bg.getAttribute("width"));
    const h = Number(bg.getAttribute("height"));
    const track = w - 2 * PAD;
    let bar = body.querySelector(`:scope > .${FLOW}`);
    if (!bar) {
      bar = svg("g", { class: FLOW }, body);
      svg("rect", { class: "jg-flow-track", x: PAD, y: num(h - 5), width: num(track), height: 3, rx: 1.5 }, bar);
      svg("rect", { class: "jg-flow-reach", x: PAD, y: num(h - 5), height: 3, rx: 1.5 }, bar);
      svg("rect", { class: "jg-flow-leave", y: num(h - 5), height: 3, rx: 1.5 }, bar);
    }
    const [, reached, left] = bar.children;
    // A part of no length has width 0 (SVG draws nothing for it).
    reached.setAttribute("width", num(Math.max(0, track * (reach - leave))));
    left.setAttribute("x", num(PAD + track * (reach - leave)));
    left.setAttribute("width", num(leave > 0 ? Math.max(1.5, track * leave) : 0));
    g.dataset.flow = key;
  }
}

/** Puts `text` (flowText, or "") in the card's name in place of what was there, before who is here (presence.js adds that last). */
function setLabel(g, text) {
  const old = g.dataset.flowText ?? "";
  let label = g.getAttribute("aria-label") ?? "";
  if (old) {
    const at = label.lastIndexOf(old);
    if (at >= 0) label = label.slice(0, at) + label.slice(at + old.length);
  }
  if (text) {
    const presence = g.dataset.presenceSuffix ?? "";
    label = presence && label.endsWith(presence) ? label.slice(0, -presence.length) + text + presence : label + text;
    g.dataset.flowText = text;
  } else {
    delete g.dataset.flowText;
  }
  g.setAttribute("aria-label", label);
}

const clamp = (x) => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0);

/** Whether the card's name still carries the figures (the map may have named it afresh). */
function labelHas(g) {
  const text = g.dataset.flowText;
  return !text || (g.getAttribute("aria-label") ?? "").includes(text);
}

export const FLOW_CSS = `
.jg-flow-track { fill: var(--jg-flow-track, #e3e8ef); }
.jg-flow-reach { fill: var(--jg-flow-reach, #4c6ef5); }
.jg-flow-leave { fill: var(--jg-flow-leave, #e03131); }
`;
