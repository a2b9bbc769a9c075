// Every entry's types under the default lib of the target (no "lib" in
// tsconfig.es2020.json / tsconfig.es2022.json, so no esnext.disposable) with
// skipLibCheck off: what a project that sets only `target` gets. No `using`
// here: that needs esnext.disposable (consumer.ts has it). No React either:
// these consumers have no React types, and the package's other entries must
// not need them.
import init, { Journey, Simulator, type Analysis } from "journeygraph";
import { JourneyMapElement, define } from "journeygraph/element";
import { JourneyChangeEvent, JourneyErrorEvent } from "journeygraph/events";
import { JourneyMap } from "journeygraph/define";

export async function figures(): Promise<number> {
  await init();
  const journey = Journey.sample();
  const analysis: Analysis = journey.analyze();
  const sim = new Simulator(journey, { customers: 100, seed: 1 });
  sim.run(1000);
  sim.free();
  journey.free();
  const map = document.querySelector("journey-map");
  map?.addEventListener("journey-change", (event) => console.log(event.detail.json.length));
  const Cls: typeof JourneyMapElement = define("my-map");
  console.log(Cls, JourneyMap, JourneyChangeEvent, JourneyErrorEvent);
  return analysis.success;
}
