// The browser entry: the engine loaded by init() (Vite emits the wasm as an
// asset), then the App rendered by React.
import init, { Journey } from "journeygraph";
import { JourneyChangeEvent, JourneyErrorEvent } from "journeygraph/events";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { App } from "./App";

const wasm = await init();
const journey = Journey.sample();
const json = journey.toJSON();
const success = `${(100 * journey.analyze().success).toFixed(1)}%`;
journey.free();

const root = createRoot(document.getElementById("root")!);
flushSync(() => root.render(<App json={json} success={success} />));

// For tests/consumers/consumers.test.mjs.
window.consumer = { Journey, JourneyChangeEvent, JourneyErrorEvent, tag: "journey-map", wasmBytes: () => wasm.memory.buffer.byteLength };
document.body.dataset.ready = "true";
