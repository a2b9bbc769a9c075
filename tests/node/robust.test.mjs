// The engine never traps, freezes or misleads on an accepted file (issue 10),
// through the built package as an embedder calls it: the four cases that
// probing the first release found, each now a regression test.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey } from "../../pkg/journeygraph.js";

before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url))) });
});

const file = (touchpoints, transitions, settings = {}) =>
  JSON.stringify({
    format: "journeygraph",
    version: 1,
    title: "Probe",
    stages: [{ id: "s", name: "Stage" }],
    touchpoints: touchpoints.map((t) => ({ name: t.id, stage: "s", ...t })),
    transitions,
    settings,
  });

const near = (actual, expected, what, tol = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual}, expected ${expected}`);

test("entries of 1.7e308 give the figures of equal entries, and simulate does not trap", () => {
  const huge = Journey.fromJSON(
    file(
      [
        { id: "a", entry: 1.7e308, dropout: 0.2 },
        { id: "b", entry: 1.7e308, goal: true },
      ],
      [{ from: "a", to: "b" }],
    ),
  );
  const plain = Journey.fromJSON(
    file(
      [
        { id: "a", entry: 1, dropout: 0.2 },
        { id: "b", entry: 1, goal: true },
      ],
      [{ from: "a", to: "b" }],
    ),
  );
  try {
    const a = huge.analyze();
    // Half start at a (0.8 of them reach b), half at b: success 0.9.
    near(a.success, 0.9, "success");
    near(a.dropout + a.completion, 1, "dropout + completion");
    assert.deepEqual(a, plain.analyze());
    const s = huge.simulate({ customers: 2000, seed: 3 });
    assert.deepEqual(s, plain.simulate({ customers: 2000, seed: 3 }));
    // The Journey is still usable: no "recursive use of an object".
    // (No emotion is rated here, so no opportunity is claimed.)
    assert.deepEqual(huge.opportunities(), []);
  } finally {
    huge.free();
    plain.free();
  }
});

test("sensitivity 100: every opportunity is finite, listed and best first, the closing fix included", () => {
  // b's dropout is the loop's only way out; raising its emotion by 0.5 at
  // sensitivity 100 takes the dropout to about 1e-22.
  const j = Journey.fromJSON(
    file(
      [
        { id: "a", entry: 1, emotion: -0.5 },
        { id: "b", emotion: -0.5, dropout: 0.5 },
      ],
      [
        { from: "a", to: "b" },
        { from: "b", to: "a" },
      ],
      { sensitivity: 100 },
    ),
  );
  try {
    const ops = j.opportunities({ delta: 0.5 });
    assert.deepEqual(ops.map((o) => o.touchpoint).sort(), ["a", "b"], "no opportunity dropped");
    for (const o of ops) {
      assert.ok(Number.isFinite(o.successGain) && Number.isFinite(o.meanFeltGain), JSON.stringify(o));
    }
    for (let k = 1; k < ops.length; k++) {
      const [p, q] = [ops[k - 1], ops[k]];
      assert.ok(p.successGain > q.successGain || (p.successGain === q.successGain && p.meanFeltGain >= q.meanFeltGain), "best first");
    }
    // Without a goal, success is completion: 0 before and after (every walk
    // ends by dropping out). Felt emotion: b's share of the moments, exact.
    const b = ops.find((o) => o.touchpoint === "b");
    near(b.successGain, 0, "success gain of b");
    // After the fix customers go round ~1e22 times: a and b equally often,
    // so the mean felt emotion tends to (−0.5 + 0.0) / 2; before it was −0.5.
    near(b.meanFeltGain, 0.25, "mean felt gain of b", 1e-9);
  } finally {
    j.free();
  }
});

test("a heavy self-loop with maxSteps 1,000,000 is simulated within a budget that says what it did", () => {
  const j = Journey.fromJSON(
    file(
      [
        { id: "a", entry: 1, emotion: 0.5 },
        { id: "b", goal: true },
      ],
      [
        { from: "a", to: "a", weight: 1000 },
        { from: "a", to: "b", weight: 1 },
      ],
      { maxSteps: 1000000 },
    ),
  );
  try {
    // A customer makes 1001 moments on average: 10,000 customers would be
    // ten million; a budget of one million stops early and says so.
    const s = j.simulate({ customers: 10000, seed: 1, maxMoments: 1000000 });
    assert.equal(s.budgetExhausted, true);
    assert.equal(s.requested, 10000);
    assert.ok(s.customers > 0 && s.customers < 10000, `${s.customers} simulated`);
    assert.ok(s.moments <= 1000000 + 1000000, `${s.moments} moments`);
    assert.ok(Number.isFinite(s.remembered.mean) && Number.isFinite(s.remembered.halfWidth));
  } finally {
    j.free();
  }
});

test("one loop of 4,000 touchpoints is analysed, not refused", () => {
  const n = 4000;
  const touchpoints = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, dropout: 0.001, entry: i === 0 ? 1 : 0 }));
  const transitions = Array.from({ length: n }, (_, i) => ({ from: `t${i}`, to: `t${(i + 1) % n}` }));
  const j = Journey.fromJSON(file(touchpoints, transitions));
  try {
    const a = j.analyze();
    near(a.expectedTouchpoints, 1000, "expected touchpoints");
    near(a.dropout, 1, "dropout");
    near(a.touchpoints.t1.reach, 0.999, "reach of t1");
    assert.equal(Object.keys(j.removalEffects()).length, n);
  } finally {
    j.free();
  }
});

test("a loop left only by a chance below 1e-290 is a coded closed_loop naming it, not a NaN", () => {
  const j = Journey.fromJSON(
    file(
      [
        { id: "start", entry: 1 },
        { id: "stuck", dropout: 5e-324 },
      ],
      [
        { from: "start", to: "stuck" },
        { from: "stuck", to: "stuck" },
      ],
    ),
  );
  try {
    assert.throws(
      () => j.analyze(),
      (e) => e instanceof Error && e.code === "closed_loop" && JSON.stringify(e.touchpoints) === '["stuck"]',
    );
    // The journey stays open and editable after the refusal.
    j.apply({ op: "setTitle", title: "Still here" });
    assert.equal(j.title, "Still here");
  } finally {
    j.free();
  }
});

test("a journey that is one path of 200,000 touchpoints (the limit) is analysed, not a RangeError, and stays editable", { timeout: 120000 }, () => {
  // Tarjan's search recursed once per step of a path: 10,000 touchpoints in a
  // row overflowed the call stack in diagnostics(), analyze() and
  // removalEffects() (a RangeError that left the journey borrowed).
  for (const n of [10000, 200000]) {
    const touchpoints = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, dropout: 0.0001, emotion: 0.1, ...(i === 0 ? { entry: 1 } : {}) }));
    const transitions = Array.from({ length: n - 1 }, (_, i) => ({ from: `t${i}`, to: `t${i + 1}` }));
    const j = Journey.fromJSON(file(touchpoints, transitions));
    try {
      assert.deepEqual(j.diagnostics().filter((d) => d.code === "closed_loop"), []);
      const a = j.analyze({ touchpoints: false });
      // Everyone walks the path; at each touchpoint 1 in 10,000 drops out.
      near(a.completion, 0.9999 ** n, `completion of ${n}`);
      near(a.dropout + a.completion, 1, "dropout + completion");
      const effects = j.removalEffects();
      assert.equal(Object.keys(effects).length, n);
      near(effects.t0, 1, "every success passes the first touchpoint");
      assert.equal(j.layout().cards.length, n);
      assert.ok(j.apply({ op: "updateTouchpoint", touchpoint: { id: "t5", name: "Renamed", stage: "s", dropout: 0.0001, emotion: 0.1 } }));
      assert.equal(j.view().touchpoints[5].name, "Renamed");
    } finally {
      j.free();
    }
  }
});
