// Versions of the open journey (the app's "Versions" panel): kept in the
// library beside the journey and never rewritten.
//   - Automatically while it is edited, at most once an hour: the first
//     edit after an hour without a version keeps the journey as it was
//     just before that edit.
//   - By name, on request ("Save version").
//   - Any version can be viewed (read-only, in a dialog) and restored. A
//     restore first keeps the journey as it is ("Before restoring …"),
//     then makes the restored one the journey, as a change like any other
//     (saved, shared with collaborators, undoable), and keeps it as a new
//     version: history only grows.
// DOM by createElement and text nodes only; user text (names, titles)
// never becomes markup.
//
//   const versions = createVersions({ store, editor, session: () => session, say, fail });
//   versions.opened();                 // a journey was opened: read its versions
//   versions.edited(id, before);       // a local edit of journey id, `before` its text before
//   versions.restoring;                // true while a restore is changing the journey

import { el, relativeTime, shownTitle } from "./view.js";
import { summarize } from "./summary.js";

/** At most one automatic version an hour while a journey is edited. */
export const AUTO_EVERY = 3600e3;

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** What a version is called in the list. */
export function versionLabel(v) {
  if (v.kind === "auto") return "Automatic";
  return v.name ? v.name : "Unnamed version";
}

/**
 * `store`: the library; `editor`: the <journey-map>; `session()`: {id,
 * stored} of the journey open; `say(text)`: a toast; `fail(what, error)`:
 * shows an error (nothing is lost: the journey stays as it was).
 */
