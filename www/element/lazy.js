// What <journey-map> loads after its first map or on first use, and the
// little it needs before. Right after the first map is drawn: the inspector,
// the stage dialog, a slider drag's drawing and editing on the map
// (after-first-map.js). On first use: What if (whatif/), what Import and Export do (files/io.js), workshop
// mode (present/: the wall and its views), the attribution table (attribution.js)
// and the paths import (files/paths-import.js, loaded by files/io.js). They are not needed to draw the first map, so they are not imported at start
// (SPEC section 6: the app's first map within its payload). Their buttons
// are here from the start, exactly as before; the module behind one is
// imported (import(), relative to this file, so it works from pkg/, a CDN
// or a bundle) the first time it is used, and kept.
//
//   ui.present = installPresenter(host, { toolbar, fail });     // "Present", mode="present"
//   installAttribution(host, { toolbar, after, fail });         // "Attribution", a fitted journey
//   const paths = await load(loadPathsImport, button, fail, action);   // files/io.js
//
// The user sees no difference but a moment's load: the button is marked
// busy (aria-busy) at once, and if the module has not come after
// LOADING_AFTER ms a "Loading…" note appears beside it. A failed import
// (offline, a missing file) is shown as the editor shows any failure
// (fail(): the message, and a journey-error event); nothing is changed or
// lost, and the next use tries again. Present asks for full screen once its
// module is there: still within the click's user activation (5 s in
// Chromium); after a longer load the browser refuses, and the view fills the
// page instead, as wherever full screen is refused (present/screen.js).

import { PRINT_CSS } from "./print-style.js";

/** How long a load may take before "Loading…" is shown (a quick one shows nothing). */
export const LOADING_AFTER = 150;

/**
 * A module imported once, on first use: `importer()` is called the first
 * time the returned function is, and its promise shared; a failed import is
 * forgotten, so the next call tries again.
 */
export function onFirstUse(importer) {
  let pending = null;
  return () => (pending ??= importer().catch((error) => {
    pending = null;
    throw error;
  }));
}

/**
 * A module the first map does not need, loaded right after it is drawn:
 * `soon(then)`, called as the map goes on the page, runs `then()` (which
 * loads it) once the browser has painted that frame, and returns true; once
 * that has happened it returns false (load now). Calling the loader itself
 * imports at once.
 */
export function afterFirstMap(importer) {
  const loader = onFirstUse(importer);
  let waiting = null;
  let painted = false;
  loader.soon = (then) => {
    if (painted) return false;
    if (!waiting) {
      waiting = new Set();
      // requestAnimationFrame runs before the frame that shows the map is painted, the timeout after.
      requestAnimationFrame(() => setTimeout(() => {
        painted = true;
        for (const f of waiting) f();
        waiting = null;
      }, 0));
    }
    waiting.add(then);
    return true;
  };
  return loader;
}

export const loadAfterFirstMap = afterFirstMap(() => import("./after-first-map.js"));
// The styles of everything loaded later (later-style.js): with the first of them (load()).
export const loadLaterStyles = afterFirstMap(() => import("./later-style.js"));
export const loadWhatIf = onFirstUse(() => import("./whatif/index.js"));
// What Import and Export do (files/index.js has their buttons): reading, checking and opening files, making the exports.
export const loadFilesIO = onFirstUse(() => import("./files/io.js"));
export const loadPresent = onFirstUse(() => import("./present/index.js"));
export const loadAttribution = onFirstUse(() => import("./attribution.js"));
export const loadPathsImport = onFirstUse(() => import("./files/paths-import.js"));
// journeygraph/mermaid (www/mermaid/, pkg/mermaid/): Mermaid journey diagrams
// in and out, loaded with the first .mmd file, pasted text or Mermaid export.
export const loadMermaid = onFirstUse(() => import("../mermaid/index.js"));
export const loadMermaidDialog = onFirstUse(() => import("./files/mermaid-dialog.js"));
export const loadSurvey = onFirstUse(() => import("./files/survey.js"));
/** A Mermaid file, by its name (.mmd, .mermaid). */
export const isMermaidFile = (file) => /\.(mmd|mermaid)$/i.test(file?.name ?? "");

