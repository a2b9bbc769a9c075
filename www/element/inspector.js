// The inspector beside the map: every field of the selected touchpoint and
// its transitions, or, with nothing selected, the journey itself (title,
// persona, stages). Every control has a visible label; every change goes
// through ctx.edit() as one undoable edit of the core.

const CHANNELS = ["web", "app", "email", "phone", "chat", "social", "store", "tv", "sms", "ivr", "self-service", "packaging", "word of mouth"];
const OWNERS = ["marketing", "sales", "product", "operations", "service"];

let uid = 0;
const nextId = (name) => `jg-f${++uid}-${name}`;

function el(tag, attrs = {}, text = null) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k in e && typeof v !== "string") e[k] = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  if (text !== null) e.textContent = text;
  return e;
}

function field(label, control) {
  const wrap = el("label", { class: "jg-field" });
  wrap.append(el("span", {}, label), control);
  return wrap;
}

function datalist(root, id, values) {
  if (root.querySelector(`#${id}`)) return;
  const list = el("datalist", { id });
  for (const v of values) list.append(el("option", { value: v }));
  root.append(list);
}

/** A slider with its number: live edits while dragging, one undo step per drag. */
function slider(label, name, value, min, max, step, onInput, onCommit) {
  const wrap = el("div", { class: "jg-field" });
  const id = nextId(name);
  const lab = el("label", { for: id }, label);
  const row = el("div", { class: "jg-range" });
  const input = el("input", { type: "range", id, name, min, max, step, value: String(value) });
  const out = el("output", { for: id }, Number(value).toFixed(2));
  input.addEventListener("input", () => {
    out.textContent = Number(input.value).toFixed(2);
    onInput(Number(input.value));
  });
  input.addEventListener("change", () => onCommit(Number(input.value)));
  row.append(input, out);
  wrap.append(lab, row);
  return wrap;
}

const lines = (text) => text.split("\n").map((s) => s.trim()).filter(Boolean);

