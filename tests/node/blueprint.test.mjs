// File format version 2 through the built package (the wasm Journey):
// lanes and items in view(), the blueprint lines in layout(), the lane and
// item edits with undo, the fail-rate scenario change and its figures, and
// bad input as real Errors with code and path that change nothing.
//   bash tools/build.sh && cd tests && node --test node/blueprint.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey } from "../../pkg/journeygraph.js";

before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url))) });
});

// a → b → c (goal); the ID check (support) serves b, failing 5% of the time
// and losing 80% of those it fails: success 0.8 · 0.9 · 0.96 = 0.6912.
const chain = () => ({
  format: "journeygraph", version: 2, title: "Chain",
  stages: [{ id: "s", name: "Stage" }],
  touchpoints: [
    { id: "a", name: "Apply", stage: "s", entry: 1, dropout: 0.2 },
    { id: "b", name: "Verify", stage: "s", dropout: 0.1 },
    { id: "c", name: "Done", stage: "s", goal: true },
  ],
  transitions: [{ from: "a", to: "b" }, { from: "b", to: "c" }],
  lanes: [
    { id: "front", kind: "frontstage", name: "Staff" },
    { id: "sys", kind: "support", name: "Systems" },
  ],
  items: [{ id: "idcheck", lane: "sys", stage: "s", text: "ID check", touchpoints: ["b"], failPoint: { rate: 0.05, lost: 0.8 } }],
});

const close = (x, y) => assert.ok(Math.abs(x - y) < 1e-12, `${x} is not ${y}`);

test("a version 1 file opens as version 2 with the two lanes it drew, and the same figures", () => {
  const v1 = { ...chain(), version: 1 };
  delete v1.lanes;
  delete v1.items;
  const j = Journey.fromJSON(JSON.stringify(v1));
  const file = JSON.parse(j.toJSON());
  assert.equal(file.version, 2);
  assert.deepEqual(j.view().lanes, [
    { id: "painPoints", kind: "painPoints", name: "Pain points", hidden: false },
    { id: "opportunities", kind: "opportunities", name: "Opportunities", hidden: false },
  ]);
  close(j.analyze().success, 0.72);
  const again = Journey.fromJSON(j.toJSON());
  assert.equal(again.toJSON(), j.toJSON());
  again.free();
  j.free();
});

test("view() has lanes and items with every field, layout() the blueprint lines", () => {
  const j = Journey.fromJSON(JSON.stringify(chain()));
  const v = j.view();
  assert.deepEqual(v.items[0], { id: "idcheck", lane: "sys", stage: "s", text: "ID check", touchpoints: ["b"], failPoint: { rate: 0.05, lost: 0.8 } });
  assert.deepEqual(j.layout().lines, [
    { kind: "interaction", name: "Line of interaction", lane: "front" },
    { kind: "visibility", name: "Line of visibility", lane: "sys" },
    { kind: "internal", name: "Line of internal interaction", lane: "sys" },
  ]);
  close(j.analyze().success, 0.6912);
  close(j.analyze().touchpoints.b.dropout, 0.136);
  j.free();
});

test("a scenario changing the fail rate moves the What-if figures", () => {
  const j = Journey.fromJSON(JSON.stringify(chain()));
  const c = j.compare({ id: "down", name: "ID check down 20%", changes: [{ item: "idcheck", failRate: 0.2 }] }, { customers: 1000 });
  close(c.scenario.success, 0.8 * 0.9 * (1 - 0.2 * 0.8));
  assert.deepEqual(c.touchpoints.map((m) => m.touchpoint), ["b"]);
  // Made in What-if, an item edit of only its rate becomes that change.
  const item = { ...j.view().items[0], failPoint: { rate: 0.3, lost: 0.8 } };
  assert.ok(j.apply({ op: "inScenario", scenario: "down", edit: { op: "updateItem", item } }));
  assert.deepEqual(JSON.parse(j.toJSON()).scenarios[0].changes, [{ item: "idcheck", failRate: 0.3 }]);
  j.free();
});

test("lane and item edits are undoable steps", () => {
  const j = Journey.fromJSON(JSON.stringify(chain()));
  const start = j.toJSON();
  const edits = [
    { op: "addLane", lane: { id: "quotes", kind: "thoughts", name: "Thoughts" }, index: 0 },
    { op: "renameLane", id: "quotes", name: "What they say" },
    { op: "moveLane", id: "quotes", index: 2 },
    { op: "hideLane", id: "front", hidden: true },
    { op: "addItem", item: { id: "q1", lane: "quotes", stage: "s", text: "“Why again?”", touchpoints: ["a", "b"] } },
    { op: "updateItem", item: { id: "idcheck", lane: "sys", stage: "s", touchpoints: ["b"], failPoint: { rate: 0.5 } } },
    { op: "removeLane", id: "sys" },
  ];
  for (const e of edits) assert.ok(j.apply(e), e.op);
  const v = j.view();
  assert.deepEqual(v.lanes.map((l) => [l.id, l.name, l.hidden]), [["front", "Staff", true], ["quotes", "What they say", false]]);
  assert.deepEqual(v.items.map((i) => i.id), ["q1"]);
  assert.deepEqual(j.layout().lines, [], "no shown blueprint lane: no line");
  for (let i = 0; i < edits.length; i += 1) assert.ok(j.undo());
  assert.equal(j.toJSON(), start);
  j.free();
});

test("bad lanes and items are real Errors with code and path, and change nothing", () => {
  const refused = (file) => {
    try {
      Journey.fromJSON(JSON.stringify(file)).free();
    } catch (e) {
      assert.ok(e instanceof Error);
      return [e.code, e.path];
    }
    assert.fail("loaded");
  };
  const f = chain();
  f.items[0].lane = "front";
  assert.deepEqual(refused(f), ["wrong_lane", "/items/0/failPoint"]);
  const g = chain();
  g.items[0].failPoint.rate = 2;
  assert.deepEqual(refused(g), ["out_of_range", "/items/0/failPoint/rate"]);
  const h = chain();
  h.items[0].touchpoints = ["nobody"];
  assert.deepEqual(refused(h), ["unknown_touchpoint", "/items/0/touchpoints/0"]);
  const j = Journey.fromJSON(JSON.stringify(chain()));
  const before = j.toJSON();
  for (const [edit, code] of [
    [{ op: "renameLane", id: "nope", name: "X" }, "unknown_lane"],
    [{ op: "removeItem", id: "nope" }, "unknown_item"],
    [{ op: "addItem", item: { id: "x", lane: "sys", stage: "s", failPoint: { rate: "often" } } }, "schema"],
    [{ op: "hideLane", id: "front" }, "schema"],
  ]) {
    assert.throws(() => j.apply(edit), (e) => e instanceof Error && e.code === code, JSON.stringify(edit));
  }
  assert.equal(j.toJSON(), before);
  assert.equal(j.canUndo, false);
  j.free();
});
