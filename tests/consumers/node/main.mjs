// A Node script using the package as SPEC section 7 shows: initSync with the
// wasm bytes, then the Journey API. Prints what it found as JSON.
import { readFileSync } from "node:fs";
import init, { initSync, Journey } from "journeygraph";

const wasmFile = new URL(import.meta.resolve("journeygraph/journeygraph_bg.wasm"));
const exports = initSync({ module: readFileSync(wasmFile) });

const journey = Journey.sample();
const analysis = journey.analyze();
const simulation = journey.simulate({ customers: 10000, seed: 1 });
const [best] = journey.opportunities({ delta: 0.5 });
const comparison = journey.compare("next-day-delivery");
let refused = null;
try {
  Journey.fromJSON("{ not json");
} catch (error) {
  refused = { isError: error instanceof Error, code: error.code, path: error.path, message: error.message };
}
const copy = Journey.fromJSON(journey.toJSON());
const out = {
  title: journey.title,
  touchpoints: journey.touchpointCount,
  success: analysis.success,
  dropout: analysis.dropout,
  perTouchpoint: Object.keys(analysis.touchpoints).length,
  remembered: simulation.remembered,
  simulationAgain: journey.simulate({ customers: 10000, seed: 1 }).remembered.mean === simulation.remembered.mean,
  best: best && { touchpoint: best.touchpoint, successGain: best.successGain },
  removalEffects: Object.keys(journey.removalEffects()).length,
  comparisonKeys: Object.keys(comparison).sort(),
  diagnostics: journey.diagnostics(),
  roundTrip: copy.toJSON() === journey.toJSON(),
  refused,
  // init() after initSync returns the same instance rather than a second one.
  sameInstance: (await init()) === exports,
};
copy.free();
journey.free();
console.log(JSON.stringify(out));
