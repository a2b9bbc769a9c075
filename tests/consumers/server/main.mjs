// Imports every JavaScript entry point of the installed package in Node,
// where there is no DOM, the way a server-side renderer does; prints JSON:
//   {dom, entries: {[specifier]: exports | {error}}, defined, events}
// The entry points are read from the package's own `exports`, so a new
// entry is imported here without editing this file. No DOM shim is set up:
// `dom` lists the DOM globals present, and should be empty.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const dom = ["window", "document", "HTMLElement", "customElements", "CSSStyleSheet", "matchMedia", "Worker"]
  .filter((name) => name in globalThis);
const manifest = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("journeygraph/package.json"), "utf8"));
const specifiers = Object.entries(manifest.exports)
  .filter(([, target]) => typeof target === "object" && String(target.default).endsWith(".js"))
  .map(([entry]) => (entry === "." ? "journeygraph" : `journeygraph/${entry.slice(2)}`));

const entries = {};
const modules = {};
for (const specifier of specifiers) {
  try {
    modules[specifier] = await import(specifier);
    entries[specifier] = Object.keys(modules[specifier]).sort();
  } catch (error) {
    entries[specifier] = { error: `${error.name}: ${error.message}` };
  }
}

// define() registers nothing without customElements and returns the class.
let defined = null;
const element = modules["journeygraph/element"];
if (element) {
  const cls = element.define("server-map");
  defined = {
    isElementClass: cls === element.JourneyMapElement,
    defineEntry: modules["journeygraph/define"]?.JourneyMap === element.JourneyMapElement,
    observedAttributes: element.JourneyMapElement.observedAttributes,
  };
}

// The event classes construct where the runtime has CustomEvent (Node does).
let events = null;
const ev = modules["journeygraph/events"];
if (ev && typeof CustomEvent === "function") {
  const e = new ev.JourneyChangeEvent({ json: "{}", edit: null, reason: "load" });
  events = { type: e.type, reason: e.detail.reason, bubbles: e.bubbles, composed: e.composed, isCustomEvent: e instanceof CustomEvent };
}

console.log(JSON.stringify({ dom, specifiers, entries, defined, events }));
