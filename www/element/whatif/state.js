// Which scenario <journey-map>'s What-if mode edits ({id, name}: the
// element's state), read from the journey's file, and entering and leaving
// the mode. Loaded at start (the `scenario` property works before What-if's
// own modules, whatif/index.js, have come); it reads the file and sets the
// element's state, and the element draws (c.render).
//
//   const record = scenarioOf(file, { id, name });   // {..., changes, saved}
//   const fresh = draftScenario(file);              // {id: "scenario-3", name: "Scenario 3"}
//   journey.apply(whatIfEdit(state, edit));         // in What-if mode, made in the scenario
//   enterWhatIf(c, id);   leaveWhatIf(c);           // c: the element's context (journey-map.js)

/** How far an opportunity raises a touchpoint's emotion (SPEC section 3). */
export const OPPORTUNITY_DELTA = 0.5;

/** Edits that are about scenarios themselves, or the model's settings that baseline and scenario share: in What-if mode they still go to the journey. */
const SCENARIO_OPS = new Set(["putScenario", "removeScenario", "inScenario", "removeChange", "setSettings"]);

/** The edit the element applies for `edit`: in What-if mode (state `s`), made in the scenario ({op: "inScenario"}) unless it is one of SCENARIO_OPS. */
export function whatIfEdit(s, edit) {
  if (!s.whatIf || SCENARIO_OPS.has(edit.op)) return edit;
  const { id, name } = s.whatIf;
  return { op: "inScenario", scenario: id, name, edit };
}

/** The scenario `whatIf` names as `file` has it, or a new empty one ({saved: false}: not in the file yet). */
export function scenarioOf(file, whatIf) {
  const found = file.scenarios?.find((s) => s.id === whatIf.id);
  return found ? { ...found, changes: found.changes ?? [], saved: true } : { id: whatIf.id, name: whatIf.name, changes: [], saved: false };
}

/** A new scenario of `file` (the one named `id`, or the next free "Scenario k"), not in the file until its first change or its name. */
export function draftScenario(file, id = null) {
  const taken = new Set((file.scenarios ?? []).map((s) => s.id));
  let k = taken.size + 1;
  while (taken.has(`scenario-${k}`)) k += 1;
  return id ? { id, name: id } : { id: `scenario-${k}`, name: `Scenario ${k}` };
}

/**
 * Enters What-if mode on the scenario `id` (a new, empty one if the journey
 * has none by that id; null: the one last edited, else the first), leaving
 * a persona's map; edits then change the scenario.
 */
export function enterWhatIf(c, id = null) {
  const { host, state: s } = c;
  const j = host.journey;
  if (!j) return;
  const scenarios = j.toObject().scenarios ?? [];
  const chosen = scenarios.find((x) => x.id === id) ?? (id === null ? scenarios.find((x) => x.id === s.lastScenario) ?? scenarios[0] : null);
  s.whatIf = chosen ? { id: chosen.id, name: chosen.name } : draftScenario(j.toObject(), id);
  if (s.persona) host.persona = null;
  s.lastScenario = s.whatIf.id;
  s.live = null;
  s.allOpportunities = false;
  c.render();
  c.announce(`What if: scenario “${s.whatIf.name || s.whatIf.id}”. Edits now change the scenario, not the journey.`);
}

/** Leaves What-if mode: edits change the journey again. */
export function leaveWhatIf(c) {
  const s = c.state;
  if (!s.whatIf) return;
  s.whatIf = null;
  s.live = null;
  s.baseline = null;
  c.render();
  c.announce("Left What if: edits change the journey again.");
}
