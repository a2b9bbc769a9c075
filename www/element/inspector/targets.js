// The touchpoint panel's "Add a transition to" list (touchpoint.js): the
// touchpoints the selected one does not lead to yet, grouped by stage, the
// touchpoint itself last ("A loop").
//
// On a large journey (more than TARGETS_AT_ONCE to choose from) the list
// is filled the first time it is focused or pressed, not with the panel:
// a <select> of 10,000 options took the page about 300 ms to build, style
// and measure at every click on a card, for a list seldom opened. Until
// then it holds its first line ("Choose a touchpoint…"), as it shows when
// closed anyway; focus (Tab, a click, a tap) comes before it opens or
// takes a typed name, so it is full by then.
//
//   const target = targetList(panel, outs, sync);   // the <select>, data-key "add-target"

import { control as el } from "../dom.js";

/** Up to this many touchpoints to choose from, the list is filled with the panel. */
export const TARGETS_AT_ONCE = 300;

/**
 * The list of targets for `panel.tp` (inspector/index.js's panel), which
 * leads to `outs` already; `sync(fn)` adds a function that brings its
 * names up to date.
 */
export function targetList(panel, outs, sync) {
  const { file } = panel.ctx;
  const self = panel.tp;
  const target = el("select", { "data-key": "add-target" });
  target.append(el("option", { value: "" }, "Choose a touchpoint…"));
  const taken = new Set(outs.map((o) => o.to));
  const byStage = new Map(file.stages.map((s) => [s.id, []]));
  let loop = false;
  for (const t of file.touchpoints) {
    if (taken.has(t.id)) continue;
    if (t.id === self.id) loop = true;
    else byStage.get(t.stage)?.push(t.id);
  }
  const count = [...byStage.values()].reduce((n, ids) => n + ids.length, 0) + (loop ? 1 : 0);
  // Each option's touchpoint, in the list's order (after its first line).
  const candidates = [];
  let filled = false;
  const label = (f) => {
    const names = new Map(f.touchpoints.map((t) => [t.id, t.name]));
    candidates.forEach((id, i) => {
      const name = names.get(id) ?? id;
      target.options[i + 1].textContent = id === self.id ? `${name} (itself, a loop)` : name;
    });
  };
  const fill = () => {
    if (filled) return;
    filled = true;
    const groups = document.createDocumentFragment();
    const group = (name, ids) => {
      const g = el("optgroup", { label: name });
      for (const id of ids) g.append(el("option", { value: id }));
      groups.append(g);
      candidates.push(...ids);
    };
    for (const s of file.stages) if (byStage.get(s.id).length) group(s.name || s.id, byStage.get(s.id));
    if (loop) group("A loop", [self.id]);
    target.append(groups);
    label(panel.ctx.file);
  };
  sync((f) => {
    if (filled) label(f);
  });
  if (count <= TARGETS_AT_ONCE) fill();
  else for (const type of ["focus", "pointerdown", "keydown"]) target.addEventListener(type, fill);
  return target;
}
