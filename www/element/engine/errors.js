// What the engine's errors look like on both sides of the worker: a
// JourneyError crosses postMessage as a plain {message, code, path,
// touchpoints} and becomes an Error again; a trapped wasm instance
// (WebAssembly.RuntimeError: "unreachable", an out-of-bounds access;
// wasm-bindgen's "recursive use of an object detected" on the object a
// trap left borrowed; a string from wasm memory that is not UTF-8, which
// only a corrupted instance hands out) is told apart from an error a
// designer can act on.

/** Whether `error` means the wasm instance that threw it can no longer be trusted. */
export function isTrap(error) {
  if (typeof WebAssembly === "object" && error instanceof WebAssembly.RuntimeError) return true;
  const message = String(error?.message ?? "");
  if (error?.name === "TypeError" && /TextDecoder|encoded data was not valid/i.test(message)) return true;
  return error?.name === "RuntimeError" || /\bunreachable\b|recursive use of an object detected/i.test(message);
}

/** A JourneyError (or any error) as a plain object for postMessage. */
export function plainError(error) {
  const e = error instanceof Error ? error : new Error(String(error));
  const out = { message: e.message, name: e.name, code: e.code ?? "internal", path: e.path ?? "" };
  if (Array.isArray(e.touchpoints)) out.touchpoints = [...e.touchpoints];
  // A paths file's error names its line and column (files/paths-import.js shows them).
  for (const key of ["line", "column", "title"]) if (e[key] !== undefined && e[key] !== null) out[key] = e[key];
  return out;
}

/** The Error again, with its code and path. */
export function revive(plain) {
  const e = new Error(plain.message);
  e.name = plain.name ?? "JourneyError";
  e.code = plain.code;
  e.path = plain.path;
  if (plain.touchpoints) e.touchpoints = plain.touchpoints;
  for (const key of ["line", "column", "title"]) if (plain[key] !== undefined) e[key] = plain[key];
  return e;
}
