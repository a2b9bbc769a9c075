// An app that registers the element under a tag of its own choosing. The
// element starts loading the engine as soon as it is defined; the app's
// init() shares that load.
import init, { Journey } from "journeygraph";
import { define } from "journeygraph/element";
import { JourneyChangeEvent, JourneyErrorEvent } from "journeygraph/events";

define("jg-map");
const map = document.querySelector("jg-map");
const wasm = await init();
const journey = Journey.sample();
map.journey = journey; // a Journey: the app keeps ownership
document.querySelector("#success").value = `${(100 * journey.analyze().success).toFixed(1)}%`;

// For tests/consumers/consumers.test.mjs.
window.consumer = {
  Journey, JourneyChangeEvent, JourneyErrorEvent, tag: "jg-map", wasmBytes: () => wasm.memory.buffer.byteLength,
  registered: { "journey-map": Boolean(customElements.get("journey-map")), "jg-map": Boolean(customElements.get("jg-map")) },
};
document.body.dataset.ready = "true";
