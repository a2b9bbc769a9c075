// The inspector beside the map: every field of the selected touchpoint and
// its transitions, or, with nothing selected, the journey itself (title,
// persona, stages). Every control has a visible label (or, in lists, an
// aria-label naming its row); every change goes through ctx.edit() as one
// undoable edit of the core.
//
// Redrawing keeps the controls when only values changed (a field edited,
// an undo, a rename): focus, the caret and a Tab in progress survive. It
// rebuilds only when the set of controls changes (another touchpoint, a
// transition or stage added, removed or moved), and then puts focus back on
// the same control (data-key) or, if it went away, a neighbour
// (data-fallback), so that keyboard users never lose their place.

import { JourneyErrorEvent } from "./events.js";
import { focusCard, neighbourOf } from "./keyboard.js";
import { control as el } from "./dom.js";

const CHANNELS = ["web", "app", "email", "phone", "chat", "social", "store", "tv", "sms", "ivr", "self-service", "packaging", "word of mouth"];
const OWNERS = ["marketing", "sales", "product", "operations", "service"];

let uid = 0;
const nextId = (name) => `jg-f${++uid}-${name}`;

/**
 * root → the panel shown: { shape (what decides its controls), subject (the
 * touchpoint id or null), ctx and tp (the latest, read by the handlers),
 * syncs (functions that copy values into the controls), wrap (its element) }.
 */
const panels = new WeakMap();
/** root → how far the inspector is scrolled, as its last scroll event said. */
const scrolls = new WeakMap();

/** A labelled field; `hint` (optional) is shown under the control and describes it. */
function field(label, control, hint = null) {
  const wrap = el("div", { class: "jg-field" });
  control.id ||= nextId(control.dataset.key ?? "field");
  wrap.append(el("label", { for: control.id }, label), control);
  if (hint) {
    const p = el("p", { class: "jg-hint", id: `${control.id}-hint` }, hint);
    control.setAttribute("aria-describedby", p.id);
    wrap.append(p);
  }
  return wrap;
}

function datalist(root, id, values) {
  if (root.querySelector(`#${id}`)) return;
  const list = el("datalist", { id });
  for (const v of values) list.append(el("option", { value: v }));
  root.append(list);
}

/** Sets a control's value unless it already has it (keeps the caret). */
function setValue(control, value) {
  if (control.value !== value) control.value = value;
}

/** Disables `control`; if it had focus, focus moves to `instead` first. */
function setDisabled(control, on, instead) {
  if (on && control.matches(":focus") && instead && !instead.disabled) instead.focus();
  control.disabled = on;
}

// ---- Invalid input: a message under the field, the journey untouched ----

/** The message element under a field, made on first use. */
function errorBox(control) {
  const id = `${control.id}-error`;
  let box = control.getRootNode().getElementById?.(id) ?? null;
  if (!box) {
    box = el("p", { class: "jg-field-error", id, hidden: true });
    control.closest(".jg-field, li, .jg-row")?.append(box);
  }
  return box;
}

