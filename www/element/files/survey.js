// A survey CSV sets touchpoints' measured metrics (issue 15, SPEC section
// 11), and calibrates their emotions from them. One row per measurement:
//
//   touchpoint,metric,value,respondents,date
//   checkout,csat,4.2,312,2026-11
//   Order confirmed,nps,35,120,2026-11
//
// `touchpoint` is a touchpoint's id, or else its name (case and spaces
// aside, if only one has it); `metric` one of csat (1–5), ces (1–7), nps
// (−100 to 100), volume, cost; `respondents` and `date` may be empty.
// Several rows of one touchpoint and metric are pooled: their mean weighted
// by respondents (a row without respondents counts as one), the
// respondents summed, the latest date kept. Each touchpoint's emotion is
// then calibrated from its CSAT, else its CES, else its NPS, with the
// core's stated mappings (CSAT (v − 3) / 2, CES (4 − v) / 3, NPS v / 100),
// and marked measured with where it came from. All of it is one edit (one
// undo); a bad row names its line and changes nothing. No DOM here.

import { METRICS } from "../metrics.js";

const SURVEY_COLUMNS = ["touchpoint", "metric", "value"];
/** The metrics an emotion is calibrated from, in order of preference. */
const CALIBRATE = ["csat", "ces", "nps"];

/** A survey error: `line` is the CSV line (1 is the header). */
const bad = (line, message) => Object.assign(new Error(`Line ${line}: ${message}`), { code: "survey", line, path: "" });

/** The CSV's rows as arrays of fields (RFC 4180 quotes; , ; or tab, as the header uses). */
function rowsOf(text) {
  const src = text.replace(/^\uFEFF/, "");
  const head = src.split(/\r?\n/, 1)[0];
  const delimiter = [",", ";", "\t"].map((d) => [d, head.split(d).length]).sort((a, b) => b[1] - a[1])[0][0];
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const squash = (s) => s.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Reads survey CSV `text` against journey `file` (toObject()): the pooled
 * measurements {touchpoint, metric, value, respondents, date, rows} in
 * journey order. Throws a survey error naming the line of a bad row.
 */
export function readSurvey(text, file) {
  const rows = rowsOf(text);
  const header = (rows[0] ?? []).map((c) => c.trim().toLowerCase());
  const at = Object.fromEntries(["touchpoint", "metric", "value", "respondents", "date"].map((c) => [c, header.indexOf(c)]));
  for (const c of SURVEY_COLUMNS) if (at[c] < 0) throw bad(1, `the header has no "${c}" column (it needs touchpoint, metric and value; respondents and date may follow).`);
  const byId = new Map(file.touchpoints.map((t) => [t.id, t]));
  const byName = new Map();
  for (const t of file.touchpoints) {
    const key = squash(t.name);
    byName.set(key, byName.has(key) ? null : t);
  }
  const pooled = new Map();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.every((f) => f.trim() === "")) return;
    const cell = (c) => (at[c] >= 0 ? (row[at[c]] ?? "").trim() : "");
    const who = cell("touchpoint");
    const tp = byId.get(who) ?? byName.get(squash(who));
    if (tp === null) throw bad(line, `two touchpoints are called \u201c${who}\u201d; use the id of the one you mean.`);
    if (!tp) throw bad(line, `no touchpoint has the id or name \u201c${who}\u201d.`);
    const metric = cell("metric").toLowerCase();
    const m = METRICS[metric];
    if (!m) throw bad(line, `\u201c${cell("metric")}\u201d is no metric; use csat, ces, nps, volume or cost.`);
    const raw = cell("value");
    const value = raw === "" ? NaN : Number(raw);
    if (!Number.isFinite(value) || value < m.lo || value > m.hi) {
      throw bad(line, `${m.name} is \u201c${raw}\u201d; it must be a number ${m.hi === Infinity ? `of ${m.lo} or more` : `from ${m.lo} to ${m.hi}`}.`);
    }
    const nText = cell("respondents");
    const n = nText === "" ? null : Number(nText);
    if (n !== null && !(Number.isInteger(n) && n >= 0 && n <= 4294967295)) throw bad(line, `respondents is \u201c${nText}\u201d; it must be a whole number of 0 or more, or empty.`);
    const key = `${tp.id}\u0000${metric}`;
    const p = pooled.get(key) ?? { touchpoint: tp.id, metric, sum: 0, weight: 0, plain: 0, respondents: null, date: "", rows: 0 };
    const w = n ?? 1;
    p.sum += value * w;
    p.weight += w;
    p.plain += value;
    if (n !== null) p.respondents = (p.respondents ?? 0) + n;
    const date = cell("date");
    if (date > p.date) p.date = date;
    p.rows += 1;
    pooled.set(key, p);
  });
  if (!pooled.size) throw bad(rows.length + 1, "the file has no measurements below its header.");
  const order = new Map(file.touchpoints.map((t, i) => [t.id, i]));
  const metricOrder = Object.keys(METRICS);
  return [...pooled.values()]
    .map((p) => ({
      touchpoint: p.touchpoint, metric: p.metric, rows: p.rows, respondents: p.respondents, date: p.date,
      // Rows with 0 respondents weigh nothing; if all do, their plain mean.
      value: p.weight > 0 ? p.sum / p.weight : p.plain / p.rows,
    }))
    .sort((a, b) => order.get(a.touchpoint) - order.get(b.touchpoint) || metricOrder.indexOf(a.metric) - metricOrder.indexOf(b.metric));
}

