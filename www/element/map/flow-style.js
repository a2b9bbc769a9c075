// The reach bars' colours (flow.js), for the map's own stylesheet
// (map-style.js) and the key beside it (legend-style.js). In a module of
// their own: flow.js imports map.js, which imports map-style.js, and a
// cycle would leave them unset when the stylesheet reads them.

export const FLOW_CSS = `
.jg-flow-track { fill: var(--jg-flow-track, #e3e8ef); }
.jg-flow-reach { fill: var(--jg-flow-reach, #4c6ef5); }
.jg-flow-leave { fill: var(--jg-flow-leave, #e03131); }
`;
