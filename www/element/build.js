// Builds <journey-map>'s editor once, on its first connection: the frame
// (frame.js) with the toolbar's buttons (Add stage, Add touchpoint, Undo,
// Redo, What if) and each part installed on it (files/, Present, What-if's
// bar, the persona bar, the figures' engine, attribution, How sure, zoom,
// the map's keys, what loads after the first map). Wiring only: what the
// buttons do is the element's (its context `c`, journey-map.js) or the
// part's; Add stage and Add touchpoint are here.
//
//   buildEditor(c);   // sets c.ui (the parts the drawing uses) and c.engine

import { buildFrame, showError, hideError } from "./frame.js";
import { installMapKeys, installUndoKeys, keepingFocus } from "./keyboard.js";
import { buildPersonaBar } from "./persona-view.js";
import { installFiles } from "./files/index.js";
import { installAfterFirstMap, installWhatIf, installPresenter, installAttribution } from "./lazy.js"; // after the first map, or on first use
import { installZoom } from "./zoom.js"; // zoom and pan
import { markFlow } from "./map/flow.js";
import { installHowSure } from "./how-sure.js";
import { ElementEngine } from "./engine/element-engine.js"; // figures off the main thread, trap recovery

/** Builds the editor in `c.host`'s shadow root; sets `c.ui` and `c.engine`. */
export function buildEditor(c) {
  const { host, state: s } = c;
  const fail = (error, action) => c.fail(error, action);
  const frame = buildFrame({ dismiss: () => hideError(c.ui), announce: (text) => c.announce(text) });
  const { toolbar, button, figures, canvas, inspector, opportunities } = frame;
  const ui = { title: frame.title, persona: frame.persona, toolbar };
  ui.addStage = button("Add stage", () => {
    // The new stage's name is ready to type in the journey panel.
    const id = addStage(host);
    if (id) {
      host.select(null);
      ui.later.focusField(`stage-name:${id}`);
    }
  }, { "data-action": "add-stage" });
  ui.addTouchpoint = button("Add touchpoint", () => addTouchpoint(c), { "data-action": "add-touchpoint" });
  frame.separator();
  // A button that turns disabled hands focus to its partner, not to the page.
  ui.undo = button("Undo", () => keepingFocus(host, () => {
    host.undo();
    if (ui.undo.disabled && !ui.redo.disabled) ui.redo.focus();
  }), { "data-action": "undo", "aria-keyshortcuts": "Control+Z" });
  ui.redo = button("Redo", () => keepingFocus(host, () => {
    host.redo();
    if (ui.redo.disabled && !ui.undo.disabled) ui.undo.focus();
  }), { "data-action": "redo", "aria-keyshortcuts": "Control+Shift+Z Control+Y" });
  frame.separator();
  // Import (button, file drop) and Export (JSON, SVG, PNG, CSV): files/.
  installFiles(host, { toolbar, fail });
  ui.whatIf = button("What if", () => (s.whatIf ? c.leaveWhatIf() : c.enterWhatIf()), {
    "data-action": "what-if", "aria-pressed": "false", class: "jg-whatif-toggle",
    title: "Try changes as a scenario, compared with the journey as it is",
  });
  // Present: workshop mode's projector view (present/index.js); mode="present" opens it too.
  ui.present = installPresenter(host, { toolbar, fail });
  // What-if mode: the scenario bar under the toolbar, "Fix first" under the
  // figures, the scenario's changes above the inspector (whatif/, loaded on first use).
  const whatIfParts = ui.whatIfParts = installWhatIf({ button: ui.whatIf, fail, on: {
    pick: (id) => c.enterWhatIf(id),
    create: () => whatIfParts.module.newScenario(c),
    rename: (name) => whatIfParts.module.renameScenario(c, name),
    remove: () => whatIfParts.module.removeScenario(c),
  } });
  const whatIfBar = whatIfParts.bar;
  const personaBar = buildPersonaBar({ everyone: () => { host.persona = null; } });
  frame.mount(host.shadowRoot, [whatIfBar.root, personaBar.root]);
  const { error, errorText, status, changes } = frame;
  Object.assign(ui, { figures, error, errorText, canvas, mapNote: frame.mapNote, inspector, status, whatIfBar, personaBar, opportunities, changes });
  c.engine = new ElementEngine(host, {
    bar: figures, reopen: (json) => c.reopen(json), say: (text) => showError(c.ui, text),
    drawn: (f) => {
      // Figures that arrive after the drawing (a large journey's, from the worker): the cards' bars, Fix first.
      markFlow(c.ui?.canvas.querySelector(":scope > svg.jg-map"), f?.analysis);
      if (s.opportunities) whatIfParts.module.drawOpportunities(c, ...s.opportunities);
    },
  });
  // Attribution: toolbar button and the table under the figures (attribution.js).
  installAttribution(host, { toolbar, after: figures, fail });
  // How sure: which assumptions matter most (how-sure.js), computed while open.
  installHowSure(host, { before: opportunities });
  // Zoom and pan for big journeys (zoom.js).
  ui.zoom = installZoom(host, { toolbar, canvas });
  toolbar.append(frame.panelToggle);
  c.ui = ui;

  canvas.addEventListener("scroll", c.cullSoon, { passive: true });
  canvas.addEventListener("click", (e) => {
    const card = e.target.closest?.(".jg-card");
    host.select(card ? card.dataset.id : null);
  });
  // Arrow keys, Enter, Delete and Escape on the map: keyboard.js.
  installMapKeys(host, canvas);
  // The inspector, the stage dialog and drag, connect and weigh on the map (direct/): loaded after the first map (lazy.js).
  ui.later = installAfterFirstMap(host, { canvas, inspector, fail, direct: { file: () => s.inspected, say: (text) => c.announce(text) } });
  // Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y anywhere in the element but in a text field: keyboard.js.
  installUndoKeys(host);
}

function uniqueId(prefix, taken) {
  let k = taken.size + 1;
  while (taken.has(`${prefix}-${k}`)) k += 1;
  return `${prefix}-${k}`;
}

/** Adds a stage at the end; returns its id, or null if that failed. */
function addStage(host) {
  const file = host.journey.toObject();
  const id = uniqueId("stage", new Set(file.stages.map((st) => st.id)));
  return host.edit({ op: "addStage", stage: { id, name: `Stage ${file.stages.length + 1}` } }) ? id : null;
}

/** Adds a touchpoint to the selected one's stage (else the first), selected with its name ready to type. */
function addTouchpoint(c) {
  const { host, state: s } = c;
  const file = host.journey.toObject();
  if (!file.stages.length) {
    if (addStage(host)) addTouchpoint(c);
    return;
  }
  const current = file.touchpoints.find((t) => t.id === s.selected);
  const stage = current ? current.stage : file.stages[0].id;
  // In What-if mode the scenario may add touchpoints of its own.
  const taken = new Set([...file.touchpoints, ...(s.inspected?.touchpoints ?? [])].map((t) => t.id));
  const id = uniqueId("touchpoint", taken);
  if (host.edit({ op: "addTouchpoint", touchpoint: { id, name: "New touchpoint", stage } })) {
    host.select(id);
    // Ready to type its name.
    c.ui.later.focusField("name");
  }
}
