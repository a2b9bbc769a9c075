// The simulation in pieces and within a budget, through the built package
// (issue 10, "the page never waits on the engine"): `Simulator` gives
// `simulate()`'s figures bit for bit however it is cut, `maxMoments` ends a
// run early and says so, the options are checked, and the element's
// figures client (pkg/element/engine/client.js), where no Worker exists as
// here, falls back to a small budgeted simulation on the page.
// Needs `bash tools/build.sh` first; `node --test tests/node/`.
import { test, before, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey, Simulator } from "../../pkg/journeygraph.js";
import { heavyLoop } from "./heavy-loop.mjs";
import { referenceJSON } from "../reference.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
before(() => {
  initSync({ module: readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg))) });
});

function using(journey, fn) {
  try {
    return fn(journey);
  } finally {
    journey.free();
  }
}

function assertThrows(fn, code, path) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `threw a non-Error: ${e}`);
    assert.equal(e.code, code, e.message);
    if (path !== undefined) assert.equal(e.path, path, e.message);
    return true;
  });
}

/** Runs `sim` in pieces of the sizes `pieces` cycles through. */
function runInPieces(sim, pieces) {
  let k = 0;
  while (!sim.run(pieces[k % pieces.length])) k += 1;
  return sim.result();
}

describe("Simulator: the simulation in pieces", () => {
  test("any cut gives simulate()'s figures bit for bit", () => {
    for (const make of [() => Journey.sample(), () => Journey.fromJSON(referenceJSON(300, 3)), () => Journey.fromJSON(heavyLoop(20, 30, 200))]) {
      using(make(), (j) => {
        for (const options of [{ customers: 3000, seed: 42 }, { customers: 1, seed: 0 }]) {
          const whole = j.simulate(options);
          assert.equal(whole.requested, options.customers);
          assert.equal(whole.customers, options.customers);
          assert.equal(whole.budgetExhausted, false);
          assert.equal(typeof whole.cutAtMaxSteps, "number");
          for (const pieces of [[1], [37], [3, 1, 250], [1e9]]) {
            const sim = new Simulator(j, options);
            try {
              assert.deepStrictEqual(runInPieces(sim, pieces), whole, `${j.title} ${JSON.stringify(options)} in pieces ${pieces}`);
              assert.equal(sim.done, true);
              assert.equal(sim.progress, 1);
            } finally {
              sim.free();
            }
          }
        }
      });
    }
  });

  test("reports as it goes; result() is undefined before the first customer", () => {
    using(Journey.sample(), (j) => {
      const sim = new Simulator(j, { customers: 10000, seed: 1 });
      try {
        assert.equal(sim.result(), undefined);
        assert.equal(sim.requested, 10000);
        assert.equal(sim.simulated, 0);
        assert.equal(sim.run(20000), false);
        assert.ok(sim.simulated > 0 && sim.simulated < 10000);
        assert.ok(sim.moments <= 20000);
        assert.ok(sim.progress > 0 && sim.progress < 1);
        const partial = sim.result();
        assert.equal(partial.budgetExhausted, true);
        assert.equal(partial.customers, sim.simulated);
        assert.equal(partial.requested, 10000);
        assert.equal(sim.run(1e12), true);
        assert.deepStrictEqual(sim.result(), j.simulate({ customers: 10000, seed: 1 }));
      } finally {
        sim.free();
      }
    });
  });

  test("it copies the journey: edits and free() after it was made change nothing", () => {
    const j = Journey.sample();
    const expected = j.simulate({ customers: 500, seed: 3 });
    const sim = new Simulator(j, { customers: 500, seed: 3 });
    const file = j.toObject();
    j.apply({ op: "updateTouchpoint", touchpoint: { ...file.touchpoints[0], emotion: -1 } });
    j.free();
    try {
      assert.deepStrictEqual(runInPieces(sim, [100]), expected);
    } finally {
      sim.free();
    }
  });

  test("bad options and budgets are out_of_range or schema errors; nobody to start is no_entry", () => {
    using(Journey.sample(), (j) => {
      assertThrows(() => new Simulator(j, { customers: 0 }), "out_of_range", "/customers");
      assertThrows(() => new Simulator(j, { customers: 1.5 }), "out_of_range", "/customers");
      assertThrows(() => new Simulator(j, { seed: -1 }), "out_of_range", "/seed");
      assertThrows(() => new Simulator(j, { customers: "many" }), "schema", "/options");
      assertThrows(() => new Simulator(j, { maxMoments: 10 }), "schema", "/options/maxMoments");
      const sim = new Simulator(j);
      try {
        assert.equal(sim.requested, 10000, "defaults as simulate()'s");
        for (const bad of [0, -1, 1.5, NaN, Infinity, 2 ** 53]) assertThrows(() => sim.run(bad), "out_of_range", "/maxMoments");
      } finally {
        sim.free();
      }
      for (const bad of [0, 0.5, -3, 2 ** 53, NaN]) {
        assertThrows(() => j.simulate({ customers: 10, maxMoments: bad }), "out_of_range", "/maxMoments");
      }
      assertThrows(() => j.compare("next-day-delivery", { maxMoments: 5 }), "schema", "/options/maxMoments");
    });
    const closed = JSON.stringify({
      format: "journeygraph", version: 1, title: "Nobody starts", stages: [{ id: "s", name: "S" }],
      touchpoints: [{ id: "a", name: "A", stage: "s", dropout: 0.5 }, { id: "b", name: "B", stage: "s", dropout: 0.5 }],
      transitions: [{ from: "a", to: "b" }, { from: "b", to: "a" }],
    });
    using(Journey.fromJSON(closed), (j) => {
      assertThrows(() => new Simulator(j, { customers: 10 }), "no_entry", "");
      assertThrows(() => j.simulate({ customers: 10, maxMoments: 100 }), "no_entry", "");
    });
  });
});

