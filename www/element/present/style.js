// The stylesheets of workshop mode (SPEC section 9), adopted into the
// element's shadow root by index.js next to the editor's own.
//
// PRESENT_CSS: the projector view. Everything is sized in --u, a hundredth
// of the viewport's height on a 16:9 screen (min(1vh, 0.5625vw)), so the
// wall looks the same at 1920×1080 and at 1280×720, only sharper. The
// high-contrast theme is a set of --jg-* custom properties (the map reads
// them) and a few overrides of the map's own sheet; every text colour here
// was chosen for a contrast of at least 7:1 on what it sits on.
//
// PRINT_CSS: the poster. In print the editor shows only its title, figures
// and the whole map, scaled to the page, colours kept. The page itself is
// set landscape by the app's print.css (an @page rule cannot live in a
// shadow root); embedders add `@page { size: landscape }` to theirs.

export const PRESENT_CSS = `
.jg-present {
  --u: min(1vh, 0.5625vw);
  --jgp-navy: #0b1f3a;
  --jgp-navy-2: #132d52;
  --jgp-on-navy: #ffffff;
  --jgp-on-navy-soft: #c9d6ea;
  --jgp-focus: #ffd43b;

  /* The map's theme on the wall: near-black ink, strong borders, saturated emotions. */
  --jg-bg: #ffffff;
  --jg-surface: #ffffff;
  --jg-ink: #0b1220;
  --jg-muted: #3a4452;
  --jg-border: #5c6b7d;
  --jg-accent: #1e40af;
  --jg-column: #eef2f7;
  --jg-stage-bg: #0b1f3a;
  --jg-stage-ink: #ffffff;
  --jg-emotion-n2: #c92a2a;
  --jg-emotion-n1: #e8590c;
  --jg-emotion-z: #868e96;
  --jg-emotion-p1: #40c057;
  --jg-emotion-p2: #1b7a3f;
  --jg-face-ink: #0b1220;
  --jg-face-ink-on-strong: #ffffff;
  --jg-arrow: #5c6b7d;
  --jg-curve: #1e40af;
  --jg-curve-pos: rgb(27 122 63 / 0.18);
  --jg-curve-neg: rgb(201 42 42 / 0.16);
  --jg-curve-bg: #ffffff;
  --jg-curve-ghost: #3a4452;
  --jg-whatif: #4c2fa6;
  --jg-pain-bg: #fff5f4;
  --jg-pain-border: #e03131;
  --jg-pain-ink: #7a1f1f;
  --jg-opportunity-bg: #f1faf4;
  --jg-opportunity-border: #2f9e44;
  --jg-opportunity-ink: #14532d;
  --jg-badge-goal-bg: #fff1bf;
  --jg-badge-goal-ink: #4a3700;
  --jg-badge-service-bg: #e3f0ff;
  --jg-badge-service-ink: #0d3566;
  --jg-badge-proactive-bg: #efeaff;
  --jg-badge-proactive-ink: #3b1f94;
  --jg-badge-indirect-bg: #edf0f3;
  --jg-badge-indirect-ink: #2f3842;

  position: fixed; inset: 0; z-index: 2147483000;
  display: grid; grid-template-rows: auto minmax(0, 1fr) auto;
  background: #ffffff; color: var(--jg-ink);
  font-family: var(--jg-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  font-size: calc(2 * var(--u)); line-height: 1.25;
  overflow: hidden; overscroll-behavior: contain;
}
.jg-present:focus { outline: none; }
.jg-present button { font: inherit; font-weight: 700; cursor: pointer; border-radius: calc(0.9 * var(--u));
  padding: calc(0.7 * var(--u)) calc(1.6 * var(--u)); border: 2px solid var(--jg-ink); background: #fff; color: var(--jg-ink); }
.jg-present button:hover:not(:disabled, [aria-disabled=true]) { background: #e9ecef; }
.jg-present button:disabled, .jg-present button[aria-disabled=true] { opacity: 1; color: var(--jg-muted); border-color: #adb5bd; border-style: dashed; cursor: default; }
.jg-present button.jgp-primary { background: var(--jg-accent); border-color: var(--jg-accent); color: #fff; }
.jg-present button.jgp-primary:hover:not(:disabled, [aria-disabled=true]) { background: #1c3a9e; }
.jg-present button.jgp-primary:disabled, .jg-present button.jgp-primary[aria-disabled=true] { background: #fff; color: var(--jg-muted); border-color: #adb5bd; }
.jg-present :focus-visible { outline: calc(0.5 * var(--u)) solid var(--jg-accent); outline-offset: 2px; }
.jg-present .jgp-head :focus-visible, .jg-present .jgp-foot :focus-visible { outline-color: var(--jgp-focus); }

/* ---- Head: where we are, and the figures ---- */
.jgp-head { display: flex; align-items: center; gap: calc(3 * var(--u)); min-width: 0;
  padding: calc(1.6 * var(--u)) calc(3 * var(--u)); background: var(--jgp-navy); color: var(--jgp-on-navy); }
.jgp-where { flex: 1 1 0; min-width: 0; }
.jgp-journey { margin: 0; font-size: calc(1.9 * var(--u)); font-weight: 600; color: var(--jgp-on-navy-soft);
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.jgp-stage { margin: calc(0.3 * var(--u)) 0 0; display: flex; align-items: baseline; gap: calc(1.4 * var(--u)); min-width: 0; }
.jgp-count { flex: none; font-size: calc(2.2 * var(--u)); font-weight: 700; color: var(--jgp-on-navy-soft); font-variant-numeric: tabular-nums; }
.jgp-stage-name { font-size: calc(4.6 * var(--u)); font-weight: 800; letter-spacing: -0.01em; line-height: 1.1;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }

.jgp-head .jg-figures { flex: none; display: flex; gap: calc(1.2 * var(--u)); margin: 0; padding: 0; border: 0; background: none; flex-wrap: nowrap; }
.jgp-head .jg-figure { min-width: calc(15 * var(--u)); padding: calc(0.8 * var(--u)) calc(1.4 * var(--u));
  border-radius: calc(1 * var(--u)); background: var(--jgp-navy-2); }
.jgp-head .jg-figure[data-figure=service] { display: none; }
.jgp-head .jg-figure dt { font-size: calc(1.6 * var(--u)); font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: var(--jgp-on-navy-soft); }
.jgp-head .jg-figure dd { margin: 0; display: grid; grid-template-columns: auto 1fr; justify-items: start; align-items: center;
  gap: calc(0.2 * var(--u)) calc(0.8 * var(--u)); min-height: calc(7.2 * var(--u)); align-content: start;
  font-size: calc(3.6 * var(--u)); font-weight: 800; line-height: 1.15; color: var(--jgp-on-navy); font-variant-numeric: tabular-nums; }
/* The value on its own line, the half-width and the change from the baseline under it: the figures keep their width as they move. */
.jgp-head .jg-figure .jg-value { grid-column: 1 / -1; }
.jgp-head .jg-figure .jg-hw { font-size: calc(1.7 * var(--u)); font-weight: 600; color: var(--jgp-on-navy-soft); }
.jgp-head .jg-figure .jg-delta { margin: 0; padding: calc(0.1 * var(--u)) calc(0.8 * var(--u)); border-radius: 999px;
  font-size: calc(2 * var(--u)); font-weight: 800; background: #e9ecef; color: #0b1220; }
.jgp-head .jg-figure .jg-delta-up { background: #b2f2bb; color: #0b3d22; }
.jgp-head .jg-figure .jg-delta-down { background: #ffc9c9; color: #6e1111; }
.jgp-head .jg-figure .jg-delta-up::before { content: "\\25B2\\00A0"; font-size: .7em; }
.jgp-head .jg-figure .jg-delta-down::before { content: "\\25BC\\00A0"; font-size: .7em; }
.jgp-head .jg-figure .jg-pending { font-size: calc(2.2 * var(--u)); font-style: italic; color: var(--jgp-on-navy); }
/* The wall keeps room for the stage title: dropout says how much of it came after the goal. */
.jgp-head .jg-figures-more, .jgp-head .jg-figure[data-figure=elsewhere], .jgp-head .jg-figure[data-figure=lost] { display: none; }
.jgp-head .jg-figure .jg-sub { font-size: calc(1.3 * var(--u)); color: var(--jgp-on-navy); }
.jgp-head .jg-figures-note { align-self: center; max-width: calc(26 * var(--u)); font-size: calc(1.5 * var(--u)); color: var(--jgp-on-navy); }
.jgp-head .jg-figures-problem { color: #ffffff; font-size: calc(2 * var(--u)); max-width: calc(70 * var(--u)); }
@media (prefers-reduced-motion: no-preference) {
  .jgp-head .jg-figure.jgp-moved { animation: jgp-moved 900ms ease-out; }
  @keyframes jgp-moved { from { box-shadow: 0 0 0 calc(0.5 * var(--u)) var(--jgp-focus); } to { box-shadow: 0 0 0 0 transparent; } }
}

/* ---- Main: the map and the side panel ---- */
.jgp-main { display: grid; grid-template-columns: minmax(0, 1fr) calc(48 * var(--u)); min-height: 0; }
.jgp-map { min-width: 0; min-height: 0; padding: calc(1.6 * var(--u)) calc(1.6 * var(--u)) calc(1 * var(--u)) calc(2.4 * var(--u));
  display: grid; grid-template-rows: minmax(0, 1fr); gap: calc(1.4 * var(--u)); }
.jgp-map:focus-visible { outline-offset: -6px; }
/* On a stage the whole map is a strip (where the room is in the journey), and the stage fills the rest. */
.jg-present:not([data-step=all]) .jgp-map { grid-template-rows: calc(19 * var(--u)) minmax(0, 1fr); }
.jgp-strip { min-width: 0; min-height: 0; display: flex; }
.jgp-strip > svg { width: 100%; height: 100%; }
.jgp-focus { --pu: calc(var(--u) * var(--k, 1)); min-height: 0; overflow: hidden; display: grid;
  grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: calc(2 * var(--pu)); align-items: start; }
.jgp-focus[hidden] { display: none; }
.jgp-focus-title { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.jgp-focus-cards, .jgp-focus-notes { min-height: 0; max-height: 100%; overflow: hidden; }
/* A stage of many touchpoints: they take the whole width, the notes go under them side by side. */
.jgp-focus[data-many] { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto minmax(0, 1fr); align-items: stretch; }
.jgp-focus[data-many] .jgp-focus-notes { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: calc(1.4 * var(--pu)); align-items: start; }
.jgp-focus[data-many] .jgp-notes { margin: 0; }
.jgp-focus .jgp-tiles { grid-template-columns: repeat(auto-fill, minmax(calc(36 * var(--pu)), 1fr)); gap: calc(1.4 * var(--pu)); }
.jgp-focus .jgp-tile .jgp-face { width: calc(7 * var(--pu)); height: calc(7 * var(--pu)); }
.jgp-focus .jgp-tile-name { font-size: calc(3.1 * var(--pu)); }
.jgp-focus .jgp-tile-emotion { font-size: calc(2.3 * var(--pu)); }
.jgp-tile-reach { font-size: calc(1.9 * var(--pu)); font-weight: 600; color: var(--jg-muted); }
.jgp-room-line { display: flex; align-items: flex-end; gap: calc(0.8 * var(--pu)); margin-top: calc(0.4 * var(--pu)); font-size: calc(1.9 * var(--pu)); font-weight: 700; color: #1c3a9e; }
.jgp-room-bars { display: inline-flex; align-items: flex-end; gap: 2px; height: calc(2.2 * var(--pu)); }
.jgp-room-bar { width: calc(0.9 * var(--pu)); height: calc(max(0.15, var(--n)) * 100%); border-radius: 2px 2px 0 0; }
.jgp-room-f1 { background: #c92a2a; } .jgp-room-f2 { background: #e8590c; } .jgp-room-f3 { background: #868e96; }
.jgp-room-f4 { background: #40c057; } .jgp-room-f5 { background: #2b8a3e; }
.jgp-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.jgp-room { margin-top: calc(1.6 * var(--pu)); padding-top: calc(1.2 * var(--pu)); border-top: 2px solid #dee2e6; }
.jgp-room-link { margin: 0 0 calc(0.6 * var(--pu)); font: 700 calc(1.8 * var(--pu))/1.3 ui-monospace, monospace; overflow-wrap: anywhere; user-select: all; }
.jgp-room-count { margin: 0 0 calc(0.8 * var(--pu)); font-size: calc(1.8 * var(--pu)); font-weight: 600; }
.jgp-room-review { margin-top: calc(0.8 * var(--pu)); font-size: calc(1.6 * var(--pu)); }
.jgp-room-review summary { cursor: pointer; font-weight: 600; }
.jgp-room-review ul { margin: calc(0.6 * var(--pu)) 0 0; padding-left: calc(2 * var(--pu)); }
.jgp-room-review li { margin-bottom: calc(0.4 * var(--pu)); }
.jgp-focus .jgp-notes { margin: 0 0 calc(1.4 * var(--pu)); }
.jgp-focus .jgp-notes .jgp-kicker { font-size: calc(2 * var(--pu)); }
.jgp-focus .jgp-notes ul { font-size: calc(2.3 * var(--pu)); }
.jgp-side { min-height: 0; display: flex; flex-direction: column; border-left: 2px solid #ced4da; background: #f8f9fa; }
/* --pu: the panel's unit, made smaller by side.js (--k) when a long stage would not fit. */
.jgp-panel { --pu: calc(var(--u) * var(--k, 1)); flex: 1 1 auto; min-height: 0; overflow: auto; padding: calc(2 * var(--u)) calc(2.4 * var(--u)); }
.jgp-panel h3 { margin: 0 0 calc(1.2 * var(--pu)); font-size: calc(2.8 * var(--pu)); line-height: 1.15; }
.jgp-kicker { margin: 0 0 calc(0.4 * var(--pu)); font-size: calc(1.7 * var(--pu)); font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: var(--jg-muted); }
.jgp-hint { margin: calc(1 * var(--pu)) 0; font-size: calc(1.8 * var(--pu)); color: var(--jg-muted); }
.jgp-tiles { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(1 * var(--pu)); }
.jg-present button.jgp-tile { width: 100%; display: flex; align-items: center; gap: calc(1.4 * var(--pu)); text-align: left;
  padding: calc(1 * var(--pu)) calc(1.4 * var(--pu)); border: 2px solid #adb5bd; border-radius: calc(1.2 * var(--pu)); background: #fff; font-weight: 400; }
.jg-present button.jgp-tile:hover { background: #fff; border-color: var(--jg-ink); }
.jg-present button.jgp-tile[data-changed] { border-color: var(--jg-whatif); box-shadow: inset calc(0.6 * var(--pu)) 0 0 var(--jg-whatif); }
.jgp-tile .jgp-face { flex: none; width: calc(5 * var(--pu)); height: calc(5 * var(--pu)); }
.jgp-tile-text { display: grid; min-width: 0; }
.jgp-tile-name { font-size: calc(2.3 * var(--pu)); font-weight: 700; line-height: 1.15; overflow-wrap: anywhere; }
.jgp-tile-emotion { font-size: calc(1.9 * var(--pu)); color: var(--jg-muted); font-variant-numeric: tabular-nums; }
.jgp-tile-emotion strong { color: var(--jg-ink); }
.jgp-tile-was { display: block; font-size: calc(1.7 * var(--pu)); font-weight: 700; color: var(--jg-whatif); }

.jgp-now { display: flex; align-items: center; gap: calc(2 * var(--pu)); margin: calc(1.6 * var(--pu)) 0 calc(0.6 * var(--pu)); }
.jgp-now .jgp-face { flex: none; width: calc(10 * var(--pu)); height: calc(10 * var(--pu)); }
.jgp-now p { margin: 0; display: grid; }
.jgp-now-value { font-size: calc(6 * var(--pu)); font-weight: 800; line-height: 1; font-variant-numeric: tabular-nums; }
.jgp-now-word { font-size: calc(2.6 * var(--pu)); font-weight: 700; }
.jgp-was { margin: calc(0.6 * var(--pu)) 0 calc(1.4 * var(--pu)); font-size: calc(1.9 * var(--pu)); color: var(--jg-muted); }
.jgp-was strong { color: var(--jg-whatif); }
.jgp-dial { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; align-items: center; gap: calc(1.4 * var(--pu)); }
.jg-present button.jgp-big { width: calc(8 * var(--pu)); height: calc(8 * var(--pu)); padding: 0; border-radius: 50%;
  font-size: calc(5 * var(--pu)); font-weight: 800; line-height: 1; display: grid; place-items: center; }
.jgp-dial input[type=range] { width: 100%; height: calc(6 * var(--pu)); margin: 0; accent-color: var(--jg-accent); cursor: pointer;
  -webkit-appearance: none; appearance: none; background: transparent; }
.jgp-dial input[type=range]::-webkit-slider-runnable-track { height: calc(1.4 * var(--pu)); border-radius: 999px;
  background: linear-gradient(90deg, #c92a2a, #e8590c 30%, #868e96 50%, #40c057 70%, #1b7a3f); border: 2px solid var(--jg-ink); }
.jgp-dial input[type=range]::-webkit-slider-thumb { -webkit-appearance: none; appearance: none; width: calc(4.8 * var(--pu)); height: calc(4.8 * var(--pu));
  margin-top: calc(-1.9 * var(--pu)); border-radius: 50%; background: #fff; border: calc(0.5 * var(--pu)) solid var(--jg-ink); }
.jgp-dial input[type=range]::-moz-range-track { height: calc(1.4 * var(--pu)); border-radius: 999px;
  background: linear-gradient(90deg, #c92a2a, #e8590c 30%, #868e96 50%, #40c057 70%, #1b7a3f); border: 2px solid var(--jg-ink); }
.jgp-dial input[type=range]::-moz-range-thumb { width: calc(4.4 * var(--pu)); height: calc(4.4 * var(--pu)); border-radius: 50%;
  background: #fff; border: calc(0.5 * var(--pu)) solid var(--jg-ink); }
.jgp-scale { display: flex; justify-content: space-between; margin: calc(0.4 * var(--pu)) calc(9.4 * var(--pu)) 0; font-size: calc(1.6 * var(--pu)); color: var(--jg-muted); }
.jgp-row { display: flex; flex-wrap: wrap; gap: calc(1 * var(--pu)); margin: calc(1.6 * var(--pu)) 0 0; }
.jgp-notes { margin: calc(1.8 * var(--pu)) 0 0; padding: calc(1 * var(--pu)) calc(1.4 * var(--pu)); border-radius: calc(1 * var(--pu)); border: 2px solid; }
.jgp-notes-painPoints { background: var(--jg-pain-bg); border-color: var(--jg-pain-border); }
.jgp-notes-opportunities { background: var(--jg-opportunity-bg); border-color: var(--jg-opportunity-border); }
.jgp-notes-painPoints .jgp-kicker { color: var(--jg-pain-ink); }
.jgp-notes-opportunities .jgp-kicker { color: var(--jg-opportunity-ink); }
.jgp-notes ul { margin: 0; padding: 0 0 0 calc(2.2 * var(--pu)); font-size: calc(1.9 * var(--pu)); }
.jgp-notes li { margin: calc(0.3 * var(--pu)) 0; }
.jgp-notes li.jgp-more { list-style: none; font-style: italic; color: var(--jg-muted); }
.jgp-changes { margin: calc(1.4 * var(--pu)) 0 0; padding: 0 0 0 calc(2.4 * var(--pu)); font-size: calc(1.8 * var(--pu)); }
.jgp-changes li { margin: calc(0.3 * var(--pu)) 0; }
.jgp-why { margin: calc(1.6 * var(--pu)) 0 0; padding: calc(1 * var(--pu)) calc(1.4 * var(--pu)); border-radius: calc(1 * var(--pu));
  border: 2px solid var(--jg-whatif); background: #fff; }
.jgp-why[hidden] { display: none; }
.jgp-why ul { margin: 0; padding: 0 0 0 calc(2.2 * var(--pu)); font-size: calc(1.8 * var(--pu)); line-height: 1.3; }
.jgp-why li { margin: calc(0.4 * var(--pu)) 0; }

.jgp-whatif { flex: none; padding: calc(1.4 * var(--u)) calc(2.4 * var(--u)) calc(1.6 * var(--u)); border-top: 2px solid #ced4da; background: #fff; }
.jgp-whatif-state { margin: 0; font-size: calc(1.9 * var(--u)); font-weight: 700; }
.jgp-whatif-state[data-changed] { color: var(--jg-whatif); }
.jgp-whatif .jgp-row { margin-top: calc(1 * var(--u)); }
.jgp-kept { margin: calc(0.8 * var(--u)) 0 0; font-size: calc(1.7 * var(--u)); color: #0b3d22; }
.jgp-kept:empty { display: none; }

/* ---- Foot: stepping ---- */
.jgp-foot { display: flex; align-items: center; gap: calc(1.2 * var(--u)); min-width: 0;
  padding: calc(1 * var(--u)) calc(3 * var(--u)); background: var(--jgp-navy); color: var(--jgp-on-navy); }
.jgp-foot button { background: transparent; color: var(--jgp-on-navy); border-color: var(--jgp-on-navy-soft); }
.jgp-foot button:hover:not(:disabled, [aria-disabled=true]) { background: var(--jgp-navy-2); }
.jgp-foot button:disabled, .jgp-foot button[aria-disabled=true] { background: transparent; color: var(--jgp-on-navy-soft); border-color: #4c6485; }
.jgp-rail { flex: 1 1 0; min-width: 0; list-style: none; margin: 0; padding: 0; display: flex; gap: calc(0.6 * var(--u)); }
.jgp-rail li { flex: 1 1 0; min-width: 0; }
.jgp-rail li.jgp-rail-all { flex: none; }
.jg-present .jgp-rail button { width: 100%; padding: calc(0.5 * var(--u)) calc(0.9 * var(--u)); font-size: calc(1.6 * var(--u)); font-weight: 600;
  border-width: 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.jg-present .jgp-rail button[data-state=past] { background: var(--jgp-navy-2); }
.jg-present .jgp-rail button[aria-current] { background: #ffffff; color: var(--jgp-navy); border-color: #ffffff; }
.jgp-note { margin: 0; font-size: calc(1.5 * var(--u)); color: var(--jgp-on-navy-soft); white-space: nowrap; }
.jgp-keys { flex: none; margin: 0; padding: 0 calc(2.4 * var(--u)) calc(1.4 * var(--u)); background: #fff; font-size: calc(1.6 * var(--u)); color: var(--jg-muted); }
.jgp-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* ---- The map on the wall ---- */
.jg-present .jg-map .jg-stage-count { opacity: 1; }
.jg-present .jg-map .jg-card-meta { display: none; }
.jg-present .jg-map .jgp-card-emotion { font-size: 11.5px; font-weight: 700; fill: var(--jg-ink); }
.jg-present .jg-map .jg-card-bg { stroke: #5c6b7d; stroke-width: 1.25; filter: none; }
.jg-present .jg-map .jg-card-selected .jg-card-bg { stroke: var(--jg-accent); stroke-width: 4; }
.jg-present .jg-map .jg-card-changed .jg-card-bg { stroke: var(--jg-whatif); stroke-width: 3; }
.jg-present .jg-map .jg-card[role=button]:focus-visible .jg-card-bg { stroke: var(--jg-accent); stroke-width: 5; }
.jg-present .jg-map .jg-curve-line { stroke-width: 4; }
.jg-present .jg-map .jg-curve-point { r: 6px; stroke-width: 2; }
.jg-present .jg-map .jg-curve-label { font-size: 15px; }
.jg-present .jg-map .jg-curve-ghost-line { opacity: 1; }
.jg-present .jg-map .jg-stage.jgp-current .jg-stage-bg { fill: var(--jg-accent); }
.jg-present .jg-map .jg-stage.jgp-current .jg-column { stroke: var(--jg-accent); stroke-width: 4; }
.jg-present .jg-map .jg-stage.jgp-ahead .jg-stage-bg { fill: #ffffff; stroke: #5c6b7d; stroke-width: 1.5; stroke-dasharray: 6 4; }
.jg-present .jg-map .jg-stage.jgp-ahead .jg-stage-name, .jg-present .jg-map .jg-stage.jgp-ahead .jg-stage-count { fill: var(--jg-muted); }
.jg-present .jg-map .jg-stage.jgp-ahead .jg-column { fill: #f8f9fa; }
.jg-present .jg-map .jgp-ahead.jg-card, .jg-present .jg-map .jgp-ahead.jg-arrow, .jg-present .jg-map .jgp-ahead.jg-lane-cell,
.jg-present .jg-map .jgp-ahead.jg-curve-point, .jg-present .jg-map .jgp-ahead.jg-curve-mark { opacity: 0; visibility: hidden; }
@media (prefers-reduced-motion: no-preference) {
  .jg-present .jg-map .jg-card, .jg-present .jg-map .jg-arrow, .jg-present .jg-map .jg-lane-cell,
  .jg-present .jg-map .jg-curve-point, .jg-present .jg-map .jg-curve-mark { transition: opacity 450ms ease, visibility 450ms; }
  .jg-present .jg-map .jgp-reveal-edge { transition: width 700ms ease-in-out; }
}

/* Faces outside the map (tiles, the what-if panel). */
.jg-present .jgp-face .jg-face-disc { fill: var(--jg-emotion); stroke: var(--jg-face-ink); stroke-opacity: .6; stroke-width: 1; }
.jg-present .jgp-face .jg-face-eye { fill: var(--jg-emotion-ink); }
.jg-present .jgp-face .jg-face-mouth { fill: none; stroke: var(--jg-emotion-ink); stroke-width: 1.8; stroke-linecap: round; }
.jg-present .jgp-face .jg-emotion-n2 { --jg-emotion: var(--jg-emotion-n2); --jg-emotion-ink: var(--jg-face-ink-on-strong); }
.jg-present .jgp-face .jg-emotion-n1 { --jg-emotion: var(--jg-emotion-n1); --jg-emotion-ink: var(--jg-face-ink); }
.jg-present .jgp-face .jg-emotion-z { --jg-emotion: var(--jg-emotion-z); --jg-emotion-ink: var(--jg-face-ink); }
.jg-present .jgp-face .jg-emotion-p1 { --jg-emotion: var(--jg-emotion-p1); --jg-emotion-ink: var(--jg-face-ink); }
.jg-present .jgp-face .jg-emotion-p2 { --jg-emotion: var(--jg-emotion-p2); --jg-emotion-ink: var(--jg-face-ink-on-strong); }

/* Narrow or portrait screens: the side panel goes under the map. */
@media (max-aspect-ratio: 4/3) {
  .jg-present { --u: min(0.8vh, 0.75vw); }
  .jgp-head { flex-wrap: wrap; }
  .jgp-main { grid-template-columns: 1fr; grid-template-rows: minmax(0, 1fr) minmax(0, auto); }
  .jgp-side { border-left: 0; border-top: 2px solid #ced4da; max-height: 45vh; }
  .jgp-keys { display: none; }
}
`;

/** The poster's styles (print-style.js): lazy.js adopts them before Present ever loads. */
import { PRINT_CSS } from "../print-style.js";
export { PRINT_CSS };

let sheet = null;
/** Adds workshop mode's styles (and the print poster's) to the shadow root, after the editor's. */
export function adoptStyles(root) {
  const css = PRESENT_CSS + PRINT_CSS;
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    sheet ??= (() => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    })();
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = css;
    root.append(style);
  }
}
