// "Paste Mermaid…" for <journey-map> (io.js loads it on first use): a
// modal dialog with a text box. Open hands the text to `open(text,
// report)` (io.js's Mermaid import); a bad line is said in the dialog,
// which stays open with that line selected, and the open journey is
// unchanged. DOM by createElement and textContent only.
import { h } from "../dom.js";

// Its styles: later-style.js (MERMAID_CSS), adopted as this module loads (lazy.js load()).

/** Shows the dialog in `root` (the element's shadow root); `open` resolves to whether the journey was opened. */
export function showMermaidDialog(root, { open }) {
  const dialog = h("dialog", { class: "jg-mermaid-dialog", "aria-labelledby": "jg-mermaid-title", "data-role": "mermaid-dialog" });
  const area = h("textarea", { id: "jg-mermaid-text", spellcheck: "false", "aria-describedby": "jg-mermaid-error", placeholder: "journey\n  title My working day\n  section Go to work\n    Make tea: 5: Me" });
  const error = h("p", { class: "jg-mermaid-error", id: "jg-mermaid-error", role: "alert" });
  const openButton = h("button", { type: "button", "data-action": "mermaid-open" }, "Open");
  const cancel = h("button", { type: "button", "data-action": "mermaid-cancel" }, "Cancel");
  const actions = h("div", { class: "jg-actions" });
  actions.append(cancel, openButton);
  dialog.append(h("h3", { id: "jg-mermaid-title" }, "Open a Mermaid journey"),
    h("label", { for: "jg-mermaid-text" }, "Mermaid journey text (it replaces the open journey; Undo import takes it back)"),
    area, error, actions);
  cancel.addEventListener("click", () => dialog.close());
  openButton.addEventListener("click", async () => {
    error.textContent = "";
    const ok = await open(area.value, (e) => {
      error.textContent = e.message;
      area.focus();
      if (e.line) {
        // Select the bad line, so it is where the caret is.
        const lines = area.value.split("\n");
        const start = lines.slice(0, e.line - 1).reduce((n, l) => n + l.length + 1, 0);
        area.setSelectionRange(start, start + (lines[e.line - 1]?.length ?? 0));
      }
    });
    if (ok) dialog.close();
  });
  dialog.addEventListener("close", () => dialog.remove());
  root.append(dialog);
  dialog.showModal();
  area.focus();
  return dialog;
}
