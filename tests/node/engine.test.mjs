// The engine through the built npm package (SPEC sections 3 and 7): the
// wasm build must give the native numbers, bit for bit, and keep the
// SPEC's properties.
//
// tests/data/golden.json is written by tests/golden.rs from the native
// engine; it stores each journey's file text, the options of every run and
// every result ({ok} or {error}). Here each journey is loaded from that same
// text and every result must be deepStrictEqual to the native one: same f64
// operations, libm for exp/log, a bit-defined random generator — so no
// tolerance. Needs `bash tools/build.sh` first; run with
// `node --test tests/node/`.
import { test, before, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { initSync, Journey } from "../../pkg/journeygraph.js";
import { referenceJSON } from "../reference.mjs";

const pkg = new URL("../../pkg/", import.meta.url);
const golden = JSON.parse(
  readFileSync(fileURLToPath(new URL("../data/golden.json", import.meta.url)), "utf8"),
);

before(() => {
  const bytes = readFileSync(fileURLToPath(new URL("journeygraph_bg.wasm", pkg)));
  initSync({ module: bytes });
});

/** The golden entry of a journey, by name. */
function entry(name) {
  const e = golden.journeys.find((j) => j.name === name);
  assert.ok(e, `no golden journey "${name}"`);
  return e;
}

/** Runs `fn` with a journey and frees it afterwards. */
function using(journey, fn) {
  try {
    return fn(journey);
  } finally {
    journey.free();
  }
}

/**
 * What a call gives, in the golden file's shape: {ok: value}, or
 * {error: {code, path[, touchpoints]}} for a thrown JourneyError (which
 * must be a real Error).
 */
function outcome(fn) {
  let value;
  try {
    value = fn();
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`);
    assert.equal(e.name, "JourneyError", e.stack);
    assert.equal(typeof e.code, "string", e.message);
    assert.equal(typeof e.path, "string", e.message);
    const error = { code: e.code, path: e.path };
    if (e.touchpoints !== undefined) error.touchpoints = e.touchpoints;
    return { error };
  }
  return { ok: value };
}

/** deepStrictEqual with a message naming the first numbers that differ. */
function assertSame(actual, expected, what) {
  try {
    assert.deepStrictEqual(actual, expected);
  } catch (err) {
    const diffs = [];
    const walk = (a, b, at) => {
      if (diffs.length >= 20) return;
      if (typeof a === "number" && typeof b === "number") {
        if (!Object.is(a, b)) diffs.push(`${at}: wasm ${a}, native ${b} (difference ${a - b})`);
      } else if (a && b && typeof a === "object" && typeof b === "object") {
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], `${at}/${k}`);
      } else if (!Object.is(a, b)) {
        diffs.push(`${at}: wasm ${JSON.stringify(a) ?? String(a)}, native ${JSON.stringify(b)}`);
      }
    };
    walk(actual, expected, "");
    err.message = `${what}: the wasm result differs from the native golden one\n  ${diffs.join("\n  ")}\n${err.message}`;
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Same journey, same options: same numbers as native
// ---------------------------------------------------------------------------

describe("the wasm package gives the native golden numbers exactly", () => {
  test("the golden file has the journeys it should", () => {
    const names = golden.journeys.map((j) => j.name);
    for (const n of ["sample", "loop", "self-loop", "two-goals", "no-goal", "closed-loop", "no-entry", "reference"]) {
      assert.ok(names.includes(n), `golden.json has no "${n}"; regenerate it (tests/golden.rs)`);
    }
  });

  for (const g of golden.journeys) {
    describe(g.name, () => {
      const load = () => Journey.fromJSON(g.json);

      test("analyze", () => {
        using(load(), (j) => {
          assertSame(outcome(() => j.analyze()), g.analyze, `${g.name} analyze()`);
          assertSame(outcome(() => j.analyze(undefined)), g.analyze, `${g.name} analyze(undefined)`);
          assertSame(outcome(() => j.analyze({ touchpoints: true })), g.analyze, `${g.name} analyze({touchpoints: true})`);
        });
      });

      test("analyze({touchpoints: false}): the same totals, no touchpoints", () => {
        const expected = g.analyze.ok ? { ok: { ...g.analyze.ok, touchpoints: {} } } : g.analyze;
        using(load(), (j) => {
          assertSame(outcome(() => j.analyze({ touchpoints: false })), expected, `${g.name} totals`);
        });
      });

      for (const run of g.simulate) {
        test(`simulate(${JSON.stringify(run.options)})`, () => {
          using(load(), (j) => {
            assertSame(outcome(() => j.simulate(run.options)), run.result, `${g.name} simulate`);
          });
        });
      }

      test(`opportunities({delta: ${g.opportunities.delta}})`, () => {
        using(load(), (j) => {
          assertSame(
            outcome(() => j.opportunities({ delta: g.opportunities.delta })),
            g.opportunities.result,
            `${g.name} opportunities`,
          );
        });
      });

      test("removalEffects", () => {
        using(load(), (j) => {
          assertSame(outcome(() => j.removalEffects()), g.removalEffects, `${g.name} removalEffects`);
        });
      });


      if (g.compare) {
        test(`compare("${g.compare.scenario}", ${JSON.stringify(g.compare.options)})`, () => {
          using(load(), (j) => {
            assertSame(
              outcome(() => j.compare(g.compare.scenario, g.compare.options)),
              g.compare.result,
              `${g.name} compare by id`,
            );
          });
        });

        test("compare with the same scenario as an object", () => {
          const scenario = JSON.parse(g.json).scenarios.find((s) => s.id === g.compare.scenario);
          using(load(), (j) => {
            assertSame(
              outcome(() => j.compare(scenario, g.compare.options)),
              g.compare.result,
              `${g.name} compare by object`,
            );
          });
        });
      }

      if (g.reference) {
        test(`the reference journey (${g.reference.touchpoints}, seed ${g.reference.seed}) from the native generator`, () => {
          const text = referenceJSON(g.reference.touchpoints, g.reference.seed);
          assert.equal(text, g.json, "examples/reference.rs writes the golden journey");
          using(Journey.fromJSON(text), (j) => {
            assert.equal(j.toJSON(), g.json, "the package writes back the file it read");
            assertSame(outcome(() => j.analyze()), g.analyze, "reference analyze");
          });
        });
      }
    });
  }

  test("Journey.sample() gives the sample's golden numbers", () => {
    const g = entry("sample");
    using(Journey.sample(), (j) => {
      assertSame(outcome(() => j.analyze()), g.analyze, "sample analyze");
      for (const run of g.simulate) {
        assertSame(outcome(() => j.simulate(run.options)), run.result, "sample simulate");
      }
      assertSame(outcome(() => j.compare(g.compare.scenario, g.compare.options)), g.compare.result, "sample compare");
    });
  });

  test("a journey exported and loaded again gives the same numbers", () => {
    for (const g of golden.journeys.filter((x) => x.analyze.ok)) {
      const text = using(Journey.fromJSON(g.json), (j) => j.toJSON());
      using(Journey.fromJSON(text), (j) => {
        assertSame(outcome(() => j.analyze()), g.analyze, `${g.name} after a round trip`);
        assertSame(outcome(() => j.simulate(g.simulate[0].options)), g.simulate[0].result, `${g.name} simulate after a round trip`);
      });
    }
  });
});

// ---------------------------------------------------------------------------
// SPEC section 3 properties, through the package
// ---------------------------------------------------------------------------

/** Every journey of the golden file that can be analysed, loaded. */
function analysable() {
  return golden.journeys.filter((g) => g.analyze.ok).map((g) => g.name);
}

describe("SPEC properties through the package", () => {
  test("dropout + completion = 1 (1e-12); success and shares in [0, 1]", () => {
    for (const name of analysable()) {
      using(Journey.fromJSON(entry(name).json), (j) => {
        const a = j.analyze();
        assert.ok(Math.abs(a.dropout + a.completion - 1) <= 1e-12, `${name}: ${a.dropout} + ${a.completion}`);
        for (const k of ["success", "completion", "dropout", "serviceShare", "proactiveShare"]) {
          assert.ok(a[k] >= 0 && a[k] <= 1, `${name}: ${k} = ${a[k]}`);
        }
        assert.ok(Number.isFinite(a.expectedTouchpoints) && a.expectedTouchpoints > 0);
        assert.ok(Math.abs(a.meanFelt * a.expectedTouchpoints - a.emotionalLoad) <= 1e-12);
      });
    }
  });

  test("every touchpoint: reach ≤ visits and reach ≤ 1", () => {
    for (const name of analysable()) {
      using(Journey.fromJSON(entry(name).json), (j) => {
        const { touchpoints } = j.analyze();
        assert.equal(Object.keys(touchpoints).length, j.touchpointCount, name);
        for (const [id, t] of Object.entries(touchpoints)) {
          assert.ok(t.reach >= 0, `${name} ${id}: reach ${t.reach}`);
          assert.ok(t.reach <= t.visits, `${name} ${id}: reach ${t.reach} > visits ${t.visits}`);
          assert.ok(t.reach <= 1, `${name} ${id}: reach ${t.reach} > 1`);
        }
      });
    }
  });

  test("a journey without a goal: success = completion", () => {
    using(Journey.fromJSON(entry("no-goal").json), (j) => {
      const a = j.analyze();
      assert.equal(a.success, a.completion);
    });
  });

  test("the sample's simulated success is within 4 half-widths of the exact one", () => {
    using(Journey.sample(), (j) => {
      const exact = j.analyze().success;
      for (const options of [{ customers: 10000, seed: 1 }, { customers: 5000, seed: 42 }, { customers: 20000, seed: 99 }]) {
        const s = j.simulate(options);
        assert.equal(s.customers, options.customers);
        assert.equal(s.seed, options.seed);
        assert.ok(s.success.halfWidth > 0);
        assert.ok(
          Math.abs(s.success.mean - exact) <= 4 * s.success.halfWidth,
          `${JSON.stringify(options)}: simulated ${s.success.mean} ± ${s.success.halfWidth}, exact ${exact}`,
        );
      }
    });
  });

  test("simulate is deterministic for a seed, and the seed matters", () => {
    using(Journey.sample(), (j) => {
      const a = j.simulate({ customers: 3000, seed: 11 });
      const b = j.simulate({ customers: 3000, seed: 11 });
      const c = j.simulate({ customers: 3000, seed: 12 });
      assert.deepStrictEqual(a, b);
      assert.notDeepStrictEqual(a, c);
      // Defaults: 10,000 customers, seed 1.
      assert.deepStrictEqual(j.simulate(), j.simulate({ customers: 10000, seed: 1 }));
    });
  });

  test("opportunities are sorted best first (success gain, then mean-felt gain)", () => {
    for (const name of analysable()) {
      using(Journey.fromJSON(entry(name).json), (j) => {
        for (const delta of [0.5, 0.2, -0.3]) {
          const list = j.opportunities({ delta });
          assert.ok(Array.isArray(list));
          assert.equal(list.length, j.touchpointCount, name);
          for (let i = 1; i < list.length; i++) {
            const [p, q] = [list[i - 1], list[i]];
            assert.ok(
              p.successGain > q.successGain || (p.successGain === q.successGain && p.meanFeltGain >= q.meanFeltGain),
              `${name} delta ${delta}: #${i - 1} ${p.touchpoint} (${p.successGain}, ${p.meanFeltGain}) before #${i} ${q.touchpoint} (${q.successGain}, ${q.meanFeltGain})`,
            );
          }
        }
        // The default delta is 0.5.
        assert.deepStrictEqual(j.opportunities(), j.opportunities({ delta: 0.5 }));
      });
    }
  });

  test("compare with a scenario of no changes: every delta is 0", () => {
    for (const name of analysable()) {
      using(Journey.fromJSON(entry(name).json), (j) => {
        const c = j.compare({ id: "nothing", name: "Nothing", changes: [] }, { customers: 1000, seed: 5 });
        assert.equal(c.scenarioId, "nothing");
        assert.equal(c.name, "Nothing");
        assert.deepStrictEqual(c.scenario, c.baseline);
        const keys = Object.keys(c.delta);
        assert.equal(keys.length, 15, keys.join());
        assert.deepStrictEqual(c.touchpoints, []);
        for (const k of keys) assert.ok(c.delta[k] === 0, `${name}: delta.${k} = ${c.delta[k]}`);
      });
    }
  });

  test("compare leaves the baseline unchanged", () => {
    using(Journey.sample(), (j) => {
      const before = j.toJSON();
      const a = j.analyze();
      const { scenarioId, delta } = j.compare(entry("sample").compare.scenario);
      assert.equal(scenarioId, entry("sample").compare.scenario);
      assert.equal(typeof delta.success, "number");
      assert.equal(j.toJSON(), before);
      assert.deepStrictEqual(j.analyze(), a);
    });
  });

  test("removalEffects: one number in [0, 1] per touchpoint", () => {
    for (const name of analysable()) {
      using(Journey.fromJSON(entry(name).json), (j) => {
        const re = j.removalEffects();
        assert.equal(Object.getPrototypeOf(re), Object.prototype);
        assert.equal(Object.keys(re).length, j.touchpointCount);
        for (const [id, v] of Object.entries(re)) assert.ok(v >= 0 && v <= 1, `${name} ${id}: ${v}`);
      });
    }
  });
});

