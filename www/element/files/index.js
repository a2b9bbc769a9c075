// Import and export for <journey-map>: the "Import" and "Export" toolbar
// buttons, dropping a file on the map, and the Export menu. What they do
// (reading, checking and opening files; making the exports) is
// files/io.js, loaded on the first import or export (lazy.js): the first
// map needs none of it. The button is marked busy meanwhile, and a failed
// load is shown and changes nothing.
//
//   installFiles(element, { toolbar, fail: (error, action) => … });
//
// DOM is built with createElement and textContent only.

import { isPathsFile, isMermaidFile, load, loadFilesIO } from "../lazy.js";
import { h } from "../dom.js";

export const FILES_CSS = `
.jg-files { position: relative; display: inline-flex; gap: 6px; }
:host([readonly]) .jg-import, :host([readonly]) .jg-toolbar .jg-sep { display: none; }
.jg-files button[aria-disabled=true] { opacity: .6; cursor: progress; }
.jg-menu { position: absolute; top: calc(100% + 4px); left: 0; z-index: 20; min-width: 250px;
  display: grid; gap: 2px; padding: 5px; border-radius: 10px; background: var(--jg-surface, #fff);
  border: 1px solid var(--jg-border, #c7d1dd); box-shadow: 0 8px 24px rgb(16 24 40 / .16); }
.jg-menu button { display: grid; gap: 1px; text-align: left; border: 0; border-radius: 7px; padding: 7px 10px; background: none; }
.jg-menu button:hover, .jg-menu button:focus { background: var(--jg-column, #e9eef5); outline: none; }
.jg-menu button:focus-visible { outline: 2px solid var(--jg-accent, #3b5bdb); outline-offset: -2px; }
.jg-menu-hint { font-size: 12px; font-weight: 400; color: var(--jg-muted, #52606d); }
.jg-notice { margin: 10px 20px 0; padding: 8px 10px 8px 14px; border-radius: 8px; font-size: 13.5px;
  background: #eef6ff; border: 1px solid #b9d4f5; color: #123a66; display: flex; gap: 8px; align-items: center; }
.jg-notice p { margin: 0; flex: 1; }
.jg-drop { position: absolute; inset: 0; z-index: 30; pointer-events: none; display: flex; justify-content: center;
  align-items: flex-start; padding-top: 140px; border: 3px dashed var(--jg-accent, #3b5bdb); border-radius: 12px;
  background: rgb(59 91 219 / .14); }
.jg-drop p { margin: 0; padding: 14px 22px; border-radius: 10px; font-size: 16px; font-weight: 700;
  background: var(--jg-surface, #fff); color: var(--jg-ink, #1b2430); box-shadow: 0 8px 24px rgb(16 24 40 / .18); }
:host([readonly]) .jg-menu .jg-import { display: none; }
`;

/**
 * Installs the Import and Export buttons into `toolbar`, and file dropping
 * onto `host` (the <journey-map>). `fail(error, action)` shows a message.
 */
