// The app page: hosts <journey-map>, opens the journey saved in this
// browser (or the sample), and saves every change as it happens. A storage
// failure is shown with a way to download a backup, never swallowed.

const PACKAGE = "./pkg/journeygraph.js";
const ELEMENT = "./pkg/element/define.js";
const KEY = "journeygraph:journey";
const SAVE_DELAY = 400;

const $ = (id) => document.getElementById(id);

/** Shows a failure on the page (as text) and on the console. */
function showError(what, error) {
  console.error(`journeygraph: ${what}`, error);
  $("jg-status").hidden = true;
  const box = $("jg-error");
  const strong = document.createElement("strong");
  strong.textContent = what;
  const detail = document.createElement("span");
  const code = error && typeof error === "object" && "code" in error ? ` (${error.code})` : "";
  detail.textContent = ` ${error instanceof Error ? error.message : String(error)}${code}`;
  box.replaceChildren(strong, detail);
  box.hidden = false;
}

/** Saving: debounced, flushed when the page is hidden or closed. */
function autosave(editor) {
  let timer = null;
  let latest = null;
  const state = $("jg-save-state");
  const problem = $("jg-storage-problem");

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
      // Quota full, storage refused (private mode, policy): say so and
      // offer the journey as a file; keep trying on the next change.
      $("jg-storage-text").textContent =
        `Your changes could not be saved in this browser (${error.name}: ${error.message}). Download a backup to keep them.`;
      problem.hidden = false;
      state.textContent = "Not saved";
    }
  };

  $("jg-backup").addEventListener("click", () => {
    const text = editor.journey?.toJSON();
    if (!text) return;
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "journey-backup.json";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
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
}

function blank(Journey) {
  return Journey.fromJSON(JSON.stringify({
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
  }));
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
  autosave(editor);

  let saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    saved = null; // storage refused: start from the sample, saving will say so
  }
  let journey;
  try {
    journey = saved ? pkg.Journey.fromJSON(saved) : pkg.Journey.sample();
  } catch (error) {
    // A saved journey this version cannot open stays in storage untouched.
    showError("The journey saved in this browser could not be opened; showing the sample instead.", error);
    journey = pkg.Journey.sample();
  }
  editor.journey = journey;

  const replace = (next) => {
    const old = editor.journey;
    editor.journey = next;
    if (old && old !== next) old.free();
  };
  $("jg-new-sample").addEventListener("click", () => replace(pkg.Journey.sample()));
  $("jg-new-blank").addEventListener("click", () => replace(blank(pkg.Journey)));

  $("jg-status").hidden = true;
  document.body.dataset.state = "ready";
}

main();
