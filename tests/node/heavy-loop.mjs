// A journey whose simulation is expensive (tests/node/simulator.test.mjs,
// tests/e2e/worker.test.mjs, tests/bench/longtask.mjs): `n` touchpoints in
// a line, ten to a stage, the middle one with a self-loop `weight` times
// heavier than its way on and no dropout, so each customer spends about
// `weight` moments there; `maxSteps` in the settings.
/** `n` touchpoints in a line; the middle one loops on itself `weight` times more than it moves on. */
export function heavyLoop(n, weight, maxSteps) {
  const touchpoints = Array.from({ length: n }, (_, i) => ({
    id: `t${i}`, name: `Touchpoint ${i}`, stage: `s${Math.floor(i / 10)}`, emotion: i % 3 === 0 ? -0.4 : 0.3,
    ...(i === 0 ? { entry: 1 } : {}), ...(i === n - 1 ? { goal: true } : {}),
  }));
  const transitions = touchpoints.slice(1).map((t, i) => ({ from: `t${i}`, to: t.id }));
  const mid = `t${Math.floor(n / 2)}`;
  transitions.push({ from: mid, to: mid, weight });
  return JSON.stringify({
    format: "journeygraph", version: 1, title: "Heavy loop",
    stages: Array.from({ length: Math.ceil(n / 10) }, (_, k) => ({ id: `s${k}`, name: `Stage ${k + 1}` })),
    touchpoints, transitions, settings: { maxSteps },
  });
}

