// A step of a slider drag, drawn by itself: only what it changes, not the
// whole journey (draw.js draws everything). The inspector's sliders are
// the only edits made this way, so this comes with them, right after the
// first map (after-first-map.js); until then every change is drawn whole.
// A function of the element's context `c` (journey-map.js).
//
//   if (!drawLive(c, json, edit, keepInspector)) render(c, { keepInspector, json });

import { updateMap } from "./map/map.js";
import { withEmotions } from "./map/map-emotions.js";
import { markPresence } from "./map/presence.js";
import { markFlow } from "./map/flow.js";
import { historyButtons, removeStage } from "./draw.js";

/** What the inspector's sliders set: a touchpoint changed only in these is drawn by drawLive. */
const SLIDER_KEYS = new Set(["emotion", "impact", "dropout"]);
/** Whether touchpoint `b` differs from `a` only in what the sliders set. */
function slidersOnly(a, b) {
  const rest = (t) => JSON.stringify(Object.entries(t).filter(([k]) => !SLIDER_KEYS.has(k)).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return rest(a) === rest(b);
}

/**
 * A step of a slider drag on the journey (not in What-if mode), or the
 * change that ends the drag: only what it changes is drawn again (the
 * figures, the cards whose emotion changed, the curve; at the end, the
 * inspector's values), from the file and layout drawn last with the
 * touchpoint the edit set and the few numbers it moved
 * (Journey.layoutEmotions), instead of the journey's whole file and
 * layout (at 1,000 touchpoints about 1.5 MB of JSON to parse at each
 * step). Title, persona, stages, arrows and lanes do not change with a
 * slider. Returns false when the edit is not such a step (then draw.js
 * render() draws everything).
 */
export function drawLive(c, json, edit, keepInspector) {
  const { host, ui, state: s, engine } = c;
  const last = s.lastDrawn;
  const j = host.journey;
  const map = ui?.canvas.querySelector(":scope > svg.jg-map");
  if (!last || !map || s.whatIf || host.readonly || edit?.op !== "updateTouchpoint") return false;
  const tp = edit.touchpoint;
  const at = last.file.touchpoints.findIndex((t) => t.id === tp?.id);
  if (at < 0 || !slidersOnly(last.file.touchpoints[at], tp)) return false;
  try {
    const layout = withEmotions(last.layout, j.layoutEmotions());
    if (!layout) return false;
    const touchpoints = last.file.touchpoints.slice();
    touchpoints[at] = tp;
    const file = { ...last.file, touchpoints };
    historyButtons(c);
    engine.show({ journey: j, json, file, delta: null }, null);
    if (!updateMap(map, layout, last.mapOptions)) return false;
    markFlow(map, engine.figures?.analysis);
    markPresence(map, s.presence);
    Object.assign(last, { layout, file });
    if (!keepInspector) {
      s.inspected = file;
      ui.later.inspector({
        file, readonly: false, selected: s.selected,
        edit: (e, o) => host.edit(e, o), removeStage: (id) => removeStage(c, id),
      });
    }
  } catch (error) {
    if (engine.trapped(error)) return true; // the engine restarts and the journey reopens
    throw error;
  }
  return true;
}
