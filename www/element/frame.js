// The parts of <journey-map>'s shadow DOM that hold no journey (the
// element's build.js fills and wires them): the header with its title and
// persona line, the toolbar, the figures bar, the error banner, the map's
// canvas beside the inspector (which can step aside for the map), the
// legend and the status line. Built once; text goes in through textContent
// (showHeading; showStatus, showError and hideError for the status line and
// the error banner).
//
//   const f = buildFrame({ dismiss: () => clearError(), announce: (text) => say(text) });
//   f.button("Undo", () => undo(), { "data-action": "undo" });   // a toolbar button
//   f.mount(root, [whatIfBar.root, personaBar.root]);            // shown under the toolbar

import { h } from "./dom.js";
import { renderLegend } from "./map/legend.js";

export function buildFrame({ dismiss: onDismiss, announce }) {
  const wrap = h("div", { class: "jg-root", part: "root" });
  const head = h("header", { class: "jg-head", part: "header" });
  const titleRow = h("div", { class: "jg-title-row" });
  const title = h("h2", { class: "jg-title", part: "title" }, "Customer journey");
  titleRow.append(title);
  const persona = h("p", { class: "jg-persona", part: "persona", hidden: true });
  head.append(titleRow, persona);

  const toolbar = h("div", { class: "jg-toolbar", part: "toolbar", role: "toolbar", "aria-label": "Journey" });
  const button = (label, handler, attrs = {}) => {
    const b = h("button", { type: "button", ...attrs }, label);
    b.addEventListener("click", handler);
    toolbar.append(b);
    return b;
  };
  const separator = () => toolbar.append(h("span", { class: "jg-sep", "aria-hidden": "true" }));

  const opportunities = h("section", { class: "jg-whatif-opps", part: "opportunities", "aria-labelledby": "jg-opps-title", hidden: true });
  const changes = h("section", { class: "jg-whatif-changes", part: "scenario-changes", "aria-label": "Changes in this scenario" });
  const figures = h("dl", { class: "jg-figures", part: "figures", "aria-label": "Figures", "aria-live": "polite" });
  const error = h("div", { class: "jg-error", part: "error", role: "alert", hidden: true });
  const errorText = h("p");
  const dismiss = h("button", { type: "button", "aria-label": "Dismiss the message" }, "Dismiss");
  dismiss.addEventListener("click", onDismiss);
  error.append(errorText, dismiss);

  // Said when the map leaves out the weakest of very many transitions (draw.js).
  const mapNote = h("p", { class: "jg-map-note", part: "map-note", hidden: true });
  const body = h("div", { class: "jg-body" });
  const canvas = h("div", { class: "jg-canvas", part: "canvas", tabindex: "0", role: "region", "aria-label": "Journey map" });
  const inspector = h("aside", { class: "jg-inspector", part: "inspector", "aria-label": "Inspector" });
  inspector.id = "jg-inspector-panel";
  body.append(canvas, inspector);
  const legend = h("div", { class: "jg-legend-wrap", part: "legend" });
  legend.append(renderLegend());
  const status = h("div", { class: "jg-status", role: "status" });
  // Messages float over the top of the figures: showing one never pushes the map down.
  const banners = h("div", { class: "jg-banners" });
  banners.append(error);
  // The inspector can step aside for the map (the button on its edge).
  const panelToggle = h("button", { type: "button", class: "jg-panel-toggle", "data-action": "toggle-panel", "aria-expanded": "true", "aria-controls": "jg-inspector-panel" }, "Hide panel");
  panelToggle.addEventListener("click", () => {
    const hide = !body.hasAttribute("data-panel-hidden");
    body.toggleAttribute("data-panel-hidden", hide);
    panelToggle.setAttribute("aria-expanded", String(!hide));
    panelToggle.textContent = hide ? "Show panel" : "Hide panel";
    announce(hide ? "The panel is hidden: the map has the whole width." : "The panel is shown.");
  });
  // The inspector sticks under the figures (which stick to the top): it follows their height.
  // Set on the inspector, its only reader: a custom property set on the root is inherited by
  // every element under it, so each change restyled the whole map (115,000 elements, 450 ms,
  // on a map of 10,000 cards).
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => inspector.style.setProperty("--jg-figures-height", `${figures.offsetHeight}px`)).observe(figures);
  }
  return {
    title, persona, toolbar, figures, error, errorText, canvas, mapNote, inspector, status, opportunities, changes, panelToggle,
    button, separator,
    /** Puts the frame in `root`, with `bars` (What-if's, the personas') between the toolbar and the messages. */
    mount(root, bars) {
      wrap.append(head, toolbar, ...bars, banners, figures, opportunities, mapNote, body, legend, status);
      root.append(wrap);
    },
  };
}

/** The header's title and the journey's persona line (name and description), from the journey's view `file`. */
export function showHeading({ title, persona }, file) {
  title.textContent = file.title || "Untitled journey";
  if (!file.persona?.name) {
    persona.hidden = true;
    return;
  }
  persona.replaceChildren(h("span", { class: "jg-persona-label" }, "Persona"), h("strong", {}, file.persona.name));
  if (file.persona.description) persona.append(document.createTextNode(`— ${file.persona.description}`));
  persona.hidden = false;
}

/** Says `text` in the status line of `ui` (the frame's parts; null before it is built: nothing). */
export function showStatus(ui, text) {
  if (ui) ui.status.textContent = text;
}

/** Shows `text` in the error banner of `ui` (the frame's parts; null before it is built: nothing). */
export function showError(ui, text) {
  if (!ui) return;
  ui.errorText.textContent = text;
  ui.error.hidden = false;
}

/** Hides the error banner (its Dismiss button, and every change that went through). */
export function hideError(ui) {
  if (ui) ui.error.hidden = true;
}
