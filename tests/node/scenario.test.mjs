// What-if editing (www/element/scenario.js): how the editor's edits become
// a scenario's changes. Plain functions, checked here against the built
// core: whatever sequence of editor edits a designer makes in What-if mode,
// the scenario stays one the core applies, the baseline never changes, and
// the scenario's journey is what the same edits would make of the baseline.
//   bash tools/build.sh && node --test tests/node/scenario.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { initSync, Journey } from "../../pkg/journeygraph.js";
import {
  scenarioSteps, applySteps, setField, withoutChange, describeChange, WhatIfRefusal,
} from "../../www/element/scenario.js";

before(() => {
  initSync({ module: readFileSync(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url)) });
});

const sample = () => Journey.sample();

/** Runs `edit` in What-if mode: the steps over the scenario, read against its journey. */
function whatIf(journey, scenario, edit) {
  const view = journey.withScenario(scenario);
  try {
    const steps = scenarioSteps(edit, { view: view.toObject(), scenario });
    return { ...scenario, changes: applySteps(scenario.changes, steps) };
  } finally {
    view.free();
  }
}

test("a slider edit sets the field in place; a shift of that field becomes the set value", () => {
  const changes = [
    { touchpoint: "checkout", emotionBy: 0.2 },
    { touchpoint: "delivery-wait", dropout: 0.01 },
  ];
  assert.deepEqual(setField(changes, "checkout", "emotion", 0.7), [
    { touchpoint: "checkout", emotion: 0.7 },
    { touchpoint: "delivery-wait", dropout: 0.01 },
  ]);
  // A new emotion goes before the touchpoint's explicit dropout, which keeps winning.
  assert.deepEqual(setField(changes, "delivery-wait", "emotion", 0.3), [
    { touchpoint: "checkout", emotionBy: 0.2 },
    { touchpoint: "delivery-wait", emotion: 0.3 },
    { touchpoint: "delivery-wait", dropout: 0.01 },
  ]);
  // A set dropout goes after the emotion changes that would move it.
  assert.deepEqual(setField([{ touchpoint: "a", dropout: 0.1 }, { touchpoint: "a", emotion: 0.3 }], "a", "dropout", 0.2),
    [{ touchpoint: "a", emotion: 0.3 }, { touchpoint: "a", dropout: 0.2 }]);
  assert.deepEqual(setField([{ touchpoint: "a", emotionBy: 0.3 }], "a", "dropout", 0.2),
    [{ touchpoint: "a", emotionBy: 0.3 }, { touchpoint: "a", dropout: 0.2 }]);
  // A record setting two fields keeps the other.
  assert.deepEqual(setField([{ touchpoint: "a", emotion: 0.1, impact: 0.5 }, { touchpoint: "a", emotionBy: 0.1 }], "a", "emotion", -0.2),
    [{ touchpoint: "a", emotion: -0.2, impact: 0.5 }]);
  // A touchpoint the scenario adds carries the value in its record.
  assert.deepEqual(setField([{ add: { id: "n", name: "N", stage: "s" } }], "n", "emotion", 0.4),
    [{ add: { id: "n", name: "N", stage: "s", emotion: 0.4 } }]);
});

test("the inspector's touchpoint edit becomes field changes; other fields are refused", () => {
  const j = sample();
  try {
    const scenario = { id: "s", name: "S", changes: [{ touchpoint: "delivery-wait", emotion: 0.3 }] };
    const view = j.withScenario(scenario);
    const shown = view.toObject().touchpoints.find((t) => t.id === "delivery-wait");
    view.free();
    // The dropout shown moved with the emotion (the sensitivity link); an emotion edit must not pin it.
    const next = whatIf(j, scenario, { op: "updateTouchpoint", touchpoint: { ...shown, emotion: 0.6 } });
    assert.deepEqual(next.changes, [{ touchpoint: "delivery-wait", emotion: 0.6 }]);
    assert.throws(() => whatIf(j, scenario, { op: "updateTouchpoint", touchpoint: { ...shown, name: "Other" } }),
      (e) => e instanceof WhatIfRefusal && e.code === "what_if" && /“Name” belongs to the journey/.test(e.message));
    for (const op of [{ op: "setTitle", title: "x" }, { op: "addStage", stage: { id: "x", name: "X" } }, { op: "moveTouchpoint", id: "ivr", stage: "loyalty" }]) {
      assert.throws(() => whatIf(j, scenario, op), WhatIfRefusal, op.op);
    }
    // Nothing different: no steps.
    assert.deepEqual(whatIf(j, scenario, { op: "updateTouchpoint", touchpoint: shown }), scenario);
  } finally {
    j.free();
  }
});

