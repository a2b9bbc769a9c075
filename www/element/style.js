// The stylesheet of <journey-map>'s shadow root. Colours and fonts are
// custom properties (--jg-*) an embedding page sets on the element or any
// ancestor; the parts (::part(toolbar), ::part(figures), ::part(canvas),
// ::part(inspector) …) can be styled directly.

import { ZOOM_CSS } from "./zoom.js";
import { LEGEND_CSS } from "./map/legend-style.js";
import { PERSONA_CSS } from "./persona-view.js";
import { FILES_CSS } from "./files/index.js";

/**
 * theme="dark" and theme="contrast": the same custom properties, other
 * values; a page may still override any of them.
 */
const THEMES_CSS = `
:host([theme=dark]) {
  --jg-bg: #11161d; --jg-surface: #1a212b; --jg-ink: #e6edf3; --jg-muted: #a3b0bd;
  --jg-border: #3a4756; --jg-column: #202a36; --jg-stage-bg: #34466a; --jg-stage-ink: #ffffff;
  --jg-curve-bg: #1a212b; --jg-arrow: #8796a8; --jg-accent: #7c9cff;
  --jg-pain-bg: #2a1a1c; --jg-pain-border: #6a3339; --jg-pain-ink: #f5b3b3;
  --jg-opportunity-bg: #16261d; --jg-opportunity-border: #2f6142; --jg-opportunity-ink: #a6e3ba;
  color-scheme: dark;
}
:host([theme=contrast]) {
  --jg-bg: #ffffff; --jg-surface: #ffffff; --jg-ink: #000000; --jg-muted: #1f1f1f;
  --jg-border: #000000; --jg-column: #f2f2f2; --jg-stage-bg: #000000; --jg-stage-ink: #ffffff;
  --jg-arrow: #333333; --jg-accent: #0033cc;
  --jg-pain-ink: #7a0000; --jg-opportunity-ink: #004d1a;
}
`;

