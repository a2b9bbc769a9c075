// Saving the open journey into the library (app.js): debounced, flushed
// when the page goes; whether the browser keeps what is saved when space
// runs short (persistent storage, asked for after the first save); and
// which journey this browser had open last.
//
//   const saver = createSaver(store, editor, { saved, conflict });
//   saver.schedule({ id, json, title, touchpoints }); saver.flush();
//   await saver.checkPersistence(ask); saver.persistence.state;
//   lastOpen.set(id); lastOpen.get();

import { stageCount } from "./summary.js";
import { $, offer } from "../page/notice.js";

/** Which journey this browser had open last (its library id). */
const OPEN_KEY = "journeygraph:library:open";
const SAVE_DELAY = 400;

/**
 * Saving: debounced, flushed when the page is hidden or closed and before
 * another journey opens. `schedule({id, json, title, touchpoints})` keeps
 * the latest change of the open journey; a flush hands it to the store at
 * once (one entry and one text: never the whole library), which the
 * browser runs in order, so an older text never lands over a newer one.
 * `refused(error)` shows a storage failure; every later change tries again.
 * `persistence`: {state, usage, asked}, what `checkPersistence(ask)`
 * found (the library view shows it); it asks once, `ask`, and the first
 * save asks.
 */
export function createSaver(store, editor, { saved = () => {}, conflict = null } = {}) {
  let timer = null;
  let pending = null;
  let last = Promise.resolve();
  let writes = 0;
  const state = $("jg-save-state");
  const problem = $("jg-storage-problem");
  const persistence = { state: store.durable ? "unknown" : "memory", usage: 0, asked: false };

  /** Asks (once, `ask`) or checks whether the browser keeps the library when space runs short. */
  async function checkPersistence(ask) {
    if (!store.durable) return;
    const storage = navigator.storage;
    if (!storage?.persisted) {
      persistence.state = "unsupported";
      return;
    }
    try {
      let kept = await storage.persisted();
      if (!kept && ask && !persistence.asked && storage.persist) {
        persistence.asked = true;
        kept = await storage.persist();
        persistence.state = kept ? "persisted" : "refused";
      } else if (kept) persistence.state = "persisted";
      persistence.usage = (await storage.estimate?.())?.usage ?? 0;
    } catch {
      persistence.state = "unsupported";
    }
  }

  const refused = (error) => {
    // Quota full, storage refused (private mode, policy): say so and
    // offer the journey as a file; keep trying on the next change.
    $("jg-storage-text").textContent =
      `Your changes could not be saved in this browser (${error?.name ?? "Error"}: ${String(error?.message ?? error).replace(/\.$/, "")}). Download a backup to keep them.`;
    problem.hidden = false;
    state.textContent = "Not saved";
  };

  /** Starts the pending save now (synchronously, so that it is on its way if the page is going); resolves when it is done. */
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (pending === null) return last;
    const change = pending;
    pending = null;
    const n = ++writes;
    let write;
    try {
      write = store.put(change.id, {
        json: change.json, title: change.title, stages: stageCount(change.json), touchpoints: change.touchpoints,
      }, { unlessChangedElsewhere: Boolean(change.guard) });
    } catch (error) {
      write = Promise.reject(error);
    }
    last = write.then((entry) => {
      if (!store.durable) throw store.refusal;
      if (n === writes && pending === null) {
        problem.hidden = true;
        state.textContent = "Saved in this browser";
      }
      saved(entry);
      if (!persistence.asked) checkPersistence(true);
    }).catch((error) => (error?.name === "ChangedElsewhereError" && conflict ? conflict(change) : refused(error)));
    return last;
  };

  $("jg-backup").addEventListener("click", () => {
    const text = editor.journey?.toJSON() ?? pending?.json;
    if (text) offer(text, "journey-backup.json");
  });
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });

  return {
    refused,
    flush,
    persistence,
    checkPersistence,
    schedule(change) {
      pending = change;
      state.textContent = "Saving…";
      clearTimeout(timer);
      timer = setTimeout(flush, SAVE_DELAY);
    },
  };
}

/** Reads or writes the id of the journey open last; storage refusing is not a problem here. */
export const lastOpen = {
  get() {
    try {
      return localStorage.getItem(OPEN_KEY);
    } catch {
      return null;
    }
  },
  set(id) {
    try {
      localStorage.setItem(OPEN_KEY, id);
    } catch {
      // The library still opens its last edited journey.
    }
  },
};

