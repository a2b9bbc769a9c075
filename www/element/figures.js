// The figures bar: the three outcomes that add up to 100% (reached the
// goal, lost before it, ended elsewhere), dropout at any time (which says
// how much of it came after the goal), remembered experience with its
// simulated margin, satisfied, promoter index and service share, each with
// its change from the baseline in what-if mode. Every figure explains
// itself (figures-explain.js): an accessible description shown on hover
// and keyboard focus, and a "How is this computed?" panel. A journey
// nobody can start yet shows the first three steps instead of an error.
// Built with textContent only.
//
// The exact figures come at once and the simulated ones when the worker
// has them (engine/client.js): until then their cells say "Simulating…"
// (text, not only a colour), the bar is aria-busy and data-simulation is
// "pending"; then "done", or "cut" when the budget ended the run early
// (a line says how many customers were simulated), or "failed".

import { explain, halfWidthText, hasGoal, pct, signed } from "./figures-explain.js";

const signedPoints = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} pts`;

/**
 * The figures to show: [key, label, value text, half-width text | null,
 * number for the delta, how a delta is written, whether up is good, a
 * visible qualifier | null]. The first three are the outcomes that add up
 * to 100% (SPEC section 3); dropout overlaps them and says so.
 */
function rows(a, s, waiting) {
  // [value text, number for the delta]: a pending figure has no number.
  const exact = (value, n) => (a ? [value(a), n(a)] : [waiting.exact, null]);
  // Not rated is not zero: with no rated emotion on any path, the felt
  // figures rest on nothing the user entered, and say so instead of a number.
  const unrated = Boolean(a) && a.ratedShare === 0;
  const simulated = (value, n) => (unrated ? [NOT_RATED, null] : s ? [value(s), n(s)] : [waiting.simulation, null]);
  const hw = s && !unrated ? halfWidthText(s.remembered.halfWidth) : null;
  const partly = a && !unrated && a.ratedShare < 1 ? `rests on ${pct(a.ratedShare)} rated moments` : null;
  const goal = hasGoal(a);
  const row = (key, label, [value, n], halfWidth, fmt, upIsGood, sub = null) => [key, label, value, halfWidth, n, fmt, upIsGood, sub];
  const out = [row("success", goal ? "Reached goal" : "Completed", exact((x) => pct(x.success), (x) => x.success), null, signedPoints, true)];
  if (goal) {
    out.push(row("lost", "Lost before goal", exact((x) => pct(x.lostBeforeGoal), (x) => x.lostBeforeGoal), null, signedPoints, false));
    out.push(row("elsewhere", "Ended elsewhere", exact((x) => pct(x.endedElsewhere), (x) => x.endedElsewhere), null, signedPoints, null));
  }
  const overlap = a && goal ? `incl. ${pct(a.leftAfterGoal)} after the goal` : null;
  out.push(
    row("dropout", goal ? "Dropout, any time" : "Dropout", exact((x) => pct(x.dropout), (x) => x.dropout), null, signedPoints, false, overlap),
    row("remembered", "Remembered (−1 to +1)", simulated((x) => signed(x.remembered.mean), (x) => x.remembered.mean), hw, (d) => signed(d), true,
      unrated ? RATE_FIRST : partly),
    row("satisfied", "Satisfied", simulated((x) => pct(x.satisfied), (x) => x.satisfied), null, signedPoints, true),
    row("promoter", "Promoter index", simulated((x) => signed(x.promoterIndex, 0), (x) => x.promoterIndex), null, (d) => signed(d, 1), true),
    row("service", "Service share", unrated ? [NOT_RATED, null] : exact((x) => pct(x.serviceShare), (x) => x.serviceShare), null, signedPoints, null),
  );
  return out;
}

let bars = 0;
const NOT_RATED = "Not rated";
export const RATE_FIRST = "rate emotions to see how the journey will be remembered";

function problemLine(problem) {
  const p = document.createElement("div");
  p.className = "jg-figures-problem";
  p.setAttribute("part", "figures-problem");
  p.textContent = problem ? `No figures yet: ${problem.message}` : "No figures yet.";
  return p;
}

/** Where nobody can start yet (a blank journey): the first three steps, not an error. */
function firstSteps() {
  const div = document.createElement("div");
  div.className = "jg-figures-guide";
  div.setAttribute("role", "note");
  const title = document.createElement("strong");
  title.textContent = "The figures appear once customers can walk the journey:";
  const ol = document.createElement("ol");
  for (const step of [
    "Add a stage and a touchpoint where customers start (Add stage, Add touchpoint).",
    "Add the next touchpoints and connect them with transitions, in the order customers go.",
    "Mark the touchpoint that counts as success as the goal, and rate how each moment feels.",
  ]) {
    const li = document.createElement("li");
    li.textContent = step;
    ol.append(li);
  }
  div.append(title, ol);
  return div;
}

/** What the simulation's state is, for data-simulation. */
function simulationState(figures) {
  if (figures.simulationProblem) return "failed";
  if (!figures.simulation) return "pending";
  return figures.simulation.budgetExhausted ? "cut" : "done";
}

const count = (n) => n.toLocaleString("en-US");

/**
 * Renders the bar into `dl` (a <dl>).
 * figures: { analysis, simulation, problem?, simulationProblem? } (as
 * engine/client.js gives them; a null analysis or simulation is still
 * pending) or null; baseline: the same for the baseline in what-if mode,
 * else null; problem: an Error that stopped the analysis (no_entry,
 * closed_loop), shown instead of numbers.
 */
export function renderFigures(dl, figures, baseline = null, problem = null, against = "the baseline") {
  dl.replaceChildren();
  problem ??= figures?.problem ?? null;
  if (problem || !figures) {
    dl.removeAttribute("aria-busy");
    dl.dataset.simulation = problem ? "failed" : "pending";
    dl.append(problem?.code === "no_entry" ? firstSteps() : problemLine(problem));
    explainBeside(dl, []);
    return;
  }
  const sim = figures.simulationProblem ? null : figures.simulation ?? null;
  const waiting = { exact: "Calculating\u2026", simulation: figures.simulationProblem ? "Not simulated" : "Simulating\u2026" };
  const state = simulationState(figures);
  dl.dataset.simulation = state;
  dl.dataset.exact = figures.analysis ? "done" : "pending";
  if (state === "pending" || !figures.analysis) dl.setAttribute("aria-busy", "true");
  else dl.removeAttribute("aria-busy");
  const base = baseline && !baseline.problem ? rows(baseline.analysis ?? null, baseline.simulationProblem ? null : baseline.simulation ?? null, waiting) : null;
  const baseOf = new Map((base ?? []).map((r) => [r[0], r[4]]));
  dl.dataset.bar ??= `jg-figures-${++bars}`;
  const how = [];
  for (const [key, label, value, hw, n, fmt, upIsGood, sub] of rows(figures.analysis ?? null, sim, waiting)) {
    const wrap = document.createElement("div");
    wrap.className = "jg-figure";
    wrap.dataset.figure = key;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    const v = document.createElement("span");
    v.className = n === null ? `jg-value jg-pending${value === NOT_RATED ? " jg-unrated" : ""}` : "jg-value";
    v.textContent = value;
    dd.append(v);
    if (hw) {
      const h = document.createElement("span");
      h.className = "jg-hw";
      h.textContent = ` ${hw}`;
      dd.append(h);
    }
    const b = baseOf.get(key);
    if (base && n !== null && b !== null && b !== undefined) {
      const d = n - b;
      const delta = document.createElement("span");
      delta.className = "jg-delta";
      const tiny = Math.abs(d) < 5e-4 * (key === "promoter" ? 100 : 1);
      if (!tiny && upIsGood !== null) delta.classList.add((d > 0) === upIsGood ? "jg-delta-up" : "jg-delta-down");
      delta.textContent = tiny ? "±0" : fmt(d);
      delta.setAttribute("aria-label", `change from ${against}: ${delta.textContent}`);
      dd.append(delta);
    }
    if (sub) {
      const q = document.createElement("span");
      q.className = "jg-sub";
      q.textContent = sub;
      dd.append(q);
    }
    // The explanation: the accessible description of the value (shown on
    // hover and keyboard focus too), and a line of the How panel.
    const text = explain(key, figures.analysis ?? null, sim);
    const id = `${dl.dataset.bar}-${key}`;
    dd.tabIndex = 0;
    dt.id = `${id}-label`;
    v.id = `${id}-value`;
    dd.setAttribute("aria-labelledby", `${dt.id} ${v.id}`);
    dd.setAttribute("aria-describedby", id);
    wrap.dataset.explain = text;
    how.push([id, label, text]);
    wrap.append(dt, dd);
    dl.append(wrap);
  }
  const note = simulationNote(figures, state);
  if (note) dl.append(note);
  explainBeside(dl, how);
}

/**
 * After the bar (a <dl> holds only its figures): each figure's description,
 * visually hidden (what aria-describedby reads; text inside a closed
 * <details> is not read), and the "How is this computed?" panel.
 */
function explainBeside(dl, how) {
  let more = dl.nextElementSibling;
  if (!more?.classList.contains("jg-figures-more")) {
    if (!dl.parentNode) return;
    more = document.createElement("div");
    more.className = "jg-figures-more";
    dl.after(more);
  }
  const open = more.querySelector("details.jg-how")?.open ?? false;
  const hidden = document.createElement("div");
  hidden.className = "jg-explain";
  for (const [id, , text] of how) {
    const span = document.createElement("span");
    span.id = id;
    span.textContent = text;
    hidden.append(span);
  }
  more.replaceChildren(hidden, how.length ? howPanel(how, open) : "");
}

/** The "How is this computed?" panel: every figure's explanation, in one place to read. */
function howPanel(how, open) {
  const details = document.createElement("details");
  details.className = "jg-how";
  details.setAttribute("part", "figures-how");
  details.open = open;
  const summary = document.createElement("summary");
  summary.textContent = "How is this computed?";
  const list = document.createElement("ul");
  for (const [, label, text] of how) {
    const li = document.createElement("li");
    const strong = document.createElement("strong");
    strong.textContent = `${label}: `;
    li.append(strong, text.replace(/^[^:]*: /, ""));
    list.append(li);
  }
  details.append(summary, list);
  return details;
}

/** The line under the figures when the simulation was cut short or failed. */
function simulationNote(figures, state) {
  if (state !== "cut" && state !== "failed") return null;
  const p = document.createElement("div");
  p.className = "jg-figures-note";
  if (state === "cut") {
    const s = figures.simulation;
    p.textContent = `Simulated ${count(s.customers)} of ${count(s.requested)} customers: the rest would have taken too long, so the remembered figures are wider estimates.`;
  } else {
    p.textContent = `No simulated figures: ${figures.simulationProblem.message}`;
  }
  return p;
}
