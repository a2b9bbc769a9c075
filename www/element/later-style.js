// The styles of what <journey-map> loads after its first map or on first
// use (lazy.js): the stage dialog (stage-dialog.js), What-if (whatif/),
// the reasons beside the figures (why.js), editing on the map (direct/),
// the paths import's preview dialog (files/paths-import.js), the attribution
// table (attribution.js) and the "Paste Mermaid…" dialog
// (files/mermaid-dialog.js). Not in what loads before the first map: this module
// comes with the first of them (lazy.js load()), and its sheet is adopted
// right after the element's own (style.js), where these rules always were,
// so the cascade is as before.

export const PATHS_CSS = `
dialog.jg-paths { width: min(640px, calc(100vw - 32px)); max-width: none; padding: 0; overflow: hidden;
  box-shadow: 0 24px 64px rgb(16 24 40 / .28); }
.jg-paths form { display: grid; margin: 0; }
.jg-paths-head { padding: 18px 22px 12px; border-bottom: 1px solid var(--jg-border, #d5dde7); }
.jg-paths-head h3 { margin: 0; font-size: 17px; }
.jg-paths-file { margin: 3px 0 0 !important; font-size: 13px !important; color: var(--jg-muted, #52606d);
  overflow-wrap: anywhere; }
.jg-paths-body { padding: 14px 22px 4px; display: grid; gap: 14px; max-height: calc(100vh - 220px); overflow: auto; }
.jg-paths-progress { display: grid; gap: 6px; font-size: 13px; color: var(--jg-muted, #52606d); }
.jg-paths-progress progress { width: 100%; height: 8px; accent-color: var(--jg-accent, #3b5bdb); }
.jg-paths-stats { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; margin: 0; }
.jg-paths-stat { padding: 9px 12px; border-radius: 10px; background: var(--jg-bg, #f4f6fa);
  border: 1px solid var(--jg-border, #d5dde7); min-width: 0; }
.jg-paths-stat dt { font-size: 11px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase;
  color: var(--jg-muted, #52606d); }
.jg-paths-stat dd { margin: 2px 0 0; font-size: 19px; font-weight: 700; font-variant-numeric: tabular-nums;
  overflow-wrap: anywhere; }
.jg-paths-stat .jg-paths-sub { display: block; font-size: 12px; font-weight: 500; color: var(--jg-muted, #52606d); }
.jg-paths-channels { margin: 0; font-size: 13px; }
.jg-paths-channels ul { list-style: none; display: flex; flex-wrap: wrap; gap: 5px; margin: 6px 0 0; padding: 0; }
.jg-paths-channels li { padding: 2px 9px; border-radius: 999px; font-size: 12.5px; background: #eef2ff;
  color: #2b3f9e; border: 1px solid #cdd6fb; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.jg-paths-channels li.jg-paths-more { background: none; border-color: transparent; color: var(--jg-muted, #52606d); }
.jg-paths-note { margin: 0 !important; font-size: 12.5px !important; color: var(--jg-muted, #52606d); }
.jg-paths-options { display: flex; flex-wrap: wrap; gap: 10px 16px; margin: 0; padding: 10px 12px 12px;
  border: 1px solid var(--jg-border, #d5dde7); border-radius: 10px; }
.jg-attr-scroll.jg-attr-long { max-height: var(--jg-attribution-height, 420px); }
.jg-attr-scroll.jg-attr-long:focus-visible { outline: 3px solid var(--jg-accent, #3b5bdb); outline-offset: 2px; }
.jg-paths-options legend { padding: 0 4px; font-size: 12.5px; font-weight: 700; }
.jg-paths-options .jg-paths-field { display: grid; gap: 3px; font-size: 12.5px; font-weight: 600; }
.jg-paths-options input, .jg-paths-options select { font: inherit; font-size: 13px; font-weight: 400; padding: 5px 8px;
  border-radius: 6px; border: 1px solid var(--jg-border-strong, #8795a7); background: var(--jg-surface, #fff); color: inherit; }
.jg-paths-options input { width: 90px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.jg-paths-options .jg-paths-hint { align-self: end; margin: 0 0 6px; font-size: 12px; color: var(--jg-muted, #52606d); flex: 1 1 180px; }
.jg-paths-error { padding: 10px 14px; border-radius: 8px; background: #fff1f0; border: 1px solid #f3b4ae; color: #8a1c13;
  font-size: 13.5px; display: grid; gap: 4px; }
.jg-paths-error strong { font-size: 14px; }
.jg-paths-error p { margin: 0 !important; }
.jg-paths-error code { display: block; margin-top: 2px; padding: 6px 8px; border-radius: 6px; background: #fff; color: #5c1710;
  border: 1px solid #f3b4ae; font-size: 12.5px; white-space: pre-wrap; overflow-wrap: anywhere; }
.jg-paths-actions { display: flex; gap: 8px; justify-content: flex-end; align-items: center; padding: 12px 22px 16px; }
.jg-paths-actions button { white-space: nowrap; }
.jg-paths-actions .jg-paths-kept { margin: 0 auto 0 0 !important; font-size: 12.5px !important; color: var(--jg-muted, #52606d); }
@media (max-width: 560px) { .jg-paths-stats { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
`;

