// The library view: every journey kept in this browser, with its title,
// counts and when it was last edited, and what can be done with each
// (open, rename, duplicate, delete); the recently deleted ones, to restore
// or delete for good; and a quiet note on whether the browser keeps them.
// DOM only, no storage: the app (app.js) hands in what to show and does
// what is asked. User text (titles) only ever becomes text nodes.
//
//   const view = createLibraryView(section, handlers);
//   view.render(model, { focus: { id, action } });

/** createElement with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** A title as shown: an empty one is "Untitled journey". */
export const shownTitle = (title) => (String(title ?? "").trim() ? String(title) : "Untitled journey");

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** "just now", "5 minutes ago", "yesterday", … or a date, for `time` (ms) seen at `now`. */
export function relativeTime(time, now = Date.now()) {
  const seconds = Math.round((time - now) / 1000);
  const ago = -seconds;
  if (ago < 45) return "just now";
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  if (ago < 45 * 60) return rtf.format(Math.round(seconds / 60), "minute");
  if (ago < 22 * 3600) return rtf.format(Math.round(seconds / 3600), "hour");
  if (ago < 6.5 * 86400) return rtf.format(Math.round(seconds / 86400), "day");
  return `on ${new Date(time).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" })}`;
}

const absolute = (time) => new Date(time).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" });

/** <time> with a relative text and the exact moment as its datetime and tooltip. */
function timeEl(time, now) {
  return el("time", { datetime: new Date(time).toISOString(), title: absolute(time), text: relativeTime(time, now) });
}

const PERSISTENCE = {
  persisted: "This browser keeps these journeys until you delete them (persistent storage).",
  refused: "This browser did not grant persistent storage, so it may clear these journeys when it runs short of space. Export the ones you need to keep (Export, JSON).",
  unsupported: "This browser cannot promise to keep these journeys. Export the ones you need to keep (Export, JSON).",
  memory: "This browser refused to store journeys, so they last only until this page is closed. Export the ones you need to keep (Export, JSON).",
};

/**
 * Builds the view inside `section`. `handlers`: open(id), rename(id,
 * title), duplicate(id), remove(id), restore(id), purge(id); each may
 * return a promise, and the app renders again when it is done.
 */
