// The hand-written TypeScript types of the package (src/wasm/mod.rs) kept
// in step with the core: the Edit union names exactly the ops the core
// reads, and the view's records name exactly the fields Journey.view()
// gives. A field or an op added on one side and not the other fails here.
//   bash tools/build.sh && node --test tests/node/types.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { initSync, Journey } from "../../pkg/journeygraph.js";

const dts = readFileSync(new URL("../../pkg/journeygraph.d.ts", import.meta.url), "utf8");

before(() => {
  initSync({ module: readFileSync(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url)) });
});

/** The body of `export interface Name { … }` (nested braces included). */
function body(name) {
  const start = dts.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `no interface ${name} in journeygraph.d.ts`);
  let depth = 0;
  for (let i = dts.indexOf("{", start); i < dts.length; i++) {
    if (dts[i] === "{") depth++;
    if (dts[i] === "}" && --depth === 0) return dts.slice(dts.indexOf("{", start) + 1, i);
  }
  throw new Error(`interface ${name} does not end`);
}

/** The top-level field names of an interface body. */
function fields(text) {
  const names = [];
  let depth = 0;
  for (const m of text.matchAll(/[{}]|(?:^|[;\s])(\w+)\??:/g)) {
    if (m[0] === "{") depth++;
    else if (m[0] === "}") depth--;
    else if (depth === 0) names.push(m[1]);
  }
  return names.sort();
}

test("the Edit type names exactly the ops the core reads", () => {
  const union = dts.slice(dts.indexOf("export type Edit ="), dts.indexOf(";\n", dts.indexOf("export type Edit =")));
  const typed = [...union.matchAll(/op: "(\w+)"/g)].map((m) => m[1]).sort();
  const j = Journey.sample();
  try {
    let message = "";
    try {
      j.apply({ op: "no-such-op" });
    } catch (e) {
      message = e.message;
    }
    const core = [...message.slice(message.indexOf("expected one of")).matchAll(/`(\w+)`/g)].map((m) => m[1]).sort();
    assert.ok(core.length > 10, `the core's list of ops: ${message}`);
    assert.deepEqual(typed, core);
  } finally {
    j.free();
  }
});

test("JourneyView, TouchpointView and the settings name exactly the fields of Journey.view()", () => {
  const j = Journey.sample();
  try {
    const v = j.view();
    assert.deepEqual(fields(body("JourneyView")), Object.keys(v).sort());
    assert.deepEqual(fields(body("TouchpointView")), Object.keys(v.touchpoints[0]).sort());
    const settings = body("JourneyView").match(/settings: \{([^}]*\{[^}]*\}[^}]*)\}/)[1];
    assert.deepEqual(fields(settings), Object.keys(v.settings).sort());
    // Every field a touchpoint record may carry in a file or an edit is typed there too.
    assert.deepEqual(fields(body("TouchpointRecord")), Object.keys(v.touchpoints[0]).sort());
  } finally {
    j.free();
  }
});

test("Journey.fromCounts is typed beside fromPaths, its options only the delimiter it reads", () => {
  assert.match(dts, /static fromPaths\(csv: string, options\?: PathOptions\): Journey;/);
  assert.match(dts, /static fromCounts\(csv: string, options\?: CountsOptions\): Journey;/);
  assert.deepEqual(fields(body("CountsOptions")), ["delimiter"]);
  const j = Journey.fromCounts("kind;channel;next_channel;count\nfirst;A;;1\nnulls;A;;1\n", { delimiter: ";" });
  try {
    assert.equal(j.touchpointCount, 2);
  } finally {
    j.free();
  }
});
