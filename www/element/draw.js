// Drawing <journey-map> from its state: the header, the figures (engine/),
// the map, the inspector and, in What-if mode, What-if's parts
// (whatif/element-part.js, once loaded), for the journey, a scenario's
// journey or a persona's. The element keeps the state and calls render(c)
// after each change (a step of a slider drag draws only what it changes:
// draw-live.js); a large map draws what comes near its view (culling).
// Functions of the element's context `c` (journey-map.js: {host, state,
// ui, engine, watch}).
//
//   render(c, { keepInspector, json });
//   const { soon, watch } = culling(() => canvas);   // soon(): on scroll and resize; watch(map): a map drawn anew

import { renderMap, updateMap, updateMapSelection, viewOf, cullMap, arrowsNote } from "./map/map.js";
import { showHeading } from "./frame.js";
import { personaView, overridden, personasContext } from "./persona-view.js";
import { markPresence } from "./map/presence.js";
import { markFlow } from "./map/flow.js";
import { OPPORTUNITY_DELTA } from "./whatif/state.js";

/**
 * Draws what comes near the view of a large map (map.js cullMap), once a
 * frame: `soon()` after a scroll or resize, `watch(map)` for a map drawn
 * anew (its size is watched: zoom). `canvasOf()`: the map's canvas, or null.
 */
export function culling(canvasOf) {
  let waiting = false;
  const soon = () => {
    if (waiting) return;
    waiting = true;
    requestAnimationFrame(() => {
      waiting = false;
      const map = canvasOf()?.querySelector(":scope > svg.jg-map");
      if (map) cullMap(map);
    });
  };
  const resized = typeof ResizeObserver === "function" ? new ResizeObserver(() => soon()) : null;
  const watch = (map) => {
    resized?.disconnect();
    resized?.observe(map);
    soon();
  };
  return { soon, watch };
}

/** Undo and Redo enabled as the history says (the element's `history`, else the core's). */
export function historyButtons(c) {
  const { ui, host } = c;
  const h = host.history ?? host.journey;
  if (!ui || !h) return;
  ui.undo.disabled = !h.canUndo;
  ui.redo.disabled = !h.canRedo;
}

/** Draws everything from the journey as it is now (`json`: its text, when the caller has it). */
export function render(c, { keepInspector = false, json = null } = {}) {
  const { host, ui, state: s } = c;
  const j = host.journey;
  if (!ui) return;
  const readonly = host.readonly;
  for (const b of [ui.addStage, ui.addTouchpoint]) b.hidden = readonly;
  ui.undo.hidden = ui.redo.hidden = readonly;
  if (!j) return;
  // What-if's modules come on its first use (lazy.js); until then the map stays as it was drawn. Not loaded: not in What if.
  if (s.whatIf && !ui.whatIfParts.ready(() => render(c), () => { s.whatIf = null; render(c); })) return;
  let view = null;
  let trapped = false;
  try {
    historyButtons(c);
    // The complete view: every field present, no default coded here.
    const file = j.view();
    // In What-if mode the map, figures and inspector show the scenario's journey.
    view = s.whatIf ? ui.whatIfParts.module.scenarioView(c, j, file) : s.persona ? personaOf(s, j, file) : null;
    draw(c, j, file, view, { keepInspector, readonly, json });
  } catch (error) {
    if (!(trapped = c.engine.trapped(error))) throw error; // a trap: the engine restarts and the journey reopens
  } finally {
    if (!trapped) view?.journey?.free();
  }
  host.dataset.state = "ready";
}

/**
 * Draws a new selection by itself (a click on a card, a key, Escape): the
 * cards it leaves and reaches and the inspector, from what render() drew
 * last, without reading the journey's view and layout again (on a
 * 10,000-touchpoint map that and drawing anew took the page most of a
 * second). Nothing else on the map or in the figures depends on the
 * selection. Returns false, drawing nothing, when it cannot be done so (no
 * map yet, What-if mode or a persona shown, another journey): then
 * render(c) draws everything.
 */
export function selectOnly(c) {
  const { host, ui, state: s } = c;
  const last = s.lastDrawn;
  const map = ui?.canvas.querySelector(":scope > svg.jg-map");
  if (!last?.inspect || !map || s.whatIf || s.persona || last.journey !== host.journey || last.readonly !== host.readonly) return false;
  // A touchpoint no longer there selects nothing (as draw() does).
  if (s.selected && !last.file.touchpoints.some((t) => t.id === s.selected)) s.selected = null;
  const options = updateMapSelection(map, s.selected);
  if (!options) return false;
  last.mapOptions = options;
  try {
    last.inspect(last.file);
  } catch (error) {
    if (!c.engine.trapped(error)) throw error; // a trap: the engine restarts and the journey reopens
  }
  return true;
}

/** The persona shown, walked (persona-view.js); a persona gone (an undo) shows everyone again. */
function personaOf(s, j, file) {
  const view = personaView(j, file, s.persona);
  if (!view) s.persona = null;
  return view;
}

/** The baseline's file text without its scenarios (what its figures depend on) and layout, kept while the baseline is unchanged. */
function baselineOf(s, j, file) {
  const json = JSON.stringify({ ...file, scenarios: undefined });
  if (s.baseline?.json !== json) s.baseline = { json, layout: j.layout() };
  return s.baseline;
}

/** Says, above the map, when it draws only the strongest of very many transitions (layout.transitions). */
function showMapNote(note, layout) {
  const left = layout.transitions > layout.arrows.length;
  note.hidden = !left;
  if (left) note.textContent = arrowsNote(layout);
}

