// Styles of the map's key (an HTML list), for the element's shadow root.

import { FLOW_CSS } from "./flow-style.js";

export const LEGEND_CSS = `
.jg-legend {
  display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px;
  margin: 10px 0 0; padding: 0; list-style: none; font-size: 12px; color: var(--jg-muted, #52606d);
}
.jg-legend li { display: inline-flex; align-items: center; gap: 6px; }
.jg-legend-badge {
  display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11px; font-weight: 600;
}
.jg-legend-badge-goal { background: var(--jg-badge-goal-bg, #fff1bf); color: var(--jg-badge-goal-ink, #6b5000); }
.jg-legend-badge-service { background: var(--jg-badge-service-bg, #e3f0ff); color: var(--jg-badge-service-ink, #174f8f); }
.jg-legend-badge-proactive { background: var(--jg-badge-proactive-bg, #efeaff); color: var(--jg-badge-proactive-ink, #4f31b0); }
.jg-legend-badge-indirect { background: var(--jg-badge-indirect-bg, #edf0f3); color: var(--jg-badge-indirect-ink, #45505c); }

${FLOW_CSS}`;