describe("simulate({maxMoments}): a budget", () => {
  test("ends the run early, says so, and is the first customers of the full run", () => {
    using(Journey.sample(), (j) => {
      const whole = j.simulate({ customers: 10000, seed: 1 });
      const cut = j.simulate({ customers: 10000, seed: 1, maxMoments: Math.floor(whole.moments / 4) });
      assert.equal(cut.budgetExhausted, true);
      assert.equal(cut.requested, 10000);
      assert.ok(cut.customers > 1000 && cut.customers < 5000, `${cut.customers} customers`);
      const first = j.simulate({ customers: cut.customers, seed: 1 });
      assert.deepStrictEqual(cut, { ...first, requested: 10000, budgetExhausted: true });
      assert.ok(cut.remembered.halfWidth > whole.remembered.halfWidth, "half-widths over the customers simulated");
      assert.equal(j.simulate({ customers: 10000, seed: 1, maxMoments: 1 }).customers, 1, "at least one customer");
      assert.deepStrictEqual(j.simulate({ customers: 10000, seed: 1, maxMoments: whole.moments }), whole);
    });
  });

  test("a heavy self-loop with maxSteps 1,000,000 stays within its budget", () => {
    using(Journey.fromJSON(heavyLoop(200, 1000, 1_000_000)), (j) => {
      const expected = j.analyze({ touchpoints: false }).expectedTouchpoints;
      assert.ok(expected > 1000, `${expected} moments a customer`);
      const t0 = performance.now();
      const s = j.simulate({ customers: 10000, seed: 1, maxMoments: 500_000 });
      const ms = performance.now() - t0;
      assert.equal(s.budgetExhausted, true);
      assert.ok(s.moments >= 500_000 && s.moments < 500_000 + 1_000_000, `${s.moments} moments`);
      assert.ok(s.customers >= 200 && s.customers <= 800, `${s.customers} customers`);
      assert.equal(s.cutAtMaxSteps, 0);
      console.log(`# heavy loop: ${s.customers} of ${s.requested} customers, ${s.moments} moments in ${ms.toFixed(1)} ms`);
    });
  });

  test("walks cut at maxSteps are counted", () => {
    using(Journey.fromJSON(heavyLoop(5, 1e-9, 3)), (j) => {
      const s = j.simulate({ customers: 100, seed: 2 });
      assert.equal(s.cutAtMaxSteps, 100);
      assert.equal(s.moments, 300);
    });
  });
});

describe("the element's figures client without a Worker (as in Node)", () => {
  test("small journeys at once on the page; a heavy one in a budgeted run that says how far it got", async () => {
    assert.equal(typeof globalThis.Worker, "undefined", "Node has no Web Worker: the client must fall back");
    const client = await import("../../pkg/element/engine/client.js");
    using(Journey.sample(), (j) => {
      const f = client.requestFigures("node-small", j);
      assert.deepEqual(f.pending, { exact: false, simulation: false });
      assert.deepStrictEqual(f.simulation, j.simulate({ customers: client.SIMULATED_CUSTOMERS, seed: client.SEED }));
      assert.deepStrictEqual(f.analysis, j.analyze());
    });
    const heavy = Journey.fromJSON(heavyLoop(200, 1000, 1_000_000));
    const updated = new Promise((resolve) => {
      const f = client.requestFigures("node-heavy", heavy, {}, resolve);
      assert.ok(f.analysis, "the exact figures at once");
    });
    heavy.free(); // the fallback works from the JSON
    const later = await updated;
    assert.equal(later.simulation.budgetExhausted, true);
    assert.ok(later.simulation.moments >= client.FALLBACK_MOMENTS);
    assert.ok(later.simulation.customers < client.SIMULATED_CUSTOMERS);
    assert.equal(client.stats.fallbacks, 1);
  });

  test("where the exact figures are computed follows the largest loop, not only the size", async () => {
    const { largestLoop, exactOnPage, EXACT_LOOP } = await import("../../pkg/element/engine/shape.js");
    const file = (n, links) => ({
      touchpoints: Array.from({ length: n }, (_, i) => ({ id: `t${i}` })),
      transitions: links.map(([a, b]) => ({ from: `t${a}`, to: `t${b}` })),
    });
    assert.equal(largestLoop(file(0, [])), 0);
    assert.equal(largestLoop(file(3, [[0, 0], [1, 1]])), 1, "a self-loop is a loop of one");
    assert.equal(largestLoop(file(5, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 3]])), 3);
    const ring = (n) => file(n, Array.from({ length: n }, (_, i) => [i, (i + 1) % n]));
    assert.equal(largestLoop(ring(5000)), 5000, "no recursion: a loop of 5,000");
    assert.equal(exactOnPage(ring(EXACT_LOOP)), true);
    assert.equal(exactOnPage(ring(EXACT_LOOP + 1)), false, "a larger loop goes to the worker");
    using(Journey.sample(), (j) => assert.equal(exactOnPage(j.toObject()), true));
    using(Journey.fromJSON(referenceJSON(1000, 1)), (j) => assert.equal(exactOnPage(j.toObject()), true, "small loops only"));
    using(Journey.fromJSON(referenceJSON(10000, 1)), (j) => assert.equal(exactOnPage(j.toObject()), false, "too large"));
  });
});
