// How a scenario's changes read for people, and which touchpoints they
// mark on the map. Plain functions on plain objects, no DOM. The rules of
// What-if editing themselves (how an edit becomes a scenario's changes)
// live in the core: the element sends {op: "inScenario", scenario, edit}
// and {op: "removeChange", scenario, index} (src/model/whatif/).

/** The touchpoint fields a scenario can set (or shift with `…By`). */
const FIELDS = ["emotion", "impact", "dropout"];

const MINUS = "\u2212";
const signed = (x) => `${x < 0 ? MINUS : "+"}${Math.abs(x).toFixed(2)}`;
const percent = (x) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
const FORMAT = { emotion: signed, impact: (x) => x.toFixed(2), dropout: percent };
const shift = { emotion: signed, impact: signed, dropout: (x) => `${x < 0 ? MINUS : "+"}${(100 * Math.abs(x)).toFixed(1)} pts` };

/**
 * One line of text per change, for people: "Waits for delivery: emotion
 * −0.50 → +0.30". `base` is the baseline's complete view (Journey.view: for
 * names and the values before); touchpoints the scenario adds are named from their record.
 */
export function describeChange(change, base, changes = []) {
  const names = new Map(base.touchpoints.map((t) => [t.id, t.name]));
  for (const c of changes) if (c.add) names.set(c.add.id, c.add.name);
  const name = (id) => `“${names.get(id) ?? id}”`;
  if (change.touchpoint !== undefined) {
    // Absent from the baseline (a file may change a touchpoint its scenario adds): no value before.
    const before = base.touchpoints.find((t) => t.id === change.touchpoint);
    const parts = [];
    for (const f of FIELDS) {
      if (change[f] !== undefined) {
        parts.push(before ? `${f} ${FORMAT[f](before[f])} → ${FORMAT[f](change[f])}` : `${f} → ${FORMAT[f](change[f])}`);
      } else if (change[`${f}By`] !== undefined) {
        parts.push(`${f} ${shift[f](change[`${f}By`])}`);
      }
    }
    return `${names.get(change.touchpoint) ?? change.touchpoint}: ${parts.join(", ")}`;
  }
  if (change.weight !== undefined) return `${name(change.from)} → ${name(change.to)}: weight ${change.weight}`;
  if (change.add) return `Add touchpoint “${change.add.name}”`;
  if (change.remove !== undefined) return `Remove ${name(change.remove)}`;
  if (change.addTransition) return `Add transition ${name(change.addTransition.from)} → ${name(change.addTransition.to)}`;
  if (change.removeTransition) return `Remove transition ${name(change.removeTransition.from)} → ${name(change.removeTransition.to)}`;
  return "Change";
}

/** The touchpoints a scenario changes or adds (for marking them on the map). */
export function changedTouchpoints(changes = []) {
  const ids = new Set();
  for (const c of changes) {
    if (c.touchpoint !== undefined) ids.add(c.touchpoint);
    if (c.add) ids.add(c.add.id);
  }
  return ids;
}
