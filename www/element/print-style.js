// The printed poster (see present/style.js): in print the editor shows only
// its title, figures and the whole map, scaled to the page, colours kept.
// Apart from workshop mode's styles because printing needs it whether or not
// Present has been opened (and so loaded): lazy.js adopts it into the
// element's shadow root at once.

export const PRINT_CSS = `
@media print {
  :host { background: #ffffff !important; color: #0b1220; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .jg-present, .jg-toolbar, .jg-inspector, .jg-error, .jg-status, .jg-notice, .jg-whatif-panel, .jg-figures-more, .jg-how-sure, dialog { display: none !important; }
  .jg-root { background: #ffffff; }
  .jg-head { padding: 0 0 2mm; border: 0; background: none; }
  .jg-title { font-size: 16pt; }
  .jg-persona { font-size: 9pt; -webkit-line-clamp: 1; }
  .jg-figures { padding: 0 0 3mm; border: 0; background: none; gap: 2mm 6mm; }
  .jg-figure dd { font-size: 11pt; }
  /* The outcomes, dropout and the rest on one line, so the map keeps its page. */
  .jg-figures { flex-wrap: nowrap; gap: 2mm 4mm; }
  .jg-figure { min-width: 0; }
  .jg-figure dt { font-size: 7pt; }
  .jg-figure .jg-sub, .jg-figure .jg-hw { display: inline; margin-left: 1mm; font-size: 7pt; }
  .jg-body { display: block; min-height: 0; background: none; }
  .jg-canvas { overflow: visible; max-height: none; padding: 0; }
  .jg-canvas > svg.jg-map { width: 100%; height: auto; max-height: 140mm; break-inside: avoid; }
  .jg-legend-wrap { padding: 2mm 0 0; break-inside: avoid; }
  .jg-map, .jg-map *, .jg-legend, .jg-legend * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .jg-map .jg-card-bg { filter: none; }
}
`;
