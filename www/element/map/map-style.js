// The map's own stylesheet. It goes into the <svg> as a <style> element, so
// the map looks the same inside the element's shadow root, on an app page
// and as an exported SVG file. Every colour is a custom property (--jg-*)
// with its default as the fallback, so a theme or an embedding page can
// override it from outside.

import { FLOW_CSS } from "./flow-style.js";

export const MAP_CSS = `
/* ---- The map (SVG) ---- */
.jg-map { display: block; font-family: var(--jg-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif); }
.jg-map text { fill: var(--jg-ink, #1b2430); }

.jg-column { fill: var(--jg-column, #e9eef5); }
.jg-stage-bg { fill: var(--jg-stage-bg, #24344d); }
.jg-map .jg-stage-name { fill: var(--jg-stage-ink, #ffffff); font-size: 14px; font-weight: 650; }
.jg-map .jg-stage-count { fill: var(--jg-stage-ink, #ffffff); opacity: 0.78; font-size: 11px; }

/* Emotion levels: one colour each, used by faces, card stripes and curve points. */
.jg-emotion-n2 { --jg-emotion: var(--jg-emotion-n2, #d63b3b); --jg-emotion-ink: var(--jg-face-ink-on-strong, #ffffff); }
.jg-emotion-n1 { --jg-emotion: var(--jg-emotion-n1, #f08c52); --jg-emotion-ink: var(--jg-face-ink, #1b2430); }
.jg-emotion-z { --jg-emotion: var(--jg-emotion-z, #b4bec9); --jg-emotion-ink: var(--jg-face-ink, #1b2430); }
.jg-emotion-p1 { --jg-emotion: var(--jg-emotion-p1, #7fcf8e); --jg-emotion-ink: var(--jg-face-ink, #1b2430); }
.jg-emotion-p2 { --jg-emotion: var(--jg-emotion-p2, #2b9a5a); --jg-emotion-ink: var(--jg-face-ink-on-strong, #ffffff); }
.jg-face-disc { fill: var(--jg-emotion); stroke: var(--jg-face-ink, #1b2430); stroke-opacity: 0.25; stroke-width: 1; }
.jg-face-eye { fill: var(--jg-emotion-ink); }
.jg-face-mouth { fill: none; stroke: var(--jg-emotion-ink); stroke-width: 1.7; stroke-linecap: round; }
.jg-face-features { fill: none; stroke: var(--jg-emotion-ink); stroke-width: 1.7; stroke-linecap: round; }

.jg-card-bg { fill: var(--jg-surface, #ffffff); stroke: var(--jg-border, #d5dde7); stroke-width: 1; }
.jg-card-shadow { fill: var(--jg-card-shadow, rgb(16 24 40 / 0.09)); }
.jg-card-indirect .jg-card-bg { stroke-dasharray: 5 3; stroke: #a9b4c2; }
.jg-card-goal .jg-card-bg { stroke: var(--jg-badge-goal-ink, #6b5000); stroke-width: 1.5; }
.jg-card[role=button] { cursor: pointer; }
.jg-card[role=button]:focus { outline: none; }
/* Focus is a ring around the card; selection tints the card itself, so the two never look alike. */
.jg-card[role=button]:focus-visible { outline: 3px solid var(--jg-focus, #c2410c); outline-offset: 3px; }
.jg-card-selected .jg-card-bg { fill: var(--jg-selected-bg, #edf2ff); stroke: var(--jg-accent, #3b5bdb); stroke-width: 2.5; stroke-dasharray: none; }
.jg-card-stripe { fill: var(--jg-emotion); }
.jg-card-changed:not(.jg-card-selected) .jg-card-bg { stroke: var(--jg-whatif, #6741d9); stroke-width: 2; }
.jg-card-changed-mark { fill: var(--jg-whatif, #6741d9); }
.jg-map .jg-card-name { font-size: 13px; font-weight: 600; }
.jg-map .jg-card-meta { font-size: 11px; fill: var(--jg-muted, #52606d); }
.jg-badge text { font-size: 10px; font-weight: 600; }
.jg-badge-unrated rect { fill: #ffffff; stroke: var(--jg-muted, #52606d); stroke-dasharray: 3 2; }
.jg-map .jg-badge-unrated text { fill: var(--jg-muted, #52606d); font-style: italic; }
.jg-card-unrated .jg-face-disc { fill: #ffffff; stroke-dasharray: 3 2; }
.jg-badge-goal rect { fill: var(--jg-badge-goal-bg, #fff1bf); }
.jg-map .jg-badge-goal text { fill: var(--jg-badge-goal-ink, #6b5000); }
.jg-badge-service rect { fill: var(--jg-badge-service-bg, #e3f0ff); }
.jg-map .jg-badge-service text { fill: var(--jg-badge-service-ink, #174f8f); }
.jg-badge-proactive rect { fill: var(--jg-badge-proactive-bg, #efeaff); }
.jg-map .jg-badge-proactive text { fill: var(--jg-badge-proactive-ink, #4f31b0); }
.jg-badge-indirect rect { fill: var(--jg-badge-indirect-bg, #edf0f3); }
.jg-map .jg-badge-indirect text { fill: var(--jg-badge-indirect-ink, #45505c); }

.jg-arrow { fill: var(--jg-arrow, #8391a3); stroke: var(--jg-arrow, #8391a3); stroke-opacity: 0.85; stroke-linecap: round; stroke-linejoin: round; }
.jg-arrow-head-hit { pointer-events: visibleFill; }
.jg-arrow-back { fill: none; stroke-dasharray: 5 4; stroke-opacity: 0.55; }
.jg-loop-share { font-size: 11px; font-weight: 700; fill: var(--jg-arrow-ink, #485668); paint-order: stroke; stroke: var(--jg-bg, #f4f6fa); stroke-width: 3px; }
.jg-arrowhead path { fill: var(--jg-arrow, #8391a3); }

.jg-lane-bg { stroke-width: 1; }
.jg-curve-bg { fill: var(--jg-curve-bg, #ffffff); stroke: var(--jg-border, #d5dde7); }
.jg-map .jg-lane-title { font-size: 11px; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; fill: var(--jg-muted, #52606d); }
.jg-map .jg-curve-scale { font-size: 10.5px; fill: var(--jg-muted, #52606d); }
.jg-curve-divider { stroke: var(--jg-border, #d5dde7); stroke-width: 1; }
.jg-curve-zero { stroke: var(--jg-muted, #52606d); stroke-opacity: 0.5; stroke-dasharray: 4 4; }
.jg-curve-line { fill: none; stroke: var(--jg-curve, #3b5bdb); stroke-width: 2.5; stroke-linejoin: round; }
.jg-curve-area-pos { fill: var(--jg-curve-pos, rgb(43 154 90 / 0.14)); }
.jg-curve-area-neg { fill: var(--jg-curve-neg, rgb(214 59 59 / 0.14)); }
.jg-curve-ghost-line { fill: none; stroke: var(--jg-curve-ghost, #7b8794); stroke-width: 2; stroke-dasharray: 6 5; stroke-linecap: round; opacity: 0.85; }
.jg-curve-ghost-point { fill: var(--jg-curve-bg, #ffffff); stroke: var(--jg-curve-ghost, #7b8794); stroke-width: 1.5; }
.jg-curve-shift { stroke: var(--jg-curve-ghost, #7b8794); stroke-width: 1; stroke-dasharray: 2 3; }
.jg-map .jg-curve-key-text { font-size: 11px; fill: var(--jg-muted, #52606d); }
.jg-curve-point { fill: var(--jg-emotion); stroke: var(--jg-surface, #ffffff); stroke-width: 1.5; }
.jg-curve-ring { fill: none; stroke: var(--jg-ink, #1b2430); stroke-width: 1.75; }
.jg-map .jg-curve-label {
  font-size: 12px; font-weight: 700;
  paint-order: stroke; stroke: var(--jg-curve-bg, #ffffff); stroke-width: 4px; stroke-linejoin: round;
}

.jg-lane .jg-lane-bg { fill: #f8f9fa; stroke: #dee2e6; }
.jg-lane-painPoints .jg-lane-bg { fill: var(--jg-pain-bg, #fff5f4); stroke: var(--jg-pain-border, #f6c9c4); }
.jg-lane-opportunities .jg-lane-bg { fill: var(--jg-opportunity-bg, #f1faf4); stroke: var(--jg-opportunity-border, #b9e4c6); }
.jg-lane-thoughts .jg-lane-bg { fill: #f3f0ff; stroke: #d0bfff; }
.jg-lane-evidence .jg-lane-bg { fill: #fff9db; stroke: #ffe066; }
.jg-lane-frontstage .jg-lane-bg { fill: #e7f5ff; stroke: #a5d8ff; }
.jg-lane-backstage .jg-lane-bg { fill: #edf2ff; stroke: #bac8ff; }
.jg-lane-support .jg-lane-bg { fill: #f1f3f5; stroke: #ced4da; }
.jg-blueprint-line line { stroke: #1c3a9e; stroke-width: 1.5; stroke-dasharray: 6 4; }
.jg-map .jg-blueprint-name { font-size: 10.5px; font-weight: 700; fill: #1c3a9e; }
.jg-map .jg-lane-painPoints .jg-lane-title { fill: var(--jg-pain-ink, #9b2c2c); }
.jg-map .jg-lane-opportunities .jg-lane-title { fill: var(--jg-opportunity-ink, #1e6b3f); }
.jg-map .jg-lane-text, .jg-map .jg-lane-more { font-size: 11.5px; }
.jg-map .jg-lane-more { fill: var(--jg-muted, #52606d); font-style: italic; }
.jg-map .jg-lane-painPoints .jg-lane-bullet { fill: var(--jg-pain-ink, #9b2c2c); }
.jg-map .jg-lane-opportunities .jg-lane-bullet { fill: var(--jg-opportunity-ink, #1e6b3f); }
.jg-lane-bullet { font-size: 12px; }

@media (prefers-reduced-motion: no-preference) {
  .jg-arrow { transition: stroke-opacity 120ms; }
}
${FLOW_CSS}`;
