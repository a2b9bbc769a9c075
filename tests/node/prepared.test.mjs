// A Journey keeps its last exact solve for the figures that share it
// (analyze, removalEffects, attribution: one factorization and one diagonal
// of a large loop instead of one each). Kept per revision of the document:
// every edit, undo and redo must give the figures of the journey as it is
// then, never those of the solve before. Compared with a fresh Journey of
// the same file, which has no solve kept.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey } from "../../pkg/journeygraph.js";
import { referenceJSON } from "../reference.mjs";

before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url))) });
});

/** Every figure the kept solve serves, in an order that uses the cache. */
const figures = (j) => ({
  totals: j.analyze({ touchpoints: false }),
  full: j.analyze(),
  removal: j.removalEffects(),
  attribution: j.attribution(),
});

/** The same figures from a new Journey of j's file (nothing kept). */
const fresh = (j) => {
  const copy = Journey.fromJSON(j.toJSON());
  try {
    return figures(copy);
  } finally {
    copy.free();
  }
};

test("edits, undo and redo never serve the figures of an earlier revision", () => {
  const j = Journey.sample();
  try {
    const original = figures(j);
    assert.deepStrictEqual(original, fresh(j));
    const file = j.toObject();
    // A touchpoint that matters: a lower emotion raises its dropout.
    const target = file.touchpoints.find((t) => !t.goal && (t.dropout ?? 0) > 0) ?? file.touchpoints[0];
    j.apply({ op: "updateTouchpoint", touchpoint: { ...target, dropout: 0.9 } });
    const edited = figures(j);
    assert.notEqual(edited.totals.success, original.totals.success, "the edit changes success");
    assert.deepStrictEqual(edited, fresh(j));
    assert.equal(j.undo(), true);
    assert.deepStrictEqual(figures(j), original);
    assert.equal(j.redo(), true);
    assert.deepStrictEqual(figures(j), edited);
    // A rejected edit changes nothing, figures included.
    assert.throws(() => j.apply({ op: "updateTouchpoint", touchpoint: { ...target, dropout: 7 } }));
    assert.deepStrictEqual(figures(j), edited);
  } finally {
    j.free();
  }
});

test("the order of the calls does not change what they return", () => {
  const a = Journey.sample();
  const b = Journey.sample();
  try {
    const attribution = a.attribution();
    const removal = a.removalEffects();
    const full = a.analyze();
    assert.deepStrictEqual(full, b.analyze());
    assert.deepStrictEqual(removal, b.removalEffects());
    assert.deepStrictEqual(attribution, b.attribution());
  } finally {
    a.free();
    b.free();
  }
});

test("a fitted journey's attribution after its analysis equals a fresh one's", () => {
  const csv = ["path,conversions,nulls", "Search > Product > Cart,30,10", "Search > Product,0,40", "Email > Product > Search > Cart,12,8", "Email > Product > Email,0,15"].join("\n");
  const j = Journey.fromPaths(csv);
  try {
    const full = j.analyze();
    const attribution = j.attribution();
    assert.ok(attribution.length > 0);
    assert.deepStrictEqual({ full, attribution }, { full: fresh(j).full, attribution: fresh(j).attribution });
  } finally {
    j.free();
  }
});

test("replaceFromJSON: the figures of the new file, whether its solve is reused or not; a bad file changes nothing", () => {
  const j = Journey.fromJSON(referenceJSON(400, 5));
  try {
    figures(j); // a solve kept
    const file = JSON.parse(j.toJSON());
    // Only what customers feel: the solve can be reused.
    file.touchpoints[7].emotion = -0.6;
    file.touchpoints[8].impact = 0.2;
    j.replaceFromJSON(JSON.stringify(file));
    assert.deepEqual(figures(j), fresh(j));
    assert.equal(j.canUndo, false, "a replaced journey has no history");
    // How customers move: solved again.
    file.touchpoints[9].dropout = 0.4;
    j.replaceFromJSON(JSON.stringify(file));
    assert.deepEqual(figures(j), fresh(j));
    const text = j.toJSON();
    assert.throws(() => j.replaceFromJSON("{ not json"), (e) => e.code === "parse");
    assert.equal(j.toJSON(), text);
  } finally {
    j.free();
  }
});