function describedBy(control, id, on) {
  const ids = new Set((control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size) control.setAttribute("aria-describedby", [...ids].join(" "));
  else control.removeAttribute("aria-describedby");
}

/**
 * Marks `control` invalid with `message` under it (null: valid again).
 * `announce`: the message is an alert of its own (false when the element's
 * own alert already says it).
 */
function markInvalid(control, message, { announce = true } = {}) {
  if (!control.id) control.id = nextId("control");
  if (message === null) {
    control.removeAttribute("aria-invalid");
    const box = control.getRootNode().getElementById?.(`${control.id}-error`);
    if (box) {
      box.hidden = true;
      describedBy(control, box.id, false);
    }
    return;
  }
  control.setAttribute("aria-invalid", "true");
  const box = errorBox(control);
  if (announce) box.setAttribute("role", "alert");
  else box.removeAttribute("role");
  box.textContent = message;
  box.hidden = false;
  describedBy(control, box.id, true);
}

/**
 * The number typed in `input`, or null after showing why it is not one
 * (and telling the page with a journey-error event).
 */
function numberFrom(input, what) {
  const text = input.value.trim();
  const n = Number(text);
  if (input.validity?.badInput || text === "" || !Number.isFinite(n)) {
    const error = Object.assign(new Error(`${what} needs a number, such as 0.5.`), { code: "invalid_input", path: "" });
    markInvalid(input, error.message);
    input.dispatchEvent(new JourneyErrorEvent({ error, action: `read ${what.toLowerCase()}` }));
    return null;
  }
  return n;
}

/**
 * Applies `edit`. A refusal is shown by the element (its alert, and a
 * journey-error event); the reason is repeated under `control`, which stays
 * marked invalid until the next redraw, so it is seen where the user looks.
 */
function apply(panel, edit, control, options) {
  if (control) markInvalid(control, null);
  const host = panel.wrap.getRootNode().host;
  let reason = null;
  const hear = (e) => { reason = e.detail?.error?.message ?? null; };
  host?.addEventListener("journey-error", hear);
  let done = false;
  try {
    done = panel.ctx.edit(edit, options);
  } finally {
    host?.removeEventListener("journey-error", hear);
  }
  if (!done && control?.isConnected) markInvalid(control, reason ? `Not applied: ${reason}` : "Not applied.", { announce: false });
  return done;
}

/** "0.30", "−0.80" (a true minus sign, as on the map). */
const fixed = (v) => `${v < 0 ? "\u2212" : ""}${Math.abs(v).toFixed(2)}`;

/** A slider with its number: live edits while dragging, one undo step per drag. */
function slider(panel, label, key, min, max, step, hint) {
  const wrap = el("div", { class: "jg-field" });
  const id = nextId(key);
  const row = el("div", { class: "jg-range" });
  const input = el("input", { type: "range", id, name: key, min, max, step, "data-key": key });
  const out = el("output", { for: id, "aria-hidden": "true" });
  const coalesce = () => `${panel.tp.id}:${key}`;
  const update = (value, options) => panel.ctx.edit({ op: "updateTouchpoint", touchpoint: { ...panel.tp, [key]: value } }, options);
  input.addEventListener("input", () => {
    out.textContent = fixed(Number(input.value));
    update(Number(input.value), { coalesce: coalesce(), live: true });
  });
  input.addEventListener("change", () => update(Number(input.value), { coalesce: coalesce(), commit: true }));
  row.append(input, out);
  wrap.append(el("label", { for: id }, label), row);
  if (hint) {
    const p = el("p", { class: "jg-hint", id: `${id}-hint` }, hint);
    input.setAttribute("aria-describedby", p.id);
    wrap.append(p);
  }
  // The panel reads the journey's complete view (Journey.view): every field is there.
  panel.syncs.push((file, tp) => {
    const v = tp[key];
    setValue(input, String(v));
    out.textContent = fixed(Number(v));
    input.disabled = panel.ctx.readonly;
  });
  return wrap;
}

const lines = (text) => text.split("\n").map((s) => s.trim()).filter(Boolean);

/** What decides the controls of a touchpoint's panel (values are synced, not part of it). */
function touchpointShape(file, tp, readonly) {
  const outs = file.transitions.filter((t) => t.from === tp.id).map((t) => t.to);
  return JSON.stringify(["tp", tp.id, readonly, file.stages.map((s) => s.id), file.touchpoints.map((t) => t.id), outs]);
}

function journeyShape(file, readonly) {
  return JSON.stringify(["journey", readonly, file.stages.map((s) => s.id)]);
}

/** The form of one touchpoint. */
function touchpointPanel(root, panel) {
  const { file, readonly } = panel.ctx;
  const tp0 = panel.tp;
  const sync = (fn) => panel.syncs.push(fn);
  const update = (patch, control, options) => apply(panel, { op: "updateTouchpoint", touchpoint: { ...panel.tp, ...patch } }, control, options);
  const names = () => new Map(panel.ctx.file.touchpoints.map((t) => [t.id, t.name]));

  const heading = el("h3", { tabindex: "-1", "data-key": "heading" });
  sync((f, tp) => { heading.textContent = tp.name || "Touchpoint"; });
  root.append(heading);

  // Plain text fields.
  const text = (label, key, attrs = {}) => {
    const input = el("input", { type: "text", "data-key": key, readOnly: readonly, ...attrs });
    input.addEventListener("change", () => update({ [key]: input.value }, input));
    sync((f, tp) => setValue(input, tp[key]));
    root.append(field(label, input));
    return input;
  };
  text("Name", "name", { maxLength: 500 });

  const stage = el("select", { "data-key": "stage", disabled: readonly });
  for (const s of file.stages) stage.append(el("option", { value: s.id }));
  stage.addEventListener("change", () => apply(panel, { op: "moveTouchpoint", id: panel.tp.id, stage: stage.value }, stage));
  sync((f, tp) => {
    f.stages.forEach((s, i) => { stage.options[i].textContent = s.name; });
    setValue(stage, tp.stage);
  });
  root.append(field("Stage", stage));

  root.append(slider(panel, "Emotion", "emotion", -1, 1, 0.05, "−1 very negative · 0 neutral · +1 very positive"));
  root.append(slider(panel, "Impact (how strongly it weighs)", "impact", 0, 1, 0.05));
  root.append(slider(panel, "Dropout (share who give up here)", "dropout", 0, 1, 0.01));

  const entry = el("input", { type: "number", min: 0, step: "any", "data-key": "entry", readOnly: readonly });
  entry.addEventListener("change", () => {
    const n = numberFrom(entry, "Entry share");
    if (n !== null) update({ entry: n }, entry);
  });
  sync((f, tp) => setValue(entry, String(tp.entry)));
  root.append(field("Entry share (customers who start here)", entry));

  datalist(root, "jg-channels", CHANNELS);
  datalist(root, "jg-owners", OWNERS);
  text("Channel", "channel", { list: "jg-channels" });
  text("Owner", "owner", { list: "jg-owners" });

  const kind = el("select", { "data-key": "kind", disabled: readonly });
  for (const k of ["direct", "indirect"]) kind.append(el("option", { value: k }, k));
  kind.addEventListener("change", () => update({ kind: kind.value }, kind));
  sync((f, tp) => setValue(kind, tp.kind));
  root.append(field("Kind", kind));

  const checks = el("fieldset", { class: "jg-checks" });
  checks.append(el("legend", {}, "Flags"));
  for (const [key, label] of [["goal", "Goal"], ["service", "Customer service"], ["proactive", "Proactive"]]) {
    const box = el("input", { type: "checkbox", "data-key": key, disabled: readonly });
    box.addEventListener("change", () => update({ [key]: box.checked }, box));
    sync((f, tp) => { box.checked = Boolean(tp[key]); });
    const l = el("label");
    l.append(box, document.createTextNode(label));
    checks.append(l);
  }
  root.append(checks);

  const effort = el("select", { "data-key": "effort", disabled: readonly });
  effort.append(el("option", { value: "" }, "not surveyed"));
  for (let k = 1; k <= 7; k++) effort.append(el("option", { value: String(k) }, String(k)));
  effort.addEventListener("change", () => {
    const patch = { ...panel.tp };
    if (effort.value === "") delete patch.effort;
    else patch.effort = Number(effort.value);
    apply(panel, { op: "updateTouchpoint", touchpoint: patch }, effort);
  });
  sync((f, tp) => setValue(effort, tp.effort == null ? "" : String(tp.effort)));
  root.append(field("Customer effort (1–7)", effort));

  const notes = el("textarea", { "data-key": "notes", readOnly: readonly });
  notes.addEventListener("change", () => update({ notes: notes.value }, notes));
  sync((f, tp) => setValue(notes, tp.notes));
  root.append(field("Notes", notes));
  for (const [key, label] of [["painPoints", "Pain points"], ["opportunities", "Opportunities"]]) {
    const area = el("textarea", { "data-key": key, readOnly: readonly });
    area.addEventListener("change", () => update({ [key]: lines(area.value) }, area));
    sync((f, tp) => setValue(area, tp[key].join("\n")));
    root.append(field(label, area, "One per line."));
  }

  // Transitions out of this touchpoint.
  root.append(el("h4", {}, "Leads to"));
  const outs = file.transitions.filter((t) => t.from === tp0.id);
  if (!outs.length) root.append(el("p", { class: "jg-hint" }, "Nothing: this is an end of the journey."));
  const list = el("ul", { class: "jg-list" });
  outs.forEach((t, i) => {
    const li = el("li");
    const target = el("span", { class: "jg-grow" });
    const w = el("input", { type: "number", min: 0, step: "any", "data-key": `weight:${t.to}`, readOnly: readonly });
    w.addEventListener("change", () => {
      const n = numberFrom(w, "Weight");
      if (n !== null) apply(panel, { op: "setWeight", from: t.from, to: t.to, weight: n }, w);
    });
    li.append(target, w);
    let rm = null;
    if (!readonly) {
      rm = el("button", {
        type: "button",
        "data-key": `rm:${t.to}`,
        "data-fallback": [outs[i + 1], outs[i - 1]].filter(Boolean).map((o) => `rm:${o.to}`).concat("add-target").join(" "),
      }, "Remove");
      rm.addEventListener("click", () => apply(panel, { op: "removeTransition", from: t.from, to: t.to }));
      li.append(rm);
    }
    sync((f) => {
      const name = names().get(t.to) ?? t.to;
      target.textContent = `→ ${name}`;
      target.title = name;
      w.setAttribute("aria-label", `Weight to ${name}`);
      rm?.setAttribute("aria-label", `Remove the transition to ${name}`);
      const now = f.transitions.find((x) => x.from === t.from && x.to === t.to);
      setValue(w, String(now?.weight ?? 1));
    });
    list.append(li);
  });
  root.append(list);

  if (!readonly) {
    const row = el("div", { class: "jg-add-transition" });
    const target = el("select", { "data-key": "add-target" });
    target.append(el("option", { value: "" }, "Choose a touchpoint…"));
    const candidates = file.touchpoints.filter((t) => !outs.some((o) => o.to === t.id));
    for (const t of candidates) target.append(el("option", { value: t.id }));
    sync((f) => {
      const n = names();
      candidates.forEach((t, i) => { target.options[i + 1].textContent = n.get(t.id) ?? t.id; });
    });
    const weight = el("input", { type: "number", min: 0, step: "any", value: "1", "data-key": "add-weight" });
    const add = el("button", { type: "button", "data-key": "add-transition" }, "Add transition");
    add.addEventListener("click", () => {
      markInvalid(target, null);
      if (!target.value) {
        markInvalid(target, "Choose the touchpoint it leads to.");
        target.focus();
        return;
      }
      const n = numberFrom(weight, "Weight");
      if (n === null) return;
      apply(panel, { op: "addTransition", transition: { from: panel.tp.id, to: target.value, weight: n } }, weight);
    });
    const line = el("div", { class: "jg-row" });
    line.append(field("Weight", weight), add);
    row.append(field("Add a transition to", target), line);
    root.append(row);

    root.append(el("h4", {}, "Move or delete"));
    const actions = el("div", { class: "jg-row" });
    const stageIndex = () => panel.ctx.file.stages.findIndex((s) => s.id === panel.tp.stage);
    const move = (by) => apply(panel, { op: "moveTouchpoint", id: panel.tp.id, stage: panel.ctx.file.stages[stageIndex() + by].id });
    const left = el("button", { type: "button", "data-key": "prev-stage", "data-fallback": "next-stage" }, "Move to previous stage");
    left.addEventListener("click", () => move(-1));
    const right = el("button", { type: "button", "data-key": "next-stage", "data-fallback": "prev-stage" }, "Move to next stage");
    right.addEventListener("click", () => move(1));
    const del = el("button", { type: "button", class: "jg-danger", "data-key": "delete" }, "Delete touchpoint");
    del.addEventListener("click", () => {
      const shadow = root.getRootNode();
      const canvas = shadow.querySelector?.(".jg-canvas");
      const next = canvas ? neighbourOf(canvas, panel.tp.id) : null;
      if (apply(panel, { op: "removeTouchpoint", id: panel.tp.id })) focusCard(shadow, next);
    });
    sync((f) => {
      const i = f.stages.findIndex((s) => s.id === panel.tp.stage);
      setDisabled(left, i <= 0, right);
      setDisabled(right, i >= f.stages.length - 1, left);
    });
    actions.append(left, right, del);
    root.append(actions);
  }
}

/** The journey's own panel: title, persona, stages. */
function journeyPanel(root, panel) {
  const { file, readonly } = panel.ctx;
  const sync = (fn) => panel.syncs.push(fn);
  root.append(el("h3", { tabindex: "-1", "data-key": "heading" }, "Journey"));
  root.append(el("p", { class: "jg-hint" },
    "To edit a touchpoint, click it on the map, or Tab to the map and press Enter on it (arrow keys move between cards, Escape comes back)."));

  const title = el("input", { type: "text", "data-key": "title", readOnly: readonly });
  title.addEventListener("change", () => apply(panel, { op: "setTitle", title: title.value }, title));
  sync((f) => setValue(title, f.title ?? ""));
  root.append(field("Title", title));

  const pname = el("input", { type: "text", "data-key": "persona", readOnly: readonly });
  const pdesc = el("textarea", { "data-key": "persona-description", readOnly: readonly });
  const setPersona = (control) => {
    const persona = panel.ctx.file.persona ?? {};
    apply(panel, {
      op: "setPersona",
      persona: pname.value || pdesc.value ? { ...persona, name: pname.value, description: pdesc.value } : null,
    }, control);
  };
  pname.addEventListener("change", () => setPersona(pname));
  pdesc.addEventListener("change", () => setPersona(pdesc));
  sync((f) => {
    setValue(pname, f.persona?.name ?? "");
    setValue(pdesc, f.persona?.description ?? "");
  });
  root.append(field("Persona", pname), field("Persona description", pdesc));

  root.append(el("h4", {}, "Stages"));
  if (!file.stages.length) root.append(el("p", { class: "jg-hint" }, "No stages yet: add one with “Add stage”."));
  const list = el("ul", { class: "jg-list jg-stages" });
  const ids = file.stages.map((s) => s.id);
  ids.forEach((id, i) => {
    const li = el("li");
    const name = el("input", { type: "text", "data-key": `stage-name:${id}`, readOnly: readonly, class: "jg-grow" });
    name.addEventListener("change", () => apply(panel, { op: "renameStage", id, name: name.value }, name));
    li.append(name);
    const buttons = [];
    if (!readonly) {
      const up = el("button", { type: "button", class: "jg-icon", disabled: i === 0, "data-key": `stage-left:${id}`, "data-fallback": `stage-right:${id}` }, "←");
      up.addEventListener("click", () => apply(panel, { op: "moveStage", id, index: ids.indexOf(id) - 1 }));
      const down = el("button", { type: "button", class: "jg-icon", disabled: i === ids.length - 1, "data-key": `stage-right:${id}`, "data-fallback": `stage-left:${id}` }, "→");
      down.addEventListener("click", () => apply(panel, { op: "moveStage", id, index: ids.indexOf(id) + 1 }));
      const fallback = [ids[i + 1], ids[i - 1]].filter(Boolean).map((s) => `stage-delete:${s}`).concat("title").join(" ");
      const rm = el("button", { type: "button", class: "jg-danger", "data-key": `stage-delete:${id}`, "data-fallback": fallback }, "Delete");
      rm.addEventListener("click", () => panel.ctx.removeStage(id));
      li.append(up, down, rm);
      buttons.push(up, down, rm);
    }
    sync((f) => {
      const s = f.stages.find((x) => x.id === id);
      if (!s) return;
      setValue(name, s.name);
      name.setAttribute("aria-label", `Name of stage ${i + 1}`);
      const [up, down, rm] = buttons;
      up?.setAttribute("aria-label", `Move stage ${s.name} earlier`);
      down?.setAttribute("aria-label", `Move stage ${s.name} later`);
      rm?.setAttribute("aria-label", `Delete stage ${s.name}`);
    });
    list.append(li);
  });
  root.append(list);
}

/** Puts focus on the first of `keys` found in `root` that can take it; returns whether one did. */
function focusKeys(root, keys) {
  for (const key of keys) {
    const target = [...root.querySelectorAll("[data-key]")].find((e) => e.dataset.key === key);
    if (target && !target.disabled) {
      target.focus();
      return true;
    }
  }
  return false;
}

/**
 * Focuses the control `key` of the inspector in `root` (e.g. "name" after
 * adding a touchpoint), selecting its text; returns whether it could.
 */
export function focusField(root, key) {
  if (!focusKeys(root, [key])) return false;
  root.getRootNode().activeElement?.select?.();
  return true;
}

/** Escape in the inspector goes back to the selected card on the map. */
function installKeys(root) {
  root.addEventListener("scroll", () => scrolls.set(root, root.scrollTop), { passive: true });
  root.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    const id = panels.get(root)?.tp?.id;
    if (!id) return;
    e.preventDefault();
    focusCard(root.getRootNode(), id);
  });
}

