// The app page: hosts <journey-map>, opens the journey saved in this
// browser (or the sample), and saves every change as it happens. A storage
// failure is shown with a way to download a backup, never swallowed.

const PACKAGE = "./pkg/journeygraph.js";
const ELEMENT = "./pkg/element/define.js";
const KEY = "journeygraph:journey";
const SAVE_DELAY = 400;

const $ = (id) => document.getElementById(id);

/**
 * Shows a failure on the page (as text) and on the console; `action`, if
 * given, is a button {label, onClick} offered with it.
 */
function showError(what, error, action = null) {
  console.error(`journeygraph: ${what}`, error);
  $("jg-status").hidden = true;
  const box = $("jg-error");
  const strong = document.createElement("strong");
  strong.textContent = what;
  const detail = document.createElement("span");
  const code = error && typeof error === "object" && "code" in error ? ` (${error.code})` : "";
  detail.textContent = ` ${error instanceof Error ? error.message : String(error)}${code}`;
  box.replaceChildren(strong, detail);
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = action.label;
    button.addEventListener("click", action.onClick);
    box.append(" ", button);
  }
  box.hidden = false;
}

/** Offers `text` as a file download. */
function offer(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * Saving: debounced, flushed when the page is hidden or closed. Every
 * journey-change after this is installed is saved (edits, undo, imports,
 * "New …"); the journey opened at start-up is not, so a saved journey this
 * version could not open stays in storage until the user changes something.
 * Returns `refused(error)`, which shows a storage failure.
 */
function autosave(editor) {
  let timer = null;
  let latest = null;
  const state = $("jg-save-state");
  const problem = $("jg-storage-problem");

  const refused = (error) => {
    // Quota full, storage refused (private mode, policy): say so and
    // offer the journey as a file; keep trying on the next change.
    $("jg-storage-text").textContent =
      `Your changes could not be saved in this browser (${error?.name ?? "Error"}: ${String(error?.message ?? error).replace(/\.$/, "")}). Download a backup to keep them.`;
    problem.hidden = false;
    state.textContent = "Not saved";
  };

  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (latest === null) return;
    try {
      localStorage.setItem(KEY, latest);
      latest = null;
      problem.hidden = true;
      state.textContent = "Saved in this browser";
    } catch (error) {
      refused(error);
    }
  };

  $("jg-backup").addEventListener("click", () => {
    const text = editor.journey?.toJSON() ?? latest;
    if (text) offer(text, "journey-backup.json");
  });

  editor.addEventListener("journey-change", (e) => {
    latest = e.detail.json;
    state.textContent = "Saving…";
    clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY);
  });
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  return refused;
}

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
    pkg = await import(PACKAGE);
    await pkg.default();
    await import(ELEMENT);
  } catch (error) {
    showError("The journey engine could not be loaded.", error);
    return;
  }
  const editor = $("jg-editor");
  editor.addEventListener("journey-error", (e) => console.warn("journeygraph:", e.detail.action, e.detail.error));

  // The element is defined and connected by now, so setting `journey`
  // opens it at once. It is always given text: the element then owns (and
  // frees) every Journey it shows, whoever replaces it later.
  let saved = null;
  let storageRefused = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch (error) {
    storageRefused = error; // start from the sample, and say at once that saving will not work
  }
  let unreadable = null;
  if (saved !== null) {
    try {
      pkg.Journey.fromJSON(saved).free();
      editor.journey = saved;
      $("jg-save-state").textContent = "Opened from this browser";
    } catch (error) {
      unreadable = error;
    }
  }
  if (!editor.journey) editor.journey = sampleText(pkg.Journey);
  if (unreadable) {
    // It stays in storage, untouched, until the user changes something.
    showError(
      "The journey saved in this browser could not be opened, so the sample is shown instead. The saved one is kept until you change something.",
      unreadable,
      { label: "Download the saved journey", onClick: () => offer(saved, "journey-unreadable.json") },
    );
  }

  const refused = autosave(editor);
  if (storageRefused) refused(storageRefused);

  $("jg-new-sample").addEventListener("click", () => {
    editor.journey = sampleText(pkg.Journey);
  });
  $("jg-new-blank").addEventListener("click", () => {
    editor.journey = blankText();
  });

  $("jg-status").hidden = true;
  document.body.dataset.state = "ready";
}

main();