export function createLibraryView(section, handlers) {
  const heading = el("h2", { id: "jg-library-heading", tabindex: "-1", text: "Your journeys" });
  const back = el("a", { class: "jg-library-back", href: "#journey", text: "Back to the journey" });
  const summary = el("p", { class: "jg-library-summary" });
  const unsavedNote = el("p", { class: "jg-library-unsaved", hidden: true });
  const list = el("ul", { class: "jg-library-list", "aria-labelledby": "jg-library-heading" });
  const trashHeading = el("h3", { id: "jg-trash-heading", text: "Recently deleted" });
  const trashHint = el("p", { class: "jg-library-hint", text: "Deleted journeys stay here until you delete them for good." });
  const trashList = el("ul", { class: "jg-library-list jg-trash-list", "aria-labelledby": "jg-trash-heading" });
  const trash = el("section", { class: "jg-trash", "aria-labelledby": "jg-trash-heading", hidden: true }, trashHeading, trashHint, trashList);
  const note = el("p", { id: "jg-persist-note", class: "jg-library-note" });
  section.replaceChildren(
    el("div", { class: "jg-library-head" }, heading, back),
    summary, unsavedNote, list, trash, note,
  );

  let model = null;
  let renaming = null; // the id whose title is being edited
  let confirming = null; // the id asked about before deleting it for good

  const act = (fn, focus) => async () => {
    const result = await fn();
    if (focus) view.render(model, { focus: typeof focus === "function" ? focus(result) : focus });
  };

  function renameForm(entry) {
    const input = el("input", { type: "text", value: entry.title, maxlength: 500, "aria-describedby": `jg-rename-hint-${entry.id}` });
    input.value = entry.title;
    const cancel = () => {
      renaming = null;
      view.render(model, { focus: { id: entry.id, action: "rename" } });
    };
    const form = el("form", { class: "jg-rename", onsubmit: async (e) => {
      e.preventDefault();
      const title = input.value.trim();
      renaming = null;
      if (title && title !== entry.title) await handlers.rename(entry.id, title);
      view.render(model, { focus: { id: entry.id, action: "rename" } });
    } },
    el("label", {}, "New title ", input),
    el("button", { type: "submit", text: "Save title" }),
    el("button", { type: "button", text: "Cancel", onclick: cancel }),
    el("span", { id: `jg-rename-hint-${entry.id}`, class: "jg-library-hint", text: "Enter saves, Escape cancels." }));
    form.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        cancel();
      }
    });
    return { form, input };
  }

  function item(entry, { now, repeated }) {
    const title = shownTitle(entry.title);
    const isOpen = entry.id === model.openId;
    const button = (action, label, onclick, extra = {}) =>
      el("button", { type: "button", "data-id": entry.id, "data-action": action, "aria-label": `${label} “${title}”`, onclick, ...extra }, label);
    const meta = el("p", { class: "jg-library-meta" },
      `${plural(entry.stages, "stage", "stages")} · ${plural(entry.touchpoints, "touchpoint", "touchpoints")} · edited `,
      timeEl(entry.edited, now));
    // Two journeys of one title are told apart by when each was made.
    if (repeated) meta.append(" · created ", timeEl(entry.created, now));
    let titleEl;
    let focusInput = null;
    if (renaming === entry.id) {
      const { form, input } = renameForm(entry);
      titleEl = form;
      focusInput = input;
    } else {
      titleEl = el("h3", { class: "jg-library-title" }, title);
    }
    const badge = isOpen ? el("p", { class: "jg-library-badge", text: "Open now" }) : null;
    const actions = el("div", { class: "jg-library-actions" },
      button("open", "Open", act(() => handlers.open(entry.id))),
      button("rename", "Rename", () => {
        renaming = entry.id;
        confirming = null;
        view.render(model, { focus: { input: true } });
      }, { "aria-expanded": renaming === entry.id ? "true" : "false" }),
      button("duplicate", "Duplicate", act(() => handlers.duplicate(entry.id), (copy) => ({ id: copy?.id ?? entry.id, action: "open" }))),
      button("delete", "Delete", act(() => handlers.remove(entry.id), { heading: true })));
    const li = el("li", { class: "jg-library-item", "data-id": entry.id, "aria-current": isOpen ? "true" : null },
      el("div", { class: "jg-library-text" }, titleEl, meta, badge), actions);
    return { li, focusInput };
  }

  function deletedItem(entry, now) {
    const title = shownTitle(entry.title);
    const li = el("li", { class: "jg-library-item", "data-id": entry.id },
      el("div", { class: "jg-library-text" },
        el("h4", { class: "jg-library-title" }, title),
        el("p", { class: "jg-library-meta" },
          `${plural(entry.stages, "stage", "stages")} · ${plural(entry.touchpoints, "touchpoint", "touchpoints")} · deleted `,
          timeEl(entry.deleted, now))));
    const actions = el("div", { class: "jg-library-actions" });
    if (confirming === entry.id) {
      actions.append(
        el("span", { class: "jg-library-confirm", text: "Delete for good? This cannot be undone." }),
        el("button", { type: "button", "data-id": entry.id, "data-action": "purge-confirm", class: "jg-danger",
          "aria-label": `Delete for good “${title}”`, onclick: act(async () => { confirming = null; await handlers.purge(entry.id); }, { heading: true }) }, "Delete for good"),
        el("button", { type: "button", "data-id": entry.id, "data-action": "purge-cancel", "aria-label": `Keep “${title}”`,
          onclick: () => { confirming = null; view.render(model, { focus: { id: entry.id, action: "purge" } }); } }, "Keep"));
    } else {
      actions.append(
        el("button", { type: "button", "data-id": entry.id, "data-action": "restore", "aria-label": `Restore “${title}”`,
          onclick: act(() => handlers.restore(entry.id), { id: entry.id, action: "open" }) }, "Restore"),
        el("button", { type: "button", "data-id": entry.id, "data-action": "purge", "aria-label": `Delete for good… “${title}”`,
          onclick: () => { confirming = entry.id; view.render(model, { focus: { id: entry.id, action: "purge-confirm" } }); } }, "Delete for good…"));
    }
    li.append(actions);
    return li;
  }

  const view = {
    /** Which journey's title is being edited (null: none). */
    get renaming() {
      return renaming;
    },
    /**
     * Shows `m`: {entries, deleted, openId, unsaved: {title} | null, persistence}.
     * `focus`: {id, action} (a button of an entry), {heading: true}, {input: true} (the rename field).
     */
    render(m, { focus = null } = {}) {
      model = m;
      const now = Date.now();
      const titles = new Map();
      for (const e of m.entries) titles.set(shownTitle(e.title), (titles.get(shownTitle(e.title)) ?? 0) + 1);
      const n = m.entries.length;
      summary.textContent = n ? `${plural(n, "journey", "journeys")} in this browser, the last edited first.` : "No journeys are kept in this browser yet.";
      unsavedNote.hidden = !m.unsaved;
      unsavedNote.textContent = m.unsaved
        ? `“${shownTitle(m.unsaved.title)}” is open and joins the library with your first change to it.`
        : "";
      let input = null;
      list.replaceChildren(...m.entries.map((e) => {
        const { li, focusInput } = item(e, { now, repeated: titles.get(shownTitle(e.title)) > 1 });
        input ??= focusInput;
        return li;
      }));
      back.hidden = !m.openId && !m.unsaved;
      trash.hidden = m.deleted.length === 0;
      trashList.replaceChildren(...m.deleted.map((e) => deletedItem(e, now)));
      note.textContent = PERSISTENCE[m.persistence?.state] ?? "";
      if (m.persistence?.usage) note.append(` Journeys and the app use about ${megabytes(m.persistence.usage)} of this browser's storage.`);
      if (focus?.input && input) {
        input.focus();
        input.select();
      } else if (focus?.id) {
        const target = section.querySelector(`button[data-id="${CSS.escape(focus.id)}"][data-action="${focus.action}"]`);
        (target ?? heading).focus();
      } else if (focus?.heading) heading.focus();
    },
    focus() {
      heading.focus();
    },
  };
  return view;
}

const megabytes = (bytes) => (bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} KB` : `${(bytes / 1e6).toFixed(1)} MB`);