/** Renders the inspector for ctx.selected (a touchpoint id) or the journey. */
export function renderInspector(root, ctx) {
  const tp = ctx.selected ? ctx.file.touchpoints.find((t) => t.id === ctx.selected) ?? null : null;
  const readonly = Boolean(ctx.readonly);
  const shape = tp ? touchpointShape(ctx.file, tp, readonly) : journeyShape(ctx.file, readonly);
  let panel = panels.get(root);
  if (!panel) installKeys(root);
  if (!panel || panel.shape !== shape) {
    // Only our own part of `root` is replaced (the element may show more there).
    const active = root.getRootNode().activeElement;
    const inside = Boolean(active && panel?.wrap.contains(active));
    const keys = inside ? [active.dataset.key, ...(active.dataset.fallback ?? "").split(" ")].filter(Boolean) : [];
    const subject = tp ? tp.id : null;
    // The same subject keeps its scroll position, another starts at the top.
    // Where the panel is scrolled to is kept from its scroll events: reading
    // scrollTop here (or setting it when nothing changes) would force a
    // layout of the whole element, map included, in the middle of a redraw.
    const scrolled = scrolls.get(root) ?? 0;
    const scroll = panel && panel.subject === subject ? scrolled : 0;
    const wrap = el("div", { class: "jg-panel" });
    if (panel?.wrap.isConnected) panel.wrap.replaceWith(wrap);
    else root.append(wrap);
    panel = { shape, subject, ctx, tp, syncs: [], wrap };
    panels.set(root, panel);
    (tp ? touchpointPanel : journeyPanel)(wrap, panel);
    for (const s of panel.syncs) s(ctx.file, tp);
    if (scroll !== 0 || scrolled !== 0) {
      root.scrollTop = scroll;
      scrolls.set(root, root.scrollTop);
    }
    if (inside && !focusKeys(wrap, keys)) focusKeys(wrap, ["heading"]);
    return;
  }
  panel.ctx = ctx;
  panel.tp = tp;
  if (!panel.wrap.isConnected) root.append(panel.wrap);
  for (const control of panel.wrap.querySelectorAll("[aria-invalid]")) markInvalid(control, null);
  for (const s of panel.syncs) s(ctx.file, tp);
}