/** A failed import, said in words the user can act on (the browser's own message kept after). */
function loadError(what, error) {
  const detail = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(`${what} could not be loaded (${detail}). Nothing was changed; check the connection and try again.`), {
    code: "load", path: "", cause: error,
  });
}

/**
 * Gives `root` (an element's shadow root) the styles of what loads later
 * (later-style.js): one shared sheet, right after the element's own
 * (style.js), where those rules always were; or a <style> after its own.
 */
function adoptLaterStyles(root, css) {
  if (!(typeof ShadowRoot === "function" && root instanceof ShadowRoot)) return;
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    adoptLaterStyles.sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    })();
    const sheets = root.adoptedStyleSheets;
    if (!sheets.includes(adoptLaterStyles.sheet)) root.adoptedStyleSheets = [...sheets.slice(0, 1), adoptLaterStyles.sheet, ...sheets.slice(1)];
  } else if (!root.querySelector("style[data-later]")) {
    const style = document.createElement("style");
    style.dataset.later = "";
    style.textContent = css;
    const own = root.querySelector("style");
    if (own) own.after(style);
    else root.prepend(style);
  }
}

/**
 * Runs `loader()` with `button` marked busy, and "Loading…" beside it if it
 * takes longer than LOADING_AFTER ms. Resolves to the module, or to null
 * after telling `fail(error, action)` why it could not be loaded. The
 * styles of what loads later come with it (later-style.js, adopted in
 * `root`: the button's shadow root unless given) before it is used.
 */
export async function load(loader, button, fail, { what, action, root = button?.getRootNode?.() }) {
  const promise = Promise.all([loader(), loadLaterStyles()]).then(([module, styles]) => {
    adoptLaterStyles(root, styles.LATER_CSS);
    return module;
  });
  let note = null;
  const timer = setTimeout(() => {
    if (!button?.isConnected) return;
    note = document.createElement("span");
    note.className = "jg-loading";
    note.setAttribute("role", "status");
    note.textContent = "Loading…";
    button.after(note);
  }, LOADING_AFTER);
  button?.setAttribute("aria-busy", "true");
  try {
    return await promise;
  } catch (error) {
    fail(loadError(what, error), action);
    return null;
  } finally {
    clearTimeout(timer);
    note?.remove();
    button?.removeAttribute("aria-busy");
  }
}

// ---- Present (present/) ----

/** Adopts the printed poster's styles (print-style.js): printing works before Present is ever loaded. */
function adoptPrintStyles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    adoptPrintStyles.sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(PRINT_CSS);
      return s;
    })();
    if (!root.adoptedStyleSheets.includes(adoptPrintStyles.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, adoptPrintStyles.sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = PRINT_CSS;
    root.append(style);
  }
}

/**
 * Adds the "Present" button to `toolbar`; workshop mode itself (present/index.js)
 * loads when the view first opens (the button, or mode="present").
 * Returns { button, sync(), presenting } as present/index.js did.
 */
export function installPresenter(host, { toolbar, fail }) {
  adoptPrintStyles(host.shadowRoot);
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Present";
  button.dataset.action = "present";
  button.title = "Show the journey on a wall, stage by stage, with a live what-if";
  toolbar.append(button);
  let presenter = null;
  let loading = false;
  const sync = () => {
    if (presenter) return presenter.sync();
    if (host.getAttribute("mode") !== "present" || loading) return;
    loading = true;
    load(loadPresent, button, fail, { what: "Present (workshop mode)", action: "open Present" }).then((module) => {
      loading = false;
      if (!module) {
        // Not opened: the attribute says so again, so that setting it later tries again.
        if (host.getAttribute("mode") === "present") host.removeAttribute("mode");
        return;
      }
      presenter ??= module.attachPresenter(host, { fail, button });
      presenter.sync(); // the attribute as it is now (it may have gone meanwhile)
    });
  };
  button.addEventListener("click", () => host.setAttribute("mode", "present"));
  queueMicrotask(sync); // once the editor is built (mode="present" in the markup)
  return {
    button,
    sync,
    get presenting() {
      return presenter?.presenting ?? false;
    },
  };
}

