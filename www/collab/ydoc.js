// A journey as a Yjs document, field by field, so that what two people
// change at once both survives where it can:
//
//   <p>.meta         Y.Map  title, persona, format, version, unknown top-level fields
//   <p>.settings     Y.Map  one entry per setting
//   <p>.stages       Y.Map  key → Y.Map {id, name, …, $order}
//   <p>.touchpoints  Y.Map  key → Y.Map {id, name, stage, emotion, …, $order}
//   <p>.transitions  Y.Map  "from→to" → Y.Map {from, to, weight, …, $order}
//   <p>.scenarios    Y.Map  id → Y.Map {id, name, changes: Y.Array, …, $order}
//   <p>.lanes        Y.Map  key → Y.Map {id, kind, name, hidden, …, $order}
//   <p>.items        Y.Map  key → Y.Map {id, lane, stage, text, touchpoints, failPoint, …, $order}
//   <p>.personas     Y.Map  key → Y.Map {id, name, description, overrides, skip, …, $order}
//
// (<p> is "journeygraph" unless the caller names another prefix.) Every
// section is a top-level type: two peers that start one journey at once
// never replace each other's section. A touchpoint's or stage's key is its
// id with the peer that made it ("<client>:<id>", or "seed:<id>" for what a
// journey file seeded, the same on every peer): two people who add
// "touchpoint-5" at once both keep their card, and the reading below gives
// the later one (by key) a new id. Values are plain JSON (a list such as
// painPoints is one value: the last writer's list wins), except a
// scenario's changes: a Y.Array, so that two people adding What-if changes
// to one scenario at once both keep theirs (the core reads the list in the
// order every peer shares; of two changes to one field the later counts).
//
// readDoc(doc) turns the document back into a journey file, repaired the
// same way on every peer (it reads only the document): a transition whose
// end is gone is left out, a card whose stage was removed goes to the first
// stage, so does an item, an item whose lane is gone is left out and one
// that serves a removed touchpoint no longer serves it, a persona forgets
// what it said of a removed touchpoint and stops skipping one that became
// a goal or an end (the core refuses such a skip), a duplicate id is
// renamed, a record that is not a map is skipped;
// each repair is a diagnostic {code, path, message}. It never throws.
// writeFile(doc, file, {prev, origin}) writes what a local edit changed
// (the core's toJSON() before and after it) in one transaction: only
// that, so a record this peer has not taken in yet is never touched.

import * as Y from "yjs";
import { reorder, spreadKeys } from "./order.js";

const ORDER = "$order";
const SECTIONS = ["stages", "touchpoints", "transitions", "scenarios", "lanes", "items", "personas"];

/** The shared types of the journey in `doc`. */
export function sections(doc, prefix = "journeygraph") {
  const s = { meta: doc.getMap(`${prefix}.meta`), settings: doc.getMap(`${prefix}.settings`) };
  for (const name of SECTIONS) s[name] = doc.getMap(`${prefix}.${name}`);
  return s;
}

