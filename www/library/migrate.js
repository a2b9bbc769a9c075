// The one journey that the app saved before the library (localStorage,
// OLD_KEY) moves into the library on the first start of this version:
// copied, read back and compared, and only then is the old key removed.
//
// The copy's id comes from the text itself, so a move interrupted between
// the copy and the removal (a crash, a closed tab) and done again at the
// next start is one journey, not two; a different text under the old key
// later (an old version of the app still open in another tab saved again)
// is a journey of its own, never written over one in the library.
//
// At a start (app.js), takeOldSave reads the old key and moves what it
// holds in, or says why not; an old save the core cannot open stays until
// the first change (forgetOldSave).
//
//   const { id, text, problem, unreadable } = await takeOldSave(Journey, store, (title) => say(title));

import { summarize } from "./summary.js";

/** Where the app kept its one journey before the library. */
export const OLD_KEY = "journeygraph:journey";

/** A 53-bit hash of a string (cyrb53), as 14 hex digits. */
export function textHash(text) {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/**
 * Moves the old save into `store`. `text` is what OLD_KEY holds and
 * `summary` its {title, stages, touchpoints} (the caller has checked that
 * the core opens it). Resolves to the library entry's id once the copy is
 * verified and the old key removed; rejects, keeping the old key, when
 * the copy cannot be made or does not read back the same.
 */
export async function moveOldSave(store, storage, text, summary) {
  const id = `moved-${textHash(text)}`;
  const existing = await store.get(id);
  if (!existing) {
    await store.put(id, { json: text, ...summary });
    const copy = await store.get(id);
    if (!copy || copy.json !== text) {
      throw Object.assign(new Error("The copy in the library did not read back the same."), { name: "DataError" });
    }
  }
  // Verified now (or at an earlier start, the copy since perhaps edited):
  // the library holds it, so the old key goes; keeping it would leave a
  // stale second copy that looks current and takes up to 5 MB of quota.
  storage.removeItem(OLD_KEY);
  return id;
}

/**
 * At a start: what OLD_KEY holds, moved into `store` when the core
 * (`Journey`) opens it and the library is kept (store.durable); then
 * `moved(title)` is called. Resolves to {id, text, problem, unreadable}:
 * `id`, the library entry to open, or `text`, a journey to open as it is
 * (not in the library: storage refused, or the move failed); `problem`, a
 * failure to show ({what, error, text, keep}: `keep`, its `what` is
 * complete), or null; `unreadable`, whether the core could not open it (it
 * then stays until forgetOldSave). All null and false when there is none.
 */
export async function takeOldSave(Journey, store, moved) {
  const result = { id: null, text: null, problem: null, unreadable: false };
  let old = null;
  try {
    old = localStorage.getItem(OLD_KEY);
  } catch {
    // No localStorage: nothing saved by the earlier version can be read either.
  }
  if (old === null) return result;
  let summary = null;
  try {
    const j = Journey.fromJSON(old);
    summary = summarize(old, j);
    j.free();
  } catch (error) {
    result.problem = { what: "The journey saved in this browser could not be opened", error, text: old };
    result.unreadable = true;
  }
  if (summary && store.durable) {
    try {
      result.id = await moveOldSave(store, localStorage, old, summary);
      moved(summary.title);
    } catch (error) {
      result.problem = { what: "The journey saved in this browser could not be moved into the library, so it is open but not in the library yet; it is kept where it was.", error, text: old, keep: true };
      result.text = old;
    }
  } else if (summary) {
    result.text = old; // storage is refused: open it for this page, as it is
  }
  return result;
}

/** Removes the old save (one the core could not open, at the first change); storage refusing leaves it. */
export function forgetOldSave() {
  try {
    localStorage.removeItem(OLD_KEY);
  } catch {
    // Nothing to do: it stays.
  }
}