export function installFiles(host, { toolbar, fail }) {
  const root = host.shadowRoot;
  const group = h("div", { class: "jg-files" });
  const importButton = h("button", { type: "button", class: "jg-import", "data-action": "import", title: "Open a journey file (.json), a picture exported by journeygraph (.png, .svg), a Mermaid journey (.mmd) or customer paths (.csv); you can also drop one on the map" }, "Import");
  const input = h("input", { type: "file", accept: ".json,application/json,.png,image/png,.svg,image/svg+xml,.csv,text/csv,.mmd,.mermaid", hidden: true, "data-role": "import-file", "aria-label": "Journey file, exported picture, Mermaid journey or paths CSV to import" });
  const exportButton = h("button", { type: "button", "data-action": "export", "aria-haspopup": "menu", "aria-expanded": "false", "aria-controls": "jg-export-menu" }, "Export");
  const menu = h("div", { class: "jg-menu", id: "jg-export-menu", role: "menu", "aria-label": "Export", hidden: true });
  group.append(importButton, input, exportButton, menu);
  toolbar.append(group);

  let notice = null;
  /** Whether an import is opening its journey, and the journey before it (for "Undo import"). */
  const state = { importing: false, previous: null };

  const hideNotice = () => {
    if (notice) notice.hidden = true;
    state.previous = null;
  };
  const showNotice = (text, undo) => {
    if (!notice) {
      notice = h("div", { class: "jg-notice", part: "notice", role: "status" });
      (root.querySelector(".jg-banners") ?? toolbar).append(notice);
    }
    const p = h("p", {}, text);
    const items = [p];
    if (undo) {
      const b = h("button", { type: "button", "data-action": "undo-import" }, "Undo import");
      b.addEventListener("click", undo);
      items.push(b);
    }
    const close = h("button", { type: "button", "aria-label": "Dismiss the message" }, "Dismiss");
    close.addEventListener("click", hideNotice);
    items.push(close);
    notice.replaceChildren(...items);
    notice.hidden = false;
  };

  /** files/io.js, loaded on the first import or export: null (the failure shown) if it could not be. */
  let io = null;
  const withIO = async (button, action) => {
    if (io) return io;
    const module = await load(loadFilesIO, button, fail, { what: "Import and export", action });
    io ??= module?.filesIO(host, { fail, importButton, exportButton, showNotice, hideNotice, state }) ?? null;
    return io;
  };
  const importFile = async (file) => {
    if (host.readonly) return false;
    return (await withIO(importButton, `import “${file.name}”`))?.importFile(file) ?? false;
  };
  const pasteMermaid = async () => {
    if (host.readonly) return;
    (await withIO(exportButton, "open pasted Mermaid"))?.pasteMermaid();
  };

  // Any later change makes "Undo import" stale (it would lose that change).
  host.addEventListener("journey-change", () => {
    if (!state.importing) hideNotice();
  });

  importButton.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = ""; // choosing the same file again still fires "change"
    if (file) importFile(file);
  });

  // ---- Drag and drop ----
  let overlay = null;
  let depth = 0;
  const carriesFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes("Files");
  const showOverlay = (on) => {
    if (on && !overlay) {
      overlay = h("div", { class: "jg-drop", "aria-hidden": "true" });
      overlay.append(h("p", {}, "Drop a journey file (.json), a Mermaid journey (.mmd) or customer paths (.csv) to open it"));
      root.append(overlay);
    }
    if (overlay) overlay.hidden = !on;
  };
  host.addEventListener("dragenter", (e) => {
    if (host.readonly || !carriesFiles(e)) return;
    e.preventDefault();
    depth += 1;
    showOverlay(true);
  });
  host.addEventListener("dragover", (e) => {
    if (host.readonly || !carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  });
  host.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (!depth) showOverlay(false);
  });
  host.addEventListener("drop", (e) => {
    depth = 0;
    showOverlay(false);
    if (host.readonly || !carriesFiles(e)) return;
    e.preventDefault(); // never let the browser navigate away to the file
    const files = [...e.dataTransfer.files];
    const file = files.find((f) => /\.json$/i.test(f.name) || isPathsFile(f) || isMermaidFile(f)) ?? files[0];
    if (file) importFile(file);
  });

  // ---- Export ----
  // Each made by files/io.js (io.make(key)); "Paste Mermaid…" opens a dialog instead.
  const exports = [
    ["json", "JSON", "The journey, to import again"],
    ["svg", "SVG picture", "The whole map, sharp at any size; opens again as the journey"],
    ["png", "PNG picture", "The whole map, for slides and chat; opens again as the journey"],
    ["csv", "CSV of touchpoints", "Every field, for a spreadsheet"],
    ["mmd", "Mermaid (.mmd)", "A journey diagram for Markdown; reopens here whole"],
    ["paste-mermaid", "Paste Mermaid…", "Open a journey from Mermaid text", false],
  ];
  let busy = false;
  const items = exports.map(([key, label, hint, made = true]) => {
    const item = h("button", { type: "button", role: "menuitem", tabindex: "-1", "data-export": key, ...(made ? {} : { class: "jg-import" }) });
    item.append(h("span", {}, label), h("span", { class: "jg-menu-hint", "aria-hidden": "true" }, hint));
    item.addEventListener("click", async () => {
      closeMenu(true);
      if (!made) {
        pasteMermaid();
        return;
      }
      // A big map's PNG takes seconds: say so, and take no second request meanwhile.
      // (Not `disabled`: that would drop the keyboard focus.)
      busy = true;
      exportButton.setAttribute("aria-disabled", "true");
      exportButton.textContent = "Exporting…";
      try {
        const io = await withIO(exportButton, `export ${label}`);
        if (!io) return;
        const [blob, name, message] = await io.make(key)();
        io.download(blob, name);
        if (message) showNotice(message, null);
      } catch (error) {
        fail(error, `export ${label}`);
      } finally {
        busy = false;
        exportButton.removeAttribute("aria-disabled");
        exportButton.textContent = "Export";
      }
    });
    return item;
  });
  menu.append(...items);

  const outside = (e) => {
    if (!e.composedPath().includes(group)) closeMenu(false);
  };
  // Read-only, the menu has no "Paste Mermaid…" (it would replace the journey).
  const shown = () => items.filter((i) => !(host.readonly && i.classList.contains("jg-import")));
  function openMenu(focusIndex = 0) {
    menu.hidden = false;
    exportButton.setAttribute("aria-expanded", "true");
    const list = shown();
    list[(focusIndex + list.length) % list.length].focus();
    document.addEventListener("pointerdown", outside, true);
  }
  function closeMenu(refocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    exportButton.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", outside, true);
    if (refocus) exportButton.focus();
  }
  exportButton.addEventListener("click", () => {
    if (busy) return;
    if (menu.hidden) openMenu(0);
    else closeMenu(false);
  });
  exportButton.addEventListener("keydown", (e) => {
    if (busy) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      openMenu(e.key === "ArrowDown" ? 0 : -1);
    }
  });
  menu.addEventListener("keydown", (e) => {
    const list = shown();
    const at = list.indexOf(root.activeElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 }[e.key];
    if (move !== undefined) {
      e.preventDefault();
      list[(move + list.length) % list.length].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      closeMenu(true);
    } else if (e.key === "Tab") {
      closeMenu(false);
    }
  });
  menu.addEventListener("focusout", (e) => {
    if (!menu.hidden && e.relatedTarget && !group.contains(e.relatedTarget)) closeMenu(false);
  });

  return { importFile, pasteMermaid };
}
