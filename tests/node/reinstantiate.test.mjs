// A real trap, and the way out of it (issue 10: "a trap must not cost the
// open journey"). The package has no debug API to make it trap; like any
// page it can reach the instance's memory (initSync() returns the exports),
// and overwriting that memory makes the next call read pointers far
// outside it: a genuine WebAssembly.RuntimeError, as a bug would cause.
// reinstantiate() then gives a fresh instance of the same module: journeys
// opened from their JSON work again, and the objects of the trapped
// instance throw like freed ones instead of touching the new memory.
// Its own file: the trap poisons this process's instance.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, reinstantiate, Journey, Simulator } from "../../pkg/journeygraph.js";

test("a trapped instance is replaced; old objects are disowned, JSON reopens", async () => {
  const exports = initSync({ module: readFileSync(fileURLToPath(new URL("../../pkg/journeygraph_bg.wasm", import.meta.url))) });
  const journey = Journey.sample();
  const json = journey.toJSON();
  const expected = journey.analyze();
  const sim = new Simulator(journey, { customers: 100, seed: 1 });

  // Every byte of linear memory becomes 0xAB: lengths and pointers of 2.8 GB.
  new Uint8Array(exports.memory.buffer).fill(0xab);
  let trapped = null;
  try {
    journey.analyze();
  } catch (error) {
    trapped = error;
  }
  assert.ok(trapped instanceof WebAssembly.RuntimeError, `a real trap: ${trapped?.constructor?.name}: ${trapped?.message}`);

  const fresh = await reinstantiate();
  assert.notEqual(fresh.memory, exports.memory, "a new instance with its own memory");
  const again = Journey.fromJSON(json);
  assert.deepStrictEqual(again.analyze(), expected, "the journey reopened from its JSON gives its figures again");
  // The old objects throw as freed objects do (a null pointer), never a trap, and never reach the new memory.
  const freed = (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && /null pointer/.test(e.message);
  for (const call of [() => journey.analyze(), () => journey.toJSON(), () => sim.run(10), () => journey.free(), () => sim.free()]) {
    assert.throws(call, freed);
  }
  // That is what a Journey freed twice does, too.
  const twice = Journey.sample();
  twice.free();
  assert.throws(() => twice.free(), freed);
  assert.deepStrictEqual(again.analyze(), expected, "…and freeing them did not touch the new instance");
  const s = new Simulator(again, { customers: 100, seed: 1 });
  assert.equal(s.run(1e9), true);
  s.free();
  again.free();
});

// compiledModule(): what init() compiled, which a worker of the page is
// handed (element/engine/client.js) instead of fetching the wasm again.
test("compiledModule() is the module the instance runs, and a second instance of it works alike", async () => {
  const { compiledModule } = await import("../../pkg/journeygraph.js");
  const module = compiledModule();
  assert.ok(module instanceof WebAssembly.Module, "a module once initSync() has run");
  const names = WebAssembly.Module.exports(module).map((e) => e.name);
  assert.ok(names.includes("memory") && names.some((n) => n.startsWith("journey_")), "the package's own wasm");
  const json = Journey.sample().toJSON();
  const expected = Journey.fromJSON(json).analyze();
  const fresh = await reinstantiate(); // a fresh instance from that same module, as a worker makes
  assert.ok(fresh.memory instanceof WebAssembly.Memory);
  assert.equal(compiledModule(), module, "the same module");
  assert.deepStrictEqual(Journey.fromJSON(json).analyze(), expected);
});
