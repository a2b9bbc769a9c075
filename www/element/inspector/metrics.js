// The inspector's "Measured" section of a touchpoint (issue 15): its
// metrics (CSAT, CES, NPS, volume, cost per contact), each with what it
// stands for, removable; and a row to enter one. A survey CSV (Import)
// sets many at once (../survey.js).

import { control as el } from "../dom.js";
import { METRICS, metricText } from "../metrics.js";
import { field, numberFrom, markInvalid } from "./controls.js";

/** The file form of a viewed metric (the view has every field; the file only what is set). */
function record(m) {
  const r = { metric: m.metric, value: m.value };
  if (m.respondents !== null && m.respondents !== undefined) r.respondents = m.respondents;
  if (m.date) r.date = m.date;
  if (m.source) r.source = m.source;
  return r;
}

export function metricsSection(root, panel, { readonly, sync, update }) {
  const box = el("fieldset", { class: "jg-checks jg-metrics", "data-key": "metrics" });
  box.append(el("legend", {}, "Measured"));
  const list = el("ul", { class: "jg-list" });
  const empty = el("p", { class: "jg-hint" }, "No metric yet: enter one below, or import a survey CSV (touchpoint, metric, value, respondents, date).");
  box.append(empty, list);
  const set = (metrics, control) => update({ metrics: metrics.map(record) }, control);
  sync((f, tp) => {
    const metrics = tp.metrics ?? [];
    empty.hidden = metrics.length > 0;
    list.replaceChildren(...metrics.map((m) => {
      const li = el("li");
      li.append(el("span", { class: "jg-grow" }, metricText(m)));
      if (!readonly) {
        const rm = el("button", { type: "button", "data-key": `rm-metric:${m.metric}`, "aria-label": `Remove ${METRICS[m.metric]?.name ?? m.metric}` }, "Remove");
        rm.addEventListener("click", () => {
          set(panel.tp.metrics.filter((x) => x.metric !== m.metric));
          add.focus();
        });
        li.append(rm);
      }
      return li;
    }));
  });
  let add = null;
  if (!readonly) {
    const kind = el("select", { "data-key": "metric-kind" });
    for (const [key, m] of Object.entries(METRICS)) kind.append(el("option", { value: key }, m.name));
    const value = el("input", { type: "number", step: "any", "data-key": "metric-value" });
    const respondents = el("input", { type: "number", min: 0, step: 1, "data-key": "metric-respondents" });
    const date = el("input", { type: "text", "data-key": "metric-date", placeholder: "2026-11", maxLength: 100 });
    add = el("button", { type: "button", "data-key": "add-metric" }, "Set metric");
    add.addEventListener("click", () => {
      const v = numberFrom(value, METRICS[kind.value].name);
      if (v === null) return value.focus();
      const n = respondents.value.trim() === "" ? null : Number(respondents.value);
      if (n !== null && !(Number.isInteger(n) && n >= 0)) {
        markInvalid(respondents, "Respondents is a whole number of 0 or more, or empty.");
        return respondents.focus();
      }
      markInvalid(respondents, null);
      const next = (panel.tp.metrics ?? []).filter((m) => m.metric !== kind.value);
      next.push({ metric: kind.value, value: v, respondents: n, date: date.value.trim(), source: "" });
      set(next, value);
    });
    box.append(field("Metric", kind), field("Value", value, "CSAT 1–5, CES 1–7, NPS −100 to 100, volume and cost 0 or more."), field("Respondents", respondents), field("Date", date), add);
  }
  root.append(box);
}
