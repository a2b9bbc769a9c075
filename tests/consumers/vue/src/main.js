// The browser entry: the engine loaded by init() (Vite emits the wasm as an
// asset), then the App mounted by Vue.
import init, { Journey } from "journeygraph";
import { JourneyChangeEvent, JourneyErrorEvent } from "journeygraph/events";
import { createApp } from "vue";
import App from "./App.vue";

const wasm = await init();
const journey = Journey.sample();
const json = journey.toJSON();
const success = `${(100 * journey.analyze().success).toFixed(1)}%`;
journey.free();

createApp(App, { json, success }).mount("#app");

// For tests/consumers/consumers.test.mjs.
window.consumer = { Journey, JourneyChangeEvent, JourneyErrorEvent, tag: "journey-map", wasmBytes: () => wasm.memory.buffer.byteLength };
document.body.dataset.ready = "true";