/** Whether the document holds no journey yet (a new room, a new local doc). */
export function isEmpty(doc, prefix) {
  const s = sections(doc, prefix);
  return Object.values(s).every((m) => m.size === 0);
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
/**
 * Whether two JSON values are equal (object keys in any order). Compared
 * in place, without writing either out as text: a local edit compares
 * every record of the journey before and after it, a slider step too.
 */
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.hasOwn(b, k) || !same(a[k], b[k])) return false;
  return true;
}
const byOrder = (a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const transitionKey = (t) => `${t.from}→${t.to}`;

/** The records of one section: [{key, order, record}], records as plain objects without $order. */
function entries(map, section, diagnostics) {
  const out = [];
  for (const [key, value] of map.entries()) {
    if (!(value instanceof Y.Map)) {
      diagnostics.push({ code: "collab_repaired", path: `/${section}`, message: `A ${section.slice(0, -1)} that is not a record was left out.` });
      continue;
    }
    const record = {};
    let order = "";
    for (const [k, v] of value.entries()) {
      if (k === ORDER) order = typeof v === "string" ? v : "";
      else record[k] = v instanceof Y.AbstractType ? v.toJSON() : v;
    }
    out.push({ key, order, record });
  }
  return out.sort(byOrder);
}

/** Gives every record a distinct string id: the first by order keeps it, later ones get "<id>~2", "~3", … */
function distinctIds(list, section, diagnostics, taken = new Set()) {
  const claims = [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const seen = new Set();
  for (const e of claims) {
    if (typeof e.record.id !== "string" || e.record.id === "") e.record.id = e.key.replace(/^[^:]*:/, "") || e.key;
    let id = e.record.id;
    if (seen.has(id) || taken.has(id)) {
      let n = 2;
      while (seen.has(`${id}~${n}`) || taken.has(`${id}~${n}`)) n += 1;
      diagnostics.push({ code: "collab_repaired", path: `/${section}`, message: `Two people made a ${section.slice(0, -1)} “${id}” at once; the second is now “${id}~${n}”.` });
      id = `${id}~${n}`;
      e.record.id = id;
    }
    seen.add(id);
  }
}

/**
 * The journey file in `doc`, repaired: {file, diagnostics, keys}, `keys`
 * mapping each section's ids (as read) to the document's keys, for
 * writeFile. Never throws on what a peer may have written.
 */
export function readDoc(doc, prefix) {
  const s = sections(doc, prefix);
  const diagnostics = [];
  const file = { format: "journeygraph", version: 2, title: "" };
  for (const [k, v] of s.meta.entries()) file[k] = v;
  if (typeof file.title !== "string") file.title = String(file.title ?? "");
  const settings = Object.fromEntries(s.settings.entries());
  const stages = entries(s.stages, "stages", diagnostics);
  distinctIds(stages, "stages", diagnostics);
  const touchpoints = entries(s.touchpoints, "touchpoints", diagnostics);
  distinctIds(touchpoints, "touchpoints", diagnostics);
  // A card whose stage was removed (by someone else, at once) goes to the first stage.
  const stageAt = new Map(stages.map((e, i) => [e.record.id, i]));
  if (!stages.length && touchpoints.length) {
    stages.push({ key: "repair:stage", order: "", record: { id: "recovered", name: "Recovered" } });
    stageAt.set("recovered", 0);
    diagnostics.push({ code: "collab_repaired", path: "/stages", message: "Every stage was removed while cards remained: they are in a stage “Recovered”." });
  }
  for (const e of touchpoints) {
    if (!stageAt.has(e.record.stage)) {
      const to = stages[0].record;
      diagnostics.push({ code: "collab_repaired", path: "/touchpoints", message: `“${e.record.name ?? e.record.id}” was in a stage someone removed; it is now in “${to.name ?? to.id}”.` });
      e.record.stage = to.id;
      e.order = "\uffff"; // after the cards already there, the same on every peer
    }
  }
  touchpoints.sort((a, b) => stageAt.get(a.record.stage) - stageAt.get(b.record.stage) || byOrder(a, b));
  // Transitions whose ends were removed are left out; one per pair.
  const ids = new Set(touchpoints.map((e) => e.record.id));
  const pairs = new Set();
  const transitions = [];
  for (const e of entries(s.transitions, "transitions", diagnostics)) {
    const t = e.record;
    if (!ids.has(t.from) || !ids.has(t.to)) {
      diagnostics.push({ code: "collab_repaired", path: "/transitions", message: `The transition ${t.from} → ${t.to} was left out: ${ids.has(t.from) ? t.to : t.from} was removed.` });
      continue;
    }
    const pair = transitionKey(t);
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    transitions.push(e);
  }
  const scenarios = entries(s.scenarios, "scenarios", diagnostics);
  distinctIds(scenarios, "scenarios", diagnostics);
  const lanes = entries(s.lanes, "lanes", diagnostics);
  distinctIds(lanes, "lanes", diagnostics);
  const laneIds = new Set(lanes.map((e) => e.record.id));
  const items = [];
  for (const e of entries(s.items, "items", diagnostics)) {
    const it = e.record;
    if (!laneIds.has(it.lane)) {
      diagnostics.push({ code: "collab_repaired", path: "/items", message: `“${it.text || it.id}” was left out: its lane was removed.` });
      continue;
    }
    if (!stageAt.has(it.stage) && stages.length) {
      const to = stages[0].record;
      diagnostics.push({ code: "collab_repaired", path: "/items", message: `“${it.text || it.id}” was in a stage someone removed; it is now in “${to.name ?? to.id}”.` });
      it.stage = to.id;
    }
    if (Array.isArray(it.touchpoints) && it.touchpoints.some((t) => !ids.has(t))) {
      it.touchpoints = it.touchpoints.filter((t) => ids.has(t));
      diagnostics.push({ code: "collab_repaired", path: "/items", message: `“${it.text || it.id}” no longer serves a touchpoint someone removed.` });
    }
    items.push(e);
  }
  distinctIds(items, "items", diagnostics);
  const personas = entries(s.personas, "personas", diagnostics);
  repairPersonas(personas, touchpoints.map((e) => e.record), transitions.map((e) => e.record), diagnostics);
  distinctIds(personas, "personas", diagnostics);
  file.stages = stages.map((e) => e.record);
  file.touchpoints = touchpoints.map((e) => e.record);
  file.transitions = transitions.map((e) => e.record);
  if (Object.keys(settings).length) file.settings = settings;
  if (scenarios.length) file.scenarios = scenarios.map((e) => e.record);
  if (lanes.length) file.lanes = lanes.map((e) => e.record);
  if (items.length) file.items = items.map((e) => e.record);
  if (personas.length) file.personas = personas.map((e) => e.record);
  const keys = {};
  for (const [name, list] of [["stages", stages], ["touchpoints", touchpoints], ["transitions", transitions], ["scenarios", scenarios], ["lanes", lanes], ["items", items], ["personas", personas]]) {
    keys[name] = new Map(list.map((e) => [name === "transitions" ? transitionKey(e.record) : e.record.id, e.key]));
  }
  return { file, diagnostics, keys };
}

/**
 * A persona forgets its overrides and skips of touchpoints that are gone,
 * and stops skipping a goal or an end (no way on to another touchpoint):
 * two peers may have made those at once. Changes `personas` in place.
 */
function repairPersonas(personas, touchpoints, transitions, diagnostics) {
  if (!personas.length) return;
  const byId = new Map(touchpoints.map((t) => [t.id, t]));
  const onward = new Set(transitions.filter((t) => t.from !== t.to).map((t) => t.from));
  for (const { record: p } of personas) {
    const name = p.name || p.id;
    if (Array.isArray(p.overrides) && p.overrides.some((o) => !byId.has(o?.touchpoint))) {
      p.overrides = p.overrides.filter((o) => byId.has(o?.touchpoint));
      diagnostics.push({ code: "collab_repaired", path: "/personas", message: `Persona “${name}” no longer overrides a touchpoint someone removed.` });
    }
    if (Array.isArray(p.skip)) {
      const keep = p.skip.filter((id) => byId.has(id) && !byId.get(id).goal && onward.has(id));
      if (keep.length !== p.skip.length) {
        p.skip = keep;
        diagnostics.push({ code: "collab_repaired", path: "/personas", message: `Persona “${name}” no longer skips a touchpoint that was removed or became a goal or an end.` });
      }
    }
  }
}

/**
 * Writes into the Y.Map `y` the fields of `record` that differ from
 * `prev` (all of them when `prev` is null: a new record), deleting those
 * `record` no longer has; and `order` where given.
 */
function writeRecord(y, record, prev, order, lists = NO_LISTS) {
  const before = prev ?? {};
  if (prev === null) {
    for (const k of [...y.keys()]) if (k !== ORDER && !(k in record)) y.delete(k);
  } else {
    for (const k of Object.keys(before)) if (!(k in record) && y.has(k)) y.delete(k);
  }
  for (const [k, v] of Object.entries(record)) {
    if (lists.has(k) && Array.isArray(v)) writeList(y, k, v);
    else if ((prev === null || !same(before[k], v) || !y.has(k)) && !same(y.get(k), v)) y.set(k, v);
  }
  if (order !== undefined && y.get(ORDER) !== order) y.set(ORDER, order);
}

const NO_LISTS = new Set();
const SCENARIO_LISTS = new Set(["changes"]);

/**
 * Writes list `v` as the Y.Array at `y[k]`: only what differs from what the
 * array holds (the items between their common start and end are replaced),
 * so items another peer inserted at once stay. A plain value there (a
 * document from before) becomes a Y.Array.
 */
function writeList(y, k, v) {
  const arr = y.get(k);
  if (!(arr instanceof Y.Array)) {
    y.set(k, Y.Array.from(v));
    return;
  }
  const has = arr.toJSON();
  let start = 0;
  while (start < has.length && start < v.length && same(has[start], v[start])) start += 1;
  let end = 0;
  while (end < has.length - start && end < v.length - start && same(has[has.length - 1 - end], v[v.length - 1 - end])) end += 1;
  const removed = has.length - start - end;
  if (removed > 0) arr.delete(start, removed);
  const added = v.slice(start, v.length - end);
  if (added.length) arr.insert(start, added);
}

/** The ids of `records` by group, in order. */
function sequences(records, ids, groupOf) {
  const out = new Map();
  records.forEach((r, i) => {
    const g = groupOf(r);
    if (!out.has(g)) out.set(g, []);
    out.get(g).push(ids[i]);
  });
  return out;
}

/**
 * Writes what changed in one section from `prevRecords` to `records` (both
 * in file order) into `map`: records added, removed, changed field by
 * field, and order keys only in a group (a stage's cards) whose order
 * changed. What the document holds and this peer's core does not (a
 * record still waiting for an update it depends on, one refused here) is
 * left alone: a peer writes only its own edits.
 */
function writeSection(map, records, prevRecords, { known, keyOf, fresh, groupOf = () => "", lists = NO_LISTS }) {
  // Each record's id once (a transition's is made from its ends).
  const prevIds = prevRecords.map(keyOf);
  const ids = records.map(keyOf);
  const prevBy = new Map(prevIds.map((id, i) => [id, prevRecords[i]]));
  const now = new Set(ids);
  for (const id of prevBy.keys()) {
    if (!now.has(id) && known.has(id)) {
      map.delete(known.get(id));
      known.delete(id);
    }
  }
  const before = sequences(prevRecords, prevIds, groupOf);
  const after = sequences(records, ids, groupOf);
  const rows = new Map();
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const id = ids[i];
    const key = known.get(id) ?? fresh(id);
    // The caller's keys follow the write: the next write needs no readDoc.
    if (!known.has(id)) known.set(id, key);
    const y = map.get(key);
    rows.set(id, { record, key, y: y instanceof Y.Map ? y : null, prev: prevBy.get(id) ?? null, order: undefined });
  }
  for (const [g, members] of after) {
    const was = before.get(g) ?? [];
    if (was.length === members.length && was.every((id, i) => id === members[i]) && members.every((id) => rows.get(id).y)) continue;
    const group = members.map((id) => rows.get(id));
    // A record keeps its key where the document has it in this group already.
    const stays = (row) => row.y && groupOf(Object.fromEntries(row.y.entries())) === g;
    const orders = reorder(group.map((row) => ({ key: stays(row) ? row.y.get(ORDER) : null })));
    group.forEach((row, i) => { row.order = orders[i]; });
  }
  for (const row of rows.values()) {
    if (row.prev && row.order === undefined && row.y && same(row.prev, row.record)) continue;
    if (!row.y) {
      row.y = new Y.Map();
      map.set(row.key, row.y);
      row.prev = null;
    }
    // A record this edit touched is written as the core has it (a repair
    // the core made to it, such as a stage, goes into the document with it).
    writeRecord(row.y, row.record, null, row.order, lists);
  }
}

const EMPTY = { stages: [], touchpoints: [], transitions: [], scenarios: [], lanes: [], items: [], personas: [] };
const topOf = (file) => Object.fromEntries(Object.entries(file ?? {}).filter(([key]) => !SECTIONS.includes(key) && key !== "settings"));

/**
 * Writes what changed from journey file `prev` to `file` (objects: the
 * core's toJSON() before and after a local edit) into `doc`, in one
 * transaction with `origin`. `keys` (from the last readDoc) says which
 * document record each id is; ids new to the document get keys of this
 * peer (`seed: true`: the "seed:" keys every peer shares), and `keys`
 * is updated in place with them (and without the ids removed), so that it
 * stays what a readDoc after the write would give.
 */
export function writeFile(doc, file, { prev = null, origin = null, prefix, keys = null, seed = false } = {}) {
  const s = sections(doc, prefix);
  const k = keys ?? readDoc(doc, prefix).keys;
  const was = prev ?? EMPTY;
  const mine = (id) => (seed ? `seed:${id}` : `${doc.clientID}:${id}`);
  doc.transact(() => {
    writeRecord(s.meta, topOf(file), prev ? topOf(prev) : null);
    writeRecord(s.settings, isObject(file.settings) ? file.settings : {}, prev ? (isObject(prev.settings) ? prev.settings : {}) : null);
    writeSection(s.stages, file.stages ?? [], was.stages ?? [], { known: k.stages, keyOf: (r) => r.id, fresh: mine });
    writeSection(s.touchpoints, file.touchpoints ?? [], was.touchpoints ?? [], { known: k.touchpoints, keyOf: (r) => r.id, fresh: mine, groupOf: (r) => r.stage });
    writeSection(s.transitions, file.transitions ?? [], was.transitions ?? [], { known: k.transitions, keyOf: transitionKey, fresh: (pair) => pair });
    writeSection(s.scenarios, file.scenarios ?? [], was.scenarios ?? [], { known: k.scenarios, keyOf: (r) => r.id, fresh: (id) => id, lists: SCENARIO_LISTS });
    writeSection(s.lanes, file.lanes ?? [], was.lanes ?? [], { known: k.lanes, keyOf: (r) => r.id, fresh: mine });
    writeSection(s.items, file.items ?? [], was.items ?? [], { known: k.items, keyOf: (r) => r.id, fresh: mine });
    writeSection(s.personas, file.personas ?? [], was.personas ?? [], { known: k.personas, keyOf: (r) => r.id, fresh: mine });
  }, origin);
}

/** Fills an empty document from journey file `file` (keys every peer seeding the same file shares). */
export function seedDoc(doc, file, { origin = null, prefix } = {}) {
  const empty = { stages: new Map(), touchpoints: new Map(), transitions: new Map(), scenarios: new Map(), lanes: new Map(), items: new Map(), personas: new Map() };
  writeFile(doc, file, { origin, prefix, keys: empty, seed: true });
}