export const ELEMENT_CSS = `
:host {
  display: block;
  font-family: var(--jg-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  color: var(--jg-ink, #1b2430);
  background: var(--jg-bg, #f4f6fa);
  line-height: 1.4;
  position: relative;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }

.jg-head { padding: 12px 20px 8px; background: var(--jg-surface, #fff); border-bottom: 1px solid var(--jg-border, #d5dde7); }
.jg-title-row { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.jg-title { margin: 0; font-size: 22px; font-weight: 700; letter-spacing: -0.01em; }
.jg-persona { margin: 2px 0 0; font-size: 13.5px; color: var(--jg-muted, #52606d); max-width: 1000px;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.jg-persona-label { display: inline-block; margin-right: 6px; padding: 0 7px; border-radius: 999px;
  font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
  background: var(--jg-badge-proactive-bg, #efeaff); color: var(--jg-badge-proactive-ink, #4f31b0); }
.jg-persona strong { color: var(--jg-ink, #1b2430); margin-right: 6px; }

.jg-toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 8px 20px;
  background: var(--jg-surface, #fff); border-bottom: 1px solid var(--jg-border, #d5dde7); }
/* lazy.js: beside a button whose module takes a moment to load. */
.jg-loading { font-size: 12.5px; font-style: italic; color: var(--jg-muted, #52606d); }
.jg-toolbar .jg-sep { width: 1px; align-self: stretch; background: var(--jg-border, #d5dde7); margin: 0 4px; }
button, .jg-button {
  font: inherit; font-size: 13px; font-weight: 600; padding: 6px 12px; border-radius: 8px; cursor: pointer;
  border: 1px solid var(--jg-border, #c7d1dd); background: var(--jg-surface, #fff); color: var(--jg-ink, #1b2430);
}
button:hover:not(:disabled) { background: var(--jg-column, #e9eef5); }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--jg-accent, #3b5bdb); outline-offset: 1px; }
button:disabled { opacity: .45; cursor: default; }
button.jg-primary { background: var(--jg-accent, #3b5bdb); border-color: var(--jg-accent, #3b5bdb); color: #fff; }
button.jg-danger { color: #a61b1b; border-color: #e7b3b3; }
button[aria-pressed=true] { background: var(--jg-accent, #3b5bdb); border-color: var(--jg-accent, #3b5bdb); color: #fff; }

.jg-figures { display: flex; flex-wrap: wrap; gap: 8px 22px; padding: 10px 20px; background: var(--jg-surface, #fff);
  border-bottom: 1px solid var(--jg-border, #d5dde7); margin: 0; }
/* The figures stay in view while the page scrolls down the map and its lanes. */
.jg-root { position: relative; }
@media screen { .jg-root > .jg-figures { position: sticky; top: 0; z-index: 7; } }
/* Messages (an error, an import's note) over the top of the figures, taking no room: the map never moves. */
.jg-banners { position: absolute; left: 20px; right: 20px; z-index: 9; display: flex; flex-direction: column; gap: 6px; pointer-events: none; }
.jg-banners > * { pointer-events: auto; margin: 8px 0 0 !important; box-shadow: 0 10px 28px rgb(16 24 40 / .2); }
.jg-banners > [hidden] { display: none; }
.jg-body[data-panel-hidden] .jg-inspector { display: none; }
.jg-body[data-panel-hidden] { background: none; }
@media (max-width: 760px) { .jg-panel-toggle { display: none; } }
@media print { .jg-panel-toggle { display: none; } }
.jg-figure { display: flex; flex-direction: column; min-width: 96px; }
.jg-figure dt { font-size: 11px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--jg-muted, #52606d); }
.jg-figure dd { margin: 0; font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.jg-figure .jg-hw { font-size: 12px; font-weight: 500; color: var(--jg-muted, #52606d); }
.jg-figure .jg-delta { font-size: 12px; font-weight: 700; margin-left: 4px; }
.jg-delta-up { color: #1e6b3f; }
.jg-delta-down { color: #a61b1b; }
.jg-figures-problem { color: #8a1c13; font-size: 13px; align-self: center; }
/* A figure still being computed says so in words ("Simulating…"); the italics only add to that. */
.jg-figure .jg-pending { font-size: 14px; font-weight: 600; font-style: italic; color: var(--jg-muted, #52606d); }
.jg-figures-note { flex-basis: 100%; font-size: 12.5px; color: var(--jg-muted, #52606d); }
/* Each figure explains itself: its description shows on hover and keyboard focus (and is its accessible description). */
.jg-figure { position: relative; cursor: help; border-radius: 4px; }
.jg-explain { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.jg-figures-more { padding: 0 20px 8px; background: var(--jg-surface, #fff); border-bottom: 1px solid var(--jg-border, #d5dde7); }
.jg-figures-more:not(:has(details)) { display: none; }
.jg-figures:has(+ .jg-figures-more details) { border-bottom: 0; padding-bottom: 4px; }
.jg-figure dd:focus-visible { outline: 3px solid var(--jg-accent, #3b5bdb); outline-offset: 3px; border-radius: 4px; }
.jg-figure .jg-sub { display: block; font-size: 11.5px; font-weight: 500; color: var(--jg-muted, #52606d); }
.jg-figure:hover::after, .jg-figure:focus-within::after { content: attr(data-explain); position: absolute; z-index: 20; top: 100%; left: 0;
  margin-top: 6px; width: 320px; padding: 8px 10px; font-size: 12.5px; font-weight: 400; line-height: 1.4; text-transform: none; letter-spacing: 0;
  color: #fff; background: #1f2933; border-radius: 6px; box-shadow: 0 4px 14px rgb(0 0 0 / .25); pointer-events: none; }
.jg-how { font-size: 13px; }
.jg-how summary { cursor: pointer; color: var(--jg-accent, #3b5bdb); font-weight: 600; }
.jg-how ul { margin: 6px 0 2px; padding-left: 18px; max-width: 80ch; line-height: 1.45; }
.jg-how li { margin: 4px 0; }
.jg-how-sure { font-size: 13px; padding: 0 20px 6px; }
.jg-how-sure summary { cursor: pointer; color: var(--jg-accent, #3b5bdb); font-weight: 600; }
.jg-how-sure-list { margin: 6px 0 2px; padding-left: 22px; max-width: 90ch; line-height: 1.45; }
.jg-how-sure-list li { margin: 4px 0; }
.jg-how-sure-controls, .jg-how-sure-note { margin: 6px 0; max-width: 90ch; }
.jg-how-sure select { font: inherit; }
.jg-figures-guide { font-size: 13.5px; align-self: center; color: var(--jg-text, #1f2933); }
.jg-figures-guide ol { margin: 4px 0 0; padding-left: 20px; }
.jg-engine-note { margin: 0; padding: 8px 20px; font-size: 13px; background: #fff6e0; border-bottom: 1px solid #e9cf8d; color: #5c4200; }

.jg-body { display: flex; align-items: stretch; min-height: 420px; position: relative; }
.jg-map-note { margin: 4px 20px 6px; font-size: 13px; color: var(--jg-muted, #52606d); }
.jg-canvas { flex: 1; min-width: 0; overflow: auto; max-height: var(--jg-canvas-height, none); padding: 0 0 8px; }
.jg-canvas:focus-visible { outline: 3px solid var(--jg-accent, #3b5bdb); outline-offset: -3px; }
/* The map on screen is a layer of its own, so that a change beside it (the figures, the inspector)
   does not paint it again, and what is far from the view (data-far: map.js, cullMap) is not drawn:
   a slider step on a map of 1,000 cards paints the few cards near the view, not all of them.
   Print and exported pictures draw everything. */
@media screen {
  .jg-canvas > svg.jg-map { will-change: transform; }
  .jg-map .jg-card[data-far] > g > :not(.jg-card-bg), .jg-map .jg-arrow[data-far] { display: none; }
  .jg-map .jg-card[data-far] > g > .jg-card-bg { visibility: hidden; }
}
/* A card is a button: a press on it selects the card, not its text (which on a map of
   10,000 cards took the browser 70-90 ms to work out at each click). */
.jg-map .jg-card { -webkit-user-select: none; user-select: none; }
/* The inspector stays in view while the page scrolls down the map and its lanes. */
.jg-body { background: linear-gradient(to left, var(--jg-surface, #fff) 339px, var(--jg-border, #d5dde7) 339px 340px, transparent 340px); }
.jg-inspector { width: 340px; flex: none; border-left: 1px solid var(--jg-border, #d5dde7); background: var(--jg-surface, #fff);
  padding: 14px 16px 24px; overflow: auto; position: sticky; top: var(--jg-figures-height, 0px); align-self: flex-start;
  max-height: calc(var(--jg-canvas-height, 100vh) - var(--jg-figures-height, 0px)); }
@media (max-width: 760px) {
  /* Narrow screens: the inspector goes under the map, full width. */
  .jg-body { flex-direction: column; background: none; }
  .jg-inspector { width: auto; position: static; max-height: none; border-left: 0; border-top: 1px solid var(--jg-border, #d5dde7); }
}
.jg-inspector h3 { margin: 0 0 10px; font-size: 15px; overflow-wrap: anywhere; }
.jg-inspector h3:focus { outline: none; }
.jg-inspector h3:focus-visible { outline: 3px solid var(--jg-accent, #3b5bdb); outline-offset: 2px; }
.jg-inspector h4 { margin: 18px 0 8px; padding-top: 12px; border-top: 1px solid var(--jg-border, #d5dde7);
  font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--jg-muted, #52606d); }
.jg-field { display: grid; gap: 3px; margin: 0 0 10px; min-width: 0; }
.jg-field > label { font-size: 12.5px; font-weight: 600; }
.jg-inspector input[type=text], .jg-inspector input[type=number], .jg-inspector select, .jg-inspector textarea {
  font: inherit; font-weight: 400; font-size: 13px; padding: 5px 8px; border-radius: 6px; min-width: 0;
  border: 1px solid var(--jg-border-strong, #8795a7); background: var(--jg-surface, #fff); color: inherit; width: 100%; }
.jg-inspector input:read-only, .jg-inspector select:disabled { background: var(--jg-bg, #f4f6fa); }
.jg-inspector [aria-invalid=true] { border-color: #c92a2a; box-shadow: 0 0 0 1px #c92a2a; }
.jg-long-name { margin: -4px 0 10px; padding: 8px 10px; border-radius: 8px; background: #fff4e6; border: 1px solid #f0b566; font-size: 13px; }
.jg-long-name p { margin: 0 0 6px; }
.jg-field-error { margin: 2px 0 0; font-size: 12px; font-weight: 600; color: #a61b1b; }
.jg-field textarea { min-height: 56px; resize: vertical; }
.jg-range { display: flex; gap: 8px; align-items: center; }
.jg-range input[type=range] { flex: 1; min-width: 0; margin: 0; accent-color: var(--jg-accent, #3b5bdb); }
.jg-range output { width: 44px; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; font-size: 13px; }
.jg-field .jg-hint { margin: 0; }
.jg-checks { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 0 0 10px; padding: 0; border: 0; font-size: 13px; }
.jg-checks legend { padding: 0; margin-bottom: 4px; font-size: 12.5px; font-weight: 600; width: 100%; }
.jg-checks label { display: inline-flex; gap: 5px; align-items: center; }
.jg-checks input { margin: 0; accent-color: var(--jg-accent, #3b5bdb); }
.jg-row { display: flex; gap: 6px; flex-wrap: wrap; align-items: end; margin: 8px 0; }
.jg-row > .jg-field { margin: 0; }
.jg-add-transition { margin-top: 12px; padding: 10px 10px 2px; border-radius: 8px; background: var(--jg-bg, #f4f6fa); }
.jg-add-transition .jg-row { flex-wrap: nowrap; }
.jg-add-transition .jg-row > .jg-field { flex: 1; }
.jg-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.jg-list li { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; font-size: 13px; }
.jg-list li .jg-grow { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.jg-list li > button { flex: none; padding: 4px 9px; }
.jg-list li > .jg-field-error { flex-basis: 100%; }
.jg-inspector .jg-list input[type=number] { width: 68px; flex: none; padding: 4px 6px; }
.jg-hint { font-size: 12px; color: var(--jg-muted, #52606d); margin: 4px 0 10px; }
/* The blueprint's lanes (journey panel) and items (touchpoint panel): inspector/lanes.js, items.js. */
.jg-add-box { margin-top: 10px; padding: 10px 10px 8px; border-radius: 8px; background: var(--jg-bg, #f4f6fa); }
.jg-add-box .jg-row { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); margin-top: 0; }
.jg-add-item > .jg-field { margin-bottom: 8px; }
.jg-list.jg-lanes-edit { gap: 8px; }
.jg-lanes-edit li { padding-bottom: 8px; border-bottom: 1px solid var(--jg-border, #d5dde7); }
.jg-lanes-edit li[data-hidden] > input { color: var(--jg-muted, #52606d); font-style: italic; }
.jg-lane-meta { flex-basis: 100%; display: flex; gap: 10px; align-items: center; font-size: 12.5px; }
.jg-lane-kind { flex: 1; min-width: 0; color: var(--jg-muted, #52606d); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.jg-lane-shown, .jg-item-fails { display: inline-flex; gap: 4px; align-items: center; }
.jg-lane-shown input { margin: 0; accent-color: var(--jg-accent, #3b5bdb); }
.jg-lane-meta > button { padding: 3px 9px; }
.jg-item-lane { flex-basis: 100%; font-size: 11.5px; font-weight: 600; color: var(--jg-muted, #52606d);
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.jg-items-edit li { gap: 4px; padding-bottom: 8px; border-bottom: 1px solid var(--jg-border, #d5dde7); }
.jg-items-edit li > input[type=text] { flex-basis: 100%; }
.jg-item-actions { flex-basis: 100%; display: flex; gap: 10px; align-items: center; justify-content: flex-end; font-size: 12.5px; }
.jg-item-actions > .jg-item-fails { margin-right: auto; }
.jg-item-actions > button { padding: 3px 9px; }
.jg-inspector .jg-list .jg-item-fails input[type=number] { width: 56px; }

.jg-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.jg-error { margin: 10px 20px; padding: 10px 14px; border-radius: 8px; background: #fff1f0;
  border: 1px solid #f3b4ae; color: #8a1c13; font-size: 13.5px; display: flex; gap: 10px; align-items: start; }
.jg-error p { margin: 0; flex: 1; }

dialog { border: 1px solid var(--jg-border, #c7d1dd); border-radius: 12px; padding: 18px 20px; max-width: 440px;
  color: var(--jg-ink, #1b2430); background: var(--jg-surface, #fff); }
dialog::backdrop { background: rgb(16 24 40 / .35); }
dialog h3 { margin: 0 0 8px; font-size: 16px; }
dialog p { margin: 0 0 12px; font-size: 13.5px; }

.jg-legend-wrap { padding: 4px 20px 12px; }
${LEGEND_CSS}
/* The What if toggle (What-if mode's own styles come with whatif/: later-style.js). */
.jg-toolbar .jg-whatif-toggle { margin-left: auto; display: inline-flex; align-items: center; gap: 6px; }
button.jg-whatif-toggle[aria-pressed=true] { background: var(--jg-whatif, #6741d9); border-color: var(--jg-whatif, #6741d9); color: #fff; }
/* A button that reads as a link: How sure's "Select" (at start), why.js's and What-if's (later). */
button.jg-link { background: none; border: none; padding: 0; color: var(--jg-accent, #3b5bdb); font-size: 12.5px; text-decoration: underline; }
${PERSONA_CSS}
${FILES_CSS}
${ZOOM_CSS}
${THEMES_CSS}
`;

let sheet = null;
/** Gives the element's shadow root its styles (one shared sheet where constructable sheets exist). */
export function adoptElementStyles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(ELEMENT_CSS);
      return s;
    })();
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = ELEMENT_CSS;
    root.append(style);
  }
}
