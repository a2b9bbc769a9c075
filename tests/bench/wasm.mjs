// Chromium benchmark of the built package (pkg/) on the SPEC section 6
// reference journeys: the same measurements as tests/bench/engine.rs, run
// as an embedder runs them, in headless Chromium through the JS API.
//   node tests/bench/wasm.mjs          (after tools/build.sh; tools/bench.sh does both)
import { execFileSync } from "node:child_process";
import { start, openPage } from "../e2e/browser.mjs";
import { referenceJSON } from "../reference.mjs";

// The reference journeys, from the crate's generator (examples/reference.rs).
const references = Object.fromEntries([10000, 100000].map((n) => [n, referenceJSON(n, 1)]));

// Page-level paths (one large loop), written by the crate's own generator:
// `cargo run --release --example page_paths -- CHANNELS 300000 1`.
const pagePaths = [2500, 10000].map((channels) => ({
  channels,
  csv: execFileSync("cargo", ["run", "--quiet", "--release", "--example", "page_paths", "--", String(channels), "300000", "1"], {
    cwd: new URL("../..", import.meta.url),
    maxBuffer: 1 << 30,
    encoding: "utf8",
  }),
}));

const { browser, url, close } = await start();
try {
  const { page, problems } = await openPage(browser);
  await page.goto(new URL("pkg/journeygraph.js", url).href.replace(/journeygraph\.js$/, "package.json"));
  const results = await page.evaluate(async ([base, pagePaths, references]) => {
    const { default: init, Journey } = await import(new URL("pkg/journeygraph.js", base).href);
    await init();
    // A Journey keeps the solve of its current revision, which analyze(),
    // removalEffects() and attribution() share, and keeps it across an edit
    // that changes only what customers feel. Each run first makes an
    // untimed edit: by default one of how customers move (a touchpoint's
    // dropout, alternately two values), so that every run solves anew;
    // with `field: "emotion"` one of what they feel, so that every run
    // reuses the solve (a slider step, a page rated).
    let revision = 0;
    const median = (runs, f, j, field = "dropout") => {
      const tp = j.view().touchpoints[0];
      const fresh = () => {
        revision += 1;
        const value = field === "dropout" ? (revision % 2 ? 0.011 : 0.012) : (revision % 2 ? 0.3 : -0.3);
        j.apply({ op: "updateTouchpoint", touchpoint: { ...tp, [field]: value } });
      };
      fresh();
      f(); // warm-up
      const times = [];
      for (let k = 0; k < runs; k++) {
        fresh();
        const t = performance.now();
        f();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return times[Math.floor(runs / 2)];
    };
    const out = [];
    for (const n of [10000, 100000]) {
      const j = Journey.fromJSON(references[n]);
      const runs = n > 50000 ? 7 : 21;
      out.push({
        n,
        analyze: median(runs, () => j.analyze(), j),
        totals: median(runs, () => j.analyze({ touchpoints: false }), j),
        opportunities: median(runs, () => j.opportunities({ delta: 0.5 }), j),
        removalEffects: median(runs, () => j.removalEffects(), j),
        afterEmotion: median(runs, () => j.analyze(), j, "emotion"),
      });
      j.free();
    }
    const fitted = [];
    for (const { channels, csv } of pagePaths) {
      const j = Journey.fromPaths(csv);
      const runs = channels > 5000 ? 1 : 5;
      fitted.push({
        channels: j.touchpointCount,
        ms: median(runs, () => {
          j.analyze();
          j.removalEffects();
        }, j),
        afterEmotion: median(5, () => {
          j.analyze();
          j.removalEffects();
        }, j, "emotion"),
      });
      j.free();
    }
    const j = Journey.fromJSON(references[10000]);
    let moments = 0;
    const sim = median(5, () => {
      moments = j.simulate({ customers: 200000, seed: 1 }).moments;
    }, j);
    j.free();
    return { sizes: out, fitted, sim, moments, ua: navigator.userAgent };
  }, [url, pagePaths, references]);
  console.log(`journeygraph wasm benchmark in ${results.ua.match(/(Headless)?Chrome\/[\d.]+/)?.[0]} (median of runs, ms)`);
  for (const r of results.sizes) {
    console.log(
      `n=${String(r.n).padStart(6)}  analyze ${r.analyze.toFixed(2).padStart(8)} ms  (totals only ${r.totals.toFixed(2).padStart(7)} ms)  opportunities ${r.opportunities
        .toFixed(2)
        .padStart(8)} ms  removalEffects ${r.removalEffects.toFixed(2).padStart(8)} ms  (analyze after an emotion edit, solve reused: ${r.afterEmotion.toFixed(2)} ms)`,
    );
  }
  for (const f of results.fitted) {
    console.log(`page paths: channels=${String(f.channels).padStart(6)}  analyze + removalEffects ${f.ms.toFixed(1).padStart(9)} ms  (after rating one page, solve reused: ${f.afterEmotion.toFixed(1)} ms)`);
  }
  console.log(
    `simulate n=10000 customers=200000: ${results.sim.toFixed(1)} ms, ${results.moments} moments, ${(
      results.moments / results.sim / 1e3
    ).toFixed(1)} M moments/s`,
  );
  if (problems.length) console.log("page problems:", problems);
} finally {
  await close();
}