// ---- Attribution (attribution.js) ----

/**
 * Whether journeygraph JSON text as toJSON() writes it has observed totals
 * (a journey fitted from paths), without parsing megabytes of it: the
 * canonical text is indented by two spaces a level, so a top-level key
 * starts a line with exactly two (inside a string a line break is \n).
 */
export function hasObserved(json) {
  return json.includes('\n  "observed": {');
}

/** Whether the table opens by itself for the journey a journey-change `detail` of reason "load" brought: one fitted from paths. */
export function opensAttribution(host, detail) {
  return typeof detail?.json === "string" ? hasObserved(detail.json) : Boolean(host.journey?.toObject().observed);
}

/**
 * Adds the "Attribution" toolbar button and the table's section after
 * `after` (the figures bar) on `host`; the table (attribution.js) loads on
 * the first click, or when a journey fitted from paths opens.
 */
export function installAttribution(host, { toolbar, after, fail }) {
  const section = document.createElement("section");
  for (const [k, v] of Object.entries({ class: "jg-attribution", id: "jg-attribution", part: "attribution", "aria-labelledby": "jg-attribution-title" })) section.setAttribute(k, v);
  section.hidden = true;
  const button = document.createElement("button");
  for (const [k, v] of Object.entries({ type: "button", "data-action": "attribution", "aria-pressed": "false", "aria-controls": "jg-attribution",
    title: "Which channels earn the conversions (first-order Markov attribution)" })) button.setAttribute(k, v);
  button.textContent = "Attribution";
  toolbar.append(button);
  after.after(section);

  let table = null;
  /** Before the table loads: the last journey-change's detail, and whether the table is to open. */
  let last = null;
  let open = false;
  /** Loads the table (once), then runs `then(table)`. */
  const withTable = (then) => {
    load(loadAttribution, button, fail, { what: "Attribution", action: "show attribution" }).then((module) => {
      if (!module) return;
      table ??= module.attachAttribution(host, { section, button, open, latest: typeof last?.json === "string" ? last.json : null });
      then?.(table);
    });
  };
  button.addEventListener("click", () => (table ? table.toggle() : withTable((t) => t.toggle())));
  host.addEventListener("journey-change", (e) => {
    if (e.target !== host) return;
    if (table) return table.changed(e.detail);
    last = e.detail;
    if (e.detail?.reason === "load") {
      open = opensAttribution(host, e.detail);
      if (open) withTable();
    }
  });
  return { section, button };
}

// ---- The paths import (files/paths-import.js, loaded by files/io.js) ----

/** Whether a dropped or chosen file is a paths CSV (rather than a journey file). */
export function isPathsFile(file) {
  return /\.(csv|tsv)$/i.test(file.name) || /^text\/(csv|tab-separated-values)\b/i.test(file.type ?? "");
}

// ---- Right after the first map (after-first-map.js) ----

/** What direct/ reads of an event made before it was in (the event's target is gone once it is dispatched). */
const kept = (e) => ({
  button: e.button, clientX: e.clientX, clientY: e.clientY, pointerId: e.pointerId, target: e.target,
  key: e.key, altKey: e.altKey, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, preventDefault() {}, stopPropagation() {},
});
/** Whether a key on the map is one of direct/'s (Alt + an arrow, or C, on a card): kept for it rather than lost. */
const directKey = (e) => Boolean(e.target.closest?.("g.jg-card")) && !e.ctrlKey && !e.metaKey
  && (e.altKey ? /^Arrow(Up|Down|Left|Right)$/.test(e.key) : !e.shiftKey && /^c$/i.test(e.key));

/**
 * The inspector, the stage dialog and editing on the map, loaded once the
 * first map is painted (the first inspector() call schedules it). Until
 * they are in, the inspector's latest drawing and a field to focus are
 * kept and done when they come; so is what was done on the map that
 * direct/ would have taken: a press not yet released (it still becomes a
 * drag as the pointer moves on), Alt + arrow and C on a card, a click on an
 * arrow. A failed load is shown (fail) and the next drawing tries again.
 */
