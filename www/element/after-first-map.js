// What <journey-map> loads right after its first map is drawn (lazy.js,
// installAfterFirstMap): the inspector panel, the stage dialog (with the
// inspector's "why" lines, why.js), the drawing of its sliders' drags
// (draw-live.js) and editing on the map (direct/). The
// first map needs none of them, so they are not in what loads before it
// (SPEC section 6); their styles (later-style.js) come with them.
export { renderInspector, focusField } from "./inspector/index.js";
export { removeStage } from "./stage-dialog.js";
export { drawLive } from "./draw-live.js";
export { installDirect } from "./direct/index.js";
