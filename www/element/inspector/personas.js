// Personas in the inspector (issue 15). In the journey's panel: each
// persona's figures beside everyone's (success and the outcomes that add up
// with it, mean felt, moments), its name, "Show the map for …", the
// touchpoints it skips, Remove, and "Add persona". In a touchpoint's panel
// while the map shows one persona: what that persona meets differently
// there (emotion, dropout, entry share, or never meets it). Every change is
// one putPersona/removePersona edit of the core.

import { control as el } from "../dom.js";
import { field, setValue, apply, numberFrom, markInvalid } from "./controls.js";

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const felt = (x) => (x >= 0 ? "+" : "−") + Math.abs(x).toFixed(2);

/** The rows of the side-by-side table: label, value of an analysis. */
const ROWS = [
  ["Success", (a) => pct(a.success)],
  ["Lost before a goal", (a) => pct(a.lostBeforeGoal)],
  ["Ended elsewhere", (a) => pct(a.endedElsewhere)],
  ["Mean felt", (a) => (a.ratedShare > 0 ? felt(a.meanFelt) : "not rated")],
  ["Moments", (a) => a.expectedTouchpoints.toFixed(2)],
];

/** The file form of a viewed persona: fields at their defaults left out. */
export function personaRecord(p) {
  const r = { id: p.id, name: p.name };
  if (p.description) r.description = p.description;
  if (p.overrides?.length) r.overrides = p.overrides;
  if (p.skip?.length) r.skip = p.skip;
  return r;
}

/** A persona id not taken in `file`. */
function freshId(file) {
  const taken = new Set(file.personas.map((p) => p.id));
  let k = file.personas.length + 1;
  while (taken.has(`persona-${k}`)) k += 1;
  return `persona-${k}`;
}

/**
 * The journey panel's "Personas" section. ctx.personas: {base (the
 * journey's view: the panel may show one persona's journey), readonly,
 * shown (the persona whose map is shown, or null), figures(), show(id|null)}.
 */
export function personasSection(root, panel, sync) {
  const personas = panel.ctx.personas;
  const { base: file, readonly } = personas;
  root.append(el("h4", { id: "jg-personas-title" }, "Personas"));
  root.append(el("p", { class: "jg-hint" }, file.personas.length
    ? "Each persona walks this journey with its own entry shares, emotions and dropouts, and may skip touchpoints it never meets. Its figures are exact, beside everyone's (the journey as drawn)."
    : "No persona yet. A persona walks this journey with its own entry shares, emotions and dropouts, and may skip touchpoints it never meets; its figures appear here beside everyone's."));
  if (file.personas.length) {
    const table = el("table", { class: "jg-personas", "aria-labelledby": "jg-personas-title", "data-key": "persona-figures" });
    const head = el("tr");
    const heads = file.personas.map(() => el("th", { scope: "col" }));
    head.append(el("th", { scope: "col" }, "Figure"), el("th", { scope: "col" }, "Everyone"), ...heads);
    const body = ROWS.map(([label]) => {
      const cells = file.personas.map(() => el("td"));
      const everyone = el("td");
      const tr = el("tr");
      tr.append(el("th", { scope: "row" }, label), everyone, ...cells);
      return { tr, everyone, cells };
    });
    const thead = el("thead");
    thead.append(head);
    const tbody = el("tbody");
    tbody.append(...body.map((r) => r.tr));
    table.append(thead, tbody);
    root.append(table);
    const note = el("p", { class: "jg-hint", "data-key": "persona-problems" });
    root.append(note);
    sync(() => {
      const f = panel.ctx.personas.base;
      const { everyone, personas: figures } = panel.ctx.personas.figures();
      f.personas.forEach((p, i) => { heads[i].textContent = p.name || p.id; });
      const problems = [];
      ROWS.forEach(([, value], r) => {
        body[r].everyone.textContent = everyone ? value(everyone) : "—";
        figures.forEach((fig, i) => {
          if (body[r].cells[i]) body[r].cells[i].textContent = fig.analysis ? value(fig.analysis) : "—";
        });
      });
      for (const fig of figures) if (fig.problem) problems.push(`${fig.name || fig.id}: ${fig.problem.message}`);
      note.textContent = problems.join(" ");
      note.hidden = problems.length === 0;
    });
  }
  const list = el("ul", { class: "jg-list jg-persona-list" });
  file.personas.forEach((p, i) => {
    const li = el("li");
    const name = el("input", { type: "text", class: "jg-grow", "data-key": `persona-name:${p.id}`, readOnly: readonly, "aria-label": `Name of persona ${i + 1}` });
    name.addEventListener("change", () => {
      const cur = panel.ctx.personas.base.personas.find((x) => x.id === p.id);
      if (cur) apply(panel, { op: "putPersona", persona: { ...personaRecord(cur), name: name.value } }, name);
    });
    const show = el("button", { type: "button", "data-key": `persona-show:${p.id}`, "aria-pressed": "false" });
    show.addEventListener("click", () => panel.ctx.personas.show(panel.ctx.personas.shown === p.id ? null : p.id));
    li.append(name, show);
    let rm = null;
    if (!readonly) {
      rm = el("button", { type: "button", class: "jg-danger", "data-key": `persona-delete:${p.id}`, "data-fallback": "add-persona" }, "Remove");
      rm.addEventListener("click", () => apply(panel, { op: "removePersona", id: p.id }));
      li.append(rm);
    }
    const skips = el("p", { class: "jg-hint jg-persona-skips" });
    li.append(skips);
    sync(() => {
      const f = panel.ctx.personas.base;
      const cur = f.personas.find((x) => x.id === p.id);
      if (!cur) return;
      setValue(name, cur.name);
      const label = cur.name || cur.id;
      const on = panel.ctx.personas.shown === p.id;
      show.textContent = on ? "Show everyone" : "Show map";
      show.setAttribute("aria-pressed", String(on));
      show.setAttribute("aria-label", on ? `Show everyone's map, not ${label}'s` : `Show map for ${label}`);
      rm?.setAttribute("aria-label", `Remove persona ${label}`);
      const names = cur.skip.map((id) => f.touchpoints.find((t) => t.id === id)?.name ?? id);
      const told = [];
      if (cur.overrides.length) told.push(`meets ${cur.overrides.length} touchpoint${cur.overrides.length === 1 ? "" : "s"} differently`);
      if (names.length) told.push(`never meets ${names.join(", ")}`);
      skips.textContent = told.length ? `${label} ${told.join("; ")}.` : `${label} walks the journey as everyone does, so far: show its map and pick a card to say what differs.`;
    });
    list.append(li);
  });
  root.append(list);
  if (!readonly) {
    const add = el("button", { type: "button", "data-key": "add-persona" }, "Add persona");
    add.addEventListener("click", () => {
      const f = panel.ctx.personas.base;
      const id = freshId(f);
      if (apply(panel, { op: "putPersona", persona: { id, name: `Persona ${f.personas.length + 1}` } })) panel.ctx.personas.show(id);
    });
    root.append(add);
  }
}

