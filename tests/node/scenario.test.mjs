// What-if editing through the package: an edit made in a scenario
// ({op: "inScenario"}) becomes the scenario's changes in the core
// (src/model/whatif/), one step of the same history as any edit, for the
// editor and embedders alike. Checked here as an embedder calls it: the
// scenario stays one the core applies, the baseline never changes, and the
// scenario's journey is what the same edits would make of the baseline.
// The rules on lists of changes are unit-tested natively
// (src/model/whatif/tests.rs, tests/whatif.rs); the sentences a change
// reads as (www/element/scenario.js) here.
//   bash tools/build.sh && node --test tests/node/scenario.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { initSync, Journey } from "../../pkg/journeygraph.js";
import { describeChange } from "../../www/element/whatif/scenario.js";
import { random as rng } from "../random.mjs";

before(() => {
  initSync({ module: readFileSync(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url)) });
});

const sample = () => Journey.sample();

/** The edit made in scenario `id` (What-if mode). */
const inScenario = (id, edit, name) => ({ op: "inScenario", scenario: id, ...(name ? { name } : {}), edit });
/** The scenario `id` as the file has it. */
const scenarioOf = (j, id) => j.toObject().scenarios?.find((s) => s.id === id);
/** The scenario's journey, as a file (what What-if shows). */
function viewOf(j, id) {
  const s = scenarioOf(j, id) ?? { id, name: id, changes: [] };
  const view = j.withScenario(s);
  try {
    return view.toObject();
  } finally {
    view.free();
  }
}

test("an edit in a new scenario creates it, as one step of the history, and leaves the baseline", () => {
  const j = sample();
  try {
    const before = j.toJSON();
    const tp = j.toObject().touchpoints.find((t) => t.id === "delivery-wait");
    assert.equal(j.apply(inScenario("calm", { op: "updateTouchpoint", touchpoint: { ...tp, emotion: 0.3 } }, "Calmer delivery")), true);
    assert.deepEqual(scenarioOf(j, "calm"), { id: "calm", name: "Calmer delivery", changes: [{ touchpoint: "delivery-wait", emotion: 0.3 }] });
    const baseline = (text) => { const f = JSON.parse(text); delete f.scenarios; return f; };
    assert.deepEqual(baseline(j.toJSON()), baseline(before));
    assert.equal(j.undo(), true);
    assert.equal(j.toJSON(), before, "one undo takes the scenario away");
  } finally {
    j.free();
  }
});

test("the inspector's touchpoint edit becomes field changes; other fields are refused with what_if", () => {
  const j = sample();
  try {
    j.apply({ op: "putScenario", scenario: { id: "s", name: "S", changes: [{ touchpoint: "delivery-wait", emotion: 0.3 }] } });
    const shown = viewOf(j, "s").touchpoints.find((t) => t.id === "delivery-wait");
    // The dropout shown moved with the emotion (the sensitivity link); an emotion edit must not pin it.
    j.apply(inScenario("s", { op: "updateTouchpoint", touchpoint: { ...shown, emotion: 0.6 } }));
    assert.deepEqual(scenarioOf(j, "s").changes, [{ touchpoint: "delivery-wait", emotion: 0.6 }]);
    const file = j.toJSON();
    assert.throws(() => j.apply(inScenario("s", { op: "updateTouchpoint", touchpoint: { ...shown, name: "Other" } })),
      (e) => e instanceof Error && e.code === "what_if" && e.path === "/edit" && /“Name” belongs to the journey/.test(e.message));
    for (const op of [{ op: "setTitle", title: "x" }, { op: "addStage", stage: { id: "x", name: "X" } }, { op: "moveTouchpoint", id: "ivr", stage: "loyalty" }]) {
      assert.throws(() => j.apply(inScenario("s", op)), (e) => e.code === "what_if" && /Leave What if/.test(e.message), op.op);
    }
    assert.equal(j.toJSON(), file, "a refused edit changes nothing");
    // Nothing different: no step of the history.
    const again = viewOf(j, "s").touchpoints.find((t) => t.id === "delivery-wait");
    assert.equal(j.apply(inScenario("s", { op: "updateTouchpoint", touchpoint: again })), false);
    assert.equal(j.toJSON(), file);
    j.undo();
    assert.deepEqual(scenarioOf(j, "s").changes, [{ touchpoint: "delivery-wait", emotion: 0.3 }], "undo goes back past the emotion edit, not a no-op");
  } finally {
    j.free();
  }
});

