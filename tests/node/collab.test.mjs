// journeygraph/collab through the built package as a user installs it,
// with real yjs documents and the real wasm Journey: the mapping keeps a
// journey exactly; concurrent edits merge field by field; the repairs after
// a merge are the same on every peer and never throw; a hostile peer's
// values are refused without wedging anyone; undo is local; and a
// randomised run of concurrent edits from 3 peers ends identical.
//   bash tools/build.sh && cd tests && node --test node/collab.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { installed, network, settle } from "./collab-peers.mjs";
import { random } from "../random.mjs";

let lib;
before(async () => {
  lib = await installed();
});

const small = () => JSON.stringify({
  format: "journeygraph", version: 1, title: "Shared",
  stages: [{ id: "look", name: "Look" }, { id: "buy", name: "Buy" }],
  touchpoints: [
    { id: "ad", name: "Sees an ad", stage: "look", entry: 1, emotion: 0.2 },
    { id: "site", name: "Website", stage: "look" },
    { id: "pay", name: "Pays", stage: "buy", goal: true },
  ],
  transitions: [{ from: "ad", to: "site" }, { from: "site", to: "pay", weight: 2 }],
});

const tp = (peer, id) => peer.journey.view().touchpoints.find((t) => t.id === id);
const texts = (net) => net.peers.map((p) => p.journey.toJSON());
const allSame = (net) => {
  const [first, ...rest] = texts(net);
  for (const t of rest) assert.equal(t, first);
  return JSON.parse(first);
};

test("a journey goes into a document and comes back as it was", () => {
  const { Journey, collab, Y } = lib;
  const sample = Journey.sample();
  const doc = new Y.Doc();
  collab.seedDoc(doc, JSON.parse(sample.toJSON()));
  const { file, diagnostics } = collab.readDoc(doc);
  assert.deepEqual(diagnostics, []);
  const back = Journey.fromJSON(JSON.stringify(file));
  assert.equal(back.toJSON(), sample.toJSON());
  // And through an update, as another peer receives it.
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  assert.equal(Journey.fromJSON(JSON.stringify(collab.readDoc(other).file)).toJSON(), sample.toJSON());
  back.free();
  sample.free();
});

test("writeFile keeps the caller's keys as a readDoc after the write would give them (a local edit reads nothing back)", () => {
  const { collab, Y } = lib;
  const doc = new Y.Doc();
  const start = JSON.parse(small());
  collab.seedDoc(doc, start);
  const { keys } = collab.readDoc(doc);
  const next = {
    ...start,
    touchpoints: [...start.touchpoints.filter((t) => t.id !== "site"), { id: "shop", name: "Shop", stage: "buy" }],
    transitions: [{ from: "ad", to: "shop" }, { from: "shop", to: "pay" }],
  };
  collab.writeFile(doc, next, { prev: start, keys });
  const fresh = collab.readDoc(doc).keys;
  for (const name of ["stages", "touchpoints", "transitions"]) {
    assert.deepEqual([...keys[name]].sort(), [...fresh[name]].sort(), name);
  }
  assert.equal(keys.touchpoints.has("site"), false);
  assert.match(keys.touchpoints.get("shop"), new RegExp(`^${doc.clientID}:shop$`));
  // A second write with those keys edits the record it made, rather than adding another.
  const renamed = { ...next, touchpoints: next.touchpoints.map((t) => (t.id === "shop" ? { ...t, name: "Web shop" } : t)) };
  collab.writeFile(doc, renamed, { prev: next, keys });
  const { file } = collab.readDoc(doc);
  assert.deepEqual(file.touchpoints.map((t) => [t.id, t.name]), [["ad", "Sees an ad"], ["pay", "Pays"], ["shop", "Web shop"]]);
});

test("two people change different fields of one touchpoint: both keep their change", async () => {
  const net = await network(lib, small(), 2);
  const [a, b] = net.peers;
  assert.ok(a.binding.apply({ op: "updateTouchpoint", touchpoint: { ...tp(a, "site"), emotion: -0.6 } }));
  assert.ok(b.binding.apply({ op: "updateTouchpoint", touchpoint: { ...tp(b, "site"), name: "Online shop" } }));
  await net.sync();
  const file = allSame(net);
  const site = file.touchpoints.find((t) => t.id === "site");
  assert.equal(site.emotion, -0.6);
  assert.equal(site.name, "Online shop");
});

