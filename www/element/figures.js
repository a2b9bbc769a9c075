// The figures bar: success, dropout, remembered experience ± half-width,
// satisfied, promoter index and service share, each with its change from
// the baseline in what-if mode. Built with textContent only.
//
// The exact figures come at once and the simulated ones when the worker
// has them (engine/client.js): until then their cells say "Simulating…"
// (text, not only a colour), the bar is aria-busy and data-simulation is
// "pending"; then "done", or "cut" when the budget ended the run early
// (a line says how many customers were simulated), or "failed".

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const signedPoints = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} pts`;
const signed = (x, digits = 2) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(digits)}`;

/**
 * The figures to show: [key, label, value text, half-width text | null,
 * number for the delta, how a delta is written, whether up is good].
 */
function rows(a, s, waiting) {
  // [value text, number for the delta]: a pending figure has no number.
  const exact = (value, n) => (a ? [value(a), n(a)] : [waiting.exact, null]);
  const simulated = (value, n) => (s ? [value(s), n(s)] : [waiting.simulation, null]);
  const hw = s ? `± ${s.remembered.halfWidth.toFixed(s.remembered.halfWidth < 0.01 ? 3 : 2)}` : null;
  const row = (key, label, [value, n], halfWidth, fmt, upIsGood) => [key, label, value, halfWidth, n, fmt, upIsGood];
  return [
    row("success", "Success", exact((x) => pct(x.success), (x) => x.success), null, signedPoints, true),
    row("dropout", "Dropout", exact((x) => pct(x.dropout), (x) => x.dropout), null, signedPoints, false),
    row("remembered", "Remembered", simulated((x) => signed(x.remembered.mean), (x) => x.remembered.mean), hw, (d) => signed(d), true),
    row("satisfied", "Satisfied", simulated((x) => pct(x.satisfied), (x) => x.satisfied), null, signedPoints, true),
    row("promoter", "Promoter index", simulated((x) => signed(x.promoterIndex, 0), (x) => x.promoterIndex), null, (d) => signed(d, 1), true),
    row("service", "Service share", exact((x) => pct(x.serviceShare), (x) => x.serviceShare), null, signedPoints, null),
  ];
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
export function renderFigures(dl, figures, baseline = null, problem = null) {
  dl.replaceChildren();
  problem ??= figures?.problem ?? null;
  if (problem || !figures) {
    dl.removeAttribute("aria-busy");
    dl.dataset.simulation = problem ? "failed" : "pending";
    const p = document.createElement("div");
    p.className = "jg-figures-problem";
    p.setAttribute("part", "figures-problem");
    p.textContent = problem ? `No figures yet: ${problem.message}` : "No figures yet.";
    dl.append(p);
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
  rows(figures.analysis ?? null, sim, waiting).forEach(([key, label, value, hw, n, fmt, upIsGood], i) => {
    const wrap = document.createElement("div");
    wrap.className = "jg-figure";
    wrap.dataset.figure = key;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    const v = document.createElement("span");
    v.className = n === null ? "jg-value jg-pending" : "jg-value";
    v.textContent = value;
    dd.append(v);
    if (hw) {
      const h = document.createElement("span");
      h.className = "jg-hw";
      h.textContent = ` ${hw}`;
      dd.append(h);
    }
    if (base && n !== null && base[i][4] !== null) {
      const d = n - base[i][4];
      const delta = document.createElement("span");
      delta.className = "jg-delta";
      const tiny = Math.abs(d) < 5e-4 * (key === "promoter" ? 100 : 1);
      if (!tiny && upIsGood !== null) delta.classList.add((d > 0) === upIsGood ? "jg-delta-up" : "jg-delta-down");
      delta.textContent = tiny ? "±0" : fmt(d);
      delta.setAttribute("aria-label", `change from the baseline: ${delta.textContent}`);
      dd.append(delta);
    }
    wrap.append(dt, dd);
    dl.append(wrap);
  });
  const note = simulationNote(figures, state);
  if (note) dl.append(note);
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
