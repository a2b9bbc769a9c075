// The journey panel's "Lanes" section: the rows of the service blueprint
// under the map, in display order. Each lane can be renamed (on change),
// moved up or down, shown or hidden, and removed (its label says how many
// items go with it); "Add lane" adds one of a kind (custom by default) at
// the end. Every change is one edit of the core (addLane, renameLane,
// moveLane, hideLane, removeLane), so one undo step.

import { control as el } from "../dom.js";
import { field, setValue, apply, markInvalid } from "./controls.js";

/** The kinds of lane, as the file names them, and what the editor calls them (the default name of a new lane). */
export const LANE_KINDS = [
  ["custom", "Custom"],
  ["thoughts", "Thinking and feeling"],
  ["evidence", "Evidence"],
  ["frontstage", "Frontstage"],
  ["backstage", "Backstage"],
  ["support", "Support processes"],
  ["painPoints", "Pain points"],
  ["opportunities", "Opportunities"],
];
const KIND_NAMES = new Map(LANE_KINDS);
export const kindName = (kind) => KIND_NAMES.get(kind) ?? kind;

/** Only backstage and support items may be fail points (the core's rule). */
export const mayFail = (lane) => lane?.kind === "backstage" || lane?.kind === "support";

/** What decides the section's controls: the lanes, in order (names and visibility are synced). */
export function lanesShape(file) {
  return (file.lanes ?? []).map((l) => l.id);
}

/** `base`, or `base-2`, `base-3` …: the first not in `taken`. */
export function freeId(base, taken) {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** The "Lanes" section of the journey's panel. */
export function lanesSection(parent, panel, sync) {
  const { file, readonly } = panel.ctx;
  const lanes = file.lanes ?? [];
  const ids = lanes.map((l) => l.id);
  const root = el("section", { class: "jg-lanes-section", "aria-labelledby": "jg-lanes-title" });
  parent.append(root);
  root.append(el("h4", { id: "jg-lanes-title" }, "Lanes"));
  if (!lanes.length) root.append(el("p", { class: "jg-hint" }, "No lanes yet: add one with “Add lane” (they are the rows of the service blueprint under the map)."));
  const list = el("ul", { class: "jg-list jg-lanes-edit" });
  ids.forEach((id, i) => {
    const li = el("li", { "data-lane": id });
    const name = el("input", { type: "text", "data-key": `lane-name:${id}`, readOnly: readonly, class: "jg-grow" });
    name.addEventListener("change", () => apply(panel, { op: "renameLane", id, name: name.value }, name));
    li.append(name);
    let up = null;
    let down = null;
    let rm = null;
    if (!readonly) {
      up = el("button", { type: "button", class: "jg-icon", disabled: i === 0, "data-key": `lane-up:${id}`, "data-fallback": `lane-down:${id}` }, "↑");
      up.addEventListener("click", () => apply(panel, { op: "moveLane", id, index: ids.indexOf(id) - 1 }));
      down = el("button", { type: "button", class: "jg-icon", disabled: i === ids.length - 1, "data-key": `lane-down:${id}`, "data-fallback": `lane-up:${id}` }, "↓");
      down.addEventListener("click", () => apply(panel, { op: "moveLane", id, index: ids.indexOf(id) + 1 }));
      li.append(up, down);
    }
    const meta = el("div", { class: "jg-lane-meta" });
    const kind = el("span", { class: "jg-lane-kind" }, `${kindName(lanes[i].kind)} lane`);
    const shown = el("input", { type: "checkbox", "data-key": `lane-shown:${id}`, disabled: readonly });
    shown.addEventListener("change", () => apply(panel, { op: "hideLane", id, hidden: !shown.checked }, shown));
    const shownLabel = el("label", { class: "jg-lane-shown" });
    shownLabel.append(shown, document.createTextNode("Shown"));
    meta.append(shownLabel, kind);
    if (!readonly) {
      const fallback = [ids[i + 1], ids[i - 1]].filter(Boolean).map((l) => `lane-remove:${l}`).concat("add-lane-name").join(" ");
      rm = el("button", { type: "button", class: "jg-danger", "data-key": `lane-remove:${id}`, "data-fallback": fallback }, "Remove");
      rm.addEventListener("click", () => apply(panel, { op: "removeLane", id }));
      meta.append(rm);
    }
    li.append(meta);
    sync((f) => {
      const lane = f.lanes.find((l) => l.id === id);
      if (!lane) return;
      const label = lane.name || kindName(lane.kind);
      setValue(name, lane.name);
      name.setAttribute("aria-label", `Name of lane ${i + 1} (${kindName(lane.kind)})`);
      shown.checked = !lane.hidden;
      shown.setAttribute("aria-label", `Shown: lane ${label}`);
      li.toggleAttribute("data-hidden", lane.hidden);
      up?.setAttribute("aria-label", `Move lane ${label} up`);
      down?.setAttribute("aria-label", `Move lane ${label} down`);
      if (up) up.title = "Move up";
      if (down) down.title = "Move down";
      if (rm) {
        const n = f.items.filter((it) => it.lane === id).length;
        rm.textContent = n ? `Remove (${plural(n, "item", "items")})` : "Remove";
        // The visible words first (as axe's label-content-name-mismatch asks), then whose.
        rm.setAttribute("aria-label", n ? `${rm.textContent}: lane ${label} and its ${plural(n, "item", "items")}` : `Remove lane ${label}`);
      }
    });
    list.append(li);
  });
  root.append(list);
  if (!readonly) addLane(root, panel);
}

/** "Add lane": a kind (custom by default) and a name (the kind's name when left empty), at the end. */
function addLane(root, panel) {
  const box = el("div", { class: "jg-add-box jg-add-lane" });
  const kind = el("select", { "data-key": "add-lane-kind" });
  for (const [k, label] of LANE_KINDS) kind.append(el("option", { value: k }, label));
  kind.value = "custom";
  const name = el("input", { type: "text", "data-key": "add-lane-name", placeholder: "Custom" });
  kind.addEventListener("change", () => { name.placeholder = kindName(kind.value); });
  const add = el("button", { type: "button", "data-key": "add-lane" }, "Add lane");
  const submit = () => {
    markInvalid(name, null);
    const lanes = panel.ctx.file.lanes ?? [];
    const id = freeId(kind.value, new Set(lanes.map((l) => l.id)));
    const lane = { id, kind: kind.value, name: name.value.trim() || kindName(kind.value) };
    apply(panel, { op: "addLane", lane }, name);
  };
  add.addEventListener("click", submit);
  name.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.isComposing) return;
    e.preventDefault();
    submit();
  });
  const line = el("div", { class: "jg-row" });
  line.append(field("Kind of lane", kind), field("Name of the new lane", name));
  box.append(line, add);
  root.append(box);
}
