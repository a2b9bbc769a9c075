// Journey.view(): the complete view the element reads (every field present
// at the model's value, so no default of the format is coded again in
// JavaScript), and a record of it sent back in an edit changes nothing.
//   bash tools/build.sh && node --test tests/node/view.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { initSync, Journey } from "../../pkg/journeygraph.js";

before(() => {
  initSync({ module: readFileSync(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url)) });
});

const FIELDS = ["id", "name", "stage", "emotion", "impact", "dropout", "entry", "goal", "channel", "owner",
  "kind", "service", "proactive", "effort", "notes", "painPoints", "opportunities", "basis"];

test("every touchpoint, transition and setting is there, at the model's value", () => {
  const j = Journey.fromJSON(JSON.stringify({
    format: "journeygraph", version: 1, title: "Sparse",
    stages: [{ id: "s", name: "S" }],
    touchpoints: [{ id: "a", name: "A", stage: "s", entry: 1, tone: "warm" }, { id: "b", name: "B", stage: "s", goal: true }],
    transitions: [{ from: "a", to: "b" }],
  }));
  try {
    const v = j.view();
    for (const t of v.touchpoints) assert.deepEqual(FIELDS.filter((k) => !(k in t)), [], t.id);
    const [a, b] = v.touchpoints;
    assert.deepEqual([a.emotion, a.impact, a.dropout, a.kind, a.effort, a.notes, a.painPoints], [null, 1, 0, "direct", null, "", []], "an emotion never set is null: not rated");
    assert.equal(a.tone, "warm", "unknown fields are kept");
    assert.equal(b.goal, true);
    assert.equal(v.transitions[0].weight, 1);
    assert.deepEqual(v.settings, { sensitivity: 1, rememberWeights: { peak: 0.5, end: 0.5, mean: 0 }, satisfiedAt: 0.2, promoterAt: 0.5, maxSteps: 1000 });
    assert.deepEqual([v.persona, v.observed, v.scenarios], [null, null, []]);
    // The sparse file form leaves the same fields out.
    const o = j.toObject();
    assert.equal("impact" in o.touchpoints[0], false);
  } finally {
    j.free();
  }
});

test("a record of the view, sent back as it is, changes nothing", () => {
  const j = Journey.sample();
  try {
    const text = j.toJSON();
    for (const tp of j.view().touchpoints) j.apply({ op: "updateTouchpoint", touchpoint: tp });
    assert.equal(j.toJSON(), text);
    // And in a scenario: no change at all, no step of the history.
    const tp = j.view().touchpoints[3];
    j.apply({ op: "putScenario", scenario: { id: "s", name: "S", changes: [] } });
    assert.equal(j.apply({ op: "inScenario", scenario: "s", edit: { op: "updateTouchpoint", touchpoint: tp } }), false);
    j.undo(); // the putScenario: the no-op above left no step of its own
    assert.equal(j.toJSON(), text);
  } finally {
    j.free();
  }
});
