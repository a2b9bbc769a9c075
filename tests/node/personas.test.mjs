// Personas through the built package (the wasm Journey): personaFigures
// beside the journey's own, forPersona as a Journey of its own, the persona
// edits with undo, and bad personas as real Errors with code and path that
// change nothing.
//   bash tools/build.sh && cd tests && node --test node/personas.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey } from "../../pkg/journeygraph.js";

before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url))) });
});

// a → b → c (goal), b → h (help) → c: success for everyone is
// 0.8 · 0.9 · (1/2 + 1/2 · 0.5) = 0.54. The returning customer never calls
// the help line (skip h: b's customers all go on to c, 0.8 · 0.9 = 0.72);
// the first-timer feels worse at b (dropout 0.1 → 0.4, set): 0.8 · 0.6 · 0.75 = 0.36.
const file = () => ({
  format: "journeygraph", version: 2, title: "Signing up",
  stages: [{ id: "s", name: "Stage" }],
  touchpoints: [
    { id: "a", name: "Ad", stage: "s", entry: 1, dropout: 0.2, emotion: 0.1 },
    { id: "b", name: "Form", stage: "s", dropout: 0.1, emotion: -0.2 },
    { id: "h", name: "Help line", stage: "s", dropout: 0.5, emotion: -0.6 },
    { id: "c", name: "Done", stage: "s", goal: true, emotion: 0.8 },
  ],
  transitions: [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "b", to: "h" }, { from: "h", to: "c" }],
  personas: [
    { id: "back", name: "Returning", skip: ["h"] },
    { id: "new", name: "First-timer", overrides: [{ touchpoint: "b", emotion: -0.7, dropout: 0.4 }] },
  ],
});

const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test("each persona's figures beside the journey's, by hand", () => {
  const j = Journey.fromJSON(JSON.stringify(file()));
  close(j.analyze().success, 0.54, "everyone");
  const [back, first] = j.personaFigures();
  assert.deepEqual([back.id, back.name, back.skipped, back.overridden, back.problem], ["back", "Returning", 1, 0, null]);
  close(back.analysis.success, 0.72, "returning");
  close(first.analysis.success, 0.36, "first-timer");
  assert.deepEqual(Object.keys(first.analysis.touchpoints), []);
  // The map of one persona: a Journey without the skipped card.
  const walked = j.forPersona("back");
  assert.deepEqual(walked.view().touchpoints.map((t) => t.id), ["a", "b", "c"]);
  assert.deepEqual(walked.view().personas, []);
  close(walked.analyze().touchpoints.c.reach, 0.72, "reach of the goal");
  walked.free();
  const e = (() => { try { j.forPersona("nobody"); } catch (err) { return err; } })();
  assert.ok(e instanceof Error);
  assert.equal(e.code, "unknown_persona");
  j.free();
});

test("persona edits are undoable steps; bad ones are refused with code and path and change nothing", () => {
  const j = Journey.fromJSON(JSON.stringify(file()));
  const before = j.toJSON();
  assert.equal(j.apply({ op: "putPersona", persona: { id: "pro", name: "Trade", overrides: [{ touchpoint: "h", entry: 2 }] }, index: 0 }), true);
  assert.deepEqual(j.view().personas.map((p) => p.id), ["pro", "back", "new"]);
  assert.equal(j.apply({ op: "removePersona", id: "new" }), true);
  // Removing the help line drops what the personas said of it.
  assert.equal(j.apply({ op: "removeTouchpoint", id: "h" }), true);
  assert.deepEqual(j.view().personas.map((p) => [p.id, p.overrides.length, p.skip.length]), [["pro", 0, 0], ["back", 0, 0]]);
  j.undo(); j.undo(); j.undo();
  assert.equal(j.toJSON(), before);
  for (const [persona, code, path] of [
    [{ id: "x", name: "X", skip: ["c"] }, "persona_skip", "/personas/2/skip/0"],
    [{ id: "x", name: "X", overrides: [{ touchpoint: "b", emotion: 3 }] }, "out_of_range", "/personas/2/overrides/0/emotion"],
    [{ id: "x", name: "X", skip: ["zz"] }, "unknown_touchpoint", "/personas/2/skip/0"],
  ]) {
    const err = (() => { try { j.apply({ op: "putPersona", persona }); } catch (e) { return e; } })();
    assert.ok(err instanceof Error, JSON.stringify(persona));
    assert.deepEqual([err.code, err.path], [code, path]);
    assert.match(err.message, /X|emotion|zz/);
  }
  assert.equal(j.toJSON(), before);
  j.free();
});