export const ATTRIBUTION_CSS = `
.jg-toolbar button[data-action=attribution][aria-pressed=true]:hover:not(:disabled) { background: #2f4bc0; border-color: #2f4bc0; }
.jg-attribution { padding: 12px 20px 14px; background: var(--jg-surface, #fff); border-bottom: 1px solid var(--jg-border, #d5dde7); }
.jg-attr-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; margin: 0 0 8px; max-width: 1080px; }
.jg-attr-head h3 { margin: 0; font-size: 15px; }
.jg-attr-head .jg-attr-model { font-size: 12.5px; color: var(--jg-muted, #52606d); flex: 1; min-width: 240px; }
.jg-attr-head button { padding: 4px 10px; font-size: 12.5px; }
.jg-attr-cue { margin: 2px 0 0; font-size: 12.5px; color: var(--jg-muted, #52606d); flex-basis: 100%; }
.jg-attr-scroll { overflow: auto; max-width: 1080px;
  border: 1px solid var(--jg-border, #d5dde7); border-radius: 10px; }
.jg-attr-table { width: 100%; border-collapse: separate; border-spacing: 0; font-size: 13px; font-variant-numeric: tabular-nums; }
.jg-attr-table caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.jg-attr-table th, .jg-attr-table td { padding: 6px 12px; text-align: right; white-space: nowrap;
  border-bottom: 1px solid var(--jg-border, #e3e8ef); }
.jg-attr-table thead th { position: sticky; top: 0; z-index: 1; background: var(--jg-bg, #f4f6fa); font-size: 11px; font-weight: 700;
  letter-spacing: .05em; text-transform: uppercase; color: var(--jg-muted, #52606d); }
.jg-attr-table th[scope=row], .jg-attr-table thead th:first-child, .jg-attr-table tfoot th { text-align: left; }
.jg-attr-table tbody th { font-weight: 600; max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
.jg-attr-table tbody tr:hover { background: #f7f9fc; }
.jg-attr-table tbody th button { all: unset; cursor: pointer; border-radius: 4px; max-width: 100%; overflow: hidden; text-overflow: ellipsis;
  display: inline-block; vertical-align: bottom; color: var(--jg-ink, #1b2430); }
.jg-attr-table tbody th button:hover { text-decoration: underline; color: var(--jg-accent, #3b5bdb); }
.jg-attr-table tbody th button:focus-visible { outline: 3px solid var(--jg-accent, #3b5bdb); outline-offset: 1px; }
.jg-attr-share { display: inline-flex; align-items: center; justify-content: flex-end; gap: 8px; width: 100%; }
.jg-attr-bar { width: 140px; height: 8px; border-radius: 999px; background: #e6ebf3; overflow: hidden; flex: none; }
.jg-attr-bar span { display: block; height: 100%; border-radius: 999px; background: var(--jg-accent, #3b5bdb); }
.jg-attr-share output { min-width: 52px; font-weight: 700; }
.jg-attr-counted .jg-attr-bar { width: 64px; }
/* Eight columns: the headings wrap rather than push the last column out of view. */
.jg-attr-scroll.jg-attr-wide { max-width: 1320px; }
.jg-attr-counted thead th { white-space: normal; vertical-align: bottom; line-height: 1.3; }
.jg-attr-counted th, .jg-attr-counted td { padding: 6px 10px; }
.jg-attr-counted .jg-attr-share output { min-width: 44px; font-weight: 500; color: var(--jg-muted, #52606d); }
.jg-attr-credit { min-width: 44px; font-weight: 700; }
.jg-attr-table tfoot th, .jg-attr-table tfoot td { position: sticky; bottom: 0; background: var(--jg-surface, #fff); font-weight: 700;
  border-top: 1px solid var(--jg-border, #c7d1dd); border-bottom: 0; }
.jg-attr-note { margin: 8px 0 0; font-size: 12px; color: var(--jg-muted, #52606d); max-width: 1080px; }
.jg-attr-problem { margin: 0; font-size: 13px; color: #8a1c13; }
.jg-attr-computing { margin: 0 0 8px; font-size: 13px; color: var(--jg-muted, #52606d); }
.jg-attribution[data-state=computing] .jg-attr-scroll { opacity: .55; }
@media (max-width: 760px) { .jg-attribution { padding: 10px 12px 12px; } .jg-attr-bar { width: 56px; }
  .jg-attr-table th, .jg-attr-table td { padding: 6px 8px; } }
/* The printed poster is the map on one page (present/style.js); the table stays on screen. */
@media print { .jg-attribution { display: none !important; } }
`;