/** The form of one touchpoint. */
function touchpointPanel(root, ctx, tp) {
  const file = ctx.file;
  const readonly = ctx.readonly;
  const update = (patch, opts) => ctx.edit({ op: "updateTouchpoint", touchpoint: { ...tp, ...patch } }, opts);
  const h = el("h3", {}, tp.name || "Touchpoint");
  root.append(h);

  const name = el("input", { type: "text", value: tp.name, maxLength: 500, readOnly: readonly });
  name.addEventListener("change", () => update({ name: name.value }));
  root.append(field("Name", name));

  const stage = el("select", { disabled: readonly });
  for (const s of file.stages) stage.append(el("option", { value: s.id, selected: s.id === tp.stage }, s.name));
  stage.addEventListener("change", () => ctx.edit({ op: "moveTouchpoint", id: tp.id, stage: stage.value }));
  root.append(field("Stage", stage));

  const emotionHint = el("p", { class: "jg-hint" }, "−1 very negative · 0 neutral · +1 very positive");
  const sliders = [
    ["Emotion", "emotion", tp.emotion ?? 0, -1, 1, 0.05],
    ["Impact (how strongly it weighs)", "impact", tp.impact ?? 1, 0, 1, 0.05],
    ["Dropout (share who give up here)", "dropout", tp.dropout ?? 0, 0, 1, 0.01],
  ];
  for (const [label, key, value, min, max, step] of sliders) {
    const s = slider(label, key, value, min, max, step,
      (v) => update({ [key]: v }, { coalesce: `${tp.id}:${key}`, live: true }),
      (v) => update({ [key]: v }, { coalesce: `${tp.id}:${key}`, commit: true }));
    if (readonly) s.querySelector("input").disabled = true;
    root.append(s);
    if (key === "emotion") root.append(emotionHint);
  }

  const entry = el("input", { type: "number", min: 0, step: "any", value: String(tp.entry ?? 0), readOnly: readonly });
  entry.addEventListener("change", () => update({ entry: Number(entry.value) }));
  root.append(field("Entry share (customers who start here)", entry));

  datalist(root, "jg-channels", CHANNELS);
  datalist(root, "jg-owners", OWNERS);
  const channel = el("input", { type: "text", value: tp.channel ?? "", list: "jg-channels", readOnly: readonly });
  channel.addEventListener("change", () => update({ channel: channel.value }));
  root.append(field("Channel", channel));
  const owner = el("input", { type: "text", value: tp.owner ?? "", list: "jg-owners", readOnly: readonly });
  owner.addEventListener("change", () => update({ owner: owner.value }));
  root.append(field("Owner", owner));

  const kind = el("select", { disabled: readonly });
  for (const k of ["direct", "indirect"]) kind.append(el("option", { value: k, selected: (tp.kind ?? "direct") === k }, k));
  kind.addEventListener("change", () => update({ kind: kind.value }));
  root.append(field("Kind", kind));

  const checks = el("div", { class: "jg-checks", role: "group", "aria-label": "Flags" });
  for (const [key, label] of [["goal", "Goal"], ["service", "Customer service"], ["proactive", "Proactive"]]) {
    const box = el("input", { type: "checkbox", checked: Boolean(tp[key]), disabled: readonly });
    box.addEventListener("change", () => update({ [key]: box.checked }));
    const l = el("label");
    l.append(box, document.createTextNode(label));
    checks.append(l);
  }
  root.append(checks);

  const effort = el("select", { disabled: readonly });
  effort.append(el("option", { value: "", selected: tp.effort == null }, "not surveyed"));
  for (let k = 1; k <= 7; k++) effort.append(el("option", { value: String(k), selected: tp.effort === k }, String(k)));
  effort.addEventListener("change", () => {
    const patch = { ...tp };
    if (effort.value === "") delete patch.effort;
    else patch.effort = Number(effort.value);
    ctx.edit({ op: "updateTouchpoint", touchpoint: patch });
  });
  root.append(field("Customer effort (1–7)", effort));

  const notes = el("textarea", { readOnly: readonly }, tp.notes ?? "");
  notes.addEventListener("change", () => update({ notes: notes.value }));
  root.append(field("Notes", notes));
  for (const [key, label] of [["painPoints", "Pain points (one per line)"], ["opportunities", "Opportunities (one per line)"]]) {
    const area = el("textarea", { readOnly: readonly }, (tp[key] ?? []).join("\n"));
    area.addEventListener("change", () => update({ [key]: lines(area.value) }));
    root.append(field(label, area));
  }

  // Transitions out of this touchpoint.
  root.append(el("h4", {}, "Leads to"));
  const outs = file.transitions.filter((t) => t.from === tp.id);
  const names = new Map(file.touchpoints.map((t) => [t.id, t.name]));
  const list = el("ul", { class: "jg-list" });
  if (!outs.length) root.append(el("p", { class: "jg-hint" }, "Nothing: this is an end of the journey."));
  for (const t of outs) {
    const li = el("li");
    li.append(el("span", { class: "jg-grow", title: names.get(t.to) ?? t.to }, `→ ${names.get(t.to) ?? t.to}`));
    const w = el("input", { type: "number", min: 0, step: "any", value: String(t.weight ?? 1), "aria-label": `Weight to ${names.get(t.to) ?? t.to}`, readOnly: readonly });
    w.addEventListener("change", () => ctx.edit({ op: "setWeight", from: t.from, to: t.to, weight: Number(w.value) }));
    li.append(w);
    if (!readonly) {
      const rm = el("button", { type: "button", "aria-label": `Remove the transition to ${names.get(t.to) ?? t.to}` }, "Remove");
      rm.addEventListener("click", () => ctx.edit({ op: "removeTransition", from: t.from, to: t.to }));
      li.append(rm);
    }
    list.append(li);
  }
  root.append(list);
  if (!readonly) {
    const row = el("div", { class: "jg-row" });
    const target = el("select", { "aria-label": "Add a transition to" });
    target.append(el("option", { value: "" }, "Add a transition to…"));
    for (const t of file.touchpoints) {
      if (!outs.some((o) => o.to === t.id)) target.append(el("option", { value: t.id }, t.name));
    }
    const weight = el("input", { type: "number", min: 0, step: "any", value: "1", "aria-label": "Weight of the new transition", style: "width:72px" });
    const add = el("button", { type: "button" }, "Add transition");
    add.addEventListener("click", () => {
      if (!target.value) return;
      ctx.edit({ op: "addTransition", transition: { from: tp.id, to: target.value, weight: Number(weight.value) } });
    });
    row.append(target, weight, add);
    root.append(row);

    const actions = el("div", { class: "jg-row" });
    const stageIndex = file.stages.findIndex((s) => s.id === tp.stage);
    const left = el("button", { type: "button", disabled: stageIndex <= 0 }, "Move to previous stage");
    left.addEventListener("click", () => ctx.edit({ op: "moveTouchpoint", id: tp.id, stage: file.stages[stageIndex - 1].id }));
    const right = el("button", { type: "button", disabled: stageIndex >= file.stages.length - 1 }, "Move to next stage");
    right.addEventListener("click", () => ctx.edit({ op: "moveTouchpoint", id: tp.id, stage: file.stages[stageIndex + 1].id }));
    const del = el("button", { type: "button", class: "jg-danger" }, "Delete touchpoint");
    del.addEventListener("click", () => ctx.edit({ op: "removeTouchpoint", id: tp.id }));
    actions.append(left, right, del);
    root.append(actions);
  }
}

