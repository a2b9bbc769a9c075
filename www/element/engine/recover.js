// A trap must not cost the open journey. When a wasm call traps (a bug: a
// panic is `unreachable`), the instance can no longer be trusted, and with
// it every object it made. restartEngine() replaces it with a fresh one
// (journeygraph.js's reinstantiate(): the objects of the old one then throw
// like freed ones instead of touching the new memory), starts the worker
// afresh too, and tells every listener, so that each <journey-map> on the
// page reopens the last good JSON it kept.

import { reinstantiate } from "../../journeygraph.js";
import { resetWorker } from "./client.js";

export { isTrap } from "./errors.js";

const listeners = new Set();
let restarting = null;

/** Replaces the trapped wasm instance (once, however many callers ask at the same time). */
export function restartEngine() {
  restarting ??= reinstantiate()
    .then(() => {
      resetWorker();
      for (const listener of [...listeners]) {
        try {
          listener();
        } catch (error) {
          console.error("journeygraph: reopening a journey after the engine restarted failed", error);
        }
      }
    })
    .finally(() => {
      restarting = null;
    });
  return restarting;
}

/** Calls `listener` after every restart; returns the function that stops that. */
export function onEngineRestart(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