// Version 2: lanes and blueprint items are sections of their own.
const blueprint = () => JSON.stringify({
  ...JSON.parse(small()), version: 2,
  lanes: [{ id: "front", kind: "frontstage", name: "Staff" }, { id: "sys", kind: "support", name: "Systems" }],
  items: [
    { id: "greet", lane: "front", stage: "look", text: "Greets", touchpoints: ["site"] },
    { id: "check", lane: "sys", stage: "buy", text: "Card check", touchpoints: ["site"], failPoint: { rate: 0.05 } },
  ],
});
const item = (peer, id) => peer.journey.view().items.find((i) => i.id === id);

test("two people edit different items and lanes at once: every change survives on every peer", async () => {
  const net = await network(lib, blueprint(), 2);
  const [a, b] = net.peers;
  const { failPoint, ...greet } = item(a, "greet");
  assert.equal(failPoint, null);
  assert.ok(a.binding.apply({ op: "updateItem", item: { ...greet, text: "Greets warmly" } }));
  assert.ok(b.binding.apply({ op: "updateItem", item: { ...item(b, "check"), failPoint: { rate: 0.2, lost: 0.5 } } }));
  assert.ok(a.binding.apply({ op: "addLane", lane: { id: "notes", kind: "custom", name: "Notes" } }));
  assert.ok(b.binding.apply({ op: "hideLane", id: "front", hidden: true }));
  await net.sync();
  const file = allSame(net);
  assert.equal(file.version, 2);
  assert.equal(file.items.find((i) => i.id === "greet").text, "Greets warmly");
  assert.deepEqual(file.items.find((i) => i.id === "check").failPoint, { rate: 0.2, lost: 0.5 });
  assert.deepEqual(file.lanes.map((l) => [l.id, l.hidden ?? false]), [["front", true], ["sys", false], ["notes", false]]);
  // The fail point's new rate is in every peer's figures: 1 − 0.2·0.5 of those at "site" go on.
  const success = net.peers.map((p) => p.journey.analyze().success);
  assert.equal(new Set(success).size, 1);
  assert.ok(Math.abs(success[0] - 0.9) < 1e-12, `success ${success[0]}`);
});

test("an item serving a touchpoint someone removed at once no longer serves it, on every peer", async () => {
  const net = await network(lib, blueprint(), 2);
  const [a, b] = net.peers;
  assert.ok(a.binding.apply({ op: "removeTouchpoint", id: "site" }));
  assert.ok(b.binding.apply({ op: "updateItem", item: { ...item(b, "check"), text: "Card check v2", failPoint: { rate: 0.1 } } }));
  await net.sync();
  const file = allSame(net);
  const check = file.items.find((i) => i.id === "check");
  assert.equal(check.text, "Card check v2");
  assert.equal(check.touchpoints, undefined);
});

// Personas are a section of their own too.
const withPersonas = () => JSON.stringify({
  ...JSON.parse(small()), version: 2,
  personas: [
    { id: "new", name: "First-timer", overrides: [{ touchpoint: "site", emotion: -0.5, dropout: 0.3 }] },
    { id: "back", name: "Returning", skip: ["site"] },
  ],
});
const persona = (peer, id) => peer.journey.view().personas.find((p) => p.id === id);

test("two people edit different personas at once; one makes a skipped card a goal: every peer repairs the same way", async () => {
  const net = await network(lib, withPersonas(), 2);
  const [a, b] = net.peers;
  assert.ok(a.binding.apply({ op: "putPersona", persona: { ...persona(a, "new"), name: "First-time buyer" } }));
  assert.ok(b.binding.apply({ op: "putPersona", persona: { id: "pro", name: "Trade buyer", overrides: [{ touchpoint: "ad", entry: 0 }, { touchpoint: "site", entry: 1 }] } }));
  // At once: a makes "site" a goal, which "back" skips on b's side too.
  assert.ok(a.binding.apply({ op: "updateTouchpoint", touchpoint: { ...tp(a, "site"), goal: true } }));
  assert.ok(b.binding.apply({ op: "putPersona", persona: { ...persona(b, "back"), description: "Knows the shop" } }));
  await net.sync();
  const file = allSame(net);
  assert.deepEqual(file.personas.map((p) => p.id), ["new", "back", "pro"]);
  assert.equal(file.personas[0].name, "First-time buyer");
  const back = file.personas[1];
  assert.equal(back.description, "Knows the shop");
  assert.equal(back.skip, undefined, "a goal cannot be skipped: the skip is dropped on every peer");
  // Every peer's figures per persona agree, and the trade buyer starts at the site (a goal now): success 1.
  const figures = net.peers.map((p) => JSON.stringify(p.journey.personaFigures()));
  assert.equal(new Set(figures).size, 1);
  const pro = net.peers[0].journey.personaFigures().find((p) => p.id === "pro");
  assert.equal(pro.analysis.success, 1);
});