export const MERMAID_CSS = `
dialog.jg-mermaid-dialog { width: min(560px, calc(100vw - 32px)); }
.jg-mermaid-dialog textarea { box-sizing: border-box; width: 100%; min-height: 220px; font: 13px/1.4 ui-monospace, monospace; padding: 8px; }
.jg-mermaid-dialog .jg-mermaid-error { color: #a61b1b; font-size: 13.5px; margin: 8px 0 0; }
.jg-mermaid-dialog .jg-actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
`;

// stage-dialog.js
export const STAGE_DIALOG_CSS = `
dialog.jg-stage-dialog { width: min(460px, calc(100vw - 32px)); }
.jg-stage-dialog ul { margin: -6px 0 12px; padding-left: 20px; font-size: 13.5px; }
.jg-stage-dialog .jg-choice { display: grid; gap: 4px; padding: 10px 12px; margin: 0 0 12px; border-radius: 10px;
  background: var(--jg-bg, #f4f6fa); }
.jg-stage-dialog .jg-choice label { font-size: 12.5px; font-weight: 600; }
.jg-stage-dialog .jg-choice div { display: flex; gap: 8px; }
.jg-stage-dialog select { flex: 1; min-width: 0; font: inherit; font-size: 13px; padding: 5px 8px; border-radius: 6px;
  border: 1px solid var(--jg-border-strong, #8795a7); background: var(--jg-surface, #fff); color: inherit; }
.jg-stage-dialog .jg-actions { display: flex; gap: 8px; justify-content: space-between; }
`;

// whatif/
/** The styles of the bar and the panels (the toggle's are in style.js: it is there from the start). */
export const WHATIF_CSS = `

.jg-whatif-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 20px;
  background: var(--jg-whatif-bg, #f4f0ff); border-bottom: 1px solid var(--jg-whatif-border, #d9ccff);
  box-shadow: inset 4px 0 0 var(--jg-whatif, #6741d9); }
.jg-whatif-badge { font-size: 11px; font-weight: 800; letter-spacing: .06em; text-transform: uppercase; color: #fff;
  background: var(--jg-whatif, #6741d9); padding: 3px 10px; border-radius: 999px; }
.jg-whatif-group { display: inline-flex; align-items: center; gap: 6px; font-size: 12.5px; font-weight: 600; }
.jg-whatif-group select, .jg-whatif-group input { font: inherit; font-weight: 400; font-size: 13px; padding: 5px 8px;
  border-radius: 6px; border: 1px solid var(--jg-border, #c7d1dd); background: var(--jg-surface, #fff); color: inherit; }
.jg-whatif-group select { max-width: 220px; }
.jg-whatif-group input { width: 200px; }
.jg-whatif-key { margin-left: auto; display: inline-flex; align-items: center; gap: 6px; font-size: 12px; color: var(--jg-muted, #52606d); }
.jg-key-line { width: 22px; height: 0; border-top: 2.5px solid var(--jg-curve, #3b5bdb); }
.jg-key-line.jg-key-baseline { border-top: 2px dashed var(--jg-curve-ghost, #7b8794); margin-left: 8px; }

.jg-whatif-problem { flex-basis: 100%; margin: 0; font-size: 13px; color: #8a1c13; }

.jg-whatif-opps { padding: 8px 20px 12px; background: var(--jg-whatif-bg, #f4f0ff); border-bottom: 1px solid var(--jg-whatif-border, #d9ccff); }
.jg-opps-head { display: flex; align-items: baseline; gap: 4px 12px; flex-wrap: wrap; margin: 0 0 8px; }
.jg-opps-head h3 { margin: 0; font-size: 15px; }
.jg-opps-head .jg-hint { margin: 0; }
.jg-opps-head .jg-link { margin-left: auto; }
.jg-whatif-opps > .jg-hint { margin: 0; }
.jg-whatif-warn { color: #8a1c13; }
.jg-opps { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
.jg-opp { display: grid; grid-template-columns: 1fr auto; grid-template-areas: "top top" "gain gain" "why why" "fix add";
  gap: 3px 8px; align-items: center; padding: 8px 8px 8px 10px; background: var(--jg-surface, #fff);
  border: 1px solid var(--jg-whatif-border, #d9ccff); border-radius: 10px; box-shadow: 0 1px 2px rgb(16 24 40 / 0.05); }
.jg-opp-top { grid-area: top; display: flex; align-items: center; gap: 7px; min-width: 0; }
.jg-opp-rank { flex: none; width: 20px; height: 20px; border-radius: 50%; display: grid; place-items: center;
  background: var(--jg-whatif-soft, #e5dbff); color: var(--jg-whatif-ink, #4c2a9e); font-size: 12px; font-weight: 700; }
.jg-opp:first-child .jg-opp-rank { background: var(--jg-whatif, #6741d9); color: #fff; }
.jg-opp-name { min-width: 0; font-size: 13px; font-weight: 650; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.jg-opp-gain { grid-area: gain; font-size: 12.5px; font-weight: 700; color: var(--jg-gain, #1e6b3f); font-variant-numeric: tabular-nums; }
.jg-opp-why { grid-area: why; }
.jg-opp-fix { grid-area: fix; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 11.5px; color: var(--jg-muted, #52606d); font-variant-numeric: tabular-nums; }
.jg-opp-add { grid-area: add; font-size: 12px; padding: 3px 8px; white-space: nowrap; }

.jg-whatif-changes { margin: -14px -16px 14px; padding: 10px 16px; background: var(--jg-whatif-bg, #f4f0ff);
  border-bottom: 1px solid var(--jg-whatif-border, #d9ccff); }
.jg-changes-box summary { cursor: pointer; font-size: 13px; font-weight: 700; color: var(--jg-whatif-ink, #4c2a9e); }
.jg-changes-box .jg-hint { margin: 6px 0 8px; }
.jg-changes li { font-size: 12.5px; align-items: start; min-width: 0; }
.jg-change-text { flex: 1; min-width: 0; overflow-wrap: anywhere; padding-top: 4px; }
`;