const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The one edit that puts `measurements` (readSurvey's) into journey
 * `file`, with each touchpoint's emotion calibrated and marked measured;
 * and what it did, in words. `source`: the file's name.
 */
export function surveyEdit(file, measurements, source) {
  const edits = [];
  const calibrated = [];
  for (const tp of file.touchpoints) {
    const mine = measurements.filter((m) => m.touchpoint === tp.id);
    if (!mine.length) continue;
    const metrics = (tp.metrics ?? []).filter((old) => !mine.some((m) => m.metric === old.metric));
    for (const m of mine) {
      const record = { metric: m.metric, value: round(m.value, 4) };
      if (m.respondents !== null) record.respondents = m.respondents;
      if (m.date) record.date = m.date;
      record.source = source;
      metrics.push(record);
    }
    const next = { ...tp, metrics };
    const from = CALIBRATE.map((k) => mine.find((m) => m.metric === k)).find(Boolean);
    if (from) {
      const spec = METRICS[from.metric];
      const emotion = round(Math.max(-1, Math.min(1, spec.emotion(from.value))), 2);
      const n = from.respondents !== null ? `n=${from.respondents}` : `${from.rows} ${from.rows === 1 ? "row" : "rows"}`;
      next.emotion = emotion;
      next.basis = { ...(tp.basis ?? {}), emotion: { measured: true, source: `${spec.name} ${round(from.value, 2)} (${n}${from.date ? `, ${from.date}` : ""}, ${source}) \u2192 emotion ${spec.formula}` } };
      calibrated.push({ id: tp.id, name: tp.name, from: spec.name, emotion });
    }
    edits.push({ op: "updateTouchpoint", touchpoint: next });
  }
  const touched = edits.length;
  const rows = measurements.reduce((n, m) => n + m.rows, 0);
  const words = `Set ${measurements.length === 1 ? "1 measurement" : `${measurements.length} measurements`}${rows > measurements.length ? ` (${rows} rows pooled)` : ""} on ${touched === 1 ? "1 touchpoint" : `${touched} touchpoints`} from \u201c${source}\u201d`
    + (calibrated.length ? `; ${calibrated.length === 1 ? "1 emotion is" : `${calibrated.length} emotions are`} now measured (${calibrated.map((c) => `${c.name} ${c.emotion >= 0 ? "+" : "\u2212"}${Math.abs(c.emotion).toFixed(2)} from ${c.from}`).join(", ")}).` : ".");
  return { edit: edits.length === 1 ? edits[0] : { op: "batch", edits }, calibrated, words };
}