test("two people set the same field at once: one value on every peer", async () => {
  const net = await network(lib, small(), 3);
  net.peers.forEach((p, i) => assert.ok(p.binding.apply({ op: "updateTouchpoint", touchpoint: { ...tp(p, "ad"), name: `Name ${i}` } })));
  await net.sync();
  const name = allSame(net).touchpoints.find((t) => t.id === "ad").name;
  assert.match(name, /^Name [012]$/);
});

test("two people add What-if changes to one scenario at once: both changes are kept on every peer", async () => {
  const withScenario = JSON.stringify({ ...JSON.parse(small()), scenarios: [{ id: "s", name: "Better site", changes: [] }] });
  const net = await network(lib, withScenario, 2);
  const [a, b] = net.peers;
  const inScenario = (edit) => ({ op: "inScenario", scenario: "s", edit });
  assert.ok(a.binding.apply(inScenario({ op: "updateTouchpoint", touchpoint: { ...tp(a, "site"), emotion: 0.6 } })));
  assert.ok(b.binding.apply(inScenario({ op: "updateTouchpoint", touchpoint: { ...tp(b, "ad"), emotion: 0.9 } })));
  await net.sync();
  const file = allSame(net);
  const changes = file.scenarios.find((x) => x.id === "s").changes;
  assert.equal(changes.length, 2, JSON.stringify(changes));
  assert.deepEqual(changes.map((c) => c.touchpoint).sort(), ["ad", "site"]);
  // Then one takes a change back; the other's stays, everywhere.
  const mine = file.scenarios[0].changes.findIndex((c) => c.touchpoint === "site");
  assert.ok(a.binding.apply({ op: "removeChange", scenario: "s", index: mine }));
  await net.sync();
  assert.deepEqual(allSame(net).scenarios[0].changes.map((c) => c.touchpoint), ["ad"]);
});

test("delete against edit: the touchpoint and its transitions go on every peer, without an exception", async () => {
  const net = await network(lib, small(), 2);
  const [a, b] = net.peers;
  assert.ok(a.binding.apply({ op: "removeTouchpoint", id: "site" }));
  assert.ok(b.binding.apply({ op: "updateTouchpoint", touchpoint: { ...tp(b, "site"), emotion: 0.9 } }));
  assert.ok(b.binding.apply({ op: "addTransition", transition: { from: "pay", to: "site" } }));
  await net.sync();
  const file = allSame(net);
  assert.equal(file.touchpoints.some((t) => t.id === "site"), false);
  assert.equal(file.transitions.some((t) => t.from === "site" || t.to === "site"), false);
  assert.ok(b.binding.diagnostics.some((d) => d.code === "collab_repaired" && /pay → site/.test(d.message)), JSON.stringify(b.binding.diagnostics));
});

test("stage removal against a card moved into it: the card lands in the first stage, the same everywhere", async () => {
  const net = await network(lib, small(), 2);
  const [a, b] = net.peers;
  assert.ok(a.binding.apply({ op: "removeStage", id: "buy", moveTo: "look" }));
  assert.ok(b.binding.apply({ op: "moveTouchpoint", id: "ad", stage: "buy", position: 0 }));
  await net.sync();
  const file = allSame(net);
  assert.deepEqual(file.stages.map((s) => s.id), ["look"]);
  assert.deepEqual(file.touchpoints.map((t) => [t.id, t.stage]).sort(), [["ad", "look"], ["pay", "look"], ["site", "look"]]);
  assert.ok(a.binding.diagnostics.some((d) => /“Sees an ad” was in a stage someone removed/.test(d.message)));
  // Later edits build on the repaired journey, the same everywhere.
  assert.ok(a.binding.apply({ op: "setTitle", title: "After" }));
  assert.ok(b.binding.apply({ op: "moveTouchpoint", id: "ad", stage: "look", position: 0 }));
  await net.sync();
  const after = allSame(net);
  assert.equal(after.title, "After");
  assert.equal(after.touchpoints[0].id, "ad");
});