/** Deleting a stage that holds touchpoints asks what to do with them (stage-dialog.js). */
export function removeStage(c, id) {
  const { host } = c;
  c.ui.later.removeStage(host.shadowRoot, host.journey.toObject(), id, (edit) => host.edit(edit));
}

function draw(c, j, file, view, { keepInspector, readonly, json }) {
  const { host, ui, state: s, engine } = c;
  const shown = view?.journey ?? j;
  const shownFile = view?.journey ? view.file : file;
  if (s.selected && !shownFile.touchpoints.some((t) => t.id === s.selected)) s.selected = null;
  showHeading(ui, file);

  const whatIf = Boolean(view?.scenario);
  const persona = view?.persona ? view : null;
  ui.personaBar.update(persona, file);
  ui.whatIf.setAttribute("aria-pressed", String(whatIf));
  ui.addStage.disabled = whatIf;
  ui.addStage.title = whatIf ? "Stages belong to the journey: leave What if to add one" : "";
  ui.whatIfBar.root.hidden = !whatIf;
  if (whatIf) ui.whatIfParts.module.showScenarioBar(c, file, view, readonly);

  const base = view?.journey ? baselineOf(s, j, file) : null;
  // Exact figures now, simulated ones when they arrive (engine/); large journeys' opportunities too.
  engine.show(
    { journey: shown, json: view?.journey ? view.journey.toJSON() : json, file: shownFile, delta: whatIf ? OPPORTUNITY_DELTA : null },
    base ? { journey: j, json: base.json, file, label: whatIf ? "the baseline" : "everyone" } : null,
  );

  // The new map replaces the old one in place: the canvas keeps its scroll
  // position by itself (no read or write of scrollLeft, which would force
  // a layout of the whole map in the middle of a slider drag).
  const focused = host.shadowRoot.activeElement?.closest?.(".jg-card")?.dataset.id;
  const title = !view?.journey ? file.title
    : whatIf ? `${file.title} — scenario ${view.scenario.name || view.scenario.id}` : `${file.title} — for ${view.persona.name || view.persona.id}`;
  const layout = shown.layout();
  showMapNote(ui.mapNote, layout);
  const mapOptions = {
    title, interactive: true, selected: s.selected, lazyTitles: true, view: () => viewOf(ui.canvas),
    ghost: base?.layout ?? null,
    changed: whatIf ? ui.whatIfParts.module.changedTouchpoints(view.scenario.changes) : persona ? overridden(view.persona) : null,
  };
  // When only emotions or the selection changed (a slider drag, a click
  // on a card) the map is updated in place, not drawn again (map.js).
  const map = ui.canvas.querySelector(":scope > svg.jg-map");
  s.lastDrawn = view ? null : { journey: j, readonly, layout, file: shownFile, mapOptions, inspect: null };
  if (!map || !updateMap(map, layout, mapOptions)) {
    const fresh = renderMap(layout, mapOptions);
    ui.canvas.replaceChildren(fresh);
    if (focused) [...ui.canvas.querySelectorAll(".jg-card")].find((card) => card.dataset.id === focused)?.focus();
    c.watch(fresh);
  }
  const drawnMap = ui.canvas.querySelector(":scope > svg.jg-map");
  markFlow(drawnMap, engine.figures?.analysis);
  markPresence(drawnMap, s.presence);

  // The inspector of the file drawn; selectOnly() calls it again when only the selection changes.
  // Entry shares (the core's α) for a touchpoint's panel (20 ms at 10,000 touchpoints) and the
  // personas' figures for the journey's panel: read once for the file drawn, not at each selection.
  let shares = null;
  let sharesOf = null;
  let personas = null;
  const inspect = (inspected) => {
    s.inspected = inspected;
    if (s.selected && sharesOf !== inspected) {
      sharesOf = inspected;
      try {
        shares = shown.entryShares();
      } catch (error) {
        if (c.engine.trapped(error)) throw error; // the engine restarts (render and selectOnly catch it)
        shares = null; // no entry: the figures bar says so
      }
    }
    if (personas?.file !== inspected) {
      personas = { file: inspected, context: personasContext(j, view ? file : inspected, view?.persona ? view : null, { readonly: host.readonly, shown: s.persona, show: (id) => { host.persona = id; } }) };
    }
    ui.later.inspector({
      file: inspected,
      // Title, persona and stages belong to the journey: read-only in What-if mode;
      // one persona's journey is read-only but for what that persona meets differently.
      readonly: readonly || (whatIf && !s.selected) || Boolean(persona?.journey),
      // The settings are the model's, shared by baseline and scenario: editable in What-if mode too.
      settingsReadonly: readonly,
      whatIf, // the Blueprint section: only a fail point's rate is a scenario's (inspector/items.js)
      entryShare: (id) => shares?.[id] ?? null,
      selected: s.selected,
      edit: (e, o) => host.edit(e, o),
      removeStage: (id) => removeStage(c, id),
      personas: personas.context,
    });
  };
  if (!keepInspector) inspect(shownFile);
  // A What-if scenario's or a persona's journey is freed after the drawing: selecting there draws everything.
  if (s.lastDrawn) s.lastDrawn.inspect = inspect;
  ui.opportunities.hidden = !whatIf;
  if (whatIf) {
    ui.whatIfParts.module.drawWhatIf(c, { j, file, shown, shownFile, view, readonly });
  } else {
    s.opportunities = null;
    ui.changes.remove();
  }
}
