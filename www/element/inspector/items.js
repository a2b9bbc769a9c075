// The touchpoint panel's "Blueprint" section: the items of the service
// blueprint that serve this touchpoint (their lane, their text), each
// editable and removable; a backstage or support item can be a fail point
// ("Fails … %": how often customers passing here meet its failure; empty:
// not a fail point). "Add item" puts one in a lane, in the touchpoint's
// stage, serving it. Each change is one edit of the core (addItem,
// updateItem, removeItem). In What-if mode the items belong to the
// journey: only an existing fail point's rate can change (a change of the
// scenario, as the core allows), everything else is read-only.

import { control as el } from "../dom.js";
import { field, setValue, apply, markInvalid, numberFrom } from "./controls.js";
import { kindName, mayFail, freeId } from "./lanes.js";

/** Lanes an item can be added to from here: the two of the touchpoints' own lists are not. */
const holdsItems = (lane) => lane.kind !== "painPoints" && lane.kind !== "opportunities";

/** What decides the section's controls: the items serving `tp`, the lanes (kinds decide the fail inputs), What-if mode. */
export function itemsShape(file, tp, whatIf = false) {
  return [
    whatIf,
    (file.items ?? []).filter((it) => it.touchpoints.includes(tp.id)).map((it) => it.id),
    (file.lanes ?? []).map((l) => `${l.id}:${l.kind}`),
  ];
}

/** A rate (0–1) as the percentage typed ("5", "12.5"). */
const percentText = (rate) => String(Number((rate * 100).toPrecision(12)));

/**
 * The fail point typed in `input` (a percentage) for `item`: undefined
 * after saying why it cannot be one, null when empty (not a fail point).
 */
function failPointFrom(input, item) {
  if (input.value.trim() === "" && !input.validity?.badInput) return null;
  const n = numberFrom(input, "Fail rate");
  if (n === null) return undefined;
  if (n < 0 || n > 100) {
    markInvalid(input, "A fail rate is a percentage from 0 to 100 (empty: not a fail point).");
    return undefined;
  }
  return { rate: Number((n / 100).toPrecision(12)), lost: item?.failPoint?.lost ?? 1 };
}

/** The record of a viewed item with `patch` applied, as updateItem takes it. */
function record(item, patch) {
  const r = { ...item, ...patch };
  if (!r.failPoint) delete r.failPoint;
  return r;
}