test("transitions: a new one removed leaves no trace; a removed one added back returns with its weight", () => {
  const j = sample();
  try {
    const s = "t";
    j.apply(inScenario(s, { op: "addTransition", transition: { from: "ivr", to: "unboxing", weight: 2 } }));
    j.apply(inScenario(s, { op: "setWeight", from: "ivr", to: "unboxing", weight: 3 }));
    assert.deepEqual(scenarioOf(j, s).changes, [{ addTransition: { from: "ivr", to: "unboxing", weight: 3 } }]);
    j.apply(inScenario(s, { op: "removeTransition", from: "ivr", to: "unboxing" }));
    assert.deepEqual(scenarioOf(j, s).changes, []);
    const t = j.toObject().transitions[0];
    j.apply(inScenario(s, { op: "setWeight", from: t.from, to: t.to, weight: 4 }));
    j.apply(inScenario(s, { op: "removeTransition", from: t.from, to: t.to }));
    assert.deepEqual(scenarioOf(j, s).changes, [{ removeTransition: { from: t.from, to: t.to } }]);
    j.apply(inScenario(s, { op: "addTransition", transition: { from: t.from, to: t.to, weight: 5 } }));
    assert.deepEqual(scenarioOf(j, s).changes, [{ from: t.from, to: t.to, weight: 5 }]);
  } finally {
    j.free();
  }
});

test("deleting a touchpoint drops every change that names it; taking out a change takes what needs it", () => {
  const j = sample();
  try {
    const s = "d";
    const ivr = j.toObject().touchpoints.find((t) => t.id === "ivr");
    j.apply(inScenario(s, { op: "updateTouchpoint", touchpoint: { ...ivr, emotion: 0.2 } }));
    j.apply(inScenario(s, { op: "addTouchpoint", touchpoint: { id: "callback", name: "Gets a call back", stage: ivr.stage } }));
    j.apply(inScenario(s, { op: "addTransition", transition: { from: "ivr", to: "callback", weight: 1 } }));
    j.apply(inScenario(s, { op: "removeTouchpoint", id: "callback" }));
    assert.deepEqual(scenarioOf(j, s).changes, [{ touchpoint: "ivr", emotion: 0.2 }]);
    j.apply(inScenario(s, { op: "removeTouchpoint", id: "ivr" }));
    assert.deepEqual(scenarioOf(j, s).changes, [{ remove: "ivr" }]);
    j.undo();
    j.undo();
    assert.equal(scenarioOf(j, s).changes.length, 3);
    j.apply({ op: "removeChange", scenario: s, index: 1 });
    assert.deepEqual(scenarioOf(j, s).changes, [{ touchpoint: "ivr", emotion: 0.2 }], "the added touchpoint's transition goes with it");
    assert.throws(() => j.apply({ op: "removeChange", scenario: s, index: 9 }), (e) => e.code === "invalid_edit");
  } finally {
    j.free();
  }
});

test("the changes read as sentences", () => {
  const j = sample();
  try {
    const base = j.view();
    assert.equal(describeChange({ touchpoint: "delivery-wait", emotion: 0.3 }, base), "Waits five days for delivery: emotion −0.50 → +0.30");
    // What the file leaves out reads as the model holds it (impact 1, emotion 0), from the view.
    const tiny = Journey.fromJSON(JSON.stringify({ format: "journeygraph", version: 1, title: "T",
      stages: [{ id: "s", name: "S" }], touchpoints: [{ id: "a", name: "A", stage: "s", entry: 1 }] }));
    assert.equal(describeChange({ touchpoint: "a", impact: 0.5, emotion: 0.2 }, tiny.view()), "A: emotion +0.00 → +0.20, impact 1.00 → 0.50");
    tiny.free();
    const added = [{ add: { id: "n", name: "New", stage: "delivery" } }];
    assert.equal(describeChange({ touchpoint: "n", emotion: 0.3 }, base, added), "New: emotion → +0.30");
    assert.equal(describeChange({ touchpoint: "delivery-wait", dropout: 0.01 }, base), "Waits five days for delivery: dropout 5.0% → 1.0%");
    assert.equal(describeChange({ touchpoint: "checkout", emotionBy: 0.2 }, base), "Checks out on the website: emotion +0.20");
    assert.equal(describeChange({ remove: "ivr" }, base), "Remove “Navigates the phone menu (IVR)”");
    assert.equal(describeChange({ from: "help-centre", to: "support-chat", weight: 3 }, base), "“Searches the help centre” → “Chats with support”: weight 3");
  } finally {
    j.free();
  }
});