test("transitions: a new one removed leaves no trace; a removed one added back returns with its weight", () => {
  let changes = [];
  const step = (edit) => { changes = applySteps(changes, scenarioSteps(edit, { view: null, scenario: { changes } })); };
  step({ op: "addTransition", transition: { from: "a", to: "b", weight: 2 } });
  step({ op: "setWeight", from: "a", to: "b", weight: 3 });
  assert.deepEqual(changes, [{ addTransition: { from: "a", to: "b", weight: 3 } }]);
  step({ op: "removeTransition", from: "a", to: "b" });
  assert.deepEqual(changes, []);
  step({ op: "setWeight", from: "c", to: "d", weight: 4 });
  step({ op: "removeTransition", from: "c", to: "d" });
  assert.deepEqual(changes, [{ removeTransition: { from: "c", to: "d" } }]);
  step({ op: "addTransition", transition: { from: "c", to: "d", weight: 5 } });
  assert.deepEqual(changes, [{ from: "c", to: "d", weight: 5 }]);
});

test("deleting a touchpoint drops every change that names it; an added one leaves no trace", () => {
  let changes = [
    { touchpoint: "x", emotion: 0.2 },
    { add: { id: "n", name: "New", stage: "s" } },
    { addTransition: { from: "x", to: "n", weight: 1 } },
    { from: "y", to: "x", weight: 2 },
  ];
  const step = (edit) => { changes = applySteps(changes, scenarioSteps(edit, { view: null, scenario: { changes } })); };
  step({ op: "removeTouchpoint", id: "n" });
  assert.deepEqual(changes, [{ touchpoint: "x", emotion: 0.2 }, { from: "y", to: "x", weight: 2 }]);
  step({ op: "removeTouchpoint", id: "x" });
  assert.deepEqual(changes, [{ remove: "x" }]);
  // Taking out an added touchpoint's change takes what needs it too.
  assert.deepEqual(withoutChange([{ add: { id: "n", name: "N", stage: "s" } }, { touchpoint: "n", impact: 0.5 }, { touchpoint: "m", impact: 0.5 }], 0),
    [{ touchpoint: "m", impact: 0.5 }]);
});

test("the changes read as sentences", () => {
  const j = sample();
  try {
    const base = j.toObject();
    assert.equal(describeChange({ touchpoint: "delivery-wait", emotion: 0.3 }, base), "Waits five days for delivery: emotion −0.50 → +0.30");
    assert.equal(describeChange({ touchpoint: "delivery-wait", dropout: 0.01 }, base), "Waits five days for delivery: dropout 5.0% → 1.0%");
    assert.equal(describeChange({ touchpoint: "checkout", emotionBy: 0.2 }, base), "Checks out on the website: emotion +0.20");
    assert.equal(describeChange({ remove: "ivr" }, base), "Remove “Navigates the phone menu (IVR)”");
    assert.equal(describeChange({ from: "help-centre", to: "support-chat", weight: 3 }, base), "“Searches the help centre” → “Chats with support”: weight 3");
  } finally {
    j.free();
  }
});

/** A small seeded generator, so a failure can be replayed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    let scenario = { id: "p", name: "Property", changes: [] };
    try {
      for (let n = 0; n < 25; n += 1) {
        const view = j.withScenario(scenario);
        const file = view.toObject();
        view.free();
        const edit = randomEdit(file, random, n);
        const next = whatIf(j, scenario, edit);
        // Saving it is one edit of the core, which checks that the scenario applies.
        j.apply({ op: "putScenario", scenario: next });
        scenario = next;
        // Edits that only set values are compared on structure; values are checked in the unit tests.
        try {
          mirror.apply(edit);
        } catch (error) {
          assert.fail(`seed ${seed}, step ${n}: ${JSON.stringify(edit)} is valid in the scenario but not on its journey: ${error.message}`);
        }
        const now = j.withScenario(scenario);
        const shown = now.toObject();
        now.free();
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
    } finally {
      j.free();
      mirror.free();
    }
  }
});
