// Why it moves (issue 13): each "Fix first" opportunity and each change of
// a live what-if says why the figures move — the touchpoint's reach, its
// dropout before → after at this sensitivity, and the customers affected
// (per 100, or of the journey's observed customers) — and what the model
// assumes (sensitivity, peak-end weights), with the setting one click
// away. Every number comes from the core (Opportunity, Journey.explain(),
// analysis.rules); this module only words them. DOM by h() (dom.js):
// names stay text.

import { h } from "./dom.js";
import { exactOnPage } from "./engine/shape.js";

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const MINUS = "\u2212";
const num = (x, digits = 1) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * How customers are counted: per 100, or, for a journey fitted from
 * paths, of its observed customers ({size, of}).
 */
export function volumeOf(file) {
  const paths = file?.observed?.paths;
  return paths > 0 ? { size: paths, of: `of the ${num(paths, 0)} observed customers` } : { size: 100, of: "of every 100 customers" };
}

/** "12.4 fewer leave here" / "3.0 more leave here" for a change in customers leaving (per customer). */
function leaving(before, after, volume) {
  const d = (before - after) * volume.size;
  const digits = volume.size > 100 ? 0 : 1;
  if (Math.abs(d) < 0.05) return `about as many leave here ${volume.of}`;
  return `${num(Math.abs(d), digits)} ${d > 0 ? "fewer" : "more"} ${volume.of} leave right after it`;
}

/** The sentence of an opportunity: reach, dropout before → after, customers affected. */
export function opportunityWhy(o, rules, volume) {
  const k = rules?.sensitivity ?? 1;
  const reached = volume.size * o.reach;
  return `Reached by ${pct(o.reach)} of customers (${num(reached, volume.size > 100 ? 0 : 1)} ${volume.of}); `
    + `its dropout ${pct(o.dropoutBefore)} \u2192 ${pct(o.dropoutAfter)} at sensitivity ${num(k, 1)}, so ${leaving(o.leftBefore, o.leftAfter, volume)}.`;
}

/** The sentence of one touchpoint a scenario changes (a Move of Journey.explain()). */
export function moveWhy(m, rules, volume) {
  const k = rules?.sensitivity ?? 1;
  const feel = m.emotionBefore === m.emotionAfter ? ""
    : `emotion ${m.emotionBefore === null ? "not rated" : signedText(m.emotionBefore)} \u2192 ${m.emotionAfter === null ? "not rated" : signedText(m.emotionAfter)}; `;
  const reach = Math.abs(m.reachAfter - m.reachBefore) < 5e-4 ? `reached by ${pct(m.reachBefore)} of customers`
    : `reached by ${pct(m.reachBefore)} \u2192 ${pct(m.reachAfter)} of customers`;
  const dropout = m.dropoutBefore === m.dropoutAfter ? `dropout ${pct(m.dropoutBefore)}, unchanged`
    : `dropout ${pct(m.dropoutBefore)} \u2192 ${pct(m.dropoutAfter)} at sensitivity ${num(k, 1)}`;
  return `${feel}${reach}; ${dropout}; ${leaving(m.leftBefore, m.leftAfter, volume)}.`;
}

const signedText = (x) => `${x < 0 ? MINUS : "+"}${Math.abs(x).toFixed(2)}`;

/** What the model assumes, in words: the sensitivity link and the peak-end weights. */
export function assumptionText(rules) {
  const k = rules?.sensitivity ?? 1;
  const w = rules?.rememberWeights ?? { peak: 0.5, end: 0.5, mean: 0 };
  const parts = [[w.peak, "peak"], [w.end, "end"], [w.mean, "mean"]].filter(([x]) => x > 0).map(([x, name]) => `${num(x, 2)} \u00d7 ${name}`);
  return `The model assumes a change of emotion moves dropout with sensitivity ${num(k, 1)} (0: emotion never moves dropout), and that customers remember ${parts.join(" + ") || "nothing"}.`;
}

/**
 * The "what the model assumes" line with its button: `open()` shows the
 * journey's settings with the sensitivity focused.
 */
export function assumptions(rules, open, readonly = false) {
  const p = h("p", { class: "jg-hint jg-assumes", "data-role": "assumptions" }, assumptionText(rules));
  if (open && !readonly) {
    const button = h("button", { type: "button", class: "jg-link", "data-action": "open-settings", "data-focus": "settings" }, "Change sensitivity");
    button.addEventListener("click", () => open());
    p.append(" ", button);
  }
  return p;
}

/**
 * Why the scenario moves the figures: Journey.explain() of the baseline
 * `journey` for `scenario`, on the page when the journey is cheap to solve
 * (engine/shape.js); null for a large one (its figures are computed in the
 * worker), or an Error that stopped it.
 */
export function movesOf(journey, file, scenario) {
  if (!scenario.changes?.length || !exactOnPage(file)) return null;
  try {
    return journey.explain({ id: scenario.id, name: scenario.name, changes: scenario.changes });
  } catch (error) {
    return error;
  }
}

/** The "Why it moves" list of a live what-if, for renderChanges. */
export function renderMoves(moves, rules, volume, open, readonly) {
  const box = h("div", { class: "jg-why", "data-role": "why-scenario" });
  box.append(h("h4", {}, "Why it moves"));
  if (moves instanceof Error) {
    box.append(h("p", { class: "jg-hint" }, `Not available: ${moves.message}`));
    return box;
  }
  if (!moves.length) {
    box.append(h("p", { class: "jg-hint" }, "These changes add, remove or reroute touchpoints; the figures above show what they do."));
  } else {
    const list = h("ul", { class: "jg-why-list" });
    for (const m of moves) {
      const li = h("li", { "data-touchpoint": m.touchpoint });
      li.append(h("strong", {}, m.name || m.touchpoint), document.createTextNode(`: ${moveWhy(m, rules, volume)}`));
      list.append(li);
    }
    box.append(list);
  }
  box.append(assumptions(rules, open, readonly));
  return box;
}

/** "34.0% of entries (340 observed)": a touchpoint's entry as a share, whatever the file holds. */
export function entryShareText(share, entry, file) {
  if (share === undefined || share === null) return "";
  if (file?.observed) return `${pct(share)} of entries (${num(entry, 0)} observed first touches)`;
  return `${pct(share)} of entries`;
}

