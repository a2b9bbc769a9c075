// The built npm package, used exactly as a Node user would (SPEC section 7):
// import pkg/journeygraph.js, hand initSync the wasm bytes, call Journey.
// Needs `bash tools/build.sh` first; run with `node --test tests/node/`.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey } from "../../pkg/journeygraph.js";

const pkg = new URL("../../pkg/", import.meta.url);

before(() => {
  const bytes = readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg)));
  initSync({ module: bytes });
});

/** A small valid journey; the bad files below each change one thing of it. */
function tiny() {
  return {
    format: "journeygraph",
    version: 1,
    title: "Tiny",
    stages: [{ id: "s", name: "Stage" }],
    touchpoints: [
      { id: "a", name: "Ad", stage: "s", entry: 1 },
      { id: "b", name: "Buy", stage: "s", goal: true },
    ],
    transitions: [{ from: "a", to: "b" }],
  };
}

/** Loads `text`, expecting it refused; returns what was thrown. */
function thrownBy(text) {
  try {
    const j = Journey.fromJSON(text);
    j.free();
  } catch (e) {
    return e;
  }
  assert.fail(`accepted a bad file:\n${text}`);
}

function assertRefused(text, code, path) {
  const e = thrownBy(text);
  assert.notEqual(typeof e, "string", "threw a bare string");
  assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`);
  assert.equal(e.name, "JourneyError");
  assert.equal(e.code, code, e.message);
  assert.equal(e.path, path, e.message);
  assert.equal(typeof e.message, "string");
  assert.ok(e.message.length > 0, "empty message");
  return e;
}

test("the package manifest points at the files it ships", () => {
  const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("package.json", pkg)), "utf8"));
  assert.equal(manifest.name, "journeygraph");
  assert.equal(manifest.type, "module");
  for (const file of ["journeygraph.js", "journeygraph.d.ts", "journeygraph_bg.wasm"]) {
    assert.ok(manifest.files.includes(file), `${file} is not in "files"`);
    readFileSync(fileURLToPath(new URL(file, pkg))); // exists
  }
});

test("the sample is 'Buying a smartphone online' and round-trips", () => {
  const j = Journey.sample();
  assert.equal(j.title, "Buying a smartphone online");
  assert.ok(j.touchpointCount >= 15);
  const text = j.toJSON();
  const again = Journey.fromJSON(text);
  assert.equal(again.toJSON(), text);
  assert.equal(again.title, j.title);
  assert.equal(again.touchpointCount, j.touchpointCount);
  const parsed = JSON.parse(text);
  assert.equal(parsed.format, "journeygraph");
  assert.equal(parsed.version, 2);
  // The sample shows the whole map: its lanes (a service blueprint with the
  // three lines' lanes) and two personas.
  assert.deepEqual(parsed.lanes.map((l) => l.kind), ["thoughts", "painPoints", "opportunities", "frontstage", "backstage", "support"]);
  assert.deepEqual(j.layout().lines.map((l) => l.kind), ["interaction", "visibility", "internal"]);
  assert.deepEqual(parsed.personas.map((p) => p.name), ["First-time buyer", "Upgrader"]);
  assert.ok(parsed.items.length >= 10);
  j.free();
  again.free();
});

test("a file that is not JSON is refused with code parse", () => {
  assertRefused('{"format": "journeygraph", ', "parse", "");
  assertRefused("", "parse", "");
});

test("a later version is refused with unsupported_version at /version", () => {
  const e = assertRefused(JSON.stringify({ ...tiny(), version: 99 }), "unsupported_version", "/version");
  assert.match(e.message, /99/);
});

test("a duplicate touchpoint id is refused", () => {
  const f = tiny();
  f.touchpoints[1].id = "a";
  assertRefused(JSON.stringify(f), "duplicate_id", "/touchpoints/1/id");
});

test("an emotion outside [-1, 1] is refused", () => {
  const f = tiny();
  f.touchpoints[0].emotion = 1.5;
  assertRefused(JSON.stringify(f), "out_of_range", "/touchpoints/0/emotion");
});

test("a touchpoint in an unknown stage is refused", () => {
  const f = tiny();
  f.touchpoints[1].stage = "nowhere";
  assertRefused(JSON.stringify(f), "unknown_stage", "/touchpoints/1/stage");
});

test("a transition to an unknown touchpoint is refused", () => {
  const f = tiny();
  f.transitions[0].to = "ghost";
  assertRefused(JSON.stringify(f), "unknown_touchpoint", "/transitions/0/to");
});

test("a refused file leaves the module working", () => {
  for (let i = 0; i < 3; i++) thrownBy("not json");
  const j = Journey.fromJSON(JSON.stringify(tiny()));
  assert.equal(j.title, "Tiny");
  assert.equal(j.touchpointCount, 2);
  j.free();
});

test("a journey with no entry has a no_entry error diagnostic", () => {
  const f = tiny();
  delete f.touchpoints[0].entry;
  f.transitions.push({ from: "b", to: "a" });
  const j = Journey.fromJSON(JSON.stringify(f));
  const list = j.diagnostics();
  assert.ok(Array.isArray(list));
  assert.ok(
    list.some((d) => d.code === "no_entry" && d.severity === "error"),
    JSON.stringify(list),
  );
  for (const d of list) {
    assert.equal(Object.getPrototypeOf(d), Object.prototype, "diagnostic is not a plain object");
    assert.equal(typeof d.path, "string");
    assert.equal(typeof d.message, "string");
  }
  j.free();
});

test("layout() has a card per touchpoint", () => {
  const j = Journey.sample();
  const layout = j.layout();
  assert.ok(Array.isArray(layout.cards));
  assert.equal(layout.cards.length, j.touchpointCount);
  assert.ok(layout.width > 0 && layout.height > 0);
  j.free();
});

test("free() releases the journey; using it afterwards throws an Error", () => {
  const j = Journey.sample();
  assert.doesNotThrow(() => j.free());
  assert.throws(() => j.toJSON(), Error);
  // The module is unharmed.
  const k = Journey.sample();
  assert.equal(k.title, "Buying a smartphone online");
  k.free();
});
