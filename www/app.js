// The app page: hosts <journey-map> and keeps a library of journeys in
// this browser (library/: IndexedDB), any number of them. It opens the one
// last open (or the sample on a first start), saves every change as it
// happens, and never loses a journey: "New …" and an import each make a
// new journey in the library, and a delete can be undone. A storage
// failure is shown with a way to download a backup, never swallowed.

import { openStore, memoryStore, retitled as retitledText } from "./library/store.js";
import { stageCount } from "./library/summary.js";
import { takeOldSave, forgetOldSave } from "./library/migrate.js";
import { createLibraryView, shownTitle } from "./library/view.js";
import { createSharing, linkedRoom, sharedId } from "./sharing.js";
import { createVersions } from "./library/versions.js";
import { createSaver, lastOpen } from "./library/saver.js";
import { $, showError, offer, toast } from "./page/notice.js";

const PACKAGE = "./pkg/journeygraph.js";
const ELEMENT = "./pkg/element/define.js";

/** A blank journey's text: three empty stages to start from. */
function blankText() {
  return JSON.stringify({
    format: "journeygraph",
    version: 1,
    title: "New journey",
    stages: [
      { id: "awareness", name: "Awareness" },
      { id: "consideration", name: "Consideration" },
      { id: "purchase", name: "Purchase" },
    ],
    touchpoints: [],
    transitions: [],
  });
}

/** The built-in sample's text. */
function sampleText(Journey) {
  const sample = Journey.sample();
  try {
    return sample.toJSON();
  } finally {
    sample.free();
  }
}