/**
 * A touchpoint panel's "For <persona>" section, while the map shows one
 * persona: its emotion, dropout and entry share here (empty: as everyone),
 * and whether it never meets this touchpoint. ctx.personas.record is the
 * persona as the file has it (view form).
 */
export function personaOverrides(root, panel, sync) {
  const personas = panel.ctx.personas;
  const p = personas.record;
  const label = p.name || p.id;
  const box = el("fieldset", { class: "jg-checks jg-persona-overrides", "data-key": "persona-overrides" });
  box.append(el("legend", {}, `For ${label}`));
  box.append(el("p", { class: "jg-hint" }, `What ${label} meets differently here. Empty: as everyone. An emotion moves the dropout through the sensitivity, as a what-if does, unless a dropout is given too.`));
  const put = (next, control) => {
    const cur = panel.ctx.personas.record;
    const id = panel.tp.id;
    const rest = cur.overrides.filter((o) => o.touchpoint !== id);
    const o = { ...(cur.overrides.find((x) => x.touchpoint === id) ?? { touchpoint: id }), ...next };
    for (const k of Object.keys(o)) if (o[k] === null) delete o[k];
    const overrides = Object.keys(o).length > 1 ? [...rest, o] : rest;
    return apply(panel, { op: "putPersona", persona: { ...personaRecord(cur), overrides } }, control);
  };
  const number = (key, name, attrs, hint) => {
    const input = el("input", { type: "number", step: "any", "data-key": `persona-${key}`, ...attrs });
    input.addEventListener("change", () => {
      if (input.value.trim() === "") {
        markInvalid(input, null);
        put({ [key]: null }, input);
        return;
      }
      const n = numberFrom(input, name);
      if (n !== null) put({ [key]: n }, input);
    });
    sync(() => {
      const o = panel.ctx.personas.record.overrides.find((x) => x.touchpoint === panel.tp.id);
      setValue(input, o?.[key] === undefined ? "" : String(o[key]));
      input.placeholder = `as everyone`;
    });
    box.append(field(name, input, hint));
  };
  number("emotion", `Emotion for ${label} (−1 to 1)`, { min: -1, max: 1 });
  number("dropout", `Dropout for ${label} (0 to 1)`, { min: 0, max: 1 });
  number("entry", `Entry share for ${label}`, { min: 0 }, "How many of this persona's customers start here, relative to the other entries.");
  const skip = el("button", { type: "button", "data-key": "persona-skip" }, `${label} never meets this touchpoint`);
  skip.addEventListener("click", () => {
    const cur = panel.ctx.personas.record;
    const id = panel.tp.id;
    apply(panel, { op: "putPersona", persona: { ...personaRecord(cur), skip: [...cur.skip, id] } }, skip);
  });
  box.append(skip);
  root.append(box);
}