export function createVersions({ store, editor, session, say, fail }) {
  const button = document.getElementById("jg-versions-button");
  const panel = document.getElementById("jg-versions");
  const heading = el("h2", { id: "jg-versions-heading", text: "Versions of this journey" });
  const name = el("input", { id: "jg-version-name", type: "text", maxlength: "200", autocomplete: "off", placeholder: "e.g. Before the workshop" });
  const form = el("form", { class: "jg-version-form" },
    el("label", { for: "jg-version-name", text: "Name this version" }), name,
    el("button", { type: "submit", text: "Save version" }));
  const hint = el("p", { class: "jg-library-hint", text: "A version is also kept automatically, at most once an hour while you edit. Restoring a version keeps every other one, and the journey as it was before." });
  const list = el("ol", { class: "jg-version-list", "aria-labelledby": "jg-versions-heading" });
  const empty = el("p", { class: "jg-library-hint", "data-role": "no-versions", text: "No versions yet: name one above, or keep editing (one is kept at most hourly)." });
  panel.replaceChildren(heading, form, hint, empty, list);

  const dialog = el("dialog", { id: "jg-version-view", class: "jg-version-view", "aria-labelledby": "jg-version-view-title" });
  const dialogTitle = el("h2", { id: "jg-version-view-title" });
  // The read-only map is made on first use: nothing of it at start, and one <journey-map> on the page until then.
  let viewer = null;
  const restoreShown = el("button", { type: "button", "data-action": "restore-shown", text: "Restore this version" });
  const closeShown = el("button", { type: "button", "data-action": "close-version", text: "Close" });
  dialog.append(el("div", { class: "jg-version-view-head" }, dialogTitle, restoreShown, closeShown));
  document.body.append(dialog);

  /** The newest version's time of each journey, once read. */
  const newest = new Map();
  let shown = []; // the listed versions of the open journey
  let viewing = null;
  let restoring = false;

  const openId = () => session().id;

  async function load(id = openId()) {
    const all = await store.versions(id);
    newest.set(id, all[0]?.at ?? -Infinity);
    return all;
  }

  async function render() {
    if (panel.hidden) return;
    const id = openId();
    try {
      shown = await load(id);
    } catch (error) {
      fail("The versions of this journey could not be read.", error);
      return;
    }
    if (id !== openId()) return;
    const now = Date.now();
    list.replaceChildren(...shown.map((v) => {
      const label = versionLabel(v);
      const when = el("time", { datetime: new Date(v.at).toISOString(), title: new Date(v.at).toLocaleString("en"), text: relativeTime(v.at, now) });
      const what = `${label}, ${relativeTime(v.at, now)}`;
      return el("li", { class: "jg-version-item", "data-key": String(v.key), "data-kind": v.kind },
        el("span", { class: "jg-version-name", text: label }),
        el("span", { class: "jg-library-meta" }, when, ` · “${shownTitle(v.title)}” · ${plural(v.stages, "stage", "stages")} · ${plural(v.touchpoints, "touchpoint", "touchpoints")}`),
        el("span", { class: "jg-version-actions" },
          el("button", { type: "button", "data-action": "view-version", "aria-label": `View ${what}`, onclick: () => view(v) }, "View"),
          el("button", { type: "button", "data-action": "restore-version", "aria-label": `Restore ${what}`, onclick: () => restore(v) }, "Restore")));
    }));
    empty.hidden = shown.length > 0;
  }

  /** Keeps a version of the open journey as it is now. */
  async function keep(kind, versionName, json = editor.journey?.toJSON()) {
    const id = openId();
    if (!json) return null;
    const v = await store.addVersion(id, { json, ...summarize(json), name: versionName, kind });
    newest.set(id, v.at);
    return v;
  }

  async function view(v) {
    try {
      const record = await store.version(v.key);
      if (!record) throw new Error("This version is no longer in the library.");
      if (!viewer) {
        viewer = el("journey-map", { readonly: true, "aria-label": "The version, read-only" });
        dialog.append(viewer);
      }
      viewer.journey = record.json;
      viewing = record;
      dialogTitle.textContent = `${versionLabel(v)}, ${relativeTime(v.at)}: “${shownTitle(v.title)}”`;
      if (!dialog.open) dialog.showModal();
      closeShown.focus();
    } catch (error) {
      fail("This version could not be shown.", error);
    }
  }

  async function restore(v) {
    let record;
    try {
      record = await store.version(v.key);
      if (!record) throw new Error("This version is no longer in the library.");
    } catch (error) {
      fail("This version could not be restored.", error);
      return;
    }
    const label = versionLabel(v);
    const now = editor.journey?.toJSON();
    try {
      // Nothing is lost: the journey as it is now is a version first (unless a version already holds it).
      const latest = shown[0] ? await store.version(shown[0].key) : null;
      if (now && latest?.json !== now) await keep("before", `Before restoring “${label}”`, now);
      restoring = true;
      const done = editor.replace(record.json, { reason: "restore" });
      restoring = false;
      if (!done) throw new Error("The engine refused this version's text.");
      await keep("restored", `Restored “${label}”`, editor.journey.toJSON());
    } catch (error) {
      restoring = false;
      fail("This version could not be restored; the journey is as it was.", error);
      return;
    }
    if (dialog.open) dialog.close();
    say(`Restored “${label}”. The journey as it was is kept as a version too.`);
    await render();
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = name.value.trim();
    try {
      await keep("named", text || null);
      name.value = "";
      say(text ? `Saved the version “${text}”.` : "Saved a version.");
      await render();
    } catch (error) {
      fail("The version could not be saved.", error);
    }
  });
  button.addEventListener("click", async () => {
    panel.hidden = !panel.hidden;
    button.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) {
      await render();
      name.focus();
    }
  });
  restoreShown.addEventListener("click", () => viewing && restore(viewing));
  closeShown.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    viewing = null;
    button.focus();
  });

  return {
    get restoring() {
      return restoring;
    },
    /** A journey was opened: its versions are read (for the hourly rule) and listed if the panel is open. */
    opened() {
      load().catch(() => {});
      render();
    },
    /**
     * A local edit of journey `id`, whose text before it was `before`:
     * keeps that as an automatic version when the newest is an hour old
     * (or there is none).
     */
    async edited(id, before) {
      if (restoring || !before) return;
      try {
        const last = newest.has(id) ? newest.get(id) : (await load(id), newest.get(id));
        if (Date.now() - last < AUTO_EVERY) return;
        newest.set(id, Date.now()); // one at a time, however fast the edits come
        const v = await store.addVersion(id, { json: before, ...summarize(before), name: null, kind: "auto" });
        newest.set(id, v.at);
        if (id === openId()) render();
      } catch (error) {
        console.warn("journeygraph: an automatic version could not be kept", error);
      }
    },
  };
}
