// The inspector's panel of the journey itself: title, persona, stages, the
// service blueprint's lanes (lanes.js), and the model's settings (what the
// figures assume: the sensitivity that links emotion to dropout, and the
// peak-end weights), which "Change sensitivity" in "Fix first" and in a
// what-if's "Why it moves" opens.

import { control as el } from "../dom.js";
import { field, setValue, apply, numberFrom } from "./controls.js";
import { personasSection } from "./personas.js";
import { lanesSection } from "./lanes.js";

/** The journey's own panel: title, persona, settings, stages, lanes. */
export function journeyPanel(root, panel) {
  const { file, readonly } = panel.ctx;
  const sync = (fn) => panel.syncs.push(fn);
  root.append(el("h3", { tabindex: "-1", "data-key": "heading" }, "Journey"));
  root.append(el("p", { class: "jg-hint" },
    "To edit a touchpoint, click it on the map, or Tab to the map and press Enter on it (arrow keys move between cards, PageDown and PageUp through them in order, C connects one to another, Escape comes back)."));

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
  settingsFields(root, panel, sync);

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
  lanesSection(root, panel, sync);
  if (panel.ctx.personas) personasSection(root, panel, sync);
}


/** The model's settings: sensitivity (editable, also in What-if mode: baseline and scenario share it) and the peak-end weights. */
function settingsFields(root, panel, sync) {
  const readonly = Boolean(panel.ctx.settingsReadonly ?? panel.ctx.readonly);
  root.append(el("h4", { id: "jg-settings-title" }, "What the model assumes"));
  const k = el("input", { type: "number", min: 0, max: 100, step: 0.1, "data-key": "sensitivity", readOnly: readonly });
  k.addEventListener("change", () => {
    const n = numberFrom(k, "Sensitivity");
    if (n !== null) apply(panel, { op: "setSettings", settings: { ...panel.ctx.file.settings, sensitivity: n } }, k);
  });
  sync((f) => setValue(k, String(f.settings.sensitivity)));
  root.append(field("Sensitivity (how strongly a change of emotion moves dropout)", k,
    "0: emotion never moves dropout; 1 (the default): raising an emotion by 1 divides the odds of giving up by e \u2248 2.7. Used by the what-if, Fix first and its reasons."));
  // The peak-end weights: peak and mean set here, end the rest (the three add up to 1).
  const weights = el("p", { class: "jg-hint", "data-key": "remember-weights" });
  const weight = (key, label, hint) => {
    const input = el("input", { type: "number", min: 0, max: 1, step: 0.05, "data-key": `remember-${key}`, readOnly: readonly });
    input.addEventListener("change", () => {
      const n = numberFrom(input, label);
      if (n === null) return;
      const w = { ...panel.ctx.file.settings.rememberWeights, [key]: n };
      const end = Math.round((1 - w.peak - w.mean) * 1e12) / 1e12;
      apply(panel, { op: "setSettings", settings: { ...panel.ctx.file.settings, rememberWeights: { peak: w.peak, end, mean: w.mean } } }, input);
    });
    sync((f) => setValue(input, String(f.settings.rememberWeights[key])));
    root.append(field(label, input, hint));
  };
  weight("peak", "Weight of the peak", "How much the most intense moment counts in how the journey is remembered (0 to 1).");
  weight("mean", "Weight of the mean", "How much the average moment counts (0 to 1); the end (the last moment) gets the rest.");
  sync((f) => {
    const w = f.settings.rememberWeights;
    weights.textContent = `Remembered experience = ${w.peak} \u00d7 peak + ${w.end} \u00d7 end + ${w.mean} \u00d7 mean (the peak-end rule; peak and mean above, the end gets the rest).`;
  });
  root.append(weights);
}
