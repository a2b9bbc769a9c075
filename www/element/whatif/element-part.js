// What-if mode's part of <journey-map>, loaded with its controls (whatif/index.js
// re-exports it; lazy.js loads both on What-if's first use): the scenario's
// journey the element draws, "Fix first" and the list of changes drawn from
// it, and what the scenario bar and those lists do (start, rename or delete
// a scenario, add an opportunity, remove a change). Functions of the
// element's context `c` (journey-map.js: {host, state, ui, engine, render,
// run, announce, enterWhatIf}); each edit is one step of the element's history.
//
//   const view = scenarioView(c, j, file);   // {scenario, journey (to free), file, problem}
//   showScenarioBar(c, file, view, readonly);
//   drawWhatIf(c, { j, file, shown, shownFile, view, readonly });

import { scenarioOf, draftScenario, OPPORTUNITY_DELTA } from "./state.js";
import { derivedView } from "../persona-view.js";

/** The scenario being edited, applied: {scenario, journey (to free), file, problem}. */
export function scenarioView(c, j, file) {
  const s = c.state;
  const scenario = scenarioOf(file, s.whatIf);
  // Follow the file (an undone rename, a scenario gone with an undo).
  if (scenario.saved) s.whatIf = { id: scenario.id, name: scenario.name };
  return derivedView({ scenario }, () => j.withScenario({ id: scenario.id, name: scenario.name, changes: scenario.changes }));
}

/** The scenario bar, for the scenario `view` shows (scenarioView's) of the journey's view `file`. */
export function showScenarioBar(c, file, view, readonly) {
  c.ui.whatIfBar.update({
    scenarios: file.scenarios ?? [], current: { id: view.scenario.id, name: view.scenario.name },
    saved: view.scenario.saved, readonly, problem: view.problem,
  });
}

/**
 * What-if's part of a drawing (draw.js): "Fix first" under the figures and
 * the scenario's changes above the inspector. `j` and `file`: the baseline;
 * `shown`, `shownFile`: the scenario's journey; `view`: scenarioView's.
 */
export function drawWhatIf(c, { j, file, shown, shownFile, view, readonly }) {
  const { ui, state: s, engine } = c;
  s.opportunities = [shown, shownFile, view, readonly];
  drawOpportunities(c, shown, shownFile, view, readonly);
  const { renderChanges, movesOf } = ui.whatIfParts.module;
  renderChanges(ui.changes, {
    scenario: view.scenario, base: file, readonly, open: s.changesOpen ?? !s.selected,
    moves: movesOf(j, file, view.scenario), rules: engine.figures?.analysis?.rules ?? shownFile.settings,
    openSettings: () => openSettings(c),
    toggled: (open) => { s.changesOpen = open; },
    removeChange: (i) => removeChange(c, i),
  });
  if (ui.inspector.firstChild !== ui.changes) ui.inspector.prepend(ui.changes);
}

/** "Fix first": the opportunities of the scenario's journey (again when a large journey's arrive from the worker). */
export function drawOpportunities(c, shown, shownFile, view, readonly) {
  const { ui, state: s } = c;
  const figures = c.engine.figures;
  const problem = view.problem ?? figures?.problem ?? null;
  const emotion = new Map(shownFile.touchpoints.map((t) => [t.id, t.emotion]));
  const opportunities = problem ? null : figures?.opportunities?.map((o) => ({ ...o, current: emotion.get(o.touchpoint) })) ?? null;
  ui.whatIfParts.module.renderOpportunities(ui.opportunities, {
    opportunities, problem, readonly, delta: OPPORTUNITY_DELTA, pending: !problem && !opportunities,
    rules: figures?.analysis?.rules ?? shownFile.settings, file: shownFile, openSettings: () => openSettings(c),
    showAll: s.allOpportunities,
    toggleAll: () => {
      s.allOpportunities = !s.allOpportunities;
      c.render({ keepInspector: true });
    },
    add: (o) => addOpportunity(c, o),
    removeChange: (i) => removeChange(c, i),
  });
}

/** Shows the journey's settings in the inspector with the sensitivity focused ("Change sensitivity"). */
function openSettings(c) {
  c.host.select(null);
  c.ui.later.focusField("sensitivity");
}

/** "Add to scenario": the opportunity's emotion becomes a change. */
function addOpportunity(c, o) {
  const { host, state: s } = c;
  const emotion = Math.round(o.emotion * 1e6) / 1e6;
  const { id, name } = s.whatIf;
  const record = scenarioOf(host.journey.toObject(), s.whatIf);
  let shown;
  try {
    const view = host.journey.withScenario({ id: record.id, name: record.name, changes: record.changes });
    try {
      shown = view.view().touchpoints.find((t) => t.id === o.touchpoint);
    } finally {
      view.free();
    }
  } catch (error) {
    c.fail(error, "add it to the scenario"); // the scenario no longer applies: said, and nothing changes
    return;
  }
  if (!shown) return;
  const edit = { op: "updateTouchpoint", touchpoint: { ...shown, emotion } };
  if (c.run(() => ({ op: "inScenario", scenario: id, name, edit }))) {
    c.announce(`Added to the scenario: ${o.name}, emotion ${emotion >= 0 ? "+" : "−"}${Math.abs(emotion).toFixed(2)}.`);
  }
}

function removeChange(c, index) {
  c.run(() => ({ op: "removeChange", scenario: c.state.whatIf.id, index }));
}

// ---- The scenario bar (index.js buildScenarioBar: on.create, on.rename, on.remove) ----

/** Starts a new scenario, its name ready to type. */
export function newScenario(c) {
  const s = c.state;
  s.whatIf = draftScenario(c.host.journey.toObject());
  s.lastScenario = s.whatIf.id;
  s.allOpportunities = false;
  c.render();
  const name = c.ui.whatIfBar.name;
  name.focus();
  name.select();
  c.announce(`New scenario “${s.whatIf.name}”: type its name.`);
}

/** Renames the scenario edited (an empty name puts the old one back). */
export function renameScenario(c, name) {
  const s = c.state;
  if (!s.whatIf) return;
  if (!name) {
    c.render();
    return;
  }
  s.whatIf = { ...s.whatIf, name };
  const { saved, ...record } = scenarioOf(c.host.journey.toObject(), s.whatIf);
  c.host.edit({ op: "putScenario", scenario: { ...record, name } });
}

/** Deletes the scenario edited; What if goes on with another (or a new one). */
export function removeScenario(c) {
  const id = c.state.whatIf?.id;
  if (!id || !c.host.edit({ op: "removeScenario", id })) return;
  c.enterWhatIf();
}
