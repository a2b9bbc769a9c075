// The figures bar: success, dropout, remembered experience ± half-width,
// satisfied, promoter index and service share, each with its change from
// the baseline in what-if mode. Built with textContent only.

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const signedPoints = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} pts`;
const signed = (x, digits = 2) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(digits)}`;

/**
 * The figures to show: [key, label, value text, half-width text | null,
 * number for the delta, how a delta is written, whether up is good].
 */
function rows(a, s) {
  return [
    ["success", "Success", pct(a.success), null, a.success, signedPoints, true],
    ["dropout", "Dropout", pct(a.dropout), null, a.dropout, signedPoints, false],
    ["remembered", "Remembered", signed(s.remembered.mean), `± ${s.remembered.halfWidth.toFixed(s.remembered.halfWidth < 0.01 ? 3 : 2)}`, s.remembered.mean, (d) => signed(d), true],
    ["satisfied", "Satisfied", pct(s.satisfied), null, s.satisfied, signedPoints, true],
    ["promoter", "Promoter index", signed(s.promoterIndex, 0), null, s.promoterIndex, (d) => signed(d, 1), true],
    ["service", "Service share", pct(a.serviceShare), null, a.serviceShare, signedPoints, null],
  ];
}

/**
 * Renders the bar into `dl` (a <dl>).
 * figures: { analysis, simulation } or null; baseline: the same for the
 * baseline in what-if mode, else null; problem: an Error that stopped the
 * analysis (no_entry, closed_loop), shown instead of numbers.
 */
export function renderFigures(dl, figures, baseline = null, problem = null) {
  dl.replaceChildren();
  if (problem || !figures) {
    const p = document.createElement("div");
    p.className = "jg-figures-problem";
    p.setAttribute("part", "figures-problem");
    p.textContent = problem ? `No figures yet: ${problem.message}` : "No figures yet.";
    dl.append(p);
    return;
  }
  const base = baseline ? rows(baseline.analysis, baseline.simulation) : null;
  rows(figures.analysis, figures.simulation).forEach(([key, label, value, hw, n, fmt, upIsGood], i) => {
    const wrap = document.createElement("div");
    wrap.className = "jg-figure";
    wrap.dataset.figure = key;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    const v = document.createElement("span");
    v.className = "jg-value";
    v.textContent = value;
    dd.append(v);
    if (hw) {
      const h = document.createElement("span");
      h.className = "jg-hw";
      h.textContent = ` ${hw}`;
      dd.append(h);
    }
    if (base) {
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
}