// why.js
export const WHY_CSS = `
.jg-opp-why { grid-column: 1 / -1; font-size: 11.5px; line-height: 1.35; color: var(--jg-ink, #1b2430); }
.jg-assumes { margin: 6px 0 0 !important; font-size: 12px; }
.jg-assumes .jg-link { font-size: 12px; }
.jg-why { margin: 10px 0 0; }
.jg-why h4 { margin: 0 0 4px; font-size: 12.5px; }
.jg-why-list { margin: 0; padding-left: 18px; font-size: 12.5px; display: grid; gap: 4px; }
.jg-entry-share { margin: 2px 0 0; font-size: 12px; color: var(--jg-muted, #52606d); }
`;

// direct/
export const DIRECT_CSS = `
.jg-connector { cursor: crosshair; }
.jg-connector circle { fill: var(--jg-panel, #fff); stroke: var(--jg-accent, #3b5bdb); stroke-width: 2; }
.jg-connector .jg-connector-dot { fill: var(--jg-accent, #3b5bdb); stroke: none; }
.jg-connector[hidden] { display: none; }
.jg-connecting { stroke: var(--jg-accent, #3b5bdb); stroke-width: 2.5; stroke-dasharray: 6 4; pointer-events: none; }
.jg-card.jg-dragging { opacity: .85; pointer-events: none; cursor: grabbing; }
.jg-card.jg-drop-card .jg-card-bg { stroke: var(--jg-accent, #3b5bdb); stroke-width: 3; }
.jg-stage.jg-drop-stage .jg-column { fill: var(--jg-drop, #dbe4ff); }
svg.jg-map .jg-arrow { cursor: pointer; }
.jg-popup { position: absolute; z-index: 5; min-width: 220px; max-width: 320px; padding: 10px 12px; border-radius: 10px;
  background: var(--jg-panel, #fff); color: inherit; border: 1px solid var(--jg-border, #d5dde7);
  box-shadow: 0 12px 32px rgb(16 24 40 / .22); font-size: 13px; }
.jg-popup form { display: grid; grid-template-columns: 1fr auto; gap: 6px; align-items: center; margin: 0; }
.jg-popup form label { grid-column: 1 / -1; font-weight: 600; }
.jg-popup-error:empty { display: none; }
.jg-popup-error { grid-column: 1 / -1; margin: 0; color: var(--jg-danger, #b42318); }
.jg-popup-title { margin: 0 0 6px; font-weight: 600; }
.jg-popup input[type=search] { width: 100%; box-sizing: border-box; }
.jg-connect-loop { display: block; margin: 6px 0; }
.jg-popup [role=listbox] { list-style: none; margin: 0; padding: 0; max-height: 220px; overflow: auto; }
.jg-popup [role=option] { padding: 4px 6px; border-radius: 6px; cursor: pointer; }
.jg-popup [role=option] small { color: var(--jg-muted, #52606d); }
.jg-popup [role=option][aria-selected=true] { background: var(--jg-column, #e9eef5); outline: 2px solid var(--jg-accent, #3b5bdb); }
@media print { .jg-popup, .jg-connector { display: none; } }
`;

/** All of them, in the order the element's sheet had them. */
export const LATER_CSS = [STAGE_DIALOG_CSS, WHATIF_CSS, WHY_CSS, DIRECT_CSS, PATHS_CSS, ATTRIBUTION_CSS, MERMAID_CSS].join("");
