// What-if editing: turns the editor's edits (the core's `Edit`) into the
// changes of a scenario (the file format's `Change`). Plain functions on
// plain objects, no DOM; the element saves the result with
// {op: "putScenario"}, so scenario edits are undone like any other.
//
//   const steps = scenarioSteps(edit, { view, scenario });   // may throw WhatIfRefusal
//   const next = { ...scenario, changes: applySteps(scenario.changes, steps) };
//
// `view` is the scenario's journey as the editor shows it (a JourneyFile),
// so an updated touchpoint is read against what the designer saw.

/** The touchpoint fields a scenario can set (or shift with `…By`). */
export const FIELDS = ["emotion", "impact", "dropout"];
const TOUCHPOINT_KEYS = ["emotion", "impact", "dropout", "emotionBy", "impactBy", "dropoutBy"];

/** Field names as the inspector labels them, for messages. */
const LABELS = {
  name: "Name", stage: "Stage", entry: "Entry share", channel: "Channel", owner: "Owner", kind: "Kind",
  goal: "Goal", service: "Customer service", proactive: "Proactive", effort: "Customer effort",
  notes: "Notes", painPoints: "Pain points", opportunities: "Opportunities",
};

const LEAVE = "Leave What if to change the journey itself.";

/** An edit that has no meaning as a scenario change; `message` says why, for people. */
export class WhatIfRefusal extends Error {
  constructor(message) {
    super(message);
    this.name = "WhatIfRefusal";
    this.code = "what_if";
  }
}

/** Whether `change` mentions touchpoint `id` anywhere. */
export function namesTouchpoint(change, id) {
  if (change.touchpoint === id || change.remove === id || change.add?.id === id) return true;
  if (change.from === id || change.to === id) return true;
  const t = change.addTransition ?? change.removeTransition;
  return Boolean(t && (t.from === id || t.to === id));
}

/** Whether `change` is about the transition from → to. */
function namesTransition(change, from, to) {
  const t = change.addTransition ?? change.removeTransition ?? (change.weight !== undefined ? change : null);
  return Boolean(t && t.from === from && t.to === to);
}

/** Whether touchpoint `id` exists only because the scenario adds it. */
export function isAdded(changes, id) {
  return changes.some((c) => c.add?.id === id);
}

const same = (a, b) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const hasTouchpointKeys = (c) => TOUCHPOINT_KEYS.some((k) => k in c);

/** A touchpoint record without undefined fields (the format leaves defaults out). */
function clean(tp) {
  return Object.fromEntries(Object.entries(tp).filter(([, v]) => v !== undefined && v !== null));
}

/**
 * Sets one field of a touchpoint in the scenario, so that the scenario's
 * journey shows exactly `value` there. Changes apply in order, and an
 * emotion change moves the dropout through the sensitivity link, so: an
 * existing change of the field is replaced where it stands; a new emotion
 * goes before the touchpoint's dropout change (which keeps winning); a set
 * dropout goes after the touchpoint's emotion changes. A touchpoint the
 * scenario adds gets the value in its record.
 */
export function setField(changes, id, field, value) {
  if (isAdded(changes, id)) {
    return changes
      .map((c) => (c.add?.id === id ? { add: { ...c.add, [field]: value } } : c))
      .flatMap((c) => dropField(c, id, field));
  }
  const by = `${field}By`;
  let placed = false;
  const out = [];
  for (const c of changes) {
    if (c.touchpoint === id && (field in c || by in c)) {
      if (!placed) {
        const next = { ...c, [field]: value };
        delete next[by];
        out.push(next);
        placed = true;
      } else {
        out.push(...dropField(c, id, field));
      }
    } else {
      out.push(c);
    }
  }
  if (field === "dropout") {
    // An emotion change moves the dropout it finds, so a set dropout goes after them all.
    const lastEmotion = out.findLastIndex((c) => c.touchpoint === id && ("emotion" in c || "emotionBy" in c));
    const at = out.findIndex((c) => c.touchpoint === id && "dropout" in c);
    if (placed && at > lastEmotion) return out;
    const rest = placed ? out.flatMap((c, i) => (i === at ? dropField(c, id, "dropout") : [c])) : out;
    const after = rest.findLastIndex((c) => c.touchpoint === id && ("emotion" in c || "emotionBy" in c));
    rest.splice(after >= 0 ? after + 1 : rest.length, 0, { touchpoint: id, dropout: value });
    return rest;
  }
  if (placed) return out;
  const change = { touchpoint: id, [field]: value };
  const before = field === "emotion" ? out.findIndex((c) => c.touchpoint === id && ("dropout" in c || "dropoutBy" in c)) : -1;
  if (before >= 0) out.splice(before, 0, change);
  else out.push(change);
  return out;
}

