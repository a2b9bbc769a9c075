// "How sure are these figures?" under the figures bar: which of the
// journey's assumptions matter most. Every emotion, dropout and start share
// not marked measured (the inspector's "How sure" boxes) is an assumption;
// the core (Journey.sensitivity) moves each by a chosen amount and
// recomputes success and the remembered experience exactly. Here they are
// put in plain words with this journey's numbers, largest swing first, each
// with a button that selects its touchpoint, where it can be marked
// measured. Computed only while the panel is open (and again after a change
// while it is), since it costs a few analyses. DOM by createElement and
// textContent only.
//
//   installHowSure(host, { before });   // the <details>, placed before `before`

import { h } from "./dom.js";

/** How far an assumption may be off: on the emotion scale, and in points of a share. */
const AMOUNTS = [0.1, 0.2, 0.3];
/** The assumptions listed in full; the rest are counted. */
const SHOWN = 8;

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const signed = (x) => `${x >= 0 ? "+" : "\u2212"}${Math.abs(x).toFixed(2)}`;
const WHAT = { emotion: "emotion", dropout: "dropout", entry: "share of starts" };

/** The value of `parameter` as shown: an emotion signed, a dropout or share as a percentage. */
const valueText = (parameter, x) => (parameter === "emotion" ? signed(x) : pct(x));

/** A figure's range at the low and high end, in words ("38.1%–39.6%"); null sides said so. */
function rangeText(span, fmt) {
  if (!span) return null;
  const lo = span.atLow === null ? "a closed loop" : fmt(span.atLow);
  const hi = span.atHigh === null ? "a closed loop" : fmt(span.atHigh);
  const [a, b] = span.atLow !== null && span.atHigh !== null && span.atLow > span.atHigh ? [hi, lo] : [lo, hi];
  return a === b ? `stays ${a}` : `${a} to ${b}`;
}

/** One assumption as a sentence with this journey's numbers. */
export function assumptionText(a) {
  const was = `‘${a.name}’ ${WHAT[a.parameter] ?? a.parameter} (assumed ${valueText(a.parameter, a.value)}${a.source ? `, from “${a.source}”` : ""})`;
  const range = `${valueText(a.parameter, a.low)} to ${valueText(a.parameter, a.high)}`;
  const success = rangeText(a.success, pct);
  const remembered = rangeText(a.remembered, signed);
  if (!success && !remembered) {
    const slope = `success moves ${(a.successSlope * 100).toFixed(2)} points per 1.0 of it`;
    return `${was}: ${slope} (the journey is too large to recompute each assumption exactly here).`;
  }
  const parts = [success ? `success ${success}` : null, remembered ? `remembered ${remembered}` : null].filter(Boolean);
  // e.g. "success 38.1% to 39.6% and remembered +0.22 to +0.30", or "success stays 38.9%"
  return `${was}: if it is really ${range}, ${parts.join(" and ")}.${a.closesLoop ? " At one end no customer could leave a loop, so that side has no figure." : ""}`;
}

export function installHowSure(host, { before }) {
  const details = h("details", { class: "jg-how-sure", part: "how-sure" });
  const summary = h("summary", {}, "How sure are these figures?");
  const select = h("select", { "aria-label": "How far each assumption may be off", "data-role": "sure-amount" });
  for (const a of AMOUNTS) {
    const o = h("option", { value: String(a) }, `±${a.toFixed(1)} (emotion) or ±${Math.round(a * 100)} points (dropout, start share)`);
    if (a === 0.2) o.selected = true;
    select.append(o);
  }
  const controls = h("p", { class: "jg-how-sure-controls" });
  controls.append(h("label", {}, "If each assumed value is off by "), select);
  const note = h("p", { class: "jg-how-sure-note", "data-role": "sure-summary" });
  const list = h("ol", { class: "jg-how-sure-list", "data-role": "assumptions" });
  const more = h("p", { class: "jg-how-sure-note", "data-role": "sure-more" });
  details.append(summary, controls, note, list, more);
  before.before(details);

  let timer = null;
  const render = () => {
    timer = null;
    const j = host.journey;
    if (!details.open || !j) return;
    let s;
    try {
      s = j.sensitivity({ amount: Number(select.value) });
    } catch (error) {
      note.textContent = `Not available for this journey: ${error?.message ?? error}`;
      list.replaceChildren();
      more.textContent = "";
      return;
    }
    const n = s.assumptions.length;
    const remembered = s.remembered === null ? "" : `, remembered ${signed(s.remembered)} (exact, on the −1 to +1 scale)`;
    note.textContent = n === 0
      ? `Nothing here rests on an assumption: ${s.measured} values are marked measured. Success ${pct(s.success)}${remembered}.`
      : `${n} assumed value${n === 1 ? "" : "s"} and ${s.measured} marked measured. Now: success ${pct(s.success)}${remembered}. The ones that move the figures most come first; mark a value measured in the inspector (How sure) when you have data for it.`;
    list.replaceChildren(...s.assumptions.slice(0, SHOWN).map((a) => {
      const li = h("li", { "data-touchpoint": a.touchpoint, "data-parameter": a.parameter });
      const go = h("button", { type: "button", class: "jg-link", "aria-label": `Select ‘${a.name}’ to mark its ${WHAT[a.parameter] ?? a.parameter} measured` }, "Select");
      go.addEventListener("click", () => host.select(a.touchpoint));
      li.append(h("span", {}, assumptionText(a)), " ", go);
      return li;
    }));
    more.textContent = n > SHOWN ? `${n - SHOWN} more assumption${n - SHOWN === 1 ? "" : "s"} move the figures less.` : "";
  };
  const soon = () => {
    if (!details.open) return;
    clearTimeout(timer);
    timer = setTimeout(render, 150);
  };
  details.addEventListener("toggle", () => details.open && render());
  select.addEventListener("change", render);
  host.addEventListener("journey-change", soon);
  return details;
}
