// A consumer of journeygraph, type-checked with --strict (and the library's
// own .d.ts files checked too: skipLibCheck is off). Each @ts-expect-error
// line must fail to type-check, or tsc reports the directive as unused: the
// types are precise, not `any`.
import init, { initSync, Journey, type Analysis, type Edit, type JourneyError, type Simulation } from "journeygraph";
import { JourneyMapElement, define } from "journeygraph/element";
import { JourneyChangeEvent, type JourneyChangeDetail } from "journeygraph/events";
import { JourneyMap } from "journeygraph/define";
import { fromMermaid, toMermaid, type MermaidError, type MermaidExport } from "journeygraph/mermaid";

/** true when T is `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
type Not<T extends false> = T;
export type NoAny = [
  Not<IsAny<ReturnType<Journey["analyze"]>>>,
  Not<IsAny<ReturnType<Journey["simulate"]>>>,
  Not<IsAny<ReturnType<Journey["opportunities"]>>>,
  Not<IsAny<ReturnType<Journey["compare"]>>>,
  Not<IsAny<ReturnType<Journey["toObject"]>>>,
  Not<IsAny<Parameters<Journey["apply"]>[0]>>,
  Not<IsAny<JourneyMapElement["journey"]>>,
  Not<IsAny<JourneyChangeEvent["detail"]>>,
  Not<IsAny<Awaited<ReturnType<typeof init>>>>,
];

export async function inBrowser(): Promise<string> {
  await init();
  const journey = Journey.sample();
  const figures: Analysis = journey.analyze();
  const totals = journey.analyze({ touchpoints: false });
  const sim: Simulation = journey.simulate({ customers: 10000, seed: 1 });
  const [best] = journey.opportunities({ delta: 0.5 });
  const whatIf = journey.compare("next-day-delivery");
  const edit: Edit = { op: "setTitle", title: "Renewal" };
  journey.apply(edit);
  journey.undo();

  // @ts-expect-error fromJSON takes the file's text, not a number
  Journey.fromJSON(42);
  // @ts-expect-error there is no such edit
  journey.apply({ op: "explode" });
  // @ts-expect-error simulate's options are {customers, seed}
  journey.simulate({ customer: 10 });
  // @ts-expect-error figures are numbers
  const wrong: string = figures.success;

  const map = document.querySelector("journey-map"); // JourneyMapElement | null, from the define entry's types
  if (map) {
    map.journey = journey;
    map.journey = journey.toJSON();
    map.readonly = true;
    map.addEventListener("journey-change", (event) => {
      const detail: JourneyChangeDetail = event.detail;
      const json: string = event.detail.json;
      console.log(detail.reason, json.length, event instanceof JourneyChangeEvent);
    });
    map.addEventListener("journey-error", (event) => {
      const code: string | undefined = event.detail.error.code;
      console.log(code, event.detail.action);
    });
    const applied: boolean = map.edit({ op: "removeTouchpoint", id: "ivr" }, { coalesce: "x" });
    console.log(applied, map.undo(), map.scenario);
    // @ts-expect-error journey is a Journey or JSON text
    map.journey = 3;
    // @ts-expect-error edit() takes an Edit
    map.edit("removeTouchpoint");
  }
  document.addEventListener("journey-change", (event) => console.log(event.detail.reason));

  const Mine = define("my-journey");
  const mine: JourneyMapElement = new Mine();
  const registered: typeof JourneyMapElement = JourneyMap;
  console.log(mine.journey?.title, registered.observedAttributes, wrong);

  try {
    Journey.fromJSON("{");
  } catch (e) {
    const error = e as JourneyError;
    console.log(error.code, error.path, error.message);
  }
  const text = `${figures.success} ${totals.dropout} ${sim.remembered.mean} ${best?.name} ${whatIf.delta.success}`;
  journey.free();
  return text;
}

export async function manualLoading(bytes: ArrayBuffer): Promise<void> {
  initSync({ module: bytes });
  await init({ module_or_path: new URL("/assets/journeygraph_bg.wasm", location.href) });
  // @ts-expect-error initSync needs the module or its bytes
  initSync();
  {
    using scoped = Journey.sample(); // freed at the end of the block (Symbol.dispose)
    console.log(scoped.touchpointCount);
  }
}

export function mermaid(text: string): string {
  try {
    const { journey, source } = fromMermaid(text);
    const out: MermaidExport = toMermaid(journey, { embed: source === "embedded" });
    // @ts-expect-error the journey to export is a file, its JSON text or a Journey
    toMermaid(42);
    return `${out.text}${out.lost.join("; ")}`;
  } catch (e) {
    const error = e as MermaidError;
    return `${error.code} line ${error.line}: ${error.message}`;
  }
}
