// Preloaded with `node --import ./bare-runtime.mjs main.mjs`: removes the
// DOM event classes Node has (Event, EventTarget, CustomEvent), as in a
// server runtime that has none, so the imports are checked there too.
for (const name of ["CustomEvent", "Event", "EventTarget"]) delete globalThis[name];
