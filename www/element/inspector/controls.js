// The inspector's controls: labelled fields, sliders, number input with
// its message under the field, and the one way a control edits the core
// (apply). Shared by the touchpoint's panel and the journey's.

import { JourneyErrorEvent } from "../events.js";
import { control as el } from "../dom.js";

let uid = 0;
/** A unique id for a control or its message. */
export const nextId = (name) => `jg-f${++uid}-${name}`;

/** A labelled field; `hint` (optional) is shown under the control and describes it. */
export function field(label, control, hint = null) {
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

/**
 * Suggestions (`values`) for the text field `input`: its list, the
 * <datalist> `id`, made once beside the panel whose element is `wrap` (in
 * the inspector, outside the part rebuilt at each selection) and kept.
 * The datalist holds its options only while one of its fields has focus:
 * in Chromium, inserting or removing a field whose list has options costs
 * a style pass over the whole shadow tree, map included (30 ms each way
 * beside a map of 10,000 cards, at every selection). The field is a combo
 * box all the time (its list attribute stays); the options come on focus,
 * before anything can show them, and leave in a task of their own.
 */
export function suggestions(wrap, input, id, values) {
  const scope = wrap.getRootNode();
  if (!(scope.getElementById ? scope.getElementById(id) : scope.querySelector(`#${id}`))) {
    (wrap.parentNode ?? wrap).append(el("datalist", { id }));
  }
  input.setAttribute("list", id);
  input.addEventListener("focus", () => {
    const list = input.getRootNode().getElementById?.(id);
    if (list && !list.options.length) list.replaceChildren(...values.map((v) => el("option", { value: v })));
  });
  input.addEventListener("blur", () => {
    // Read now: by the time the task runs, the panel (and the field) may be gone.
    const shadow = input.getRootNode();
    const list = shadow.getElementById?.(id);
    if (list) setTimeout(() => { if (shadow.activeElement?.getAttribute("list") !== id) list.replaceChildren(); });
  });
}

/** Sets a control's value unless it already has it (keeps the caret). */
export function setValue(control, value) {
  if (control.value !== value) control.value = value;
}

/** Disables `control`; if it had focus, focus moves to `instead` first. */
export function setDisabled(control, on, instead) {
  if (on && control.matches(":focus") && instead && !instead.disabled) instead.focus();
  control.disabled = on;
}

// ---- Invalid input: a message under the field, the journey untouched ----

/** The message element under a field, made on first use. */
export function errorBox(control) {
  const id = `${control.id}-error`;
  let box = control.getRootNode().getElementById?.(id) ?? null;
  if (!box) {
    box = el("p", { class: "jg-field-error", id, hidden: true });
    control.closest(".jg-field, li, .jg-row")?.append(box);
  }
  return box;
}

export function describedBy(control, id, on) {
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
export function markInvalid(control, message, { announce = true } = {}) {
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
export function numberFrom(input, what) {
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
export function apply(panel, edit, control, options) {
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
export const fixed = (v) => `${v < 0 ? "\u2212" : ""}${Math.abs(v).toFixed(2)}`;

/** A slider with its number: live edits while dragging, one undo step per drag. */
export function slider(panel, label, key, min, max, step, hint) {
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
    // An emotion never rated is null in the view: not a 0 (the slider rests in the middle).
    setValue(input, String(v ?? 0));
    out.textContent = v === null ? "not rated" : fixed(Number(v));
    if (v === null) input.setAttribute("aria-valuetext", "not rated");
    else input.removeAttribute("aria-valuetext");
    input.disabled = panel.ctx.readonly;
  });
  return wrap;
}

export const lines = (text) => text.split("\n").map((s) => s.trim()).filter(Boolean);