async function main() {
  let pkg;
  try {
    // The engine and the element load side by side (the element waits for
    // the same init() when it first needs the engine).
    [pkg] = await Promise.all([import(PACKAGE).then(async (p) => (await p.default(), p)), import(ELEMENT)]);
  } catch (error) {
    showError("The journey engine could not be loaded.", error);
    return;
  }
  const editor = $("jg-editor");
  editor.addEventListener("journey-error", (e) => console.warn("journeygraph:", e.detail.action, e.detail.error));

  // The library. Where the browser refuses IndexedDB, journeys live in
  // memory for this page, and the banner says at once that nothing is saved.
  let store;
  try {
    store = await openStore();
  } catch (error) {
    store = Object.assign(memoryStore(), { refusal: error });
  }

  // What is open: its library id, whether it is stored yet (the sample
  // shown at a first start joins the library with its first change), and
  // its text as last reported by the element.
  let session = { id: null, stored: false, json: null };
  // Set while the app itself sets editor.journey; any other "load" comes
  // from the element: an import, its "Undo import", or a reopen after an
  // engine restart.
  let opening = null;
  // The last import, while the element still offers "Undo import".
  let lastImport = null;
  // The journey saved by the version before the library, when this one could not open it.
  let unreadableOld = false;

  const saver = createSaver(store, editor, {
    saved: () => {
      // As before the library: the unreadable text is kept until the first change.
      if (unreadableOld) forgetOldSave();
      unreadableOld = false;
    },
    // A journey too large to be live between tabs, saved in another tab
    // meanwhile: this tab's text is kept as a journey of its own, never
    // written over the other's (and the other's never over this one).
    conflict: async (change) => {
      const id = store.fresh();
      const title = `${shownTitle(change.title)} (this tab's copy)`;
      const json = retitledText(change.json, title);
      await store.put(id, { json, title, stages: stageCount(json), touchpoints: change.touchpoints });
      if (session.id === change.id) {
        session = { ...session, id, json: null };
        lastOpen.set(id);
        editor.replace(json, { reason: "restore", quiet: true });
      }
      toast(`“${shownTitle(change.title)}” was also changed in another tab. Your changes here are kept as “${title}”; the other tab's are in “${shownTitle(change.title)}”. Both are in the library.`);
    },
  });

  // Every journey shown is a Yjs document too (sharing.js: tabs in sync, Share), loaded after the first map.
  const sharing = createSharing(editor, { say: (text) => toast(text), enabled: store.durable });
  const versions = createVersions({ store, editor, session: () => session, say: (text) => toast(text), fail: (what, error) => showError(what, error) });

  /** Opens `json` in the editor as the journey `id`; `save`: store it now (a new journey). Returns whether it opened. */
  function show(json, { id, stored, save = false, joining = null }) {
    saver.flush();
    sharing.close();
    const before = { journey: editor.journey, session, lastImport };
    session = { id, stored, json: null };
    lastImport = null;
    opening = { save };
    try {
      editor.journey = json;
    } finally {
      opening = null;
    }
    if (editor.journey === before.journey) {
      // Refused (the element said why): what was open stays open.
      session = before.session;
      lastImport = before.lastImport;
      return false;
    }
    if (stored) lastOpen.set(id);
    sharing.open(id, { joining });
    versions.opened();
    return true;
  }

  editor.addEventListener("journey-change", (e) => {
    const { json, reason } = e.detail;
    const journey = editor.journey;
    if (reason === "load" && !opening) {
      // The element reopened the journey it had (after an engine restart): nothing changed.
      if (json === session.json) return;
      if (lastImport && session.id === lastImport.id && json === lastImport.before.json) {
        // "Undo import": back to the journey that was open, as it was;
        // the imported one goes (the file it came from is still there).
        const gone = lastImport.id;
        sharing.close();
        session = { ...lastImport.before };
        lastImport = null;
        saver.flush(); // the browser runs the purge after any save of it
        store.purge(gone).then(() => sharing.forget(gone)).catch(saver.refused);
        if (session.stored) lastOpen.set(session.id);
        sharing.open(session.id);
        toast(null);
        return;
      }
      // An import (a file chosen or dropped, customer paths fitted): a new
      // journey in the library. The one open before stays there as it was.
      saver.flush();
      sharing.close(); // the journey open before keeps its document as it was
      const before = { ...session };
      const beforeTitle = shownTitle(previousTitle(before));
      session = { id: store.fresh(), stored: true, json };
      lastImport = { id: session.id, before };
      lastOpen.set(session.id);
      saver.schedule({ id: session.id, json, title: journey.title, touchpoints: journey.touchpointCount });
      saver.flush();
      sharing.open(session.id);
      toast(before.stored
        ? `“${shownTitle(journey.title)}” is a new journey in the library; “${beforeTitle}” is kept there as it was.`
        : `“${shownTitle(journey.title)}” is a new journey in the library.`);
      return;
    }
    // Any other change makes "Undo import" stale (the element hides it).
    lastImport = null;
    if (reason !== "remote" && reason !== "restore") versions.edited(session.id, session.json);
    session.json = json;
    if (opening && !opening.save) return; // a journey opened as it is stored
    if (!session.stored) lastOpen.set(session.id);
    session.stored = true;
    saver.schedule({ id: session.id, json, title: journey.title, touchpoints: journey.touchpointCount, guard: document.body.dataset.collab === "off" });
    if (opening) saver.flush(); // a new journey: in the library at once
  });
  /** Titles of journeys that are not open any more, by id, for messages. */
  const titles = new Map();
  const previousTitle = (s) => titles.get(s.id) ?? (s.id === session.id ? editor.journey?.title : "") ?? "";
  editor.addEventListener("journey-change", () => {
    if (editor.journey) titles.set(session.id, editor.journey.title);
  });

  // ---- Start: move the earlier version's journey in (migrate.js), then open one ----
  const old = await takeOldSave(pkg.Journey, store, (title) => toast(`“${shownTitle(title)}”, the journey saved in this browser, is now in your library, where you can keep as many journeys as you like.`));
  let { id: startId, text: startText, problem } = old;
  unreadableOld = old.unreadable;
  let live = [];
  try {
    live = await store.list();
  } catch (error) {
    saver.refused(error);
  }
  const room = linkedRoom();
  if (room) {
    // A share link: the journey of that room, kept in the library under its own id.
    startId = null;
    const id = sharedId(room);
    const record = live.find((e) => e.id === id) ? await store.get(id).catch(() => null) : null;
    if (record) startId = id;
    else {
      const placeholder = JSON.parse(blankText());
      Object.assign(placeholder, { title: "Opening the shared journey…", stages: [] });
      startText = null;
      show(JSON.stringify(placeholder), { id, stored: false, joining: room });
    }
  }
  if (!startId && startText === null && !room) {
    const last = lastOpen.get();
    startId = live.find((e) => e.id === last)?.id ?? live[0]?.id ?? null;
  }
  let opened = Boolean(room && !startId);
  if (startId) {
    try {
      const record = await store.get(startId);
      opened = Boolean(record) && show(record.json, { id: startId, stored: true });
      if (!opened) problem ??= { what: "The journey last open could not be opened", error: new Error("The library's copy could not be read."), text: record?.json ?? null };
    } catch (error) {
      problem ??= { what: "The library could not be read", error, text: null };
    }
    if (opened) $("jg-save-state").textContent = "Opened from this browser";
  } else if (startText !== null) {
    opened = show(startText, { id: store.fresh(), stored: false });
  }
  if (!opened) show(sampleText(pkg.Journey), { id: store.fresh(), stored: false });
  if (problem && !problem.keep) {
    const shown = opened ? `“${shownTitle(editor.journey.title)}” from the library is shown` : "the sample is shown";
    problem.what = `${problem.what}, so ${shown} instead.${unreadableOld ? " The saved one is kept until you change something." : ""}`;
  }
  if (problem) {
    const text = problem.text;
    showError(problem.what, problem.error, text === null ? null : { label: "Download the saved journey", onClick: () => offer(text, "journey-unreadable.json") });
  }
  if (!store.durable) saver.refused(store.refusal);
  if (live.length) saver.checkPersistence(false);

  // ---- "New …": always a new journey, and the open one stays in the library ----
  const newJourney = (text) => {
    const was = session.stored ? shownTitle(editor.journey?.title) : null;
    if (!show(text, { id: store.fresh(), stored: true, save: true })) return;
    toast(was ? `New journey started; “${was}” is kept in the library.` : "New journey started.");
    if (location.hash === "#library") location.hash = "#journey";
  };
  $("jg-new-sample").addEventListener("click", () => newJourney(sampleText(pkg.Journey)));
  $("jg-new-blank").addEventListener("click", () => newJourney(blankText()));

  // ---- The library view (#library) ----
  const section = $("jg-library");
  const editorView = $("jg-editor-view");
  const link = $("jg-library-link");

  /** Opens the most recently edited journey left, or the sample (not stored until changed). */
  async function openNext() {
    const next = (await store.list())[0];
    const record = next ? await store.get(next.id) : null;
    if (!(record && show(record.json, { id: next.id, stored: true }))) show(sampleText(pkg.Journey), { id: store.fresh(), stored: false });
  }

  async function openStored(id) {
    if (id === session.id) return true;
    await saver.flush();
    const record = await store.get(id);
    if (!record) return false;
    if (!show(record.json, { id, stored: true })) {
      showError("This journey could not be opened.", new Error("The library's copy could not be read."), { label: "Download it", onClick: () => offer(record.json, "journey-unreadable.json") });
      return false;
    }
    $("jg-save-state").textContent = "Opened from this browser";
    return true;
  }

  /** The title of the open journey through the editor, as an edit (undoable, saved like any other). */
  function renameOpen(title) {
    const scenario = editor.scenario;
    if (scenario) editor.scenario = null; // a title is the baseline's, never a scenario's change
    editor.edit({ op: "setTitle", title });
    if (scenario) editor.scenario = scenario;
    return saver.flush();
  }

  const handlers = {
    open: async (id) => {
      if (await openStored(id)) location.hash = "#journey";
    },
    rename: async (id, title) => {
      if (id === session.id) await renameOpen(title);
      else {
        await store.rename(id, title);
        await sharing.retitle(id, title); // its document too, which is what opens next time
      }
      await refresh();
    },
    duplicate: async (id) => {
      if (id === session.id) await saver.flush();
      const entry = (await store.list()).find((e) => e.id === id);
      const copy = await store.duplicate(id, { title: `${entry?.title || shownTitle("")} (copy)` });
      await refresh();
      toast(`Duplicated as “${shownTitle(copy.title)}”.`);
      return copy;
    },
    remove: async (id) => {
      const wasOpen = id === session.id;
      if (wasOpen) await saver.flush();
      const entry = await store.remove(id);
      if (wasOpen) await openNext();
      await refresh();
      const title = shownTitle(entry.title);
      toast(`Deleted “${title}”. It is in Recently deleted.`, {
        label: "Undo",
        ariaLabel: `Undo deleting “${title}”`,
        onClick: async () => {
          await store.restore(id);
          if (wasOpen) await openStored(id);
          await refresh({ id, action: "open" });
          toast(`Restored “${title}”.`);
        },
      });
    },
    restore: async (id) => {
      const entry = await store.restore(id);
      await refresh();
      toast(`Restored “${shownTitle(entry.title)}”.`);
    },
    purge: async (id) => {
      await store.purge(id);
      await sharing.forget(id);
      await refresh();
    },
  };
  const fail = (what) => (error) => showError(what, error);
  const view = createLibraryView(section, Object.fromEntries(Object.entries(handlers).map(([k, fn]) => [k, (...args) =>
    fn(...args).catch(fail(`Could not ${k === "purge" ? "delete the journey for good" : `${k} the journey`}.`))])));

  async function refresh(focus = null) {
    await saver.flush();
    let entries = [];
    let deleted = [];
    try {
      [entries, deleted] = await Promise.all([store.list(), store.list({ deleted: true })]);
    } catch (error) {
      saver.refused(error);
    }
    view.render({
      entries,
      deleted,
      openId: session.stored ? session.id : null,
      unsaved: session.stored ? null : { title: editor.journey?.title ?? "" },
      persistence: saver.persistence,
    }, { focus });
  }

  const route = async () => {
    const library = location.hash === "#library";
    section.hidden = !library;
    editorView.hidden = library;
    if (library) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
    document.title = library ? "Library — journeygraph" : "journeygraph";
    if (library) {
      if (session.stored) await saver.checkPersistence(true);
      await refresh({ heading: true });
    }
  };
  addEventListener("hashchange", route);
  // "Library" while the library is shown: back to its heading, fresh.
  link.addEventListener("click", (e) => {
    if (location.hash !== "#library") return;
    e.preventDefault();
    route();
  });
  await route();

  $("jg-status").hidden = true;
  document.body.dataset.state = "ready";
}

main();