/** `c` without its setting of `field` for touchpoint `id` (nothing if that was all it did). */
function dropField(c, id, field) {
  if (c.touchpoint !== id) return [c];
  const next = { ...c };
  delete next[field];
  delete next[`${field}By`];
  return hasTouchpointKeys(next) ? [next] : [];
}

/** Replaces the record of a touchpoint the scenario adds. */
function updateAdded(changes, tp) {
  return changes
    .map((c) => (c.add?.id === tp.id ? { add: clean(tp) } : c))
    .flatMap((c) => FIELDS.reduce((list, f) => list.flatMap((x) => dropField(x, tp.id, f)), [c]));
}

function setWeight(changes, from, to, weight) {
  const added = changes.findIndex((c) => c.addTransition?.from === from && c.addTransition?.to === to);
  if (added >= 0) {
    return changes.map((c, i) => (i === added ? { addTransition: { ...c.addTransition, weight } } : c));
  }
  const at = changes.findIndex((c) => c.weight !== undefined && c.from === from && c.to === to);
  if (at >= 0) return changes.map((c, i) => (i === at ? { from, to, weight } : c));
  return [...changes, { from, to, weight }];
}

function addTransition(changes, { from, to, weight = 1 }) {
  const removed = changes.some((c) => c.removeTransition?.from === from && c.removeTransition?.to === to);
  if (removed) {
    // Taking back a removal: the baseline transition returns, with this weight.
    return [...changes.filter((c) => !(c.removeTransition?.from === from && c.removeTransition?.to === to)), { from, to, weight }];
  }
  return [...changes, { addTransition: { from, to, weight } }];
}

function removeTransition(changes, from, to) {
  const added = changes.some((c) => c.addTransition?.from === from && c.addTransition?.to === to);
  const rest = changes.filter((c) => !namesTransition(c, from, to));
  return added ? rest : [...rest, { removeTransition: { from, to } }];
}

function removeTouchpoint(changes, id) {
  const added = isAdded(changes, id);
  // Nothing may name the touchpoint after it is gone (the scenario would not apply).
  const rest = changes.filter((c) => !namesTouchpoint(c, id));
  return added ? rest : [...rest, { remove: id }];
}

