// The inspector's panel of one touchpoint: every field and its transitions.

import { focusCard, neighbourOf } from "../keyboard.js";
import { control as el } from "../dom.js";
import { entryShareText } from "../why.js";
import { metricsSection } from "./metrics.js";
import { personaOverrides } from "./personas.js";
import { itemsSection } from "./items.js";
import { targetList } from "./targets.js";
import { field, suggestions, setValue, setDisabled, markInvalid, numberFrom, apply, slider, lines } from "./controls.js";

const CHANNELS = ["web", "app", "email", "phone", "chat", "social", "store", "tv", "sms", "ivr", "self-service", "packaging", "word of mouth"];
const OWNERS = ["marketing", "sales", "product", "operations", "service"];

/** The form of one touchpoint. */
export function touchpointPanel(root, panel) {
  const { file, readonly } = panel.ctx;
  const tp0 = panel.tp;
  const sync = (fn) => panel.syncs.push(fn);
  const update = (patch, control, options) => apply(panel, { op: "updateTouchpoint", touchpoint: { ...panel.tp, ...patch } }, control, options);
  // id → name in the file drawn, made once a drawing (each transition's row asks).
  let named = null;
  const names = () => {
    const f = panel.ctx.file;
    if (named?.file !== f) named = { file: f, names: new Map(f.touchpoints.map((t) => [t.id, t.name])) };
    return named.names;
  };

  const heading = el("h3", { tabindex: "-1", "data-key": "heading" });
  sync((f, tp) => { heading.textContent = tp.name || "Touchpoint"; });
  root.append(heading);
  if (panel.ctx.personas?.record) personaOverrides(root, panel, sync);

  // Plain text fields.
  const text = (label, key, attrs = {}) => {
    const input = el("input", { type: "text", "data-key": key, readOnly: readonly, ...attrs });
    input.addEventListener("change", () => update({ [key]: input.value }, input));
    sync((f, tp) => setValue(input, tp[key]));
    root.append(field(label, input));
    return input;
  };
  nameField(root, panel, { readonly, sync, update });

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
  const entryField = field("Entry share (relative: how many customers start here)", entry);
  // Shown as a share whatever the file holds (0.6, or 340 observed first touches): the core's α.
  const share = el("p", { class: "jg-entry-share", id: `${entry.id}-share`, "data-role": "entry-share", "aria-live": "polite" });
  entry.setAttribute("aria-describedby", share.id);
  sync((f, tp) => { share.textContent = entryShareText(panel.ctx.entryShare?.(tp.id), tp.entry, f); });
  entryField.append(share);
  root.append(entryField);

  // How sure: each of emotion, dropout and entry share measured or assumed,
  // with a source note; the core's sensitivity view leaves measured ones out.
  const sure = el("fieldset", { class: "jg-checks", "data-key": "basis" });
  sure.append(el("legend", {}, "How sure"));
  for (const [key, label] of [["emotion", "Emotion"], ["dropout", "Dropout"], ["entry", "Entry share"]]) {
    const setBasis = (patch, control) => update({ basis: { ...panel.tp.basis, [key]: { ...panel.tp.basis[key], ...patch } } }, control);
    const box = el("input", { type: "checkbox", "data-key": `measured:${key}`, disabled: readonly });
    box.addEventListener("change", () => setBasis({ measured: box.checked }, box));
    const l = el("label");
    l.append(box, document.createTextNode(`Measured: ${label.toLowerCase()}`));
    const note = el("input", { type: "text", "data-key": `source:${key}`, readOnly: readonly, maxLength: 10000, placeholder: "assumed" });
    note.addEventListener("change", () => setBasis({ source: note.value }, note));
    sync((f, tp) => {
      box.checked = Boolean(tp.basis?.[key]?.measured);
      setValue(note, tp.basis?.[key]?.source ?? "");
    });
    sure.append(l, field(`Source of ${label.toLowerCase()}`, note));
  }
  root.append(sure);
  metricsSection(root, panel, { readonly, sync, update });

  suggestions(root, text("Channel", "channel"), "jg-channels", CHANNELS);
  suggestions(root, text("Owner", "owner"), "jg-owners", OWNERS);

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
  itemsSection(root, panel, { readonly, sync });

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
    const target = targetList(panel, outs, sync);
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

/** The most characters a name holds (the core's rule, SPEC section 3). */
const MAX_NAME = 500;

/**
 * The name: a pasted name longer than a name can be is not cut silently.
 * It is not applied; the field says how long it is and offers to keep the
 * first part as the name and move the rest into the notes (one step).
 */
function nameField(root, panel, { readonly, sync, update }) {
  const input = el("input", { type: "text", "data-key": "name", readOnly: readonly });
  const offer = el("div", { class: "jg-long-name", role: "alert", hidden: true });
  const check = () => {
    const chars = [...input.value];
    if (chars.length <= MAX_NAME) {
      offer.hidden = true;
      offer.replaceChildren();
      input.removeAttribute("aria-invalid");
      return true;
    }
    // Cut at the last space near the limit, so no word is split.
    let cut = MAX_NAME;
    const space = chars.slice(0, MAX_NAME + 1).lastIndexOf(" ");
    if (space > MAX_NAME - 80) cut = space;
    const head = chars.slice(0, cut).join("").trimEnd();
    const rest = chars.slice(cut).join("").trim();
    const move = el("button", { type: "button", "data-key": "name-move-rest" }, "Keep the first part as the name, move the rest into the notes");
    move.addEventListener("click", () => {
      const notes = panel.tp.notes ? `${rest}\n\n${panel.tp.notes}` : rest;
      offer.hidden = true;
      input.removeAttribute("aria-invalid");
      update({ name: head, notes }, input);
    });
    offer.replaceChildren(
      el("p", {}, `This name has ${chars.length.toLocaleString("en")} characters; a name holds at most ${MAX_NAME}. Nothing was cut: it is not applied yet.`),
      move,
    );
    offer.hidden = false;
    input.setAttribute("aria-invalid", "true");
    return false;
  };
  input.addEventListener("input", check);
  input.addEventListener("change", () => {
    if (check()) update({ name: input.value }, input);
  });
  sync((f, tp) => {
    if (offer.hidden) setValue(input, tp.name);
  });
  root.append(field("Name", input), offer);
}
