// The element's large analyses off the page (www/element/engine/client.js
// requestTask; SPEC section 6, issue 10), through the built package in
// Node, where no Web Worker exists: the page fallback answers as the
// worker would (asynchronously, the newest request of a channel only, coded
// errors), the cost prediction is remembered by JSON text, and a paths file
// read on the page gives what the worker's "paths" task gives.
//   bash tools/build.sh && node --test tests/node/tasks.test.mjs
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey } from "../../pkg/journeygraph.js";
import { pagePaths } from "./page-paths.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
let client;
before(async () => {
  initSync({ module: readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg))) });
  client = await import("../../pkg/element/engine/client.js");
});

const answer = (channel, task, payload, onPage) => new Promise((resolve) => {
  client.requestTask(channel, task, payload, (error, result) => resolve({ error, result }), { onPage });
});

test("without a Worker a task runs on the page, asynchronously, and answers once", async () => {
  assert.equal(typeof globalThis.Worker, "undefined");
  let ran = false;
  const pending = answer(client.newChannel("t"), "attribution", { json: "{}" }, () => {
    ran = true;
    return { rows: [1] };
  });
  assert.equal(ran, false, "not during the call: the caller draws its computing state first");
  assert.deepEqual(await pending, { error: null, result: { rows: [1] } });
  assert.ok(client.stats.taskFallbacks >= 1);
});

test("a newer request on a channel supersedes the older one; cancelTask drops it", async () => {
  const channel = client.newChannel("t");
  const seen = [];
  client.requestTask(channel, "attribution", {}, (e, r) => seen.push(["first", r]), { onPage: () => "old" });
  const second = answer(channel, "attribution", {}, () => "new");
  assert.deepEqual(await second, { error: null, result: "new" });
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(seen, [], "the older request is never answered");

  const other = client.newChannel("t");
  client.requestTask(other, "attribution", {}, (e, r) => seen.push(["cancelled", r]), { onPage: () => "x" });
  client.cancelTask(other);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(seen, []);
});

test("a refusal comes back as the coded error it is", async () => {
  const { error, result } = await answer(client.newChannel("t"), "attribution", {}, () => Journey.fromJSON('{"format": "journeygraph"}'));
  assert.equal(result, null);
  assert.ok(error instanceof Error);
  assert.equal(typeof error.code, "string");
  assert.ok(error.code.length > 0 && error.code !== "internal", error.code);
});

test("the cost prediction follows the largest loop and is remembered by the JSON text", async () => {
  const { exactOnPageFor } = await import("../../pkg/element/engine/shape.js");
  const small = Journey.sample();
  const large = Journey.fromPaths(pagePaths(300, 20000, 1));
  try {
    let built = 0;
    const ask = (j) => {
      const json = j.toJSON();
      return exactOnPageFor(json, () => {
        built += 1;
        return j.toObject();
      });
    };
    assert.equal(ask(small), true, "the sample is attributed on the page");
    assert.equal(ask(large), false, "one loop of 300 pages goes to the worker");
    const json = large.toJSON();
    assert.equal(exactOnPageFor(json, () => assert.fail("asked again about the same text")), false);
    assert.equal(built, 2);
  } finally {
    small.free();
    large.free();
  }
});

test("hasObserved tells a fitted journey's text from a drawn one's without parsing it", async () => {
  const { hasObserved } = await import("../../pkg/element/attribution.js");
  const fitted = Journey.fromPaths("path,conversions,nulls\nA > B,3,1\n");
  const drawn = Journey.sample();
  try {
    assert.equal(hasObserved(fitted.toJSON()), true);
    assert.equal(hasObserved(drawn.toJSON()), false);
    // A title that mentions it is a string, not the key.
    drawn.apply({ op: "setTitle", title: 'x\n  "observed": {' });
    assert.equal(hasObserved(drawn.toJSON()), false);
  } finally {
    fitted.free();
    drawn.free();
  }
});

test("a paths file fitted on the page gives what Journey.fromPaths gives, titled, with its channels", async () => {
  const { fitPaths } = await import("../../pkg/element/files/paths-import.js");
  const csv = pagePaths(200, 5000, 3);
  const result = await fitPaths(new Blob([csv]), { separator: ">", delimiter: "," }, "Customer paths: site");
  const direct = Journey.fromPaths(csv);
  try {
    direct.apply({ op: "setTitle", title: "Customer paths: site" });
    assert.equal(result.json, direct.toJSON());
    const file = direct.toObject();
    assert.deepEqual(result.names, file.touchpoints.filter((t) => !t.goal).map((t) => t.name));
    assert.equal(result.stages, file.stages.length);
    assert.equal(result.summary.channels, result.names.length);
  } finally {
    direct.free();
  }
});
