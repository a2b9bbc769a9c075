// The measured metrics of a touchpoint (issue 15) as people read them, and
// the stated mapping by which CSAT, CES and NPS stand for an emotion (the
// survey import calibrates with it; the core only keeps the values):
//   CSAT 1–5     emotion (v − 3) / 2      1 → −1, 3 → 0, 5 → +1
//   CES 1–7      emotion (4 − v) / 3      1 (very easy) → +1, 7 → −1
//   NPS −100–100 emotion v / 100
// Volume and cost per contact say nothing of feeling.

export const METRICS = {
  csat: { lo: 1, hi: 5, name: "CSAT", emotion: (v) => (v - 3) / 2, formula: "(CSAT \u2212 3) / 2" },
  ces: { lo: 1, hi: 7, name: "CES", emotion: (v) => (4 - v) / 3, formula: "(4 \u2212 CES) / 3" },
  nps: { lo: -100, hi: 100, name: "NPS", emotion: (v) => v / 100, formula: "NPS / 100" },
  volume: { lo: 0, hi: Infinity, name: "volume" },
  cost: { lo: 0, hi: Infinity, name: "cost per contact" },
};

/** The emotion (−1 to 1) metric `key` at `value` stands for, or null. */
export function metricEmotion(key, value) {
  const m = METRICS[key];
  return m?.emotion ? Math.max(-1, Math.min(1, m.emotion(value))) : null;
}

/** "CSAT 4.375 · 400 respondents · 2026-11 · survey.csv → emotion +0.69". */
export function metricText(m) {
  const spec = METRICS[m.metric];
  const parts = [`${spec?.name ?? m.metric} ${m.value}`];
  if (m.respondents !== null && m.respondents !== undefined) parts.push(`${m.respondents} respondents`);
  if (m.date) parts.push(m.date);
  if (m.source) parts.push(m.source);
  const e = metricEmotion(m.metric, m.value);
  return parts.join(" \u00b7 ") + (e === null ? "" : ` \u2192 emotion ${e >= 0 ? "+" : "\u2212"}${Math.abs(e).toFixed(2)}`);
}
