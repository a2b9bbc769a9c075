// What the app page says (app.js): a failure, with an action to take; a
// short message at the foot of the page; a file offered for download. Text
// goes in through textContent only.
//
//   showError("The library could not be read", error, { label: "Download", onClick });
//   toast("New journey started.", { label: "Undo", onClick });
//   offer(text, "journey-backup.json");

/** How long a message without an action stays. */
const TOAST_MS = 10000;

export const $ = (id) => document.getElementById(id);

/**
 * Shows a failure on the page (as text) and on the console; `action`, if
 * given, is a button {label, onClick} offered with it.
 */
export function showError(what, error, action = null) {
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
export function offer(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** A short message at the foot of the page, with an optional action {label, onClick}; replaced by the next one. */
export function toast(text, action = null) {
  const box = $("jg-toast");
  clearTimeout(toast.timer);
  if (text === null) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const p = document.createElement("p");
  p.textContent = text;
  const items = [p];
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = action.label;
    if (action.ariaLabel) button.setAttribute("aria-label", action.ariaLabel);
    button.addEventListener("click", () => {
      toast(null);
      action.onClick();
    });
    items.push(button);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Dismiss";
  close.setAttribute("aria-label", "Dismiss the message");
  close.addEventListener("click", () => toast(null));
  items.push(close);
  box.replaceChildren(...items);
  box.hidden = false;
  // A message with an action stays until it is used, dismissed or replaced.
  if (!action) toast.timer = setTimeout(() => toast(null), TOAST_MS);
}