export function installAfterFirstMap(host, { canvas, inspector, fail, direct }) {
  let parts = null;
  let pending = null; // the inspector's latest context
  let focus = null; // a field to focus once it is drawn
  let held = null; // a press on the map not yet released
  let keys = []; // direct/'s keys pressed on cards
  let arrow = null; // the last click on an arrow
  const editable = () => !host.readonly && host.journey;
  const early = [
    ["pointerdown", (e) => { held = e.button === 0 && editable() ? kept(e) : null; }],
    ["pointerup", () => { held = null; }],
    ["pointercancel", () => { held = null; }],
    ["keydown", (e) => {
      if (!editable() || !directKey(e)) return;
      e.preventDefault(); // Alt + arrow would go back or forward in the history
      e.stopPropagation();
      keys.push(kept(e));
    }],
    ["click", (e) => { arrow = e.target.closest?.("path.jg-arrow") && editable() ? kept(e) : null; }],
  ];
  for (const [type, f] of early) canvas.addEventListener(type, f);
  let loading = false;
  const fetch = () => {
    if (loading || parts) return;
    loading = true;
    load(loadAfterFirstMap, null, fail, { what: "The inspector panel and editing on the map", action: "load the inspector", root: host.shadowRoot }).then((module) => {
      loading = false;
      if (!module) {
        // Said so (fail): what was done on the map meanwhile is not done later, by surprise.
        keys = [];
        held = arrow = null;
      }
      if (!module || parts) return;
      parts = module;
      for (const [type, f] of early) canvas.removeEventListener(type, f);
      const on = module.installDirect(host, canvas, direct);
      const here = (e) => e && host.shadowRoot.contains(e.target);
      // An element removed meanwhile has freed its journey: its last drawing is not done.
      if (pending && host.isConnected && host.journey) module.renderInspector(inspector, pending);
      if (focus) module.focusField(inspector, focus);
      for (const e of keys) if (here(e)) on.key(e);
      if (here(arrow)) on.click(arrow);
      if (here(held)) on.press(held);
      pending = focus = held = arrow = null;
      keys = [];
    });
  };
  return {
    /** Draws the inspector with `ctx` (inspector/index.js renderInspector), now or once it is in. */
    inspector(ctx) {
      if (parts) return parts.renderInspector(inspector, ctx);
      pending = ctx;
      if (!loadAfterFirstMap.soon(fetch)) fetch();
    },
    /** Focuses the inspector's field `key` (focusField), now or once it is drawn. */
    focusField(key) {
      if (parts) return parts.focusField(inspector, key);
      focus = key;
      return false;
    },
    /** Removes a stage, asking first (stage-dialog.js): reached from the inspector, so loaded. */
    removeStage: (...args) => parts?.removeStage(...args) ?? null,
    /** A slider drag's step drawn by itself (draw-live.js), once in; false: draw everything (the sliders come with it). */
    drawLive: (...args) => parts?.drawLive(...args) ?? false,
  };
}

// ---- What if (whatif/, with scenario.js and why.js) ----

/**
 * What-if mode's bar, "Fix first" and list of changes, loaded the first
 * time What-if is entered. `bar` stands in for the scenario bar until then
 * (hidden, empty) and becomes it; `ready(then, failed)` says whether the
 * module is in, and if not loads it (`button` busy meanwhile) and runs
 * `then()` once it is, or `failed()` after the failure is shown. `module`
 * is whatif/index.js once loaded.
 */
export function installWhatIf({ button, fail, on }) {
  const bar = { root: document.createElement("div"), name: null, update() {} };
  bar.root.hidden = true;
  let module = null;
  let loading = false;
  return {
    bar,
    get module() {
      return module;
    },
    ready(then, failed) {
      if (module) return true;
      if (loading) return false;
      loading = true;
      load(loadWhatIf, button, fail, { what: "What if", action: "open What if" }).then((m) => {
        loading = false;
        if (!m) return void failed?.();
        module ??= m;
        const real = m.buildScenarioBar(on);
        bar.root.replaceWith(real.root);
        Object.assign(bar, real);
        then();
      });
      return false;
    },
  };
}