/** The "Blueprint" section of a touchpoint's panel. */
export function itemsSection(parent, panel, { readonly: journeyReadonly, sync }) {
  const { file } = panel.ctx;
  const scenario = Boolean(panel.ctx.whatIf);
  // In What-if mode only the fail rates stay editable (a scenario's change).
  const readonly = journeyReadonly || scenario;
  const tpId = panel.tp.id;
  const laneOf = (id) => panel.ctx.file.lanes.find((l) => l.id === id);
  const itemOf = (id) => panel.ctx.file.items.find((it) => it.id === id);
  const update = (id, patch, control) => {
    const item = itemOf(id);
    if (item) apply(panel, { op: "updateItem", item: record(item, patch) }, control);
  };

  const root = el("section", { class: "jg-items-section", "aria-labelledby": "jg-items-title" });
  parent.append(root);
  root.append(el("h4", { id: "jg-items-title" }, "Blueprint"));
  const mine = (file.items ?? []).filter((it) => it.touchpoints.includes(tpId));
  if (!mine.length) root.append(el("p", { class: "jg-hint" }, "No blueprint item serves this touchpoint yet."));
  const list = el("ul", { class: "jg-list jg-items-edit" });
  mine.forEach((it, i) => {
    const li = el("li", { "data-item": it.id });
    const lane = el("span", { class: "jg-item-lane" });
    const text = el("input", { type: "text", "data-key": `item-text:${it.id}`, readOnly: readonly, class: "jg-grow" });
    text.addEventListener("change", () => update(it.id, { text: text.value }, text));
    // Under the text: how often it fails (backstage and support items), Remove.
    const actions = el("div", { class: "jg-item-actions" });
    li.append(lane, text, actions);
    let fails = null;
    if (mayFail(laneOf(it.lane))) {
      fails = el("input", { type: "number", min: 0, max: 100, step: "any", "data-key": `item-fails:${it.id}`, readOnly: journeyReadonly || (scenario && !it.failPoint), placeholder: "–" });
      fails.addEventListener("change", () => {
        const failPoint = failPointFrom(fails, itemOf(it.id));
        if (failPoint !== undefined) update(it.id, { failPoint }, fails);
      });
      const wrap = el("label", { class: "jg-item-fails" });
      wrap.append(document.createTextNode("Fails"), fails, document.createTextNode("%"));
      actions.append(wrap);
    }
    let rm = null;
    if (!readonly) {
      const fallback = [mine[i + 1], mine[i - 1]].filter(Boolean).map((o) => `item-remove:${o.id}`).concat("add-item-text").join(" ");
      rm = el("button", { type: "button", "data-key": `item-remove:${it.id}`, "data-fallback": fallback }, "Remove");
      rm.addEventListener("click", () => apply(panel, { op: "removeItem", id: it.id }));
      actions.append(rm);
    }
    sync((f) => {
      const item = f.items.find((x) => x.id === it.id);
      if (!item) return;
      const l = f.lanes.find((x) => x.id === item.lane);
      const laneName = l ? l.name || kindName(l.kind) : item.lane;
      lane.textContent = l?.hidden ? `${laneName} (hidden)` : laneName;
      lane.title = lane.textContent;
      setValue(text, item.text);
      const what = item.text || `item ${i + 1}`;
      text.setAttribute("aria-label", `Text of item ${i + 1} (${laneName})`);
      if (fails) {
        setValue(fails, item.failPoint ? percentText(item.failPoint.rate) : "");
        fails.setAttribute("aria-label", `Fails (% of customers passing here): ${what}`);
      }
      rm?.setAttribute("aria-label", `Remove item ${what}`);
    });
    list.append(li);
  });
  root.append(list);
  if (scenario) root.append(el("p", { class: "jg-hint" }, "In What if, a scenario changes only how often a fail point fails; leave What if to edit the blueprint."));
  else if (!readonly) addItem(root, panel);
}

/** "Add item": a lane, a text, and for a backstage or support lane how often it fails; in the touchpoint's stage, serving it. */
function addItem(root, panel) {
  const box = el("div", { class: "jg-add-box jg-add-item" });
  const lanes = panel.ctx.file.lanes.filter(holdsItems);
  if (!lanes.length) {
    box.append(el("p", { class: "jg-hint" }, "To add an item, add a lane first: with no touchpoint selected, “Add lane” in the journey's panel."));
    root.append(box);
    return;
  }
  const lane = el("select", { "data-key": "add-item-lane" });
  for (const l of lanes) lane.append(el("option", { value: l.id }, l.name || kindName(l.kind)));
  const text = el("input", { type: "text", "data-key": "add-item-text" });
  const fails = el("input", { type: "number", min: 0, max: 100, step: "any", "data-key": "add-item-fails", placeholder: "not a fail point" });
  const failsField = field("Fails (% of customers passing here)", fails);
  const laneChanged = () => {
    const can = mayFail(lanes.find((l) => l.id === lane.value));
    failsField.hidden = !can;
    fails.disabled = !can;
  };
  lane.addEventListener("change", laneChanged);
  laneChanged();
  const add = el("button", { type: "button", "data-key": "add-item" }, "Add item");
  const submit = () => {
    markInvalid(text, null);
    const chosen = lanes.find((l) => l.id === lane.value);
    const failPoint = mayFail(chosen) ? failPointFrom(fails, null) : null;
    if (failPoint === undefined) return fails.focus();
    const id = freeId("item", new Set(panel.ctx.file.items.map((it) => it.id)));
    const item = { id, lane: lane.value, stage: panel.tp.stage, text: text.value.trim(), touchpoints: [panel.tp.id] };
    if (failPoint) item.failPoint = failPoint;
    apply(panel, { op: "addItem", item }, text);
  };
  add.addEventListener("click", submit);
  for (const input of [text, fails]) {
    input.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" || e.isComposing) return;
      e.preventDefault();
      submit();
    });
  }
  box.append(field("Lane of the new item", lane), field("Text of the new item", text), failsField, add);
  root.append(box);
}