// ---------------------------------------------------------------------------
// Errors: real Errors with code and path
// ---------------------------------------------------------------------------

/** Runs `fn`, expecting a JourneyError with `code` and `path`; returns it. */
function assertThrows(fn, code, path) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, `expected ${code}, nothing was thrown`);
  assert.notEqual(typeof thrown, "string", "threw a bare string");
  assert.ok(thrown instanceof Error, `threw a non-Error: ${String(thrown)}`);
  assert.equal(thrown.name, "JourneyError");
  assert.equal(thrown.code, code, thrown.message);
  assert.equal(thrown.path, path, thrown.message);
  assert.ok(typeof thrown.message === "string" && thrown.message.length > 0);
  return thrown;
}

describe("engine errors through the package", () => {
  test("no_entry from analyze, simulate, opportunities, removalEffects", () => {
    using(Journey.fromJSON(entry("no-entry").json), (j) => {
      for (const call of [
        () => j.analyze(),
        () => j.simulate({ customers: 10, seed: 1 }),
        () => j.opportunities({ delta: 0.5 }),
        () => j.removalEffects(),
      ]) {
        const e = assertThrows(call, "no_entry", "");
        assert.equal(e.touchpoints, undefined);
      }
    });
  });

  test("closed_loop names the trapped touchpoints in a touchpoints array", () => {
    const expected = entry("closed-loop").analyze.error;
    using(Journey.fromJSON(entry("closed-loop").json), (j) => {
      for (const call of [() => j.analyze(), () => j.opportunities({ delta: 0.5 }), () => j.removalEffects()]) {
        const e = assertThrows(call, "closed_loop", expected.path);
        assert.ok(Array.isArray(e.touchpoints), `touchpoints is not an Array: ${e.touchpoints}`);
        assert.deepStrictEqual([...e.touchpoints].sort(), ["b", "c"]);
        assert.deepStrictEqual(e.touchpoints, expected.touchpoints);
        assert.match(e.message, /B/);
      }
      // The diagnostics say the same without throwing.
      const d = j.diagnostics();
      assert.ok(d.some((x) => x.code === "closed_loop" && x.severity === "error"), JSON.stringify(d));
    });
  });

  test("customers and seed out of range are out_of_range at /customers and /seed", () => {
    using(Journey.sample(), (j) => {
      for (const customers of [0, 1e9, -5, 2.5, 10_000_001]) {
        assertThrows(() => j.simulate({ customers, seed: 1 }), "out_of_range", "/customers");
        assertThrows(() => j.compare(entry("sample").compare.scenario, { customers, seed: 1 }), "out_of_range", "/customers");
      }
      for (const seed of [-1, 1.5, 2 ** 53, Number.NaN]) {
        assertThrows(() => j.simulate({ customers: 10, seed }), "out_of_range", "/seed");
      }
      // The limits themselves are fine.
      assert.equal(j.simulate({ customers: 1, seed: 0 }).customers, 1);
      assert.equal(j.simulate({ customers: 10, seed: 2 ** 53 - 1 }).seed, 2 ** 53 - 1);
    });
  });

  test("an unknown scenario id is refused with path /scenarios", () => {
    using(Journey.sample(), (j) => {
      const e = assertThrows(() => j.compare("no-such-scenario"), "unknown_touchpoint", "/scenarios");
      assert.match(e.message, /no-such-scenario/);
    });
  });

  test("a scenario changing an unknown touchpoint is refused under /changes", () => {
    using(Journey.sample(), (j) => {
      const e = thrownBy(() => j.compare({ id: "x", changes: [{ touchpoint: "ghost", emotion: 0.5 }] }));
      assert.equal(e.code, "unknown_touchpoint", e.message);
      assert.ok(e.path.startsWith("/changes/0"), e.path);
    });
  });

  test("bad options are schema errors, not crashes", () => {
    using(Journey.sample(), (j) => {
      assertThrows(() => j.simulate({ customers: "many" }), "schema", "/options");
      assertThrows(() => j.opportunities({ delta: "big" }), "schema", "/options");
      assertThrows(() => j.opportunities({ delta: 5 }), "out_of_range", "/delta");
      assertThrows(() => j.compare(42), "schema", "/scenario");
      // The journey still works.
      assert.equal(typeof j.analyze().success, "number");
    });
  });
});

function thrownBy(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`);
    return e;
  }
  assert.fail("nothing was thrown");
}