test("two people add a touchpoint with the same id at once: both cards are kept", async () => {
  const net = await network(lib, small(), 2);
  const [a, b] = net.peers;
  assert.ok(a.binding.apply({ op: "addTouchpoint", touchpoint: { id: "touchpoint-4", name: "Ana's card", stage: "look" } }));
  assert.ok(b.binding.apply({ op: "addTouchpoint", touchpoint: { id: "touchpoint-4", name: "Ben's card", stage: "buy" } }));
  await net.sync();
  const file = allSame(net);
  const made = file.touchpoints.filter((t) => /^touchpoint-4/.test(t.id));
  assert.deepEqual(made.map((t) => t.name).sort(), ["Ana's card", "Ben's card"]);
  assert.deepEqual(made.map((t) => t.id).sort(), ["touchpoint-4", "touchpoint-4~2"]);
});

test("a hostile peer's values are refused with a diagnostic; the journey stays workable", async () => {
  const { Y, collab } = lib;
  const net = await network(lib, small(), 2);
  const [a, b] = net.peers;
  // Peer b writes straight into the document, past the core.
  const site = [...b.doc.getMap("journeygraph.touchpoints").values()].find((m) => m.get("id") === "site");
  b.doc.transact(() => {
    site.set("emotion", 7);
    site.set("name", "x".repeat(20000));
    b.doc.getMap("journeygraph.touchpoints").set("junk", 42);
    b.doc.getMap("journeygraph.meta").set("title", "Still fine");
  });
  await net.sync();
  const file = JSON.parse(a.journey.toJSON());
  assert.equal(file.title, "Still fine");
  assert.equal(file.touchpoints.some((t) => t.id === "site" && t.emotion === 7), false);
  assert.ok(a.binding.diagnostics.some((d) => d.code === "collab_refused"), JSON.stringify(a.binding.diagnostics));
  assert.ok(a.binding.apply({ op: "setTitle", title: "Workable" }));
  await net.sync();
  assert.equal(JSON.parse(b.journey.toJSON()).title, "Workable");
  assert.ok(Y && collab);
});

test("undo undoes only your own edits", async () => {
  const net = await network(lib, small(), 2);
  const [a, b] = net.peers;
  assert.ok(a.binding.apply({ op: "updateTouchpoint", touchpoint: { ...tp(a, "ad"), emotion: -1 } }));
  await net.sync();
  await new Promise((done) => setTimeout(done, 450)); // a separate undo step
  assert.ok(b.binding.apply({ op: "updateTouchpoint", touchpoint: { ...tp(b, "ad"), name: "Ben's name" } }));
  await net.sync();
  assert.equal(a.binding.history.canUndo, true);
  assert.ok(a.binding.undo());
  await net.sync();
  const ad = allSame(net).touchpoints.find((t) => t.id === "ad");
  assert.equal(ad.emotion, 0.2, "Ana's edit is undone");
  assert.equal(ad.name, "Ben's name", "Ben's edit stays");
  assert.equal(a.binding.history.canUndo, false, "Ben's edit is not in Ana's stack");
  assert.ok(a.binding.redo());
  await net.sync();
  assert.equal(allSame(net).touchpoints.find((t) => t.id === "ad").emotion, -1);
});