/** A random editor edit that makes sense on `file` (the journey the designer sees). */
function randomEdit(file, random, n) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const tp = pick(file.touchpoints);
  const kind = Math.floor(random() * 7);
  const value = Math.round(random() * 100) / 100;
  if (kind <= 1) {
    const field = pick(["emotion", "impact", "dropout"]);
    return { op: "updateTouchpoint", touchpoint: { ...tp, [field]: field === "emotion" ? 2 * value - 1 : value } };
  }
  if (kind === 2 && file.transitions.length) {
    const t = pick(file.transitions);
    return { op: "setWeight", from: t.from, to: t.to, weight: 0.5 + 3 * value };
  }
  if (kind === 3 && file.transitions.length) {
    const t = pick(file.transitions);
    return { op: "removeTransition", from: t.from, to: t.to };
  }
  if (kind === 4) {
    const to = pick(file.touchpoints);
    if (to.id !== tp.id && !file.transitions.some((t) => t.from === tp.id && t.to === to.id)) {
      return { op: "addTransition", transition: { from: tp.id, to: to.id, weight: 1 + value } };
    }
  }
  if (kind === 5 && file.touchpoints.length > 4) return { op: "removeTouchpoint", id: tp.id };
  if (kind === 6) return { op: "addTouchpoint", touchpoint: { id: `new-${n}`, name: `New ${n}`, stage: tp.stage, emotion: 2 * value - 1 } };
  return { op: "updateTouchpoint", touchpoint: { ...tp, emotion: 2 * value - 1 } };
}

/** The file without the fields the scenario's journey derives (dropout follows emotion). */
const shape = (file) => ({
  touchpoints: file.touchpoints.map((t) => t.id).sort(),
  transitions: file.transitions.map((t) => `${t.from}>${t.to}:${t.weight ?? 1}`).sort(),
});

test("property: any sequence of What-if edits keeps a scenario the core applies, and the baseline as it was", () => {
  for (let seed = 1; seed <= 60; seed += 1) {
    const random = rng(seed);
    const j = sample();
    const before = j.toJSON();
    const mirror = Journey.sample(); // the same edits made to the journey itself
    let steps = 0;
    try {
      for (let n = 0; n < 25; n += 1) {
        const file = viewOf(j, "p");
        const edit = randomEdit(file, random, n);
        try {
          if (j.apply(inScenario("p", edit, "Property"))) steps += 1;
        } catch (error) {
          assert.fail(`seed ${seed}, step ${n}: ${JSON.stringify(edit)} refused in the scenario: ${error.message}`);
        }
        // Edits that only set values are compared on structure; values are checked in the unit tests.
        try {
          mirror.apply(edit);
        } catch (error) {
          assert.fail(`seed ${seed}, step ${n}: ${JSON.stringify(edit)} is valid in the scenario but not on its journey: ${error.message}`);
        }
        const shown = viewOf(j, "p");
        assert.deepEqual(shape(shown), shape(mirror.toObject()), `seed ${seed}, step ${n}: ${JSON.stringify(edit)}`);
        if (edit.op === "updateTouchpoint") {
          // What the designer set is what the scenario's journey shows.
          const tp = shown.touchpoints.find((t) => t.id === edit.touchpoint.id);
          for (const f of ["emotion", "impact", "dropout"]) {
            const was = file.touchpoints.find((t) => t.id === tp.id)[f];
            if (edit.touchpoint[f] !== was) assert.equal(tp[f] ?? (f === "impact" ? 1 : 0), edit.touchpoint[f], `seed ${seed}, step ${n}: ${f}`);
          }
        }
      }
      const after = JSON.parse(j.toJSON());
      delete after.scenarios;
      const original = JSON.parse(before);
      delete original.scenarios;
      assert.deepEqual(after, original, `seed ${seed}: the baseline never changes`);
      for (let k = 0; k < steps; k += 1) assert.equal(j.undo(), true);
      assert.equal(j.toJSON(), before, `seed ${seed}: undoing every What-if edit gives the file back`);
    } finally {
      j.free();
      mirror.free();
    }
  }
});
