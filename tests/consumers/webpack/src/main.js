// An app bundled with webpack 5: the element registered by
// "journeygraph/define", the engine loaded by init() (webpack emits the wasm
// file as an asset).
import init, { Journey } from "journeygraph";
import "journeygraph/define";
import { JourneyChangeEvent, JourneyErrorEvent } from "journeygraph/events";

const wasm = await init();
const journey = Journey.sample();
document.querySelector("journey-map").journey = journey.toJSON();
document.querySelector("#success").value = `${(100 * journey.analyze().success).toFixed(1)}%`;
journey.free();

// For tests/consumers/consumers.test.mjs.
window.consumer = { Journey, JourneyChangeEvent, JourneyErrorEvent, tag: "journey-map", wasmBytes: () => wasm.memory.buffer.byteLength };
document.body.dataset.ready = "true";