/** A random edit of `view` by peer `p` (the n-th edit). */
function randomEdit(rand, view, p, n) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const tps = view.touchpoints;
  const r = rand();
  if (!tps.length || r < 0.12) return { op: "addTouchpoint", touchpoint: { id: `p${p}-${n}`, name: `Card ${p}.${n}`, stage: pick(view.stages).id }, position: Math.floor(rand() * 3) };
  const t = pick(tps);
  if (r < 0.4) {
    const field = pick(["emotion", "impact", "dropout", "name", "channel", "owner", "service", "entry"]);
    const value = { emotion: Math.round((rand() * 2 - 1) * 100) / 100, impact: Math.round(rand() * 100) / 100, dropout: Math.round(rand() * 30) / 100,
      name: `Name ${p}.${n}`, channel: pick(["web", "phone", "store"]), owner: pick(["sales", "service"]), service: rand() < 0.5, entry: Math.floor(rand() * 3) }[field];
    return { op: "updateTouchpoint", touchpoint: { ...t, [field]: value } };
  }
  if (r < 0.48) return { op: "removeTouchpoint", id: t.id };
  if (r < 0.6) return { op: "addTransition", transition: { from: t.id, to: pick(tps).id, weight: 1 + Math.floor(rand() * 3) } };
  if (r < 0.66 && view.transitions.length) {
    const x = pick(view.transitions);
    return rand() < 0.5 ? { op: "removeTransition", from: x.from, to: x.to } : { op: "setWeight", from: x.from, to: x.to, weight: 1 + Math.floor(rand() * 5) };
  }
  if (r < 0.78) return { op: "moveTouchpoint", id: t.id, stage: pick(view.stages).id, position: Math.floor(rand() * 4) };
  if (r < 0.82) return { op: "addStage", stage: { id: `s${p}-${n}`, name: `Stage ${p}.${n}` }, index: Math.floor(rand() * 3) };
  if (r < 0.85 && view.stages.length > 2) {
    const s = pick(view.stages);
    return { op: "removeStage", id: s.id, moveTo: rand() < 0.7 ? pick(view.stages.filter((x) => x.id !== s.id)).id : undefined };
  }
  if (r < 0.9) return { op: "renameStage", id: pick(view.stages).id, name: `Renamed ${p}.${n}` };
  if (r < 0.93) return { op: "moveStage", id: pick(view.stages).id, index: Math.floor(rand() * view.stages.length) };
  if (r < 0.96) return { op: "setTitle", title: `Title ${p}.${n}` };
  return { op: "setSettings", settings: { ...(view.settings ?? {}), sensitivity: Math.round(rand() * 300) / 100 } };
}

test("1,200 random concurrent edits from 3 peers end with the same canonical journey, every surviving card kept", async () => {
  const { Journey } = lib;
  const sample = Journey.sample();
  const net = await network(lib, sample.toJSON(), 3);
  const rand = random(Number(process.env.JG_COLLAB_SEED ?? 12)); // another seed: JG_COLLAB_SEED=n
  const added = new Set(JSON.parse(sample.toJSON()).touchpoints.map((t) => t.id));
  const removed = new Set();
  let applied = 0;
  for (let n = 0; n < 1200; n += 1) {
    const p = Math.floor(rand() * 3);
    const peer = net.peers[p];
    // Peers go offline and come back; updates arrive late and out of order.
    if (rand() < 0.02) peer.online = !peer.online;
    const view = peer.journey.view();
    const before = new Set(view.touchpoints.map((t) => t.id));
    let ok = false;
    try {
      ok = peer.binding.apply(randomEdit(rand, view, p, n));
    } catch {
      ok = false; // an edit the core refuses (a loop with no way out, a duplicate): nothing changed
    }
    if (ok) {
      applied += 1;
      const after = new Set(peer.journey.view().touchpoints.map((t) => t.id));
      for (const id of after) if (!before.has(id)) added.add(id);
      for (const id of before) if (!after.has(id)) removed.add(id);
    }
    if (rand() < 0.5) net.deliver(() => rand() < 0.6);
    if (rand() < 0.3) await settle();
  }
  await net.sync();
  assert.ok(applied >= 1000, `${applied} edits applied`);
  const file = allSame(net);
  const ids = new Set(file.touchpoints.map((t) => t.id));
  for (const id of added) if (!removed.has(id)) assert.ok(ids.has(id), `card ${id}, added and never removed, is there`);
  for (const id of ids) assert.ok(added.has(id), `card ${id} was added by someone`);
  // Every peer's document reads back to the same journey too.
  for (const p of net.peers) assert.equal(Journey.fromJSON(p.binding.read().text).toJSON(), texts(net)[0]);
  sample.free();
});

test("the README's journeygraph/collab example runs as written", async () => {
  const { readFileSync, writeFileSync } = await import("node:fs");
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const start = readme.indexOf("\n## Share and co-edit (journeygraph/collab)\n");
  assert.ok(start >= 0);
  const code = /^```js\n([\s\S]*?)^```$/m.exec(readme.slice(start))?.[1];
  assert.ok(code, "the section has a js example");
  // Run from the folder the package is installed in, as a user's module.
  const file = new URL("../out/collab/readme-example.mjs", import.meta.url);
  writeFileSync(file, code);
  await import(file.href);
});