/** The journey's own panel: title, persona, stages. */
function journeyPanel(root, ctx) {
  const file = ctx.file;
  const readonly = ctx.readonly;
  root.append(el("h3", {}, "Journey"));
  root.append(el("p", { class: "jg-hint" }, "Select a touchpoint on the map (click, or Tab to it and press Enter) to edit it."));
  const title = el("input", { type: "text", value: file.title ?? "", readOnly: readonly });
  title.addEventListener("change", () => ctx.edit({ op: "setTitle", title: title.value }));
  root.append(field("Title", title));
  const persona = file.persona ?? { name: "", description: "" };
  const pname = el("input", { type: "text", value: persona.name ?? "", readOnly: readonly });
  const pdesc = el("textarea", { readOnly: readonly }, persona.description ?? "");
  const setPersona = () => ctx.edit({
    op: "setPersona",
    persona: pname.value || pdesc.value ? { ...persona, name: pname.value, description: pdesc.value } : null,
  });
  pname.addEventListener("change", setPersona);
  pdesc.addEventListener("change", setPersona);
  root.append(field("Persona", pname), field("Persona description", pdesc));

  root.append(el("h4", {}, "Stages"));
  const list = el("ul", { class: "jg-list" });
  file.stages.forEach((s, i) => {
    const li = el("li");
    const name = el("input", { type: "text", value: s.name, "aria-label": `Name of stage ${i + 1}`, readOnly: readonly, class: "jg-grow" });
    name.addEventListener("change", () => ctx.edit({ op: "renameStage", id: s.id, name: name.value }));
    li.append(name);
    if (!readonly) {
      const up = el("button", { type: "button", disabled: i === 0, "aria-label": `Move stage ${s.name} earlier` }, "←");
      up.addEventListener("click", () => ctx.edit({ op: "moveStage", id: s.id, index: i - 1 }));
      const down = el("button", { type: "button", disabled: i === file.stages.length - 1, "aria-label": `Move stage ${s.name} later` }, "→");
      down.addEventListener("click", () => ctx.edit({ op: "moveStage", id: s.id, index: i + 1 }));
      const rm = el("button", { type: "button", class: "jg-danger", "aria-label": `Delete stage ${s.name}` }, "Delete");
      rm.addEventListener("click", () => ctx.removeStage(s.id));
      li.append(up, down, rm);
    }
    list.append(li);
  });
  root.append(list);
}

/** Renders the inspector for ctx.selected (a touchpoint id) or the journey. */
export function renderInspector(root, ctx) {
  root.replaceChildren();
  const tp = ctx.selected ? ctx.file.touchpoints.find((t) => t.id === ctx.selected) : null;
  if (tp) touchpointPanel(root, ctx, tp);
  else journeyPanel(root, ctx);
}
