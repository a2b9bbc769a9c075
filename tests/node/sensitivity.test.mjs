// How sure (issue 13), through the built package as an embedder uses it:
// Journey.sensitivity({amount}), a basis marked measured through an edit
// (so undo works), and coded errors.
//   bash tools/build.sh && node --test tests/node/sensitivity.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { initSync, Journey } from "../../pkg/journeygraph.js";

before(() => {
  initSync({ module: readFileSync(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url)) });
});

test("every assumption with exact spans, the largest swing first", () => {
  const j = Journey.sample();
  try {
    const s = j.sensitivity({ amount: 0.2 });
    assert.equal(s.amount, 0.2);
    assert.equal(s.success, j.analyze().success);
    assert.equal(typeof s.remembered, "number");
    assert.ok(s.assumptions.length > 20);
    for (let i = 1; i < s.assumptions.length; i++) assert.ok(s.assumptions[i - 1].swing >= s.assumptions[i].swing);
    const top = s.assumptions[0];
    assert.ok(["emotion", "dropout", "entry"].includes(top.parameter));
    assert.ok(top.success && Number.isFinite(top.success.atLow) && Number.isFinite(top.success.atHigh));
    assert.ok(top.low <= top.value && top.value <= top.high);
  } finally {
    j.free();
  }
});

test("an emotion marked measured by an edit leaves the list, and undo brings it back", () => {
  const j = Journey.sample();
  try {
    const has = () => j.sensitivity({ amount: 0.2 }).assumptions.some((a) => a.touchpoint === "delivery-wait" && a.parameter === "emotion");
    assert.ok(has());
    const tp = j.view().touchpoints.find((t) => t.id === "delivery-wait");
    assert.deepEqual(tp.basis.emotion, { measured: false, source: "" });
    j.apply({ op: "updateTouchpoint", touchpoint: { ...tp, basis: { ...tp.basis, emotion: { measured: true, source: "Survey Q3 2026, n=412" } } } });
    assert.ok(!has());
    assert.equal(j.sensitivity().measured, 1);
    assert.equal(JSON.parse(j.toJSON()).touchpoints.find((t) => t.id === "delivery-wait").basis.emotion.source, "Survey Q3 2026, n=412");
    j.undo();
    assert.ok(has());
  } finally {
    j.free();
  }
});

test("a bad amount and a bad basis are coded errors", () => {
  const j = Journey.sample();
  try {
    assert.throws(() => j.sensitivity({ amount: 0 }), (e) => e instanceof Error && e.code === "out_of_range" && e.path === "/amount");
    const file = JSON.parse(j.toJSON());
    file.touchpoints[0].basis = { emotion: { measured: "yes" } };
    assert.throws(() => Journey.fromJSON(JSON.stringify(file)),
      (e) => e instanceof Error && e.code === "schema" && e.path === "/touchpoints/0/basis/emotion/measured");
  } finally {
    j.free();
  }
});
