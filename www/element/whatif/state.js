// Which scenario <journey-map>'s What-if mode edits ({id, name}: the
// element's state), read from the journey's file. Loaded at start (the
// `scenario` property works before What-if's own modules, whatif/index.js,
// have come); only reads, never draws.
//
//   const record = scenarioOf(file, { id, name });   // {..., changes, saved}
//   const fresh = draftScenario(file);              // {id: "scenario-3", name: "Scenario 3"}

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
