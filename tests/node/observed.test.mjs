// What the paths say of each channel, and why the figures move (issue 13,
// "For analysts" and "Why it moves"), through the built package as an
// embedder imports it: attribution() rows carry each channel's observed
// paths, conversions and first-touch, last-touch and linear credit (kept
// in the file's `observed.channels`), analyze() and entryShares() give the
// entry as a share, opportunities() and explain() say why, and compare()
// carries the outcome deltas. The path sets are those worked on paper in
// tests/observed.rs.
// Needs `bash tools/build.sh` first (or JOURNEYGRAPH_PKG=DIR).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkg = process.env.JOURNEYGRAPH_PKG
  ? pathToFileURL(process.env.JOURNEYGRAPH_PKG.replace(/\/?$/, "/"))
  : new URL("../../pkg/", import.meta.url);
const { initSync, Journey } = await import(new URL("journeygraph.js", pkg).href);

before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg))) });
});

const close = (actual, expected, what, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

const THREE = "path,conversions,nulls\nA > B,3,1\nB > A > B,1,2\nC > C > A,2,0\n";
const TIKTOK = "path,conversions,nulls\nTikTok > Search,20,80\nSearch,800,200\n";

test("attribution rows carry each channel's observed counts and simple models", () => {
  const j = Journey.fromPaths(THREE);
  try {
    const rows = Object.fromEntries(j.attribution().map((r) => [r.touchpoint, r.observed]));
    assert.deepEqual(Object.keys(rows).sort(), ["A", "B", "C"]);
    const want = { A: [9, 6, 3, 2, 17 / 6], B: [7, 4, 1, 4, 13 / 6], C: [2, 2, 2, 0, 1] };
    for (const [id, [paths, conversions, first, last, linear]] of Object.entries(want)) {
      const o = rows[id];
      assert.equal(o.paths, paths, `${id} paths`);
      assert.equal(o.conversions, conversions, `${id} conversions`);
      assert.equal(o.firstTouch, first, `${id} first touch`);
      assert.equal(o.lastTouch, last, `${id} last touch`);
      close(o.linear, linear, `${id} linear`);
    }
    // Kept in the file and its view, and back through fromJSON.
    const file = JSON.parse(j.toJSON());
    assert.deepEqual(Object.keys(file.observed.channels), j.view().touchpoints.filter((t) => !t.goal).map((t) => t.id));
    assert.deepEqual(j.view().observed.channels.A, rows.A);
    const back = Journey.fromJSON(j.toJSON());
    try {
      assert.equal(back.toJSON(), j.toJSON());
    } finally {
      back.free();
    }
  } finally {
    j.free();
  }
});

test("the TikTok case: 68.3 Markov conversions against 20 observed", () => {
  const j = Journey.fromPaths(TIKTOK);
  try {
    const t = j.attribution().find((r) => r.touchpoint === "TikTok");
    close(t.conversions, 820 / 12, "Markov");
    assert.deepEqual(t.observed, { paths: 100, conversions: 20, firstTouch: 20, lastTouch: 0, linear: 10 });
  } finally {
    j.free();
  }
});

test("a drawn journey's attribution has no observed counts; a wrong count is refused with its pointer", () => {
  const s = Journey.sample();
  try {
    assert.ok(s.attribution().every((r) => r.observed === null));
  } finally {
    s.free();
  }
  const file = JSON.parse(Journey.fromPaths(THREE).toJSON());
  file.observed.channels.A.conversions = 99;
  assert.throws(() => Journey.fromJSON(JSON.stringify(file)), (e) => e instanceof Error && e.code === "out_of_range" && e.path === "/observed/channels/A/conversions");
});

test("entries are shares: 4 of 9 customers start at A, whatever the file holds", () => {
  const j = Journey.fromPaths(THREE);
  try {
    assert.equal(j.view().touchpoints.find((t) => t.id === "A").entry, 4);
    const shares = j.entryShares();
    close(shares.A, 4 / 9, "A");
    close(shares.B, 3 / 9, "B");
    close(shares.C, 2 / 9, "C");
    assert.equal(shares.conversion, 0);
    const a = j.analyze();
    for (const [id, s] of Object.entries(shares)) assert.equal(a.touchpoints[id].entryShare, s, id);
  } finally {
    j.free();
  }
});

test("each opportunity says why: reach, dropout before and after, customers who leave", () => {
  const j = Journey.sample();
  try {
    const a = j.analyze();
    const k = a.rules.sensitivity;
    const list = j.opportunities({ delta: 0.5 });
    assert.ok(list.length > 0);
    for (const o of list) {
      const f = a.touchpoints[o.touchpoint];
      close(o.reach, f.reach, "reach", 1e-9);
      assert.equal(o.dropoutBefore, f.dropout);
      // The scenario of this one change, solved directly.
      const after = j.withScenario({ id: "x", changes: [{ touchpoint: o.touchpoint, emotion: o.emotion }] });
      try {
        const g = after.analyze().touchpoints[o.touchpoint];
        assert.equal(o.dropoutAfter, g.dropout, "dropout after");
        close(o.leftAfter, g.visits * g.dropout, "left after", 1e-9);
        close(o.leftBefore, f.visits * f.dropout, "left before", 1e-9);
      } finally {
        after.free();
      }
      if (o.dropoutBefore > 0 && o.dropoutBefore < 1 && k > 0) assert.ok(o.dropoutAfter < o.dropoutBefore, "raising an emotion lowers dropout");
    }
  } finally {
    j.free();
  }
});

test("explain() and compare() say why a scenario moves the figures, and compare() carries the outcomes", () => {
  const j = Journey.sample();
  try {
    const sc = j.toObject().scenarios[0];
    const moves = j.explain(sc.id);
    assert.ok(moves.length > 0);
    const c = j.compare(sc.id, { customers: 1000, seed: 1 });
    assert.deepEqual(c.touchpoints, moves);
    for (const key of ["lostBeforeGoal", "endedElsewhere", "leftAfterGoal", "stayedToEnd"]) {
      assert.equal(c.delta[key], c.scenario[key] - c.baseline[key], key);
    }
    for (const m of moves) {
      assert.equal(m.reachBefore, c.baseline.touchpoints[m.touchpoint].reach);
      assert.equal(m.dropoutAfter, c.scenario.touchpoints[m.touchpoint].dropout);
    }
    assert.throws(() => j.explain("no-such-scenario"), (e) => e instanceof Error && typeof e.code === "string");
  } finally {
    j.free();
  }
});