/** The steps an edit makes to a scenario's list of changes (see module docs). */
export function scenarioSteps(edit, { view, scenario }) {
  const changes = scenario.changes ?? [];
  switch (edit.op) {
    case "updateTouchpoint": {
      const tp = edit.touchpoint;
      if (isAdded(changes, tp.id)) return [(list) => updateAdded(list, tp)];
      const shown = view.touchpoints.find((t) => t.id === tp.id);
      if (!shown) throw new WhatIfRefusal(`This scenario has no touchpoint “${tp.name ?? tp.id}”.`);
      const keys = new Set([...Object.keys(tp), ...Object.keys(shown)]);
      const steps = [];
      for (const key of keys) {
        if (same(tp[key], shown[key])) continue;
        if (!FIELDS.includes(key)) {
          throw new WhatIfRefusal(`A scenario changes a touchpoint's emotion, impact and dropout; “${LABELS[key] ?? key}” belongs to the journey. ${LEAVE}`);
        }
        const value = tp[key] ?? (key === "impact" ? 1 : 0);
        steps.push((list) => setField(list, tp.id, key, value));
      }
      return steps;
    }
    case "setWeight":
      if (!(edit.weight > 0)) {
        return [(list) => removeTransition(list, edit.from, edit.to)];
      }
      return [(list) => setWeight(list, edit.from, edit.to, edit.weight)];
    case "addTransition":
      return [(list) => addTransition(list, edit.transition)];
    case "removeTransition":
      return [(list) => removeTransition(list, edit.from, edit.to)];
    case "removeTouchpoint":
      return [(list) => removeTouchpoint(list, edit.id)];
    case "addTouchpoint":
      return [(list) => [...list, { add: clean(edit.touchpoint) }]];
    case "moveTouchpoint":
      if (isAdded(changes, edit.id)) {
        return [(list) => list.map((c) => (c.add?.id === edit.id ? { add: { ...c.add, stage: edit.stage } } : c))];
      }
      throw new WhatIfRefusal(`A scenario cannot move a touchpoint of the journey to another stage. ${LEAVE}`);
    case "batch": {
      // Each edit reads the view as it was; good enough for the editor's batches.
      return edit.edits.flatMap((e) => scenarioSteps(e, { view, scenario }));
    }
    case "setTitle":
    case "setPersona":
      throw new WhatIfRefusal(`The title and the persona belong to the journey, not to a scenario. ${LEAVE}`);
    case "addStage":
    case "renameStage":
    case "moveStage":
    case "removeStage":
      throw new WhatIfRefusal(`Stages belong to the journey; a scenario cannot change them. ${LEAVE}`);
    case "setSettings":
      throw new WhatIfRefusal(`Settings belong to the journey, not to a scenario. ${LEAVE}`);
    default:
      throw new WhatIfRefusal(`This change cannot be part of a scenario. ${LEAVE}`);
  }
}

/** Runs the steps over a list of changes. */
export function applySteps(changes, steps) {
  return steps.reduce((list, step) => step(list), changes ?? []);
}

/** Takes change `index` out of a list, with every later change that needs what it added. */
export function withoutChange(changes, index) {
  const gone = changes[index];
  const rest = changes.filter((_, i) => i !== index);
  if (gone?.add) return rest.filter((c) => !namesTouchpoint(c, gone.add.id));
  if (gone?.addTransition) {
    const { from, to } = gone.addTransition;
    return rest.filter((c) => !(c.weight !== undefined && c.from === from && c.to === to));
  }
  return rest;
}

const MINUS = "\u2212";
const signed = (x) => `${x < 0 ? MINUS : "+"}${Math.abs(x).toFixed(2)}`;
const percent = (x) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
const FORMAT = { emotion: signed, impact: (x) => x.toFixed(2), dropout: percent };
const shift = { emotion: signed, impact: signed, dropout: (x) => `${x < 0 ? MINUS : "+"}${(100 * Math.abs(x)).toFixed(1)} pts` };

/**
 * One line of text per change, for people: "Waits for delivery: emotion
 * −0.50 → +0.30". `base` is the baseline JourneyFile (for names and the
 * values before); touchpoints the scenario adds are named from their record.
 */
export function describeChange(change, base, changes = []) {
  const names = new Map(base.touchpoints.map((t) => [t.id, t.name]));
  for (const c of changes) if (c.add) names.set(c.add.id, c.add.name);
  const name = (id) => `“${names.get(id) ?? id}”`;
  if (change.touchpoint !== undefined) {
    const before = base.touchpoints.find((t) => t.id === change.touchpoint) ?? {};
    const parts = [];
    for (const f of FIELDS) {
      if (change[f] !== undefined) {
        const was = before[f] ?? (f === "impact" ? 1 : 0);
        parts.push(`${f} ${FORMAT[f](was)} → ${FORMAT[f](change[f])}`);
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
