// The styles of what <journey-map> loads on first use (lazy.js): the paths
// import's preview dialog (paths-import.js), the attribution table
// (attribution.js) and the "Paste Mermaid…" dialog (mermaid-dialog.js). They stay in the element's one stylesheet (style.js), in
// the place they always had, so the cascade is the same whether or not those
// modules have loaded; they are a small part of what loads at start.

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
